/**
 * The one allowlist for forum HTML, applied twice: when the importer turns a post or comment into
 * blocks, and again when a page renders a stored block (defence in depth: a hand-edited thread
 * file gets no further than the importer's output could). hast-util-sanitize does the walking;
 * this file only says what may pass, and then checks links itself, because the sanitizer lets
 * relative URLs through and we publish none.
 *
 * What passes: paragraphs, line breaks, headings, lists, blockquotes, emphasis (em, i, strong, b,
 * u, s, del, ins, sub, sup), code, pre, kbd, links, tables and definition lists; `span` only as a
 * formula (`class="math-tex"`) or a footnote mark. No attribute passes except a link's http(s)
 * address, list numbering, table cell spans and header scope, text direction, and the ids this
 * importer gives footnotes. Scripts, styles, frames, embeds, forms, SVG and the like are dropped
 * with their content; any other element (div, section, figure, font …) is replaced by what it holds.
 */
import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';

/** Ids the importer gives footnotes and their marks: `fm-<post or comment id>-<the forum's id>`. */
export const SCOPED_ID_RE = /^fm-[A-Za-z0-9_-]+$/;

/** The class that marks a formula, as the forum's editor stores it (`\(…\)` inline, `\[…\]` display). */
export const MATH_CLASS = 'math-tex';

/** Elements kept (with only the attributes below). */
export const KEPT_ELEMENTS = [
  'p',
  'br',
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
  'em',
  'i',
  'strong',
  'b',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'code',
  'pre',
  'kbd',
  'a',
  'span',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
] as const;

/** Elements dropped together with everything inside them. */
export const STRIPPED_ELEMENTS = [
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'picture',
  'source',
  'track',
  'map',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'label',
  'fieldset',
  'output',
  'dialog',
  'title',
  'head',
  'meta',
  'link',
  'base',
  'img',
  'hr',
] as const;

const idAttr: [string, RegExp] = ['id', SCOPED_ID_RE];

/** The allowlist, with every key given so nothing falls back to hast-util-sanitize's defaults. */
export const FORUM_SCHEMA: Schema = {
  allowComments: false,
  allowDoctypes: false,
  tagNames: [...KEPT_ELEMENTS],
  strip: [...STRIPPED_ELEMENTS],
  attributes: {
    a: ['href', idAttr],
    ol: ['start', ['type', '1', 'a', 'A', 'i', 'I']],
    li: [idAttr],
    span: [['className', MATH_CLASS], idAttr],
    sup: [idAttr],
    th: ['colSpan', 'rowSpan', ['scope', 'row', 'col', 'rowgroup', 'colgroup']],
    td: ['colSpan', 'rowSpan'],
    '*': [['dir', 'ltr', 'rtl', 'auto']],
  },
  // Table parts outside a table, list items outside a list: unwrapped, as a browser would not lay them out.
  ancestors: {
    caption: ['table'],
    thead: ['table'],
    tbody: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    th: ['table'],
    td: ['table'],
    li: ['ul', 'ol'],
    dt: ['dl'],
    dd: ['dl'],
  },
  clobber: [],
  clobberPrefix: '',
  protocols: { href: ['http', 'https'] },
  required: {},
};

/** An address we publish in a link: absolute http(s) with a host, no spaces or control characters. */
export function isPublishableUrl(href: string): boolean {
  if (!/^https?:\/\/[^/?#\s]/i.test(href) || /[\p{Cc}\p{Cf}\s]/u.test(href)) return false;
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link that stays in the page: to an id this importer gave (a footnote or its mark). */
function isScopedFragment(href: string): boolean {
  return href.startsWith('#') && SCOPED_ID_RE.test(href.slice(1));
}

/**
 * Links the sanitizer let through but we do not publish (relative, protocol-relative, to an id
 * that is not ours) become their text; the rest get `rel="noopener noreferrer"`. Ids must be
 * unique on a page: a repeated one is dropped. Empty class lists go, and so do spans left with
 * no attribute (their content stays).
 */
function finishElements(children: (RootContent | ElementContent)[], seenIds: Set<string>, inLink: boolean): (RootContent | ElementContent)[] {
  const out: (RootContent | ElementContent)[] = [];
  for (const child of children) {
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    const el: Element = child;
    const id = el.properties['id'];
    if (typeof id === 'string') {
      if (seenIds.has(id)) delete el.properties['id'];
      else seenIds.add(id);
    }
    if (el.tagName === 'a') {
      const href = el.properties['href'];
      const ok = typeof href === 'string' && (isPublishableUrl(href) || isScopedFragment(href));
      if (!ok || inLink) {
        // Keep the words, lose the link (and any id on it, which nothing can point at safely).
        out.push(...(finishElements(el.children, seenIds, inLink) as ElementContent[]));
        continue;
      }
      if (typeof href === 'string' && !href.startsWith('#')) el.properties['rel'] = ['noopener', 'noreferrer'];
      el.children = finishElements(el.children, seenIds, true) as ElementContent[];
      out.push(el);
      continue;
    }
    const cls = el.properties['className'];
    if (Array.isArray(cls) && cls.length === 0) delete el.properties['className'];
    el.children = finishElements(el.children, seenIds, inLink) as ElementContent[];
    // A span that is neither a formula nor a footnote mark says nothing: keep only its content.
    if (el.tagName === 'span' && el.properties['className'] === undefined && el.properties['id'] === undefined) out.push(...el.children);
    else out.push(el);
  }
  return out;
}

/** Makes any tree safe by the allowlist: a new tree, the input untouched. */
export function sanitizeForum(tree: Nodes): Root {
  const clean = sanitize(tree, FORUM_SCHEMA);
  const root: Root = clean.type === 'root' ? clean : { type: 'root', children: clean.type === 'doctype' ? [] : [clean] };
  root.children = finishElements(root.children, new Set(), false);
  return root;
}
