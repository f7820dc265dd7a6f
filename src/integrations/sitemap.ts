// After the build, writes sitemap.xml (every built page not marked noindex, absolute URLs under the configured
// `site`) and robots.txt pointing to it. Generated rather than kept in public/ because both
// need the site's address, which comes from SITE_URL at build time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { absoluteUrl, robotsTxt, sitemapPaths, sitemapXml } from '../lib/seo/sitemap.ts';
import { builtPageFiles, readUntilHeadEnd } from '../build/dist.ts';

/** Astro integration: sitemap.xml and robots.txt in the build output. */
export default function sitemapIntegration(): AstroIntegration {
  let site: string | undefined;
  return {
    name: 'site:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!site) throw new Error('sitemap.xml needs `site` in astro.config.mjs (set SITE_URL)');
        const out = fileURLToPath(dir);
        // Only the heads are read: the robots tag counts only there (isNoindex).
        const paths = sitemapPaths(builtPageFiles(out).map((p) => ({ path: p.path, html: readUntilHeadEnd(p.file) })));
        writeFileSync(join(out, 'sitemap.xml'), sitemapXml(site, paths));
        writeFileSync(join(out, 'robots.txt'), robotsTxt(absoluteUrl(site, '/sitemap.xml')));
        logger.info(`sitemap.xml lists ${paths.length} pages under ${site}`);
      },
    },
  };
}
