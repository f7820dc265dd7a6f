import { SourceError } from './errors.ts';
import { isBlank, type ExportLine } from './lines.ts';

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
/** Something that starts like a header (`Name @ 2023-…T`) and so must parse as one. */
const HEADER_LIKE_RE = /^\S.* @ \d{4}-\d{2}-\d{2}T/;
const CROSSPOST_RE = /^This is a crosspost\b/;
/**
 * The 001 export has `nullQuintin Pope @ …` on line 4: the viewer printed a JavaScript `null`
 * (an empty field) straight before the first comment's header. A leading `null` is dropped when
 * the rest of the line is a header and the name after it does not start with a lower-case letter,
 * so a user really called "nullbot" keeps their name.
 */
const NULL_PREFIX = /^null(?=[^a-z])/;

/** True when the export looks like a header export (its second line is a byline). */
export function isHeaderExport(lines: readonly ExportLine[]): boolean {
  return (lines[1]?.text ?? '').startsWith('By ');
}

function checkStamp(file: string, line: number, date: string): void {
  const [y, mo, d, h, mi] = date.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) {
    throw new SourceError(file, line, `comment header has an impossible date "${date}"`);
  }
}

/** Parses one comment header line; null when the line is ordinary text. Throws for near misses. */
export function parseCommentHeader(file: string, line: ExportLine): Omit<HeaderComment, 'lastLine' | 'body'> | null {
  const stripped = line.text.replace(NULL_PREFIX, '');
  const nullPrefix = stripped !== line.text && COMMENT_RE.test(stripped);
  const text = nullPrefix ? stripped : line.text;
  const m = COMMENT_RE.exec(text);
  if (!m) {
    if (HEADER_LIKE_RE.test(text)) {
      throw new SourceError(file, line.line, 'unparseable comment header: expected "Name @ YYYY-MM-DDTHH:MM (+karma)"');
    }
    return null;
  }
  const [, author = '', date = '', karma = '0'] = m;
  checkStamp(file, line.line, date);
  return { author, date, karma: Number.parseInt(karma, 10), headerLine: line.line, nullPrefix };
}

/** Parses a header export; `file` names it in errors. */
export function parseHeaderExport(file: string, lines: readonly ExportLine[]): HeaderExport {
  const [title, by] = lines;
  if (!title || isBlank(title.text)) throw new SourceError(file, 1, 'the first line must be the post title');
  if (!by) throw new SourceError(file, 2, 'missing byline "By Name @ YYYY-MM-DDTHH:MM (+karma)"');
  const bm = BYLINE_RE.exec(by.text);
  if (!bm) throw new SourceError(file, 2, 'unparseable byline: expected "By Name @ YYYY-MM-DDTHH:MM (+karma)"');
  const [, bAuthor = '', bDate = '', bKarma = '0'] = bm;
  checkStamp(file, 2, bDate);
  let crosspostNotice: ExportLine | null = null;
  const postBody: ExportLine[] = [];
  const comments: HeaderComment[] = [];
  for (const l of lines.slice(2)) {
    const header = parseCommentHeader(file, l);
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
    byline: { author: bAuthor, date: bDate, karma: Number.parseInt(bKarma, 10), line: 2 },
    crosspostNotice,
    postBody,
    comments,
  };
}
