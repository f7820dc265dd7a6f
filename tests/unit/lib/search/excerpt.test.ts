import { describe, expect, test } from 'vitest';
import { decodeEntities, highlightTerms, parseExcerpt } from '../../../../src/lib/search/excerpt.ts';

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
