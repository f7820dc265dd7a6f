/**
 * A stored forum block → the HTML a page shows, at build time. The stored HTML is parsed and put
 * through the same allowlist as at import (sanitize.ts), so only markup the allowlist produces can
 * reach the page however the thread file was edited; then our own links (glossary terms, quoted
 * words) are laid over the text, and formulas are typeset by KaTeX. The only markup not from the
 * allowlist is KaTeX's output and the wrappers made here. Pages insert the result with set:html.
 */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { typeset, unwrapDelimiters } from './math.ts';
import { MATH_CLASS, sanitizeForum } from './sanitize.ts';
import { blockText } from './text.ts';

/** A stretch of a block's text to wrap in an element of ours (a glossary link, a quoted phrase). */
export interface Decoration {
  /** Offsets in the block's stored text, end exclusive. */
  start: number;
  end: number;
  tagName: string;
  properties: Properties;
  /** An element inside the wrapper, around the words (`<q>` inside a quote link). */
  inner?: { tagName: string; properties: Properties } | undefined;
}

/** Text inside these is never wrapped: links (no link in a link), code, and formulas. */
function undecoratable(ancestors: readonly Element[]): boolean {
  return ancestors.some((a) => a.tagName === 'a' || a.tagName === 'code' || a.tagName === 'pre' || a.tagName === 'kbd' || isMath(a));
}

function isMath(e: Element): boolean {
  const c = e.properties['className'];
  return e.tagName === 'span' && Array.isArray(c) && c.includes(MATH_CLASS);
}

function wrap(d: Decoration, value: string): Element {
  const words: Text = { type: 'text', value };
  const inner: ElementContent = d.inner ? { type: 'element', tagName: d.inner.tagName, properties: { ...d.inner.properties }, children: [words] } : words;
  return { type: 'element', tagName: d.tagName, properties: { ...d.properties }, children: [inner] };
}

/**
 * Lays decorations over the tree's text. A decoration that crosses element boundaries wraps
 * each piece; text where a link cannot go is left alone. Returns false (and changes nothing)
 * when the tree's text is not `expectedText`, so a stale offset never wraps the wrong words.
 */
function decorate(tree: Root, expectedText: string, decorations: readonly Decoration[]): boolean {
  const { text, runs } = blockText(tree);
  if (text !== expectedText) return false;
  const sorted = [...decorations].filter((d) => d.end > d.start).sort((a, b) => a.start - b.start);
  const replacements = new Map<Text, (Text | Element)[]>();
  for (const run of runs) {
    if (undecoratable(run.ancestors)) continue;
    const from = run.start;
    const to = run.start + run.node.value.length;
    const pieces: (Text | Element)[] = [];
    let at = from;
    for (const d of sorted) {
      const s = Math.max(d.start, from);
      const e = Math.min(d.end, to);
      if (e <= s || s < at) continue;
      if (s > at) pieces.push({ type: 'text', value: run.node.value.slice(at - from, s - from) });
      pieces.push(wrap(d, run.node.value.slice(s - from, e - from)));
      at = e;
    }
    if (pieces.length === 0) continue;
    if (at < to) pieces.push({ type: 'text', value: run.node.value.slice(at - from) });
    replacements.set(run.node, pieces);
  }
  const apply = (node: Root | Element) => {
    const next: (RootContent | ElementContent)[] = [];
    for (const c of node.children) {
      if (c.type === 'text' && replacements.has(c)) next.push(...(replacements.get(c) ?? []));
      else {
        if (c.type === 'element') apply(c);
        next.push(c);
      }
    }
    node.children = next;
  };
  apply(tree);
  return true;
}

/** Replaces each stored formula with KaTeX's markup, or with its TeX as code when KaTeX refuses it. */
function typesetFormulas(node: Root | Element): void {
  const next: (RootContent | ElementContent)[] = [];
  for (const c of node.children) {
    if (c.type !== 'element') {
      next.push(c);
      continue;
    }
    if (!isMath(c)) {
      typesetFormulas(c);
      // A table wider than the column scrolls sideways inside its own box; tabindex lets keyboard users scroll it.
      next.push(c.tagName === 'table' ? { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [c] } : c);
      continue;
    }
    const source = c.children.map((x) => (x.type === 'text' ? x.value : '')).join('');
    const f = unwrapDelimiters(source);
    const result = f ? typeset(f) : { ok: false as const, error: 'not a \\(…\\) or \\[…\\] formula' };
    if (f && result.ok) {
      const markup = fromHtml(result.html, { fragment: true }).children as ElementContent[];
      // A display formula wider than the column scrolls sideways; tabindex lets keyboard users scroll it.
      next.push(
        f.display
          ? { type: 'element', tagName: 'span', properties: { className: ['math-display'], tabIndex: 0 }, children: markup }
          : { type: 'element', tagName: 'span', properties: { className: ['math-inline'] }, children: markup },
      );
    } else {
      // KaTeX's message ends with the source, underlined with combining characters: keep the reason.
      const error = (result.ok ? '' : result.error).split('\n')[0]?.replace(/ at position [\s\S]*$/, '') ?? '';
      next.push({
        type: 'element',
        tagName: 'code',
        // The source is shown, not indexed: search leaves formula source out (src/lib/search/records.ts).
        properties: { className: ['math-error'], title: `The formula could not be typeset: ${error}`, dataPagefindIgnore: true },
        children: [{ type: 'text', value: source }],
      });
    }
  }
  node.children = next;
}

/** Whether stored block HTML holds a formula (so the page needs KaTeX's stylesheet). */
export function hasFormula(html: string): boolean {
  return html.includes(`class="${MATH_CLASS}"`);
}

/**
 * The HTML a page shows for one stored block: sanitized again, decorated over `text` (the block's
 * stored text), formulas typeset. Never throws on bad input: unknown markup is dropped and a bad
 * formula shows as its source.
 */
export function renderForumBlock(html: string, text: string, decorations: readonly Decoration[] = []): string {
  const tree = sanitizeForum(fromHtml(html, { fragment: true }));
  if (decorations.length > 0) decorate(tree, text, decorations);
  typesetFormulas(tree);
  return toHtml(tree);
}

/** A run of a block's text, with the element of ours to wrap it in, if any. */
export interface DecoratedPiece {
  text: string;
  element?: Omit<Decoration, 'start' | 'end'> | undefined;
}

/** Decorations from pieces that join back into the block's text (glossary segments, quoted spans). */
export function decorationsFromPieces(pieces: readonly DecoratedPiece[]): Decoration[] {
  const out: Decoration[] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.element) out.push({ start: at, end: at + p.text.length, ...p.element });
    at += p.text.length;
  }
  return out;
}
