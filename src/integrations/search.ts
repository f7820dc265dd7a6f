// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../build/build-search-index.ts';

/** Astro integration: the search index in `<outDir>/pagefind`; a Pagefind failure fails the build. */
export default function searchIndexIntegration(): AstroIntegration {
  let root = new URL(`file://${process.cwd()}/`);
  return {
    name: 'site:search',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:done': async ({ dir, logger }) => {
        // Beside Astro's and Vite's own caches, so a clean clone starts cold and `rm -rf node_modules` clears it.
        const cacheDir = fileURLToPath(new URL('node_modules/.cache/site-search-records/', root));
        await buildSearchIndex(fileURLToPath(dir), { log: (line) => logger.info(line), cacheDir });
      },
    },
  };
}
