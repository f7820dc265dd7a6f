// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../build/build-search-index.ts';

/** Astro integration: the search index in `<outDir>/pagefind`; a Pagefind failure fails the build. */
export default function searchIndexIntegration(): AstroIntegration {
  return {
    name: 'site:search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await buildSearchIndex(fileURLToPath(dir), { log: (line) => logger.info(line) });
      },
    },
  };
}
