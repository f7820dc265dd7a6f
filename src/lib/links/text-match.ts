/**
 * Finding words in a page's text the way a browser follows a text fragment, and choosing the
 * directive that lands on one particular occurrence of them.
 *
 * Text is handled flat: a page is its blocks (paragraphs, headings, list items) joined by "\n",
 * with every other whitespace run collapsed to one space, which is what a browser compares
 * against. The matcher follows the "find a range from a text directive" steps of the URL Fragment
 * Text Directives spec: case-insensitive, whole words at the outer edges, `start` (and a lone
 * `start`'s whole match) inside one block, `prefix`/`suffix` separated from the match only by
 * whitespace. The same code runs at build time, to choose directives for our links, and in the
 * browser, to highlight the words where the browser has no text fragments of its own.
 */
import type { TextDirective } from './fragment.ts';

/** A page's flat text, with its case-folded copy (same length) that matching compares against. */
export interface IndexedText {
  text: string;
  folded: string;
}

/** A stretch of flat text, as [start, end) offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Lower-cases per code point, keeping each one's length, so offsets stay valid between the copies. */
function fold(text: string): string {
  // ASCII lower-cases one character to one character. Otherwise the pieces are joined once:
  // adding them one at a time built a rope of one node per character, which a page's text kept
  // for the whole build (about 300 MB at 300 generated threads).
  // Only capitals and non-ASCII runs are visited (a page's typographic quotes and dashes made a
  // visit per character of the whole page three seconds of a 1,000-thread build).
  if (ASCII.test(text)) return text.toLowerCase();
  return text.replace(TO_FOLD, (run) => (run.charCodeAt(0) < 0x80 ? run.toLowerCase() : foldEach(run)));
}

/** Lower-cases code point by code point, keeping any whose lower case has another length. */
function foldEach(run: string): string {
  const out: string[] = [];
  for (const ch of run) {
    const lower = ch.toLowerCase();
    out.push(lower.length === ch.length ? lower : ch);
  }
  return out.join('');
}

const ASCII = /^[\x00-\x7f]*$/;
const TO_FOLD = /[A-Z]+|[^\x00-\x7f]+/g;

/** Prepares flat text for matching. */
export function indexText(text: string): IndexedText {
  return { text, folded: fold(text) };
}

