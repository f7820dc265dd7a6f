// The one script every page runs before interaction: a loader, kept under 3 KB gzipped (see
// tests/e2e/budgets.test.ts). It only listens; the code behind each feature is imported on its
// first use: search (focus, "/" or Ctrl/⌘-K), link previews (hover, focus or tap on an internal
// link), copy-link tools (a copy button, a text selection), highlighting of landed search terms and
// quoted words, the theme and blind-reading switches. Reading needs none of it.

import { fragmentId } from '../lib/links/fragment-id.ts';

type CopyLink = typeof import('./copy-link.ts');
let copyLink: Promise<CopyLink> | undefined;
const tools = (): Promise<CopyLink> => (copyLink ??= import('./copy-link.ts'));

const root = document.documentElement;

// Blind reading (names and karma hidden on comments) is remembered across pages; the head script
// applies it, and its switch says whether it is on. The switches themselves are in header.ts.
document.querySelector('[data-blind-toggle]')?.setAttribute('aria-pressed', root.dataset['blind'] ? 'true' : 'false');

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const copy = target?.closest<HTMLButtonElement>('button[data-copy-link]');
  if (copy) void tools().then((m) => m.copyFromButton(copy));
  // "Contents" in the page's corner control opens the list it jumps to.
  if (target?.closest('[data-open-contents]')) document.querySelector('[data-on-this-page] details')?.setAttribute('open', '');
});

// Selecting text in a passage offers a link to exactly that text; the tools take over from here.
const onSelection = (): void => {
  if (getSelection()?.isCollapsed !== false) return;
  document.removeEventListener('selectionchange', onSelection);
  void tools().then((m) => m.watchSelection());
};
document.addEventListener('selectionchange', onSelection);

// Header buttons (js-only) fold the links into a menu and, on phones, the search box into a
// button; they, the theme switch and the blind-reading switch load their code on the first press
// (header.ts).
const header = (): Promise<typeof import('./header.ts')> => import('./header.ts');
const searchButton = document.querySelector<HTMLElement>('[data-search-toggle]');
document.addEventListener('click', (e) => {
  const toggle = (e.target as Element | null)?.closest('[data-menu-toggle], [data-search-toggle], [data-theme-toggle], [data-blind-toggle]');
  if (toggle) void header().then((m) => m.press(toggle));
});

