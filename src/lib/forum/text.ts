/**
 * The plain text of a forum block, defined so that every character of it is either a character of
 * one text node or a line break between blocks. The importer stores this text beside the block's
 * HTML (quote matching, search, excerpts and glossary links all read text); a page that renders
 * the HTML can then map any span of the text (a glossary term, a quoted phrase) back onto the text
 * nodes that hold it. Whitespace is collapsed once, in the tree itself, at import, so the mapping
 * stays exact.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';

/** Elements whose content starts on a new line in the text (a browser lays them out as blocks). */
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]);

/** Whether an element is laid out as a block (its text starts on a line of its own). */
export function isBlockElement(el: Element): boolean {
  return BLOCKS.has(el.tagName);
}

/** One text node of a block and where its value sits in the block's text. */
export interface TextRun {
  node: Text;
  start: number;
  /** Ancestors of the node inside the block, outermost first. */
  ancestors: readonly Element[];
}

/** A block's text and the text nodes it is made of. */
export interface BlockText {
  text: string;
  runs: TextRun[];
}

/**
 * The text of a tree and its runs: text nodes in document order, a line break where a block
 * starts or ends between two pieces of text, and a line break for each `<br>`.
 */
export function blockText(node: Root | Element): BlockText {
  let text = '';
  let pendingBreak = false;
  const runs: TextRun[] = [];
  const walk = (children: readonly (RootContent | ElementContent)[], ancestors: Element[]) => {
    for (const child of children) {
      if (child.type === 'text') {
        if (child.value.length === 0) continue;
        if (pendingBreak && text.length > 0) text += '\n';
        pendingBreak = false;
        runs.push({ node: child, start: text.length, ancestors });
        text += child.value;
      } else if (child.type === 'element') {
        if (child.tagName === 'br') {
          text += '\n';
          pendingBreak = false;
          continue;
        }
        const block = isBlockElement(child);
        if (block) pendingBreak = true;
        walk(child.children, [...ancestors, child]);
        if (block) pendingBreak = true;
      }
    }
  };
  walk(node.children, []);
  return { text, runs };
}

/** Whether an element's text is kept exactly as written (code blocks). */
function preformatted(ancestors: readonly Element[]): boolean {
  return ancestors.some((a) => a.tagName === 'pre');
}

/**
 * Collapses the HTML source's whitespace the way a browser shows it: runs of spaces, tabs and
 * newlines become one space, none at the start or end of a block or next to a line break, except
 * inside `<pre>`. Text nodes left empty are removed. A no-break space is text, not whitespace.
 */
export function collapseWhitespace(tree: Root | Element): void {
  // Each block's inline content is handled as one line of text, so a space at the end of one
  // node and the start of the next collapse into one.
  const lines: { node: Text; pre: boolean }[][] = [[]];
  const walk = (children: (RootContent | ElementContent)[], ancestors: Element[]) => {
    for (const child of children) {
      if (child.type === 'text') lines[lines.length - 1]?.push({ node: child, pre: preformatted(ancestors) });
      else if (child.type === 'element') {
        const block = isBlockElement(child) || child.tagName === 'br';
        if (block) lines.push([]);
        walk(child.children, [...ancestors, child]);
        if (block) lines.push([]);
      }
    }
  };
  walk(tree.children, []);
  for (const line of lines) {
    let afterSpace = true; // at the start of a line, leading whitespace goes
    for (const item of line) {
      if (item.pre) {
        afterSpace = false;
        continue;
      }
      let v = item.node.value.replace(/[ \t\n\r\f]+/g, ' ');
      if (afterSpace && v.startsWith(' ')) v = v.slice(1);
      if (v.length > 0) afterSpace = v.endsWith(' ');
      item.node.value = v;
    }
    // Trailing whitespace of the line.
    for (let i = line.length - 1; i >= 0; i--) {
      const item = line[i];
      if (!item || item.pre) break;
      if (item.node.value.length === 0) continue;
      item.node.value = item.node.value.replace(/ $/, '');
      if (item.node.value.length > 0) break;
    }
  }
  removeEmptyText(tree);
}

function removeEmptyText(node: Root | Element): void {
  node.children = node.children.filter((c) => c.type !== 'text' || c.value.length > 0);
  for (const c of node.children) if (c.type === 'element') removeEmptyText(c);
}
