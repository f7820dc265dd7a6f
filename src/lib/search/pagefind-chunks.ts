// Re-cutting Pagefind's word index into smaller chunks. Pagefind fills each chunk file with about
// 20,000 word positions and offers no setting for it; a query fetches every chunk its words fall
// in, so one word cost ~26 KB of index and a two-word query ~52 KB, which alone broke the budget of
// 100 KB for a first query. The words stay in Pagefind's order, with the same entries; only the
// cut points and the range names of each chunk change. Pagefind's engine finds the chunk for a
// query word by comparing the word with those names, so cutting and naming are chosen together
// (see cutIntoChunks and rangesOf).
import { CborCursor, CborSplice, CborSpan, type CborValue } from './cbor.ts';

/** One word's entry in a chunk: [word, pages, variants, …] as Pagefind encodes it; extra fields ride along. */
export type PackedWord = [string, PackedPage[], ...CborValue[]];
/** A word's entry as a merge reads and writes it: its pages (and each variant's) decoded, or kept as bytes (PageList). */
export type IndexWord = [string, PackedPage[] | PageList, ...CborValue[]];
/** One page's entry under a word: [page number, positions, …]. */
export type PackedPage = [number, number[], ...CborValue[]];

/**
 * A word's page entries kept as the bytes they were read from or are written as, with what a
 * merge needs to know of them: how many, how much they weigh toward a chunk (see wordWeight).
 */
export class PageList extends CborSplice {
  /** Pages plus their word positions. */
  readonly weight: number;
  /** `length` entries made of `pieces`, weighing `weight`. */
  constructor(length: number, pieces: readonly (CborValue | CborSpan)[], weight: number) {
    super(length, pieces);
    this.weight = weight;
  }
}

/**
 * A part's page list as read from its chunk file: one span of bytes, and where its first entry's
 * page step sits in it, so a merge can move the list's pages up by rewriting that step alone
 * (the others are steps from the page before, which a move does not change).
 */
export class RawPageList extends PageList {
  readonly source: Uint8Array;
  /** Where the list's first entry starts, its step starts and ends, and the list ends, in `source`. */
  readonly start: number;
  readonly stepStart: number;
  readonly stepEnd: number;
  readonly end: number;
  /** The first entry's page number (its step from 0), and the last entry's. */
  readonly firstPage: number;
  readonly lastPage: number;
  /** The list of `length` entries at `source[start..end)`. */
  constructor(
    source: Uint8Array,
    at: { start: number; stepStart: number; stepEnd: number; end: number },
    length: number,
    pages: { first: number; last: number },
    weight: number,
  ) {
    super(length, [new CborSpan(source, at.start, at.end)], weight);
    this.source = source;
    this.start = at.start;
    this.stepStart = at.stepStart;
    this.stepEnd = at.stepEnd;
    this.end = at.end;
    this.firstPage = pages.first;
    this.lastPage = pages.last;
  }
  /** The entries decoded, for a merge that must change more than the first step. */
  entries(): PackedPage[] {
    const cursor = new CborCursor(this.source, this.start);
    const out: PackedPage[] = [];
    for (let i = 0; i < this.length; i++) out.push(cursor.item() as PackedPage);
    return out;
  }
}

/** A chunk's place in the meta file: the first and last word it can hold, and its file's hash. */
export interface ChunkRange {
  from: string;
  to: string;
  hash: string;
}

/** Raised when a file does not have the layout this code was written against, naming the part. */
export class PagefindFormatError extends Error {
  override name = 'PagefindFormatError';
}

/**
 * Word positions per chunk: about 4 KB gzipped (7 KB at most), against Pagefind's fixed 20,000
 * (~26 KB). Smaller chunks mean more files and, for short prefixes, more requests; at this size a
 * first query of one or two words stays under 100 KB with the engine included.
 */
export const DEFAULT_CHUNK_POSITIONS = 2500;

const isArray = (x: CborValue): x is CborValue[] => Array.isArray(x);