// Search: the engine and its UI load on first use (focus, "/" or Ctrl/⌘-K), never on page load.
const searchForm = document.querySelector<HTMLFormElement>('form[data-site-search]');
const searchInput = searchForm?.querySelector<HTMLInputElement>('input[type="search"]');
let searchReady: Promise<void> | undefined;
function startSearch(): Promise<void> {
  searchReady ??= import('./search-ui.ts').then((m) => {
    if (searchForm) m.initHeaderSearch(searchForm);
  });
  return searchReady;
}
// Scripts start after the page has painted (src/scripts/after-paint.js): a reader may already be in the box.
if (searchInput && document.activeElement === searchInput) void startSearch();
else searchInput?.addEventListener('focus', () => void startSearch(), { once: true });
document.addEventListener('keydown', (e) => {
  const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey;
  const k = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey;
  if (!slash && !k) return;
  const t = e.target as HTMLElement | null;
  if (slash && t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const pageBox = document.querySelector<HTMLInputElement>('[data-search-page] input[type="search"]');
  if (!searchInput && !pageBox) return;
  e.preventDefault();
  if (pageBox) pageBox.focus();
  else if (searchButton?.offsetParent) void header().then((m) => m.openSearch());
  else searchInput?.focus();
});

// Landing marks: search terms (?highlight=), and quoted words (#…:~:text=) where the browser has no
// text fragments of its own (it strips ":~:" from location.hash; the navigation entry keeps it).
const noFragments = !('fragmentDirective' in document);
const land = (hash?: string): void => void import('./highlight.ts').then((m) => noFragments && m.landOnQuote(hash));
if (location.search.includes('highlight=') || (noFragments && (location.hash + (performance.getEntriesByType('navigation')[0]?.name ?? '')).includes(':~:')))
  land();

// Long source pages: the contents column marks the passage in view on wide screens, and the corner
// control steps aside while the reader scrolls on. Loaded at once on a wide screen, else on scrolling.
const contents = document.querySelector<HTMLElement>('[data-on-this-page]');
if (contents) {
  const go = (): void => void import('./on-this-page.ts').then((m) => m.start(contents, startY));
  const startY = scrollY;
  if (matchMedia('(min-width: 75rem)').matches) go();
  else addEventListener('scroll', go, { once: true, passive: true });
}

// Link previews load on the first hover, focus or tap on an internal link in the text; once the
// module is in, it handles every later event itself.
type PreviewModule = typeof import('./previews.ts');
let previews: Promise<PreviewModule> | undefined;
let previewsReady = false;
let touched = false;
// A rough first sort: an SVG <a> (the argument map's boxes) has an object for its href, which reads
// here as an address on this site; previews.ts looks at every link properly.
function previewCandidate(e: Event): HTMLAnchorElement | null {
  const a = (e.target as Element | null)?.closest?.<HTMLAnchorElement>('main a[href]');
  if (!a || a.closest('.anchor-tools, .toc, [data-search-result]')) return null;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || (url.pathname === location.pathname && !url.hash)) return null;
  return a;
}
function firstPreview(e: Event, how: 'hover' | 'focus' | 'touch'): void {
  if (previewsReady) return;
  const a = previewCandidate(e);
  if (!a) return;
  // A first tap must not navigate before the preview module can decide what the tap means.
  if (how === 'touch') e.preventDefault();
  previews ??= import('./previews.ts').then((m) => {
    previewsReady = true;
    return m;
  });
  void previews.then((m) => m.start(a, how));
}
document.addEventListener('pointerdown', (e) => {
  touched = e.pointerType === 'touch';
});
document.addEventListener('pointerover', (e) => {
  if (e.pointerType === 'mouse') firstPreview(e, 'hover');
});
document.addEventListener('focusin', (e) => {
  if (!touched) firstPreview(e, 'focus');
});
document.addEventListener('click', (e) => {
  if (touched) firstPreview(e, 'touch');
});

// The argument map's zoom and pan (map.ts) load as the map nears the screen, before it can be used.
const mapFigure = document.querySelector<HTMLElement>('[data-map]');
if (mapFigure)
  new IntersectionObserver(
    (seen, o) => {
      if (!seen[0]?.isIntersecting) return;
      o.disconnect();
      void import('./map.ts').then((m) => m.start(mapFigure));
    },
    { rootMargin: '50%' },
  ).observe(mapFigure);

// Comment threads: folding, moves by j/k/J/K and the ? list of keys load on the first press
// (thread-nav.ts); so does the notice for an address whose fragment names nothing on the page,
// checked now and on every hash change. Once loaded, it handles every hash change.
type ThreadNav = typeof import('./thread-nav.ts');
let threadNav: Promise<ThreadNav> | undefined;
const nav = (): Promise<ThreadNav> => (threadNav ??= import('./thread-nav.ts').then((m) => (m.start(), m)));
const checkHash = (): void => {
  const id = fragmentId(location.hash);
  if (noFragments && location.hash.includes(':~:')) land(location.hash);
  if (threadNav || (id && !document.getElementById(id))) void nav().then((m) => m.land());
};
checkHash();
addEventListener('hashchange', checkHash);
document.addEventListener('click', (e) => {
  const button = (e.target as Element | null)?.closest<HTMLElement>('[data-fold], [data-fold-all], [data-nav]');
  if (button) void nav().then((m) => m.press(button));
});
document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement | null;
  if (!/^[jkJK?]$/.test(e.key) || e.ctrlKey || e.metaKey || e.altKey || !document.querySelector('article.comment')) return;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  void nav().then((m) => m.key(e.key));
});
