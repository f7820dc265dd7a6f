/**
 * Forum HTML → blocks, at import. The HTML is parsed (hast-util-from-html, a spec-compliant
 * parser, never regular expressions), its formulas, images, embeds, ids and links are put in the
 * forms we keep, the allowlist (sanitize.ts) removes everything else, and the result is cut into
 * blocks: one per paragraph, list, table, code block or heading, with a blockquote's blocks
 * marked as quotation. Each block keeps its (sanitized) HTML and its plain text (text.ts).
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { normaliseFormulas } from './math.ts';
import { isPublishableUrl, MATH_CLASS, sanitizeForum } from './sanitize.ts';
import { blockText, collapseWhitespace, isBlockElement } from './text.ts';

/** One block of a post or comment: its HTML, its text, and whether it quotes someone. */
export interface ForumBlock {
  kind: 'block';
  html: string;
  text: string;
  quote: boolean;
}

/** A top-level heading of a post, which starts a section of our essay page. */
export interface ForumHeading {
  kind: 'heading';
  /** The forum's heading level, 1–6. */
  level: number;
  text: string;
}

export interface ConvertOptions {
  /** Makes the ids this body keeps unique on a page: the post's or comment's forum id. */
  scope: string;
  /** The forum's origin (`https://www.lesswrong.com`), for links the forum wrote relative to itself. */
  origin: string;
  /**
   * `sections`: top-level headings are returned as headings (a post, whose headings become our
   * essay's sections). `inline`: they stay blocks, demoted so the highest is an h4 (a comment,
   * whose own heading on our page is an h3).
   */
  headings: 'sections' | 'inline';
}

function el(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function txt(value: string): Text {
  return { type: 'text', value };
}

function attr(e: Element, name: string): string | null {
  const v = e.properties[name];
  return typeof v === 'string' ? v : null;
}

/** An address the forum wrote (absolute, protocol-relative or relative to itself) as an absolute one we may publish; null otherwise. */
function absoluteUrl(href: string, origin: string): string | null {
  const h = href.trim();
  if (h.startsWith('#')) return null;
  let url: URL;
  try {
    url = new URL(h, `${origin}/`);
  } catch {
    return null;
  }
  const out = url.href;
  return isPublishableUrl(out) ? out : null;
}

/** Words for an image or embed, which we show as a link to it rather than load from its host. */
function placeholder(what: string, label: string | null): string {
  const l = label?.replace(/\s+/g, ' ').trim();
  return l ? `[${what}: ${l}]` : `[${what}]`;
}

/**
 * Puts images, embeds, ids and links in the forms we keep, before the allowlist runs: images and
 * embeds become links to their address (no third-party load on our pages), ids are prefixed with
 * the body's scope and kept only where a link in the same body points at them (footnotes), and
 * the forum's relative links become absolute.
 */
function prepare(tree: Root, opts: ConvertOptions): void {
  const targets = new Set<string>();
  const collect = (children: readonly (RootContent | ElementContent)[]) => {
    for (const c of children) {
      if (c.type !== 'element') continue;
      const href = c.tagName === 'a' ? attr(c, 'href') : null;
      if (href?.startsWith('#') && href.length > 1) targets.add(decodeFragment(href.slice(1)));
      collect(c.children);
    }
  };
  collect(tree.children);
  const scopeId = (id: string) => `fm-${opts.scope}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const walk = (node: Root | Element, inLink: boolean) => {
    const next: (RootContent | ElementContent)[] = [];
    for (const c of node.children) {
      if (c.type !== 'element') {
        next.push(c);
        continue;
      }
      const tag = c.tagName;
      if (tag === 'img') {
        const src = attr(c, 'src');
        const url = src ? absoluteUrl(src, opts.origin) : null;
        const words = txt(placeholder('image', attr(c, 'alt') ?? attr(c, 'title')));
        next.push(url && !inLink ? el('a', { href: url }, [words]) : words);
        continue;
      }
      const embedded = tag === 'iframe' ? attr(c, 'src') : tag === 'oembed' ? attr(c, 'url') : attr(c, 'dataOembedUrl');
      if (embedded !== null) {
        const url = absoluteUrl(embedded, opts.origin);
        const words = txt(placeholder('embedded content', url ? new URL(url).host : null));
        next.push(url && !inLink ? el('a', { href: url }, [words]) : words);
        continue;
      }
      const id = attr(c, 'id');
      delete c.properties['id'];
      if (id !== null && targets.has(id)) c.properties['id'] = scopeId(id);
      if (tag === 'a') {
        const href = attr(c, 'href');
        if (href !== null) {
          if (href.startsWith('#')) {
            const target = decodeFragment(href.slice(1));
            if (href.length > 1) c.properties['href'] = `#${scopeId(target)}`;
          } else {
            const url = absoluteUrl(href, opts.origin);
            if (url === null) delete c.properties['href'];
            else c.properties['href'] = url;
          }
        }
      }
      walk(c, inLink || tag === 'a');
      next.push(c);
    }
    node.children = next;
  };
  walk(tree, false);
}

