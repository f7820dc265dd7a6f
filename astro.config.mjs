// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';

// Content stays on Astro 7's default Markdown processor (Sätteri); formulas are rendered with
// KaTeX at build time by components/Math.astro only where they appear. README "Design notes"
// records the measurement behind this choice.
export default defineConfig({
  trailingSlash: 'always',
  integrations: [mdx(), preact()],
  build: { format: 'directory' },
  // Astro 7's compressor drops the space where a line of text meets an element on the next line.
  compressHTML: false,
  server: { port: 4321 },
});
