/**
 * Links that land on quoted words: the passage's permalink plus a text directive that picks out
 * the words themselves, so a reader following a quotation sees it rather than the top of a long
 * comment or section.
 */
import { directiveString, type TextDirective } from './fragment.ts';
import { splitNodeId, urlOf, type NodeId } from './anchors.ts';
import { locateQuote, textDirectiveFor } from './text-match.ts';
import type { PageText } from './page-text.ts';

/** Source pages' text by page id (`essays/x`), as the site model gives it (a Map will do). */
export interface PageTexts {
  /** The page's text, or undefined for a page id that is not a source page. */
  get(page: string): PageText | undefined;
}

/** Options for a quote link. */
export interface QuoteOptions {
  /**
   * Link words that open the passage with the plain permalink, which lands on them anyway (used
   * for the opening words a passage list quotes, to keep those links short).
   */
  notAtStart?: boolean;
}

/**
 * The directive that lands on `quoted` inside the passage `id` (or anywhere on a page id), or null
 * when the words are not in the passage or nothing picks out that occurrence.
 */
export function quoteDirective(id: NodeId | string, quoted: string, pages: PageTexts, options: QuoteOptions = {}): TextDirective | null {
  const { page, anchor } = splitNodeId(id);
  const text = pages.get(page);
  if (!text) return null;
  const within = anchor === null ? { start: 0, end: text.text.text.length } : text.passages.get(anchor);
  if (!within) return null;
  const span = locateQuote(text.text.text, quoted, within.start, within.end);
  if (!span || (options.notAtStart && span.start === within.start)) return null;
  return textDirectiveFor(text.text, span);
}

/**
 * The link for a quotation of `quoted` from the passage `id`: `/threads/x/#c-1:~:text=…`. Words
 * that are not found verbatim in the passage (or cannot be told apart from an earlier copy) get
 * the plain permalink, which still opens the right passage.
 */
export function quoteHref(id: NodeId | string, quoted: string, pages: PageTexts, options: QuoteOptions = {}): string {
  const d = quoteDirective(id, quoted, pages, options);
  if (!d) return urlOf(id);
  return `${urlOf(id)}${splitNodeId(id).anchor === null ? '#' : ''}${directiveString(d)}`;
}

/**
 * Text wrapped whole in quote marks, without them ("“a strange prior”" gives "a strange prior"),
 * or null: link text that is a quotation is what a quote link promises to land on.
 */
export function quotedWords(text: string): string | null {
  const m = /^\s*["“‘'«]([\s\S]+)["”’'»]\s*$/.exec(text);
  const inner = m?.[1]?.trim();
  return inner && !/["“”]/.test(inner) ? inner : null;
}
