// KaTeX lays its formulas out with style attributes (heights, offsets, margins): about 640 of them,
// 140 distinct, on a calculator page. Allowed by hash, every distinct value put 50 bytes that do not
// compress into the policy at the top of the page (6 KB gzipped), all of it ahead of the first
// screen. This step gives each distinct value a class instead, with one rule in a <style> at the
// end of <head> (or just before KaTeX's stylesheet where a page placed that in its body), so the
// policy needs one hash for them all and no style attribute at all.
//
// Each declaration is marked !important: an attribute beats every ordinary rule, and KaTeX's own
// stylesheet sets some of the same properties on the same elements. The only thing !important
// changes is that a script setting the property inline would lose; KaTeX's markup is static, and
// tests/e2e/hardening.test.ts holds these classes to KaTeX's markup.
import { decodeAttribute, startTags, type StartTag, type TagAttribute } from './csp.ts';

/** The prefix of the classes this step makes (`sa-0`, `sa-1`, … in order of first use). */
export const STYLE_CLASS_PREFIX = 'sa-';

// Declarations this step will move: property names and values of letters, digits, signs, `.`, `%`,
// `#`, commas, spaces and parentheses. Nothing that could end a rule, a string or the <style>
// element; anything else (quotes, `url()`, `!important`) keeps its attribute and its hash.
const DECLARATION = /^\s*([a-z-]+)\s*:\s*([-+.\w%# ,()]+?)\s*$/i;

/** The declarations of a style attribute's value, or null when any is outside what this step moves. */
export function plainDeclarations(value: string): string[] | null {
  const parts = value.split(';').filter((p) => p.trim() !== '');
  if (parts.length === 0) return null;
  const out: string[] = [];
  for (const part of parts) {
    const m = DECLARATION.exec(part);
    if (!m) return null;
    out.push(`${(m[1] ?? '').toLowerCase()}:${m[2] ?? ''}`);
  }
  return out;
}

/** The one attribute named `key` on a tag; undefined when absent or written twice (left alone). */
function only(tag: StartTag, key: string): TagAttribute | null | undefined {
  const found = tag.attributes.filter((a) => a.key === key);
  return found.length > 1 ? null : found[0];
}

/**
 * The page with every plain style attribute replaced by a class, and the rules for those classes
 * in a `<style>` just before `</head>`, or just before a `<style data-katex>` in the body. A page
 * with no such attribute, or no `</head>`, comes back unchanged.
 */
export function styleAttributesToClasses(html: string): string {
  // Most pages have no formula and no style attribute: one quick look spares them the tokenizer.
  if (!/\sstyle\s*=/i.test(html)) return html;
  const classes = new Map<string, string>();
  const edits: { start: number; end: number; text: string }[] = [];
  /** Where the text of raw-text elements lies: a `</head>` in a script is not the head's end. */
  const rawText: [number, number][] = [];
  /** Where the page put KaTeX's stylesheet, if in the body (components/KatexStylesInline.astro). */
  let katexStyle = -1;
  for (const tag of startTags(html)) {
    if (tag.text !== undefined) rawText.push([tag.end, tag.end + tag.text.length]);
    if (katexStyle < 0 && tag.name === 'style' && tag.attributes.some((a) => a.key === 'data-katex')) katexStyle = tag.start;
    const style = only(tag, 'style');
    if (!style) continue;
    const value = decodeAttribute(style.raw);
    const declarations = value === null ? null : plainDeclarations(value);
    const klass = only(tag, 'class');
    if (!declarations || klass === null) continue;
    const key = declarations.join(';');
    let name = classes.get(key);
    if (name === undefined) {
      name = `${STYLE_CLASS_PREFIX}${classes.size}`;
      classes.set(key, name);
    }
    const written = klass ? `class="${klass.raw.replace(/"/g, '&quot;')} ${name}"` : `class="${name}"`;
    // The class goes where the style attribute was (or stays where it was, extended); the
    // attribute and the space before it go.
    if (klass) {
      edits.push({ start: klass.start, end: klass.end, text: written });
      edits.push({ start: html[style.start - 1] === ' ' ? style.start - 1 : style.start, end: style.end, text: '' });
    } else {
      edits.push({ start: style.start, end: style.end, text: written });
    }
  }
  const headEnds = [...html.matchAll(/<\/head\s*>/gi)].map((m) => m.index);
  const headEnd = headEnds.find((i) => !rawText.some(([from, to]) => i >= from && i < to)) ?? -1;
  if (classes.size === 0 || headEnd < 0) return html;
  const rules = [...classes].map(
    ([key, name]) =>
      `.${name}{${key
        .split(';')
        .map((d) => `${d}!important`)
        .join(';')}}`,
  );
  // Beside KaTeX's own rules when the page placed those in its body, so that neither holds up its
  // first screen; else at the end of the head.
  const rulesAt = katexStyle >= 0 ? katexStyle : headEnd;
  edits.push({ start: rulesAt, end: rulesAt, text: `<style>${rules.join('')}</style>\n` });
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += html.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + html.slice(at);
}
