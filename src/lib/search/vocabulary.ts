// The index's own vocabulary, for two jobs Pagefind does not do well. (1) Pagefind, when a query
// word matches nothing, quietly searches for the longest shorter word it has loaded that the query
// word starts with: "decpetive" became "dec" (from a date) and "qzxv" became "q" (a formula's
// letter), and which shorter word it finds depends on which index chunks earlier keystrokes
// happened to load. A query word the vocabulary does not know is therefore answered with "no
// results" before Pagefind sees it, the same way typed or loaded from a URL. (2) "Did you mean":
// the closest known word by edit distance, preferring words the sources use most.
//
// The vocabulary is built at index time from the same records Pagefind indexes, one small JSON
// file per first character, words ordered by how often they occur, so a query fetches only the
// files for its words' first letters.

/** Folder of the vocabulary files, inside the Pagefind bundle so they are written and removed with it. */
export const VOCABULARY_DIR = 'vocabulary';

/** Lower case without diacritics, as Pagefind stores words. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The words Pagefind indexes for one piece of text: each whitespace-separated word with its
 * punctuation removed ("long-term" → "longterm"), and, for a word with punctuation or inner
 * capitals, its parts of two or more characters ("long", "term").
 */
export function indexedWords(text: string): string[] {
  const out: string[] = [];
  eachIndexedWord(text, (w) => out.push(w));
  return out;
}

/**
 * Calls `visit` with each word Pagefind indexes for a piece of text, in order (see indexedWords),
 * without making a list: the vocabulary counts every word of every record this way.
 */
function eachIndexedWord(text: string, visit: (word: string) => void): void {
  for (const raw of text.split(/\s+/)) {
    // Most words of a corpus are already plain lower-case letters and digits, their own and only
    // indexed word: they skip the lookup of what a word becomes (a third of the counting time).
    if (isPlainWord(raw)) visit(raw);
    else for (const w of wordsOf(raw)) visit(w);
  }
}

// A corpus repeats its words endlessly, and folding one (Unicode normalisation, three regular
// expressions) was most of the vocabulary's build time: each distinct raw word is worked out once.
const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 200_000;

/** Whether a word is only ASCII lower-case letters and digits (then it is its own only indexed word). */
function isPlainWord(raw: string): boolean {
  if (raw.length === 0) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** The indexed words of one whitespace-separated word (see indexedWords). */
function wordsOf(raw: string): readonly string[] {
  const known = wordCache.get(raw);
  if (known) return known;
  const out: string[] = [];
  const whole = fold(raw.replace(/[^\p{L}\p{N}]/gu, ''));
  if (whole) out.push(whole);
  if (/[^\p{L}\p{N}]/u.test(raw) || /.\p{Lu}/u.test(raw)) {
    const parts = raw
      .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
      .split(/[^\p{L}\p{N}]+/u)
      .map(fold)
      .filter((p) => Array.from(p).length > 1 && p !== whole);
    out.push(...parts);
  }
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(raw, out);
  return out;
}

/**
 * The words of a query as Pagefind searches them: lower case, punctuation dropped inside a word
 * ("x-risk" → "xrisk"), diacritics removed; words left empty are dropped.
 */
export function queryWords(query: string): string[] {
  return query
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .map((w) => fold(w.replace(/[^\p{L}\p{N}]/gu, '')))
    .filter(Boolean);
}

/** Name of the vocabulary file holding the words that start with `word`'s first character. */
export function shardName(word: string): string {
  const first = word.codePointAt(0) ?? 0;
  return `u${first.toString(16)}.json`;
}

/**
 * Share of records a word must appear in to say nothing about which record is meant ("the",
 * "of", "is" in this corpus). Pagefind requires every query word in a result, so "live example
 * of deceptive alignment" missed the comment that says all of it but "of"; such words are left
 * out of a query that has other words (never out of a quoted phrase).
 */
export const COMMON_SHARE = 0.7;

/** One vocabulary file: the words starting with one character, most used first, and which of them are common. */
export interface VocabularyShard {
  words: string[];
  common: string[];
}

/** A counter's state as plain data: records counted, and each word with its uses and the records it is in. */
export interface VocabularyCounts {
  records: number;
  words: [string, number, number][];
}

/**
 * A vocabulary counted one record at a time, so the index step can forget each record's text
 * once it is sent to Pagefind instead of holding every record until the end (at 5,000 threads
 * the held text ran the build out of memory).
 */
export class VocabularyCounter {
  /** Per word: its uses, the records it is in, and the last record it was counted in. */
  private readonly words = new Map<string, [number, number, number]>();
  private records = 0;
  private absorbed = 0;

  /** Counts one record's searchable text. */
  add(text: string): void {
    const record = ++this.records;
    eachIndexedWord(text, (w) => this.count(w, record));
  }

  private count(word: string, record: number, uses = 1, inRecords = 1): void {
    const known = this.words.get(word);
    if (!known) {
      this.words.set(word, [uses, inRecords, record]);
      return;
    }
    known[0] += uses;
    if (known[2] !== record) {
      known[1] += inRecords;
      known[2] = record;
    }
  }

  /** The counts so far as plain data, for a counter in another process to take in (see absorb). */
  counts(): VocabularyCounts {
    return { records: this.records, words: [...this.words].map(([w, [n, inRecords]]) => [w, n, inRecords]) };
  }

  /** Adds counts taken elsewhere (an index part counted in its own process), as if their records had been added here. */
  absorb(other: VocabularyCounts): void {
    // The other counter's records are not this one's: each taking-in counts under a number of
    // its own (negative, so it never meets a record's), once per word.
    const mark = -++this.absorbed;
    for (const [w, n, inRecords] of other.words) this.count(w, mark, n, inRecords);
    this.records += other.records;
  }

  /**
   * The vocabulary cut into one shard per first character: words ordered by how often they
   * occur (then alphabetically), and the common words (in at least COMMON_SHARE of the records).
   */
  shards(): Map<string, VocabularyShard> {
    const shards = new Map<string, [string, number][]>();
    for (const [word, [uses]] of this.words) {
      const entry: [string, number] = [word, uses];
      const name = shardName(entry[0]);
      const list = shards.get(name) ?? [];
      list.push(entry);
      shards.set(name, list);
    }
    const isCommon = (w: string) => (this.words.get(w)?.[1] ?? 0) >= COMMON_SHARE * this.records;
    return new Map(
      [...shards].map(([name, list]) => {
        const words = list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w]) => w);
        return [name, { words, common: words.filter(isCommon) }] as const;
      }),
    );
  }
}

