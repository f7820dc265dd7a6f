import { describe, expect, test } from 'vitest';
import { foldersHolding, orphanedFiles, recordedOutputFiles } from '../../../../src/lib/site/kept-output.ts';

// Which files of the last build may stay in the output folder: only what Astro's incremental
// manifest recorded, and nothing when the manifest cannot be read with certainty.

/** A manifest in the shape Astro 7 writes (version 1), with the given output files per route. */
function manifest(routes: Record<string, string[]>, version: unknown = 1): string {
  return JSON.stringify({
    version,
    configHash: 'c',
    lockfileHash: 'l',
    keyDigest: 'k',
    routes: Object.fromEntries(
      Object.entries(routes).map(([component, files]) => [
        component,
        { dependencyHash: 'd', paths: Object.fromEntries(files.map((f, i) => [`/p${i}/`, { cacheKey: `k${i}`, outputFile: f }])) },
      ]),
    ),
  });
}

describe('recordedOutputFiles', () => {
  test('lists every output file of every route', () => {
    const got = recordedOutputFiles(
      manifest({
        'src/pages/threads/[slug].astro': ['threads/a/index.html', 'threads/b/index.html'],
        'src/pages/previews/[kind]/[slug].json.ts': ['previews/threads/a.json'],
      }),
    );
    expect(got && [...got].sort()).toEqual(['previews/threads/a.json', 'threads/a/index.html', 'threads/b/index.html']);
  });

  test('keeps nothing without a manifest, or with one it cannot read', () => {
    expect(recordedOutputFiles(null)).toBeNull();
    expect(recordedOutputFiles('{not json')).toBeNull();
    expect(recordedOutputFiles(manifest({ r: ['a/index.html'] }, 2))).toBeNull();
    expect(recordedOutputFiles(JSON.stringify({ version: 1, routes: [] }))).toBeNull();
    expect(recordedOutputFiles(JSON.stringify({ version: 1, routes: { r: { paths: { '/a/': { cacheKey: 'k' } } } } }))).toBeNull();
  });

  test('keeps nothing when one path could leave the output folder', () => {
    for (const bad of ['../outside.html', '/etc/passwd', 'a/../../b.html', 'a//b.html', './a.html', 'a\\..\\b.html', '']) {
      expect(recordedOutputFiles(manifest({ r: ['threads/a/index.html', bad] })), bad).toBeNull();
    }
  });
});

describe('foldersHolding', () => {
  test('names every folder above each file, and no file', () => {
    expect([...foldersHolding(['threads/a/index.html', 'threads/b/index.html', 'index.html', 'previews/threads/a.json'])].sort()).toEqual([
      'previews',
      'previews/threads',
      'threads',
      'threads/a',
      'threads/b',
    ]);
  });
});

describe('orphanedFiles', () => {
  const kept = ['threads/gone/index.html', 'threads/kept/index.html', 'threads/now-a-redirect/index.html'];
  test('are the kept files neither recorded again nor written since', () => {
    const written = new Set(['threads/now-a-redirect/index.html']);
    expect(orphanedFiles(kept, new Set(['threads/kept/index.html']), (f) => written.has(f))).toEqual(['threads/gone/index.html']);
  });
  test('with no manifest after the build, every kept file not written since', () => {
    expect(orphanedFiles(kept, null, (f) => f === 'threads/kept/index.html')).toEqual(['threads/gone/index.html', 'threads/now-a-redirect/index.html']);
  });
});
