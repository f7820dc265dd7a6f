/**
 * Quote matching: finds, for each comment line that repeats earlier text, the passage it repeats.
 *
 * The seeds lost their quote markup, so a quote is only a line (or a quoted span inside a line)
 * whose words also occur in an essay paragraph or an earlier comment. Matching runs in three
 * tiers, strictest first, and reports the tier so pages can say how sure the link is:
 *   exact       the quote's text occurs verbatim in the passage;
 *   normalised  the same words in the same order, ignoring quote-mark style, case, whitespace,
 *               punctuation and a "…" elision;
 *   fuzzy       a token-level edit distance small enough that only a few words changed (the
 *               essay was edited after some comments quoted it: "ChatGPT" became "GPT-4").
 */
import { isFull, postingLists, postingsOf, type PostingLists } from './postings.ts';
import { ELLIPSIS, TextReader, type ReadText } from './reading.ts';

export { normaliseText, tokenise } from './reading.ts';

/** Where a passage or quote lives: page path (`essays/x`), anchor on that page, export line. */
export interface TextLocation {
  page: string;
  anchor: string;
  line: number;
  /** Offset in the export line where the paragraph starts, when a quote cut split the line. */
  col?: number | undefined;
}

/** Names one paragraph of a passage: its export line, and its offset when the line was cut. */
export function paragraphKey(line: number, col = 0): string {
  return col ? `${line}:${col}` : String(line);
}

/** A paragraph that may be quoted: an essay paragraph or a comment's own (non-quote) text. */
export interface QuotablePassage extends TextLocation {
  text: string;
  /** Essay text predates every comment on it; comment text only predates later comments. */
  kind: 'essay' | 'comment';
  /** True for a section heading, which short quoted spans may name ("In “Summary”, you…"). */
  heading?: boolean | undefined;
  /** Position in one global reading order; only used for comments. */
  order: number;
}

/** A comment line (or quoted span inside one) that may repeat an earlier passage. */
export interface QuoteCandidate extends TextLocation {
  text: string;
  /** True when the segmentation marked the whole line as a quote. */
  flagged: boolean;
  /** Position in the same reading order as the passages. */
  order: number;
  /** Anchor of the comment this one replies to, on the same page, when known. */
  parent?: string | undefined;
}

export type QuoteMatchKind = 'exact' | 'normalised' | 'fuzzy';

/** One automatic quote link: the quoting line, the passage it repeats, and how it matched. */
export interface QuoteLink {
  quote: TextLocation;
  source: TextLocation;
  kind: QuoteMatchKind;
  /** 1 for exact and normalised matches; the token similarity for fuzzy ones. */
  score: number;
  /** The quoted words, as the comment gives them (the whole line or the quoted span). */
  text: string;
  /**
   * True when the quoted words are a span in quote marks inside the commenter's own paragraph:
   * the paragraph stays theirs, and only the span is marked as a quotation.
   */
  inline: boolean;
}

/** Tuning knobs; the defaults are the values justified below and used for the site. */
export interface QuoteMatchOptions {
  minTokens?: number;
  minFuzzyTokens?: number;
  minParentTokens?: number;
  fuzzyThreshold?: number;
  unflaggedThreshold?: number;
  longRun?: number;
  longRunThreshold?: number;
  essayMargin?: number;
  /**
   * Compare every quote with every passage instead of only those the word index says could
   * match. Slow (quadratic); tests use it to show the index never skips a real match.
   */
  exhaustive?: boolean;
  /** Most passages one word or word pair may list before it counts as too common to narrow a search. */
  maxPostings?: number;
  /** Most passages one word pair may list (see MAX_PAIR_POSTINGS); lower than maxPostings only in tests. */
  maxPairPostings?: number;
  /** Most word-by-word alignments per quote (see MAX_ALIGNMENTS). */
  maxAlignments?: number;
  /** Reads the texts (see TextReader); one kept from an earlier run reads only the texts it has not seen. */
  reader?: TextReader;
  /** Counts the passage comparisons and alignments made, so tests can bound the work without timing it. */
  stats?: { comparisons: number; alignments?: number; maxPerQuote?: number };
}

/**
 * A word or word pair found in more passages than this is too common to say where a quote comes
 * from, like a stop word in a search engine: its list keeps only its first (earliest) passages,
 * and a common word pair no longer counts toward the fuzzy filter. Without the bound, a thread of
 * near-identical comments compared every comment with every earlier one (20,000 of them took 20
 * minutes to build). The three sources hold fewer passages than this in all, so nothing in them
 * reaches it; in a larger corpus a real quote still holds a rarer word, which finds its passage.
 */
