// Re-cutting Pagefind's word index into smaller chunks. Pagefind fills each chunk file with about
// 20,000 word positions and offers no setting for it; a query fetches every chunk its words fall
// in, so one word cost ~26 KB of index and a two-word query ~52 KB, which alone broke the budget of
// 100 KB for a first query. The words stay in Pagefind's order, with the same entries; only the
// cut points and the range names of each chunk change. Pagefind's engine finds the chunk for a
// query word by comparing the word with those names, so cutting and naming are chosen together
// (see cutIntoChunks and rangesOf).
import { CborInts, type CborValue } from './cbor.ts';

/** One word's entry in a chunk: [word, pages, …] as Pagefind encodes it; extra fields ride along. */
export type PackedWord = [string, PackedPage[], ...CborValue[]];
/** One page's entry under a word: [page number, positions, …]; positions may be left encoded (CborInts). */
export type PackedPage = [number, number[] | CborInts, ...CborValue[]];

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
      if (!isArray(p) || typeof p[0] !== 'number' || !(p[1] instanceof CborInts || (isArray(p[1]) && p[1].every((n) => typeof n === 'number')))) {
        throw new PagefindFormatError(`${file}: word "${w[0]}" has a page entry that is not [page, positions, …]`);
      }
    }
    return w as PackedWord;
  });
}

/** Wraps words back into the layout of a `.pf_index` file. */
export function chunkOfWords(words: PackedWord[]): CborValue {
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
export function wordWeight(word: PackedWord): number {
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
export function cutIntoChunks(words: readonly PackedWord[], target: number, keepTogether = 3): PackedWord[][] {
  return [...cutChunks(words, target, keepTogether)];
}

/** cutIntoChunks one chunk at a time, for words that arrive one at a time (a merge of index parts). */
export function* cutChunks(words: Iterable<PackedWord>, target: number, keepTogether = 3): Generator<PackedWord[]> {
  if (!Number.isInteger(target) || target < 1) throw new RangeError(`chunk target must be a positive whole number, not ${target}`);
  let run: PackedWord[] = [];
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
export function rangesOf(chunks: readonly PackedWord[][]): ChunkRange[] {
  return chunks.map((c, i) => rangeAfter(chunks[i - 1]?.at(-1)?.[0], c));
}

/** The range of one chunk (hash left empty), given the last word of the chunk before it, if any (see rangesOf). */
export function rangeAfter(previous: string | undefined, chunk: readonly PackedWord[]): ChunkRange {
  const first = chunk[0]?.[0] ?? '';
  return { from: previous === undefined ? first : distinguishingPrefix(previous, first), to: chunk.at(-1)?.[0] ?? '', hash: '' };
}
