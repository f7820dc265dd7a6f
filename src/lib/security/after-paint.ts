// Scripts that wait until the page has loaded and painted. Astro writes each page's bundled code as
// `<script type="module" src="/_astro/…">`; the browser's preload scanner fetches that file as soon
// as it reads the tag, so on a slow phone the request competes with the page itself, and
// Lighthouse's mobile run counts it on the way to the largest paint (0.9 s on a glossary page
// against 0.75 s without it). Nothing our scripts do is needed to read a page: they listen for
// the reader and load features on first use. So every such tag becomes one small inline loader
// that imports the same modules, in order, once the page has loaded and painted.
//
// The loader is browser code (src/scripts/after-paint.js; the caller reads it). It is the same
// text on every page, the addresses sitting in a data attribute, so the Content-Security-Policy
// allows it with one hash. This module lives beside the policy code because the rewrite must
// happen before the policy's hashes are taken (finish-page.ts does both, in that order).

import { decodeAttribute } from './csp.ts';

/** The data attribute on the loader that lists the module scripts it imports, space-separated. */
export const AFTER_PAINT_ATTRIBUTE = 'data-after-paint';

/** The attribute the loader sets on <html> as it starts the scripts, once the first screen has painted. */
export const AFTER_PAINT_MARK = 'data-painted';

/** The loader's marker once every module it imported has run: `<html data-scripts="ran">`. */
export const SCRIPTS_RAN = 'ran';

/**
 * The loader's inline text from its source (src/scripts/after-paint.js): indentation and whole-line
 * comments dropped, so the page carries only code.
 */
export function compactLoader(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}

// Astro's own tag for a bundled script: exactly these attributes, empty content.
const MODULE_TAG = /<script type="module" src="([^"<>\s]+)"><\/script>\s*/g;

/** Escapes a URL for a double-quoted attribute value. */
function attributeValue(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Rewrites a built page so its module scripts load once it has loaded and painted: removes Astro's
 * `<script type="module" src>` tags and puts one loader (`loader`, from compactLoader) naming
 * them, in order, before `</body>`.
 * A page without such tags, or one already rewritten, comes back unchanged. Throws when a page has
 * module scripts but no `</body>` to put the loader before, rather than drop its scripts.
 */
export function loadScriptsAfterPaint(html: string, loader: string): string {
  const urls: string[] = [];
  const without = html.replace(MODULE_TAG, (tag, raw: string) => {
    const url = decodeAttribute(raw);
    if (url === null) throw new Error(`${tag.trim()}: a character reference in the address that cannot be read reliably`);
    urls.push(url);
    return '';
  });
  if (urls.length === 0) return html;
  const end = without.lastIndexOf('</body>');
  if (end < 0) throw new Error(`module scripts ${urls.join(', ')} but no </body> to put their loader before`);
  const tag = `<script ${AFTER_PAINT_ATTRIBUTE}="${attributeValue(urls.join(' '))}">${loader}</script>\n  `;
  return `${without.slice(0, end)}${tag}${without.slice(end)}`;
}

/** The module scripts a rewritten page's loader will import, in order (none for other pages). */
export function afterPaintScripts(html: string): string[] {
  const m = new RegExp(`<script ${AFTER_PAINT_ATTRIBUTE}="([^"]*)">`).exec(html);
  return (decodeAttribute(m?.[1] ?? '') ?? '').split(' ').filter(Boolean);
}