export const MAX_POSTINGS = 500;

/**
 * Word pairs are counted for every pair of every line, so a common pair ("of the") costs its whole
 * list each time: pairs stop listing passages sooner than words do. A pair past this bound counts
 * as shared with every passage (see reachablePassages), so the bound saves work without hiding a
 * fuzzy match, except where a quote's common pairs alone would be enough: then the passages of
 * its rarest word stand in, and a fuzzy match without that word is missed. matchOne still checks
 * the pairs exactly.
 */
export const MAX_PAIR_POSTINGS = 64;

/**
 * Word-by-word alignments one quote may cost, checked in passage order (earliest first). The
 * seeds' busiest quote needs far fewer; a thread of near-identical comments would otherwise align
 * each comment with hundreds of its look-alikes.
 */
export const MAX_ALIGNMENTS = 40;

/**
 * Six words: every short generic line in the seeds ("Yes", "Why does this matter?", "Does that
 * answer your question?", "see other comment for commentary") has five or fewer, while the
 * shortest real quotes of another author's sentence have nine or more. Below six words a phrase
 * recurs by accident too easily in a 10,000-word thread.
 */
export const MIN_QUOTE_TOKENS = 6;

/**
 * Fuzzy matches need more words than exact ones. In seed 000 a quoted 10-word heading scores 0.6
 * against an unrelated paragraph that shares "to have long-term goals"; below ten words a few
 * shared stock phrases carry too much weight. The real fuzzy quotes in the seeds have 12 or more.
 */
export const MIN_FUZZY_TOKENS = 10;

/**
 * A reply may quote a short phrase of the comment it answers ("Does that answer your question?"
 * in seed 000, line 53). Three words is the floor for that, and only an exact or normalised match
 * in the parent counts, because the reply context already makes the link likely. The same floor
 * applies to a span in quote marks that names a whole section heading, when only one heading fits.
 */
export const MIN_PARENT_TOKENS = 3;

/**
 * Similarity = 1 − (word edits ÷ quote words). 0.7 allows three changed words in ten: the quote of
 * the edited essay ("ChatGPT" → "GPT-4") scores 0.98, and C10's quote of a stripped Summary item
 * 0.83. Measured over every line × paragraph pair in the seeds, pairs that are not quotes reach at
 * most 0.6 (a 10-word quoted heading against a paragraph sharing "to have long-term goals").
 */
export const FUZZY_THRESHOLD = 0.7;

/**
 * A whole line the segmentation did not mark as a quote is most likely the commenter's own words,
 * so it must be nearly the passage: 0.85 still finds the "ChatGPT" → "GPT-4" quote (0.98) if the
 * flag is missing, while the best unmarked line in the seeds that is not a quote scores 0.76 (a
 * line that wraps a quoted sentence in the author's own words; the span itself matches exactly).
 */
export const UNFLAGGED_THRESHOLD = 0.85;

/**
 * A second route for quotes of an earlier version whose surroundings were rewritten: an unbroken
 * run of at least ten identical words plus a similarity of at least 0.4. In the seeds, unrelated
 * pairs share runs of at most seven words (a true quote whose source the export lost shares nine
 * with a neighbouring paragraph), while the early-version quotes at 000 lines 40 and 65 share
 * runs of 17 and 11 words but score only 0.45 and 0.63 overall.
 */
export const LONG_RUN = 10;
export const LONG_RUN_THRESHOLD = 0.4;

/**
 * When an essay passage and an earlier comment both match, the essay wins unless the comment
 * matches clearly better: a comment that quoted the post is itself a copy of the essay passage,
 * and a reader wants the original.
 */
export const ESSAY_PREFERENCE_MARGIN = 0.15;

/** Quote marks that may wrap a whole line, stripped before the exact comparison. */
const WRAPPING = /^[\s"“”'‘’«»„]+|[\s"“”'‘’«»„]+$/g;

/**
 * Finds spans in quote marks inside a line: curly “…”, guillemets «…» and straight "…". Straight
 * quotes are paired by what surrounds them, because forum text often leaves one unclosed: an
 * opening mark after an unclosed one restarts the span instead of closing it.
 */
export function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const m of text.matchAll(/“([^“”]+)”|«([^«»]+)»/g)) spans.push((m[1] ?? m[2] ?? '').trim());
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const before = text[i - 1] ?? ' ';
    const after = text[i + 1] ?? ' ';
    const canOpen = /[\s([{—-]/.test(before) && !/\s/.test(after);
    const canClose = !/\s/.test(before) && (/[\s.,;:!?)\]}—-]/.test(after) || i === text.length - 1);
    if (open >= 0 && canClose) {
      spans.push(text.slice(open + 1, i).trim());
      open = -1;
    } else if (canOpen) {
      open = i;
    }
  }
  return spans.filter((s) => s.length > 0);
}

