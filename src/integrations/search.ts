// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
//
// The index is built in a child Node process. By the time the pages are written, Astro's process
// holds the content store, the bundled data module and the site model (about 3.5 GB at 5,000
// threads), and indexing in the same heap ran it out of memory; a fresh process starts with none
// of that, and its garbage collector has a small heap to walk.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { runScript } from './child.ts';

/** Runs the index builder on `dist` in a child process, passing each line it prints to `log`; rejects with its error output on failure. */
export function buildIndexInChild(script: string, dist: string, cacheDir: string, log: (line: string) => void): Promise<void> {
  return runScript(script, ['--cache-dir', cacheDir, dist], 'the search index could not be built', log);
}

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
        const script = fileURLToPath(new URL('src/build/build-search-index.ts', root));
        await buildIndexInChild(script, fileURLToPath(dir), cacheDir, (line) => logger.info(line));
      },
    },
  };
}
