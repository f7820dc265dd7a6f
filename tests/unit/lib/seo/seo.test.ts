import { describe, expect, test } from 'vitest';
import { absoluteUrl, isNoindex, listedPaths, robotsTxt, sitemapXml } from '../../../../src/lib/seo/sitemap.ts';
import { iconDataUrl, isNotFound, metaDescription, ogType } from '../../../../src/lib/seo/meta.ts';

describe('absoluteUrl', () => {
  test.each([
    ['https://a.example', '/x/', 'https://a.example/x/'],
    ['https://a.example/', '/', 'https://a.example/'],
    ['https://a.example/sub', '/x/', 'https://a.example/sub/x/'],
    ['https://a.example/sub/', '/sitemap.xml', 'https://a.example/sub/sitemap.xml'],
  ])('returns %s + %s as %s', (site, path, url) => {
    expect(absoluteUrl(site, path)).toBe(url);
  });
});

describe('isNoindex', () => {
  test.each([
    ['<meta name="robots" content="noindex">', true],
    ['<meta content="noindex, nofollow" name="robots">', true],
    ['<meta name="robots" content="index">', false],
    ['<p>noindex</p>', false],
    ['<head><title>t</title><meta name="robots" content="noindex"></head><body>x</body>', true],
    // A robots tag counts only in the head; one after it (say, in an example) does not.
    ['<head><title>t</title></head><body><meta name="robots" content="noindex"></body>', false],
  ])('returns for %s: %s', (html, expected) => {
    expect(isNoindex(html)).toBe(expected);
  });
});

describe('listedPaths', () => {
  test('returns the sorted paths of pages not marked noindex', () => {
    const pages = [
      { path: '/b/', html: '<title>b</title>' },
      { path: '/404.html', html: '<meta name="robots" content="noindex">' },
      { path: '/', html: '' },
    ];
    expect(listedPaths(pages.map((p) => ({ path: p.path, noindex: isNoindex(p.html) })))).toEqual(['/', '/b/']);
  });
});

describe('sitemapXml', () => {
  test('returns a sitemaps.org urlset of absolute, escaped URLs', () => {
    expect(sitemapXml('https://a.example/', ['/', '/q&a/'])).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://a.example/</loc></url>
        <url><loc>https://a.example/q&amp;a/</loc></url>
      </urlset>
      "
    `);
  });
});

describe('robotsTxt', () => {
  test('returns a file that allows everything and names the sitemap', () => {
    expect(robotsTxt('https://a.example/sitemap.xml')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://a.example/sitemap.xml\n');
  });
});

describe('ogType', () => {
  test.each([
    ['/essays/x/', 'article'],
    ['/threads/x/', 'article'],
    ['/', 'website'],
    ['/glossary/x/', 'website'],
    ['/essays/', 'website'],
  ])('returns for %s: %s', (path, type) => {
    expect(ogType(path)).toBe(type);
  });
});

describe('isNotFound', () => {
  test.each([
    ['/404', true],
    ['/404.html', true],
    ['/404/', true],
    ['/4040/', false],
    ['/about/', false],
  ])('returns for %s: %s', (path, expected) => {
    expect(isNotFound(path)).toBe(expected);
  });
});

describe('metaDescription', () => {
  test('returns short text unchanged, whitespace collapsed', () => {
    expect(metaDescription('  One  line.\n Two. ')).toBe('One line. Two.');
  });

  test('returns the whole sentences that fit when the text is too long', () => {
    expect(metaDescription('First sentence here. Second one is longer than the limit allows.', 30)).toBe('First sentence here.');
  });

  test('returns the first sentence cut at a word when even it is too long', () => {
    expect(metaDescription('A very long first sentence without any full stop at all', 20)).toBe('A very long first…');
  });
});

describe('iconDataUrl', () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect fill="#1a56a8" data-x='a&amp;b'/></svg>\n`;

  test('decodes back to the icon, without its surrounding whitespace', () => {
    const url = iconDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(url.slice('data:image/svg+xml,'.length))).toBe(svg.trim());
  });

  test('leaves nothing that could end an attribute, open a tag or cut the URL at a fragment', () => {
    expect(iconDataUrl(svg)).not.toMatch(/["'<>&#\s]/);
  });

  test('keeps the characters that are plain in a URL readable', () => {
    expect(iconDataUrl(svg)).toContain('xmlns=%22http://www.w3.org/2000/svg%22');
  });
});