/** Whether `needle` occurs as a contiguous run in `hay`, with `ell` ("…") in the needle skipping any words. */
function containsRun<T>(hay: ArrayLike<T>, needle: ArrayLike<T>, ell: T): boolean {
  let from = 0;
  let parts = 0;
  let start = 0;
  for (let end = 0; end <= needle.length; end++) {
    if (end < needle.length && needle[end] !== ell) continue;
    if (end > start) {
      const at = indexOfRun(hay, needle, start, end, from);
      if (at < 0) return false;
      from = at + (end - start);
      parts++;
    }
    start = end + 1;
  }
  return parts > 0;
}

/** Where `needle[start..end)` first occurs in `hay` at or after `from`; -1 when it does not. */
function indexOfRun<T>(hay: ArrayLike<T>, needle: ArrayLike<T>, start: number, end: number, from: number): number {
  const length = end - start;
  outer: for (let i = from; i + length <= hay.length; i++) {
    for (let k = 0; k < length; k++) if (hay[i + k] !== needle[start + k]) continue outer;
    return i;
  }
  return -1;
}

/** How many items of a list are not `ell`. */
function countWords<T>(list: ArrayLike<T>, ell: T): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (list[i] !== ell) n++;
  return n;
}

/**
 * Similarity of a quote to its best-matching stretch of a passage: 1 − (edits ÷ quote words),
 * where an edit inserts, deletes or replaces one word. The passage may start and end anywhere
 * (a quote is usually part of a paragraph), and a "…" in the quote skips passage words for free.
 * A score under `atLeast` comes back as 0, found sooner.
 */
export function tokenSimilarity(quote: readonly string[], passage: readonly string[], atLeast = 0): number {
  return similarity(quote, passage, ELLIPSIS, atLeast);
}

/**
 * tokenSimilarity over any word representation; `ell` stands for "…". A score under `atLeast`
 * comes back as 0: the alignment stops once every stretch of the passage needs more edits than
 * such a score allows (a row's least cost never falls in later rows), since callers drop it anyway.
 */
function similarity<T>(quote: ArrayLike<T>, passage: ArrayLike<T>, ell: T, atLeast = 0): number {
  const words = countWords(quote, ell);
  if (words === 0) return 0;
  if (words === quote.length) return bitSimilarity(quote, passage, atLeast);
  // Semi-global edit distance, one row at a time: row j = cost of aligning the quote so far
  // with a stretch of the passage ending at word j; row 0 is free because the stretch may start anywhere.
  let prev = new Int32Array(passage.length + 1);
  let cur = new Int32Array(passage.length + 1);
  for (let i = 1; i <= quote.length; i++) {
    const q = quote[i - 1];
    cur[0] = q === ell ? (prev[0] ?? 0) : (prev[0] ?? 0) + 1;
    let least = cur[0] ?? 0;
    for (let j = 1; j <= passage.length; j++) {
      const up = prev[j] ?? 0;
      const left = cur[j - 1] ?? 0;
      let v: number;
      if (q === ell) {
        v = Math.min(up, left);
      } else {
        const diag = (prev[j - 1] ?? 0) + (passage[j - 1] === q ? 0 : 1);
        v = Math.min(diag, up + 1, left + 1);
      }
      cur[j] = v;
      if (v < least) least = v;
    }
    // The same arithmetic as the score below, so a score exactly at `atLeast` is never cut off.
    if (1 - least / words < atLeast) return 0;
    [prev, cur] = [cur, prev];
  }
  let best = Number.POSITIVE_INFINITY;
  for (const v of prev) if (v < best) best = v;
  return Math.max(0, 1 - best / words);
}

/**
 * A quote without "…" prepared for bitSimilarity: each distinct word's rows as bit masks, 32 rows
 * to a block (`masks[slot * blocks + b]`), and each word's slot.
 */
interface BitPattern<T> {
  slots: Map<T, number>;
  masks: Int32Array;
  blocks: number;
}

// The matcher aligns one quote with up to MAX_ALIGNMENTS passages in a row: the last quote's masks
// are kept for the next call. Only for the matcher's word numbers (typed arrays it makes once and
// never changes; a list a caller passes could change between calls), and only the last one, so
// the masks of a forum's worth of quotes are never all held at once.
let lastPattern: { quote: Int32Array; pattern: BitPattern<number> } | null = null;

