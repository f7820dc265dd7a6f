import { SourceError } from './errors.ts';
import { isBlank, type ExportLine } from './lines.ts';
import { codePoint, visible } from './names.ts';

/**
 * Parser for exports in the "header" format (seed 001, as written by an EA Forum viewer):
 *
 *   line 1   post title
 *   line 2   By <author> @ YYYY-MM-DDTHH:MM (+karma)
 *   then     optional preamble: the viewer's crosspost notice, or the post's own text
 *   then     comments, each starting with a header line  <author> @ YYYY-MM-DDTHH:MM (+karma)
 *
 * Karma may be negative, `(-3)`. The export carries no reply structure.
 */

export interface HeaderComment {
  author: string;
  date: string;
  karma: number;
  /** Line of the comment's header. */
  headerLine: number;
  /** Last line of the comment (the line before the next header, or the export's last line). */
  lastLine: number;
  /** True when the export glued a stray `null` to the front of the header (see NULL_PREFIX). */
  nullPrefix: boolean;
  /** The comment's lines after its header, blank lines left out. */
  body: ExportLine[];
}

export interface HeaderExport {
  title: ExportLine;
  byline: { author: string; date: string; karma: number; line: number };
  /** The viewer's "This is a crosspost…" line, when present. */
  crosspostNotice: ExportLine | null;
  /** Post text between the byline and the first comment (blank lines left out). */
  postBody: ExportLine[];
  comments: HeaderComment[];
}

