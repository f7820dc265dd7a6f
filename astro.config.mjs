// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { readRedirects } from './src/integrations/permalink-redirects.ts';
import { pageRedirects } from './src/lib/links/permalinks.ts';
import sitemap from './src/integrations/sitemap.ts';
import contentSecurityPolicy from './src/integrations/csp.ts';
import searchIndex from './src/integrations/search.ts';
import quoteLinks from './src/integrations/quote-links.ts';
import siteAddress from './src/integrations/site-url.ts';
import keptOutput from './src/integrations/kept-output.ts';
import smallPreload from './src/integrations/small-preload.ts';
import afterPaintIslands from './src/integrations/after-paint-islands.ts';
import { siteUrl } from './src/lib/seo/site-url.ts';

// The site's public address, used for canonical links, og:url, sitemap.xml and robots.txt.
// Set SITE_URL when building for a real host; without it the address is a PLACEHOLDER (.example is
// a reserved name that can never resolve) and `astro build` warns once (siteAddress below).
const SITE_URL = siteUrl(process.env.SITE_URL);

// Content stays on Astro 7's default Markdown processor (Sätteri); formulas are rendered with
// KaTeX at build time by components/Formula.astro only where they appear. README "Design notes"
// records the measurement behind this choice.
const search = searchIndex();

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'always',
  // Pages are finished as they are rendered (src/middleware.ts: moved anchors, deferred scripts, the
  // Content-Security-Policy). contentSecurityPolicy() finishes the few pages Astro writes without
  // rendering (its redirect pages), so it is the last to rewrite pages; the search index only reads
  // them, and starts after it so the index is built from exactly the pages we ship.
  integrations: [
    siteAddress(process.env.SITE_URL),
    // Before every integration that reads the built pages: it removes the pages a rebuild left in
    // place that the build no longer makes.
    keptOutput(),
    quoteLinks(),
    smallPreload(),
    afterPaintIslands(),
    mdx(),
    // Preact's Vite preset runs Babel (for JSX) over every .js/.ts file it is not told to skip: 161
    // modules here with no JSX, 1.5 s of a rebuild's bundling in a CPU profile. Only the islands'
    // .tsx files have JSX; Vite strips the types of the rest on its own.
    preact({ include: [/\.[jt]sx$/] }),
    contentSecurityPolicy(),
    // The index is built in a child process from here to `search.finish`, while the sitemap reads the pages.
    search.start,
    sitemap(),
    search.finish,
  ],
  // Whole pages that moved (content/permalinks/redirects.json); moved anchors are written into
  // each page as it is finished (src/lib/security/finish-page.ts).
  redirects: pageRedirects(readRedirects()),
  // Every page carries its styles in <head> (about 7 KB gzipped, less than the first round trip can
  // carry), so a phone paints from the one HTML response instead of waiting on a second,
  // render-blocking request; the page's policy allows each <style> by its hash.
  // Four pages in flight at once: rendering one page overlaps writing the last, where one at a
  // time left Astro's thread waiting on the disk for about a third of page generation (a CPU
  // profile of the 1,000-thread build; generation 21-27 s with one, 18-19 s with four). The
  // pages come out the same, byte for byte.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 4 },
  // Astro 7's compressor drops the space where a line of text meets an element on the next line.
  compressHTML: false,
  server: { port: 4321 },
  vite: {
    // The islands' JSX is compiled by Vite's own transformer (see site:islands-jsx-by-oxc below).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      // No asset is inlined as a data: URL (Vite inlines files under 4 KB, e.g. some KaTeX fonts):
      // the Content-Security-Policy allows fonts and images from our own origin only.
      assetsInlineLimit: 0,
    },
    plugins: [
      {
        // @astrojs/preact always hands Babel options to Preact's Vite preset, which then compiles
        // every island's JSX with Babel: about 0.4 s of each rebuild's bundling (a CPU profile of a
        // rebuild with nothing changed), for eight files. Without Babel options the preset leaves JSX
        // to Vite's own transformer (oxc), which strips the files' types in the same pass; that is
        // what the `oxc.jsx` setting above asks of it, with the same runtime and import source. If a
        // release renames the preset's plugin, nothing is changed and Babel compiles as before.
        name: 'site:islands-jsx-by-oxc',
        configResolved(config) {
          const babel = config.plugins.find((p) => p.name === 'vite:preact-jsx');
          if (babel) delete babel.transform;
        },
      },
      {
        // Every MDX entry (claims, glossary, people, summaries) made Rolldown warn that Astro's marker
        // "use astro:head-inject" may not survive bundling: nine lines each, 67 times a build,
        // burying warnings an editor needs to see. Astro reads the marker before bundling, so it is
        // harmless (withastro/astro#18087, open). Only that warning is dropped.
        name: 'site:quiet-head-inject-warning',
        onLog(level, log) {
          return !(level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"'));
        },
      },
    ],
  },
  // Essay and thread pages give a cache key (src/data/site.ts cacheKeyOf): a rebuild copies every
  // page whose key and code are unchanged from the last build instead of rendering it again.
  experimental: { incrementalBuild: true },
});
