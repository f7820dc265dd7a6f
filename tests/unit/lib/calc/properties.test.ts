// Property tests (fast-check): bounds, outcomes summing to 1, monotonicity, and exact against
// Monte Carlo, because hand-picked examples miss the corners where the closed forms go wrong.
// Seeds are fixed so a failure reproduces; raise numRuns locally to search harder.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { evaluateHorizon, hMin, HORIZON_DEFAULTS, type HorizonInputs } from '../../../../src/lib/calc/horizon.ts';
import { runMonteCarlo } from '../../../../src/lib/calc/montecarlo.ts';
import {
  dangerousOrderProbability,
  exactOutcome,
  ORDERING_DEFAULTS,
  orderProbabilities,
  sensitivity,
  type OrderingInputs,
} from '../../../../src/lib/calc/ordering.ts';
import { parseHorizonTexts } from '../../../../src/lib/calc/horizon-query.ts';
import { parseOrderingTexts } from '../../../../src/lib/calc/ordering-query.ts';

const prob = fc.double({ min: 0, max: 1, noNaN: true });
const time = fc.double({ min: 0.001, max: 1000, noNaN: true });
const orderingInputs = fc
  .record({
    pG: prob,
    pL: prob,
    pB: prob,
    pS: prob,
    mG: time,
    mL: time,
    mB: time,
    mS: time,
    q: prob,
    corr: fc.double({ min: 0.001, max: 1e9, noNaN: true }),
    tau: time,
  })
  .map((o): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o }));

