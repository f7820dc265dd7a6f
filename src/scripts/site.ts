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

document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-copy-link]');
  if (!button) return;
  const hash = button.dataset.copyLink ?? '';
  const url = `${location.origin}${location.pathname}${hash}`;
  void copyText(url).then((ok) => announce(ok ? 'Link copied' : `Copy failed; the link is ${url}`));
});

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
