// Following a comment thread, loaded by the page loader (site.ts) on first use: a fold or move
// button, a j/k/J/K/? key, or an address whose fragment names nothing on the page.
// - Folding a comment hides its own text and every reply under it; its header stays, with its
//   first words and how many replies are hidden. Folded parts are `hidden="until-found"`, so
//   find-in-page and text fragments still reach the words and unfold them (beforematch).
// - Landing on a permalink (at load, on a hash change, or by an in-page link) unfolds whatever
//   hides the target first.
// - j/k and J/K (and the bar's buttons) move focus through the comments as the page shows them.
// - A fragment that names no element gets a notice at the top of the page instead of silence.
import { fragmentId } from '../lib/links/fragment-id.ts';
import { stepTo, type PlacedEntry } from '../lib/threads/nav.ts';
import { announce } from './copy-link.ts';

const NODE = '.comment-node';
// Browsers without hidden=until-found treat it as plain hidden: nothing breaks, find just skips it.
const UNTIL_FOUND = 'onbeforematch' in document.body;

/** The fold button, article and replies list of one comment's list item. */
function partsOf(li: Element): { button: HTMLElement | null; hideable: Element[] } {
  const article = li.querySelector(':scope > .comment');
  const own = article ? [...article.children].filter((c) => !c.matches('.comment-head')) : [];
  const replies = li.querySelector(':scope > .replies');
  return {
    button: article?.querySelector<HTMLElement>(':scope > .comment-head > [data-fold]') ?? null,
    hideable: replies ? [...own, replies] : own,
  };
}

/** Folds or unfolds one comment; says whether anything changed. */
function setFolded(li: Element, folded: boolean): boolean {
  if (li.hasAttribute('data-collapsed') === folded) return false;
  li.toggleAttribute('data-collapsed', folded);
  const { button, hideable } = partsOf(li);
  for (const el of hideable) {
    if (folded && !el.hasAttribute('hidden')) {
      el.setAttribute('hidden', UNTIL_FOUND ? 'until-found' : '');
      // Only what folding hid is shown again: a part hidden for its own reasons stays hidden.
      el.setAttribute('data-folded', '');
    } else if (!folded && el.hasAttribute('data-folded')) {
      el.removeAttribute('hidden');
      el.removeAttribute('data-folded');
    }
  }
  if (button) {
    button.setAttribute('aria-expanded', String(!folded));
    // The page's own title says "Fold…"; the folded state offers the opposite.
    const title = (button.dataset['foldTitle'] ??= button.title);
    button.title = folded ? title.replace('Fold', 'Unfold') : title;
  }
  return true;
}

/** Unfolds the comment holding `el` and every comment above it in the tree; says whether any was folded. */
function reveal(el: Element): boolean {
  let changed = false;
  for (let li = el.closest(NODE); li; li = li.parentElement?.closest(NODE) ?? null) changed = setFolded(li, false) || changed;
  return changed;
}

const notice = (): HTMLElement | null => document.querySelector('.missing-anchor');

/** Says at the top of the page that the address names nothing here, with a way on. */
function showNotice(id: string): void {
  notice()?.remove();
  const main = document.getElementById('main');
  if (!main) return;
  const box = document.createElement('div');
  box.className = 'missing-anchor';
  box.setAttribute('role', 'status');
  main.prepend(box);
  const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
  // Filled after it is in the page, so screen readers hear it as news in a live region.
  requestAnimationFrame(() => {
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = 'This comment or section was not found on this page.';
    const code = document.createElement('code');
    code.textContent = `#${shown}`;
    p.append(strong, ' Nothing here has the address ', code, '; the link may be mistyped, or what it pointed to may have moved. ');
    const top = document.createElement('a');
    top.href = '#main';
    top.textContent = 'Go to the start of the page';
    p.append(top, '.');
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.setAttribute('aria-label', 'Dismiss this notice');
    close.addEventListener('click', () => {
      box.remove();
      main.focus({ preventScroll: true });
    });
    box.append(p, close);
  });
}

/** Handles the address's fragment: a notice when it names nothing, else unfold what hides the target. */
export function land(): void {
  const id = fragmentId(location.hash);
  const target = id ? document.getElementById(id) : null;
  if (target || !id) notice()?.remove();
  if (!id) return;
  if (!target) showNotice(id);
  // The browser scrolled (or could not scroll) while the target was folded away.
  else if (reveal(target)) target.scrollIntoView({ block: 'start' });
}

/** Every comment on the page in reading order, with its depth, fold and place against the reading line. */
function placed(): { articles: HTMLElement[]; entries: PlacedEntry[] } {
  const articles = [...document.querySelectorAll<HTMLElement>('main article.comment')];
  // The reading line is where a moved-to comment's top sits: below the sticky header and bar.
  const margin = articles[0] ? parseFloat(getComputedStyle(articles[0]).scrollMarginTop) || 0 : 0;
  const line = (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0) + margin;
  const entries = articles.map((a) => {
    let depth = 0;
    for (let li = a.parentElement?.parentElement?.closest(NODE); li; li = li.parentElement?.closest(NODE)) depth++;
    return { depth, collapsed: !!a.parentElement?.hasAttribute('data-collapsed'), top: a.getBoundingClientRect().top - line };
  });
  return { articles, entries };
}

