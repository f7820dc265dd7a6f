// Page kinds as the bench and the budgets see them: one entry per kind of page a reader meets.

/** The page kinds the bench reports, in table order. */
export const PAGE_KINDS = ['home', 'essay', 'thread', 'person', 'claim', 'term', 'calculator', 'search'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

// A kind's pages are the detail pages under a section; the section's own index is "other".
const SECTIONS: readonly (readonly [string, PageKind])[] = [
  ['essays', 'essay'],
  ['threads', 'thread'],
  ['people', 'person'],
  ['arguments', 'claim'],
  ['glossary', 'term'],
  ['calculators', 'calculator'],
];

/** The kind of the page at a URL path, or null for indexes, tours, about and error pages. */
export function pageKindOf(path: string): PageKind | null {
  if (path === '/') return 'home';
  if (path === '/search/') return 'search';
  for (const [section, kind] of SECTIONS) {
    if (new RegExp(`^/${section}/[^/]+/$`).test(path)) return kind;
  }
  return null;
}

/** True for pages read rather than operated: everything but the calculators and the search page. */
export function isReadingPage(path: string): boolean {
  const kind = pageKindOf(path);
  return kind !== 'calculator' && kind !== 'search';
}

/**
 * One page per kind to load in a browser: the one with the most HTML, since the heaviest page of
 * a kind is the one a budget must hold for. Ties go to the first path in sort order.
 */
export function representativePages(pages: readonly { path: string; htmlBytes: number }[]): Partial<Record<PageKind, string>> {
  const best: Partial<Record<PageKind, { path: string; htmlBytes: number }>> = {};
  for (const page of [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const kind = pageKindOf(page.path);
    if (!kind) continue;
    const current = best[kind];
    if (!current || page.htmlBytes > current.htmlBytes) best[kind] = page;
  }
  const out: Partial<Record<PageKind, string>> = {};
  for (const kind of PAGE_KINDS) {
    const page = best[kind];
    if (page) out[kind] = page.path;
  }
  return out;
}
