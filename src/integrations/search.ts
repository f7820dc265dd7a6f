// After the build, writes the Pagefind search index into the output (src/build/build-search-index.ts
// does the work). An integration rather than a step after `astro build` so that `astro build`
// alone, which is what `astro preview` and any host's build command run, ships working search.
//
// The index is built in a child Node process. By the time the pages are written, Astro's process
// holds the content store, the bundled data module and the site model (about 3.5 GB at 5,000
// threads), and indexing in the same heap ran it out of memory; a fresh process starts with none
// of that, and its garbage collector has a small heap to walk.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Runs the index builder on `dist` in a child process, passing each line it prints to `log`; rejects with its error output on failure. */
export function buildIndexInChild(script: string, dist: string, cacheDir: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', script, '--cache-dir', cacheDir, dist], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim()) log(line);
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the search index could not be built (${signal ?? `exit ${code}`}):\n${errors.trim()}`));
    });
  });
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
