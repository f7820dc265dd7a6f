import { describe, expect, test } from 'vitest';
import { PLACEHOLDER_SITE_URL, siteUrl, siteUrlWarning } from '../../../../src/lib/seo/site-url.ts';

describe('siteUrl', () => {
  test.each([
    ['https://example.org', 'https://example.org/'],
    ['https://example.org/', 'https://example.org/'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['http://localhost:4321', 'http://localhost:4321/'],
    ['https://example.org/sub/', 'https://example.org/sub/'],
  ])('reads %j as %s', (value, url) => {
    expect(siteUrl(value)).toBe(url);
  });

  test.each([undefined, '', '   '])('falls back to the placeholder for %j', (value) => {
    expect(siteUrl(value)).toBe(PLACEHOLDER_SITE_URL);
  });

  test.each(['example.org', '/essays/', 'ftp://example.org/'])('refuses %j with a message naming SITE_URL', (value) => {
    expect(() => siteUrl(value)).toThrow(/SITE_URL must be an (absolute|http or https) address/);
  });
});

describe('siteUrlWarning', () => {
  test.each([undefined, '', '  '])('warns a production build when SITE_URL is %j', (value) => {
    const warning = siteUrlWarning(value, 'build');
    expect(warning).toBeDefined();
    // It names the variable, what depends on it, the address used instead and how to set it.
    expect(warning).toMatch(/^SITE_URL is not set/);
    for (const affected of ['canonical links', 'og:url', 'sitemap.xml', 'robots.txt', PLACEHOLDER_SITE_URL, 'SITE_URL=https://']) {
      expect(warning).toContain(affected);
    }
  });

  test('says nothing when SITE_URL is set', () => {
    expect(siteUrlWarning('https://example.org/', 'build')).toBeUndefined();
  });

  test.each(['dev', 'preview', 'sync'])('says nothing for `astro %s`, which publishes nothing', (command) => {
    expect(siteUrlWarning(undefined, command)).toBeUndefined();
  });
});
