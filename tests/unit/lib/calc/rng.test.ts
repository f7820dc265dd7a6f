import { describe, expect, test } from 'vitest';
import { createRng } from '../../../../src/lib/calc/rng.ts';

describe('createRng', () => {
  test('returns the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  test('returns seeds beyond 2^32 as streams of their own', () => {
    expect(createRng(2 ** 32 + 5).next()).not.toBe(createRng(5).next());
  });

  test('returns uniforms in [0, 1) with mean ½ and variance 1/12', () => {
    const r = createRng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  test('returns normals with mean 0 and variance 1', () => {
    const r = createRng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  test('returns open-interval uniforms that are never 0', () => {
    const r = createRng(0);
    for (let i = 0; i < 10_000; i++) expect(r.nextOpen()).toBeGreaterThan(0);
  });
});
