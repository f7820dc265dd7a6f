import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { buildIndexInChild } from '../../../src/integrations/search.ts';

const script = fileURLToPath(new URL('../../../src/build/build-search-index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'search-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('building the search index in a child process', () => {
  test('indexes a built page and passes the child’s progress lines on, one by one', async () => {
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'threads', 'x'), { recursive: true });
    writeFileSync(
      join(dist, 'threads', 'x', 'index.html'),
      '<!doctype html><html lang="en"><head><title>x</title></head><body><main data-pagefind-body><h1>Thread x</h1>' +
        '<article id="c-a" data-search-record data-search-kind="comment" data-search-author="A" data-search-author-status="recorded"><p>Gradient descent plays along.</p></article>' +
        '</main></body></html>',
    );
    const lines: string[] = [];
    await buildIndexInChild(script, dist, join(dir, 'cache'), (l) => lines.push(l));
    expect(lines.some((l) => /^search index: 2 records \(1 passages, 1 pages\)/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes('\n') && l.trim() === l.trimEnd() && l.length > 0)).toBe(true);
    expect(existsSync(join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
  });

  test('a bad passage in one part fails the build with a message naming its page and what is wrong', async () => {
    const dist = join(dir, 'bad-dist');
    mkdirSync(join(dist, 'threads', 'y'), { recursive: true });
    writeFileSync(
      join(dist, 'threads', 'y', 'index.html'),
      '<!doctype html><html lang="en"><head><title>y</title></head><body><main data-pagefind-body><h1>Thread y</h1>' +
        '<article id="c-b" data-search-record data-search-kind="comment" data-search-author="B" data-search-author-status="guessed"><p>Text.</p></article>' +
        '</main></body></html>',
    );
    await expect(buildIndexInChild(script, dist, join(dir, 'bad-cache'), () => {})).rejects.toThrow(
      /part starting at \/threads\/y\/ failed: \/threads\/y\/#c-b: passage author "B" has no valid status \(got "guessed"\)/,
    );
    expect(existsSync(join(dist, 'pagefind'))).toBe(false);
  });

  test('a failure in the child fails the build with the child’s own message', async () => {
    const missing = join(dir, 'no-dist-here');
    await expect(buildIndexInChild(script, missing, join(dir, 'cache'), () => {})).rejects.toThrow(
      /the search index could not be built \(exit 1\):\n.*no such file or directory.*no-dist-here/,
    );
  });
});
