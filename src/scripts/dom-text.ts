// A page's rendered text in the flat form src/lib/links/text-match.ts works on (blocks joined by
// "\n", whitespace runs collapsed), with the DOM position of every character, so a match found in
// the flat text becomes a Range, and a Range (a selection) becomes a span of the flat text.
// Loaded on use only: by the landing highlight, the copy-link tools and link previews.
import type { Span } from '../lib/links/text-match.ts';

/** Flat text of a subtree and, per character, the text node and offset it comes from. */
export interface DomText {
  text: string;
  points: { node: Text; offset: number }[];
}

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'BUTTON']);

/** Whether an element's text is never rendered: not hidden="until-found" or closed details, which a search reveals. */
function skipped(el: Element): boolean {
  if (SKIP.has(el.tagName)) return true;
  const hidden = el.getAttribute('hidden');
  return hidden !== null && hidden !== 'until-found';
}

/** Reads the text of `scope` as a browser's find-in-page sees it. */
export function domText(scope: Node): DomText {
  let text = '';
  const points: DomText['points'] = [];
  let gap: '' | ' ' | '\n' = '';
  const visit = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const t = child as Text;
        for (let i = 0; i < t.data.length; i++) {
          const ch = t.data[i] ?? '';
          if (/\s/.test(ch)) {
            if (gap === '') gap = ' ';
            continue;
          }
          if (gap && text) {
            text += gap;
            points.push({ node: t, offset: i });
          }
          gap = '';
          text += ch;
          points.push({ node: t, offset: i });
        }
      } else if (child instanceof Element && !skipped(child)) {
        const block = BLOCK.has(child.tagName);
        if (block) gap = '\n';
        visit(child);
        if (block) gap = '\n';
      }
    }
  };
  visit(scope);
  return { text, points };
}

/** The DOM range of a span of the flat text. */
export function rangeOf(dt: DomText, span: Span): Range | null {
  const first = dt.points[span.start];
  const last = dt.points[span.end - 1];
  if (!first || !last) return null;
  const range = document.createRange();
  range.setStart(first.node, first.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}

/** The span of the flat text a DOM range covers (a selection), or null when it lies outside `dt`. */
export function spanOf(dt: DomText, range: Range): Span | null {
  let start = -1;
  let end = -1;
  dt.points.forEach((p, i) => {
    const inside = range.comparePoint(p.node, p.offset) === 0 && !(p.node === range.endContainer && p.offset >= range.endOffset);
    if (!inside) return;
    if (start < 0) start = i;
    end = i + 1;
  });
  if (start < 0) return null;
  // A selection may begin or end on the space between words; the span holds only the words.
  while (start < end && /\s/.test(dt.text[start] ?? '')) start++;
  while (end > start && /\s/.test(dt.text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : null;
}

/** Wraps the text of a range in `<mark class="…">` elements (one per text node); returns them. */
export function markRange(range: Range, className: string): HTMLElement[] {
  const root = range.commonAncestorContainer;
  const nodes: Text[] = [];
  if (root.nodeType === Node.TEXT_NODE) nodes.push(root as Text);
  else {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (range.intersectsNode(walker.currentNode)) nodes.push(walker.currentNode as Text);
  }
  const marks: HTMLElement[] = [];
  for (const node of nodes) {
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    if (to <= from || !node.data.slice(from, to).trim()) continue;
    const middle = node.splitText(from);
    middle.splitText(to - from);
    const mark = document.createElement('mark');
    mark.className = className;
    middle.replaceWith(mark);
    mark.append(middle);
    marks.push(mark);
  }
  return marks;
}

/** Opens what hides a node, as a browser's find-in-page does: closed <details> and hidden="until-found". */
export function reveal(node: Node): void {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement && !el.open) el.open = true;
    if (el.getAttribute('hidden') === 'until-found') {
      // Collapsing code listens for beforematch, as it would when the browser reveals the element.
      el.dispatchEvent(new Event('beforematch', { bubbles: true }));
      el.removeAttribute('hidden');
    }
  }
}