describe('exactOutcome (properties)', () => {
  test('returns outputs in [0, 1] whose four outcomes sum to 1', () => {
    fc.assert(
      fc.property(orderingInputs, (i) => {
        const o = exactOutcome(i);
        for (const v of Object.values(o)) expect(v >= 0 && v <= 1).toBe(true);
        expect(Math.abs(o.pDeceptive + o.pAligned + o.pProxy + o.pNoGoal - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  test('returns a p-deceptive that faster correction never raises', () => {
    fc.assert(
      fc.property(orderingInputs, fc.double({ min: 1.000001, max: 1000, noNaN: true }), (i, factor) => {
        const slow = exactOutcome(i).pDeceptive;
        const fast = exactOutcome({ ...i, corr: i.corr / factor }).pDeceptive;
        expect(fast).toBeLessThanOrEqual(slow + 1e-12);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  test('returns a dangerous-order probability in [0, 1] and 65 order probabilities summing to 1', () => {
    fc.assert(
      fc.property(orderingInputs, (i) => {
        const d = dangerousOrderProbability(i);
        expect(d >= 0 && d <= 1).toBe(true);
        expect(Math.abs(Array.from(orderProbabilities(i)).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test('returns sensitivity rows in [0, 1] for any inputs', () => {
    fc.assert(
      fc.property(orderingInputs, (i) => {
        for (const r of sensitivity(i)) for (const v of [r.low, r.high]) expect(v >= 0 && v <= 1).toBe(true);
      }),
      { numRuns: 30, seed: 4 },
    );
  });
});

describe('runMonteCarlo (properties)', () => {
  const mcInputs = fc
    .record({
      pG: prob,
      pL: prob,
      pB: prob,
      pS: prob,
      mG: fc.double({ min: 0.05, max: 5, noNaN: true }),
      mL: fc.double({ min: 0.05, max: 5, noNaN: true }),
      mB: fc.double({ min: 0.05, max: 5, noNaN: true }),
      mS: fc.double({ min: 0.05, max: 5, noNaN: true }),
      q: prob,
      corr: fc.double({ min: 0.02, max: 100, noNaN: true }),
      tau: fc.double({ min: 0.1, max: 5, noNaN: true }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    })
    .map((o): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o, n: 20_000 }));

  test('returns estimates within 4 standard errors of the exact model for exponential settings', () => {
    fc.assert(
      fc.property(mcInputs, (i) => {
        const exact = exactOutcome(i);
        const mc = runMonteCarlo(i);
        for (const key of ['pDeceptive', 'pAligned', 'pProxy', 'pNoGoal', 'pDangerousOrder'] as const) {
          // A floor of 1/n stops an estimate of exactly 0 (standard error 0) failing on rounding.
          const se = Math.max(mc[key].se, 1 / i.n);
          expect(Math.abs(mc[key].value - exact[key])).toBeLessThan(4 * se);
        }
      }),
      { numRuns: 25, seed: 5 },
    );
  });

  test('returns estimates in [0, 1] for lognormal settings', () => {
    fc.assert(
      fc.property(mcInputs, fc.double({ min: 0.01, max: 5, noNaN: true }), (i, s) => {
        const r = runMonteCarlo({ ...i, n: 2000, dG: 'lognormal', dL: 'lognormal', sG: s, sL: s });
        for (const e of [r.pDeceptive, r.pAligned, r.pProxy, r.pNoGoal, r.pDangerousOrder]) {
          expect(e.value >= 0 && e.value <= 1 && e.se >= 0).toBe(true);
        }
      }),
      { numRuns: 20, seed: 6 },
    );
  });
});

const positive = fc.double({ min: 1e-3, max: 1e20, noNaN: true });
const horizonInputs = fc
  .record({
    form: fc.constantFrom('cutoff' as const, 'discount' as const),
    T: positive,
    c: positive,
    p: fc.double({ min: 0.001, max: 1, noNaN: true }),
    m: fc.double({ min: 0.001, max: 1000, noNaN: true }),
    D: fc.oneof(fc.constant(Infinity), positive),
    eps: fc.oneof(fc.constant(0), prob),
  })
  .map((o): HorizonInputs => ({ ...HORIZON_DEFAULTS, ...o }));

describe('hMin (properties)', () => {
  test('returns an h-min that a larger p never raises', () => {
    fc.assert(
      fc.property(horizonInputs, fc.double({ min: 1, max: 100, noNaN: true }), (i, k) => {
        const before = hMin(i);
        const after = hMin({ ...i, p: Math.min(1, i.p * k) });
        if (before !== null) expect(after).not.toBeNull();
        if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before * (1 + 1e-12));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('returns an h-min that a larger m never raises', () => {
    fc.assert(
      fc.property(horizonInputs, fc.double({ min: 1, max: 100, noNaN: true }), (i, k) => {
        const before = hMin(i);
        const after = hMin({ ...i, m: i.m * k });
        if (before !== null) expect(after).not.toBeNull();
        if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before * (1 + 1e-12));
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  test('returns T + c/(p m) for the cutoff form with ε = 0 whenever D > c/(p m) and that is past c', () => {
    fc.assert(
      fc.property(horizonInputs, (i) => {
        const x = { ...i, form: 'cutoff' as const, eps: 0 };
        const expected = x.T + x.c / (x.p * x.m);
        // The formula holds once open pursuit's value has saturated at c (h-min ≥ c), and away from
        // the top of the search range, where the crossing itself would fall outside it.
        fc.pre(x.D > x.c / (x.p * x.m) && expected > x.c * (1 + 1e-9) && expected < 1e6 * x.T * (1 - 1e-9));
        expect(Math.abs(hMin(x)! - expected)).toBeLessThanOrEqual(expected * 1e-12);
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  test('returns only finite numbers or "never" from evaluateHorizon', () => {
    fc.assert(
      fc.property(horizonInputs, positive, (i, h0) => {
        const r = evaluateHorizon({ ...i, h0 });
        expect(Number.isFinite(r.advantageAtH0.value)).toBe(true);
        expect(Number.isFinite(r.slopeAtH0.value)).toBe(true);
        if (r.hMin !== null) expect(Number.isFinite(r.hMin)).toBe(true);
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('parse*Texts (properties)', () => {
  test('returns usable inputs for any text at all (never throws, never NaN)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('pG', 'mL', 'q', 'corr', 'tau', 'n', 'seed', 'dS', 'sS'), fc.string()), (texts) => {
        const { inputs } = parseOrderingTexts(texts);
        for (const v of Object.values(inputs)) if (typeof v === 'number') expect(Number.isNaN(v)).toBe(false);
        const o = exactOutcome(inputs);
        expect(Number.isFinite(o.pDeceptive)).toBe(true);
      }),
      { numRuns: 200, seed: 11 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('form', 'T', 'c', 'p', 'm', 'D', 'eps', 'unit', 'h0', 'E', 'N'), fc.string()), (texts) => {
        const { inputs } = parseHorizonTexts(texts);
        const r = evaluateHorizon(inputs);
        expect(Number.isFinite(r.advantageAtH0.value)).toBe(true);
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
