import { describe, expect, test } from 'vitest';
import { isHeaderExport, parseHeaderExport } from '../../../src/lib/threads/header.ts';
import { splitExportLines } from '../../../src/lib/threads/lines.ts';
import { prng, textMaker, threadExport } from '../../../src/bench/corpus.ts';

describe('prng', () => {
  test('returns the same sequence for the same seed, within [0, 1)', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });
});

describe('textMaker', () => {
  test('returns plain sentences unless Markdown is asked for', () => {
    const plain = Array.from({ length: 200 }, textMaker(prng(1)).sentence).join(' ');
    expect(plain).not.toMatch(/[*[\]`]/);
    const md = Array.from({ length: 200 }, textMaker(prng(1), { markdown: { internalLink: () => '/threads/t0001/' } }).sentence).join(' ');
    expect(md).toMatch(/\]\(\/threads\/t0001\/\)/);
    expect(md).toMatch(/\*\*/);
  });
});

describe('threadExport', () => {
  test('returns an export the importer reads as a header export, with increasing comment times', () => {
    const text = threadExport(7, prng(3), { comments: [5, 5], authors: 3 });
    const lines = splitExportLines(text);
    expect(isHeaderExport(lines)).toBe(true);
    const parsed = parseHeaderExport('generated.txt', lines);
    expect(parsed.comments).toHaveLength(5);
    expect(new Set(parsed.comments.map((c) => c.author)).size).toBeLessThanOrEqual(3);
    const dates = parsed.comments.map((c) => c.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(5);
    expect(parsed.crosspostNotice).not.toBeNull();
  });
  test('returns the same text for the same seed and number', () => {
    expect(threadExport(2, prng(9))).toBe(threadExport(2, prng(9)));
  });
});
