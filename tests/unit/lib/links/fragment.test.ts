import { describe, expect, test } from 'vitest';
import {
  directiveString,
  encodeTextDirectivePart,
  parseFragment,
  parseTextDirective,
  passageLink,
  textFragmentFor,
} from '../../../../src/lib/links/fragment.ts';

describe('encodeTextDirectivePart', () => {
  test('returns dashes, commas and ampersands percent-encoded', () => {
    expect(encodeTextDirectivePart('long-term, goals & more')).toBe('long%2Dterm%2C%20goals%20%26%20more');
  });
  test('returns a literal percent sign encoded, so "1%" is not read as an escape', () => {
    expect(encodeTextDirectivePart('less than 1% likely')).toBe('less%20than%201%25%20likely');
  });
  test('returns whitespace runs (newlines, tabs, several spaces) as one encoded space, without edges', () => {
    expect(encodeTextDirectivePart('  point\n\t them  ')).toBe('point%20them');
  });
  test('returns "#", ":" and non-ASCII letters encoded, so the fragment stays one fragment', () => {
    expect(encodeTextDirectivePart('a#b:~:c “é”')).toBe('a%23b%3A~%3Ac%20%E2%80%9C%C3%A9%E2%80%9D');
  });
});

describe('directiveString', () => {
  test('returns start alone', () => {
    expect(directiveString({ start: 'a strange prior' })).toBe(':~:text=a%20strange%20prior');
  });
  test('returns prefix-, start, end and -suffix in the spec order', () => {
    expect(directiveString({ prefix: 'seems like', start: 'a strange', end: 'to me', suffix: 'to assume' })).toBe(
      ':~:text=seems%20like-,a%20strange,to%20me,-to%20assume',
    );
  });
  test('returns a dash inside the words encoded, never confused with the prefix or suffix marks', () => {
    expect(directiveString({ prefix: 'goal-directed', start: 'long-term', suffix: 'well-known' })).toBe(':~:text=goal%2Ddirected-,long%2Dterm,-well%2Dknown');
  });
  test('returns an empty string for empty start words', () => {
    expect(directiveString({ start: '  ' })).toBe('');
  });
});

describe('parseTextDirective', () => {
  test('returns the parts of a full directive, decoded', () => {
    expect(parseTextDirective('seems%20like-,a%20strange,to%20me,-to%20assume')).toEqual({
      prefix: 'seems like',
      start: 'a strange',
      end: 'to me',
      suffix: 'to assume',
    });
  });
  test('returns what directiveString wrote, for words holding the syntax characters', () => {
    const d = { prefix: 'a, b-', start: '1% & 2%', end: 'x-y', suffix: '-z' };
    expect(parseTextDirective(directiveString(d).slice(':~:text='.length))).toEqual(d);
  });
  test('returns null for a malformed escape or too many parts', () => {
    expect(parseTextDirective('bad%E0%A4%A')).toBeNull();
    expect(parseTextDirective('a,b,c')).toBeNull();
    expect(parseTextDirective('')).toBeNull();
  });
});

describe('parseFragment', () => {
  test('returns the id and the text directives of a fragment', () => {
    expect(parseFragment('#c-1:~:text=prove%20too%20much&text=b')).toEqual({ id: 'c-1', directives: [{ start: 'prove too much' }, { start: 'b' }] });
  });
  test('returns a plain id with no directives', () => {
    expect(parseFragment('#summary')).toEqual({ id: 'summary', directives: [] });
  });
  test('returns a null id for a page-level directive', () => {
    expect(parseFragment('#:~:text=Scheming')).toEqual({ id: null, directives: [{ start: 'Scheming' }] });
  });
  test('returns a malformed escape as written instead of throwing', () => {
    expect(parseFragment('#%E0%A4%A')).toEqual({ id: '%E0%A4%A', directives: [] });
    expect(parseFragment('#c-1:~:text=%ZZ')).toEqual({ id: 'c-1', directives: [] });
  });
  test('returns a percent-encoded id decoded', () => {
    expect(parseFragment('c%2D1')).toEqual({ id: 'c-1', directives: [] });
  });
});

describe('textFragmentFor', () => {
  test('returns an empty string when nothing is selected', () => {
    expect(textFragmentFor('  \n ')).toBe('');
  });
  test('returns the whole selection when it is short', () => {
    expect(textFragmentFor('hyper-locally')).toBe(':~:text=hyper%2Dlocally');
  });
  test('returns a start,end pair when the selection is long', () => {
    const long = 'Gradient descent can only update the model in the direction that improves performance hyper-locally right now';
    expect(textFragmentFor(long)).toBe(':~:text=Gradient%20descent%20can%20only,performance%20hyper%2Dlocally%20right%20now');
  });
});

describe('passageLink', () => {
  test('returns the page URL with the anchor and the directive, dropping any old hash', () => {
    expect(passageLink('https://x.test/essays/e/#old', 'summary', 'four precursors')).toBe('https://x.test/essays/e/#summary:~:text=four%20precursors');
  });
  test('returns a chosen directive as given', () => {
    expect(passageLink('https://x.test/t/', 'c-1', { prefix: 'like', start: 'a strange prior' })).toBe(
      'https://x.test/t/#c-1:~:text=like-,a%20strange%20prior',
    );
  });
});
