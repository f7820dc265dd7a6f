// What the built site tells search engines and link previews: a description and OpenGraph tags
// on every page, a canonical address, sitemap.xml listing exactly the indexable pages, and
// robots.txt pointing to it. The site's address is read from the build (SITE_URL may be set).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIST, dom, expectNone, expectSome, pages } from './helpers.ts';

const indexable = pages().filter((p) => !dom(p.path).querySelector('meta[name="robots"][content*="noindex"]'));

/** Content of `<meta name|property=…>` on a built page (`undefined` when missing). */
function meta(path: string, key: string): string | undefined {
  const el = dom(path).querySelector(`meta[name="${key}"], meta[property="${key}"]`);
  return el?.getAttribute('content');
}

/** Every `<loc>` in the built sitemap. */
function sitemapUrls(): string[] {
  const file = join(DIST, 'sitemap.xml');
  if (!existsSync(file)) throw new Error('dist/sitemap.xml is missing');
  return [...readFileSync(file, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

/** The site's address, as the home page states it. */
function siteOrigin(): string {
  const href = dom('/').querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (!href) throw new Error('the home page has no canonical link');
  return href;
}

describe('page meta', () => {
  test('every page has a description and OpenGraph title, description, type and site name', () => {
    expectSome(pages(), 'HTML pages');
    const problems: string[] = [];
    for (const { path } of pages()) {
      for (const key of ['description', 'og:title', 'og:description', 'og:type', 'og:site_name']) {
        if (!meta(path, key)?.trim()) problems.push(`${path}: no ${key}`);
      }
      if (meta(path, 'og:description') !== meta(path, 'description')) problems.push(`${path}: og:description differs from the description`);
      if (!['website', 'article'].includes(meta(path, 'og:type') ?? '')) problems.push(`${path}: og:type "${meta(path, 'og:type')}"`);
    }
    expectNone(problems, 'pages with missing meta');
  });

  test('every page carries the site icon inline, so showing it costs no request', () => {
    const problems: string[] = [];
    for (const { path } of pages()) {
      const icons = dom(path).querySelectorAll('link[rel~="icon"]');
      const href = icons[0]?.getAttribute('href') ?? '';
      if (icons.length !== 1) problems.push(`${path}: ${icons.length} icon links`);
      else if (!href.startsWith('data:image/svg+xml,')) problems.push(`${path}: icon at ${href}`);
      else if (!/^<svg[\s>][\s\S]*<\/svg>$/.test(decodeURIComponent(href.slice(href.indexOf(',') + 1)))) problems.push(`${path}: the icon is not an SVG`);
    }
    expectNone(problems, 'pages without the inline icon');
  });

  test('no two pages share a description, and none is longer than a search result shows', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { path } of indexable) {
      const d = meta(path, 'description') ?? '';
      const other = seen.get(d.toLowerCase());
      if (other) problems.push(`${path} and ${other} share the description "${d}"`);
      seen.set(d.toLowerCase(), path);
      if (d.length > 160) problems.push(`${path}: description of ${d.length} characters`);
      if (d.length < 40) problems.push(`${path}: description of only ${d.length} characters ("${d}")`);
    }
    expectNone(problems, 'descriptions that do not tell pages apart');
  });

  test('every indexable page names its own absolute address as canonical and og:url', () => {
    expectSome(indexable, 'indexable pages');
    const site = siteOrigin();
    const problems: string[] = [];
    for (const { path } of indexable) {
      const canonical = dom(path)
        .querySelectorAll('link[rel="canonical"]')
        .map((l) => l.getAttribute('href'));
      const expected = new URL(path.slice(1), site).href;
      if (canonical.length !== 1 || canonical[0] !== expected) problems.push(`${path}: canonical ${JSON.stringify(canonical)}, expected ${expected}`);
      if (meta(path, 'og:url') !== expected) problems.push(`${path}: og:url ${meta(path, 'og:url')}, expected ${expected}`);
    }
    expectNone(problems, 'pages with a wrong address');
  });

  test('the not-found page asks not to be indexed and claims no address', () => {
    const notFound = pages().find((p) => p.path === '/404.html');
    expect(notFound, '/404.html').toBeDefined();
    expect(meta('/404.html', 'robots')).toBe('noindex');
    expect(dom('/404.html').querySelector('link[rel="canonical"]')).toBeNull();
  });
});

describe('sitemap.xml and robots.txt', () => {
  test('sitemap.xml lists every indexable page once, as an absolute URL, and nothing else', () => {
    const site = siteOrigin();
    const listed = sitemapUrls();
    const expected = indexable.map((p) => new URL(p.path.slice(1), site).href);
    expectSome(listed, 'URLs in sitemap.xml');
    expect(new Set(listed).size, 'duplicates in sitemap.xml').toBe(listed.length);
    expect([...listed].sort()).toEqual([...expected].sort());
  });

  test('robots.txt points crawlers to the sitemap by its absolute URL', () => {
    const file = join(DIST, 'robots.txt');
    expect(existsSync(file), 'dist/robots.txt').toBe(true);
    const robots = readFileSync(file, 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).not.toMatch(/^Disallow: \/$/m);
    const sitemaps = [...robots.matchAll(/^Sitemap:\s*(\S+)\s*$/gim)].map((m) => m[1]);
    expect(sitemaps).toEqual([new URL('sitemap.xml', siteOrigin()).href]);
  });
});
