import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileMemo, fileSignature } from '../../../src/build/file-memo.ts';
import { robotsVerdicts } from '../../../src/integrations/sitemap.ts';

// The sitemap's robots check reads a page's head only when the page's file was written since the
// last build; an untouched page keeps the verdict it had.

const root = mkdtempSync(join(tmpdir(), 'sitemap-memo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dist = join(root, 'dist');
const memoFile = join(root, 'cache', 'pages.json');

/** A built page, marked noindex or not. */
function page(path: string, noindex: boolean): string {
  mkdirSync(join(dist, path), { recursive: true });
  const file = join(dist, path, 'index.html');
  writeFileSync(file, `<!doctype html><html><head>${noindex ? '<meta name="robots" content="noindex">' : ''}<title>x</title></head><body></body></html>`);
  return file;
}

describe('robotsVerdicts', () => {
  test('reads each page once, then trusts the kept verdict while the file is untouched', async () => {
    const listed = page('listed', false);
    page('hidden', true);
    const first = new FileMemo<boolean>(memoFile, 'code');
    expect(robotsVerdicts(dist, first)).toEqual([
      { path: '/hidden/', noindex: true },
      { path: '/listed/', noindex: false },
    ]);
    first.save();

    // A kept verdict that says otherwise wins while the file is the same one: the page was not read.
    const told = new FileMemo<boolean>(memoFile, 'code');
    told.set('/listed/', fileSignature(listed), true);
    told.save();
    expect(robotsVerdicts(dist, new FileMemo<boolean>(memoFile, 'code')).find((v) => v.path === '/listed/')?.noindex).toBe(true);

    // Written since (a clock tick later), the page is read again.
    await new Promise((resolve) => setTimeout(resolve, 30));
    page('listed', false);
    expect(robotsVerdicts(dist, new FileMemo<boolean>(memoFile, 'code')).find((v) => v.path === '/listed/')?.noindex).toBe(false);
  });
});
