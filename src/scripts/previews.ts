// Link previews: hover (mouse), focus (keyboard) or a first tap (touch) on an internal link shows
// the target passage's title, author and first lines; for a quote link (one with a text fragment)
// it shows the quoted words, marked, in their sentence. Only one preview is ever open; it floats
// over the page so nothing moves, and without JavaScript links simply navigate. The card has an
// "Open" link and a close button: on touch the first tap previews and these say what comes next;
// from the keyboard, Tab on the previewed link enters the card and Tab past its end moves on.
import { previewByline, previewFileFor, previewTextFileFor, type Preview, type PreviewMap } from '../lib/links/previews.ts';
import { parseFragment, type TextDirective } from '../lib/links/fragment.ts';
import { indexText, quoteWindow, type QuoteWindow } from '../lib/links/text-match.ts';
import { isAttributionStatus, type Attribution } from '../lib/text/attribution.ts';
import { excerpt } from '../lib/text/excerpt.ts';
import { formatExportDate } from '../lib/text/dates.ts';
import { domText } from './dom-text.ts';

const EXCLUDE = '.anchor-tools, .toc, nav, [data-search-result], .search-panel, .skip-link, [data-no-preview], .link-preview';
const files = new Map<string, Promise<unknown>>();

// The card: a described body (what aria-describedby on the link points at) and its controls.
const card = document.createElement('div');
card.className = 'link-preview';
card.setAttribute('role', 'dialog');
card.setAttribute('aria-label', 'Link preview');
card.hidden = true;
const body = document.createElement('div');
body.id = 'link-preview';
body.className = 'link-preview-body';
const actions = document.createElement('div');
actions.className = 'link-preview-actions';
const openLink = document.createElement('a');
openLink.className = 'link-preview-open';
openLink.textContent = 'Open';
const closeButton = document.createElement('button');
closeButton.type = 'button';
closeButton.className = 'link-preview-close';
closeButton.textContent = 'Close';
closeButton.setAttribute('aria-label', 'Close preview');
actions.append(openLink, closeButton);
card.append(body, actions);
// Inside <main> so the card belongs to a landmark; main is not positioned, so page coordinates still apply.
(document.querySelector('main') ?? document.body).append(card);

/** A link: an HTML <a>, or an SVG <a> (the argument map's boxes), whose href is no string and which has no click(). */
type Link = HTMLAnchorElement | SVGAElement;
/** Where a link goes, for HTML and SVG links alike. */
const urlOf = (a: Link): URL => new URL(a.getAttribute('href') ?? '', location.href);

let openFor: Link | null = null;
let showTimer = 0;
let hideTimer = 0;
let lastPointer = '';
// Focus returning to a link from its own card must not reopen the card at once.
let quietFocus: Link | null = null;

/** An internal link worth previewing, or null. */
export function previewable(target: EventTarget | null): Link | null {
  const a = (target as Element | null)?.closest?.<Link>('a[href]');
  if (!a || a.closest(EXCLUDE) || !a.closest('main')) return null;
  const url = urlOf(a);
  if (url.origin !== location.origin) return null;
  if (url.pathname === location.pathname) return url.hash ? a : null;
  return previewFileFor(url.pathname) ? a : null;
}

/** A block's text with spaces between its paragraphs (textContent would run them together). */
function readText(el: Element | null): string {
  return el ? domText(el).text.replace(/\n/g, ' ') : '';
}

function fromDom(id: string): Preview | null {
  const el = id ? document.getElementById(id) : null;
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
    const text = excerpt(readText(el.querySelector('.comment-body')), 280);
    return date ? { title: 'Comment on this page', author, date, text } : { title: 'Comment on this page', author, text };
  }
  const section = el.closest('section') ?? el;
  const title = el.matches('h2, h3, h4') ? (el.firstChild?.textContent ?? el.textContent ?? '') : document.title;
  const text = excerpt([...section.querySelectorAll('p')].map((p) => readText(p)).join(' '), 280);
  return { title: title.trim(), text };
}

/** Fetches a JSON file once per page view; null when it is missing or unreadable. */
function fetchJson<T>(file: string): Promise<T | null> {
  let pending = files.get(file);
  if (!pending) {
    pending = fetch(file)
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    files.set(file, pending);
  }
  return pending as Promise<T | null>;
}

/** The quoted words of a quote link, in their context: from this page's text or the target's text file. */
async function quoteFor(url: URL, id: string, d: TextDirective): Promise<QuoteWindow | null> {
  let text: string | undefined;
  if (url.pathname === location.pathname) {
    const el = id ? document.getElementById(id) : document.querySelector('main');
    text = el ? domText(el).text : undefined;
  } else {
    const file = previewTextFileFor(url.pathname);
    const texts = file ? await fetchJson<Record<string, string>>(file) : null;
    text = texts?.[id];
  }
  return text ? quoteWindow(indexText(text), d) : null;
}

