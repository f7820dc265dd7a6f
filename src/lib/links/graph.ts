/**
 * The link graph: every page and passage of the site as a node, every cross-link as a typed edge
 * with the sentence that makes it. Built once per build; backlink lists, reply context and
 * side-comment markers only read it, so all of them agree with each other.
 */
import { excerpt, firstOwnWords } from '../text/excerpt.ts';
import type { TextReader } from '../text/reading.ts';
import { essayPassages, findQuoteLinks, paragraphKey, threadQuoteInputs, type QuoteCandidate, type QuoteLink, type QuoteMatchKind } from '../text/quotes.ts';
import { nodeId, splitNodeId } from './anchors.ts';
import { attributionOf, authorLabel, type Attribution } from '../text/attribution.ts';

export const EDGE_TYPES = ['quotes', 'replies-to', 'cites', 'mentions-term'] as const;
/** `quotes`: a comment repeats a passage. `replies-to`: a comment answers another. `cites`: our `<Ref>` or a claim's source. `mentions-term`: a passage uses a glossary term. */
export type EdgeType = (typeof EDGE_TYPES)[number];

export type NodeKind = 'essay' | 'section' | 'list-note' | 'thread' | 'comment' | 'person' | 'claim' | 'term' | 'page' | 'guide' | 'summary';

/** A page (`essays/x`) or a passage on it (`essays/x#summary`). */
export interface GraphNode {
  id: string;
  page: string;
  anchor: string | null;
  kind: NodeKind;
  /** What a link list shows: "Summary · Deceptive Alignment is <1% Likely by Default". */
  title: string;
  /** Who wrote the passage, with how that is known; null for our own pages and whole pages. */
  author: Attribution | null;
  /** The first words of the passage, for previews and reply context. */
  excerpt: string;
}

/** One link. `excerpt` is the citing text: the quoted words, the reply's first line, the sentence around a `<Ref>`. */
export interface GraphEdge {
  type: EdgeType;
  from: string;
  to: string;
  excerpt: string;
  /** Export line of the quoting paragraph, for quotes. */
  fromLine?: number;
  /** Offset of the quoting paragraph in its line, when a quote cut split the line. */
  fromCol?: number;
  /** For quotes: the quoted words are a span inside the commenter's own paragraph, not the whole paragraph. */
  inline?: boolean;
  /** For inline quotes: the quoted span in full (the excerpt may be cut short), to find it in the paragraph. */
  quoted?: string;
  /** Export line of the quoted paragraph, so a side-comment marker sits beside the right paragraph. */
  toLine?: number;
  /** How a quote was matched (see src/lib/text/quotes.ts). */
  match?: { kind: QuoteMatchKind; score: number };
}

/** The whole graph, plain JSON so a page or a preview file can read it back unchanged. */
export interface LinkGraph {
  version: 1;
  nodes: Record<string, GraphNode>;
  edges: GraphEdge[];
  /** Links whose target is not a node, described for the build log; they are left out of `edges`. */
  problems: string[];
}

interface ParagraphIn {
  text: string;
  line: number;
  col?: number | undefined;
  quote?: boolean | undefined;
}
interface CommentIn {
  id: string;
  author: Attribution;
  replyTo: { kind: 'post' | 'comment' | 'unknown'; id?: string | undefined };
  paragraphs: readonly ParagraphIn[];
}
interface SectionIn {
  id: string;
  heading: string | null;
  line: number | null;
  blocks: readonly (({ kind: 'p' } & ParagraphIn) | { kind: 'missing-list'; id: string; after: number; label: string; items: readonly { text: string }[] })[];
}

/** Everything the graph is built from; the collection entries' data satisfies these shapes. */
export interface LinkGraphInput {
  essays?: readonly { slug: string; title: string; author: Attribution; sections: readonly SectionIn[] }[];
  threads?: readonly { slug: string; title: string; comments: readonly CommentIn[] }[];
  /** Profile exports; their comments are shown on the person's page. */
  profiles?: readonly { person: string; comments: readonly CommentIn[] }[];
  people?: readonly { slug: string; name: string }[];
  claims?: readonly { slug: string; title: string; summary?: string; sources: readonly string[] }[];
  terms?: readonly { slug: string; term: string; aliases?: readonly string[]; sources: readonly string[] }[];
  /**
   * Our own pages and passages that cite sources but are not entries of a reference collection:
   * guide pages and their sections (`start`, `start#the-question`, served at `/start/`) and summary
   * boxes (`essays/x#our-summary`). The id is the node id, so `urlOf` gives the address.
   */
  editorial?: readonly { id: string; kind: 'guide' | 'summary'; title: string }[];
  /** `<Ref>` usages: the page (and section, if known) holding each, its target and citing sentence. */
  refs?: readonly { page: string; anchor?: string | null; to: string; sentence: string }[];
  /** Precomputed quote links; when absent the graph runs the matcher itself. */
  quoteLinks?: readonly QuoteLink[];
}