function bitPatternOf<T>(quote: ArrayLike<T>): BitPattern<T> {
  const key = quote instanceof Int32Array ? quote : null;
  if (key && lastPattern?.quote === key) return lastPattern.pattern as BitPattern<unknown> as BitPattern<T>;
  const blocks = (quote.length + 31) >>> 5;
  const slots = new Map<T, number>();
  for (let i = 0; i < quote.length; i++) if (!slots.has(quote[i] as T)) slots.set(quote[i] as T, slots.size);
  const masks = new Int32Array(slots.size * blocks);
  for (let i = 0; i < quote.length; i++) {
    const at = (slots.get(quote[i] as T) ?? 0) * blocks + (i >>> 5);
    masks[at] = (masks[at] ?? 0) | (1 << (i & 31));
  }
  const made = { slots, masks, blocks };
  if (key) lastPattern = { quote: key, pattern: made as BitPattern<unknown> as BitPattern<number> };
  return made;
}

/**
 * The similarity's semi-global edit distance for a quote without "…", by Myers' bit-vector method
 * (one column of the table per passage word, 32 quote words to a machine word, carried between
 * blocks as in Myers 1999): the same result as the table, in a fraction of the time. The table
 * filled cell by cell was most of a build with thousands of look-alike comments, each aligned
 * with dozens of others.
 */
function bitSimilarity<T>(quote: ArrayLike<T>, passage: ArrayLike<T>, atLeast: number): number {
  const m = quote.length;
  const { slots, masks, blocks } = bitPatternOf(quote);
  const last = blocks - 1;
  // The quote's last word sits at this bit of the last block; the score is read there.
  const top = (m - 1) & 31;
  // Vertical differences of the current column, +1 and -1 as bits: column 0 climbs by one a row.
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  let score = m;
  let best = m;
  for (let j = 0; j < passage.length; j++) {
    const slot = slots.get(passage[j] as T);
    const base = slot === undefined ? -1 : slot * blocks;
    // Row 0 is free (a stretch may start anywhere), so nothing comes in from above the first block.
    let carry = 0;
    for (let b = 0; b < blocks; b++) {
      let eq = base < 0 ? 0 : (masks[base + b] ?? 0);
      const p = pv[b] ?? 0;
      const n = mv[b] ?? 0;
      const xv = eq | n;
      if (carry < 0) eq |= 1;
      const xh = (((eq & p) + p) ^ p) | eq;
      let ph = n | ~(xh | p);
      let mh = p & xh;
      const out = b === last ? ((ph >>> top) & 1) - ((mh >>> top) & 1) : (ph >>> 31) - (mh >>> 31);
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      carry = out;
    }
    score += carry;
    if (score < best) best = score;
  }
  const s = Math.max(0, 1 - best / m);
  return s < atLeast ? 0 : s;
}

/** Length of the longest run of identical consecutive words shared by two token lists. */
export function longestSharedRun(a: readonly string[], b: readonly string[]): number {
  return sharedRun(a, b, ELLIPSIS);
}

