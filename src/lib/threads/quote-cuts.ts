/**
 * Quote cuts: an editor's statement that part of an export line is someone else's words.
 *
 * The exports lost their quote markup, and a quotation often shares a line with the commenter's
 * own words (the export glued them together, sometimes without a space). A whole-line mark would
 * then credit the commenter's words to the quoted author, or the quoted author's words to the
 * commenter. So a quote may be cut inside a line by exact phrases of that line: `from` is where
 * the quotation starts, `to` the words it ends with. Phrases, not character offsets, because an
 * editor can check a phrase against the export by eye and a wrong one fails loudly.
 */

/** One quote on one line, as the segmentation file states it. */
export interface QuoteCut {
  line: number;
  /** Exact words the quotation starts with; absent: it starts where the line starts. */
  from?: string | undefined;
  /** Exact words the quotation ends with; absent: it runs to the end of the line. */
  to?: string | undefined;
  /** What the quotation is of, for readers, when no passage on the site holds it. */
  note?: string | undefined;
}

/** A verbatim piece of one export line: the commenter's own words, or a quotation. */
export interface LinePiece {
  text: string;
  /** Offset of the piece's first character in the export line (0 for an uncut line). */
  col: number;
  quote: boolean;
  note?: string | undefined;
}

/** Why a cut could not be applied; the caller adds the file and line. */
export class QuoteCutError extends Error {}

function uniqueIndex(line: string, phrase: string, fromIndex: number, what: string, lineNo: number): number {
  if (phrase.trim() === '') throw new QuoteCutError(`the quote's ${what} phrase on line ${lineNo} is empty`);
  const at = line.indexOf(phrase, fromIndex);
  if (at < 0) {
    throw new QuoteCutError(
      `the quote's ${what} phrase ${JSON.stringify(phrase)} is not on line ${lineNo}${fromIndex > 0 ? ' after its start' : ''} (phrases must match the export exactly)`,
    );
  }
  if (line.indexOf(phrase, at + 1) >= 0) {
    throw new QuoteCutError(`the quote's ${what} phrase ${JSON.stringify(phrase)} occurs more than once on line ${lineNo}; give a longer phrase`);
  }
  return at;
}

/**
 * Cuts one export line into pieces by the quotes that concern it. A line with no cut is one
 * piece; a whole-line quote is one quoted piece. Pieces keep the export's text exactly, minus the
 * whitespace at the seams (which belongs to neither side); blank pieces are dropped.
 */
export function cutLine(text: string, lineNo: number, cuts: readonly QuoteCut[]): LinePiece[] {
  const ranges = cuts
    .map((c) => {
      const start = c.from === undefined ? 0 : uniqueIndex(text, c.from, 0, 'start', lineNo);
      const end = c.to === undefined ? text.length : uniqueIndex(text, c.to, start, 'end', lineNo) + c.to.length;
      return { start, end, note: c.note };
    })
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev && cur && cur.start < prev.end) throw new QuoteCutError(`two quotes on line ${lineNo} overlap`);
  }
  if (ranges.length === 0) return [{ text, col: 0, quote: false }];
  const only = ranges[0];
  // A whole-line quote keeps the line exactly as the export has it, like an uncut line.
  if (ranges.length === 1 && only && only.start === 0 && only.end === text.length) {
    return [{ text, col: 0, quote: true, ...(only.note === undefined ? {} : { note: only.note }) }];
  }
  const pieces: LinePiece[] = [];
  const push = (start: number, end: number, quote: boolean, note?: string) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === '') return;
    pieces.push({ text: body, col: start + lead, quote, ...(note === undefined ? {} : { note }) });
  };
  let at = 0;
  for (const r of ranges) {
    push(at, r.start, false);
    push(r.start, r.end, true, r.note);
    at = r.end;
  }
  push(at, text.length, false);
  return pieces;
}
