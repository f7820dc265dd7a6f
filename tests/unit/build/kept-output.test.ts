import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { emptyExceptRecorded, removeOrphans } from '../../../src/build/kept-output.ts';

// The output folder between two builds: emptied but for the pages Astro's manifest recorded, and
// after the build, the kept pages it no longer made removed.

const root = mkdtempSync(join(tmpdir(), 'kept-output-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` (relative path → text) under `dir`. */
function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Every file under `dir`, relative, sorted. */
function list(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const manifestOf = (files: string[]): string =>
  JSON.stringify({ version: 1, routes: { r: { dependencyHash: 'd', paths: Object.fromEntries(files.map((f) => [f, { cacheKey: 'k', outputFile: f }])) } } });

describe('a build on top of the last one', () => {
  const dist = join(root, 'dist');
  const trash = join(root, 'cache', 'dist-trash');
  write(dist, {
    'threads/a/index.html': 'a',
    'threads/gone/index.html': 'gone',
    'threads/index.html': 'thread list, not keyed',
    'index.html': 'home, not keyed',
    'pagefind/fragment/x.pf_fragment': 'x',
    'pagefind/pagefind.js': 'js',
    '_astro/site.abc.js': 'js',
  });
  // A folder a stopped build had moved aside and not deleted.
  write(trash, { 'old/file': 'left over' });
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dist, 'threads/a/index.html'), old, old);
  utimesSync(join(dist, 'threads/gone/index.html'), old, old);
  const kept = emptyExceptRecorded(dist, manifestOf(['threads/a/index.html', 'threads/gone/index.html', 'threads/missing/index.html']), trash);

  test('at the start, only the recorded files are left', async () => {
    expect(list(dist)).toEqual(['threads/a/index.html', 'threads/gone/index.html']);
    expect([...kept.files.keys()].sort()).toEqual(['threads/a/index.html', 'threads/gone/index.html']);
    await kept.cleared;
    expect(existsSync(trash) ? readdirSync(trash) : []).toEqual([]);
  });

  test('at the end, a kept file no longer recorded goes, one written again stays, and so does one still recorded', async () => {
    await kept.cleared;
    write(dist, { 'threads/new/index.html': 'new', 'index.html': 'home again' });
    const removed = removeOrphans(dist, kept.files, manifestOf(['threads/a/index.html', 'threads/new/index.html']));
    expect(removed).toEqual(['threads/gone/index.html']);
    expect(list(dist)).toEqual(['index.html', 'threads/a/index.html', 'threads/new/index.html']);
    // Its folder, left empty, goes with it.
    expect(existsSync(join(dist, 'threads/gone'))).toBe(false);
    expect(readFileSync(join(dist, 'threads/a/index.html'), 'utf8')).toBe('a');
  });
});

describe('a build with no usable manifest', () => {
  const dist = join(root, 'dist-2');
  write(dist, { 'threads/a/index.html': 'a', 'index.html': 'home' });
  test('empties the folder, as Astro would', async () => {
    const kept = emptyExceptRecorded(dist, '{"version":99}', join(root, 'cache-2', 'dist-trash'));
    await kept.cleared;
    expect(list(dist)).toEqual([]);
    expect(kept.files.size).toBe(0);
  });
  test('a page the last build wrote again is never removed at the end', () => {
    const kept = new Map([['threads/b/index.html', 1]]);
    write(dist, { 'threads/b/index.html': 'rewritten' });
    expect(removeOrphans(dist, kept, null)).toEqual([]);
    expect(list(dist)).toEqual(['threads/b/index.html']);
  });
});

test('a folder that does not exist yet is left alone', async () => {
  const kept = emptyExceptRecorded(join(root, 'none'), manifestOf(['index.html']), join(root, 'cache-3'));
  await kept.cleared;
  expect(kept.files.size).toBe(0);
  expect(existsSync(join(root, 'none'))).toBe(false);
});
