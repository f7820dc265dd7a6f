// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
//
// The index is built in a child Node process. By the time the pages are written, Astro's process
// holds the content store, the bundled data module and the site model (about 3.5 GB at 5,000
// threads), and indexing in the same heap ran it out of memory; a fresh process starts with none
// of that, and its garbage collector has a small heap to walk.
//
// Astro runs the integrations' `astro:build:done` hooks one after another, so the work comes as two
// integrations: `start` sets the child going and `finish` waits for it. Integrations placed between
// them (the sitemap, which reads every page's head on Astro's thread) run while the index is built.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { runScript } from './child.ts';

/**
 * Runs the index builder on `dist` in a child process (parts with pages written since `freshSince`
 * first), passing each line it prints to `log`; rejects with its error output on failure.
 */
export function buildIndexInChild(script: string, dist: string, cacheDir: string, log: (line: string) => void, freshSince = 0): Promise<void> {
  return runScript(script, ['--cache-dir', cacheDir, '--fresh-since', String(freshSince), dist], 'the search index could not be built', log);
}

/** Astro integrations: the search index in `<outDir>/pagefind`, begun by `start` and awaited by `finish`; a Pagefind failure fails the build. */
export default function searchIndexIntegration(): { start: AstroIntegration; finish: AstroIntegration } {
  let root = new URL(`file://${process.cwd()}/`);
  let started = 0;
  let building: Promise<void> | undefined;
  return {
    start: {
      name: 'site:search',
      hooks: {
        'astro:config:done': ({ config }) => {
          root = config.root;
        },
        'astro:build:start': () => {
          // Less a second: a file's time may be rounded down; an old page counted fresh only moves its part up the queue.
          started = Date.now() - 1000;
        },
        'astro:build:done': ({ dir, logger }) => {
          // Beside Astro's and Vite's own caches, so a clean clone starts cold and `rm -rf node_modules` clears it.
          const cacheDir = fileURLToPath(new URL('node_modules/.cache/site-search-records/', root));
          const script = fileURLToPath(new URL('src/build/build-search-index.ts', root));
          building = buildIndexInChild(script, fileURLToPath(dir), cacheDir, (line) => logger.info(line), started);
          // Held until `finish` awaits it, so a failure is not reported as unhandled in the meantime.
          building.catch(() => {});
        },
      },
    },
    finish: {
      name: 'site:search-done',
      hooks: {
        'astro:build:done': async () => {
          const running = building;
          building = undefined;
          await running;
        },
      },
    },
  };
}
