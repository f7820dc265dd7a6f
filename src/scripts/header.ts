// The header's two folding buttons: the menu (the links and the theme switch) and, on phones, the
// search box. Loaded by the page loader (site.ts) on the first press of either, or when a key opens
// the search box while it is folded; from then on it handles Escape, clicks elsewhere and the
// search panel's close itself.

const menuButton = document.querySelector<HTMLElement>('[data-menu-toggle]');
const searchButton = document.querySelector<HTMLElement>('[data-search-toggle]');
const searchForm = document.querySelector<HTMLFormElement>('form[data-site-search]');
const searchInput = searchForm?.querySelector<HTMLInputElement>('input[type="search"]');

/** Shows what a button opens with aria-expanded and an `open` class on its target. */
function setOpen(button: Element | null, on: boolean): void {
  button?.setAttribute('aria-expanded', String(on));
  document.getElementById(button?.getAttribute('aria-controls') ?? '')?.classList.toggle('open', on);
}

/** Flips one folding button, putting the cursor in the search box when that is what it opened. */
export function toggle(button: Element): void {
  const on = button.getAttribute('aria-expanded') !== 'true';
  setOpen(button, on);
  if (on && button === searchButton) searchInput?.focus();
}

/** Opens the header search (unfolding it where it is a button) and puts the cursor in it. */
export function openSearch(): void {
  if (searchButton?.offsetParent) setOpen(searchButton, true);
  searchInput?.focus();
}

// A click outside the open menu closes it; the buttons' own clicks reach toggle() via site.ts.
document.addEventListener('click', (e) => {
  const t = e.target as Element | null;
  if (menuButton?.getAttribute('aria-expanded') === 'true' && !t?.closest('[data-site-menu], [data-menu-toggle]')) setOpen(menuButton, false);
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || menuButton?.getAttribute('aria-expanded') !== 'true') return;
  setOpen(menuButton, false);
  menuButton.focus();
});
// The search panel asks to close (Escape in an empty box): fold the box back into its button.
searchForm?.addEventListener('search-close', () => {
  if (!searchButton?.offsetParent) return;
  setOpen(searchButton, false);
  searchButton.focus();
});
