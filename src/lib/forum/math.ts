/**
 * Formulas in forum HTML. ForumMagnum (the software behind LessWrong, the Alignment Forum and
 * the EA Forum) stores the same TeX in several shapes, depending on the editor and on whether the
 * server typeset it before saving. We read each shape back to its TeX source and store one shape,
 * the editor's own `<span class="math-tex">\(…\)</span>` (or `\[…\]` for a display formula);
 * pages typeset that with KaTeX at build time.
 *
 * The shapes, as ForumMagnum's source shows them:
 * - Its CKEditor 5 math plugin (public/lesswrong-editor/src/ckeditor5-math/mathediting.ts) reads
 *   and writes `<span class="math-tex">` holding the TeX between `\(` `\)` or `\[` `\]`, and
 *   MathJax's `<script type="math/tex">` (`; mode=display` for display formulas). Its editing
 *   view marks a formula with a `data-math-tex` attribute holding the TeX.
 * - Before the HTML is saved, the server runs MathJax over it (server/editor/conversionUtils.ts,
 *   mjPagePromise: mathjax-node-page, CommonHTML output). What comes back is a
 *   `<span class="mjx-chtml">` whose inner `.mjx-math` carries the TeX in its `aria-label`
 *   (the plugin's upcast reads it from there), with `MJXc-display` on display formulas, wrapped
 *   in `<span class="mjpage">` (`mjpage__block` for display); the first formula also carries a
 *   `<style>` with MathJax's CSS (utils.ts, trimLatexAndAddCSS), which the allowlist drops.
 * - The Markdown editor turns `$…$` and `$$…$$` into bare `\(…\)` and `\[…\]` in the text
 *   (server/editor/markdown-mathjax.ts) before MathJax runs; if MathJax gives up (it has a time
 *   limit) the bare delimiters are what is stored.
 * Dollar signs are not read as formulas here: in stored HTML they are prices more often than maths.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import katex from 'katex';
import { MATH_CLASS } from './sanitize.ts';

/** A formula's TeX and whether it is displayed on a line of its own. */
export interface Formula {
  tex: string;
  display: boolean;
}

/** The stored shape of a formula. */
export function mathElement(f: Formula): Element {
  const text = f.display ? `\\[${f.tex}\\]` : `\\(${f.tex}\\)`;
  return { type: 'element', tagName: 'span', properties: { className: [MATH_CLASS] }, children: [{ type: 'text', value: text }] };
}

/** Reads `\(…\)` or `\[…\]` around a whole string; null when it is not so delimited. */
export function unwrapDelimiters(text: string): Formula | null {
  const t = text.trim();
  const m = /^\\\(([\s\S]*)\\\)$/.exec(t) ?? /^\\\[([\s\S]*)\\\]$/.exec(t);
  if (!m) return null;
  return { tex: (m[1] ?? '').trim(), display: t.startsWith('\\[') };
}

function classes(el: Element): string[] {
  const c = el.properties['className'];
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? String(c).split(/\s+/) : [];
}

function textOf(node: Element | Root): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}

function findElement(node: Element, test: (el: Element) => boolean): Element | null {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (test(c)) return c;
    const inner = findElement(c, test);
    if (inner) return inner;
  }
  return null;
}

function attr(el: Element, name: string): string | null {
  const v = el.properties[name];
  return typeof v === 'string' ? v : null;
}

