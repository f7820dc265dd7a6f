// The permalink promise as pure data: which elements publish an anchor, how the committed list of
// published anchors compares with a build, and what content/permalinks/redirects.json means for
// readers (aliases on a page, whole-page redirects). No DOM, no fs: callers pass plain values.

/** A published anchor: the page path and the element id, e.g. `/threads/x/#c-abc`. */
export type PublishedAnchor = string;

/**
 * Map from a retired anchor (`/old/page/#old-id`) or page (`/old/page/`) to its new home, as
 * written in content/permalinks/redirects.json.
 */
export type Redirects = Readonly<Record<string, string>>;

/** What the anchor rule needs to know about one element with an id inside `<main>`. */
export interface ElementFacts {
  /** Lower- or upper-case tag name, e.g. `h2` or `ARTICLE`. */
  tag: string;
  /** The element's id (may be empty). */
  id: string;
  /** Whether the element carries a `data-permalink` attribute. */
  dataPermalink: boolean;
}

/**
 * Whether an element inside `<main>` publishes a permalink: comments (ids starting `c-`),
 * `h2`–`h4` headings with an id, and anything marked `data-permalink`. Headings whose id ends in
 * `-heading` are page furniture (labels for the contents, the attribution box or a calculator's
 * panels, referenced by `aria-labelledby`), not passages, so they make no promise.
 */
export function isPermalinkElement(el: ElementFacts): boolean {
  if (!el.id) return false;
  if (el.id.startsWith('c-') || el.dataPermalink) return true;
  return /^h[234]$/i.test(el.tag) && !el.id.endsWith('-heading');
}

/** Joins a page path and id the way the committed list spells anchors. */
export function anchorKey(pagePath: string, id: string): PublishedAnchor {
  return `${pagePath}#${id}`;
}

