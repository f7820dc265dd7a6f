// Reading the built site: every HTML page with its URL path, and the anchors it publishes.
// Shared by the search indexer, the anchor list updater, the benchmark and the built-site tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export interface BuiltPage {
  /** URL path, e.g. `/threads/x/` or `/404.html`. */
  path: string;
  file: string;
  html: string;
}

/** Every HTML file under `dist`, skipping Pagefind's and Astro's asset folders. */
export function builtPages(dist: string): BuiltPage[] {
  const out: BuiltPage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind' && entry.name !== '_astro') walk(full);
      } else if (entry.name.endsWith('.html')) {
        const rel = relative(dist, full).split(sep).join('/');
        const path = rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
        out.push({ path, file: full, html: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dist);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Ids on a page that we promise to keep: permalinked passages and the page's section headings. */
export function permalinkIds(root: HTMLElement): string[] {
  const main = root.querySelector('main');
  if (!main) return [];
  const ids = new Set<string>();
  for (const el of main.querySelectorAll('[data-permalink][id], h2[id], h3[id], h4[id]')) {
    const id = el.id;
    // Headings of our own page furniture (contents, attribution box) are not passages.
    if (id && !id.endsWith('-heading')) ids.add(id);
  }
  return [...ids];
}

/** Every published anchor of the built site, as `/page/#id`. */
export function publishedAnchors(dist: string): string[] {
  const out: string[] = [];
  for (const page of builtPages(dist)) {
    if (page.path === '/404.html') continue;
    for (const id of permalinkIds(parse(page.html))) out.push(`${page.path}#${id}`);
  }
  return out;
}
