import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { transientDistribution } from '../../../../src/lib/calc/markov.ts';
import { generator, initialDistribution, ORDERING_DEFAULTS, type OrderingInputs } from '../../../../src/lib/calc/ordering.ts';
import { referenceTransient } from './reference.ts';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return d;
};

describe('transientDistribution', () => {
  test('returns the start unchanged when t is 0 or nothing can move', () => {
    const q = new Float64Array([-1, 1, 0, 0]);
    expect(Array.from(transientDistribution(q, [0.3, 0.7], 0))).toEqual([0.3, 0.7]);
    expect(Array.from(transientDistribution(new Float64Array(4), [0.3, 0.7], 5))).toEqual([0.3, 0.7]);
  });

  test('returns e^{-rt} for a single exponential clock, even when rt is large', () => {
    for (const [r, t] of [
      [1, 1],
      [3, 0.01],
      [1000, 0.02],
      [1e3, 1e3],
    ] as const) {
      const q = new Float64Array([-r, r, 0, 0]);
      const v = transientDistribution(q, [1, 0], t);
      expect(Math.abs((v[0] ?? 0) - Math.exp(-r * t))).toBeLessThan(1e-14);
      expect(Math.abs((v[1] ?? 0) - -Math.expm1(-r * t))).toBeLessThan(1e-14);
    }
  });

  test('returns the hypoexponential law for two clocks in series with equal rates (a repeated eigenvalue)', () => {
    const r = 2;
    const q = new Float64Array([-r, r, 0, 0, -r, r, 0, 0, 0]);
    for (const t of [0.1, 1, 7.5]) {
      const v = transientDistribution(q, [1, 0, 0], t);
      expect(Math.abs((v[1] ?? 0) - r * t * Math.exp(-r * t))).toBeLessThan(1e-14);
      expect(Math.abs((v[2] ?? 0) - (1 - Math.exp(-r * t) * (1 + r * t)))).toBeLessThan(1e-14);
    }
  });

  const inputs = fc.record({
    pG: fc.double({ min: 0, max: 1, noNaN: true }),
    pL: fc.double({ min: 0, max: 1, noNaN: true }),
    pB: fc.double({ min: 0, max: 1, noNaN: true }),
    pS: fc.double({ min: 0, max: 1, noNaN: true }),
    mG: fc.double({ min: 0.05, max: 20, noNaN: true }),
    mL: fc.double({ min: 0.05, max: 20, noNaN: true }),
    mB: fc.double({ min: 0.05, max: 20, noNaN: true }),
    mS: fc.double({ min: 0.05, max: 20, noNaN: true }),
    q: fc.double({ min: 0, max: 1, noNaN: true }),
    corr: fc.double({ min: 0.02, max: 1e6, noNaN: true }),
    tau: fc.double({ min: 0.001, max: 3, noNaN: true }),
  });

  test('returns the double-double reference to within 1e-12 for the ordering chain', () => {
    fc.assert(
      fc.property(inputs, (partial) => {
        const all: OrderingInputs = { ...ORDERING_DEFAULTS, ...partial };
        const q = generator(all);
        const v0 = initialDistribution(all);
        const fast = transientDistribution(q, v0, all.tau);
        const ref = referenceTransient(q, v0, all.tau);
        expect(maxAbsDiff(fast, ref)).toBeLessThan(1e-12);
      }),
      { numRuns: 40, seed: 20231115 },
    );
  });

  test('returns the double-double reference to within 1e-10 for stiff chains (rates 1000 times apart, Λτ ≈ 500)', () => {
    const cases: Partial<OrderingInputs>[] = [
      { mG: 0.01, mL: 10, mB: 0.02, mS: 5, corr: 0.01, tau: 1, q: 0.3 },
      { pG: 0.5, pB: 0.5, mG: 0.005, mL: 5, mB: 1, mS: 0.01, corr: 0.5, tau: 0.8 },
      { mG: 1, mL: 1, mB: 1, mS: 1, corr: 1e9, tau: 120 },
      { pG: 0.3, pL: 0.2, pB: 0.6, pS: 0.4, mG: 0.001, mL: 30, mB: 0.002, mS: 10, corr: 0.001, tau: 4, q: 0.3 },
    ];
    for (const c of cases) {
      const all: OrderingInputs = { ...ORDERING_DEFAULTS, ...c };
      const q = generator(all);
      const v0 = initialDistribution(all);
      expect(maxAbsDiff(transientDistribution(q, v0, all.tau), referenceTransient(q, v0, all.tau))).toBeLessThan(1e-10);
    }
  });

  test('returns the double-double reference to within 1e-10 when Λτ is 10^5 with mass still moving', () => {
    const all: OrderingInputs = { ...ORDERING_DEFAULTS, pG: 0.4, pB: 0.3, mG: 0.001, mL: 1000, mB: 0.001, mS: 0.002, corr: 0.001, q: 0.5, tau: 20 };
    const q = generator(all);
    const v0 = initialDistribution(all);
    expect(maxAbsDiff(transientDistribution(q, v0, all.tau), referenceTransient(q, v0, all.tau))).toBeLessThan(1e-10);
  }, 30_000);
});