/** longestSharedRun over any word representation; `ell` ("…") in `a` never counts. */
function sharedRun<T>(a: ArrayLike<T>, b: ArrayLike<T>, ell: T): number {
  let best = 0;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur.fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] !== ell && a[i - 1] === b[j - 1]) {
        const run = (prev[j - 1] ?? 0) + 1;
        cur[j] = run;
        if (run > best) best = run;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/**
 * The alignment only runs on passages holding at least a tenth of the quote's word pairs: one
 * word edit breaks at most two pairs, so a quote above the fuzzy threshold keeps far more.
 */
const MIN_SHARED_BIGRAMS = 0.1;

/** Whether a sorted list of pair numbers holds `pair` (binary search). */
function holds(sorted: Int32Array, pair: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === pair) return true;
    if (v < pair) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface PreparedPassage extends ReadText {
  passage: QuotablePassage;
}

interface Match {
  source: QuotablePassage;
  kind: QuoteMatchKind;
  score: number;
}

const KIND_RANK: Record<QuoteMatchKind, number> = { exact: 2, normalised: 1, fuzzy: 0 };

/**
 * How one quote text matches one passage, or null when it does not; `bare` is the text without
 * its wrapping quotation marks and spaces (made once per quote: a quote meets thousands of
 * passages on a repetitive page), `ell` is the number of "…", `pairsNeeded` how many of the
 * quote's word pairs a passage must hold to match fuzzily (PairNeeds.fuzzy).
 */
function matchOne(
  bare: string,
  quote: ReadText,
  p: PreparedPassage,
  ell: number,
  fuzzy: 'full' | 'strict' | 'none',
  limits: FuzzyLimits,
  budget: { alignments: number; used: number },
  pairsNeeded: number,
): Match | null {
  if (bare.length > 0 && p.passage.text.includes(bare)) return { source: p.passage, kind: 'exact', score: 1 };
  if (containsRun(p.ids, quote.ids, ell)) return { source: p.passage, kind: 'normalised', score: 1 };
  if (fuzzy === 'none') return null;
  // The alignment is the one costly step (quadratic in words); a quote gets a fixed number of them.
  if (budget.alignments <= 0) return null;
  // Cheap filter before it: the passage must hold as many of the quote's word pairs as a match at
  // the lowest score kept can have left (pairNeeds; never fewer than MIN_SHARED_BIGRAMS of them).
  // A passage that cannot match then spends none of the quote's alignments.
  const grams = quote.bigrams;
  let shared = 0;
  for (const g of grams) if (holds(p.bigrams, g)) shared++;
  if (grams.length === 0 || shared / grams.length < MIN_SHARED_BIGRAMS || shared < pairsNeeded) return null;
  budget.alignments--;
  budget.used++;
  const score = similarity(quote.ids, p.ids, ell, fuzzy === 'strict' ? limits.unflaggedThreshold : Math.min(limits.threshold, limits.longRunThreshold));
  if (fuzzy === 'strict') return score >= limits.unflaggedThreshold ? { source: p.passage, kind: 'fuzzy', score } : null;
  if (score >= limits.threshold) return { source: p.passage, kind: 'fuzzy', score };
  if (score >= limits.longRunThreshold && sharedRun(quote.ids, p.ids, ell) >= limits.longRun) {
    return { source: p.passage, kind: 'fuzzy', score };
  }
  return null;
}

interface FuzzyLimits {
  threshold: number;
  unflaggedThreshold: number;
  longRun: number;
  longRunThreshold: number;
}

/** Which passages hold each word and each word pair, as ascending positions in the passage list. */
interface PassageIndex {
  /** By word number (see WordIds); each list cut at MAX_POSTINGS passages. */
  words: PostingLists;
  /**
   * By pair number; each list cut at MAX_PAIR_POSTINGS passages. A full list's pair is too common
   * to list (`isFull`) and counts as held by every passage.
   */
  pairs: PostingLists;
  size: number;
  /** Per passage, the number of the last fuzzyCandidates call that looked at it; `calls` counts the calls. */
  looked: { at: Int32Array; calls: number };
}

function indexPassages(prepared: readonly PreparedPassage[], maxPostings: number, maxPairPostings: number): PassageIndex {
  return {
    words: postingLists(
      prepared.map((p) => p.ids),
      maxPostings,
    ),
    pairs: postingLists(
      prepared.map((p) => p.bigrams),
      Math.min(maxPostings, maxPairPostings),
    ),
    size: prepared.length,
    looked: { at: new Int32Array(prepared.length), calls: 0 },
  };
}

/**
 * What a passage must share with a quote for any tier to match it, counted in distinct word pairs.
 *
 * A verbatim or normalised match holds every word pair of the quote that lies between its first
 * and last words (a verbatim quote may cut those two short) and does not touch a "…": `inner`.
 *
 * A fuzzy match with similarity s makes at most d = ⌊(1 − s) × words⌋ word edits, and one edit
 * breaks at most two of the quote's pairs (a "…" breaks its two as well), so the passage still
 * holds at least |pairs| − 2d − 2 × elisions of them: `fuzzy`. matchOne's own filter (a tenth of
 * the pairs) is a floor. The long-run route (similarity 0.4 with ten words in a row) needs one.
 */
interface PairNeeds {
  inner: Set<number>;
  fuzzy: number;
}

function pairNeeds(quote: ReadText, ell: number, fuzzy: 'full' | 'strict' | 'none', limits: FuzzyLimits): PairNeeds {
  const { ids, bigrams: grams } = quote;
  const inner = new Set<number>();
  for (let i = 1; i + 2 < ids.length; i++) {
    if (ids[i] !== ell && ids[i + 1] !== ell) inner.add(quote.pairs[i] ?? 0);
  }
  if (fuzzy === 'none' || grams.length === 0) return { inner, fuzzy: Number.POSITIVE_INFINITY };
  const count = countWords(ids, ell);
  const elisions = ids.length - count;
  const kept = (score: number): number => grams.length - 2 * Math.floor((1 - score) * count + 1e-9) - 2 * elisions;
  const byScore = fuzzy === 'strict' ? kept(limits.unflaggedThreshold) : Math.min(kept(limits.threshold), Math.max(1, kept(limits.longRunThreshold)));
  return { inner, fuzzy: Math.max(Math.ceil(MIN_SHARED_BIGRAMS * grams.length - 1e-9), byScore) };
}

/**
 * Positions of the only passages that can match a quote, in passage order (so ties resolve as in
 * a full scan), decided by the quote's word pairs each passage holds (see PairNeeds). A pair too
 * common to list its passages (see MAX_PAIR_POSTINGS) counts as held by every passage, so the
 * count never falls short. A passage that must hold k of the listed pairs holds one of any
 * (listed − k + 1) of them, so only the lists of that many of the rarest are read, and each
 * passage found there is then checked against all of them ("prefix filtering"). When a passage
 * could qualify on common pairs alone (or the quote is too short to have pairs a verbatim match
 * needs), the passages holding its rarest inner word stand in, as they did before pairs counted.
 */
function reachablePassages(index: PassageIndex, prepared: readonly PreparedPassage[], quote: ReadText, ell: number, needs: PairNeeds): number[] {
  const inner = Array.from(quote.ids.subarray(1, Math.max(1, quote.ids.length - 1))).filter((w) => w !== ell);
  if (inner.length === 0) return Array.from({ length: index.size }, (_, i) => i);
  const listed: { pair: number; list: Int32Array }[] = [];
  let common = 0;
  for (const pair of quote.bigrams) {
    if (isFull(index.pairs, pair)) common++;
    else listed.push({ pair, list: postingsOf(index.pairs, pair) });
  }
  listed.sort((a, b) => a.list.length - b.list.length);
  const listedInner = listed.filter((x) => needs.inner.has(x.pair));
  const out = new Set<number>();
  if (listedInner.length === 0 || common >= needs.fuzzy) {
    let rarest: Int32Array | undefined;
    for (const w of inner) {
      const list = postingsOf(index.words, w);
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    for (const i of rarest ?? EMPTY) out.add(i);
  }
  // Verbatim or normalised: every listed inner pair, so the rarest one's list holds them all.
  const first = listedInner[0];
  if (first) for (const i of first.list) if (listedInner.every((x) => holds(prepared[i]?.bigrams ?? EMPTY, x.pair))) out.add(i);
  // Fuzzy: at least `need` of the listed pairs (one, when common pairs alone could do).
  const need = Math.max(1, needs.fuzzy - common);
  if (need <= listed.length) fuzzyCandidates(index, prepared, listed, need, out);
  return [...out].sort((a, b) => a - b);
}

/**
 * Adds to `out` every passage that holds at least `need` of the `listed` pairs (shortest list
 * first). Such a passage is missing at most (listed − need) of them, so it is on one of the first
 * (listed − need + 1) lists; each passage there is checked once, against the pairs until it has
 * `need` or has missed more than it may. At 5,000 generated threads, where more pairs pass
 * MAX_PAIR_POSTINGS and `need` falls, this is read for some 8 million list entries, so a passage
 * already looked at is told by a number per passage rather than a Set.
 */
function fuzzyCandidates(
  index: PassageIndex,
  prepared: readonly PreparedPassage[],
  listed: readonly { pair: number; list: Int32Array }[],
  need: number,
  out: Set<number>,
): void {
  const misses = listed.length - need;
  const looked = index.looked.at;
  const call = ++index.looked.calls;
  for (const i of out) looked[i] = call;
  for (let k = 0; k <= misses; k++) {
    for (const i of listed[k]?.list ?? EMPTY) {
      if (looked[i] === call) continue;
      looked[i] = call;
      const held = prepared[i]?.bigrams ?? EMPTY;
      let shared = 0;
      let missed = 0;
      for (const x of listed) {
        if (holds(held, x.pair)) {
          if (++shared >= need) break;
        } else if (++missed > misses) break;
      }
      if (shared >= need) out.add(i);
    }
  }
}

const EMPTY = new Int32Array(0);

function better(a: Match, b: Match): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (KIND_RANK[a.kind] !== KIND_RANK[b.kind]) return KIND_RANK[a.kind] > KIND_RANK[b.kind];
  return a.source.order < b.source.order || (a.source.order === b.source.order && a.source.line < b.source.line);
}

/** Whether a passage may be the source of a quote: never the quoting comment itself, never later. */
function eligible(p: QuotablePassage, q: QuoteCandidate): boolean {
  if (p.page === q.page && p.anchor === q.anchor) return false;
  if (p.kind === 'essay') return true;
  return p.order < q.order;
}

/**
 * Finds the source passage of each quote. Each candidate line yields at most one link per quoted
 * text (the whole line, or each span in quote marks inside an unflagged line).
 */
export function findQuoteLinks(passages: readonly QuotablePassage[], candidates: readonly QuoteCandidate[], options: QuoteMatchOptions = {}): QuoteLink[] {
  const minTokens = options.minTokens ?? MIN_QUOTE_TOKENS;
  const minFuzzy = options.minFuzzyTokens ?? MIN_FUZZY_TOKENS;
  const minParent = options.minParentTokens ?? MIN_PARENT_TOKENS;
  const limits: FuzzyLimits = {
    threshold: options.fuzzyThreshold ?? FUZZY_THRESHOLD,
    unflaggedThreshold: options.unflaggedThreshold ?? UNFLAGGED_THRESHOLD,
    longRun: options.longRun ?? LONG_RUN,
    longRunThreshold: options.longRunThreshold ?? LONG_RUN_THRESHOLD,
  };
  const margin = options.essayMargin ?? ESSAY_PREFERENCE_MARGIN;

  // Kept between runs by the caller when given (src/data/quote-links.ts): texts it has read before are not read again.
  const reader = options.reader ?? new TextReader();
  reader.begin();
  const readText = (text: string): ReadText => reader.read(text);
  const ell = reader.words.of(ELLIPSIS);
  const prepared: PreparedPassage[] = passages.map((passage) => ({ passage, ...readText(passage.text) }));

  // Comparing every quote with every passage grows with the square of the corpus (about 10 s for
  // 30 generated threads, hours for 1,000); the index narrows each quote to passages that share words.
  const index = options.exhaustive ? null : indexPassages(prepared, options.maxPostings ?? MAX_POSTINGS, options.maxPairPostings ?? MAX_PAIR_POSTINGS);
  const stats = options.stats;
  const everyPassage = prepared.map((_, i) => i);

  const links: QuoteLink[] = [];
  for (const cand of candidates) {
    // An unflagged line is usually the commenter's own words, so the whole line must be nearly the
    // passage (UNFLAGGED_THRESHOLD); a span in quote marks inside it is treated as a quote.
    type Fuzzy = 'full' | 'strict' | 'none';
    const texts: { text: string; fuzzy: Fuzzy; span: boolean }[] = [{ text: cand.text, fuzzy: cand.flagged ? 'full' : 'strict', span: false }];
    if (!cand.flagged) for (const span of quotedSpans(cand.text)) texts.push({ text: span, fuzzy: 'full', span: true });

    const seenSources = new Set<string>();
    for (const { text, fuzzy, span } of texts) {
      const quote = readText(text);
      const bare = text.replace(WRAPPING, '');
      const words = countWords(quote.ids, ell);
      const short = words < minTokens;
      if (words < minParent) continue;
      if (short) {
        const heading = span ? uniqueHeading(prepared, quote.ids, cand) : null;
        if (heading) {
          links.push(linkOf(cand, heading, heading.text === text.trim() ? 'exact' : 'normalised', 1, text, span));
          continue;
        }
        if (!cand.parent) continue;
      }
      let bestEssay: Match | null = null;
      let bestComment: Match | null = null;
      const fuzzyHere = words >= minFuzzy && !short ? fuzzy : 'none';
      // `used` is counted, not derived: an unbounded budget (tests) leaves nothing to subtract from.
      const budget = { alignments: options.maxAlignments ?? MAX_ALIGNMENTS, used: 0 };
      const needs = pairNeeds(quote, ell, fuzzyHere, limits);
      for (const i of index ? reachablePassages(index, prepared, quote, ell, needs) : everyPassage) {
        const p = prepared[i];
        if (!p || !eligible(p.passage, cand)) continue;
        // Short phrases only count when they repeat the parent comment: see MIN_PARENT_TOKENS.
        if (short && !(p.passage.kind === 'comment' && p.passage.page === cand.page && p.passage.anchor === cand.parent)) continue;
        if (stats) stats.comparisons++;
        // The exhaustive scan (tests' reference) keeps only the plain filter, so the pair bound is checked against it.
        const m = matchOne(bare, quote, p, ell, fuzzyHere, limits, budget, index ? needs.fuzzy : 0);
        if (!m) continue;
        if (m.source.kind === 'essay') {
          if (!bestEssay || better(m, bestEssay)) bestEssay = m;
        } else if (!bestComment || better(m, bestComment)) {
          bestComment = m;
        }
      }
      if (stats) {
        stats.alignments = (stats.alignments ?? 0) + budget.used;
        stats.maxPerQuote = Math.max(stats.maxPerQuote ?? 0, budget.used);
      }
      const pick = bestEssay && (!bestComment || bestEssay.score >= bestComment.score - margin) ? bestEssay : bestComment;
      if (!pick) continue;
      const key = `${pick.source.page}#${pick.source.anchor}@${pick.source.line}`;
      if (seenSources.has(key)) continue;
      seenSources.add(key);
      links.push(linkOf(cand, pick.source, pick.kind, pick.score, text, span));
    }
  }
  return links;
}

function at(l: TextLocation): TextLocation {
  return { page: l.page, anchor: l.anchor, line: l.line, ...(l.col ? { col: l.col } : {}) };
}

function linkOf(cand: QuoteCandidate, source: QuotablePassage, kind: QuoteMatchKind, score: number, text: string, inline: boolean): QuoteLink {
  return {
    quote: at(cand),
    source: at(source),
    kind,
    score: Math.round(score * 1000) / 1000,
    text,
    inline,
  };
}

/** The one eligible heading whose words (as word numbers) are exactly `ids`; null when none or several are. */
function uniqueHeading(prepared: readonly PreparedPassage[], ids: Int32Array, cand: QuoteCandidate): QuotablePassage | null {
  const same = (a: Int32Array) => a.length === ids.length && a.every((w, i) => w === ids[i]);
  const hits = prepared.filter((p) => p.passage.heading && eligible(p.passage, cand) && same(p.ids));
  return hits.length === 1 ? (hits[0]?.passage ?? null) : null;
}

/** Minimal essay shape the matcher reads; the essay schema's output type satisfies it. */
export interface QuotableEssay {
  sections: readonly {
    id: string;
    heading: string | null;
    line: number | null;
    blocks: readonly (
      | { kind: 'p'; text: string; line: number; quote?: boolean | undefined }
      | { kind: 'missing-list'; id: string; after: number; items: readonly { text: string }[] }
    )[];
  }[];
}

/** Minimal thread shape the matcher reads; the thread and profile schema types satisfy it. */
export interface QuotableThread {
  comments: readonly {
    id: string;
    replyTo: { kind: string; id?: string | undefined };
    paragraphs: readonly { text: string; line: number; col?: number | undefined; quote?: boolean | undefined }[];
  }[];
}

/**
 * Passages of an essay: each heading and paragraph under its section anchor, each recovered item of a
 * stripped list under the list note's anchor (comments quote those items, as C10 does in 000).
 * A paragraph the essay itself marks as a quote is someone else's text and is left out.
 */
export function essayPassages(page: string, essay: QuotableEssay): QuotablePassage[] {
  const out: QuotablePassage[] = [];
  for (const section of essay.sections) {
    if (section.heading && section.line !== null) {
      out.push({ page, anchor: section.id, line: section.line, text: section.heading, kind: 'essay', order: 0, heading: true });
    }
    for (const block of section.blocks) {
      if (block.kind === 'p') {
        if (!block.quote) out.push({ page, anchor: section.id, line: block.line, text: block.text, kind: 'essay', order: 0 });
      } else {
        for (const item of block.items) out.push({ page, anchor: block.id, line: block.after, text: item.text, kind: 'essay', order: 0 });
      }
    }
  }
  return out;
}

/**
 * Passages and quote candidates of a thread. `firstOrder` places the thread in the global
 * reading order; comments count up from it in export order, which is conversation order.
 */
export function threadQuoteInputs(page: string, thread: QuotableThread, firstOrder = 0): { passages: QuotablePassage[]; candidates: QuoteCandidate[] } {
  const passages: QuotablePassage[] = [];
  const candidates: QuoteCandidate[] = [];
  thread.comments.forEach((c, i) => {
    const order = firstOrder + i;
    const parent = c.replyTo.kind === 'comment' ? c.replyTo.id : undefined;
    for (const p of c.paragraphs) {
      const base = { page, anchor: c.id, line: p.line, ...(p.col ? { col: p.col } : {}), text: p.text, order };
      candidates.push({ ...base, flagged: p.quote === true, parent });
      if (!p.quote) passages.push({ ...base, kind: 'comment' });
    }
  });
  return { passages, candidates };
}
