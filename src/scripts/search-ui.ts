// Search over the Pagefind index, loaded on first use. One engine serves the header box and the
// /search/ page; results are drawn with DOM text nodes only, never innerHTML, because excerpts
// come from untrusted source text.
import { highlightTerms, parseExcerpt } from '../lib/search/excerpt.ts';
import { isSearchableQuery } from '../lib/search/query.ts';

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
export interface PagefindResult {
  id: string;
  data: () => Promise<ResultData>;
}
type FilterCounts = Record<string, Record<string, number>>;
interface PagefindSearch {
  results: PagefindResult[];
  filters: FilterCounts;
  totalFilters: FilterCounts;
  unfilteredResultCount: number;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string | null, o?: { filters?: Record<string, { any: string[] }> }) => Promise<PagefindSearch | null>;
  filters: () => Promise<FilterCounts>;
}

let engine: Promise<Pagefind> | undefined;

/** Loads the Pagefind bundle once, from our own origin. */
export function loadEngine(): Promise<Pagefind> {
  engine ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Pagefind's engine answers a query here in about 15 ms, so running it on the main thread
    // costs nothing a reader notices and saves fetching the 12 KB (gzipped) worker script.
    await pf.options({ excerptLength: 26, noWorker: true });
    await pf.init();
    // Loading the filter index up front makes every search report per-filter counts.
    await pf.filters();
    return pf;
  })();
  return engine;
}

let latestQuery = 0;

/** Runs a query and loads the data of the first `limit` results; null once a newer query has started. */
export async function query(q: string, filters: Record<string, string[]> = {}, limit = 6) {
  const mine = ++latestQuery;
  const pf = await loadEngine();
  const active = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, { any: v }]),
  );
  const search = await pf.search(q.trim() || null, Object.keys(active).length ? { filters: active } : {});
  // A reader who typed on while the index chunks loaded has moved past this query: fetching its
  // results' text would only spend their bandwidth on results they will never see.
  if (!search || mine !== latestQuery) return null;
  const data = await Promise.all(search.results.slice(0, limit).map((r) => r.data()));
  return { total: search.results.length, data, rest: search.results.slice(limit), filters: search.filters, totalFilters: search.totalFilters };
}

/** Loads the data of further results, in order; each result's text is fetched only now. */
export function loadResults(results: readonly PagefindResult[]): Promise<ResultData[]> {
  return Promise.all(results.map((r) => r.data()));
}

/** Link that lands on the passage and asks the page to highlight the query's words there. */
export function resultHref(url: string, q: string): string {
  const [path = url, hash] = url.split('#');
  const terms = highlightTerms(q).join(' ');
  const search = terms ? `?highlight=${encodeURIComponent(terms)}` : '';
  return `${path}${search}${hash ? `#${hash}` : ''}`;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** Draws one result: title, kind, author and date, reply context, and the excerpt with marks. */
export function renderResult(d: ResultData, q: string): HTMLLIElement {
  const li = el('li', 'search-result');
  const a = el('a');
  a.href = resultHref(d.url, q);
  a.dataset['searchResult'] = '';
  a.append(el('span', 'search-result-title', d.meta['title'] ?? d.url));
  const meta = el('span', 'search-result-meta');
  const bits = [d.meta['kind'], d.meta['author'], d.meta['date'] ? formatDate(d.meta['date']) : undefined].filter(Boolean) as string[];
  if (d.meta['replyTo']) bits.push(`in reply to ${d.meta['replyTo']}`);
  meta.textContent = bits.join(' · ');
  a.append(meta);
  const ex = el('span', 'search-result-excerpt');
  for (const part of parseExcerpt(d.excerpt)) ex.append(part.mark ? el('mark', undefined, part.text) : document.createTextNode(part.text));
  a.append(ex);
  li.append(a);
  return li;
}

/** Moves focus through result links with the arrow keys; Escape hands control back. */
export function arrowNavigation(container: HTMLElement, input: HTMLInputElement, onEscape: () => void): void {
  container.addEventListener('keydown', (e) => {
    const links = [...container.querySelectorAll<HTMLAnchorElement>('a[data-search-result]')];
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      links[Math.min(i + 1, links.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i <= 0) input.focus();
      else links[i - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      container.querySelector<HTMLAnchorElement>('a[data-search-result]')?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
    } else if (e.key === 'Enter') {
      const first = container.querySelector<HTMLAnchorElement>('a[data-search-result]');
      if (first) {
        e.preventDefault();
        first.click();
      }
    }
  });
}

/** Wires the header box: results appear under it as the reader types. */
export function initHeaderSearch(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  const panel = form.querySelector<HTMLElement>('[data-search-panel]');
  if (!input || !panel) return;
  const status = el('p', 'search-status');
  status.setAttribute('role', 'status');
  const list = el('ol', 'search-results');
  const more = el('a', 'search-more', 'All results and filters');
  panel.replaceChildren(status, list, more);
  let seq = 0;
  const close = () => {
    panel.hidden = true;
    input.focus();
  };
  const run = async () => {
    const q = input.value;
    const mine = ++seq;
    if (!isSearchableQuery(q)) {
      panel.hidden = true;
      return;
    }
    const res = await query(q);
    if (mine !== seq || !res) return;
    list.replaceChildren(...res.data.map((d) => renderResult(d, q)));
    status.textContent = res.total === 0 ? `No results for “${q}”.` : `${res.total} result${res.total === 1 ? '' : 's'}`;
    more.href = `/search/?q=${encodeURIComponent(q)}`;
    panel.hidden = false;
    performance.mark('search-rendered');
  };
  input.addEventListener('input', () => void run());
  arrowNavigation(panel, input, close);
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node)) panel.hidden = true;
  });
  if (input.value) void run();
}