/** Collapses whitespace the way rendered text does: one space inside a block, no edges. */
export function flattenBlock(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Joins blocks into flat text, dropping empty ones. */
export function flatText(blocks: readonly string[]): string {
  return blocks
    .map(flattenBlock)
    .filter((b) => b.length > 0)
    .join('\n');
}

const LETTER = /[\p{L}\p{N}]/u;
const APOSTROPHE = /['’]/;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/**
 * Whether a word boundary falls before offset `i`: not between two letters, and not on either side
 * of an apostrophe inside a word ("don't" is one word, as Unicode word breaking has it).
 */
export function isWordBoundary(text: string, i: number): boolean {
  const before = text[i - 1];
  const after = text[i];
  if (isLetter(before) && isLetter(after)) return false;
  if (after !== undefined && APOSTROPHE.test(after) && isLetter(before) && isLetter(text[i + 1])) return false;
  if (before !== undefined && APOSTROPHE.test(before) && isLetter(text[i - 2]) && isLetter(after)) return false;
  return true;
}

/** A query as the folded text holds it: whitespace collapsed, lower case. */
function folded(query: string): string {
  return fold(flattenBlock(query));
}

// Where each folded query occurs in a text, found as far as searches have needed and kept: a page
// of near-identical comments asks for the same few phrases thousands of times, each search once
// scanning the page from the top.
const occurrences = new WeakMap<IndexedText, Map<string, Occurrences>>();

// Where each folded word starts in a text, found in one pass, so a query is looked up by its
// rarest whole word instead of by scanning the page: one scan per distinct phrase made a page of
// 20,000 near-identical comments quadratic, since nearly every phrase there is distinct.
const wordStarts = new WeakMap<IndexedText, Map<string, number[]>>();
const RUN = /[\p{L}\p{N}]+/gu;

function wordStartsOf(t: IndexedText): Map<string, number[]> {
  let index = wordStarts.get(t);
  if (!index) {
    index = new Map<string, number[]>();
    for (const m of t.folded.matchAll(RUN)) {
      const list = index.get(m[0]);
      if (list) list.push(m.index);
      else index.set(m[0], [m.index]);
    }
    wordStarts.set(t, index);
  }
  return index;
}

/**
 * The offsets where one folded query starts in a text, ascending (overlapping ones included),
 * found lazily from the top: only as far as a search has asked. Finding them all at once cost a
 * pass over every place of the query's rarest word for each distinct query, and on a page of
 * 20,000 near-identical comments every word has 20,000 places and nearly every query is distinct
 * (87 of 290 s of that build), while a search mostly wants the first place or the first few.
 */
class Occurrences {
  private readonly found: number[] = [];
  /** Index of the next place of the rarest word to check, or the next offset for indexOf. */
  private next = 0;
  private done = false;
  private readonly places: readonly number[] | null;
  private readonly offset: number;
  private readonly text: string;
  private readonly q: string;

  constructor(text: string, q: string, index: Map<string, number[]>) {
    this.text = text;
    this.q = q;
    // A word with a non-letter on both sides inside the query is a whole word wherever the query
    // occurs; the rarest such word's places are the only places the query can start from.
    let rarest: { at: readonly number[]; offset: number } | null = null;
    for (const m of q.matchAll(RUN)) {
      if (m.index === 0 || m.index + m[0].length === q.length) continue;
      const at = index.get(m[0]) ?? [];
      if (!rarest || at.length < rarest.at.length) rarest = { at, offset: m.index };
    }
    this.places = rarest?.at ?? null;
    this.offset = rarest?.offset ?? 0;
  }

  /** The k-th place (0-based), or -1 when the query occurs fewer than k + 1 times. */
  at(k: number): number {
    while (this.found.length <= k && !this.done) this.extend();
    return this.found[k] ?? -1;
  }

  /** The index of the first place at or after `from` among those found so far and beyond. */
  firstFrom(from: number): number {
    let lo = 0;
    let hi = this.found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.found[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    // Past every place found so far: find more until one reaches `from` or there are no more.
    while (lo === this.found.length && !this.done) {
      this.extend();
      if (lo < this.found.length && (this.found[lo] ?? 0) < from) lo++;
    }
    return lo;
  }

  /** Finds the next place, or marks the list complete. */
  private extend(): void {
    if (this.places) {
      while (this.next < this.places.length) {
        const p = (this.places[this.next++] ?? 0) - this.offset;
        if (p >= 0 && this.text.startsWith(this.q, p)) {
          this.found.push(p);
          return;
        }
      }
      this.done = true;
      return;
    }
    const i = this.text.indexOf(this.q, this.next);
    if (i < 0) this.done = true;
    else {
      this.found.push(i);
      this.next = i + 1;
    }
  }
}

/** Where folded `q` occurs in `t`, found as far as asked (see Occurrences). */
function occurrencesOf(t: IndexedText, q: string): Occurrences {
  let byQuery = occurrences.get(t);
  if (!byQuery) occurrences.set(t, (byQuery = new Map<string, Occurrences>()));
  let found = byQuery.get(q);
  if (!found) byQuery.set(q, (found = new Occurrences(t.folded, q, wordStartsOf(t))));
  return found;
}

/** First occurrence of folded `q` at or after `from` (and ending by `to`), with the word edges asked for. */
function findString(t: IndexedText, q: string, from: number, to: number, wordStart: boolean, wordEnd: boolean): Span | null {
  if (!q) return null;
  const found = occurrencesOf(t, q);
  for (let k = found.firstFrom(from); ; k++) {
    const at = found.at(k);
    if (at < 0 || at + q.length > to) return null;
    if (wordStart && !isWordBoundary(t.text, at)) continue;
    if (wordEnd && !isWordBoundary(t.text, at + q.length)) continue;
    return { start: at, end: at + q.length };
  }
}

/** Whether folded `q` stands exactly at `at`, ending on a word boundary when asked. */
function matchesAt(t: IndexedText, q: string, at: number, wordEnd: boolean): Span | null {
  if (!q || !t.folded.startsWith(q, at)) return null;
  if (wordEnd && !isWordBoundary(t.text, at + q.length)) return null;
  return { start: at, end: at + q.length };
}

function skipSpace(text: string, at: number, to: number): number {
  while (at < to && /\s/.test(text[at] ?? '')) at++;
  return at;
}

/** What one simulated search found, and where it stopped when it ran out of tries. */
interface Scan {
  hit: Span | null;
  /**
   * When the search gave up after `tries` places: where the last place it tried starts (the
   * prefix's place for a directive with a prefix, else the start words'); otherwise null.
   */
  gaveUpAt: number | null;
}

/** findTextDirective's search, telling also where it gave up (see Scan). */
function scanDirective(t: IndexedText, d: TextDirective, from: number, to: number, tries: number): Scan {
  const startEnds = d.end !== undefined || d.suffix === undefined;
  const start = folded(d.start);
  const [end, prefix, suffix] = [d.end, d.prefix, d.suffix].map((q) => (q === undefined ? undefined : folded(q)));
  const none: Scan = { hit: null, gaveUpAt: null };
  let search = from;
  let tried = 0;
  let last = -1;
  for (; search < to && tried < tries; tried++) {
    let match: Span | null;
    if (prefix) {
      const before = findString(t, prefix, search, to, true, false);
      if (!before) return none;
      last = before.start;
      search = before.start + 1;
      const at = skipSpace(t.text, before.end, to);
      if (at >= to) return none;
      match = matchesAt(t, start, at, startEnds);
      if (!match || match.end > to) continue;
    } else {
      match = findString(t, start, search, to, true, startEnds);
      if (!match) return none;
      last = match.start;
      search = match.start + 1;
    }
    let endFrom = match.end;
    while (endFrom < to || end === undefined) {
      const candidate: Span = { ...match };
      if (end !== undefined) {
        const found = findString(t, end, endFrom, to, true, suffix === undefined);
        if (!found) return none;
        candidate.end = found.end;
      }
      if (!suffix) return { hit: candidate, gaveUpAt: null };
      const at = skipSpace(t.text, candidate.end, to);
      if (matchesAt(t, suffix, at, true)) return { hit: candidate, gaveUpAt: null };
      if (end === undefined) break;
      endFrom = candidate.end;
      // Each further place of the end words is a try too: on a page of near-identical comments the
      // end words recur to the bottom of the page after every place of the start words. A search
      // stopped here says nothing about other candidates with the same leading words (no gaveUpAt).
      if (++tried >= tries) return none;
    }
  }
  return { hit: null, gaveUpAt: tried >= tries && search < to ? last : null };
}

/**
 * Where a browser following the directive would land in `t` (searching [from, to)), or null when
 * it would find nothing. The first match in document order wins, as in browsers. With `tries`, it
 * gives up (null) after that many places where the start words (or, after them, the end words)
 * occur but the rest does not fit.
 */
export function findTextDirective(t: IndexedText, d: TextDirective, from = 0, to = t.text.length, tries = Number.POSITIVE_INFINITY): Span | null {
  return scanDirective(t, d, from, to, tries).hit;
}

/**
 * Places a candidate directive may be tried at before it is given up on. In a thread of
 * near-identical comments every quoted phrase also occurs hundreds of times earlier on the page,
 * and simulating the browser through all of them for every link made one page take minutes; a
 * phrase that common would not single out the quoted words anyway, and the link falls back to
 * the next directive, or to the passage's anchor.
 */
export const DIRECTIVE_TRIES = 64;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Words of a text with their offsets, compared in a form that ignores case and apostrophe style. */
function wordsOf(text: string, offset = 0): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({
    word: m[0].normalize('NFKC').toLowerCase().replace(/’/g, "'"),
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  }));
}

/**
 * Finds quoted words inside [from, to) of a page's text: the first place where the quote's words
 * follow one another, ignoring punctuation, quote-mark style and case (as the quote matcher does),
 * with "…" (or "...") in the quote skipping any words. Returns the span from the first quoted word
 * to the last, in the page's own characters, or null when the words are not there.
 */
export function locateQuote(text: string, quoted: string, from = 0, to = text.length): Span | null {
  const hay = wordsOf(text.slice(from, to), from);
  const parts = quoted
    .split(/…|\.\s*\.\s*\./)
    .map((p) => wordsOf(p).map((w) => w.word))
    .filter((p) => p.length > 0);
  const first = parts[0];
  if (!first) return null;
  const runAt = (run: readonly string[], i: number) => run.every((w, k) => hay[i + k]?.word === w);
  for (let i = 0; i + first.length <= hay.length; i++) {
    if (!runAt(first, i)) continue;
    let next = i + first.length;
    let ok = true;
    for (const part of parts.slice(1)) {
      let j = next;
      while (j + part.length <= hay.length && !runAt(part, j)) j++;
      if (j + part.length > hay.length) {
        ok = false;
        break;
      }
      next = j + part.length;
    }
    const last = hay[next - 1];
    const head = hay[i];
    if (ok && head && last) return { start: head.start, end: last.end };
  }
  return null;
}

/** Options for choosing a directive. */
export interface DirectiveOptions {
  /** Up to this many words, a quote inside one block is matched whole. */
  wholeWords?: number;
  /** Word counts tried for the start and end of longer quotes, shortest first. */
  edgeWords?: readonly number[];
  /** Word counts tried for the context before or after, shortest first. */
  contextWords?: readonly number[];
  /** Skip candidates that cannot reach the span (on by default; the tests compare with it off). */
  prune?: boolean;
}

const WHOLE_WORDS = 8;
// Longer runs are for words a page repeats in a cut-short copy (a contents entry of ~20 words).
const EDGE_WORDS = [3, 4, 5, 6, 8, 12, 16, 24];
const CONTEXT_WORDS = [1, 2, 3, 4, 6, 8];

/** The first `n` words of `text` (split on whitespace), or all of them. */
function headWords(text: string, n: number): string {
  return text.split(' ').slice(0, n).join(' ');
}

/** The last `n` words of `text`, or all of them. */
function tailWords(text: string, n: number): string {
  const words = text.split(' ');
  return words.slice(Math.max(0, words.length - n)).join(' ');
}

/** Counts words that hold a letter or digit: a lone quote mark or dash adds no context. */
function contextOf(text: string, n: number, side: 'before' | 'after'): string | null {
  const tokens = text.split(' ').filter(Boolean);
  const picked: string[] = [];
  let words = 0;
  const ordered = side === 'before' ? [...tokens].reverse() : tokens;
  for (const tok of ordered) {
    picked.push(tok);
    if (LETTER.test(tok)) words++;
    if (words === n) break;
  }
  if (words < n) return null;
  return (side === 'before' ? picked.reverse() : picked).join(' ');
}

/**
 * Chooses a text directive that a browser would match exactly at `span` of the page text: the
 * shortest that works, trying the words alone, then a few words of context before or after, then
 * longer start and end runs. Returns null when no directive picks out this occurrence (the words
 * and everything around them also occur earlier on the page); the caller then links the anchor.
 */
export function textDirectiveFor(t: IndexedText, span: Span, options: DirectiveOptions = {}): TextDirective | null {
  const { wholeWords = WHOLE_WORDS, edgeWords = EDGE_WORDS, contextWords = CONTEXT_WORDS, prune = true } = options;
  const words = t.text.slice(span.start, span.end);
  if (!words.trim()) return null;
  const blocks = words.split('\n');
  const firstBlock = blocks[0] ?? '';
  const lastBlock = blocks[blocks.length - 1] ?? '';
  const total = words.split(/[ \n]/).length;
  const bases: TextDirective[] = [];
  if (blocks.length === 1 && total <= wholeWords) bases.push({ start: words });
  for (const n of edgeWords) {
    if (blocks.length === 1 && n * 2 >= total) break;
    bases.push({ start: headWords(firstBlock, n), end: tailWords(lastBlock, n) });
  }
  if (blocks.length === 1 && total > wholeWords) bases.push({ start: words });

  const blockStart = t.text.lastIndexOf('\n', span.start - 1) + 1;
  const nextBreak = t.text.indexOf('\n', span.end);
  const blockEnd = nextBreak < 0 ? t.text.length : nextBreak;
  const before = t.text.slice(blockStart, span.start).trim();
  const after = t.text.slice(span.end, blockEnd).trim();
  const contexts: { prefix?: string; suffix?: string }[] = [{}];
  for (const n of contextWords) {
    const prefix = contextOf(before, n, 'before');
    const suffix = contextOf(after, n, 'after');
    if (prefix) contexts.push({ prefix });
    if (suffix) contexts.push({ suffix });
    if (prefix && suffix) contexts.push({ prefix, suffix });
  }
  // A search steps through the places of its leading words (the prefix if there is one, else the
  // start words) in page order, one try each, whatever follows them. Once a search has given up
  // before reaching the span's own place, every candidate led by the same words would too, and is
  // skipped: on a page of near-identical comments this leaves a few searches per link, not ~190.
  const unreachable = new Set<string>();
  let spaceBefore = span.start;
  while (spaceBefore > 0 && /\s/.test(t.text[spaceBefore - 1] ?? '')) spaceBefore--;
  for (const base of bases) {
    for (const context of contexts) {
      const d: TextDirective = { ...context, ...base };
      const lead = d.prefix === undefined ? `s${d.end !== undefined || d.suffix === undefined ? 1 : 0}\0${folded(d.start)}` : `p\0${folded(d.prefix)}`;
      if (prune && unreachable.has(lead)) continue;
      const { hit, gaveUpAt } = scanDirective(t, d, 0, t.text.length, DIRECTIVE_TRIES);
      if (hit && hit.start === span.start && hit.end === span.end) return d;
      // The span's own place for these leading words: the span itself, or the prefix that ends where
      // the whitespace before the span begins.
      const own = d.prefix === undefined ? span.start : spaceBefore - folded(d.prefix).length;
      if (gaveUpAt !== null && gaveUpAt < own) unreachable.add(lead);
    }
  }
  return null;
}

/** Quoted words with the sentence or so around them, for a preview that shows them in context. */
export interface QuoteWindow {
  before: string;
  quote: string;
  after: string;
}

/**
 * The words a directive lands on in `t`, with up to `radius` characters of their block on each
 * side, cut back to a sentence start or end when one is near and otherwise at a word, marked "…".
 * Long quotes are shortened to `maxQuote` characters. Null when the directive finds nothing.
 */
export function quoteWindow(t: IndexedText, d: TextDirective, radius = 120, maxQuote = 320): QuoteWindow | null {
  const hit = findTextDirective(t, d);
  if (!hit) return null;
  const blockStart = t.text.lastIndexOf('\n', hit.start - 1) + 1;
  const nextBreak = t.text.indexOf('\n', hit.end);
  const blockEnd = nextBreak < 0 ? t.text.length : nextBreak;
  let before = t.text.slice(Math.max(blockStart, hit.start - radius), hit.start);
  if (hit.start - radius > blockStart) {
    const sentence = /[.!?]["”’)]?\s+(?=\S)/g;
    let cut = -1;
    for (const m of before.matchAll(sentence)) cut = m.index + m[0].length;
    before = cut >= 0 ? before.slice(cut) : `…${before.slice(before.indexOf(' ') + 1)}`;
  }
  let after = t.text.slice(hit.end, Math.min(blockEnd, hit.end + radius));
  if (hit.end + radius < blockEnd) {
    const stop = /[.!?]["”’)]?(?=\s|$)/.exec(after);
    const space = after.lastIndexOf(' ');
    after = stop ? after.slice(0, stop.index + stop[0].length) : `${space > 0 ? after.slice(0, space) : after}…`;
  }
  let quote = t.text.slice(hit.start, hit.end).replace(/\n/g, ' ');
  if (quote.length > maxQuote) {
    const cut = quote.lastIndexOf(' ', maxQuote);
    quote = `${quote.slice(0, cut > 0 ? cut : maxQuote)}…`;
    after = '';
  }
  return { before, quote, after };
}