const EXCERPT = 160;
/** Comment orders of different threads never overlap, so cross-thread quotes follow input order. */
const THREAD_ORDER_STRIDE = 100_000;

/** A node's excerpt: its writer's own first words, skipping quotations (marked, or found by the matcher). */
function nodeExcerpt(paragraphs: readonly ParagraphIn[], quoting: ReadonlySet<string> = new Set()): string {
  return firstOwnWords(paragraphs, (p) => Boolean(p.quote) || quoting.has(paragraphKey(p.line, p.col)), EXCERPT);
}

/** The sentence of `text` that contains `needle` (case-insensitive), or null. */
function sentenceWith(text: string, needle: string): string | null {
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return null;
  const start = Math.max(...[...text.slice(0, at).matchAll(/[.!?]\s+/g)].map((m) => m.index + m[0].length), 0);
  const stop = /[.!?](\s|$)/.exec(text.slice(at + needle.length));
  return excerpt(text.slice(start, stop ? at + needle.length + stop.index + 1 : text.length), EXCERPT * 2);
}

/** What the quote matcher reads: the essays, and the comments of every thread and profile. */
export type QuoteCorpus = Pick<LinkGraphInput, 'essays' | 'threads' | 'profiles'>;

/** Pages of comments in reading order: each thread, then each profile (shown on its person's page). */
function commentSources(input: QuoteCorpus): { page: string; comments: readonly CommentIn[] }[] {
  return [
    ...(input.threads ?? []).map((t) => ({ page: `threads/${t.slug}`, comments: t.comments })),
    ...(input.profiles ?? []).map((p) => ({ page: `people/${p.person}`, comments: p.comments })),
  ];
}

/**
 * The automatic quote links of a corpus: what buildLinkGraph finds when it is not handed them.
 * Exported so that a build can find them in a process of its own, beside Astro's bundling, and
 * keep them for the next build (src/data/quote-links.ts), reading the texts with a reader kept
 * from the last build when it hands one.
 */
export function quoteLinksOf(input: QuoteCorpus, reader?: TextReader): QuoteLink[] {
  const passages = (input.essays ?? []).flatMap((e) => essayPassages(`essays/${e.slug}`, e));
  const candidates: QuoteCandidate[] = [];
  for (const [i, { page, comments }] of commentSources(input).entries()) {
    const inputs = threadQuoteInputs(page, { comments }, (i + 1) * THREAD_ORDER_STRIDE);
    passages.push(...inputs.passages);
    candidates.push(...inputs.candidates);
  }
  return findQuoteLinks(passages, candidates, reader ? { reader } : {});
}

