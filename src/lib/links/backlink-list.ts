/**
 * What a "Quoted in / Cited by" list shows, decided from the link graph in one place: the links
 * sorted into kinds, merged so each citing passage appears once with all the words it links here
 * with, and gathered under the page they are on, plus the one-line count that stands for the list
 * while it is collapsed. The graph keeps one edge per link; a claim page that cites a passage in
 * its text and again in its sources is two edges, but one entry here.
 */
import { splitNodeId } from './anchors.ts';
import type { Backlink, ByType, GraphEdge, GraphNode, LinkGraph } from './graph.ts';
import { wordsFoundAtSource } from './quote-view.ts';

/** The kinds a list shows, in display order; also the links' `data-backlink` values. */
export const BACKLINK_KINDS = ['quotes', 'quotes-earlier', 'cites', 'replies'] as const;
/** `quotes-earlier`: quotes whose words the passage no longer has (a comment on an earlier version). */
export type BacklinkKind = (typeof BACKLINK_KINDS)[number];

const LABELS: Record<BacklinkKind, string> = {
  quotes: 'Quoted in',
  'quotes-earlier': 'Earlier wording quoted in',
  cites: 'Cited by',
  replies: 'Replies',
};

/** One citing sentence or quoted span; `earlier` marks quoted words the target passage does not have. */
export interface CitingWords {
  text: string;
  earlier: boolean;
}

/** A passage (or whole page) that links here, once, with every distinct excerpt it links with. */
export interface CitingPassage {
  node: GraphNode;
  /** The name to show under its page's heading: the title without the page's name after " · ". */
  label: string;
  words: CitingWords[];
}

/** The citing passages of one page. */
export interface CitingPage {
  page: string;
  /** The page's name, for the heading of a page that cites from several passages. */
  title: string;
  /** The page the list is shown on: several of its passages are headed "Elsewhere on this page". */
  here: boolean;
  passages: CitingPassage[];
}

/** One kind of link ("Cited by"), by citing page; `count` is the number of distinct citing passages. */
export interface BacklinkGroup {
  kind: BacklinkKind;
  label: string;
  count: number;
  pages: CitingPage[];
}

/** A whole list: its groups and the one line that stands for it collapsed ("Quoted in 3 · Cited by 13"). */
export interface BacklinkList {
  groups: BacklinkGroup[];
  summary: string;
}

export interface BacklinkListOptions {
  /** Leave out reply links (a comment already shows its replies). Default true. */
  skipReplies?: boolean;
  /** The page the list is shown on. */
  here?: string | undefined;
  /** Quote spots (quoteSpot) already listed beside their paragraph, left out so no quote is listed twice. */
  shownBeside?: ReadonlySet<string> | undefined;
}

/** Where a quote lands, as the paragraph-level note keys it: the passage and the quoted paragraph's export line. */
export function quoteSpot(edge: Pick<GraphEdge, 'to' | 'toLine'>): string {
  return `${edge.to}@${edge.toLine ?? ''}`;
}

/** A passage's title without the name of its page, which its page heading already gives. */
export function passageLabel(title: string): string {
  const at = title.indexOf(' · ');
  return at > 0 ? title.slice(0, at) : title;
}

/** The heading for a page's several citing passages: its title, said to be the comments for a thread. */
function pageTitle(graph: LinkGraph, page: string): string {
  const node = graph.nodes[page];
  if (!node) return page;
  return node.kind === 'thread' ? `Comments on “${node.title}”` : node.title;
}

/**
 * Sorts backlinks into the list's kinds and merges them: one entry per citing passage, its
 * excerpts in first-seen order with repeats dropped, entries gathered under their page in the
 * order the pages first appear. A passage that quotes the target both in its present words and
 * in earlier ones is listed once, under "Quoted in", with the earlier words marked as such.
 */
export function groupBacklinks(graph: LinkGraph, links: Partial<ByType<Backlink>>, options: BacklinkListOptions = {}): BacklinkList {
  const { skipReplies = true, here, shownBeside } = options;
  const quotes = (links.quotes ?? []).filter((b) => !shownBeside?.has(quoteSpot(b.edge)));
  const foundFrom = new Set(quotes.filter((b) => wordsFoundAtSource(b.edge)).map((b) => b.node.id));
  const byKind: Record<BacklinkKind, Backlink[]> = {
    quotes: quotes.filter((b) => foundFrom.has(b.node.id)),
    'quotes-earlier': quotes.filter((b) => !foundFrom.has(b.node.id)),
    cites: links.cites ?? [],
    replies: skipReplies ? [] : (links['replies-to'] ?? []),
  };
  const groups = BACKLINK_KINDS.flatMap((kind): BacklinkGroup[] => {
    const pages = new Map<string, CitingPage>();
    const passages = new Map<string, CitingPassage>();
    for (const b of byKind[kind]) {
      let passage = passages.get(b.node.id);
      if (!passage) {
        passage = { node: b.node, label: passageLabel(b.node.title), words: [] };
        passages.set(b.node.id, passage);
        const { page } = splitNodeId(b.node.id);
        const entry = pages.get(page) ?? { page, title: pageTitle(graph, page), here: page === here, passages: [] };
        entry.passages.push(passage);
        pages.set(page, entry);
      }
      const text = b.edge.excerpt.trim();
      const earlier = kind !== 'cites' && kind !== 'replies' && !wordsFoundAtSource(b.edge);
      if (text && !passage.words.some((w) => w.text === text && w.earlier === earlier)) passage.words.push({ text, earlier });
    }
    return passages.size > 0 ? [{ kind, label: LABELS[kind], count: passages.size, pages: [...pages.values()] }] : [];
  });
  return { groups, summary: groups.map((g) => `${g.label} ${g.count}`).join(' · ') };
}
