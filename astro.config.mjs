// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import permalinkRedirects, { readRedirects } from './src/integrations/permalink-redirects.ts';
import { pageRedirects } from './src/lib/links/permalinks.ts';

// Content stays on Astro 7's default Markdown processor (Sätteri); formulas are rendered with
// KaTeX at build time by components/Math.astro only where they appear. README "Design notes"
// records the measurement behind this choice.
export default defineConfig({
  trailingSlash: 'always',
  integrations: [mdx(), preact(), permalinkRedirects()],
  // Whole pages that moved (content/permalinks/redirects.json); moved anchors are handled by
  // the permalinkRedirects integration after the build.
  redirects: pageRedirects(readRedirects()),
  build: { format: 'directory' },
  // Astro 7's compressor drops the space where a line of text meets an element on the next line.
  compressHTML: false,
  server: { port: 4321 },
});
