// The text a built page shows for a block imported from forum data, read back the way the
// importer wrote the block's `text` (src/lib/forum/text.ts): each formula KaTeX typeset counts
// as its TeX source between the delimiters the forum stores (`\(…\)`, `\[…\]`), read from the
// annotation KaTeX keeps in its MathML. Then "the page shows the source exactly" can be checked
// for these blocks as it is for export paragraphs.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { NodeType, type HTMLElement } from 'node-html-parser';
import { blockText } from '../../src/lib/forum/text.ts';

function hasClass(e: Element, c: string): boolean {
  const v = e.properties['className'];
  return Array.isArray(v) && v.includes(c);
}

function annotation(e: Element): string {
  for (const c of e.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'annotation') return c.children.map((t) => (t.type === 'text' ? t.value : '')).join('');
    const inner = annotation(c);
    if (inner) return inner;
  }
  return '';
}

function untypeset(node: Root | Element): void {
  node.children = node.children.map((c): RootContent | ElementContent => {
    if (c.type !== 'element') return c;
    const display = hasClass(c, 'katex-display');
    if (display || hasClass(c, 'katex')) {
      const tex = annotation(c);
      return { type: 'text', value: display ? `\\[${tex}\\]` : `\\(${tex}\\)` };
    }
    untypeset(c);
    return c;
  });
}

/** The text of a rendered forum block, with formulas as their stored source. */
export function shownForumText(el: HTMLElement): string {
  const tree = fromHtml(el.outerHTML, { fragment: true });
  untypeset(tree);
  return blockText(tree).text;
}

/** An element's child elements (node-html-parser keeps text nodes among them). */
function elements(el: HTMLElement): HTMLElement[] {
  return el.childNodes.filter((n): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE);
}

/**
 * The elements a container shows for its forum blocks, in order: in a comment, each block is a
 * child of the comment body, or of a blockquote there (our "Quoting:" note aside); in an essay
 * section, a child of the section or the first child of a `.para` (headings, tools, notes and
 * backlinks aside; a quoted block is its blockquote).
 */
export function shownForumBlocks(container: HTMLElement, kind: 'comment' | 'essay'): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const el of elements(container)) {
    if (kind === 'comment') {
      if (el.classList.contains('comment-deleted')) continue;
      if (el.tagName === 'BLOCKQUOTE') out.push(...elements(el).filter((x) => !x.classList.contains('quote-source')));
      else out.push(el);
    } else {
      if (el.classList.contains('para')) {
        const first = elements(el)[0];
        if (first) out.push(first);
      } else if (!/^H[2-4]$/.test(el.tagName)) {
        const furniture = ['heading-row', 'section-tools', 'backlinks', 'editorial-note', 'missing-list'].some((c) => el.classList.contains(c));
        if (!furniture && el.tagName !== 'ASIDE' && el.tagName !== 'DETAILS') out.push(el);
      }
    }
  }
  return out;
}
