// Search over the Pagefind index, loaded on first use. One engine and one query function serve
// the header box and the /search/ page, so a query gives the same answer typed or loaded from a
// URL. Results are drawn with DOM text nodes only, never innerHTML, because the text comes from
// untrusted source passages.
import { resultDisplay, type ResultFields } from '../lib/search/display.ts';
import { contentWords, excerptOf, highlightTerms, markedWords, type ExcerptPart } from '../lib/search/excerpt.ts';
import { EXCERPT_WORDS, isSearchableQuery, SEARCH_RANKING, SOURCE_KIND_LABELS, sourcesFirst } from '../lib/search/query.ts';
import { checkQuery, queryWords, shardName, VOCABULARY_DIR, type VocabularyShard } from '../lib/search/vocabulary.ts';

interface ResultData extends ResultFields {
  locations?: number[];
}
export interface PagefindResult {
  id: string;
  score: number;
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
  preload: (q: string) => Promise<void>;
  filters: () => Promise<FilterCounts>;
}

const BUNDLE = '/pagefind';
let engine: Promise<Pagefind> | undefined;

/** Loads the Pagefind bundle once, from our own origin. */
export function loadEngine(): Promise<Pagefind> {
  engine ??= (async () => {
    const url = `${BUNDLE}/pagefind.js`;
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Pagefind's engine answers a query here in about 15 ms, so running it on the main thread
    // costs nothing a reader notices and saves fetching the 12 KB (gzipped) worker script.
    await pf.options({ excerptLength: EXCERPT_WORDS, noWorker: true, ranking: SEARCH_RANKING });
    await pf.init();
    return pf;
  })();
  return engine;
}

const shards = new Map<string, Promise<VocabularyShard | undefined>>();

/** The vocabulary files a query's words need, fetched once each; a file that is missing means no word starts with that letter. */
async function vocabularyFor(q: string): Promise<Map<string, VocabularyShard>> {
  const names = [...new Set(queryWords(q).map(shardName))];
  for (const name of names) {
    if (!shards.has(name)) {
      shards.set(
        name,
        fetch(`${BUNDLE}/${VOCABULARY_DIR}/${name}`).then((r) => (r.ok ? (r.json() as Promise<VocabularyShard>) : undefined)),
      );
    }
  }
  const loaded = await Promise.all(names.map(async (n) => [n, await shards.get(n)] as const));
  return new Map(loaded.filter((e): e is readonly [string, VocabularyShard] => e[1] !== undefined));
}

/** What a query returned: the first results' data, the rest still to load, filter counts, and any unknown words with a suggestion. */
export interface QueryResult {
  total: number;
  data: ResultData[];
  rest: PagefindResult[];
  filters: FilterCounts;
  /** Query words the index does not know; the query then has no results. */
  unknown: string[];
  /** The query with its unknown words corrected, when every one has a close indexed word. */
  suggestion: string | null;
  /** The words to mark on a landing page: the query's, without the common ones left out of the search. */
  highlight: string;
}

let latestQuery = 0;

/**
 * Runs a query and loads the data of the first `limit` results; null once a newer query has
 * started. A word no indexed word begins with ends the query with no results (and, when close
 * words exist, a suggestion) before Pagefind would quietly search for a shorter word instead.
 */
export async function query(q: string, filters: Record<string, string[]> = {}, limit = 6): Promise<QueryResult | null> {
  const mine = ++latestQuery;
  const vocabularyLoad = vocabularyFor(q);
  const pf = await loadEngine();
  // The index chunks for the query's words load while the vocabulary check runs, instead of after
  // it: the two are separate round trips, and waiting for one before starting the other was most
  // of the time from a keystroke to results.
  if (isSearchableQuery(q)) void pf.preload(q.trim()).catch(() => undefined);
  const vocabulary = await vocabularyLoad;
  if (mine !== latestQuery) return null;
  const check = checkQuery(q, vocabulary);
  if (check.unknown.length > 0) return { total: 0, data: [], rest: [], filters: {}, unknown: check.unknown, suggestion: check.suggestion, highlight: '' };
  const active = Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, { any: v }]),
  );
  // The same query narrowed to the sources tells which results are source passages without
  // fetching any result's data; it reuses the index chunks the first search loads.
  const [search, sources] = await Promise.all([
    pf.search(check.search || null, Object.keys(active).length ? { filters: active } : {}),
    check.search ? pf.search(check.search, { filters: { ...active, kind: { any: [...SOURCE_KIND_LABELS] } } }) : null,
  ]);
  // A reader who typed on while the index chunks loaded has moved past this query: fetching its
  // results' text would only spend their bandwidth on results they will never see.
  if (!search || mine !== latestQuery) return null;
  const results = sources ? sourcesFirst(search.results, new Set(sources.results.map((r) => r.id))) : search.results;
  const data = await Promise.all(results.slice(0, limit).map((r) => r.data()));
  return {
    total: results.length,
    data,
    rest: results.slice(limit),
    filters: search.filters,
    unknown: [],
    suggestion: null,
    highlight: check.search,
  };
}

