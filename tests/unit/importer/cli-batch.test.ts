import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { prng, threadExport } from '../../../src/bench/corpus.ts';
import { runCli, scratchRoot, writtenFiles } from './cli-fixture.ts';

// Many exports in one run, all written or none. (Exports live in content/sources, so a batch is
// usually several files there; a folder argument expands to its .txt and .json files.)

const BATCH = ['content/sources/batch-1.txt', 'content/sources/batch-2.txt', 'content/sources/batch-3.txt'];

let tmp = '';
beforeEach(() => {
  tmp = scratchRoot();
  const rand = prng(3);
  for (const i of [1, 2, 3]) writeFileSync(join(tmp, `content/sources/batch-${i}.txt`), threadExport(i, rand, { comments: [3, 5], authors: 10 }));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('importer CLI with several exports', { timeout: 60_000 }, () => {
  test('imports several exports in one run', () => {
    const r = runCli(tmp, ...BATCH);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const threads = writtenFiles(tmp).filter((f) => f.startsWith('content/threads/'));
    expect(threads).toHaveLength(3);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(writtenFiles(tmp).length);
  });

  test('writes nothing when one export of the batch is bad, and names it', () => {
    writeFileSync(join(tmp, 'content/sources/batch-4.txt'), '');
    const r = runCli(tmp, ...BATCH, 'content/sources/batch-4.txt');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('content/sources/batch-4.txt: the file is empty\n');
    expect(writtenFiles(tmp)).toEqual([]);
  });

  test('refuses --slug with more than one export', () => {
    const r = runCli(tmp, ...BATCH, '--slug', 'one-name');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^--slug and --segments apply to one export; 3 were given/);
    expect(writtenFiles(tmp)).toEqual([]);
  });

  test('names an empty folder', () => {
    mkdirSync(join(tmp, 'content/sources/empty'));
    const r = runCli(tmp, 'content/sources/empty');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('content/sources/empty: the folder holds no exports (.txt or .json files)\n');
  });
});