/** The vocabulary shards of a set of records, each record's searchable text as one string (see VocabularyCounter). */
export function vocabularyShards(records: readonly string[]): Map<string, VocabularyShard> {
  const counter = new VocabularyCounter();
  for (const text of records) counter.add(text);
  return counter.shards();
}

/** How many leading characters two words share. */
function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Leading characters a query word must share with some indexed word. A short word must begin an
 * indexed word outright; a longer one may differ in its last three characters, which covers
 * endings the sources do not use ("alignments" for "alignment") and a slip at the end of a long
 * word, but never lets "decpetive" stand for "dec".
 */
export function requiredPrefix(length: number): number {
  return length <= 4 ? length : Math.max(4, length - 3);
}

/** Whether the vocabulary (the shard for the word's first character) knows a query word. */
export function isKnownWord(word: string, vocabulary: readonly string[]): boolean {
  const w = Array.from(word);
  const need = requiredPrefix(w.length);
  return vocabulary.some((v) => sharedPrefix(w, Array.from(v)) >= need);
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost one ("decpetive" is one swap from "deceptive"). Gives up
 * and returns `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[y.length]!;
}

/** Most edits a suggestion may be from the word typed: one for short words, two, then three for long ones. */
export function suggestionLimit(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The indexed word a reader most likely meant: the fewest edits away, counting a word the reader
 * may still be typing (edits to its beginning, plus half an edit), and among equals the one the
 * sources use most (vocabulary order). Null when nothing is close enough.
 */
export function suggestWord(word: string, vocabulary: readonly string[]): string | null {
  const length = Array.from(word).length;
  const limit = suggestionLimit(length);
  let best: { word: string; score: number } | null = null;
  for (const v of vocabulary) {
    if (v === word) return v;
    const whole = editDistance(word, v, limit);
    const chars = Array.from(v);
    const begun = chars.length > length ? editDistance(word, chars.slice(0, length).join(''), limit) + 0.5 : Infinity;
    const score = Math.min(whole, begun);
    if (score <= limit && (best === null || score < best.score)) best = { word: v, score };
  }
  return best?.word ?? null;
}

/** What the vocabulary says about a query: the words it does not know, a corrected query, and the query to give Pagefind. */
export interface QueryCheck {
  /** Query words no indexed word begins with (allowing a slip in the last three characters of a long word). */
  unknown: string[];
  /** The query with each unknown word replaced by its suggestion; null when nothing is unknown or some word has none. */
  suggestion: string | null;
  /** The query for Pagefind: without its common words when other words remain and it is not a quoted phrase. */
  search: string;
}

/** Whether a query asks for an exact phrase, as Pagefind reads it (wholly in double quotes). */
export function isPhraseQuery(query: string): boolean {
  return /^\s*".+"\s*$/.test(query);
}

/**
 * Checks each word of a query against the vocabulary shards it needs (`shards` maps a shard name
 * to its shard; a missing shard means no indexed word starts with that character).
 */
export function checkQuery(query: string, shards: ReadonlyMap<string, VocabularyShard>): QueryCheck {
  const shardOf = (w: string) => shards.get(shardName(w)) ?? { words: [], common: [] };
  const words = queryWords(query);
  const unknown = words.filter((w) => !isKnownWord(w, shardOf(w).words));
  const fixed = words.map((w) => (unknown.includes(w) ? suggestWord(w, shardOf(w).words) : w));
  const suggestion = unknown.length > 0 && fixed.every((w): w is string => w !== null) ? fixed.join(' ') : null;
  const raw = query.trim().split(/\s+/);
  const isCommon = (r: string) => queryWords(r).every((w) => shardOf(w).common.includes(w));
  const kept = raw.filter((r) => !isCommon(r));
  const search = isPhraseQuery(query) || kept.length === 0 ? query.trim() : kept.join(' ');
  return { unknown, suggestion, search };
}
