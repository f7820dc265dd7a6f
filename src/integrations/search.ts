// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
//
// The index is built in a child Node process. By the time the pages are written, Astro's process
// holds the content store, the bundled data module and the site model (about 3.5 GB at 5,000
// threads), and indexing in the same heap ran it out of memory; a fresh process starts with none
// of that, and its garbage collector has a small heap to walk.
//
// The child is started when the build starts: loading its code and starting its Pagefind workers
// (about 0.6 s) then happens while Astro bundles and renders, and it waits for a line saying the
// pages are written. Astro runs the integrations' `astro:build:done` hooks one after another, so
// the rest comes as two integrations: `start` sends that line and `finish` waits for the child.
// Integrations placed between them (the sitemap, which checks every page's head on Astro's
// thread) run while the index is built.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { startScript } from './child.ts';

/** The line a waiting index child (`--wait`) is told to begin with. */
export const GO = 'go';

/** A search index child started ahead of the pages: `go` lets it index them; `cancel` stops it unused. */
export interface IndexChild {
  /** Tells the child the pages are written; settles when the index is built (rejects with the child's error output on failure). */
  go(): Promise<void>;
  /** Stops a child that will not be needed: it sees its input end and exits without indexing. */
  cancel(): void;
}

/**
 * Starts the index builder on `dist` in a child process that loads its code and starts its
 * workers, then waits for `go` (parts with pages written since `freshSince` first), passing each
 * line it prints to `log`.
 */
export function startIndexChild(script: string, dist: string, cacheDir: string, log: (line: string) => void, freshSince = 0): IndexChild {
  const child = startScript(
    script,
    ['--wait', '--cache-dir', cacheDir, '--fresh-since', String(freshSince), dist],
    'the search index could not be built',
    log,
    {
      input: true,
    },
  );
  // Held until `go` hands it on, so a failure while waiting is not reported as unhandled in the meantime.
  child.done.catch(() => {});
  // While it waits, the child does not keep the build's process alive: a build that fails before
  // its pages are written exits, closing the child's input, and the child then exits too.
  child.hold(false);
  let ended = false;
  return {
    go: () => {
      child.hold(true);
      if (!ended) child.send(GO);
      ended = true;
      child.end();
      return child.done;
    },
    cancel: () => {
      ended = true;
      child.end();
    },
  };
}

/** Runs the index builder on `dist` in a child process at once; see startIndexChild. */
export function buildIndexInChild(script: string, dist: string, cacheDir: string, log: (line: string) => void, freshSince = 0): Promise<void> {
  return startIndexChild(script, dist, cacheDir, log, freshSince).go();
}

/** Astro integrations: the search index in `<outDir>/pagefind`, begun by `start` and awaited by `finish`; a Pagefind failure fails the build. */
export default function searchIndexIntegration(): { start: AstroIntegration; finish: AstroIntegration } {
  let root = new URL(`file://${process.cwd()}/`);
  let outDir = new URL('dist/', root);
  let child: { dist: string; run: IndexChild } | undefined;
  let building: Promise<void> | undefined;
  const script = () => fileURLToPath(new URL('src/build/build-search-index.ts', root));
  // Beside Astro's and Vite's own caches, so a clean clone starts cold and `rm -rf node_modules` clears it.
  const cacheDir = () => fileURLToPath(new URL('node_modules/.cache/site-search-records/', root));
  return {
    start: {
      name: 'site:search',
      hooks: {
        'astro:config:done': ({ config }) => {
          root = config.root;
          outDir = config.outDir;
        },
        'astro:build:start': ({ logger }) => {
          // Less a second: a file's time may be rounded down; an old page counted fresh only moves its part up the queue.
          const started = Date.now() - 1000;
          const dist = fileURLToPath(outDir);
          child = { dist, run: startIndexChild(script(), dist, cacheDir(), (line) => logger.info(line), started) };
        },
        'astro:build:done': ({ dir, logger }) => {
          const dist = fileURLToPath(dir);
          let run = child?.run;
          // The pages went elsewhere than the folder the child was started on: a child of their own.
          if (!run || child?.dist !== dist) {
            run?.cancel();
            run = startIndexChild(script(), dist, cacheDir(), (line) => logger.info(line), 0);
          }
          child = undefined;
          building = run.go();
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
