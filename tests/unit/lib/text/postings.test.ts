import { describe, expect, test } from 'vitest';
import { prng } from '../../../../src/bench/corpus.ts';
import { isFull, postingLists, postingsOf } from '../../../../src/lib/text/postings.ts';

// The packed lists must hold exactly what one growing array per key held before them: the quote
// matcher's results depend on which rows each capped list keeps and on which keys overflowed.

/** The lists as the matcher used to build them: an array per key, grown row by row. */
function reference(rows: readonly number[][], cap: number): { lists: Map<number, number[]>; full: Set<number> } {
  const lists = new Map<number, number[]>();
  const full = new Set<number>();
  rows.forEach((row, i) => {
    for (const k of row) {
      const list = lists.get(k) ?? [];
      lists.set(k, list);
      if (list.at(-1) === i) continue;
      if (list.length < cap) list.push(i);
      else full.add(k);
    }
  });
  return { lists, full };
}

function randomRows(seed: number): { rows: number[][]; keys: number } {
  const rand = prng(seed);
  const keys = 1 + Math.floor(rand() * 40);
  const rows = Array.from({ length: Math.floor(rand() * 60) }, () =>
    // Rows repeat keys and come unsorted, as a passage's words do.
    Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() ** 2 * keys)),
  );
  return { rows, keys };
}

describe('postingLists', () => {
  test('each list holds the first rows up to the cap, in order, once each, as arrays grown row by row did', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { rows, keys } = randomRows(seed);
      const cap = seed % 7;
      const packed = postingLists(
        rows.map((r) => Int32Array.from(r)),
        cap,
      );
      const want = reference(rows, cap);
      // A few keys past the largest one used: those lists are empty, never an error.
      for (let k = 0; k < keys + 3; k++) {
        expect([...postingsOf(packed, k)], `seed ${seed}, key ${k}`).toEqual(want.lists.get(k) ?? []);
        expect(isFull(packed, k), `seed ${seed}, key ${k} full`).toBe(want.full.has(k));
      }
    }
  });

  test('a list is a view of the packed rows, the size of what it lists', () => {
    const packed = postingLists([Int32Array.of(2, 0), Int32Array.of(2), Int32Array.of(0, 2, 2)], 10);
    expect([...postingsOf(packed, 2)]).toEqual([0, 1, 2]);
    expect([...postingsOf(packed, 0)]).toEqual([0, 2]);
    expect([...postingsOf(packed, 1)]).toEqual([]);
    expect(packed.items.length).toBe(5);
    expect(postingsOf(packed, 2).buffer).toBe(packed.items.buffer);
  });

  test('no rows give no lists; a bad cap or key is named', () => {
    expect([...postingsOf(postingLists([], 3), 0)]).toEqual([]);
    expect(() => postingLists([Int32Array.of(1)], -1)).toThrow(/cap must be a whole number, not -1/);
    expect(() => postingLists([[1, -2]], 2)).toThrow(/keys must be whole numbers from 0, not -2/);
  });
});
