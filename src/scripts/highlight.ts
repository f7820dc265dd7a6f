// Landing highlights, loaded by the page loader (site.ts) only when a page is opened with one:
// - from a search result (?highlight=…): mark the query's words inside the target passage, then
//   drop the parameter so the address bar shows the clean permalink again;
// - from a quote link (#id:~:text=…) in a browser without text fragments: mark the quoted words,
//   open whatever hides them (a collapsed comment, a closed <details>) and scroll them into view,
//   as browsers that have text fragments do by themselves.
import { highlightTerms } from '../lib/search/excerpt.ts';
import { parseFragment, type TextDirective } from '../lib/links/fragment.ts';
import { findTextDirective, indexText } from '../lib/links/text-match.ts';
import { domText, markRange, rangeOf, reveal } from './dom-text.ts';

/** Wraps each occurrence of the terms in `<mark>` inside `scope`, touching text nodes only. */
export function markTerms(scope: Element, terms: string[]): number {
  if (!terms.length) return 0;
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'giu');
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('[data-pagefind-ignore], script, style, mark') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let count = 0;
  for (const node of nodes) {
    const parts = node.data.split(re);
    if (parts.length < 2) continue;
    const frag = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (!part) return;
      if (i % 2 === 1) {
        const m = document.createElement('mark');
        m.className = 'search-hit';
        m.textContent = part;
        frag.append(m);
        count++;
      } else frag.append(part);
    });
    node.replaceWith(frag);
  }
  return count;
}

/**
 * Marks the words a text directive names, looking in the linked element first and then in the
 * whole page, reveals them and scrolls them to the middle of the screen. Returns the marks (none
 * when the words are not on the page; the element itself is then scrolled into view).
 */
export function landOnWords(target: Element | null, d: TextDirective): HTMLElement[] {
  for (const scope of [target, document.querySelector('main') ?? document.body]) {
    if (!scope) continue;
    const dt = domText(scope);
    const hit = findTextDirective(indexText(dt.text), d);
    const range = hit && rangeOf(dt, hit);
    if (!range) continue;
    reveal(range.startContainer);
    const marks = markRange(range, 'quote-hit');
    marks[0]?.scrollIntoView({ block: 'center' });
    return marks;
  }
  if (target) {
    reveal(target);
    target.scrollIntoView();
  }
  return [];
}

/**
 * The fragment the page was opened with. Browsers that implement text fragments strip `:~:…` from
 * location.hash, but the navigation entry keeps the address as it was followed.
 */
function landedFragment(): string {
  const nav = performance.getEntriesByType('navigation')[0];
  const url = nav?.name ?? '';
  const hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
  return location.hash.includes(':~:') || !hash.startsWith(location.hash) ? location.hash : hash;
}

/** Lands on the words of the current fragment's text directive, when it has one. */
export function landOnQuote(hash = landedFragment()): HTMLElement[] {
  const { id, directives } = parseFragment(hash);
  const first = directives[0];
  if (!first) return [];
  return landOnWords(id ? document.getElementById(id) : null, first);
}

const params = new URLSearchParams(location.search);
if (params.has('highlight')) {
  const terms = highlightTerms(params.get('highlight') ?? '');
  // parseFragment never throws, whatever was typed after "#".
  const { id } = parseFragment(location.hash);
  const target = id ? document.getElementById(id) : null;
  // A section heading's passage is its whole section; a comment is its own element.
  const scope = target?.closest('section, .comment') ?? target ?? document.getElementById('main');
  if (scope) markTerms(scope, terms);
  params.delete('highlight');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
}
