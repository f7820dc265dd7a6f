import { describe, expect, test } from 'vitest';
import { lookalikeKey, matchPerson, visible, type PersonRecord } from '../../../../src/lib/threads/names.ts';

const PEOPLE: PersonRecord[] = [
  { slug: 'joe-carlsmith', name: 'Joe Carlsmith', aliases: ['Joe_Carlsmith'] },
  { slug: 'adria-r-moret', name: 'Adrià R. Moret', aliases: [] },
  { slug: 'quintin-pope', name: 'Quintin Pope', aliases: [] },
];

describe('matchPerson', () => {
  test.each([
    ['Joe Carlsmith', 'joe-carlsmith'],
    ['Joe_Carlsmith', 'joe-carlsmith'],
    ['Adria\u0300 R. Moret', 'adria-r-moret'], // NFD spelling of the same name
    ['Quintin Pope', 'quintin-pope'],
  ])('links %j exactly to %s', (name, slug) => {
    expect(matchPerson(name, PEOPLE)).toEqual({ person: PEOPLE.find((p) => p.slug === slug), exact: true });
  });

  test.each([
    ['Joe_Carlsmith\u200b', 'joe-carlsmith'],
    ['\uff2a\uff4f\uff45_Carlsmith', 'joe-carlsmith'],
    ['joe carlsmith', 'joe-carlsmith'],
    ['J\u043ee_Carlsmith', 'joe-carlsmith'], // Cyrillic о
    ['Quintin\u2060 Pope', 'quintin-pope'],
    ['QUINTIN POPE', 'quintin-pope'],
  ])('does not link the look-alike %j but names %s', (name, slug) => {
    expect(matchPerson(name, PEOPLE)).toEqual({ person: PEOPLE.find((p) => p.slug === slug), exact: false });
  });

  test('returns null for other names, and for names that slugify alike', () => {
    expect(matchPerson('Joe Carlsmith-Smith', PEOPLE)).toBeNull();
    expect(matchPerson('Quintin-Pope', PEOPLE)).toBeNull();
    expect(matchPerson('\u200b', PEOPLE)).toBeNull();
  });
});

describe('lookalikeKey', () => {
  test('folds width, case, format characters and underscores', () => {
    expect(lookalikeKey('\uff2a\uff4f\uff45_Carl\u200bsmith')).toBe('joe carlsmith');
  });
});

describe('visible', () => {
  test('writes controls, format and separator characters as code points and keeps the rest', () => {
    expect(visible('a\u200bb\u202ec\u0007d\u00a0e f\u2028Ｊ')).toBe('a<U+200B>b<U+202E>c<U+0007>d<U+00A0>e f<U+2028>Ｊ');
  });
});
