import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { buildIndexInChild } from '../../../src/integrations/search.ts';

const script = fileURLToPath(new URL('../../../src/build/build-search-index.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'search-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A built site in `dir/<name>` with one thread page holding one comment by `author` (its status as given) saying `text`. */
function siteWithComment(name: string, slug: string, author: string, status: string, text: string): string {
  const dist = join(dir, name);
  mkdirSync(join(dist, 'threads', slug), { recursive: true });
  writeFileSync(
    join(dist, 'threads', slug, 'index.html'),
    `<!doctype html><html lang="en"><head><title>${slug}</title></head><body><main data-pagefind-body><h1>Thread ${slug}</h1>` +
      `<article id="c-${slug}" data-search-record data-search-kind="comment" data-search-author="${author}" data-search-author-status="${status}"><p>${text}</p></article>` +
      '</main></body></html>',
  );
  return dist;
}

describe('building the search index in a child process', () => {
  test('indexes a built page and passes the child’s progress lines on, one by one', async () => {
    const dist = siteWithComment('dist', 'x', 'A', 'recorded', 'Gradient descent plays along.');
    const lines: string[] = [];
    await buildIndexInChild(script, dist, join(dir, 'cache'), (l) => lines.push(l));
    expect(lines.some((l) => /^search index: 2 records \(1 passages, 1 pages\)/.test(l))).toBe(true);
    expect(lines.every((l) => !l.includes('\n') && l.trim() === l.trimEnd() && l.length > 0)).toBe(true);
    expect(existsSync(join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
  });

  test('a bad passage in one part fails the build with a message naming its page and what is wrong', async () => {
    const dist = siteWithComment('bad-dist', 'y', 'B', 'guessed', 'Text.');
    await expect(buildIndexInChild(script, dist, join(dir, 'bad-cache'), () => {})).rejects.toThrow(
      /part starting at \/threads\/y\/ failed: \/threads\/y\/#c-y: passage author "B" has no valid status \(got "guessed"\)/,
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
