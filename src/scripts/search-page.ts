// The /search/ page: the query and filters live in the URL, so a search can be shared. Results
// come first; the filters fold into one "Filters" control (open beside the results on wide
// screens) and list only the values that have matches.
import { isSearchableQuery } from '../lib/search/query.ts';
import { allFilters, arrowNavigation, loadResults, query, renderResult, renderSuggestion, statusText, type PagefindResult } from './search-ui.ts';

// Results drawn per step: each needs its passage's text fetched, so a first query fetches ten
// (about 10 KB), not every match, and "Show more" fetches the next ten.
const PAGE = 10;

const FILTERS = [
  ['kind', 'Kind'],
  ['author', 'Author'],
  ['source', 'Source'],
] as const;

// Where the filters stand beside the results instead of above them (the grid in global.css).
const WIDE = '(min-width: 52rem)';

const root = document.querySelector<HTMLElement>('[data-search-page]');
if (root) {
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const filterFold = root.querySelector<HTMLDetailsElement>('[data-search-filter-fold]')!;
  const filterCount = root.querySelector<HTMLElement>('[data-search-filter-count]')!;
  const filterBox = root.querySelector<HTMLElement>('[data-search-filters]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const suggestion = root.querySelector<HTMLElement>('[data-search-suggestion]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-list]')!;
  const results = root.querySelector<HTMLElement>('[data-search-results]')!;
  const moreButton = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
  root.hidden = false;
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  const chosen: Record<string, string[]> = Object.fromEntries(FILTERS.map(([k]) => [k, params.getAll(k)]));
  if (matchMedia(WIDE).matches) filterFold.open = true;
  let seq = 0;
  let highlight = '';

  const syncUrl = () => {
    const p = new URLSearchParams();
    if (input.value) p.set('q', input.value);
    for (const [k] of FILTERS) for (const v of chosen[k] ?? []) p.append(k, v);
    const qs = p.toString();
    history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}`);
  };

  const drawFilters = (counts: Record<string, Record<string, number>>) => {
    const groups = FILTERS.flatMap(([key, label]) => {
      // A value with no match is left out, unless it is chosen (so it can be unchosen).
      const values = Object.entries(counts[key] ?? {})
        .filter(([value, n]) => n > 0 || (chosen[key]?.includes(value) ?? false))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (values.length === 0) return [];
      const fs = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.textContent = label;
      fs.append(legend);
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
      return [fs];
    });
    filterBox.replaceChildren(...groups);
    const on = FILTERS.reduce((n, [k]) => n + (chosen[k]?.length ?? 0), 0);
    filterCount.textContent = on > 0 ? `(${on} on)` : '';
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
    // Filter counts cover every record only once all filter values are loaded.
    const everything = await allFilters();
    if (mine !== seq) return;
    if (!q && !anyFilter) {
      drawFilters(everything);
      list.replaceChildren();
      suggestion.replaceChildren();
      rest = [];
      moreButton.hidden = true;
      status.textContent = input.value.trim() ? 'Keep typing: searches start at two letters.' : 'Type to search essays, comments and pages.';
      return;
    }
    const res = await query(q, chosen, PAGE);
    if (mine !== seq || !res) return;
    drawFilters(res.unknown.length > 0 ? {} : res.filters);
    highlight = res.highlight;
    list.replaceChildren(...res.data.map((d) => item(renderResult(d, highlight))));
    suggestion.replaceChildren(
      ...(res.suggestion
        ? [
            renderSuggestion(res.suggestion, `${location.pathname}?q=${encodeURIComponent(res.suggestion)}`, (s) => {
              input.value = s;
              void run();
            }),
          ]
        : []),
    );
    rest = res.rest;
    total = res.total;
    showCount(statusText(q, res));
    performance.mark('search-rendered');
  };

  const item = (a: HTMLAnchorElement) => {
    const li = document.createElement('li');
    li.className = 'search-result-item';
    li.append(a);
    return li;
  };

  let rest: readonly PagefindResult[] = [];
  let total = 0;
  const showCount = (line?: string) => {
    const shown = list.children.length;
    status.textContent =
      total === 0 ? (line ?? 'No results.') : `${total} result${total === 1 ? '' : 's'}${shown < total ? `, showing the first ${shown}` : ''}`;
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
    const items = data.map((d) => item(renderResult(d, highlight)));
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