function decodeFragment(f: string): string {
  try {
    return decodeURIComponent(f);
  } catch {
    return f;
  }
}

const HEADING = /^h([1-6])$/;

function headingLevel(e: Element): number | null {
  const m = HEADING.exec(e.tagName);
  return m ? Number(m[1]) : null;
}

/** Renumbers a comment's headings so the highest becomes an h4 and the rest keep their steps (at most h6). */
function demoteHeadings(tree: Root): void {
  let min = 7;
  const find = (children: readonly (RootContent | ElementContent)[]) => {
    for (const c of children) {
      if (c.type !== 'element') continue;
      const l = headingLevel(c);
      if (l !== null) min = Math.min(min, l);
      find(c.children);
    }
  };
  find(tree.children);
  if (min > 6) return;
  const shift = (children: readonly (RootContent | ElementContent)[]) => {
    for (const c of children) {
      if (c.type !== 'element') continue;
      const l = headingLevel(c);
      if (l !== null) c.tagName = `h${Math.min(6, l - min + 4)}`;
      shift(c.children);
    }
  };
  shift(tree.children);
}

/**
 * Links to an id that did not survive the allowlist (it was on a dropped element) would lead
 * nowhere: they become their text. Checked over the whole body, since a footnote mark and its
 * note end up in different blocks.
 */
function unlinkDangling(tree: Root): void {
  const ids = new Set<string>();
  const collect = (children: readonly (RootContent | ElementContent)[]) => {
    for (const c of children) {
      if (c.type !== 'element') continue;
      const id = attr(c, 'id');
      if (id) ids.add(id);
      collect(c.children);
    }
  };
  collect(tree.children);
  const fix = (node: Root | Element) => {
    const next: (RootContent | ElementContent)[] = [];
    for (const c of node.children) {
      if (c.type === 'element') {
        fix(c);
        const href = c.tagName === 'a' ? attr(c, 'href') : null;
        if (href?.startsWith('#') && !ids.has(href.slice(1))) {
          next.push(...c.children);
          continue;
        }
      }
      next.push(c);
    }
    node.children = next;
  };
  fix(tree);
}

/** Whether a node is text or an inline element (phrasing content), which a block must wrap. */
function isInline(node: RootContent | ElementContent): boolean {
  if (node.type === 'text') return true;
  return node.type === 'element' && !isBlockElement(node);
}

/** Whether a paragraph-to-be holds anything a reader would see. */
function hasContent(nodes: readonly (RootContent | ElementContent)[]): boolean {
  return nodes.some((n) => (n.type === 'text' ? n.value.trim().length > 0 : n.type === 'element' && (n.tagName === 'br' ? false : hasContent(n.children))));
}

/** Children of a container, with runs of loose inline content wrapped in paragraphs. */
function asBlocks(children: readonly (RootContent | ElementContent)[]): Element[] {
  const out: Element[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (hasContent(run)) out.push(el('p', {}, run));
    run = [];
  };
  for (const c of children) {
    if (c.type === 'comment' || c.type === 'doctype') continue;
    if (isInline(c)) run.push(c);
    else if (c.type === 'element') {
      flush();
      out.push(c);
    }
  }
  flush();
  return out;
}

/** Converts a post's or comment's HTML into headings (posts only) and blocks, safely. */
export function convertForumHtml(html: string, opts: ConvertOptions): (ForumBlock | ForumHeading)[] {
  const parsed = fromHtml(html, { fragment: true });
  normaliseFormulas(parsed);
  prepare(parsed, opts);
  const tree = sanitizeForum(parsed);
  unlinkDangling(tree);
  if (opts.headings === 'inline') demoteHeadings(tree);
  collapseWhitespace(tree);
  const out: (ForumBlock | ForumHeading)[] = [];
  const emit = (block: Element, quote: boolean) => {
    if (block.tagName === 'blockquote') {
      for (const inner of asBlocks(block.children)) emit(inner, true);
      return;
    }
    const { text } = blockText(el('div', {}, [block]));
    if (!hasContent([block]) && !containsMath(block)) return;
    const level = headingLevel(block);
    if (opts.headings === 'sections' && level !== null && !quote) {
      out.push({ kind: 'heading', level, text });
      return;
    }
    out.push({ kind: 'block', html: toHtml(block), text, quote });
  };
  for (const block of asBlocks(tree.children)) emit(block, false);
  return out;
}

function containsMath(e: Element): boolean {
  return e.children.some((c) => c.type === 'element' && (String(c.properties['className'] ?? '').includes(MATH_CLASS) || containsMath(c)));
}
