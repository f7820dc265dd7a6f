import { describe, expect, test } from 'vitest';
import { endsPart, pathDraw } from '../../../../src/lib/search/parts.ts';

describe('endsPart', () => {
  const paths = Array.from({ length: 4000 }, (_, i) => `/threads/generated-${String(i).padStart(4, '0')}/`);

  test('closes parts of about the target size, whatever the pages’ sizes', () => {
    for (const size of [1_000, 50_000]) {
      const target = 100 * size;
      let parts = 0;
      let inPart = 0;
      for (const p of paths) {
        inPart += size;
        if (endsPart(p, size, inPart, target)) {
          parts++;
          inPart = 0;
        }
      }
      // 4,000 pages of `size` bytes at 100 pages a part: about 40 parts (more with the 2× cap).
      expect(parts).toBeGreaterThan(30);
      expect(parts).toBeLessThan(60);
    }
  });

  test('always closes a part at twice the target, never for an empty page or an infinite target', () => {
    expect(paths.every((p) => endsPart(p, 1, 200, 100))).toBe(true);
    expect(paths.some((p) => endsPart(p, 0, 10, 100))).toBe(false);
    expect(paths.some((p) => endsPart(p, 1e9, 1e12, Infinity))).toBe(false);
  });

  test('depends on the page alone, so a page added elsewhere moves no boundary', () => {
    const boundaries = (list: string[]) => list.filter((p) => endsPart(p, 5_000, 0, 100_000));
    const withNew = [...paths.slice(0, 2000), '/threads/new-thread/', ...paths.slice(2000)];
    expect(boundaries(withNew).filter((p) => p !== '/threads/new-thread/')).toEqual(boundaries(paths));
    expect(pathDraw('/a/')).toBe(pathDraw('/a/'));
    expect(new Set(paths.map(pathDraw)).size).toBe(paths.length);
  });
});
