// sitemap.xml and robots.txt, written after the build from the list of built pages, so every
// page is listed without a second list to keep in step.

/** Whether a page asks search engines not to index it (the not-found page, redirect stubs). */
export function isNoindex(html: string): boolean {
  // Only the head is read: a robots tag counts only there, and scanning every page's whole text
  // was most of the sitemap's second or so at 1,000 threads.
  const end = html.indexOf('</head>');
  const head = end < 0 ? html : html.slice(0, end);
  return (
    /<meta\s[^>]*name\s*=\s*["']?robots["']?[^>]*content\s*=\s*["'][^"']*\bnoindex\b/i.test(head) ||
    /<meta\s[^>]*content\s*=\s*["'][^"']*\bnoindex\b[^>]*name\s*=\s*["']?robots\b/i.test(head)
  );
}

/** The sitemap's paths from each page's robots verdict (found now or kept from a build before): all but the noindex ones, sorted. */
export function listedPaths(pages: Iterable<{ path: string; noindex: boolean }>): string[] {
  // Iterable, so a large site's pages can be read one at a time.
  const paths = new Set<string>();
  for (const p of pages) if (!p.noindex) paths.add(p.path);
  return [...paths].sort();
}

/** Escapes text for an XML element body. */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The absolute URL of a site path (the site may live below a path of its host). */
export function absoluteUrl(site: string, path: string): string {
  const base = site.endsWith('/') ? site : `${site}/`;
  return new URL(path.replace(/^\//, ''), base).href;
}

/** A sitemap (sitemaps.org 0.9) listing `paths` as absolute URLs under `site`. */
export function sitemapXml(site: string, paths: readonly string[]): string {
  const urls = paths.map((p) => `  <url><loc>${xmlText(absoluteUrl(site, p))}</loc></url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** robots.txt: everything may be crawled, and the sitemap is at `sitemapUrl`. */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
