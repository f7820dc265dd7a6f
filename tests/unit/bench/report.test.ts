import { describe, expect, test } from 'vitest';
import { kib, markdownTable, median, medianItem, pairedRatio, textTable } from '../../../src/bench/report.ts';

describe('medianItem', () => {
  test('returns the whole item at the median of its key, the lower middle for an even count', () => {
    const runs = [
      { lcp: 900, tbt: 1 },
      { lcp: 700, tbt: 2 },
      { lcp: 750, tbt: 3 },
    ];
    expect(medianItem(runs, (r) => r.lcp)).toEqual({ lcp: 750, tbt: 3 });
    expect(medianItem([...runs, { lcp: 800, tbt: 4 }], (r) => r.lcp)).toEqual({ lcp: 750, tbt: 3 });
    const one = { lcp: 1, tbt: 0 };
    expect(medianItem([one], (r) => r.lcp)).toBe(one);
    expect(() => medianItem([], (r: number) => r)).toThrow(/no items/);
  });
});

describe('median', () => {
  test('returns the middle value, or the mean of the two middle ones', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, 0]);
  });
});

describe('kib', () => {
  test('returns KiB with one decimal', () => {
    expect([kib(1024), kib(3115), kib(0)]).toEqual(['1.0', '3.0', '0.0']);
  });
});

describe('textTable', () => {
  test('returns columns aligned, the first to the left and the rest to the right', () => {
    expect(
      textTable(
        ['kind', 'KiB'],
        [
          ['home', '3.0'],
          ['calculator', '19.6'],
        ],
      ),
    ).toBe(['kind         KiB', '──────────  ────', 'home         3.0', 'calculator  19.6'].join('\n'));
  });
});

describe('markdownTable', () => {
  test('returns a GitHub table with numeric columns right-aligned', () => {
    expect(markdownTable(['kind', 'KiB'], [['home', '3.0']])).toBe('| kind | KiB |\n|---|---:|\n| home | 3.0 |');
  });
});

describe('pairedRatio', () => {
  test("gives each pair's own ratio, in order, and their median, not the ratio of summed times", () => {
    const r = pairedRatio([
      { seconds: 48, bareSeconds: 24 },
      { seconds: 30, bareSeconds: 20 },
      { seconds: 63, bareSeconds: 30 },
    ]);
    expect(r.ratios).toEqual([2, 1.5, 2.1]);
    expect(r.median).toBe(2);
    // Summed, the same builds would give 141 / 74 = 1.905…: one slow pair must not pull the figure.
    expect(pairedRatio([{ seconds: 10, bareSeconds: 5 }]).median).toBe(2);
  });
});
