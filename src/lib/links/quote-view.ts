/**
 * How a comment's quotations are shown, decided once from the link graph so the page, its
 * previews and the built-site checks agree. The rule: a blockquote holds only someone else's
 * words, and says whose and where they are; a line that merely contains a short quotation stays
 * the commenter's own paragraph, with the quoted span marked inline.
 */
import { firstOwnWords } from '../text/excerpt.ts';
import { paragraphKey } from '../text/quotes.ts';
import { linksFrom, type Backlink, type GraphEdge, type LinkGraph } from './graph.ts';

/**
 * `found`: the quoted words are in the linked passage. `earlier`: the best match differs in wording
 * (a comment on an earlier version of the post). `noted`: the editors say what is quoted, and no
 * passage here holds it. `unsourced`: marked as a quotation, source unknown.
 */
export type QuoteStatus = 'found' | 'earlier' | 'noted' | 'unsourced';

/** Whether a quote link's words occur in the passage it points to (verbatim or with only typographic differences). */
export function wordsFoundAtSource(edge: GraphEdge): boolean {
  return edge.match?.kind !== 'fuzzy';
}

/** How to show one paragraph of a comment. */
export interface ParagraphQuotes {
  /** The link for a paragraph that is wholly a quotation, when the matcher found its source. */
  whole: Backlink | null;
  /** Spans in quote marks inside the commenter's own paragraph, with their sources, in text order. */
  spans: Backlink[];
}

/** Quote links leaving one comment, grouped by the paragraph (paragraphKey) they start from. */
export function quotesByParagraph(graph: LinkGraph, comment: string): Map<string, ParagraphQuotes> {
  const out = new Map<string, ParagraphQuotes>();
  for (const b of linksFrom(graph, comment).quotes) {
    if (b.edge.fromLine === undefined) continue;
    const key = paragraphKey(b.edge.fromLine, b.edge.fromCol);
    const entry = out.get(key) ?? { whole: null, spans: [] };
    if (b.edge.inline) entry.spans.push(b);
    else if (!entry.whole) entry.whole = b;
    out.set(key, entry);
  }
  return out;
}

/** Paragraphs of a comment (by paragraphKey) that the matcher found whole in another passage. */
export function wholeQuoteParagraphs(graph: LinkGraph, comment: string): Set<string> {
  return new Set([...quotesByParagraph(graph, comment)].flatMap(([key, q]) => (q.whole ? [key] : [])));
}

/** The status of a paragraph shown as a blockquote: its link, or the editors' note, decides. */
export function blockquoteStatus(link: Backlink | null, note: string | undefined): QuoteStatus {
  if (link) return wordsFoundAtSource(link.edge) ? 'found' : 'earlier';
  return note ? 'noted' : 'unsourced';
}

/** Whether a paragraph is someone else's words: marked by the editors, or wholly matched to a passage. */
export function isQuotation(p: { quote?: boolean | undefined }, quotes: ParagraphQuotes | undefined): boolean {
  return p.quote === true || (quotes?.whole ?? null) !== null;
}

/** A piece of a paragraph: the writer's text, or a quoted span with the link that sources it. */
export type TextPiece = { text: string; quote?: undefined } | { text: string; quote: Backlink };

/**
 * Splits an own paragraph at its quoted spans, left to right. A span the text does not contain
 * (which the matcher never produces) is skipped rather than guessed at.
 */
export function splitAtSpans(text: string, spans: readonly Backlink[]): TextPiece[] {
  const found = spans
    .map((b) => ({ b, span: quotedText(b) }))
    .map(({ b, span }) => ({ b, span, at: span ? text.indexOf(span) : -1 }))
    .filter((x) => x.at >= 0)
    .sort((x, y) => x.at - y.at);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const { b, span, at: start } of found) {
    if (start < at) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    pieces.push({ text: span, quote: b });
    at = start + span.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** The quoted words of a quote edge, untruncated (edges keep them in full as `quoted`, or as the excerpt). */
function quotedText(b: Backlink): string {
  return b.edge.quoted ?? b.edge.excerpt;
}

/**
 * The writer's own words of a comment, for its title, preview and reply context: paragraphs that
 * are quotations are skipped, so no label starts with someone else's words. A comment that is all
 * quotation (none in the seeds) falls back to its text rather than showing nothing.
 */
export function ownWords(
  paragraphs: readonly { text: string; line: number; col?: number | undefined; quote?: boolean | undefined }[],
  quotes: ReadonlyMap<string, ParagraphQuotes>,
  max?: number,
): string {
  return firstOwnWords(paragraphs, (p) => isQuotation(p, quotes.get(paragraphKey(p.line, p.col))), max);
}

/** A run of a comment's paragraphs shown together: the writer's own, or one quotation. */
export type ParagraphGroup =
  | { kind: 'own'; index: number; spans: Backlink[] }
  | { kind: 'quote'; indices: number[]; status: QuoteStatus; link: Backlink | null; note: string | undefined };

/**
 * Groups a comment's paragraphs for display. Consecutive quoted paragraphs with the same source
 * (or the same editors' note) form one blockquote with one label, so a quotation the export split
 * across lines is not labelled once per line.
 */
export function paragraphGroups(
  paragraphs: readonly { line: number; col?: number | undefined; quote?: boolean | undefined; quoteNote?: string | undefined }[],
  quotes: ReadonlyMap<string, ParagraphQuotes>,
): ParagraphGroup[] {
  const out: ParagraphGroup[] = [];
  paragraphs.forEach((p, index) => {
    const q = quotes.get(paragraphKey(p.line, p.col));
    if (!isQuotation(p, q)) {
      out.push({ kind: 'own', index, spans: q?.spans ?? [] });
      return;
    }
    const link = q?.whole ?? null;
    const status = blockquoteStatus(link, p.quoteNote);
    const prev = out[out.length - 1];
    if (
      prev?.kind === 'quote' &&
      prev.status === status &&
      prev.link?.node.id === link?.node.id &&
      prev.note === p.quoteNote &&
      status !== 'found' &&
      status !== 'earlier'
    ) {
      prev.indices.push(index);
    } else {
      out.push({ kind: 'quote', indices: [index], status, link, note: p.quoteNote });
    }
  });
  return out;
}
