// After the build, writes sitemap.xml (every built page not marked noindex, absolute URLs under the configured
// `site`) and robots.txt pointing to it. Generated rather than kept in public/ because both
// need the site's address, which comes from SITE_URL at build time.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { absoluteUrl, isNoindex, listedPaths, robotsTxt, sitemapXml } from '../lib/seo/sitemap.ts';
import { builtPageFiles, readUntilHeadEnd } from '../build/dist.ts';
import { FileMemo, fileSignature } from '../build/file-memo.ts';

// What a page's verdict depends on besides its head: the code that reads it.
const SITEMAP_CODE = createHash('sha256')
  .update(readFileSync(new URL('../lib/seo/sitemap.ts', import.meta.url)))
  .update(readFileSync(new URL('../build/dist.ts', import.meta.url)))
  .digest('hex');

/** Whether each built page under `dist` is noindex, read from its head, or kept from the last build while its file is untouched (`memo`). */
export function robotsVerdicts(dist: string, memo: FileMemo<boolean>): { path: string; noindex: boolean }[] {
  return builtPageFiles(dist).map(({ path, file }) => {
    const signature = fileSignature(file);
    let noindex = memo.get(path, signature);
    if (noindex === undefined) {
      // Only the head is read: the robots tag counts only there (isNoindex).
      noindex = isNoindex(readUntilHeadEnd(file));
      memo.set(path, signature, noindex);
    }
    return { path, noindex };
  });
}

/** Astro integration: sitemap.xml and robots.txt in the build output. */
export default function sitemapIntegration(): AstroIntegration {
  let site: string | undefined;
  let root = new URL(`file://${process.cwd()}/`);
  return {
    name: 'site:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site;
        root = config.root;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!site) throw new Error('sitemap.xml needs `site` in astro.config.mjs (set SITE_URL)');
        const out = fileURLToPath(dir);
        // Beside the other build caches: after one more thread, 3,000 untouched pages are not read again.
        const memo = new FileMemo<boolean>(fileURLToPath(new URL('node_modules/.cache/site-sitemap/pages.json', root)), SITEMAP_CODE);
        const paths = listedPaths(robotsVerdicts(out, memo));
        memo.save();
        writeFileSync(join(out, 'sitemap.xml'), sitemapXml(site, paths));
        writeFileSync(join(out, 'robots.txt'), robotsTxt(absoluteUrl(site, '/sitemap.xml')));
        logger.info(`sitemap.xml lists ${paths.length} pages under ${site}`);
      },
    },
  };
}
