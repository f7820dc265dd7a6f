// Small pieces the bench tools share: timed Node runs, directory sizes, throwaway project setup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/** Files, bytes, and HTML pages and bytes under a directory, recursively. */
export function dirStats(dir: string): { bytes: number; files: number; htmlBytes: number; pages: number } {
  const out = { bytes: 0, files: 0, htmlBytes: 0, pages: 0 };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = dirStats(p);
      out.bytes += s.bytes;
      out.files += s.files;
      out.htmlBytes += s.htmlBytes;
      out.pages += s.pages;
    } else {
      const size = statSync(p).size;
      out.bytes += size;
      out.files++;
      if (e.name.endsWith('.html')) {
        out.htmlBytes += size;
        out.pages++;
      }
    }
  }
  return out;
}

// GNU time reports a child's peak resident memory; where it is missing the figure is left out.
const GNU_TIME = '/usr/bin/time';

/**
 * Runs Node (TypeScript stripped, telemetry off) in `cwd` and returns its wall time, its output and
 * its peak resident memory in bytes (NaN where GNU time is missing); `show` passes the output
 * through instead. A failure throws with the last lines of output.
 */
export function runNode(cwd: string, args: readonly string[], { show = false } = {}): { seconds: number; stdout: string; peakBytes: number } {
  const t0 = performance.now();
  const node = [process.execPath, '--experimental-strip-types', '--no-warnings', ...args];
  const timed = existsSync(GNU_TIME);
  const peakFile = join(cwd, '.peak-memory');
  const [cmd, ...argv] = timed ? [GNU_TIME, '-f', '%M', '-o', peakFile, ...node] : node;
  const res = spawnSync(cmd!, argv, {
    cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    stdio: show ? ['ignore', 'inherit', 'inherit'] : 'pipe',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`node ${args.join(' ')} failed in ${cwd} (exit ${res.status ?? res.signal})${tail ? `:\n${tail}` : ''}`);
  }
  let peakBytes = Number.NaN;
  if (timed && existsSync(peakFile)) {
    peakBytes = Number(readFileSync(peakFile, 'utf8').trim().split('\n').at(-1)) * 1024;
    rmSync(peakFile, { force: true });
  }
  return { seconds, stdout: res.stdout ?? '', peakBytes };
}

/** Wall time of a build and of its two parts. */
export interface BuildTimes {
  astroSeconds: number;
  indexSeconds: number;
  seconds: number;
}

/**
 * Splits a build's wall time into Astro's part and the search index's, which the search
 * integration reports in its closing line (src/build/build-search-index.ts).
 */
export function buildTimes(seconds: number, output: string): BuildTimes {
  const indexSeconds = Number(/search index: \d+ records .* in ([\d.]+) s/.exec(output)?.[1] ?? Number.NaN);
  return { astroSeconds: seconds - indexSeconds, indexSeconds, seconds };
}

// Caches and lock data that must not be shared with a throwaway project.
const PRIVATE_MODULES = new Set(['.astro', '.vite', '.vite-temp', '.cache', '.vitest-cache', '.package-lock.json']);

/**
 * Gives a throwaway project the repository's packages: node_modules is a real directory of links,
 * so Astro's and Vite's caches (node_modules/.astro, .vite) stay inside the project.
 */
export function linkNodeModules(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (!PRIVATE_MODULES.has(name)) symlinkSync(join(REPO, 'node_modules', name), join(dir, 'node_modules', name));
  }
}
