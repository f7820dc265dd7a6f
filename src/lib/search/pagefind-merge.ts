// Joining Pagefind indexes built separately over consecutive runs of records into the one index
// Pagefind would have built over all of them. The search step builds its index in parts so that
// two Pagefind processes share the machine's cores and a rebuild re-indexes only the parts whose
// records changed (src/build/build-search-index.ts); the reader must not be able to tell.
//
// What a part's files hold, as Pagefind 1.6 writes them (checked by tests/unit/build/pagefind-merge.test.ts
// against indexes Pagefind builds in one go):
// - the meta file lists pages in record order, the filters, the sorts, and the names of the meta
//   fields (sorted); a page is found by its number, its place in that list;
// - under each word, its pages' numbers are stored as the step from the page before (the first
//   from 0), each with its word positions and its meta-field positions, where a field is named by
//   a negative marker, -(index in the field list) - 1; a word's spelling variants carry their own
//   page lists, stepped the same way;
// - a filter value lists its pages by plain number.
// Page numbers in part k therefore move up by the pages of the parts before it, and meta-field
// markers move to the field's place in the joined list. Nothing else in an entry changes.
import { CborInts, type CborValue } from './cbor.ts';
import { PagefindFormatError, type PackedPage, type PackedWord } from './pagefind-chunks.ts';

/** Orders strings by Unicode code point, as Rust orders Pagefind's words (JS's `<` orders UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only a surrogate (an astral character) against a unit at or above U+E000 sorts differently.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** One part of an index: its word entries in order (read as they are needed), its meta-field names and how many pages it has. */
export interface IndexPart {
  words: Iterable<PackedWord>;
  fields: readonly string[];
  pageCount: number;
}

/** The sorted union of the parts' meta-field names, and for each part where each of its fields went. */
export function joinFields(parts: readonly (readonly string[])[]): { fields: string[]; maps: number[][] } {
  const fields = [...new Set(parts.flat())].sort(compareCodePoints);
  const place = new Map(fields.map((f, i) => [f, i]));
  return { fields, maps: parts.map((p) => p.map((f) => place.get(f)!)) };
}

const isArray = (x: CborValue): x is CborValue[] => Array.isArray(x);

/** A page entry's meta-field positions with each field marker moved to its place in the joined list. */
function remapMetaLocs(locs: CborValue, map: readonly number[], word: string): CborValue {
  if (locs === undefined) return locs;
  if (!isArray(locs) && !(locs instanceof CborInts)) throw new PagefindFormatError(`word "${word}": meta positions are not a list`);
  if (map.every((to, from) => to === from)) return locs;
  return (locs instanceof CborInts ? locs.values() : locs).map((n) => {
    if (typeof n !== 'number') throw new PagefindFormatError(`word "${word}": meta position of type ${typeof n} is not a number`);
    if (n >= 0) return n;
    const to = map[-n - 1];
    if (to === undefined) throw new PagefindFormatError(`word "${word}": meta field marker ${n} names no field of its part`);
    return -to - 1;
  });
}

/**
 * Appends one part's page list (stepped numbers) to `out`, moving every page up by `offset`;
 * `last` is the page `out` ends at (0 when empty: the first step is from page 0). Returns the new last page.
 */
function appendPages(out: PackedPage[], pages: readonly PackedPage[], offset: number, last: number, map: readonly number[], word: string): number {
  let page = 0;
  for (const entry of pages) {
    page += entry[0];
    const at = page + offset;
    const copy = entry.slice() as PackedPage;
    copy[0] = at - last;
    if (copy.length > 2) copy[2] = remapMetaLocs(copy[2], map, word);
    out.push(copy);
    last = at;
  }
  return last;
}

/** A word's spelling variants ([variant, pages][]) or an empty list, checked. */
function variantsOf(word: PackedWord): [string, PackedPage[]][] {
  const v = word[2];
  if (v === undefined) return [];
  if (!isArray(v)) throw new PagefindFormatError(`word "${word[0]}": variants are not a list`);
  return v.map((x) => {
    if (!isArray(x) || typeof x[0] !== 'string' || !isArray(x[1])) throw new PagefindFormatError(`word "${word[0]}": a variant is not [word, pages]`);
    return [x[0], x[1] as PackedPage[]];
  });
}

/**
 * The word entries of the index over all parts' pages, parts taken in order: page numbers
 * moved up by the pages before each part, and meta-field markers moved to the joined field list.
 * A word in several parts gets one entry, its pages (and each variant's pages) in page order.
 * Words are read from each part and given out one at a time, so a caller that writes them as
 * they come holds one chunk per part however large the site.
 */
export function* mergeWords(parts: readonly IndexPart[], maps: readonly (readonly number[])[]): Generator<PackedWord> {
  const offsets: number[] = [];
  let pages = 0;
  for (const p of parts) {
    offsets.push(pages);
    pages += p.pageCount;
  }
  const readers = parts.map((p) => p.words[Symbol.iterator]());
  const heads = readers.map((r) => r.next().value as PackedWord | undefined);
  for (;;) {
    // The smallest word any part has next; parts are few enough that a scan beats a heap.
    let next: string | undefined;
    for (const w of heads) if (w && (next === undefined || compareCodePoints(w[0], next) < 0)) next = w[0];
    if (next === undefined) return;
    const merged: PackedPage[] = [];
    let last = 0;
    const variants = new Map<string, { pages: PackedPage[]; last: number }>();
    let extra: CborValue[] | undefined;
    for (let k = 0; k < parts.length; k++) {
      const w = heads[k];
      if (!w || w[0] !== next) continue;
      heads[k] = readers[k]!.next().value as PackedWord | undefined;
      if (heads[k] && compareCodePoints(heads[k]![0], next) <= 0) throw new PagefindFormatError(`a part's words are out of order at "${heads[k]![0]}"`);
      last = appendPages(merged, w[1], offsets[k]!, last, maps[k]!, next);
      for (const [name, vp] of variantsOf(w)) {
        const v = variants.get(name) ?? { pages: [], last: 0 };
        v.last = appendPages(v.pages, vp, offsets[k]!, v.last, maps[k]!, next);
        variants.set(name, v);
      }
      if (w.length > 3) {
        const rest = JSON.stringify(w.slice(3));
        if (extra !== undefined && JSON.stringify(extra) !== rest) {
          throw new PagefindFormatError(`word "${next}": parts disagree on fields this merge does not know`);
        }
        extra = w.slice(3);
      }
    }
    const word: PackedWord = [next, merged, [...variants].map(([name, v]) => [name, v.pages] as CborValue)];
    if (extra) word.push(...extra);
    yield word;
  }
}

/** One filter as a part stores it: [value, page numbers][]. */
export type FilterValues = [string, number[]][];

/** Each filter's values over all parts, page numbers moved up by the pages before each part; values in code point order. */
export function mergeFilters(parts: readonly { filters: ReadonlyMap<string, FilterValues>; pageCount: number }[]): Map<string, FilterValues> {
  const joined = new Map<string, Map<string, number[]>>();
  let offset = 0;
  for (const part of parts) {
    for (const [name, values] of part.filters) {
      const byValue = joined.get(name) ?? new Map<string, number[]>();
      for (const [value, pages] of values) {
        const list = byValue.get(value) ?? [];
        for (const p of pages) list.push(p + offset);
        byValue.set(value, list);
      }
      joined.set(name, byValue);
    }
    offset += part.pageCount;
  }
  return new Map(
    [...joined].sort((a, b) => compareCodePoints(a[0], b[0])).map(([name, byValue]) => [name, [...byValue].sort((a, b) => compareCodePoints(a[0], b[0]))]),
  );
}
