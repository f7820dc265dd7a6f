import { describe, expect, test } from 'vitest';
import { isAnchor, isSlug } from '../../../../src/lib/links/anchors.ts';
import { slugify } from '../../../../src/lib/threads/slug.ts';

describe('slugify', () => {
  test.each([
    ['Deceptive Alignment is <1% Likely by Default', 'deceptive-alignment-is-less-than-1-likely-by-default'],
    ['Adrià R. Moret', 'adria-r-moret'],
    ['Joe_Carlsmith', 'joe-carlsmith'],
    ['JP Addison', 'jp-addison'],
    ["Don't panic", 'dont-panic'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Why does this matter?', 'why-does-this-matter'],
    ['שלום 🚀', ''],
  ])('returns the slug of %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  test('cuts long titles at a word boundary', () => {
    const s = slugify('New report: "Scheming AIs: Will AIs fake alignment during training in order to get power?"');
    expect(s).toBe('new-report-scheming-ais-will-ais-fake-alignment-during');
    expect(s.length).toBeLessThanOrEqual(60);
  });

  test('cuts a single over-long word hard', () => {
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(60));
  });

  test('returns only valid slugs', () => {
    for (const t of ['A & B', '<>', 'a--b', '1.5 x']) {
      const s = slugify(t);
      expect(s === '' || isSlug(s)).toBe(true);
    }
  });
});

describe('isAnchor', () => {
  test.each([
    ['c-PHYDa4jyhchREs2kA', true],
    ['acknowledgements', true],
    ['1-intro', false],
    ['a b', false],
  ])('returns %j → %s', (s, ok) => {
    expect(isAnchor(s)).toBe(ok);
  });
});
