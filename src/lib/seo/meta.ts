// What a page says about itself to search engines and link previews (Base.astro's <head>).
import { excerpt } from '../text/excerpt.ts';

/** OpenGraph type: the essays and comment threads are articles; everything else is part of the site. */
export function ogType(path: string): 'article' | 'website' {
  return /^\/(essays|threads)\/[^/]+\/$/.test(path) ? 'article' : 'website';
}

/** Whether a page is the not-found page, which has no address of its own to canonicalise or index. */
export function isNotFound(path: string): boolean {
  return /^\/404(\.html|\/)?$/.test(path);
}

/**
 * A description short enough for a search result (about 160 characters): whole sentences while
 * they fit, otherwise the first sentence cut at a word.
 */
export function metaDescription(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const sentence of flat.split(/(?<=[.?!…])\s+(?=\S)/)) {
    const next = out ? `${out} ${sentence}` : sentence;
    if (next.length > max) break;
    out = next;
  }
  return out || excerpt(flat, max);
}

/**
 * The site icon as a `data:` URL for `<link rel="icon">`, so a page needs no second request for it.
 * Everything but a few characters that are plain in a URL stays percent-encoded, so the result is
 * safe inside any quoted attribute (no quote, `<`, `&` or `#` survives).
 */
export function iconDataUrl(svg: string): string {
  const encoded = encodeURIComponent(svg.trim())
    .replace(/%(3D|3A|2F|2C)/g, (code) => decodeURIComponent(code))
    .replace(/'/g, '%27');
  return `data:image/svg+xml,${encoded}`;
}
