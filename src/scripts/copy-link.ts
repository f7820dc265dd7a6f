// Copy-link tools, loaded by the page loader (site.ts) on first use: a click on a copy-link button,
// or a text selection inside a passage, which shows a "Copy link to selected text" button beside
// the selection (on touch screens too) for a link that lands on exactly those words.
import { passageLink, type TextDirective } from '../lib/links/fragment.ts';
import { indexText, textDirectiveFor } from '../lib/links/text-match.ts';
import { domText, spanOf } from './dom-text.ts';

/** Says `message` in the footer's live region, then clears it. */
export function announce(message: string): void {
  const el = document.getElementById('site-status');
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

/** The selection, when it lies inside the one passage `id`: its words and a copy of its range. */
function selectionIn(id: string): { text: string; range: Range } | null {
  const sel = getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  if (anchorAround(sel.anchorNode) !== id || anchorAround(sel.focusNode) !== id) return null;
  return { text: sel.toString(), range: sel.getRangeAt(0).cloneRange() };
}

/**
 * The directive for a selected range, chosen against the whole page's text so it lands on this
 * occurrence of the words; falls back to the words alone when none picks it out.
 */
function directiveFor(selected: { text: string; range: Range }): TextDirective | string {
  const main = document.querySelector('main');
  if (!main) return selected.text;
  const dt = domText(main);
  const span = spanOf(dt, selected.range);
  return (span && textDirectiveFor(indexText(dt.text), span)) ?? selected.text;
}

function copyPassage(id: string, selected: { text: string; range: Range } | null): void {
  const url = passageLink(`${location.origin}${location.pathname}`, id, selected ? directiveFor(selected) : '');
  void copyText(url).then((ok) => announce(ok ? (selected ? 'Link to the selected text copied' : 'Link copied') : `Copy failed; the link is ${url}`));
}

/** Copies the link a copy-link button stands for (to the selected words, when some are selected there). */
export function copyFromButton(button: HTMLButtonElement): void {
  const id = (button.dataset['copyLink'] ?? '').replace(/^#/, '');
  copyPassage(id, selectionIn(id));
}

let selectionButton: HTMLButtonElement | undefined;
let selectionTimer = 0;
// The selection the button was shown for: a tap on the button may collapse the selection first.
let shownFor: { id: string; selected: { text: string; range: Range } } | null = null;

/**
 * Puts the button beside the selection, inside the page's width: above its first line with a
 * mouse (as selection toolbars sit, leaving the lines being read free), below its last line on
 * touch screens, where the system's own menu takes the space above and the handles hang below.
 */
function placeNear(button: HTMLButtonElement, range: Range): void {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  const first = rects[0] ?? range.getBoundingClientRect();
  const last = rects[rects.length - 1] ?? first;
  const width = button.offsetWidth;
  const height = button.offsetHeight;
  const page = document.documentElement.clientWidth;
  const header = document.querySelector('.site-header');
  const covered = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
  const coarse = matchMedia('(pointer: coarse)').matches;
  const above = !coarse && first.top - height - 8 > covered;
  const anchor = above ? first : last;
  const left = Math.max(8, Math.min((above ? anchor.left : anchor.right) - width / 2, page - width - 8));
  button.style.left = `${left + scrollX}px`;
  button.style.top = `${(above ? first.top - height - 8 : last.bottom + (coarse ? 30 : 8)) + scrollY}px`;
}

function syncSelectionButton(): void {
  if (!selectionButton) return;
  const sel = getSelection();
  const id = sel && !sel.isCollapsed ? anchorAround(sel.anchorNode) : null;
  const selected = id ? selectionIn(id) : null;
  shownFor = id && selected ? { id, selected } : null;
  selectionButton.hidden = !shownFor;
  if (shownFor) placeNear(selectionButton, shownFor.selected.range);
}

/** Offers "Copy link to selected text" while a selection lies inside one passage; safe to call again. */
export function watchSelection(): void {
  if (!selectionButton) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'selection-link';
    button.textContent = 'Copy link to selected text';
    button.hidden = true;
    (document.querySelector('main') ?? document.body).append(button);
    // Keep the selection alive when the button is pressed (mouse, pen or touch).
    button.addEventListener('mousedown', (e) => e.preventDefault());
    button.addEventListener('pointerdown', (e) => e.preventDefault());
    button.addEventListener('click', () => {
      if (shownFor) copyPassage(shownFor.id, shownFor.selected);
    });
    selectionButton = button;
    document.addEventListener('selectionchange', () => {
      window.clearTimeout(selectionTimer);
      selectionTimer = window.setTimeout(syncSelectionButton, 150);
    });
  }
  syncSelectionButton();
}
