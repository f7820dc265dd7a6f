import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
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

describe('excerpt on long text', () => {
  /** The cut made from every character of the text, as excerpt did before it looked at the first max + 1 only. */
  function reference(text: string, max: number): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    const chars = Array.from(flat);
    if (chars.length <= max) return flat;
    const head = chars.slice(0, max - 1).join('');
    const endsWord = /\s/.test(chars[max - 1] ?? '');
    const space = head.lastIndexOf(' ');
    const cut = endsWord || space <= max * 0.5 ? head : head.slice(0, space);
    return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
  }

  test('cuts exactly as a cut made from the whole text would, emoji and runs of spaces included', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', ' ', '  \n', '😀', 'é', '.', ', '), { maxLength: 80 }), fc.integer({ min: 2, max: 40 }), (parts, max) => {
        const text = parts.join('');
        expect(excerpt(text, max)).toBe(reference(text, max));
      }),
    );
  });
  test('equals cutting the whole text with its whitespace collapsed, for long texts of any make-up', () => {
    // The definition: collapse and trim all of the text first. excerpt collapses only a head of a
    // long text; it must cut exactly where this does.
    const whole = (text: string, max: number): string => {
      const flat = text.replace(/\s+/g, ' ').trim();
      const chars = Array.from(flat);
      if (chars.length <= max) return flat;
      const head = chars.slice(0, max - 1).join('');
      const space = head.lastIndexOf(' ');
      const cut = /\s/.test(chars[max - 1] ?? '') || space <= max * 0.5 ? head : head.slice(0, space);
      return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
    };
    const piece = fc.constantFrom('word', 'a', ' ', '  ', '\n\n', '\t', '😀', 'é', '.', ', ', ' '.repeat(300), 'x'.repeat(40));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.constantFrom(1, 2, 10, 60, 140, 300), (pieces, max) => {
        const text = pieces.join('');
        expect(excerpt(text, max)).toBe(whole(text, max));
      }),
      { numRuns: 1500 },
    );
  });
});