/** Filter counts over every record, for the /search/ page before any query. */
export async function allFilters(): Promise<FilterCounts> {
  return (await loadEngine()).filters();
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

/** Text runs as nodes, matched words in `<mark>`. */
function runs(parts: readonly ExcerptPart[]): Node[] {
  return parts.map((p) => (p.mark ? el('mark', undefined, p.text) : document.createTextNode(p.text)));
}

/**
 * Draws one result as a link: what it is (title; a comment's opening words, with matched words
 * marked), where it is, who wrote it and when, and an excerpt around the matches that starts
 * after anything the title already shows.
 */
export function renderResult(d: ResultData, highlight: string): HTMLAnchorElement {
  const shown = resultDisplay(d);
  const a = el('a', 'search-result');
  a.href = resultHref(d.url, highlight);
  a.dataset['searchResult'] = '';
  const locations = d.locations ?? [];
  const title = el('span', 'search-result-title');
  if (shown.openingWords > 0) {
    const words = contentWords(d.content);
    title.append('“', ...runs(markedWords(words, new Set(locations), 0, shown.openingWords)), shown.openingWords < words.length ? '…”' : '”');
  } else title.textContent = shown.title;
  a.append(title);
  if (shown.where.length > 0) a.append(el('span', 'search-result-where', shown.where.join(' › ')));
  a.append(el('span', 'search-result-meta', shown.who));
  if (shown.excerpt) {
    const parts = excerptOf(d.content, locations, EXCERPT_WORDS, shown.openingWords);
    if (parts.length > 0) {
      const ex = el('span', 'search-result-excerpt');
      ex.append(...runs(parts));
      a.append(ex);
    }
  }
  return a;
}

/** Draws "Did you mean …?" for a suggestion; `choose` runs it. */
export function renderSuggestion(suggestion: string, href: string, choose: (q: string) => void): HTMLParagraphElement {
  const p = el('p', 'search-suggestion', 'Did you mean ');
  const link = el('a', undefined, suggestion);
  link.href = href;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    choose(suggestion);
  });
  p.append(link, '?');
  return p;
}

/** The status line for a query: how many results, or why there are none. */
export function statusText(q: string, res: QueryResult): string {
  if (res.unknown.length > 0) {
    const words = res.unknown.map((w) => `“${w}”`).join(', ');
    return `No results: nothing on the site uses ${words}${res.suggestion ? '' : ' or a word close to it'}.`;
  }
  return res.total === 0 ? `No results for “${q.trim()}”.` : `${res.total} result${res.total === 1 ? '' : 's'}`;
}

/** Moves focus through result links with the arrow keys (the /search/ page's list); Escape hands control back. */
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

/**
 * Wires the header box as a combobox: results appear in a listbox under it as the reader types;
 * focus stays in the box while the arrow keys move the active option (aria-activedescendant),
 * Enter opens it (or the first), Escape closes the list and then empties the box.
 */
export function initHeaderSearch(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  const panel = form.querySelector<HTMLElement>('[data-search-panel]');
  if (!input || !panel) return;
  const status = el('p', 'search-status');
  status.setAttribute('role', 'status');
  const suggestion = el('div', 'search-suggestion-slot');
  const list = el('div', 'search-results');
  list.id = 'site-search-listbox';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  const more = el('a', 'search-more', 'All results and filters');
  more.href = '/search/';
  panel.replaceChildren(status, suggestion, list, more);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  let seq = 0;
  let active = -1;

  const options = () => [...list.querySelectorAll<HTMLAnchorElement>('[role="option"]')];
  const setActive = (i: number) => {
    const opts = options();
    // -1 is no active option; past either end wraps around.
    active = opts.length === 0 || i === -1 ? -1 : (i + opts.length) % opts.length;
    opts.forEach((o, k) => o.setAttribute('aria-selected', String(k === active)));
    const current = opts[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const show = (open: boolean) => {
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) setActive(-1);
  };
  const run = async () => {
    const q = input.value;
    const mine = ++seq;
    if (!isSearchableQuery(q)) {
      show(false);
      return;
    }
    const res = await query(q);
    if (mine !== seq || !res) return;
    list.replaceChildren(
      ...res.data.map((d, i) => {
        const option = renderResult(d, res.highlight);
        option.id = `site-search-option-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.tabIndex = -1;
        return option;
      }),
    );
    status.textContent = statusText(q, res);
    suggestion.replaceChildren(
      ...(res.suggestion
        ? [
            renderSuggestion(res.suggestion, `/search/?q=${encodeURIComponent(res.suggestion)}`, (s) => {
              input.value = s;
              input.focus();
              void run();
            }),
          ]
        : []),
    );
    more.href = `/search/?q=${encodeURIComponent(q)}`;
    show(true);
    setActive(-1);
    performance.mark('search-rendered');
  };
  input.addEventListener('input', () => void run());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (panel.hidden) {
        if (isSearchableQuery(input.value)) void run();
        return;
      }
      e.preventDefault();
      const n = options().length;
      setActive(e.key === 'ArrowDown' ? active + 1 : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter') {
      const chosen = options()[active] ?? options()[0];
      if (chosen && !panel.hidden) {
        e.preventDefault();
        chosen.click();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (!panel.hidden) show(false);
      else if (input.value) input.value = '';
      // An empty, closed box on a phone folds back into its button (the loader listens).
      else form.dispatchEvent(new Event('search-close'));
    }
  });
  // A pointer on an option makes it the active one, so the keyboard carries on from there.
  list.addEventListener('pointermove', (e) => {
    const option = (e.target as Element).closest<HTMLAnchorElement>('[role="option"]');
    if (option) setActive(options().indexOf(option));
  });
  document.addEventListener('click', (e) => {
    if (!form.contains(e.target as Node)) show(false);
  });
  input.addEventListener('focus', () => {
    if (panel.hidden && isSearchableQuery(input.value) && list.childElementCount > 0) show(true);
  });
  if (input.value) void run();
}
