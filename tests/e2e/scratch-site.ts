// A scratch copy of the site to build in: the sources and content copied, the packages linked
// (Astro's and our caches, node_modules/.astro and node_modules/.cache, stay the copy's own), so a
// test can import into it, edit it and build it without touching the repository.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** What a build needs from the repository (node_modules is linked, not copied). */
const COPIED = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'components', 'public', 'content'];
/** Folders of node_modules a build writes: each copy has its own. */
const PRIVATE = new Set(['.astro', '.vite', '.cache']);
/** What Vitest puts in the environment of a test besides its VITEST_* variables. */
const VITEST_ENV = new Set(['NODE_ENV', 'TEST', 'FORCE_TTY', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

/** A scratch copy: where it is, a way to run Node scripts in it (their output returned), a build, and its removal. */
export interface ScratchSite {
  dir: string;
  run: (args: readonly string[]) => string;
  build: () => string;
  cleanup: () => void;
}

/** Copies the site into a fresh temp folder named after `name`. */
export function scratchSite(name: string): ScratchSite {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  for (const p of COPIED) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (!PRIVATE.has(entry)) symlinkSync(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  // Vitest's own variables (NODE_ENV=test, DEV=1 and the rest of its import.meta.env) would make
  // the build a development one: its pages would skip what only a production build does to them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_ENV.has(k) && !k.startsWith('VITEST')));
  const run = (args: readonly string[]): string => {
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed in ${dir} (exit ${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
    return r.stdout;
  };
  return {
    dir,
    run,
    build: () => run(['node_modules/astro/bin/astro.mjs', 'build']),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
