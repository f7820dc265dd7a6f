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
 * Weight of a page-level record's text by kind: the curated layer (claims, terms, guides and
 * index pages) counts for less than source text; its title keeps full weight.
 */
export const CURATED_TEXT_WEIGHT = 0.35;

/** Page kind for the page-level record, from the URL; null for pages that are not indexed. */
export function pageKindFor(path: string): SearchKind | null {
  if (path === '/404/' || path === '/404.html' || path.startsWith('/search/')) return null;
  if (/^\/people\/[^/]+\/$/.test(path)) return 'person';
  if (path.startsWith('/calculators/')) return 'calculator';
  if (/^\/arguments\/[^/]+\/$/.test(path)) return 'claim';
  if (/^\/glossary\/[^/]+\/$/.test(path)) return 'term';
  return 'page';
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
 * Builds the record for one passage. The URL carries the anchor so a result lands on the exact
 * comment or section; filters carry kind, author and source so they narrow per passage rather
 * than per page.
 */
export function passageRecord(pagePath: string, attrs: PassageAttributes, text: string): SearchRecord {
  if (!isSearchKind(attrs.kind)) throw new Error(`${pagePath}: passage has unknown search kind "${attrs.kind ?? ''}"`);
  if (!attrs.anchor) throw new Error(`${pagePath}: ${attrs.kind} passage has no anchor id`);
  const meta: Record<string, string> = { title: attrs.title ?? SEARCH_KINDS[attrs.kind], kind: SEARCH_KINDS[attrs.kind] };
  meta['author'] = authorLabel(attrs.author, 'label');
  if (attrs.date) meta['date'] = attrs.date;
  if (attrs.replyTo) meta['replyTo'] = authorLabel(attrs.replyTo);
  if (attrs.source) meta['source'] = attrs.source;
  const filters: Record<string, string[]> = { kind: [SEARCH_KINDS[attrs.kind]] };
  // The status is part of the filter value, so choosing "DavidW" never returns comments only inferred to be his.
  filters['author'] = [authorLabel(attrs.author, 'label')];
  if (attrs.source) filters['source'] = [attrs.source];
  return { url: `${pagePath}#${attrs.anchor}`, content: normaliseText(text), language: 'en', meta, filters };
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

/** Builds the record for a page's own text (outside its passages), or null when nothing is left. */
export function pageRecord(pagePath: string, kind: SearchKind, title: string, text: string): SearchRecord | null {
  const content = normaliseText(text);
  if (!content) return null;
  return {
    url: pagePath,
    content,
    language: 'en',
    meta: { title, kind: SEARCH_KINDS[kind] },
    filters: { kind: [SEARCH_KINDS[kind]] },
    ...(kind === 'claim' || kind === 'term' || kind === 'page' ? { weight: CURATED_TEXT_WEIGHT } : {}),
  };
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A weighted record as a minimal HTML document for Pagefind's HTML indexer, the only route that
 * honours weights: the title as plain text at full weight (as a heading it would count sevenfold,
 * far above a passage's title, which is not indexed), the text inside a weighted element, and meta and filters as `<meta>` tags so they add nothing to the searchable text.
 */
export function recordAsHtml(record: SearchRecord): string {
  const metas = Object.entries(record.meta).map(([k, v]) => `<meta data-pagefind-meta="${escapeHtml(k)}[content]" content="${escapeHtml(v)}">`);
  const filters = Object.entries(record.filters).flatMap(([k, vs]) =>
    vs.map((v) => `<meta data-pagefind-filter="${escapeHtml(k)}[content]" content="${escapeHtml(v)}">`),
  );
  const title = record.meta['title'] ?? '';
  return (
    `<!doctype html><html lang="${record.language}"><head>${[...metas, ...filters].join('')}</head>` +
    `<body><main data-pagefind-body><p>${escapeHtml(title)}</p>` +
    `<div data-pagefind-weight="${record.weight ?? 1}">${escapeHtml(record.content)}</div></main></body></html>`
  );
}
