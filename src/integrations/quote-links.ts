// Starts finding the corpus's quote links as soon as `astro build` has synced the content, in a
// child process (src/data/quote-links.ts), so the work overlaps Vite's bundling on the core Astro's
// thread leaves idle; the site model (src/data/site.ts) waits for the child and reads what it kept.
// If the child fails, the failure is logged and the model finds the links itself: the build's
// result never depends on this integration, only its speed.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { handOver, QUOTE_CACHE_DIR, QUOTE_LINKS_PENDING } from '../lib/site/build-handoff.ts';
import { runScript } from './child.ts';

/** Astro integration: the quote links found beside the bundling, for the site model to read. */
export default function quoteLinksIntegration(): AstroIntegration {
  let root = new URL(`file://${process.cwd()}/`);
  let cacheDir = new URL('node_modules/.astro/', root);
  return {
    name: 'site:quote-links',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        cacheDir = config.cacheDir;
      },
      'astro:build:start': ({ logger }) => {
        const args = [
          '--root',
          fileURLToPath(root),
          // The frontmatter loader's checked data (src/loaders/frontmatter.ts), written by the sync just done.
          '--entry-data',
          fileURLToPath(new URL('entry-data/', cacheDir)),
          '--cache-dir',
          fileURLToPath(new URL(`${QUOTE_CACHE_DIR}/`, root)),
        ];
        const script = fileURLToPath(new URL('src/data/quote-links.ts', root));
        const running = runScript(script, args, 'the quote links could not be found beside the bundling', (line) => logger.info(line));
        running.catch((err: unknown) => logger.warn(`${err instanceof Error ? err.message : String(err)}\nThe site model finds them itself instead.`));
        handOver(QUOTE_LINKS_PENDING, running);
      },
      'astro:build:done': () => {
        handOver(QUOTE_LINKS_PENDING, undefined);
      },
    },
  };
}
