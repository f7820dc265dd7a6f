// How the quote matcher reads a text: its words folded to one form, numbered, and paired, so that
// comparing texts compares small integers. Reading is most of the matcher's time at a forum's
// scale (about 2 of its 4 s at 1,000 generated threads), and a text reads the same in every build,
// so a TextReader can be written out whole (readerChunks) and taken up again by the next build
// (readerFromBytes): only texts it has not seen are read. The numbers a reader gives depend on the
// order texts came in, and the matcher never depends on them: it compares numbers only for
// equality, and every order it takes (lists, sets, ties) follows the passages, never the numbers
// (tests/unit/lib/text/quotes-index.test.ts checks the links a kept reader gives against a fresh one's).

const DOUBLE_QUOTES = /[“”„‟«»″〝〞＂]/g;
const SINGLE_QUOTES = /[‘’‚‛′`´]/g;
const DASHES = /[‐‑‒–—―−]/g;
/** Three dots, spaced or not: an elision once folded, in normaliseText and tokenise alike. */
const ELLIPSES = /\.\s*\.\s*\./g;
/** The token a "…" (or "...") in a text becomes: an elision, which a quote may skip words at. */
export const ELLIPSIS = '…';

/** Folds typographic variants (quote marks, dashes, "...", spacing before punctuation) to one form. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .replace(DASHES, '-')
    .replace(ELLIPSES, ELLIPSIS)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?)\]}])/g, '$1')
    .replace(/([([{])\s+/g, '$1')
    .trim()
    .toLowerCase();
}

const TOKEN = /[\p{L}\p{N}]+|…/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Splits text into lower-case word tokens; "…" survives as its own token, marking an elision.
 * The tokens are those of normaliseText's output, but only the folds that can change a token are
 * made: compatibility forms (ligatures, full-width letters, "…" itself, which becomes "..."), dots
 * becoming an elision, and case. Quote marks, dashes and spacing are never inside a token, and
 * skipping their six passes made reading a forum's texts about a third faster. ASCII text is its
 * own compatibility form, so only other text is normalised.
 */
export function tokenise(text: string): string[] {
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return folded.replace(ELLIPSES, ELLIPSIS).toLowerCase().match(TOKEN) ?? [];
}

/**
 * A text as the matcher reads it: its tokens as word numbers (see WordIds), the number of each
 * neighbouring pair in text order (`pairs[i]` is words i and i + 1), and its distinct pairs,
 * sorted. Typed arrays, not lists of strings and Sets: a forum's worth of passages held as strings
 * and Sets took gigabytes while matching. The pairs in order are kept so that the matcher's look
 * at a quote's inner pairs (pairNeeds) costs no look-up in the pair table.
 */
export interface ReadText {
  ids: Int32Array;
  pairs: Int32Array;
  bigrams: Int32Array;
}

/**
 * Numbers for words and for word pairs, so a pair is one small integer instead of a joined string:
 * the index is looked up once for every pair of every line, and small-integer keys are the cheapest
 * a Map or an array can have.
 */
export class WordIds {
  private readonly ids: Map<string, number>;
  private readonly pairs: PairTable;
  /** Numbers given afresh, or (from readerFromBytes) the words an earlier run numbered, with room for its pairs. */
  constructor(words: readonly string[] = [], pairRoom = 0) {
    this.ids = new Map(words.map((w, i) => [w, i]));
    this.pairs = new PairTable(pairRoom);
  }
  /** The word's number, given on first sight. */
  of(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }
  /** The number of the pair (first, second) of word numbers, given on first sight. */
  pair(first: number, second: number): number {
    return this.pairs.idOf(first, second);
  }
  /** How many words and pairs have numbers. */
  get size(): { words: number; pairs: number } {
    return { words: this.ids.size, pairs: this.pairs.size };
  }
  /** The words in number order (a Map keeps insertion order, and numbers are given in that order). */
  wordList(): string[] {
    return [...this.ids.keys()];
  }
  /** The pair table's slots (not a copy), for readerChunks to list the pairs from. */
  pairSlots(): Int32Array {
    return this.pairs.slotArray();
  }
}

/**
 * Numbers for pairs of word numbers: an open-addressing hash table in one typed array, a slot's
 * first word, second word and pair number side by side. A Map of Maps cost more than a microsecond
 * a pair, and a corpus holds millions of pairs; kept in three arrays, a look-up touched three
 * far-apart places in a table of some hundred megabytes at 5,000 threads, and waited on memory
 * three times.
 */
class PairTable {
  /** Slot s is [3s] first word (−1 when empty), [3s + 1] second word, [3s + 2] the pair's number. */
  private slots: Int32Array;
  private count: number;
  /** An empty table with room for about `room` pairs before it must grow. */
  constructor(room = 0) {
    let size = 1 << 12;
    while (size < 2 * room + 2) size *= 2;
    this.slots = new Int32Array(3 * size).fill(-1);
    this.count = 0;
  }
  /** How many pairs have numbers. */
  get size(): number {
    return this.count;
  }
  /** The slots themselves (not a copy). */
  slotArray(): Int32Array {
    return this.slots;
  }
  /** The pair's number, given on first sight. */
  idOf(first: number, second: number): number {
    if (2 * (this.count + 1) > this.slots.length / 3) this.grow();
    const { slots } = this;
    const mask = slots.length / 3 - 1;
    let slot = slotOf(first, second, mask);
    for (;;) {
      const at = 3 * slot;
      const f = slots[at] ?? -1;
      if (f === -1) {
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = this.count;
        return this.count++;
      }
      if (f === first && slots[at + 1] === second) return slots[at + 2] ?? 0;
      slot = (slot + 1) & mask;
    }
  }
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2).fill(-1);
    const mask = slots.length / 3 - 1;
    for (let at = 0; at < old.length; at += 3) {
      const first = old[at] ?? -1;
      if (first === -1) continue;
      const second = old[at + 1] ?? 0;
      let slot = slotOf(first, second, mask);
      while ((slots[3 * slot] ?? -1) !== -1) slot = (slot + 1) & mask;
      slots[3 * slot] = first;
      slots[3 * slot + 1] = second;
      slots[3 * slot + 2] = old[at + 2] ?? 0;
    }
    this.slots = slots;
  }
}

/** Where a pair's search starts in a table of `mask + 1` slots. */
function slotOf(first: number, second: number, mask: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
}

/** A text's neighbouring pairs of word numbers, each as one number, in text order. */
export function pairsOf(ids: ArrayLike<number>, words: WordIds): Int32Array {
  const pairs = new Int32Array(Math.max(0, ids.length - 1));
  for (let i = 0; i + 1 < ids.length; i++) pairs[i] = words.pair(ids[i] ?? 0, ids[i + 1] ?? 0);
  return pairs;
}

/** The distinct numbers of a list, in ascending order. */
export function distinctSorted(list: Int32Array): Int32Array {
  const all = list.slice().sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i] ?? 0;
  return all.slice(0, n);
}

/**
 * Reads texts into word numbers and pairs, once per distinct text, and remembers which texts the
 * current run asked for: those are the ones readerChunks keeps for the next run.
 */
export class TextReader {
  readonly words: WordIds;
  private readonly texts: Map<string, ReadText & { run: number }>;
  private run = 0;
  /** Texts dropped since the numbers were last given afresh: numbers only they used are dead weight. */
  readonly stale: number;
  /** A fresh reader, or one taken up from an earlier run (see readerFromBytes). */
  constructor(words: WordIds = new WordIds(), texts: Map<string, ReadText & { run: number }> = new Map(), stale = 0) {
    this.words = words;
    this.texts = texts;
    this.stale = stale;
  }
  /** Starts a run: texts read from now on are the ones the run kept. */
  begin(): void {
    this.run++;
  }
  /** The text's word numbers and pairs, read on first sight. */
  read(text: string): ReadText {
    let got = this.texts.get(text);
    if (!got) {
      const tokens = tokenise(text);
      const ids = new Int32Array(tokens.length);
      for (let i = 0; i < tokens.length; i++) ids[i] = this.words.of(tokens[i]!);
      const pairs = pairsOf(ids, this.words);
      got = { ids, pairs, bigrams: distinctSorted(pairs), run: this.run };
      this.texts.set(text, got);
    }
    got.run = this.run;
    return got;
  }
  /** The texts the current run read, with how many texts the reader held that it did not. */
  kept(): { texts: [string, ReadText][]; dropped: number } {
    const texts: [string, ReadText][] = [];
    for (const [text, got] of this.texts) if (got.run === this.run) texts.push([text, got]);
    return { texts, dropped: this.texts.size - texts.length };
  }
}

// The file readerChunks writes: a line of JSON (the counts below, padded with spaces to a multiple
// of four bytes), then 32-bit integers (each pair's two word numbers, in pair-number order; each
// kept text's number of words, distinct pairs and UTF-16 units; all texts' word numbers; all
// texts' pairs in order; all texts' distinct pairs), then UTF-8 (the words, one to a line, then
// the texts end to end). The pairs are listed rather than their hash table written out: the table
// is more than half empty and three times the size. The header's sum of the integers catches a
// damaged file. Integers are in this machine's byte order: the file is a cache on the machine
// that wrote it.
const FORMAT = 'quote-reader/3';

interface Header {
  format: string;
  words: number;
  pairs: number;
  texts: number;
  ids: number;
  bigrams: number;
  wordBytes: number;
  textBytes: number;
  stale: number;
  sum: number;
}

/** The bytes of a typed array, as a view. */
function bytesOf(list: Int32Array): Uint8Array {
  return new Uint8Array(list.buffer, list.byteOffset, list.byteLength);
}

/** A check sum of integers (each one's place counts, so two swapped numbers change it). */
function sumOf(lists: readonly Int32Array[]): number {
  let sum = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) sum = (Math.imul(sum, 31) + (list[i] ?? 0)) | 0;
  return sum;
}

/**
 * The reader as pieces of one file (written in turn, they need no single buffer of the whole),
 * keeping only the texts of its current run; null when so many texts have been dropped since its
 * numbers were given afresh (more than it keeps) that the next run should start from nothing.
 */
export function readerChunks(reader: TextReader): Uint8Array[] | null {
  const { texts, dropped } = reader.kept();
  const stale = reader.stale + dropped;
  if (stale > texts.length) return null;
  const encoder = new TextEncoder();
  const wordBlob = encoder.encode(reader.words.wordList().join('\n'));
  const slots = reader.words.pairSlots();
  const { words, pairs } = reader.words.size;
  const pairList = new Int32Array(2 * pairs);
  for (let at = 0; at < slots.length; at += 3) {
    const pair = slots[at + 2] ?? -1;
    if ((slots[at] ?? -1) === -1 || pair < 0) continue;
    pairList[2 * pair] = slots[at] ?? 0;
    pairList[2 * pair + 1] = slots[at + 1] ?? 0;
  }
  const lengths = new Int32Array(3 * texts.length);
  let idCount = 0;
  let pairCount = 0;
  let bigramCount = 0;
  texts.forEach(([text, r], i) => {
    lengths[3 * i] = r.ids.length;
    lengths[3 * i + 1] = r.bigrams.length;
    lengths[3 * i + 2] = text.length;
    idCount += r.ids.length;
    pairCount += r.pairs.length;
    bigramCount += r.bigrams.length;
  });
  const ids = new Int32Array(idCount);
  const inOrder = new Int32Array(pairCount);
  const bigrams = new Int32Array(bigramCount);
  let idAt = 0;
  let pairAt = 0;
  let bigramAt = 0;
  for (const [, r] of texts) {
    ids.set(r.ids, idAt);
    idAt += r.ids.length;
    inOrder.set(r.pairs, pairAt);
    pairAt += r.pairs.length;
    bigrams.set(r.bigrams, bigramAt);
    bigramAt += r.bigrams.length;
  }
  const ints = [pairList, lengths, ids, inOrder, bigrams];
  const textBlob = encoder.encode(texts.map(([text]) => text).join(''));
  const header: Header = {
    format: FORMAT,
    words,
    pairs,
    texts: texts.length,
    ids: idCount,
    bigrams: bigramCount,
    wordBytes: wordBlob.length,
    textBytes: textBlob.length,
    stale,
    sum: sumOf(ints),
  };
  let line = JSON.stringify(header);
  while ((line.length + 1) % 4 !== 0) line += ' ';
  return [encoder.encode(`${line}\n`), ...ints.map(bytesOf), wordBlob, textBlob];
}

/** Whether every number in `list` names one of `count` things. */
function within(list: Int32Array, count: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i] ?? -1;
    if (v < 0 || v >= count) return false;
  }
  return true;
}

/**
 * A reader taken up from readerChunks' file, or null when the bytes are not such a file or do not
 * hold together (a damaged cache is read again from the texts, never trusted).
 */
export function readerFromBytes(bytes: Uint8Array): TextReader | null {
  const newline = bytes.indexOf(10);
  if (newline < 0 || (newline + 1) % 4 !== 0) return null;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as Header;
  } catch {
    return null;
  }
  const counts = [header.words, header.pairs, header.texts, header.ids, header.bigrams, header.wordBytes, header.textBytes, header.stale];
  if (header.format !== FORMAT || !counts.every((n) => Number.isInteger(n) && n >= 0) || !Number.isInteger(header.sum)) return null;
  const idsAt = 2 * header.pairs + 3 * header.texts;
  const start = newline + 1;
  const intBytes = bytes.length - start - header.wordBytes - header.textBytes;
  if (intBytes < 4 * (idsAt + header.ids + header.bigrams) || intBytes % 4 !== 0) return null;
  // A copy (a Node Buffer's slice would not be one), so the integers start on a four-byte boundary.
  const int = new Int32Array(new Uint8Array(bytes.subarray(start, start + intBytes)).buffer);
  const pairList = int.subarray(0, 2 * header.pairs);
  const lengths = int.subarray(2 * header.pairs, idsAt);
  const ids = int.subarray(idsAt, idsAt + header.ids);
  const inOrder = int.subarray(idsAt + header.ids, int.length - header.bigrams);
  const bigrams = int.subarray(int.length - header.bigrams);
  if (sumOf([pairList, lengths, ids, inOrder, bigrams]) !== header.sum) return null;
  if (!within(pairList, header.words) || !within(ids, header.words) || !within(inOrder, header.pairs) || !within(bigrams, header.pairs)) return null;
  const decoder = new TextDecoder();
  let byte = start + intBytes;
  const words = header.words === 0 ? [] : decoder.decode(bytes.subarray(byte, byte + header.wordBytes)).split('\n');
  byte += header.wordBytes;
  if (words.length !== header.words || new Set(words).size !== words.length) return null;
  const numbers = new WordIds(words, header.pairs);
  // Each pair must get back its own number: a pair listed twice is damage.
  for (let pair = 0; pair < header.pairs; pair++) if (numbers.pair(pairList[2 * pair] ?? 0, pairList[2 * pair + 1] ?? 0) !== pair) return null;
  const blob = decoder.decode(bytes.subarray(byte));
  const texts = new Map<string, ReadText & { run: number }>();
  let idAt = 0;
  let pairAt = 0;
  let bigramAt = 0;
  let charAt = 0;
  for (let i = 0; i < header.texts; i++) {
    const idLength = lengths[3 * i] ?? -1;
    const bigramLength = lengths[3 * i + 1] ?? -1;
    const textLength = lengths[3 * i + 2] ?? -1;
    const pairLength = Math.max(0, idLength - 1);
    if (idLength < 0 || bigramLength < 0 || textLength < 0) return null;
    if (idAt + idLength > ids.length || pairAt + pairLength > inOrder.length || bigramAt + bigramLength > bigrams.length || charAt + textLength > blob.length)
      return null;
    texts.set(blob.slice(charAt, charAt + textLength), {
      ids: ids.subarray(idAt, idAt + idLength),
      pairs: inOrder.subarray(pairAt, pairAt + pairLength),
      bigrams: bigrams.subarray(bigramAt, bigramAt + bigramLength),
      run: 0,
    });
    idAt += idLength;
    pairAt += pairLength;
    bigramAt += bigramLength;
    charAt += textLength;
  }
  const whole = idAt === ids.length && pairAt === inOrder.length && bigramAt === bigrams.length && charAt === blob.length;
  return whole && texts.size === header.texts ? new TextReader(numbers, texts, header.stale) : null;
}
