// Link previews: hover (mouse), focus (keyboard) or a first tap (touch) on an internal link shows
// the target passage's title, author and first lines. Only one preview is ever open; it floats
// over the page so nothing moves, and without JavaScript links simply navigate.
import { previewByline, previewFileFor, type Preview, type PreviewMap } from '../lib/links/previews.ts';
import { isAttributionStatus, type Attribution } from '../lib/text/attribution.ts';
import { excerpt } from '../lib/text/excerpt.ts';
import { formatExportDate } from '../lib/text/dates.ts';

const EXCLUDE = '.anchor-tools, .toc, nav, [data-search-result], .search-panel, .skip-link, [data-no-preview]';
const files = new Map<string, Promise<PreviewMap | null>>();
const card = document.createElement('div');
card.id = 'link-preview';
card.className = 'link-preview';
card.setAttribute('role', 'tooltip');
card.hidden = true;
// Inside <main> so the card belongs to a landmark; main is not positioned, so page coordinates still apply.
(document.querySelector('main') ?? document.body).append(card);
let openFor: HTMLAnchorElement | null = null;
let showTimer = 0;
let hideTimer = 0;
let lastPointer = '';

/** An internal link worth previewing, or null. */
export function previewable(target: EventTarget | null): HTMLAnchorElement | null {
  const a = (target as Element | null)?.closest?.<HTMLAnchorElement>('a[href]');
  if (!a || a.closest(EXCLUDE) || !a.closest('main')) return null;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return null;
  if (url.pathname === location.pathname) return url.hash ? a : null;
  return previewFileFor(url.pathname) ? a : null;
}

function fromDom(id: string): Preview | null {
  const el = document.getElementById(id);
  if (!el) return null;
  if (el.classList.contains('comment')) {
    // The comment's search data names the author with its status; the visible name alone would drop "inferred".
    const status = el.getAttribute('data-search-author-status');
    const label = el.getAttribute('data-author-label');
    const author: Attribution = {
      name: el.getAttribute('data-search-author'),
      status: isAttributionStatus(status) ? status : 'unknown',
      ...(label ? { label } : {}),
    };
    const date = el.querySelector('time')?.getAttribute('datetime') ?? undefined;
    const text = excerpt(el.querySelector('.comment-body')?.textContent ?? '', 280);
    return date ? { title: 'Comment on this page', author, date, text } : { title: 'Comment on this page', author, text };
  }
  const section = el.closest('section') ?? el;
  const title = el.matches('h2, h3, h4') ? (el.firstChild?.textContent ?? el.textContent ?? '') : document.title;
  const text = excerpt([...section.querySelectorAll('p')].map((p) => p.textContent).join(' '), 280);
  return { title: title.trim(), text };
}

async function lookup(a: HTMLAnchorElement): Promise<Preview | null> {
  const url = new URL(a.href, location.href);
  const id = decodeURIComponent(url.hash.slice(1));
  if (url.pathname === location.pathname) return fromDom(id);
  const file = previewFileFor(url.pathname);
  if (!file) return null;
  let pending = files.get(file);
  if (!pending) {
    pending = fetch(file)
      .then((r) => (r.ok ? (r.json() as Promise<PreviewMap>) : null))
      .catch(() => null);
    files.set(file, pending);
  }
  const map = await pending;
  return map?.[id] ?? map?.[''] ?? null;
}

function draw(p: Preview): void {
  const title = document.createElement('strong');
  title.textContent = p.title;
  const meta = document.createElement('span');
  meta.className = 'link-preview-meta';
  meta.textContent = [previewByline(p), p.date ? formatExportDate(p.date) : undefined].filter(Boolean).join(' · ');
  const text = document.createElement('span');
  text.className = 'link-preview-text';
  text.textContent = p.text;
  card.replaceChildren(title, meta, text);
}

function place(a: HTMLAnchorElement): void {
  const r = a.getBoundingClientRect();
  const width = Math.min(384, document.documentElement.clientWidth - 16);
  card.style.width = `${width}px`;
  const left = Math.max(8, Math.min(r.left + scrollX, scrollX + document.documentElement.clientWidth - width - 8));
  card.style.left = `${left}px`;
  card.style.top = `${r.bottom + scrollY + 6}px`;
}

async function open(a: HTMLAnchorElement): Promise<void> {
  window.clearTimeout(hideTimer);
  if (openFor === a && !card.hidden) return;
  const p = await lookup(a);
  if (!p) return;
  close();
  draw(p);
  place(a);
  card.hidden = false;
  openFor = a;
  a.setAttribute('aria-describedby', card.id);
}

function close(): void {
  if (openFor) openFor.removeAttribute('aria-describedby');
  openFor = null;
  card.hidden = true;
}

document.addEventListener('pointerdown', (e) => {
  lastPointer = e.pointerType;
});
document.addEventListener('pointerover', (e) => {
  if (e.pointerType !== 'mouse') return;
  const a = previewable(e.target);
  if (a) {
    window.clearTimeout(hideTimer);
    window.clearTimeout(showTimer);
    showTimer = window.setTimeout(() => void open(a), 250);
  } else if (!card.contains(e.target as Node)) {
    window.clearTimeout(showTimer);
    hideTimer = window.setTimeout(close, 200);
  } else {
    window.clearTimeout(hideTimer);
  }
});
document.addEventListener('focusin', (e) => {
  const a = previewable(e.target);
  if (a && lastPointer !== 'touch') void open(a);
  else if (!a) close();
});
document.addEventListener('focusout', (e) => {
  if (openFor && e.target === openFor && lastPointer !== 'touch') close();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !card.hidden) close();
});
// Touch: the first tap shows the preview, a second tap on the same link follows it.
document.addEventListener('click', (e) => {
  const a = previewable(e.target);
  if (!a || lastPointer !== 'touch') return;
  if (openFor === a && !card.hidden) return;
  e.preventDefault();
  void open(a);
});
addEventListener(
  'scroll',
  () => {
    if (openFor && lastPointer === 'mouse') close();
  },
  { passive: true },
);

/** Opens the preview for a link when this module loads in response to that link's event. */
export function start(first: HTMLAnchorElement, how: 'hover' | 'focus' | 'touch'): void {
  if (how === 'touch') lastPointer = 'touch';
  if (how !== 'touch') void open(first);
}
