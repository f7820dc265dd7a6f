import { authorLabel, isAttributionStatus, type Attribution } from '../text/attribution.ts';

/** The kinds a reader can filter search results by, with the label shown beside each filter. */
export const SEARCH_KINDS = {
  'essay-section': 'Essay section',
  comment: 'Comment',
  claim: 'Claim',
  term: 'Glossary term',
  person: 'Person',
  calculator: 'Calculator',
  page: 'Page',
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

/** Attributes a passage carries in the built HTML so the indexer can make it its own result. */
export interface PassageAttributes {
  kind: string | undefined;
  anchor: string | undefined;
  title: string | undefined;
  /** Who wrote the passage and how that is known; the record's author meta and filter show both. */
  author: Attribution;
  date: string | undefined;
  /** Author of the comment this one answers, with its status. */
  replyTo: Attribution | undefined;
  source: string | undefined;
}

/** One search record: a passage (comment, section) or what is left of a page around them. */
export interface SearchRecord {
  url: string;
  content: string;
  language: 'en';
  /**
   * Pagefind indexes every meta value as searchable words, so meta holds only words a reader may
   * search for: the title (a heading path, a page title, a commenter's name) and the author's
   * name (with "(inferred)" when only inferred). Everything that is only displayed (kind, source, date, reply context, how an author is
   * known) rides in the filters, which are returned with each result but never matched as words.
   */
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  /**
   * Ranking weight of the text (Pagefind's 0–10 scale, 1 when absent). Our own explainer pages
   * repeat every keyword of the argument they summarise, so unweighted they would crowd the
   * sources' passages out of the top results for the very questions the passages answer.
   */
  weight?: number;
}

/**
 * Weight of a page-level record's text: every page-level record is the site's own writing
 * (claims, terms, guides, people, calculators, index pages), which counts for less than source
 * text; its title keeps its full weight as a title.
 */
export const CURATED_TEXT_WEIGHT = 0.35;

/** Page kind for the page-level record, from the URL; null for pages that are not indexed. */
export function pageKindFor(path: string): SearchKind | null {
  if (path === '/404/' || path === '/404.html' || path.startsWith('/search/')) return null;
  if (/^\/people\/[^/]+\/$/.test(path)) return 'person';
  if (path.startsWith('/calculators/') && path !== '/calculators/') return 'calculator';
  if (/^\/arguments\/[^/]+\/$/.test(path)) return 'claim';
  if (/^\/glossary\/[^/]+\/$/.test(path)) return 'term';
  return 'page';
}

/**
 * Elements whose text is never indexed: code, styles, math (KaTeX writes each formula twice, as
 * glyphs and as TeX source, which would index "quad" and "text"), anything marked as chrome.
 */
export const UNINDEXED_SELECTOR = 'script, style, template, noscript, svg, math, .katex, [hidden], [data-pagefind-ignore]';

/**
 * Listing text on our own pages: lists, tables, navigation, backlinks and labels that name other
 * pages or sources, and dates. Such a page only lists the words a passage or another page says,
 * so indexing them made the start page, the glossary and the map a result for almost every query.
 * A glossary entry's alternative spellings (`.aliases`) are its own words and stay.
 */
export const LISTING_SELECTOR =
  'ul, ol, dl, nav, table, figure, form, aside, details, time, blockquote, .backlinks, .meta:not(.aliases), .text-count, .home-stats';

/** Parts of a passage that are not its text: its heading and byline become the record's title and author. */
export const PASSAGE_CHROME_SELECTOR = 'h1, h2, h3, h4, h5, h6, header, .comment-context, .section-tools';

/** How much of a page-level record's page is indexed, beyond its title. */
export type PageTextScope = 'title' | 'lede' | 'prose';

/**
 * Index pages (home, start tour, argument map, glossary, people, calculators) and people's pages
 * list everything else, so only their title and lede are indexed: they are found by name and
 * never by a word they only list. A source page's own record is its title alone (its passages
 * are records of their own; its header is counts and dates). Every other page of ours indexes
 * its prose, without the listing text.
 */
export function pageTextScope(path: string, kind: SearchKind): PageTextScope {
  if (/^\/(essays|threads)\/[^/]+\/$/.test(path)) return 'title';
  if (kind === 'person' || ['/', '/start/', '/arguments/', '/glossary/', '/people/', '/calculators/'].includes(path)) return 'lede';
  return 'prose';
}

/** Headings of claim and glossary pages are the same few labels on every page ("In our words", "Related terms"): not indexed. */
export function dropsHeadings(kind: SearchKind): boolean {
  return kind === 'claim' || kind === 'term';
}

/** Whether a string names a kind we index, so a typo in markup fails the index build loudly. */
export function isSearchKind(value: string | undefined): value is SearchKind {
  return value !== undefined && Object.hasOwn(SEARCH_KINDS, value);
}

/** Collapses whitespace so records and excerpts read as running text. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The title of a passage: its heading path ("Section › Subsection"), or for a comment its
 * author as labelled ("DavidW (inferred)"), and none when the export lost the author (the words
 * of "Author not recorded in the export" would otherwise match every such comment).
 */
export function passageTitle(kind: SearchKind, author: Attribution, headings: readonly string[]): string | undefined {
  const path = headings.map(normaliseText).filter(Boolean);
  if (path.length > 0) return path.join(' › ');
  if (kind === 'comment' && author.name) return authorLabel(author, 'label');
  return undefined;
}

/**
 * Builds the record for one passage. The URL carries the anchor so a result lands on the exact
 * comment or section; filters carry kind, author (with how it is known), source, date and reply
 * context, so they narrow per passage and are shown without ever matching as words.
 */
export function passageRecord(pagePath: string, attrs: PassageAttributes, text: string): SearchRecord {
  if (!isSearchKind(attrs.kind)) throw new Error(`${pagePath}: passage has unknown search kind "${attrs.kind ?? ''}"`);
  if (!attrs.anchor) throw new Error(`${pagePath}: ${attrs.kind} passage has no anchor id`);
  const meta: Record<string, string> = {};
  if (attrs.title) meta['title'] = normaliseText(attrs.title);
  // An inferred name is searchable only with its "(inferred)", like everywhere else it appears.
  if (attrs.author.name) meta['author'] = authorLabel(attrs.author, 'label');
  // The status is part of the filter value, so choosing "DavidW" never returns comments only inferred to be his.
  const filters: Record<string, string[]> = { kind: [SEARCH_KINDS[attrs.kind]], author: [authorLabel(attrs.author, 'label')] };
  if (attrs.source) filters['source'] = [attrs.source];
  if (attrs.date) filters['date'] = [attrs.date];
  if (attrs.replyTo) filters['replyTo'] = [authorLabel(attrs.replyTo)];
  // Pagefind drops a record with no text: a heading with nothing under it but subsections keeps its heading as its text.
  const content = normaliseText(text) || (meta['title'] ?? '').split(' › ').at(-1) || SEARCH_KINDS[attrs.kind];
  return { url: `${pagePath}#${attrs.anchor}`, content, language: 'en', meta, filters };
}

/**
 * Reads a passage's author back from its `data-search-author` (name) and `data-search-author-status`
 * attributes. A passage without a valid status fails the index build, since its label could not
 * say how the name is known.
 */
export function passageAttribution(where: string, name: string | undefined, status: string | undefined): Attribution {
  if (!isAttributionStatus(status)) throw new Error(`${where}: passage author "${name ?? ''}" has no valid status (got "${status ?? ''}")`);
  if ((status === 'unknown') !== (name === undefined)) throw new Error(`${where}: passage author "${name ?? ''}" does not match its status "${status}"`);
  return { name: name ?? null, status };
}

/**
 * Builds the record for a page's own text (outside its passages). A page with no text left but
 * a title is still a record, found by its title (Pagefind drops a record with no text, so the
 * title stands in as its text); a page with neither is not.
 */
export function pageRecord(pagePath: string, kind: SearchKind, title: string, text: string): SearchRecord | null {
  const name = normaliseText(title);
  const content = normaliseText(text) || name;
  if (!content) return null;
  return {
    url: pagePath,
    content,
    language: 'en',
    meta: { title: name },
    filters: { kind: [SEARCH_KINDS[kind]] },
    weight: CURATED_TEXT_WEIGHT,
  };
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A weighted record as a minimal HTML document for Pagefind's HTML indexer, the only route that
 * honours weights: the text inside a weighted element, and meta and filters as `<meta>` tags.
 * The title is searchable as meta (ranked by Pagefind's title weight, as a passage's title is)
 * and is not repeated in the text, so an excerpt never starts by repeating the title.
 */
export function recordAsHtml(record: SearchRecord): string {
  const metas = Object.entries(record.meta).map(([k, v]) => `<meta data-pagefind-meta="${escapeHtml(k)}[content]" content="${escapeHtml(v)}">`);
  const filters = Object.entries(record.filters).flatMap(([k, vs]) =>
    vs.map((v) => `<meta data-pagefind-filter="${escapeHtml(k)}[content]" content="${escapeHtml(v)}">`),
  );
  return (
    `<!doctype html><html lang="${record.language}"><head>${[...metas, ...filters].join('')}</head>` +
    `<body><main data-pagefind-body>` +
    `<div data-pagefind-weight="${record.weight ?? 1}">${escapeHtml(record.content)}</div></main></body></html>`
  );
}
