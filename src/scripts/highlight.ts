// Landing from a search result: mark the query's words inside the target passage, then drop the
// ?highlight= parameter so the address bar shows the clean permalink again.
import { highlightTerms } from '../lib/search/excerpt.ts';

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

const params = new URLSearchParams(location.search);
const terms = highlightTerms(params.get('highlight') ?? '');
const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
// A section heading's passage is its whole section; a comment is its own element.
const scope = target?.closest('section, .comment') ?? target ?? document.getElementById('main');
if (scope) markTerms(scope, terms);
params.delete('highlight');
const rest = params.toString();
history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
