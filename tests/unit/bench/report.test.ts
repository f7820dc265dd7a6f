import { describe, expect, test } from 'vitest';
import { kib, markdownTable, median, textTable } from '../../../src/bench/report.ts';

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