/** The words of one decoded `.pf_index` file, checked against Pagefind's layout. */
export function wordsOfChunk(decoded: CborValue, file: string): PackedWord[] {
  if (!isArray(decoded) || decoded.length < 1 || !isArray(decoded[0])) {
    throw new PagefindFormatError(`${file}: expected [words] at the top of a word index chunk`);
  }
  return decoded[0].map((w, i) => {
    if (!isArray(w) || typeof w[0] !== 'string' || !isArray(w[1])) {
      throw new PagefindFormatError(`${file}: word ${i} is not [word, pages, …]`);
    }
    for (const p of w[1]) {
      if (!isArray(p) || typeof p[0] !== 'number' || !isArray(p[1]) || !p[1].every((n) => typeof n === 'number')) {
        throw new PagefindFormatError(`${file}: word "${w[0]}" has a page entry that is not [page, positions, …]`);
      }
    }
    return w as PackedWord;
  });
}

/** Reads a page list at the cursor, checking each entry is [page step, positions, …], and leaves it as bytes. */
function readPageList(c: CborCursor, file: string, word: string): RawPageList {
  const bad = (what: string) => new PagefindFormatError(`${file}: word "${word}" ${what}`);
  const head = c.at;
  const n = c.head();
  if (c.kind() !== 4) throw bad('has pages that are not a list');
  c.checkCount(n, head);
  const start = c.at;
  let stepStart = start;
  let stepEnd = start;
  let page = 0;
  let first = 0;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const fields = c.head();
    if (c.kind() !== 4 || fields < 2) throw bad('has a page entry that is not [page, positions, …]');
    if (i === 0) stepStart = c.at;
    const step = c.head();
    if (c.kind() !== 0) throw bad('has a page entry that is not [page, positions, …]');
    if (i === 0) {
      stepEnd = c.at;
      first = step;
    }
    page += step;
    const positions = c.head();
    if (c.kind() !== 4) throw bad('has a page entry that is not [page, positions, …]');
    for (let k = 0; k < positions; k++) {
      c.head();
      if (c.kind() > 1) throw bad('has a page entry that is not [page, positions, …]');
    }
    for (let k = 2; k < fields; k++) c.skip();
    weight += positions + 1;
  }
  return new RawPageList(c.bytes, { start, stepStart, stepEnd, end: c.at }, n, { first, last: page }, weight);
}

/**
 * The words of one `.pf_index` file, each word's pages and variants' pages left as bytes
 * (RawPageList) for a merge to copy through; checked against Pagefind's layout as wordsOfChunk is.
 */
export function readRawWords(bytes: Uint8Array, file: string): IndexWord[] {
  const c = new CborCursor(bytes);
  const top = c.head();
  if (c.kind() !== 4 || top < 1) throw new PagefindFormatError(`${file}: expected [words] at the top of a word index chunk`);
  const count = c.head();
  if (c.kind() !== 4) throw new PagefindFormatError(`${file}: expected [words] at the top of a word index chunk`);
  const words: IndexWord[] = [];
  for (let i = 0; i < count; i++) {
    const fields = c.head();
    if (c.kind() !== 4 || fields < 2) throw new PagefindFormatError(`${file}: word ${i} is not [word, pages, …]`);
    const word = c.item();
    if (typeof word !== 'string') throw new PagefindFormatError(`${file}: word ${i} is not [word, pages, …]`);
    const entry: IndexWord = [word, readPageList(c, file, word)];
    if (fields > 2) {
      const variants = c.head();
      if (c.kind() !== 4) throw new PagefindFormatError(`${file}: word "${word}": variants are not a list`);
      const list: CborValue[] = [];
      for (let v = 0; v < variants; v++) {
        const pair = c.head();
        const name = pair === 2 && c.kind() === 4 ? c.item() : undefined;
        if (typeof name !== 'string') throw new PagefindFormatError(`${file}: word "${word}": a variant is not [word, pages]`);
        list.push([name, readPageList(c, file, word)]);
      }
      entry.push(list);
    }
    for (let k = 3; k < fields; k++) entry.push(c.item());
    words.push(entry);
  }
  for (let k = 1; k < top; k++) c.skip();
  c.end();
  return words;
}

/** Wraps words back into the layout of a `.pf_index` file. */
export function chunkOfWords(words: IndexWord[]): CborValue {
  return [words];
}

