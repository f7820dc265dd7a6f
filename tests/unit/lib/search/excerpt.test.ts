import { describe, expect, test } from 'vitest';
import { contentWords, decodeEntities, excerptOf, excerptStart, highlightTerms, markedWords, parseExcerpt } from '../../../../src/lib/search/excerpt.ts';

describe('parseExcerpt', () => {
  test('returns marked and plain runs in order', () => {
    expect(parseExcerpt('the <mark>counting</mark> argument')).toEqual([
      { text: 'the ', mark: false },
      { text: 'counting', mark: true },
      { text: ' argument', mark: false },
    ]);
  });
  test('returns escaped markup from the source as literal text, never as tags', () => {
    const parts = parseExcerpt('&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>');
    expect(parts[0]?.text).toBe('<script>alert(1)</script> ');
    expect(parts[1]).toEqual({ text: 'x', mark: true });
  });
  test('returns text without any stray tags', () => {
    expect(parseExcerpt('a <b>b</b> <img src=x onerror=alert(1)>c')).toEqual([{ text: 'a b c', mark: false }]);
  });
});

describe('decodeEntities', () => {
  test('returns characters for named and numeric references and leaves unknown ones', () => {
    expect(decodeEntities('&amp;&#39;&#x263A;&bogus;')).toBe("&'☺&bogus;");
  });
});

describe('highlightTerms', () => {
  test('returns distinct lower-case words without quotes or punctuation', () => {
    expect(highlightTerms('"Counting argument", counting a NN')).toEqual(['counting', 'argument', 'nn']);
  });
});

describe('markedWords', () => {
  test('returns the words in order, matched ones marked, with the space between two matched words inside one mark', () => {
    const words = contentWords('the deceptive alignment story assumes');
    expect(markedWords(words, new Set([1, 2, 4]), 0, 5)).toEqual([
      { text: 'the ', mark: false },
      { text: 'deceptive alignment', mark: true },
      { text: ' story ', mark: false },
      { text: 'assumes', mark: true },
    ]);
  });
});

describe('excerptStart and excerptOf', () => {
  const text = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
  test('returns a window that starts a few words before the densest run of matches', () => {
    expect(excerptStart(60, [40, 41, 42, 5], 10)).toBe(36);
    expect(excerptStart(60, [], 10)).toBe(0);
  });
  test('returns a window never before `from` and never past the end', () => {
    expect(excerptStart(60, [2, 3], 10, 8)).toBe(8);
    expect(excerptStart(60, [58, 59], 10)).toBe(50);
  });
  test('returns the excerpt with ellipses where text is cut, and nothing before `from`', () => {
    const parts = excerptOf(text, [40], 5, 10);
    expect(parts.map((p) => p.text).join('')).toBe('… w36 w37 w38 w39 w40 …');
    expect(parts.find((p) => p.mark)?.text).toBe('w40');
    expect(excerptOf('a b c', [], 5, 3)).toEqual([]);
    expect(
      excerptOf('a b c', [0], 5)
        .map((p) => p.text)
        .join(''),
    ).toBe('a b c');
  });
});