/** The formula an element stands for, in any of the stored shapes; null for other elements. */
function formulaOf(el: Element, insideBlockMjpage: boolean): Formula | null {
  const cls = classes(el);
  if (el.tagName === 'script') {
    const type = (attr(el, 'type') ?? '').replace(/\s+/g, '').toLowerCase();
    if (type === 'math/tex' || type === 'math/tex;mode=display') return { tex: textOf(el).trim(), display: type.endsWith('display') };
    return null;
  }
  if (cls.includes('mjpage') || cls.includes('mjx-chtml') || cls.includes('MathJax_CHTML')) {
    const math = cls.includes('mjx-chtml') ? findElement(el, (e) => classes(e).includes('mjx-math')) : null;
    const chtml = cls.includes('mjx-chtml') ? el : findElement(el, (e) => classes(e).includes('mjx-chtml'));
    const inner = math ?? (chtml ? findElement(chtml, (e) => classes(e).includes('mjx-math')) : null);
    const label = inner ? attr(inner, 'ariaLabel') : null;
    if (label === null) return null;
    const display =
      cls.includes('mjpage__block') || cls.includes('MJXc-display') || (chtml ? classes(chtml).includes('MJXc-display') : false) || insideBlockMjpage;
    return { tex: label.trim(), display };
  }
  const dataTex = attr(el, 'dataMathTex');
  if (dataTex !== null) return { tex: dataTex.trim(), display: cls.includes('ck-math-tex-display') };
  if (cls.includes(MATH_CLASS)) {
    // A typeset formula inside the editor's span: the MathJax markup says which TeX it was.
    const typeset = findElement(el, (e) => classes(e).includes('mjx-chtml') || classes(e).includes('mjpage'));
    if (typeset) return formulaOf(typeset, false);
    return unwrapDelimiters(textOf(el));
  }
  return null;
}

/** Splits a text node at bare `\(…\)` and `\[…\]` pairs into text and formulas. */
function splitBareDelimiters(value: string): (Text | Element)[] | null {
  const re = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;
  const out: (Text | Element)[] = [];
  let at = 0;
  for (const m of value.matchAll(re)) {
    if (m.index > at) out.push({ type: 'text', value: value.slice(at, m.index) });
    const display = m[0].startsWith('\\[');
    out.push(mathElement({ tex: (display ? m[2] : m[1])?.trim() ?? '', display }));
    at = m.index + m[0].length;
  }
  if (out.length === 0) return null;
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  return out;
}

const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'textarea', 'title', 'style']);

/**
 * Rewrites every formula in a freshly parsed tree to the stored shape (see the file comment), in
 * place. Runs before the allowlist, which would otherwise drop the scripts and attributes that
 * hold the TeX. Text in code stays text.
 */
export function normaliseFormulas(tree: Root | Element): void {
  const walk = (node: Root | Element, literal: boolean, blockMjpage: boolean) => {
    const next: (RootContent | ElementContent)[] = [];
    for (const child of node.children) {
      if (child.type === 'text' && !literal) {
        next.push(...(splitBareDelimiters(child.value) ?? [child]));
        continue;
      }
      if (child.type !== 'element') {
        next.push(child);
        continue;
      }
      const f = literal ? null : formulaOf(child, blockMjpage);
      if (f && f.tex.length > 0) {
        next.push(mathElement(f));
        continue;
      }
      walk(child, literal || LITERAL.has(child.tagName), blockMjpage || classes(child).includes('mjpage__block'));
      next.push(child);
    }
    node.children = next;
  };
  walk(tree, false, false);
}

/**
 * KaTeX colours a command it will not run (\href, \url, \htmlClass … without trust) in its
 * error colour instead of throwing. This colour is one no formula would choose, so finding it in
 * the output means a refusal, shown like any other (a fixed red would also fail contrast in the dark theme).
 */
const REFUSED_COLOUR = '#010203';

/** The KaTeX settings for forum formulas: no trusted commands, bounded expansion. */
const KATEX_OPTIONS = {
  throwOnError: true,
  output: 'htmlAndMathml',
  strict: 'ignore',
  trust: false,
  maxExpand: 1000,
  maxSize: 50,
  errorColor: REFUSED_COLOUR,
} as const;

/** A formula typeset by KaTeX, or the reason it could not be. */
export type Typeset = { ok: true; html: string } | { ok: false; error: string };

/** Typesets one formula; KaTeX's refusal (bad TeX, an untrusted command) is returned, never thrown. */
export function typeset(f: Formula): Typeset {
  try {
    const html = katex.renderToString(f.tex, { ...KATEX_OPTIONS, displayMode: f.display });
    if (html.includes(REFUSED_COLOUR)) return { ok: false, error: 'KaTeX does not run this command here (it could link or load)' };
    return { ok: true, html };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
