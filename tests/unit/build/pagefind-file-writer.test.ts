import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BoundedJobs, PagefindFileWriter, readPagefindFile, writePagefindFile } from '../../../src/build/pagefind-files.ts';

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

describe('BoundedJobs', () => {
  test('never has more than its limit in flight, and runs every job', async () => {
    const jobs = new BoundedJobs(3);
    let running = 0;
    let most = 0;
    let finished = 0;
    for (let i = 0; i < 20; i++) {
      await jobs.add(async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, i % 4));
        running--;
        finished++;
      });
    }
    await jobs.done();
    expect(most).toBe(3);
    expect(finished).toBe(20);
  });

  test('keeps the first failure: done() rejects with it, and so does the next add once the queue is full', async () => {
    const jobs = new BoundedJobs(1);
    await jobs.add(() => Promise.reject(new Error('first')));
    await expect(jobs.add(() => Promise.reject(new Error('second')))).rejects.toThrow('first');
    await expect(jobs.done()).rejects.toThrow('first');
  });
});
