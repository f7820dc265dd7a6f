import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, scratchRoot, writtenFiles } from './cli-fixture.ts';

let tmp = '';
beforeEach(() => {
  tmp = scratchRoot();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const SEG = ['--segments', 'content/segments/small.yaml'];

describe('importer CLI re-importing with other options', { timeout: 60_000 }, () => {
  test('overwrites silently when the options are the same', () => {
    expect(runCli(tmp, 'content/sources/small.txt', ...SEG).status).toBe(0);
    const again = runCli(tmp, 'content/sources/small.txt', ...SEG);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('wrote content/threads/small-thread.mdx\nwrote content/essays/small-thread.mdx\n');
  });

  test('refuses to replace a file generated from another export, even with --force', () => {
    expect(runCli(tmp, 'content/sources/body-line.txt', '--segments', 'content/segments/body-line.yaml').status).toBe(0);
    const before = readFileSync(join(tmp, 'content/threads/quoted-header.mdx'), 'utf8');
    const r = runCli(tmp, 'content/sources/lookalikes.txt', '--slug', 'quoted-header', '--force');
    expect(r.stderr).toBe(
      'content/threads/quoted-header.mdx: already exists and was not generated from content/sources/lookalikes.txt; choose another --slug or remove the file\n',
    );
    expect(r.status).toBe(1);
    expect(readFileSync(join(tmp, 'content/threads/quoted-header.mdx'), 'utf8')).toBe(before);
  });

  test('names the --segments option that differs, and --force replaces the file', () => {
    expect(runCli(tmp, 'content/sources/lookalikes.txt', '--segments', 'content/segments/lookalikes.yaml').status).toBe(0);
    const r = runCli(tmp, 'content/sources/lookalikes.txt');
    expect(r.stderr).toBe(
      'content/threads/look-alikes.mdx: it was generated with --segments content/segments/lookalikes.yaml, this run has no --segments; re-run with the same options, or pass --force to replace it\n',
    );
    expect(r.status).toBe(1);
    const forced = runCli(tmp, 'content/sources/lookalikes.txt', '--force');
    expect(forced.status).toBe(0);
    expect(readFileSync(join(tmp, 'content/threads/look-alikes.mdx'), 'utf8')).toMatch(/\n {2}segments: null\n/);
  });

  test('names the --slug option that differs when the export was imported under another slug', () => {
    expect(runCli(tmp, 'content/sources/small.txt', ...SEG).status).toBe(0);
    const r = runCli(tmp, 'content/sources/small.txt', ...SEG, '--slug', 'other-name');
    expect(r.stderr).toBe(
      'content/threads/small-thread.mdx: was also generated from content/sources/small.txt, but it was generated with no --slug, this run has --slug other-name, so this run would write content/threads/other-name.mdx and content/essays/other-name.mdx beside it; re-run with the same options, or pass --force (then remove the stale file)\n',
    );
    expect(r.status).toBe(1);
    expect(writtenFiles(tmp).sort()).toEqual(['content/essays/small-thread.mdx', 'content/threads/small-thread.mdx']);
    expect(runCli(tmp, 'content/sources/small.txt', ...SEG, '--slug', 'other-name', '--force').status).toBe(0);
    expect(writtenFiles(tmp)).toContain('content/threads/other-name.mdx');
  });
});

describe('importer CLI on unreadable or hostile input', { timeout: 60_000 }, () => {
  test.each<[string, () => string[], string]>([
    [
      // A folder is read as a batch of exports (npm run import -- <folder>); an empty one says so.
      'a directory with no exports as the export',
      () => {
        mkdirSync(join(tmp, 'content/sources/dir.txt'));
        return ['content/sources/dir.txt'];
      },
      'content/sources/dir.txt: the folder holds no exports (.txt or .json files)',
    ],
    [
      'a path through a file',
      () => ['content/sources/small.txt/x.txt'],
      'content/sources/small.txt/x.txt: file not found (part of the path is a file, not a directory)',
    ],
    [
      // Root can read any file, so unreadability is simulated with a file whose read fails.
      'a file that cannot be read',
      () => {
        symlinkSync('/proc/self/mem', join(tmp, 'content/sources/mem.txt'));
        return ['content/sources/mem.txt'];
      },
      'content/sources/mem.txt: cannot be read (EIO)',
    ],
    [
      'a directory as the segmentation file',
      () => ['content/sources/small.txt', '--segments', 'content/segments'],
      'content/segments: not a file (it is a directory)',
    ],
    [
      'a YAML alias bomb as the segmentation file',
      () => ['content/sources/small.txt', '--segments', 'content/segments/alias-bomb.yaml'],
      'content/segments/alias-bomb.yaml: bad YAML: aliases expand to too many nodes (over 100); write the values out instead',
    ],
    [
      'a javascript: link behind a control character',
      () => ['content/sources/small.txt', '--segments', 'content/segments/javascript-url.yaml'],
      'content/segments/javascript-url.yaml:5: origin.url: a URL must not contain spaces, control or invisible characters (got "\\u0001javascript:alert(1)")',
    ],
    [
      'a data: link on a comment',
      () => ['content/sources/small.txt', '--segments', 'content/segments/data-url.yaml'],
      'content/segments/data-url.yaml:21: segment B: url: a URL must start with http:// or https:// and a host (got "data:text/html,<script>alert(1)</script>")',
    ],
  ])('rejects %s with one line, exit 1, and writes nothing', (_what, args, message) => {
    const r = runCli(tmp, ...args());
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.status).toBe(1);
    expect(writtenFiles(tmp)).toEqual([]);
  });
});