/** Builds the graph: nodes for every page and passage, then quote, reply, citation and term edges. */
export function buildLinkGraph(input: LinkGraphInput): LinkGraph {
  const nodes: Record<string, GraphNode> = {};
  const texts = new Map<string, string>();
  const edges: GraphEdge[] = [];
  const problems: string[] = [];
  const add = (n: Omit<GraphNode, 'id'>, text = '') => {
    const id = nodeId(n.page, n.anchor);
    nodes[id] = { id, ...n };
    texts.set(id, text);
  };
  const link = (e: GraphEdge, what: string) => {
    if (!nodes[e.from]) problems.push(`${what}: unknown source ${e.from}`);
    else if (!nodes[e.to]) problems.push(`${what}: unknown target ${e.to}`);
    else edges.push(e);
  };

  for (const p of input.people ?? []) add({ page: `people/${p.slug}`, anchor: null, kind: 'person', title: p.name, author: null, excerpt: '' });
  for (const e of input.essays ?? []) {
    const page = `essays/${e.slug}`;
    const paras = e.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'p' ? [b] : [])));
    add({ page, anchor: null, kind: 'essay', title: e.title, author: attributionOf(e.author), excerpt: nodeExcerpt(paras) });
    for (const s of e.sections) {
      const own = s.blocks.flatMap((b) => (b.kind === 'p' ? [b] : []));
      add(
        { page, anchor: s.id, kind: 'section', title: `${s.heading ?? 'Opening'} · ${e.title}`, author: attributionOf(e.author), excerpt: nodeExcerpt(own) },
        own.map((b) => b.text).join('\n'),
      );
      for (const b of s.blocks) {
        if (b.kind !== 'missing-list') continue;
        const items = b.items.map((i) => i.text).join(' ');
        add(
          {
            page,
            anchor: b.id,
            kind: 'list-note',
            title: `Editor's note · ${e.title}`,
            author: null,
            excerpt: excerpt(`A list the export lost: ${b.label}.`, EXCERPT),
          },
          items,
        );
      }
    }
  }
  const commentPages: { page: string; comments: readonly CommentIn[]; title: string }[] = [];
  for (const t of input.threads ?? []) {
    const page = `threads/${t.slug}`;
    add({ page, anchor: null, kind: 'thread', title: t.title, author: null, excerpt: `${t.comments.length} comments` });
    commentPages.push({ page, comments: t.comments, title: t.title });
  }
  for (const p of input.profiles ?? []) {
    const page = `people/${p.person}`;
    if (!nodes[page]) add({ page, anchor: null, kind: 'page', title: p.person, author: null, excerpt: '' });
    commentPages.push({ page, comments: p.comments, title: nodes[page]?.title ?? p.person });
  }
  // Quotes first: they are the most numerous and the reason the graph exists, and a comment's own
  // words (its excerpt) are what is left once its quotations are known.
  const quoteLinks = input.quoteLinks ?? quoteLinksOf(input);
  const wholeQuotes = new Map<string, Set<string>>();
  for (const q of quoteLinks) {
    if (q.inline) continue;
    const id = nodeId(q.quote.page, q.quote.anchor);
    wholeQuotes.set(id, (wholeQuotes.get(id) ?? new Set()).add(paragraphKey(q.quote.line, q.quote.col)));
  }
  for (const { page, comments, title } of commentPages) {
    for (const c of comments) {
      const author = attributionOf(c.author);
      const quoting = wholeQuotes.get(nodeId(page, c.id));
      add(
        { page, anchor: c.id, kind: 'comment', title: `Comment by ${authorLabel(author)} · ${title}`, author, excerpt: nodeExcerpt(c.paragraphs, quoting) },
        c.paragraphs
          .filter((p) => !p.quote && !quoting?.has(paragraphKey(p.line, p.col)))
          .map((p) => p.text)
          .join('\n'),
      );
    }
  }
  for (const c of input.claims ?? [])
    add({ page: `arguments/${c.slug}`, anchor: null, kind: 'claim', title: c.title, author: null, excerpt: excerpt(c.summary ?? '', EXCERPT) });
  for (const t of input.terms ?? []) add({ page: `glossary/${t.slug}`, anchor: null, kind: 'term', title: t.term, author: null, excerpt: '' });
  for (const e of input.editorial ?? []) {
    const { page, anchor } = splitNodeId(e.id);
    add({ page, anchor, kind: e.kind, title: e.title, author: null, excerpt: '' });
  }

  for (const q of quoteLinks) {
    link(
      {
        type: 'quotes',
        from: nodeId(q.quote.page, q.quote.anchor),
        to: nodeId(q.source.page, q.source.anchor),
        excerpt: excerpt(q.text, EXCERPT),
        fromLine: q.quote.line,
        ...(q.quote.col ? { fromCol: q.quote.col } : {}),
        ...(q.inline ? { inline: true, quoted: q.text } : {}),
        toLine: q.source.line,
        match: { kind: q.kind, score: q.score },
      },
      `quote at line ${q.quote.line}`,
    );
  }
  for (const { page, comments } of commentPages) {
    for (const c of comments) {
      if (c.replyTo.kind !== 'comment' || !c.replyTo.id || c.replyTo.id === c.id) continue;
      const from = nodeId(page, c.id);
      link({ type: 'replies-to', from, to: nodeId(page, c.replyTo.id), excerpt: nodes[from]?.excerpt ?? '' }, `reply ${from}`);
    }
  }
  for (const r of input.refs ?? []) {
    const from = nodes[nodeId(r.page, r.anchor ?? null)] ? nodeId(r.page, r.anchor ?? null) : nodeId(r.page);
    link({ type: 'cites', from, to: r.to, excerpt: excerpt(r.sentence, EXCERPT * 2) }, `<Ref to="${r.to}"> on ${r.page}`);
  }
  for (const c of input.claims ?? []) {
    const from = `arguments/${c.slug}`;
    for (const s of c.sources) link({ type: 'cites', from, to: s, excerpt: excerpt(c.summary ?? c.title, EXCERPT * 2) }, `source of claim ${c.slug}`);
  }
  for (const t of input.terms ?? []) {
    const to = `glossary/${t.slug}`;
    for (const s of t.sources) {
      const text = texts.get(s) ?? '';
      const sentence = [t.term, ...(t.aliases ?? [])].map((w) => sentenceWith(text, w)).find((x) => x !== null);
      link({ type: 'mentions-term', from: s, to, excerpt: sentence ?? nodes[s]?.excerpt ?? '' }, `source of term ${t.slug}`);
    }
  }
  return { version: 1, nodes, edges, problems };
}

