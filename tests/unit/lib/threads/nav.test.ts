import { describe, expect, test } from 'vitest';
import { hiddenEntries, stepTo, type PlacedEntry } from '../../../../src/lib/threads/nav.ts';

// A thread in reading order: a (replies b, c; b has reply d), e, f (reply g).
//   0 a  depth 0
//   1 b  depth 1
//   2 d  depth 2
//   3 c  depth 1
//   4 e  depth 0
//   5 f  depth 0
//   6 g  depth 1
const DEPTHS = [0, 1, 2, 1, 0, 0, 1];
/** Entries 300 px apart, the reading line at `line` px from the top of the first. */
function thread(collapsed: number[] = [], line = 0): PlacedEntry[] {
  return DEPTHS.map((depth, i) => ({ depth, collapsed: collapsed.includes(i), top: i * 300 - line }));
}

describe('hiddenEntries', () => {
  test('returns nothing hidden when nothing is folded', () => {
    expect(hiddenEntries(thread())).toEqual([false, false, false, false, false, false, false]);
  });
  test('returns every reply under a folded comment as hidden, at any depth, but not the comment itself', () => {
    expect(hiddenEntries(thread([0]))).toEqual([false, true, true, true, false, false, false]);
  });
  test('returns the fold of a reply hiding only its own replies', () => {
    expect(hiddenEntries(thread([1]))).toEqual([false, false, true, false, false, false, false]);
  });
  test('returns a folded reply inside a folded comment hidden, without its fold ending the outer one early', () => {
    expect(hiddenEntries(thread([0, 1]))).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('stepTo from a current comment', () => {
  test('returns the next and previous comment in reading order', () => {
    expect(stepTo(thread(), 1, 1)).toBe(2);
    expect(stepTo(thread(), 2, 1)).toBe(3);
    expect(stepTo(thread(), 3, -1)).toBe(2);
  });
  test('returns null past either end', () => {
    expect(stepTo(thread(), 6, 1)).toBeNull();
    expect(stepTo(thread(), 0, -1)).toBeNull();
  });
  test('skips the replies of folded comments both ways', () => {
    expect(stepTo(thread([0]), 0, 1)).toBe(4);
    expect(stepTo(thread([0]), 4, -1)).toBe(0);
    expect(stepTo(thread([1]), 1, 1)).toBe(3);
  });
  test('returns top-level comments only when asked, the current conversation’s start first going back', () => {
    expect(stepTo(thread(), 1, 1, true)).toBe(4);
    expect(stepTo(thread(), 4, 1, true)).toBe(5);
    expect(stepTo(thread(), 3, -1, true)).toBe(0);
    expect(stepTo(thread(), 6, -1, true)).toBe(5);
    expect(stepTo(thread(), 5, 1, true)).toBeNull();
  });
});

describe('stepTo from the reading line (no current comment)', () => {
  test('returns the first comment below the line going forward and the last above it going back', () => {
    // Line at 450 px: a (0) and b (300) are above it, d (600) is the first below.
    expect(stepTo(thread([], 450), null, 1)).toBe(2);
    expect(stepTo(thread([], 450), null, -1)).toBe(1);
  });
  test('returns the comment after one sitting exactly on the line, as after a move', () => {
    expect(stepTo(thread([], 600), null, 1)).toBe(3);
    expect(stepTo(thread([], 600), null, -1)).toBe(1);
  });
  test('skips hidden replies and, for top-level moves, replies', () => {
    expect(stepTo(thread([0], 150), null, 1)).toBe(4);
    expect(stepTo(thread([], 1000), null, 1, true)).toBe(4);
    expect(stepTo(thread([], 1000), null, -1, true)).toBe(0);
  });
  test('returns null when nothing lies that way', () => {
    expect(stepTo(thread([], 5000), null, 1)).toBeNull();
    expect(stepTo(thread([], -100), null, -1)).toBeNull();
  });
});
