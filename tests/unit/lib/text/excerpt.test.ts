import { describe, expect, test } from 'vitest';
import { excerpt } from '../../../../src/lib/text/excerpt.ts';

describe('excerpt', () => {
  test('returns short text unchanged but with whitespace collapsed', () => {
    expect(excerpt('  a \n b  ', 10)).toBe('a b');
  });
  test('returns text cut at a word boundary with an ellipsis when too long', () => {
    expect(excerpt('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…');
  });
  test('returns a hard cut when one word is longer than the limit', () => {
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
  test('returns whole code points when an emoji sits at the boundary', () => {
    const out = excerpt('😀'.repeat(30), 10);
    expect(Array.from(out)).toHaveLength(10);
    expect(out.endsWith('😀…')).toBe(true);
  });
});