/** A link seen from its target: the edge and the node it comes from. */
export interface Backlink {
  edge: GraphEdge;
  node: GraphNode;
}

export type ByType<T> = Record<EdgeType, T[]>;

function emptyByType<T>(): ByType<T> {
  return { quotes: [], 'replies-to': [], cites: [], 'mentions-term': [] };
}

interface Index {
  to: Map<string, GraphEdge[]>;
  from: Map<string, GraphEdge[]>;
}
const indexes = new WeakMap<LinkGraph, Index>();

/** Edges by endpoint, built on first use and kept for the life of the graph object. */
function indexOf(graph: LinkGraph): Index {
  let idx = indexes.get(graph);
  if (!idx) {
    idx = { to: new Map(), from: new Map() };
    // Appending in place: copying each list on every edge made a much-quoted passage quadratic.
    const add = (m: Map<string, GraphEdge[]>, k: string, e: GraphEdge) => {
      const list = m.get(k);
      if (list) list.push(e);
      else m.set(k, [e]);
    };
    for (const e of graph.edges) {
      add(idx.to, e.to, e);
      add(idx.from, e.from, e);
    }
    indexes.set(graph, idx);
  }
  return idx;
}

/** Ids the query covers: the node itself, plus every passage on it when `withinPage` and it is a page. */
function covered(graph: LinkGraph, id: string, withinPage: boolean): string[] {
  if (!withinPage || splitNodeId(id).anchor !== null) return [id];
  return Object.keys(graph.nodes).filter((k) => k === id || k.startsWith(`${id}#`));
}

/**
 * Links pointing at a node, grouped by type ("quoted in", "replies", "cited by", "terms"). With
 * `withinPage`, a page id also collects links to every passage on that page.
 */
export function backlinksTo(graph: LinkGraph, target: string, options: { withinPage?: boolean } = {}): ByType<Backlink> {
  const out = emptyByType<Backlink>();
  const idx = indexOf(graph);
  for (const id of covered(graph, target, options.withinPage ?? false)) {
    for (const edge of idx.to.get(id) ?? []) {
      const node = graph.nodes[edge.from];
      if (node) out[edge.type].push({ edge, node });
    }
  }
  return out;
}

/** Links leaving a node (or, with `withinPage`, any passage of a page), grouped by type. */
export function linksFrom(graph: LinkGraph, source: string, options: { withinPage?: boolean } = {}): ByType<Backlink> {
  const out = emptyByType<Backlink>();
  const idx = indexOf(graph);
  for (const id of covered(graph, source, options.withinPage ?? false)) {
    for (const edge of idx.from.get(id) ?? []) {
      const node = graph.nodes[edge.to];
      if (node) out[edge.type].push({ edge, node });
    }
  }
  return out;
}

/** One quoted paragraph of an essay and the quote links to it, for a side-comment marker. */
export interface SideComments {
  anchor: string;
  line: number;
  quotedBy: Backlink[];
}

/**
 * For an essay page: each paragraph (by section anchor and export line) that comments quote, with
 * every quote link to it, in page order. A comment quoting one paragraph twice keeps both links
 * (each has its own words); groupBacklinks merges them into one entry for display.
 */
export function sideComments(graph: LinkGraph, essayPage: string): SideComments[] {
  const byParagraph = new Map<string, SideComments>();
  for (const b of backlinksTo(graph, essayPage, { withinPage: true }).quotes) {
    const anchor = splitNodeId(b.edge.to).anchor ?? '';
    const line = b.edge.toLine ?? 0;
    const key = `${anchor}@${line}`;
    const entry = byParagraph.get(key) ?? { anchor, line, quotedBy: [] };
    entry.quotedBy.push(b);
    byParagraph.set(key, entry);
  }
  return [...byParagraph.values()].sort((a, b) => a.line - b.line);
}

/**
 * Paragraphs of a comment (as paragraphKey) that repeat another passage or hold a quoted span:
 * the page marks the quoted words there, so those paragraphs get no glossary links of their own.
 */
export function quotingLines(graph: LinkGraph, comment: string): Set<string> {
  return new Set(linksFrom(graph, comment).quotes.flatMap((b) => (b.edge.fromLine === undefined ? [] : [paragraphKey(b.edge.fromLine, b.edge.fromCol)])));
}