let lastMoved: HTMLElement | undefined;

/** Whether a comment is in the page and at least partly inside the viewport. */
function onScreen(a: HTMLElement | null | undefined): a is HTMLElement {
  const box = a?.isConnected ? a.getBoundingClientRect() : undefined;
  return !!box && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
}

/** Moves focus to the next (1) or previous (-1) comment, or top-level comment, and scrolls it to the reading line. */
function move(dir: 1 | -1, topLevel: boolean): void {
  const { articles, entries } = placed();
  // The reader's place: the focused comment, else the last one moved to (a click on the bar's
  // buttons takes focus), as long as it is on screen; else the reading line decides.
  const current = [document.activeElement?.closest<HTMLElement>('article.comment'), lastMoved].find(onScreen);
  const index = current ? articles.indexOf(current) : -1;
  const i = stepTo(entries, index >= 0 ? index : null, dir, topLevel);
  const target = i === null ? undefined : articles[i];
  if (!target) {
    announce(`No ${topLevel ? 'top-level comment' : 'comment'} ${dir === 1 ? 'below' : 'above'}`);
    return;
  }
  document.querySelector('.nav-current')?.classList.remove('nav-current');
  target.classList.add('nav-current');
  lastMoved = target;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}

const KEYS: [string, string][] = [
  ['j', 'Next comment'],
  ['k', 'Previous comment'],
  ['J', 'Next top-level comment (Shift+J)'],
  ['K', 'Previous top-level comment (Shift+K)'],
  ['?', 'Show or close this list'],
  ['Esc', 'Close this list'],
];

/** Opens (or closes) the list of keys, a modal dialog that Esc closes. */
function help(): void {
  let dialog = document.querySelector<HTMLDialogElement>('dialog.keys-help');
  if (dialog?.open) {
    dialog.close();
    return;
  }
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.className = 'keys-help';
    dialog.setAttribute('aria-labelledby', 'keys-help-title');
    dialog.setAttribute('closedby', 'any');
    const h = document.createElement('h2');
    h.id = 'keys-help-title';
    h.textContent = 'Keys for reading comments';
    const list = document.createElement('dl');
    for (const [key, what] of KEYS) {
      const dt = document.createElement('dt');
      const kbd = document.createElement('kbd');
      kbd.textContent = key;
      dt.append(kbd);
      const dd = document.createElement('dd');
      dd.textContent = what;
      list.append(dt, dd);
    }
    const note = document.createElement('p');
    note.textContent = 'Moves skip the replies of folded comments. Keys do nothing while you type in a field.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    const d = dialog;
    close.addEventListener('click', () => d.close());
    dialog.append(h, list, note, close);
    document.body.append(dialog);
  }
  dialog.showModal();
}

/** Runs a key the loader passed on: j, k, J, K or ?. */
export function key(k: string): void {
  if (k === '?') return help();
  // While a dialog is open the page behind it is not what the reader is moving through.
  if (document.querySelector('dialog[open]')) return;
  if (k === 'j' || k === 'k') move(k === 'j' ? 1 : -1, false);
  if (k === 'J' || k === 'K') move(k === 'J' ? 1 : -1, true);
}

/** Runs a fold, fold-all or move button the loader passed on. */
export function press(button: HTMLElement): void {
  const all = button.dataset['foldAll'];
  if (all) {
    const folded = all === 'collapse';
    const nodes = document.querySelectorAll(NODE);
    for (const li of nodes) setFolded(li, folded);
    announce(folded ? `All ${nodes.length} comments folded` : `All ${nodes.length} comments unfolded`);
    return;
  }
  const li = button.hasAttribute('data-fold') ? button.closest(NODE) : null;
  if (li) {
    setFolded(li, !li.hasAttribute('data-collapsed'));
    return;
  }
  const nav = button.dataset['nav'];
  if (nav === 'help') help();
  else if (nav) move(nav.startsWith('next') ? 1 : -1, nav.endsWith('-top'));
}

let started = false;
/** Listens for what can reveal folded text: find-in-page, text fragments, and in-page links. */
export function start(): void {
  if (started) return;
  started = true;
  // The browser fires beforematch on each folded part it is about to reveal; the comment unfolds whole.
  document.addEventListener(
    'beforematch',
    (e) => {
      const li = (e.target as Element | null)?.closest(NODE);
      if (li) setFolded(li, false);
    },
    true,
  );
  // An in-page link is unfolded before the browser follows it, so the scroll finds its target.
  document.addEventListener(
    'click',
    (e) => {
      const a = (e.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href*="#"]');
      if (!a) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname !== location.pathname) return;
      const id = fragmentId(url.hash);
      const target = id ? document.getElementById(id) : null;
      if (target) reveal(target);
    },
    true,
  );
  document.addEventListener('focusout', (e) => (e.target as Element).classList.remove('nav-current'));
}
