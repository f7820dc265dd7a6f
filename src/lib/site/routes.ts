/**
 * The route table: which collection a page kind comes from and the URL it is served under. Pages,
 * previews, search records, the bench and tests read addresses from here, so a section that moves
 * moves in one place. Published URLs are promises (content/permalinks/anchors.json): the segments
 * below must not change without redirects.
 */
/** One row: a kind of page with its own entries, the collection holding them and its URL segment. */
export interface Route {
  /** The page kind, as graph nodes, search records and the bench name it. */
  kind: RoutedKind;
  /** The content collection the entries come from. */
  collection: 'essays' | 'threads' | 'people' | 'claims' | 'glossary' | 'guides';
  /** First URL segment (`/arguments/<slug>/`); '' for guides, which sit at the site root. */
  segment: string;
  /** Whether `<Ref to>` may point at these pages (guides cite, they are not cited). */
  referable: boolean;
}

export const ROUTES = [
  { kind: 'essay', collection: 'essays', segment: 'essays', referable: true },
  { kind: 'thread', collection: 'threads', segment: 'threads', referable: true },
  { kind: 'person', collection: 'people', segment: 'people', referable: true },
  { kind: 'claim', collection: 'claims', segment: 'arguments', referable: true },
  { kind: 'term', collection: 'glossary', segment: 'glossary', referable: true },
  { kind: 'guide', collection: 'guides', segment: '', referable: false },
] as const satisfies readonly Route[];

/** A kind of page that has one page per collection entry. */
export type RoutedKind = 'essay' | 'thread' | 'person' | 'claim' | 'term' | 'guide';

/** The URL segments `<Ref to>` may start with (`arguments`, not the collection name `claims`). */
export type RefSegment = Extract<(typeof ROUTES)[number], { referable: true }>['segment'];

/** Single pages outside any collection that code links to by name. */
export const STATIC_PAGES = {
  home: '/',
  start: '/start/',
  about: '/about/',
  search: '/search/',
  calculators: '/calculators/',
  horizonCalculator: '/calculators/goal-horizon/',
  orderingCalculator: '/calculators/ordering/',
} as const;

const byKind = new Map<RoutedKind, Route>(ROUTES.map((r) => [r.kind, r]));

/** The route row of a page kind. */
export function routeOf(kind: RoutedKind): Route {
  const route = byKind.get(kind);
  if (!route) throw new Error(`no route for page kind "${kind}"`);
  return route;
}

/** The page id (`arguments/<slug>`, or the bare slug for a guide) that `<Ref to>` and the graph use. */
export function pageIdOf(kind: RoutedKind, slug: string): string {
  const { segment } = routeOf(kind);
  return segment ? `${segment}/${slug}` : slug;
}

/** The URL of a kind's page, or of an anchor on it: `/arguments/x/`, `/arguments/x/#passages`. */
export function hrefOf(kind: RoutedKind, slug: string, anchor?: string | null): string {
  const path = `/${pageIdOf(kind, slug)}/`;
  return anchor ? `${path}#${anchor}` : path;
}

/** The URL of a kind's index page (`/arguments/`); guides have none. */
export function indexHrefOf(kind: Exclude<RoutedKind, 'guide'>): string {
  return `/${routeOf(kind).segment}/`;
}

/** The kind and slug of a detail page from its URL path, or null for any other path. */
export function routeOfPath(path: string): { kind: RoutedKind; slug: string } | null {
  const parts = path.split('/');
  // A detail page is "/<segment>/<slug>/" (or "/<slug>/" for a guide, which only the caller can confirm).
  if (parts.length !== 4 || parts[0] !== '' || parts[3] !== '') return null;
  const [, segment = '', slug = ''] = parts;
  const route = ROUTES.find((r) => r.segment === segment && r.segment !== '');
  return route && slug ? { kind: route.kind, slug } : null;
}