/** The chunk ranges listed in a decoded `.pf_meta` file (its third field). */
export function chunkRangesOfMeta(decoded: CborValue, file: string): ChunkRange[] {
  if (!isArray(decoded) || typeof decoded[0] !== 'string' || !isArray(decoded[2])) {
    throw new PagefindFormatError(`${file}: expected [version, pages, chunks, …] at the top of the meta file`);
  }
  return decoded[2].map((c, i) => {
    if (!isArray(c) || c.length !== 3 || !c.every((s) => typeof s === 'string')) {
      throw new PagefindFormatError(`${file}: chunk ${i} is not [from, to, hash]`);
    }
    return { from: c[0] as string, to: c[1] as string, hash: c[2] as string };
  });
}

/** How much a word weighs toward a chunk's size: one per page it is on, plus one per position. */
export function wordWeight(word: IndexWord): number {
  if (word[1] instanceof PageList) return word[1].weight;
  let n = 0;
  for (const page of word[1]) n += page[1].length + 1;
  return n;
}

/** How many leading characters two words share. */
function sharedLength(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * Cuts words (in index order) into runs of about `target` positions, never splitting a word.
 * Pagefind's engine fetches one chunk per query word, found by these ranges, and completes the
 * last word as a prefix from that chunk alone; so if "dece…" words sat in two chunks, typing
 * "dece" would show only some of them. A run therefore closes, once it has reached the target,
 * only between words that share fewer than `keepTogether` leading characters: every 3-letter
 * family stays in one chunk and any query word of 3 or more letters sees all its completions.
 * A family far larger than the target would make one huge chunk, so the rule relaxes by one
 * character each time the run doubles (a run of 2× the target may split a 3-letter family
 * between 4-letter ones, 4× a 4-letter family, …). A keepTogether of 0 closes a run at the first
 * boundary past the target, as Pagefind does.
 */
export function cutIntoChunks<W extends IndexWord>(words: readonly W[], target: number, keepTogether = 3): W[][] {
  return [...cutChunks(words, target, keepTogether)];
}

/** cutIntoChunks one chunk at a time, for words that arrive one at a time (a merge of index parts). */
export function* cutChunks<W extends IndexWord>(words: Iterable<W>, target: number, keepTogether = 3): Generator<W[]> {
  if (!Number.isInteger(target) || target < 1) throw new RangeError(`chunk target must be a positive whole number, not ${target}`);
  let run: W[] = [];
  let size = 0;
  for (const w of words) {
    const last = run.at(-1);
    if (last && size >= target && (keepTogether === 0 || sharedLength(last[0], w[0]) < keepTogether + Math.floor(Math.log2(size / target)))) {
      yield run;
      run = [];
      size = 0;
    }
    run.push(w);
    size += wordWeight(w);
  }
  if (run.length > 0) yield run;
}

/** One character past what two words share, cut from the second: the shortest prefix of `next` that sorts after `last`. */
export function distinguishingPrefix(last: string, next: string): string {
  return Array.from(next)
    .slice(0, sharedLength(last, next) + 1)
    .join('');
}

/**
 * The from/to names of each chunk (hashes left empty), ready for the meta file. Pagefind's engine
 * takes, for each query word, the first chunk with from <= word <= to. Pagefind names both ends
 * by shortest distinguishing prefixes, which can name a chunk's end before its own last words
 * ("c" for a chunk ending in "cca") and send a lookup to the wrong chunk. Here `to` is the last
 * word itself, so every indexed word is found in its own chunk; `from` stays the shortest prefix
 * past the previous chunk, so a query of 3+ letters (one 3-letter family per chunk, see
 * cutIntoChunks) still sorts inside the chunk holding its completions.
 */
export function rangesOf(chunks: readonly IndexWord[][]): ChunkRange[] {
  return chunks.map((c, i) => rangeAfter(chunks[i - 1]?.at(-1)?.[0], c));
}

/** The range of one chunk (hash left empty), given the last word of the chunk before it, if any (see rangesOf). */
export function rangeAfter(previous: string | undefined, chunk: readonly IndexWord[]): ChunkRange {
  const first = chunk[0]?.[0] ?? '';
  return { from: previous === undefined ? first : distinguishingPrefix(previous, first), to: chunk.at(-1)?.[0] ?? '', hash: '' };
}
