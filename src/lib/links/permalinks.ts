/** A published anchor: the page path and the element id, e.g. `/threads/x/#c-abc`. */
export type PublishedAnchor = string;

/** Map from a retired anchor (or page) to its new home. */
export type Redirects = Readonly<Record<string, string>>;

/** Joins a page path and id the way the committed list spells anchors. */
export function anchorKey(pagePath: string, id: string): PublishedAnchor {
  return `${pagePath}#${id}`;
}

/** Result of comparing the committed list with what a build published. */
export interface AnchorDiff {
  /** Committed anchors that the build no longer has and no redirect covers. */
  missing: PublishedAnchor[];
  /** Redirects whose target the build does not have either. */
  brokenRedirects: { from: string; to: string }[];
  /** Anchors the build has that the committed list does not (the list must be updated). */
  unlisted: PublishedAnchor[];
}

/**
 * Compares the committed anchors with the built ones. An anchor may only disappear when a
 * redirect sends it to something that exists, because readers' old links must keep working.
 */
export function diffAnchors(committed: readonly string[], built: readonly string[], redirects: Redirects, builtPages: readonly string[] = []): AnchorDiff {
  const have = new Set(built);
  const pages = new Set(builtPages);
  const exists = (target: string) => have.has(target) || (!target.includes('#') && pages.has(target));
  const missing = committed.filter((a) => !have.has(a) && !(redirects[a] !== undefined && exists(redirects[a])));
  const brokenRedirects = Object.entries(redirects)
    .filter(([, to]) => !exists(to))
    .map(([from, to]) => ({ from, to }));
  const listed = new Set(committed);
  const unlisted = built.filter((a) => !listed.has(a));
  return { missing, brokenRedirects, unlisted };
}

/** Sorted, de-duplicated anchor list: the stable form we commit, so diffs stay readable. */
export function normaliseAnchorList(anchors: readonly string[]): string[] {
  return [...new Set(anchors)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Anchors moved away from `pagePath` or within it, as `{ alias, target }` for the page to render. */
export function aliasesFor(pagePath: string, redirects: Redirects): { alias: string; target: string }[] {
  const out: { alias: string; target: string }[] = [];
  for (const [from, to] of Object.entries(redirects)) {
    const [fromPage, fromId] = from.split('#');
    if (fromPage !== pagePath || !fromId) continue;
    out.push({ alias: fromId, target: to.startsWith(`${pagePath}#`) ? to.slice(pagePath.length) : to });
  }
  return out;
}

/** Whole-page redirects (entries without a fragment) in the shape Astro's `redirects` option takes. */
export function pageRedirects(redirects: Redirects): Record<string, string> {
  return Object.fromEntries(Object.entries(redirects).filter(([from, to]) => !from.includes('#') && !to.includes('#')));
}
