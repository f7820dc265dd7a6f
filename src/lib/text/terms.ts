import { paragraphKey } from './quotes.ts';

/**
 * First-use glossary links. Given a page's paragraphs in reading order and the glossary's terms
 * (with their aliases), finds the first use of each term and splits the text into segments a
 * component can render, wrapping only those first uses in links. Pure: no markup is produced, and
 * source text is never parsed, so nothing in it can become code.
 *
 * Rules:
 * - Matching is case-insensitive and keeps the original spelling in the output.
 * - A match must stand as its own word: the characters either side may not be letters, digits,
 *   `_` or `-` (so "episode" is not found inside "cross-episode" or "episodic"). A trailing "s" or
 *   "es" is accepted as a plural.
 * - At each position the longest form wins ("beyond-episode goal" before "episode"). A later use
 *   of an already-linked term still claims its words, so a shorter term inside it is not linked.
 * - Text inside an existing link, inside a segment marked `noTerms`, or inside a bare URL is never
 *   matched, so a term is never made a second trigger inside a link.
 */

/** A glossary term and the spellings that count as a use of it. */
export interface TermMatcher {
  slug: string;
  /** The term and its aliases, any case. */
  forms: readonly string[];
}

/** Part of a paragraph supplied by the caller. */
export interface InputSegment {
  text: string;
  /** Already a link: passed through untouched as a `link` segment. */
  link?: boolean;
  /** Plain text that must not get term links (a quotation, code, an author's name). */
  noTerms?: boolean;
}

/** A paragraph: plain text, or segments when it already holds links. */
export type InputParagraph = string | readonly InputSegment[];

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'term'; text: string; slug: string }
  /** An input link segment, unchanged; `index` is its position in the input paragraph. */
  | { kind: 'link'; text: string; index: number };

export interface TermLinkOptions {
  /** Terms already linked earlier on the page (updated in place with the ones linked now). */
  seen?: Set<string>;
  /** Terms never to link, e.g. the term whose own page this is. */
  exclude?: readonly string[];
}

export interface TermLinkResult {
  /** One segment list per input paragraph. */
  paragraphs: Segment[][];
  /** Slugs linked by this call, in order of first use. */
  linked: string[];
}

/** Builds matchers from glossary entries: the term (without a trailing parenthesis) and its aliases. */
export function termMatchers(entries: readonly { slug: string; term: string; aliases?: readonly string[] }[]): TermMatcher[] {
  return entries.map((e) => {
    const bare = e.term.replace(/\s*\([^)]*\)\s*$/, '').trim();
    const forms = [...new Set([e.term, bare, ...(e.aliases ?? [])].map((f) => f.trim()).filter((f) => f.length > 0))];
    return { slug: e.slug, forms };
  });
}

const WORD = /[\p{L}\p{N}_-]/u;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

// The scan below asks this of nearly every character of every page: a table answers for ASCII,
// the Unicode class for the rest (a regular expression per character was most of its time).
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (WORD.test(String.fromCharCode(c)) ? 1 : 0));

/** Whether the UTF-16 unit at `i` is a word character (false past either end); no string is made for ASCII. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return false;
  return c < 128 ? ASCII_WORD[c] === 1 : WORD.test(text[i] ?? '');
}

interface Form {
  slug: string;
  lower: string;
}

/** All forms, longest first; a form claimed by two terms belongs to the first term listing it. */
function compile(terms: readonly TermMatcher[]): Map<string, Form[]> {
  const owner = new Map<string, string>();
  for (const t of terms) {
    for (const f of t.forms) {
      const lower = f.toLowerCase();
      if (!owner.has(lower)) owner.set(lower, t.slug);
    }
  }
  // Indexed by first character, so each position only tries forms that could start there.
  const byFirst = new Map<string, Form[]>();
  for (const [lower, slug] of owner) {
    const first = lower[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), { slug, lower }]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.lower.length - a.lower.length || (a.lower < b.lower ? -1 : 1));
  return byFirst;
}

/** What may follow a form for it to count: nothing, or a plural ending. */
const ENDINGS = ['', 's', 'es'] as const;

/** Length of the match of `form` at `i`, a word start (with an optional plural ending), or 0. */
function matchAt(text: string, i: number, form: string): number {
  if (!startsFolded(text, i, form)) return 0;
  for (const ending of ENDINGS) {
    if (!startsFolded(text, i + form.length, ending)) continue;
    if (!isWordAt(text, i + form.length + ending.length)) return form.length + ending.length;
  }
  return 0;
}

/**
 * Whether the text from `i`, lower-cased, starts with `form` as `slice(…).toLowerCase()` compares:
 * ASCII letters are folded in place; a non-ASCII character in the way falls back to that slice.
 * The scan tries several forms at nearly every word of every page, and a string made for each
 * try was most of its time.
 */
export function startsFolded(text: string, i: number, form: string): boolean {
  for (let k = 0; k < form.length; k++) {
    const c = text.charCodeAt(i + k);
    if (c >= 0x80 || Number.isNaN(c)) return text.slice(i, i + form.length).toLowerCase() === form;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== form.charCodeAt(k)) return false;
  }
  return true;
}

