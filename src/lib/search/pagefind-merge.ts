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
import { CborSpan, type CborValue } from './cbor.ts';
import { PagefindFormatError, PageList, RawPageList, type IndexWord, type PackedPage } from './pagefind-chunks.ts';

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
  words: Iterable<IndexWord>;
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
  if (!isArray(locs)) throw new PagefindFormatError(`word "${word}": meta positions are not a list`);
  if (map.every((to, from) => to === from)) return locs;
  return locs.map((n) => {
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
function variantsOf(word: IndexWord): [string, PackedPage[] | PageList][] {
  const v = word[2];
  if (v === undefined) return [];
  if (!isArray(v)) throw new PagefindFormatError(`word "${word[0]}": variants are not a list`);
  return v.map((x) => {
    if (!isArray(x) || typeof x[0] !== 'string' || !(isArray(x[1]) || x[1] instanceof PageList))
      throw new PagefindFormatError(`word "${word[0]}": a variant is not [word, pages]`);
    return [x[0], x[1] as PackedPage[] | PageList];
  });
}

/**
 * One word's page list over all parts, built part by part. A part's list read as bytes
 * (RawPageList) is copied through with only its first step rewritten, unless its meta-field
 * markers move (then it is decoded, as a decoded list always is, and its entries rewritten).
 */
class PagesOverParts {
  private readonly pieces: (CborValue | CborSpan)[] = [];
  private count = 0;
  private weight = 0;
  private copied = false;
  private last = 0;
  /** Appends a part's list, its pages moved up by `offset` and its markers by `map` (`identity` when none moves). */
  add(list: PackedPage[] | PageList, offset: number, map: readonly number[], identity: boolean, word: string): void {
    if (list instanceof RawPageList && identity) {
      if (list.length === 0) return;
      // The first step counts from the page this list now follows; the rest count from each other.
      this.pieces.push(
        new CborSpan(list.source, list.start, list.stepStart),
        list.firstPage + offset - this.last,
        new CborSpan(list.source, list.stepEnd, list.end),
      );
      this.count += list.length;
      this.weight += list.weight;
      this.last = list.lastPage + offset;
      this.copied = true;
      return;
    }
    if (list instanceof PageList && !(list instanceof RawPageList)) throw new PagefindFormatError(`word "${word}": a merged page list cannot be merged again`);
    const out: PackedPage[] = [];
    this.last = appendPages(out, list instanceof RawPageList ? list.entries() : list, offset, this.last, map, word);
    for (const entry of out) {
      this.pieces.push(entry);
      this.weight += entry[1].length + 1;
    }
    this.count += out.length;
  }
  /** The list: as bytes to copy when any part's was, else the decoded entries. */
  result(): PackedPage[] | PageList {
    return this.copied ? new PageList(this.count, this.pieces, this.weight) : (this.pieces as PackedPage[]);
  }
}

/**
 * The word entries of the index over all parts' pages, parts taken in order: page numbers
 * moved up by the pages before each part, and meta-field markers moved to the joined field list.
 * A word in several parts gets one entry, its pages (and each variant's pages) in page order.
 * Words are read from each part and given out one at a time, so a caller that writes them as
 * they come holds one chunk per part however large the site.
 */
export function* mergeWords(parts: readonly IndexPart[], maps: readonly (readonly number[])[]): Generator<IndexWord> {
  const offsets: number[] = [];
  let pages = 0;
  for (const p of parts) {
    offsets.push(pages);
    pages += p.pageCount;
  }
  const identity = maps.map((map) => map.every((to, from) => to === from));
  const readers = parts.map((p) => p.words[Symbol.iterator]());
  const heads = readers.map((r) => r.next().value as IndexWord | undefined);
  for (;;) {
    // The smallest word any part has next; parts are few enough that a scan beats a heap.
    let next: string | undefined;
    for (const w of heads) if (w && (next === undefined || compareCodePoints(w[0], next) < 0)) next = w[0];
    if (next === undefined) return;
    const merged = new PagesOverParts();
    const variants = new Map<string, PagesOverParts>();
    let extra: CborValue[] | undefined;
    for (let k = 0; k < parts.length; k++) {
      const w = heads[k];
      if (!w || w[0] !== next) continue;
      heads[k] = readers[k]!.next().value as IndexWord | undefined;
      if (heads[k] && compareCodePoints(heads[k]![0], next) <= 0) throw new PagefindFormatError(`a part's words are out of order at "${heads[k]![0]}"`);
      merged.add(w[1], offsets[k]!, maps[k]!, identity[k]!, next);
      for (const [name, vp] of variantsOf(w)) {
        const v = variants.get(name) ?? new PagesOverParts();
        v.add(vp, offsets[k]!, maps[k]!, identity[k]!, next);
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
    const word: IndexWord = [next, merged.result(), [...variants].map(([name, v]) => [name, v.result()] as CborValue)];
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
