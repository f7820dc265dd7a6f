import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { buildIndexInChild, startIndexChild } from '../../../src/integrations/search.ts';

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

  test('started before the pages exist, reads them only once told to go', async () => {
    const dist = join(dir, 'early-dist');
    mkdirSync(dist, { recursive: true });
    const lines: string[] = [];
    const child = startIndexChild(script, dist, join(dir, 'early-cache'), (l) => lines.push(l));
    // The build writes its pages while the child loads and starts its workers.
    siteWithComment('early-dist', 'z', 'C', 'recorded', 'Written after the child started.');
    await child.go();
    expect(lines.some((l) => /^search index: 2 records \(1 passages, 1 pages\)/.test(l))).toBe(true);
    expect(existsSync(join(dist, 'pagefind', 'pagefind-entry.json'))).toBe(true);
  });

  test('a child whose build never writes its pages exits, with its workers, when its input ends, writing nothing', async () => {
    const dist = siteWithComment('cancelled-dist', 'w', 'D', 'recorded', 'Never indexed.');
    const lines: string[] = [];
    const child = startIndexChild(script, dist, join(dir, 'cancelled-cache'), (l) => lines.push(l));
    child.cancel();
    // go() after the input has ended only waits for the exit: the child saw no line.
    await child.go();
    expect(lines).toEqual([]);
    expect(existsSync(join(dist, 'pagefind'))).toBe(false);
  });

  test('a waiting child does not keep the build’s process alive: a build that fails before its pages exits', () => {
    const dist = siteWithComment('abandoned-dist', 'v', 'E', 'recorded', 'Never indexed either.');
    const search = fileURLToPath(new URL('../../../src/integrations/search.ts', import.meta.url));
    // A process that starts the child and then has nothing left to do, as a build that threw would.
    const code = `import { startIndexChild } from ${JSON.stringify(search)}; startIndexChild(${JSON.stringify(script)}, ${JSON.stringify(dist)}, ${JSON.stringify(join(dir, 'abandoned-cache'))}, () => {});`;
    const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', code], { timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(existsSync(join(dist, 'pagefind'))).toBe(false);
  }, 40_000);
});
