/**
 * "On this page": the contents list of a long source page, as plain data. Essays list their
 * headed sections, nested under the heading they belong to, so a sub-section is numbered within
 * its parent rather than continuing one running sequence. Threads and profile exports list their
 * top-level comments (who, their first own words, how many replies follow), because a
 * conversation, not a heading, is what a reader looks for in a thread.
 */
import { attributionOf, authorLabel, type AttributionStatus } from '../text/attribution.ts';
import { ownWords, quotesByParagraph } from '../links/quote-view.ts';
import type { LinkGraph } from '../links/graph.ts';
import { countNodes, type CommentNode, type TreeComment } from '../threads/tree.ts';

/** One entry of the list: a link to `#id`, with entries nested under it. */
export interface ContentsEntry {
  /** A heading of the page, or a comment (listed by author and first words). */
  kind: 'section' | 'comment';
  /** Anchor the entry links to (no `#`). */
  id: string;
  /** The section heading, or a comment's first own words. */
  text: string;
  /** For a comment: who wrote it, as authorLabel words it for a list entry (absent where the page says it once). */
  author?: string;
  /** For a comment: the number of replies below it, at any depth. */
  replies?: number;
  children: ContentsEntry[];
}

/** How long a comment's first words may run in an entry: two short lines of the side column. */
export const CONTENTS_WORDS = 90;

/** Headed essay sections as nested entries; untitled sections (the opening) are not listed. */
export function sectionContents(sections: readonly { id: string; heading: string | null; level: number }[]): ContentsEntry[] {
  const top: ContentsEntry[] = [];
  // Open entries by level: a heading nests under the nearest earlier heading of a higher rank.
  const open: { level: number; entry: ContentsEntry }[] = [];
  for (const s of sections) {
    if (s.heading === null) continue;
    const entry: ContentsEntry = { kind: 'section', id: s.id, text: s.heading, children: [] };
    while (open.length > 0 && open[open.length - 1]!.level >= s.level) open.pop();
    (open[open.length - 1]?.entry.children ?? top).push(entry);
    open.push({ level: s.level, entry });
  }
  return top;
}

/** What commentContents reads of a comment: the tree fields, its author and its paragraphs. */
export interface ContentsComment extends TreeComment {
  author: { name: string | null; status: AttributionStatus };
  /** Deleted on the forum: listed as "[deleted]", as the page shows it. */
  deleted?: boolean | undefined;
  paragraphs: readonly { text: string; line: number; col?: number | undefined; quote?: boolean | undefined }[];
}

/**
 * The top-level comments of a thread or profile as entries: author label, first own words (so an
 * entry never opens with someone else's quoted words) and reply count. `page` is the link-graph
 * page holding the comments (`threads/<slug>` or `people/<slug>`); `labelOf` lets a page name
 * authors its own way (null: the page already says who wrote it), and defaults to authorLabel.
 */
export function commentContents<C extends ContentsComment>(
  trees: readonly CommentNode<C>[],
  graph: LinkGraph,
  page: string,
  labelOf: (c: C) => string | null = (c) => authorLabel(attributionOf(c.author), 'label'),
): ContentsEntry[] {
  return trees.map((t) => {
    const author = labelOf(t.comment);
    return {
      kind: 'comment',
      id: t.comment.id,
      text: t.comment.deleted ? '[deleted]' : ownWords(t.comment.paragraphs, quotesByParagraph(graph, `${page}#${t.comment.id}`), CONTENTS_WORDS),
      ...(author === null ? {} : { author }),
      replies: countNodes(t.replies),
      children: [],
    };
  });
}

/** Number of entries at every depth, for the closed control's "Contents (25)". */
export function countEntries(entries: readonly ContentsEntry[]): number {
  return entries.reduce((n, e) => n + 1 + countEntries(e.children), 0);
}

/** "1 reply", "3 replies": the reply count as an entry shows it. */
export function repliesLabel(n: number): string {
  return `${n} ${n === 1 ? 'reply' : 'replies'}`;
}
