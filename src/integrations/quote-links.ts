// Starts finding the corpus's quote links as soon as `astro build` has its configuration, in a
// child process (src/data/quote-links.ts) that reads the essays and threads itself, so the work
// overlaps the content sync and Vite's bundling on the core Astro's thread leaves idle; the site
// model (src/data/site.ts) waits for the child and reads what it kept. If the child fails, the
// failure is logged and the model finds the links itself: the build's result never depends on
// this integration, only its speed.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { handOver, QUOTE_CACHE_DIR, QUOTE_LINKS_PENDING, QUOTE_LINKS_READY } from '../lib/site/build-handoff.ts';
import { runScript } from './child.ts';

/** Astro integration: the quote links found beside the content sync and bundling, for the site model to read. */
export default function quoteLinksIntegration(): AstroIntegration {
  let building = false;
  return {
    name: 'site:quote-links',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // The dev server, `astro sync` and `astro check` render nothing that waits for the links.
        building = command === 'build';
      },
      'astro:config:done': ({ config, logger }) => {
        if (!building) return;
        // One child per build, should the configuration be resolved again.
        building = false;
        const root = config.root;
        const args = [
          '--root',
          fileURLToPath(root),
          '--cache-dir',
          fileURLToPath(new URL(`${QUOTE_CACHE_DIR}/`, root)),
          // The frontmatter loader's data files from the last build (src/loaders/frontmatter.ts), for the unchanged sources.
          '--entry-data',
          fileURLToPath(new URL('entry-data/', config.cacheDir)),
        ];
        const script = fileURLToPath(new URL('src/data/quote-links.ts', root));
        // The child prints its result line once the links are kept; the model need not wait while it keeps its reader.
        const running = runScript(
          script,
          args,
          'the quote links could not be found beside the build',
          (line) => logger.info(line),
          (line) => line.startsWith(QUOTE_LINKS_READY),
        );
        running.catch((err: unknown) => logger.warn(`${err instanceof Error ? err.message : String(err)}\nThe site model finds them itself instead.`));
        handOver(QUOTE_LINKS_PENDING, running);
      },
      'astro:build:done': () => {
        handOver(QUOTE_LINKS_PENDING, undefined);
      },
    },
  };
}