const STAMP = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}) \(([+-]?\d+)\)`;
const BYLINE_RE = new RegExp(String.raw`^By (\S(?:.*\S)?) @ ${STAMP}$`);
const COMMENT_RE = new RegExp(String.raw`^(\S(?:.*\S)?) @ ${STAMP}$`);
const CROSSPOST_RE = /^This is a crosspost\b/;

// A near miss must stop the import: if it were read as text, its comment would be folded into the
// previous one and credited to that author. So "looks like a header" is deliberately broad: any
// name, an @ (also fullwidth) with up to three spaces either side, a date in any digits and common
// layouts (2023-11-16, 16.11.2023, 16 Nov 2023, with or without a time), and an optional
// parenthesised karma. An editor marks a line that really is text with `bodyLines` in the
// segmentation file. Spacing runs are bounded ({0,3}) so that a hostile line of thousands of
// spaces cannot make the pattern backtrack for minutes.
const WS = String.raw`\s{0,3}`;
const SEP = String.raw`${WS}[-/.\u2010-\u2015\u2212\uff0d\uff0f\uff0e]${WS}`;
const DATE_LIKE = [
  String.raw`\p{Nd}{1,4}${SEP}\p{Nd}{1,2}${SEP}\p{Nd}{1,4}`,
  String.raw`\p{Nd}{1,2} {1,3}\p{L}{3,9}\.?,? {1,3}\p{Nd}{4}`,
  String.raw`\p{L}{3,9}\.? {1,3}\p{Nd}{1,2},? {1,3}\p{Nd}{4}`,
].join('|');
const TIME_LIKE = String.raw`(?:(?:${WS}T${WS}|\s{1,3})\p{Nd}{1,2}${WS}[:\uff1a.]${WS}\p{Nd}{2}(?:[:\uff1a.]\p{Nd}{2})?(?: ?\p{L}{1,3})?)?`;
const HEADER_LIKE_RE = new RegExp(
  String.raw`^(?<name>.*?)(?<sep>${WS}[@\uff20\ufe6b]${WS})(?<stamp>(?:${DATE_LIKE})${TIME_LIKE})(?:(?<gap>${WS})(?<karma>[(\uff08][^()\uff08\uff09]{0,40}[)\uff09]))?(?<tail>\s*)$`,
  'su',
);

/**
 * The 001 export has `nullQuintin Pope @ …` on line 4: the viewer printed a JavaScript `null`
 * (an empty field) straight before the first comment's header. Only that exact artifact is
 * repaired: `null` glued to an upper-case letter, with a valid header after it. Real names that
 * merely start with "null" (`null_void`, `nullbot`, `Null Pointer`) are kept as they are.
 */
const NULL_PREFIX = /^null(?=\p{Lu})/u;

/** Invisible characters that some scripts need (joiners) or that get pasted by accident: allowed in names, but such a name never links to a person (see names.ts). */
const INVISIBLE_OK = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;

/** True when the export looks like a header export (its second line is a byline). */
export function isHeaderExport(lines: readonly ExportLine[]): boolean {
  return (lines[1]?.text ?? '').startsWith('By ');
}

/** Why a name cannot be an author's name (controls, separators, bidi and other format characters), or null. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'the name is missing';
  for (const ch of name) {
    if (/\p{Cc}/u.test(ch)) return `the name contains a control character (${codePoint(ch)})`;
    if (/[\p{Zl}\p{Zp}]/u.test(ch) || (/\p{Zs}/u.test(ch) && ch !== ' '))
      return `the name contains a Unicode separator (${codePoint(ch)}) where only a plain space may be`;
    if (/\p{Cf}/u.test(ch) && !INVISIBLE_OK.test(ch)) return `the name contains a Unicode format character (${codePoint(ch)})`;
  }
  if (name !== name.trim()) return 'the name has spaces around it';
  return null;
}

function firstNonAsciiDigit(s: string): string | null {
  for (const ch of s) if (/\p{Nd}/u.test(ch) && !/[0-9]/.test(ch)) return ch;
  return null;
}

/** Parses karma digits, refusing values a JavaScript number cannot hold exactly. */
function karmaValue(file: string, line: number, digits: string): number {
  const n = Number.parseInt(digits, 10);
  if (!Number.isSafeInteger(n)) throw new SourceError(file, line, `karma ${digits} is not a safe integer`);
  return n;
}

/** What is wrong with a header-like line, in words; null when nothing is. */
function headerLikeProblem(g: Record<string, string | undefined>): string | null {
  const name = nameProblem(g['name'] ?? '');
  if (name) return name;
  if (g['sep'] !== ' @ ') return 'the name and the date must be separated by " @ " (one space either side)';
  const stamp = g['stamp'] ?? '';
  const odd = firstNonAsciiDigit(stamp);
  if (odd) return `the date "${visible(stamp)}" has non-ASCII digits (${codePoint(odd)})`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(stamp)) return `the date "${visible(stamp)}" is not YYYY-MM-DDTHH:MM`;
  const karma = g['karma'];
  if (karma === undefined) return 'the karma, e.g. "(+3)", is missing after the date';
  const oddK = firstNonAsciiDigit(karma);
  if (oddK) return `the karma "${visible(karma)}" has non-ASCII digits (${codePoint(oddK)})`;
  if (g['gap'] !== ' ') return 'the date and the karma must be separated by one space';
  if (!/^\([+-]?\d+\)$/.test(karma)) return `the karma "${visible(karma)}" is not a whole number like (+3) or (-2)`;
  if (g['tail'] !== '') return 'the line ends with spaces';
  return null;
}

/** True when a line would be read as a comment header or rejected as a near miss of one. */
export function looksLikeCommentHeader(text: string): boolean {
  return COMMENT_RE.test(text) || (/[@\uff20\ufe6b]/u.test(text) && HEADER_LIKE_RE.test(text));
}

function checkStamp(file: string, line: number, date: string): void {
  const [y, mo, d, h, mi] = date.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) {
    throw new SourceError(file, line, `comment header has an impossible date "${date}"`);
  }
}

/** A header whose name and karma are acceptable, or null. */
function strictHeader(text: string): { author: string; date: string; karma: string } | null {
  const m = COMMENT_RE.exec(text);
  if (!m) return null;
  const [, author = '', date = '', karma = '0'] = m;
  return nameProblem(author) === null ? { author, date, karma } : null;
}

/** Parses one comment header line; null when the line is ordinary text. Throws for near misses. */
export function parseCommentHeader(file: string, line: ExportLine): Omit<HeaderComment, 'lastLine' | 'body'> | null {
  const stripped = line.text.replace(NULL_PREFIX, '');
  const repaired = stripped !== line.text ? strictHeader(stripped) : null;
  const nullPrefix = repaired !== null;
  const h = repaired ?? strictHeader(line.text);
  if (!h) {
    if (!looksLikeCommentHeader(line.text)) return null;
    const g = HEADER_LIKE_RE.exec(line.text)?.groups;
    const why = (g ? headerLikeProblem(g) : null) ?? (nameProblem(line.text.split(' @ ')[0] ?? '') || 'it does not match "Name @ YYYY-MM-DDTHH:MM (+karma)"');
    throw new SourceError(
      file,
      line.line,
      `looks like a comment header but ${why}; if it is really text, list line ${line.line} under "bodyLines" in the segmentation file`,
    );
  }
  checkStamp(file, line.line, h.date);
  return { author: h.author, date: h.date, karma: karmaValue(file, line.line, h.karma), headerLine: line.line, nullPrefix };
}

/** Options for parseHeaderExport. */
export interface HeaderExportOptions {
  /** Lines an editor has marked as body text although they look like comment headers. */
  bodyLines?: ReadonlySet<number> | undefined;
}

/** Parses a header export; `file` names it in errors. */
export function parseHeaderExport(file: string, lines: readonly ExportLine[], options: HeaderExportOptions = {}): HeaderExport {
  const [title, by] = lines;
  if (!title || isBlank(title.text)) throw new SourceError(file, 1, 'the first line must be the post title');
  if (!by) throw new SourceError(file, 2, 'missing byline "By Name @ YYYY-MM-DDTHH:MM (+karma)"');
  const bm = BYLINE_RE.exec(by.text);
  if (!bm) throw new SourceError(file, 2, 'unparseable byline: expected "By Name @ YYYY-MM-DDTHH:MM (+karma)"');
  const [, bAuthor = '', bDate = '', bKarma = '0'] = bm;
  const bName = nameProblem(bAuthor);
  if (bName) throw new SourceError(file, 2, `unparseable byline: ${bName}`);
  checkStamp(file, 2, bDate);
  const bylineKarma = karmaValue(file, 2, bKarma);
  let crosspostNotice: ExportLine | null = null;
  const postBody: ExportLine[] = [];
  const comments: HeaderComment[] = [];
  for (const l of lines.slice(2)) {
    const header = options.bodyLines?.has(l.line) ? null : parseCommentHeader(file, l);
    const current = comments[comments.length - 1];
    if (header) {
      comments.push({ ...header, lastLine: l.line, body: [] });
    } else if (current) {
      current.lastLine = l.line;
      if (!isBlank(l.text)) current.body.push(l);
    } else if (crosspostNotice === null && postBody.length === 0 && CROSSPOST_RE.test(l.text)) {
      crosspostNotice = l;
    } else if (!isBlank(l.text)) {
      postBody.push(l);
    }
  }
  for (const c of comments) {
    if (c.body.length === 0) throw new SourceError(file, c.headerLine, `comment by ${c.author} has no text`);
  }
  return {
    title,
    byline: { author: bAuthor, date: bDate, karma: bylineKarma, line: 2 },
    crosspostNotice,
    postBody,
    comments,
  };
}
