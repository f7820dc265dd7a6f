// Copy-link tools, loaded by the page loader (site.ts) on first use: a click on a copy-link button,
// or a text selection inside a passage (which offers a link to exactly the selected words).
import { passageLink } from '../lib/links/fragment.ts';

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

/** Copies the link a copy-link button stands for (to the selected words, when some are selected there). */
export function copyFromButton(button: HTMLButtonElement): void {
  const id = (button.dataset['copyLink'] ?? '').replace(/^#/, '');
  copyPassage(id, selectionIn(id));
}

let selectionButton: HTMLButtonElement | undefined;
let selectionTimer = 0;

function syncSelectionButton(): void {
  if (!selectionButton) return;
  const sel = getSelection();
  const id = sel && !sel.isCollapsed ? anchorAround(sel.anchorNode) : null;
  selectionButton.hidden = !(id && selectionIn(id));
  if (id) selectionButton.dataset['anchor'] = id;
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
    button.addEventListener('mousedown', (e) => e.preventDefault()); // keep the selection alive
    button.addEventListener('click', () => {
      const id = button.dataset['anchor'];
      if (id) copyPassage(id, selectionIn(id));
    });
    selectionButton = button;
    document.addEventListener('selectionchange', () => {
      window.clearTimeout(selectionTimer);
      selectionTimer = window.setTimeout(syncSelectionButton, 150);
    });
  }
  syncSelectionButton();
}