/** Splits `/page/#id` into its page and id (`id` is `''` for a page-only entry like `/page/`). */
export function splitAnchor(anchor: string): { page: string; id: string } {
  const at = anchor.indexOf('#');
  return at === -1 ? { page: anchor, id: '' } : { page: anchor.slice(0, at), id: anchor.slice(at + 1) };
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
 * redirect sends it to something that exists (an anchor of the build, or for a target without a
 * fragment one of `builtPages`), because readers' old links must keep working.
 */
export function diffAnchors(committed: readonly string[], built: readonly string[], redirects: Redirects, builtPages: readonly string[] = []): AnchorDiff {
  const have = new Set(built);
  const pages = new Set(builtPages);
  const exists = (target: string) => have.has(target) || (!target.includes('#') && pages.has(target));
  const covered = (a: string) => {
    const to = redirects[a];
    return to !== undefined && exists(to);
  };
  const missing = committed.filter((a) => !have.has(a) && !covered(a));
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

/**
 * The committed file's text for an anchor list: a JSON array, one anchor a line, sorted, with a
 * final newline, so adding or removing an anchor changes exactly one line of the diff.
 */
export function formatAnchorList(anchors: readonly string[]): string {
  const list = normaliseAnchorList(anchors);
  if (list.length === 0) return '[]\n';
  return `[\n${list.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n]\n`;
}

/** What `mergeAnchorList` did: the list to commit and how it differs from the old one. */
export interface AnchorMerge {
  /** The new committed list, normalised. */
  list: string[];
  /** Built anchors the old list lacked. */
  added: string[];
  /** Old anchors the build lacks that stay in the list (they need redirects). */
  kept: string[];
  /** Old anchors the build lacks that were dropped (only with `prune`, only without a redirect). */
  pruned: string[];
}

/**
 * The anchor list to commit after a build: the union of the committed list and the built
 * anchors, so the list only grows and a removed anchor keeps failing the tests until a redirect
 * covers it. With `prune`, anchors the build lacks and no redirect covers are dropped instead
 * (for anchors that were never deployed).
 */
export function mergeAnchorList(committed: readonly string[], built: readonly string[], redirects: Redirects, options: { prune?: boolean } = {}): AnchorMerge {
  const had = new Set(committed);
  const has = new Set(built);
  const added = normaliseAnchorList(built.filter((a) => !had.has(a)));
  const gone = normaliseAnchorList(committed.filter((a) => !has.has(a)));
  const pruned = options.prune ? gone.filter((a) => redirects[a] === undefined) : [];
  const dropped = new Set(pruned);
  const kept = gone.filter((a) => !dropped.has(a));
  return { list: normaliseAnchorList([...committed.filter((a) => !dropped.has(a)), ...built]), added, kept, pruned };
}

/**
 * Problems in a redirects file, one readable sentence each (empty when it is sound): paths must
 * start with `/`, a whole page must move to a page (a fragment cannot be served as a redirect),
 * nothing may redirect to itself, and targets must be final (no chains or cycles), so the reader
 * makes one hop and an editor sees each move's real destination.
 */
export function redirectProblems(redirects: Redirects): string[] {
  const problems: string[] = [];
  for (const [from, to] of Object.entries(redirects)) {
    if (!from.startsWith('/') || !to.startsWith('/')) {
      problems.push(`${from} → ${to}: both sides must be site paths starting with "/"`);
      continue;
    }
    if (from === to) problems.push(`${from} redirects to itself`);
    else if (!from.includes('#') && to.includes('#')) problems.push(`${from} → ${to}: a whole page must move to a page, not to an anchor`);
    else if (redirects[to] !== undefined) problems.push(`${from} → ${to} → ${redirects[to]}: point ${from} straight at its final target`);
  }
  return problems;
}

/** An element the page renders so an old anchor still lands: `alias` is the old id, `target` the new one. */
export interface AnchorAlias {
  /** The retired id, to be given to an empty element placed next to the target. */
  alias: string;
  /** The id (on this page) the alias stands in for. */
  target: string;
}

/**
 * Aliases for the page at `pagePath`: every redirected anchor whose new home is on this page,
 * whether it moved within the page or into it from another page (a link to the old page then
 * lands here once that page redirects). The layout renders an empty element with the alias id
 * beside the target. Entries that keep their id need no alias and are left out; the result is
 * sorted by alias for stable markup.
 */
export function aliasesFor(pagePath: string, redirects: Redirects): AnchorAlias[] {
  const out: AnchorAlias[] = [];
  for (const [from, to] of Object.entries(redirects)) {
    const old = splitAnchor(from);
    const next = splitAnchor(to);
    if (!old.id || !next.id || next.page !== pagePath) continue;
    if (old.id === next.id) continue;
    out.push({ alias: old.id, target: next.id });
  }
  return out.sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}

/**
 * Anchors that left the page at `pagePath` for another page, as `{ id, to }`: the old page can
 * render a small element with the old id that links to the new home, so an old link still leads
 * somewhere when the old page itself stays.
 */
export function departuresFrom(pagePath: string, redirects: Redirects): { id: string; to: string }[] {
  const out: { id: string; to: string }[] = [];
  for (const [from, to] of Object.entries(redirects)) {
    const old = splitAnchor(from);
    if (old.page !== pagePath || !old.id || splitAnchor(to).page === pagePath) continue;
    out.push({ id: old.id, to });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whole-page moves (entries without a fragment on either side) in the shape Astro's `redirects`
 * option takes: `{ '/old/page/': '/new/page/' }`.
 */
export function pageRedirects(redirects: Redirects): Record<string, string> {
  return Object.fromEntries(Object.entries(redirects).filter(([from, to]) => !from.includes('#') && !to.includes('#')));
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reads redirects.json's text, naming `file` when it is not a JSON object of strings. */
export function parseRedirects(text: string, file: string): Redirects {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
    throw new Error(`${file}: expected an object mapping "/old/page/#id" to "/new/page/#id"`);
  }
  return data as Redirects;
}

/**
 * Rewrites one built page so the anchors that moved keep working without a server: every alias
 * becomes an empty `<span>` with the old id as the first child of its new target (so a link to
 * the old id scrolls to the right place, and the stylesheet can highlight the target through
 * `:has()`), and every anchor that left this page for another becomes a short note with the old
 * id linking to its new home, placed at the end of `<main>`. Works on the HTML string because it
 * runs on the page Astro rendered (../security/finish-page.ts); throws, naming page and id, when
 * a target is absent, since a redirect to nothing is a broken promise.
 */
export function applyAnchorRedirects(pagePath: string, html: string, redirects: Redirects): string {
  let out = html;
  for (const { alias, target } of aliasesFor(pagePath, redirects)) {
    const at = out.search(new RegExp(`<[a-zA-Z][^>]*\\sid="${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`));
    if (at === -1) throw new Error(`${pagePath}: redirect target #${target} (for the old #${alias}) is not on the page`);
    const end = out.indexOf('>', at) + 1;
    out = `${out.slice(0, end)}<span class="anchor-alias" id="${attr(alias)}"></span>${out.slice(end)}`;
  }
  const departures = departuresFrom(pagePath, redirects);
  if (departures.length > 0) {
    const close = out.lastIndexOf('</main>');
    if (close === -1) throw new Error(`${pagePath}: has no <main> to hold notes for the anchors that moved away`);
    const notes = departures
      .map(
        ({ id, to }) =>
          `<p class="moved-anchor" id="${attr(id)}" data-pagefind-ignore>This passage has moved: <a href="${attr(to)}">continue to its new place</a>.</p>`,
      )
      .join('');
    out = `${out.slice(0, close)}${notes}${out.slice(close)}`;
  }
  return out;
}
