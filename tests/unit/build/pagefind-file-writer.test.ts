import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PagefindFileWriter, readPagefindFile, writePagefindFile } from '../../../src/build/pagefind-files.ts';

// The merge compresses its files on Node's thread pool; what lands on disk must be the bytes the
// one-at-a-time writer gives, and a failed write must fail the merge.

const dir = mkdtempSync(join(tmpdir(), 'pagefind-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PagefindFileWriter', () => {
  test('writes the same bytes as writePagefindFile, with few files in flight, and reports the largest file', async () => {
    const payloads = Array.from({ length: 40 }, (_, i) => new TextEncoder().encode(`payload ${i} `.repeat(i * 50 + 1)));
    const writer = new PagefindFileWriter(3);
    for (const [i, p] of payloads.entries()) await writer.write(join(dir, `a${i}`), p);
    const largest = await writer.done();
    let expected = 0;
    for (const [i, p] of payloads.entries()) {
      expected = Math.max(expected, writePagefindFile(join(dir, `b${i}`), p));
      expect(readFileSync(join(dir, `a${i}`)).equals(readFileSync(join(dir, `b${i}`)))).toBe(true);
      expect(Buffer.from(readPagefindFile(join(dir, `a${i}`))).equals(Buffer.from(p))).toBe(true);
    }
    expect(largest).toBe(expected);
  });

  test('a write that fails makes done() reject with its error', async () => {
    const writer = new PagefindFileWriter();
    await writer.write(join(dir, 'no-such-folder', 'x'), new Uint8Array([1, 2, 3]));
    await expect(writer.done()).rejects.toThrow(/ENOENT/);
  });
});
