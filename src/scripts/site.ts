import { passageLink } from '../lib/links/fragment.ts';
// The one script every page loads (deferred, as a module). It only wires up controls the reader
// uses: copy-link buttons and the theme switch. Reading needs none of it.

const status = (): HTMLElement | null => document.getElementById('site-status');

function announce(message: string): void {
  const el = status();
  if (!el) return;
  el.textContent = message;
  window.setTimeout(() => {
    if (el.textContent === message) el.textContent = '';
  }, 2500);
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure origin or no permission): fall back to a selection copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** The nearest element with a stable id around a node: a comment, a note, or an essay section's heading. */
function anchorAround(node: Node | null): string | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const permalinked = el?.closest<HTMLElement>('[data-permalink]');
  if (permalinked?.id) return permalinked.id;
  const section = el?.closest('section.essay-section');
  return section?.querySelector(':scope > h2, :scope > h3, :scope > h4')?.id ?? null;
}

/** Selected text inside the passage `id`, so a copied link can point at the exact words. */
function selectionIn(id: string): string {
  const sel = getSelection();
  if (!sel || sel.isCollapsed) return '';
  return anchorAround(sel.anchorNode) === id && anchorAround(sel.focusNode) === id ? sel.toString() : '';
}

function copyPassage(id: string, selected: string): void {
  const url = passageLink(`${location.origin}${location.pathname}`, id, selected);
  void copyText(url).then((ok) => announce(ok ? (selected ? 'Link to the selected text copied' : 'Link copied') : `Copy failed; the link is ${url}`));
}

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-copy-link]');
  if (!button) return;
  const id = (button.dataset.copyLink ?? '').replace(/^#/, '');
  copyPassage(id, selectionIn(id));
});

// Selecting text in a passage offers a link to exactly that text (a text fragment).
const selectionButton = document.createElement('button');
selectionButton.type = 'button';
selectionButton.className = 'selection-link';
selectionButton.textContent = 'Copy link to selected text';
selectionButton.hidden = true;
(document.querySelector('main') ?? document.body).append(selectionButton);
let selectionTimer = 0;
document.addEventListener('selectionchange', () => {
  window.clearTimeout(selectionTimer);
  selectionTimer = window.setTimeout(() => {
    const sel = getSelection();
    const id = sel && !sel.isCollapsed ? anchorAround(sel.anchorNode) : null;
    selectionButton.hidden = !(id && selectionIn(id));
    if (id) selectionButton.dataset.anchor = id;
  }, 150);
});
selectionButton.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection alive
selectionButton.addEventListener('click', () => {
  const id = selectionButton.dataset.anchor;
  if (id) copyPassage(id, selectionIn(id));
});

// Blind reading: hide names and karma on comments; remembered across pages.
const blindToggle = document.querySelector<HTMLButtonElement>('[data-blind-toggle]');
function syncBlind(): void {
  blindToggle?.setAttribute('aria-pressed', document.documentElement.dataset.blind ? 'true' : 'false');
}
blindToggle?.addEventListener('click', () => {
  const on = !document.documentElement.dataset.blind;
  if (on) document.documentElement.dataset.blind = '1';
  else delete document.documentElement.dataset.blind;
  try {
    if (on) localStorage.setItem('blind', '1');
    else localStorage.removeItem('blind');
  } catch {
    // Storage refused: the setting lasts for this page only.
  }
  syncBlind();
  announce(on ? 'Names and karma hidden' : 'Names and karma shown');
});
syncBlind();

const toggle = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
function currentTheme(): 'light' | 'dark' {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
function labelToggle(): void {
  if (!toggle) return;
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  toggle.textContent = next === 'dark' ? 'Dark theme' : 'Light theme';
  toggle.setAttribute('aria-label', `Switch to ${next} theme`);
}
toggle?.addEventListener('click', () => {
  const next = currentTheme() === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem('theme', next);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
  labelToggle();
});
labelToggle();

// Search: the engine and its UI load on first use (focus or "/"), never on page load.
const searchForm = document.querySelector<HTMLFormElement>('form[data-site-search]');
const searchInput = searchForm?.querySelector<HTMLInputElement>('input[type="search"]');
let searchReady: Promise<void> | undefined;
function startSearch(): Promise<void> {
  searchReady ??= import('./search-ui.ts').then((m) => {
    if (searchForm) m.initHeaderSearch(searchForm);
  });
  return searchReady;
}
searchInput?.addEventListener('focus', () => void startSearch(), { once: true });
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  if (!searchInput || document.querySelector('[data-search-page]')) {
    document.querySelector<HTMLInputElement>('[data-search-page] input[type="search"]')?.focus();
    if (document.querySelector('[data-search-page]')) e.preventDefault();
    return;
  }
  e.preventDefault();
  searchInput.focus();
});

if (new URLSearchParams(location.search).has('highlight')) void import('./highlight.ts');

// Link previews load on the first hover, focus or tap on an internal link in the text; once the
// module is in, it handles every later event itself.
type PreviewModule = typeof import('./previews.ts');
let previews: Promise<PreviewModule> | undefined;
let previewsReady = false;
let touched = false;
function loadPreviews(): Promise<PreviewModule> {
  previews ??= import('./previews.ts').then((m) => {
    previewsReady = true;
    return m;
  });
  return previews;
}
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
  void loadPreviews().then((m) => {
    const link = m.previewable(a);
    if (!link) {
      if (how === 'touch') a.click();
      return;
    }
    m.start(link, how);
    if (how === 'touch') link.click();
  });
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
