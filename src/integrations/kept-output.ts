// Lets a rebuild leave its unchanged pages where they are. Astro empties the output folder before
// every build, so its incremental build then copies each unchanged page back from its own cache:
// after one more thread at 1,000 threads, 3,077 files deleted and copied back. Here Vite is told
// not to empty the folder; this integration empties it itself at the build's start, except for
// the files Astro's incremental manifest recorded (which Astro then leaves in place, or renders
// again when their key changed), and once the pages are built it deletes those of the kept files
// that the build neither recorded nor wrote (a removed thread's page), before any pass that reads
// the built pages. The rules are in src/lib/site/kept-output.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { emptyExceptRecorded, readIncrementalManifest, removeOrphans, type KeptOutput } from '../build/kept-output.ts';

/** Astro integration: the output folder emptied of all but what the incremental build may reuse. */
export default function keptOutputIntegration(): AstroIntegration {
  let dist = '';
  let cacheDir = '';
  let kept: KeptOutput | null = null;
  return {
    name: 'site:kept-output',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        dist = fileURLToPath(config.outDir);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': ({ logger }) => {
        kept = emptyExceptRecorded(dist, readIncrementalManifest(cacheDir), join(cacheDir, 'dist-trash'));
        if (kept.files.size > 0) logger.info(`${kept.files.size} files of the last build left in place for the incremental build to reuse`);
      },
      'astro:build:done': async ({ logger }) => {
        if (!kept) return;
        await kept.cleared;
        const orphans = removeOrphans(dist, kept.files, readIncrementalManifest(cacheDir));
        if (orphans.length > 0)
          logger.info(
            `${orphans.length} files of the last build no longer built, removed: ${orphans.slice(0, 5).join(', ')}${orphans.length > 5 ? ', …' : ''}`,
          );
        kept = null;
      },
    },
  };
}
