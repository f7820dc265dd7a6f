import { describe, expect, test } from 'vitest';
import { htmlText } from '../../../../src/lib/text/html-text.ts';

describe('htmlText', () => {
  test('returns the text without tags', () => {
    expect(htmlText('<em>all</em> it will <a href="/x">have</a>')).toBe('all it will have');
  });
  test('returns named and numeric character references decoded', () => {
    expect(htmlText('&lt;1% &amp; we&#39;re &#x201C;here&#x201D;&nbsp;now')).toBe("<1% & we're “here”\u00a0now");
  });
  test('returns unknown or out-of-range references as written', () => {
    expect(htmlText('&bogus; &#x110000;')).toBe('&bogus; &#x110000;');
  });
});
