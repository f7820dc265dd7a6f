import { mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FileMemo, fileSignature } from '../../../src/build/file-memo.ts';

// What a build pass learnt from a page is trusted in the next build only while the page's file is
// untouched: any write, even of the same bytes with the old times put back, or a replacement
// of the file, makes the pass read the page again.

const root = mkdtempSync(join(tmpdir(), 'file-memo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Waits past the file system's clock tick (timestamps advance a few milliseconds at a time). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('fileSignature', () => {
  test('stays while a file is untouched and changes with any write or replacement', async () => {
    const file = join(root, 'page.html');
    writeFileSync(file, '<p>one</p>');
    const first = fileSignature(file);
    expect(fileSignature(file)).toBe(first);
    readFileSync(file);
    expect(fileSignature(file)).toBe(first);

    // The same size, and the old modification time put back: the change time still moves.
    await tick();
    const { atime, mtime } = statSync(file);
    writeFileSync(file, '<p>two</p>');
    utimesSync(file, atime, mtime);
    const rewritten = fileSignature(file);
    expect(rewritten).not.toBe(first);

    // Replaced by another file of the same bytes and times: another inode.
    const other = join(root, 'other.html');
    writeFileSync(other, '<p>two</p>');
    utimesSync(other, atime, mtime);
    renameSync(other, file);
    expect(fileSignature(file)).not.toBe(rewritten);
  });
});

describe('FileMemo', () => {
  const memoFile = join(root, 'cache', 'memo.json');

  test('gives back a value for a page whose signature is the same, in a later build', () => {
    const memo = new FileMemo<string>(memoFile, 'code-1');
    memo.set('/a/', 'sig-a', 'value-a');
    memo.set('/b/', 'sig-b', 'value-b');
    memo.save();
    const next = new FileMemo<string>(memoFile, 'code-1');
    expect(next.get('/a/', 'sig-a')).toBe('value-a');
    expect(next.get('/b/', 'sig-b')).toBe('value-b');
  });

  test('gives nothing for a changed signature, an unknown page or other code', () => {
    const memo = new FileMemo<string>(memoFile, 'code-1');
    memo.set('/a/', 'sig-a', 'value-a');
    memo.save();
    expect(new FileMemo<string>(memoFile, 'code-1').get('/a/', 'sig-a2')).toBeUndefined();
    expect(new FileMemo<string>(memoFile, 'code-1').get('/c/', 'sig-a')).toBeUndefined();
    expect(new FileMemo<string>(memoFile, 'code-2').get('/a/', 'sig-a')).toBeUndefined();
  });

  test('keeps only the pages a build asked about or told', () => {
    const memo = new FileMemo<number>(memoFile, 'code-1');
    memo.set('/a/', 'sig-a', 1);
    memo.set('/b/', 'sig-b', 2);
    memo.save();
    const next = new FileMemo<number>(memoFile, 'code-1');
    expect(next.get('/a/', 'sig-a')).toBe(1);
    next.set('/c/', 'sig-c', 3);
    next.save();
    const third = new FileMemo<number>(memoFile, 'code-1');
    expect(third.get('/a/', 'sig-a')).toBe(1);
    expect(third.get('/b/', 'sig-b')).toBeUndefined();
    expect(third.get('/c/', 'sig-c')).toBe(3);
  });

  test('treats a missing, damaged or foreign memo file as empty', () => {
    expect(new FileMemo<string>(join(root, 'none', 'memo.json'), 'code-1').get('/a/', 'sig-a')).toBeUndefined();
    for (const text of ['{not json', '[]', '{"code":"code-1","entries":{"/a/":"sig-a"}}', '{"code":"code-1","entries":{"/a/":[1,"x"]}}']) {
      writeFileSync(memoFile, text);
      expect(new FileMemo<string>(memoFile, 'code-1').get('/a/', 'sig-a')).toBeUndefined();
    }
  });

  test('a folder that cannot be written costs only the memo', () => {
    // A file stands where the memo's folder would be.
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, '');
    const memo = new FileMemo<string>(join(blocked, 'memo.json'), 'code-1');
    memo.set('/a/', 'sig-a', 'value-a');
    expect(() => memo.save()).not.toThrow();
  });
});
