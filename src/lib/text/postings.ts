// Posting lists (which rows hold each key) in two typed arrays instead of one JS array per key.
// The quote matcher lists, for every word pair of the corpus, the passages that hold it: about two
// million lists at 1,000 generated threads. As arrays they took some 380 MB of the heap while
// matching (a heap snapshot: 1.95 million arrays and their backing stores), most of it the arrays'
// own overhead and spare capacity, and at 5,000 threads they set the build's peak memory. Counted
// first and then filled, the same lists take about a tenth of that.

/** Posting lists: list k holds `items[offsets[k]]` up to (not including) `items[offsets[k + 1]]`. */
export interface PostingLists {
  offsets: Int32Array;
  items: Int32Array;
  /** 1 where some row holding the key was left out because its list had reached the cap. */
  full: Uint8Array;
}

const NONE = new Int32Array(0);

/**
 * The rows (by position, ascending) that hold each key, each row listed once per key and each list
 * cut at `cap` rows: the first `cap` rows to hold a key, as a list grown row by row would keep.
 * Keys are whole numbers from 0; a key no row holds has an empty list.
 */
export function postingLists(rows: readonly ArrayLike<number>[], cap: number): PostingLists {
  if (!Number.isInteger(cap) || cap < 0) throw new Error(`postingLists: cap must be a whole number, not ${cap}`);
  let keys = 0;
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      const k = row[j] ?? 0;
      if (!Number.isInteger(k) || k < 0) throw new Error(`postingLists: keys must be whole numbers from 0, not ${k}`);
      if (k >= keys) keys = k + 1;
    }
  }
  const counts = new Int32Array(keys);
  // The last row counted for each key, so a row that holds a key twice is listed once.
  const last = new Int32Array(keys).fill(-1);
  const full = new Uint8Array(keys);
  rows.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      const k = row[j] ?? 0;
      if (last[k] === i) continue;
      if ((counts[k] ?? 0) < cap) {
        counts[k] = (counts[k] ?? 0) + 1;
        last[k] = i;
      } else {
        full[k] = 1;
      }
    }
  });
  const offsets = new Int32Array(keys + 1);
  for (let k = 0; k < keys; k++) offsets[k + 1] = (offsets[k] ?? 0) + (counts[k] ?? 0);
  const items = new Int32Array(offsets[keys] ?? 0);
  // Filled in row order from each list's start; `counts` becomes the number placed so far.
  counts.fill(0);
  last.fill(-1);
  rows.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      const k = row[j] ?? 0;
      const start = offsets[k] ?? 0;
      if (last[k] === i || (counts[k] ?? 0) >= (offsets[k + 1] ?? 0) - start) continue;
      items[start + (counts[k] ?? 0)] = i;
      counts[k] = (counts[k] ?? 0) + 1;
      last[k] = i;
    }
  });
  return { offsets, items, full };
}

/** The rows listed for `key` (a view, not a copy); empty for a key beyond the lists. */
export function postingsOf(lists: PostingLists, key: number): Int32Array {
  const start = lists.offsets[key];
  const end = lists.offsets[key + 1];
  return start === undefined || end === undefined ? NONE : lists.items.subarray(start, end);
}

/** Whether some row holding `key` was left off its list (see postingLists' cap). */
export function isFull(lists: PostingLists, key: number): boolean {
  return lists.full[key] === 1;
}