/** Splits plain text into ranges that may be matched and ranges (bare URLs) that may not. */
function protectUrls(text: string): InputSegment[] {
  const out: InputSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[0], noTerms: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function pushText(out: Segment[], text: string) {
  if (text === '') return;
  const prev = out[out.length - 1];
  if (prev?.kind === 'text') prev.text += text;
  else out.push({ kind: 'text', text });
}

/**
 * Splits paragraphs into text, first-use term links and untouched links. Each term is linked at
 * most once across all paragraphs (and across calls sharing `options.seen`).
 */
export function linkFirstUses(paragraphs: readonly InputParagraph[], terms: readonly TermMatcher[], options: TermLinkOptions = {}): TermLinkResult {
  const forms = compile(terms);
  const seen = options.seen ?? new Set<string>();
  const exclude = new Set(options.exclude ?? []);
  const linked: string[] = [];

  // Forms by the char code of an ASCII first character (A–Z folded to a–z), so most positions are
  // looked up without making a lower-case string.
  const byAscii = Array.from({ length: 128 }, (_, c) => forms.get(String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c)));
  const scan = (text: string, out: Segment[]) => {
    let plain = 0;
    let i = 0;
    while (i < text.length) {
      // Most positions are inside a word, where no use can start: passed over on their codes alone
      // (a string and an iterator made for each character were most of this loop's time). Every
      // position past this test is a word start, which matchAt relies on.
      if (isWordAt(text, i - 1)) {
        i++;
        continue;
      }
      const code = text.charCodeAt(i);
      const candidates = code < 128 ? byAscii[code] : forms.get((text[i] ?? '').toLowerCase());
      let hit: { slug: string; len: number } | null = null;
      if (candidates !== undefined) {
        for (const f of candidates) {
          const len = matchAt(text, i, f.lower);
          if (len > 0) {
            hit = { slug: f.slug, len };
            break;
          }
        }
      }
      if (!hit) {
        i++;
        continue;
      }
      if (!seen.has(hit.slug) && !exclude.has(hit.slug)) {
        pushText(out, text.slice(plain, i));
        out.push({ kind: 'term', text: text.slice(i, i + hit.len), slug: hit.slug });
        seen.add(hit.slug);
        linked.push(hit.slug);
        plain = i + hit.len;
      }
      i += hit.len;
    }
    pushText(out, text.slice(plain));
  };

  const result = paragraphs.map((p) => {
    const out: Segment[] = [];
    const segments: readonly InputSegment[] = typeof p === 'string' ? protectUrls(p) : p.flatMap((s) => (s.link || s.noTerms ? [s] : protectUrls(s.text)));
    // Map each flattened segment back to its index in the caller's paragraph, for link segments.
    let linkIndex = -1;
    const inputLinks = typeof p === 'string' ? [] : p.map((s, k) => (s.link ? k : -1)).filter((k) => k >= 0);
    for (const s of segments) {
      if (s.link) {
        linkIndex++;
        out.push({ kind: 'link', text: s.text, index: inputLinks[linkIndex] ?? -1 });
      } else if (s.noTerms) pushText(out, s.text);
      else scan(s.text, out);
    }
    return out;
  });
  return { paragraphs: result, linked };
}

/** One block of a page (a comment, an essay section) whose paragraphs may get first-use links. */
export interface TermBlock {
  /** Identifies the block to the caller, e.g. a comment id. Must be unique on the page. */
  key: string;
  paragraphs: readonly InputParagraph[];
}

/**
 * First-use links for a whole page whose blocks are rendered by separate components: the blocks
 * are scanned in reading order as one text, so each term is linked once per page however the
 * page is split up. Returns each block's segment lists by key.
 */
export function linkBlocks(blocks: readonly TermBlock[], terms: readonly TermMatcher[], options: TermLinkOptions = {}): Map<string, Segment[][]> {
  const keys = new Set<string>();
  for (const b of blocks) {
    if (keys.has(b.key)) throw new Error(`linkBlocks: two blocks share the key "${b.key}"`);
    keys.add(b.key);
  }
  const { paragraphs } = linkFirstUses(
    blocks.flatMap((b) => b.paragraphs),
    terms,
    options,
  );
  const out = new Map<string, Segment[][]>();
  let at = 0;
  for (const b of blocks) {
    out.set(b.key, paragraphs.slice(at, at + b.paragraphs.length));
    at += b.paragraphs.length;
  }
  return out;
}

/**
 * Source paragraphs as linkFirstUses input: a quotation (marked `quote`, or on one of the
 * `quoting` paragraphs, by paragraphKey) is someone else's words, so it gets no term links and the first link
 * falls in the writer's own text.
 */
export function sourceParagraphs(
  paragraphs: readonly { text: string; line?: number; col?: number | undefined; quote?: boolean | undefined }[],
  quoting: ReadonlySet<string> = new Set(),
): InputParagraph[] {
  return paragraphs.map((p) => (p.quote || (p.line !== undefined && quoting.has(paragraphKey(p.line, p.col))) ? [{ text: p.text, noTerms: true }] : p.text));
}
