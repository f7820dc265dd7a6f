// The header's two folding buttons, the menu (the links and the theme switch) and, on phones, the
// search box; and the reader's two switches, the colour theme and blind reading (names and karma
// hidden on comments), both remembered across pages (the inline script in Base.astro applies them
// before the first paint). Loaded by the page loader (site.ts) on the first press of any of these,
// or when a key opens the search box while it is folded; from then on it handles Escape, clicks
// elsewhere and the search panel's close itself.

import { announce } from './copy-link.ts';

const root = document.documentElement;

const menuButton = document.querySelector<HTMLElement>('[data-menu-toggle]');
const searchButton = document.querySelector<HTMLElement>('[data-search-toggle]');
const searchForm = document.querySelector<HTMLFormElement>('form[data-site-search]');
const searchInput = searchForm?.querySelector<HTMLInputElement>('input[type="search"]');

/** Shows what a button opens with aria-expanded and an `open` class on its target. */
function setOpen(button: Element | null, on: boolean): void {
  button?.setAttribute('aria-expanded', String(on));
  document.getElementById(button?.getAttribute('aria-controls') ?? '')?.classList.toggle('open', on);
}

/** Stores a setting, or keeps it for this page only when the browser refuses storage (private modes). */
function remember(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the setting simply lasts for this page.
  }
}

/** Flips the switch that was pressed: `[data-theme-toggle]` or `[data-blind-toggle]`. */
function flip(button: Element): void {
  if (button.matches('[data-theme-toggle]')) {
    // The button shows the theme it switches to with CSS alone, so its label never shifts the header.
    const dark = root.dataset['theme'] ? root.dataset['theme'] === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    root.dataset['theme'] = dark ? 'light' : 'dark';
    remember('theme', root.dataset['theme']);
    return;
  }
  const on = !root.dataset['blind'];
  if (on) root.dataset['blind'] = '1';
  else delete root.dataset['blind'];
  remember('blind', on ? '1' : null);
  button.setAttribute('aria-pressed', String(on));
  announce(on ? 'Names and karma hidden' : 'Names and karma shown');
}

/** Acts on a pressed button: flips a switch, or folds or unfolds, putting the cursor in the search box when that is what it opened. */
export function press(button: Element): void {
  if (button.matches('[data-theme-toggle], [data-blind-toggle]')) {
    flip(button);
    return;
  }
  const on = button.getAttribute('aria-expanded') !== 'true';
  setOpen(button, on);
  if (on && button === searchButton) searchInput?.focus();
}

/** Opens the header search (unfolding it where it is a button) and puts the cursor in it. */
export function openSearch(): void {
  if (searchButton?.offsetParent) setOpen(searchButton, true);
  searchInput?.focus();
}

// A click outside the open menu closes it; the buttons' own clicks reach press() via site.ts.
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
