// The /search/ page: the query and filters live in the URL, so a search can be shared.
import { isSearchableQuery } from '../lib/search/query.ts';
import { query, renderResult, arrowNavigation, loadEngine, loadResults, type PagefindResult } from './search-ui.ts';

// Results drawn per step: each needs its passage's text fetched, so a first query fetches ten
// (about 10 KB), not every match, and "Show more" fetches the next ten.
const PAGE = 10;

const FILTERS = [
  ['kind', 'Kind'],
  ['author', 'Author'],
  ['source', 'Source'],
] as const;

const root = document.querySelector<HTMLElement>('[data-search-page]');
if (root) {
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const filterBox = root.querySelector<HTMLElement>('[data-search-filters]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-list]')!;
  const results = root.querySelector<HTMLElement>('[data-search-results]')!;
  const moreButton = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
  root.hidden = false;
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  const chosen: Record<string, string[]> = Object.fromEntries(FILTERS.map(([k]) => [k, params.getAll(k)]));
  let seq = 0;

  const syncUrl = () => {
    const p = new URLSearchParams();
    if (input.value) p.set('q', input.value);
    for (const [k] of FILTERS) for (const v of chosen[k] ?? []) p.append(k, v);
    const qs = p.toString();
    history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}`);
  };

  const drawFilters = (counts: Record<string, Record<string, number>>) => {
    const groups = FILTERS.map(([key, label]) => {
      const fs = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = label;
      fs.append(legend);
      const values = Object.entries(counts[key] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [value, n] of values) {
        const lab = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.name = key;
        box.value = value;
        box.checked = chosen[key]?.includes(value) ?? false;
        box.addEventListener('change', () => {
          chosen[key] = box.checked ? [...(chosen[key] ?? []), value] : (chosen[key] ?? []).filter((v) => v !== value);
          void run();
        });
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = String(n);
        lab.append(box, ` ${value} `, count);
        fs.append(lab);
      }
      return fs;
    });
    filterBox.replaceChildren(...groups);
    // The results column appears together with the filters, in the same frame, instead of
    // sitting empty under the form and being pushed down by them (a layout shift on phones).
    results.hidden = false;
  };

  // A one-letter query searches nothing (see MIN_QUERY_LENGTH); filters alone still list.
  const searchedText = () => (isSearchableQuery(input.value) ? input.value : '');

  const run = async () => {
    const mine = ++seq;
    syncUrl();
    const q = searchedText();
    const anyFilter = FILTERS.some(([k]) => (chosen[k]?.length ?? 0) > 0);
    if (!q && !anyFilter) {
      const pf = await loadEngine();
      if (mine !== seq) return;
      drawFilters(await pf.filters());
      list.replaceChildren();
      status.textContent = input.value.trim() ? 'Keep typing: searches start at two letters.' : 'Type to search essays, comments and pages.';
      return;
    }
    const res = await query(q, chosen, PAGE);
    if (mine !== seq || !res) return;
    drawFilters(res.filters);
    list.replaceChildren(...res.data.map((d) => renderResult(d, q)));
    rest = res.rest;
    total = res.total;
    showCount();
    performance.mark('search-rendered');
  };

  let rest: readonly PagefindResult[] = [];
  let total = 0;
  const showCount = () => {
    const shown = list.children.length;
    status.textContent = total === 0 ? 'No results.' : `${total} result${total === 1 ? '' : 's'}${shown < total ? `, showing the first ${shown}` : ''}`;
    moreButton.hidden = rest.length === 0;
    moreButton.textContent = `Show ${Math.min(PAGE, rest.length)} more`;
  };
  const showMore = async (): Promise<void> => {
    const mine = seq;
    const next = rest.slice(0, PAGE);
    moreButton.disabled = true;
    const data = await loadResults(next);
    moreButton.disabled = false;
    if (mine !== seq) return;
    rest = rest.slice(next.length);
    const items = data.map((d) => renderResult(d, searchedText()));
    list.append(...items);
    showCount();
    // Focus moves to the first new result so keyboard and screen-reader users carry on from there.
    items[0]?.querySelector('a')?.focus();
  };
  moreButton.addEventListener('click', () => void showMore());

  input.addEventListener('input', () => void run());
  arrowNavigation(list, input, () => input.focus());
  root.querySelector('form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  void run();
  input.focus();
}