async function lookup(a: Link): Promise<{ p: Preview; quote: QuoteWindow | null } | null> {
  const url = urlOf(a);
  const { id, directives } = parseFragment(url.hash);
  const anchor = id ?? '';
  const [first] = directives;
  const quote = first ? quoteFor(url, anchor, first) : Promise.resolve(null);
  let p: Preview | null;
  if (url.pathname === location.pathname) p = fromDom(anchor);
  else {
    const file = previewFileFor(url.pathname);
    const map = file ? await fetchJson<PreviewMap>(file) : null;
    p = map?.[anchor] ?? map?.[''] ?? null;
  }
  return p ? { p, quote: await quote } : null;
}

function draw(p: Preview, quote: QuoteWindow | null, href: string): void {
  const title = document.createElement('strong');
  title.textContent = p.title;
  const meta = document.createElement('span');
  meta.className = 'link-preview-meta';
  meta.textContent = [previewByline(p), p.date ? formatExportDate(p.date) : undefined].filter(Boolean).join(' · ');
  const text = document.createElement('span');
  text.className = 'link-preview-text';
  if (quote) {
    const mark = document.createElement('mark');
    mark.className = 'link-preview-quote';
    mark.textContent = quote.quote;
    text.append(quote.before, mark, quote.after);
  } else {
    text.textContent = p.text;
  }
  body.replaceChildren(title, meta, text);
  openLink.href = href;
}

function place(a: Link): void {
  const r = a.getBoundingClientRect();
  const width = Math.min(384, document.documentElement.clientWidth - 16);
  card.style.width = `${width}px`;
  const left = Math.max(8, Math.min(r.left + scrollX, scrollX + document.documentElement.clientWidth - width - 8));
  card.style.left = `${left}px`;
  card.style.top = `${r.bottom + scrollY + 6}px`;
}

async function open(a: Link): Promise<void> {
  window.clearTimeout(hideTimer);
  if (openFor === a && !card.hidden) return;
  const found = await lookup(a);
  if (!found) return;
  close();
  draw(found.p, found.quote, urlOf(a).href);
  place(a);
  card.hidden = false;
  openFor = a;
  a.setAttribute('aria-describedby', body.id);
}

/** Hides the card; with `refocus`, focus goes back to the link it previewed (if it was in the card). */
function close(refocus = false): void {
  const link = openFor;
  const hadFocus = card.contains(document.activeElement);
  if (link) link.removeAttribute('aria-describedby');
  openFor = null;
  card.hidden = true;
  if (link && hadFocus && refocus) {
    quietFocus = link;
    link.focus();
  }
}

/** The next element after `el` that Tab would reach, outside the card. */
function nextTabStop(el: Element): HTMLElement | null {
  const stops = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
    (x) => (x === el || !card.contains(x)) && x.tabIndex >= 0 && !x.matches(':disabled') && x.getClientRects().length > 0,
  );
  return stops[stops.indexOf(el as HTMLElement) + 1] ?? null;
}

document.addEventListener('pointerdown', (e) => {
  lastPointer = e.pointerType;
  // A tap outside the card and its link dismisses it.
  if (e.pointerType !== 'mouse' && openFor && !card.contains(e.target as Node) && !openFor.contains(e.target as Node)) close();
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
  if (card.contains(e.target as Node)) return;
  const a = previewable(e.target);
  if (a && a === quietFocus) {
    quietFocus = null;
    return;
  }
  quietFocus = null;
  if (a && lastPointer !== 'touch') void open(a);
  else if (!a) close();
});
document.addEventListener('focusout', (e) => {
  const next = e.relatedTarget as Node | null;
  if (next && card.contains(next)) return;
  const leavingCard = card.contains(e.target as Node) && next !== openFor;
  if (openFor && (e.target === openFor || leavingCard) && lastPointer !== 'touch') close();
});
document.addEventListener('keydown', (e) => {
  if (card.hidden || !openFor) return;
  const inCard = card.contains(document.activeElement);
  if (e.key === 'Escape') {
    close(true);
    return;
  }
  if (e.key !== 'Tab') return;
  // Tab order: the link, then the card's Open link and close button, then what follows the link.
  if (!e.shiftKey && document.activeElement === openFor) {
    e.preventDefault();
    openLink.focus();
  } else if (!e.shiftKey && document.activeElement === closeButton) {
    e.preventDefault();
    const next = nextTabStop(openFor);
    close();
    next?.focus();
  } else if (e.shiftKey && inCard && document.activeElement === openLink) {
    e.preventDefault();
    quietFocus = openFor;
    openFor.focus();
  }
});
closeButton.addEventListener('click', () => close(true));
// Touch: the first tap shows the preview, a second tap on the same link (or on "Open") follows it.
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
    if (openFor && lastPointer === 'mouse' && !card.contains(document.activeElement)) close();
  },
  { passive: true },
);

/**
 * Takes over the event that loaded this module: opens the preview of the hovered or focused link,
 * or, for a tap that site.ts held back, taps again, so the click handler above previews the link
 * or, if it has no preview, lets it navigate. A new click event rather than click(), which an SVG
 * link (a box of the argument map) does not have.
 */
export function start(first: Element, how: 'hover' | 'focus' | 'touch'): void {
  const link = previewable(first);
  if (how === 'touch') {
    lastPointer = 'touch';
    first.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  } else if (link) void open(link);
}
