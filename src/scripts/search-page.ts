// The /search/ page: the query and filters live in the URL, so a search can be shared.
import { query, renderResult, arrowNavigation, loadEngine } from './search-ui.ts';

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

  const run = async () => {
    const mine = ++seq;
    syncUrl();
    const q = input.value;
    const anyFilter = FILTERS.some(([k]) => (chosen[k]?.length ?? 0) > 0);
    if (!q.trim() && !anyFilter) {
      const pf = await loadEngine();
      if (mine !== seq) return;
      drawFilters(await pf.filters());
      list.replaceChildren();
      status.textContent = 'Type to search essays, comments and pages.';
      return;
    }
    const res = await query(q, chosen, 50);
    if (mine !== seq || !res) return;
    drawFilters(res.filters);
    list.replaceChildren(...res.data.map((d) => renderResult(d, q)));
    status.textContent = res.total === 0 ? 'No results.' : `${res.total} result${res.total === 1 ? '' : 's'}${res.total > 50 ? ' (showing the first 50)' : ''}`;
    performance.mark('search-rendered');
  };

  input.addEventListener('input', () => void run());
  arrowNavigation(list, input, () => input.focus());
  root.querySelector('form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  void run();
  input.focus();
}
