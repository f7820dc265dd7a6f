// The ordering model at the ends of what the form accepts (times from 1e-9 to 1e9 runs): the chain
// solver against a 210-digit Taylor-and-squaring reference (chain-reference.ts), the race formulas
// against sums of positive terms, and closed forms, all well inside the design's 1e-9.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  dangerousOrderProbability,
  exactOutcome,
  generator,
  initialDistribution,
  ORDERING_DEFAULTS,
  orderProbabilities,
  ORDERS,
  PROPS,
  rates,
  stateAtEnd,
  type OrderingInputs,
  type Prop,
} from '../../../../src/lib/calc/ordering.ts';
import { ORDERING_RANGES, ORDERING_RULES, parseOrderingQuery } from '../../../../src/lib/calc/ordering-query.ts';
import { writeNumber } from '../../../../src/lib/calc/fields.ts';
import { referenceChain } from './chain-reference.ts';

const withInputs = (o: Partial<OrderingInputs>): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o });
const { min: LOW, max: HIGH } = ORDERING_RANGES.emergence;
const logUniform = (lo: number, hi: number) =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((x) => Math.min(hi, Math.max(lo, 10 ** x)));
const time = fc.oneof(logUniform(LOW, HIGH), fc.constantFrom(LOW, HIGH, 1e-4, 1e4, 1));
const prob = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 5e-324));
const wideInputs = fc
  .record({ pG: prob, pL: prob, pB: prob, pS: prob, mG: time, mL: time, mB: time, mS: time, q: prob, corr: time, tau: time })
  .map((o): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o }));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return d;
}

describe('accepted times', () => {
  test('accepts every time from 1e-9 to 1e9 runs, and rejects beyond with a message naming the range', () => {
    for (const key of ['mG', 'mS', 'corr', 'tau'] as const) {
      for (const ok of ['1e-9', '1e-4', '0.001', '1000', '1e4', '1e9']) expect(ORDERING_RULES[key].check(ok).ok, `${key}=${ok}`).toBe(true);
      for (const bad of ['0', '1e-10', '2e9', '5e-324', '1e400']) {
        const { errors, inputs } = parseOrderingQuery(`?${key}=${bad}`);
        expect(errors[key], `${key}=${bad}`).toMatch(/Enter a number from 1e-9 to 1e9\.$/);
        expect(inputs[key]).toBe(ORDERING_DEFAULTS[key]);
      }
    }
  });

  test('the generator below stays inside what the form accepts', () => {
    fc.assert(
      fc.property(wideInputs, (i) => {
        for (const key of ['mG', 'mL', 'mB', 'mS', 'corr', 'tau', 'pG', 'q'] as const)
          expect(ORDERING_RULES[key].check(writeNumber(i[key])).ok, key).toBe(true);
      }),
      { numRuns: 300, seed: 41 },
    );
  });
});

describe('the chain at the ends of the range', () => {
  // Corners: the fastest and slowest properties together, the longest and shortest runs, the
  // fastest and slowest correction, where uniformization squares the most (Λτ up to ~10^19).
  const corners: Partial<OrderingInputs>[] = [
    { mG: LOW, mL: HIGH, mB: 1, mS: LOW, tau: HIGH, corr: HIGH, pB: 0.3, pG: 0.2 },
    { mG: HIGH, mL: LOW, mB: HIGH, mS: 1e3, tau: HIGH, corr: LOW, q: 0.3, pL: 0.5 },
    { mG: LOW, mL: LOW, mB: LOW, mS: LOW, tau: LOW, corr: LOW },
    { mG: HIGH, mL: HIGH, mB: HIGH, mS: HIGH, tau: HIGH, corr: HIGH, pS: 0.5 },
    { mG: 1e-4, mL: 1e4, mB: 1e-4, mS: 1e4, tau: 1e4, corr: 1e-4, q: 0.25, pG: 0.3, pL: 0.2, pB: 0.6, pS: 0.4 },
    { mG: 2e8, mL: 1e9, mB: 5e8, mS: 1e9, tau: 1e9, corr: 3e8, q: 0.1 },
    { mG: 1e4, mL: 1e4, mB: 1e-4, mS: 1e-4, tau: 1e-4, corr: 1e4, pG: 0.9 },
  ];
  test.each(corners.map((c) => [JSON.stringify(c), c] as const))(
    'returns the state at τ to 1e-12 for %s',
    (_, c) => {
      const i = withInputs(c);
      const got = stateAtEnd(i);
      const ref = referenceChain(generator(i), initialDistribution(i), i.tau);
      expect(maxAbsDiff(got, ref)).toBeLessThan(1e-12);
    },
    30_000,
  );

  test('returns the state at τ to 1e-12 for random inputs across the whole range', () => {
    fc.assert(
      fc.property(wideInputs, (i) => {
        expect(maxAbsDiff(stateAtEnd(i), referenceChain(generator(i), initialDistribution(i), i.tau))).toBeLessThan(1e-12);
      }),
      { numRuns: 6, seed: 42 },
    );
  }, 120_000);

  test('returns p-no-goal = (1 − pG) e^{−τ/mG} to 1e-14 relative at the ends', () => {
    for (const mG of [LOW, 1e-4, 1, 1e4, HIGH]) {
      for (const tau of [LOW, 1e-4, 1, 1e4, HIGH]) {
        const want = 0.7 * Math.exp(-tau / mG);
        const got = exactOutcome(withInputs({ pG: 0.3, mG, tau })).pNoGoal;
        // Absolute 1e-300 for answers that underflow (e^{−10^18}).
        expect(Math.abs(got - want), `mG=${mG} τ=${tau}`).toBeLessThanOrEqual(1e-14 * want + 1e-300);
      }
    }
  });

  test('returns the competing-clocks answer at the ends (proxy with G, L, B waits for S or correction)', () => {
    for (const [mS, corr, tau] of [
      [LOW, HIGH, HIGH],
      [HIGH, LOW, HIGH],
      [LOW, LOW, LOW],
      [1e4, 1e-4, 1e-4],
      [HIGH, HIGH, LOW],
    ] as const) {
      const [lS, rho] = [1 / mS, 1 / corr];
      const o = exactOutcome(withInputs({ pG: 1, pL: 1, pB: 1, pS: 0, q: 1, mS, corr, tau }));
      const leave = -Math.expm1(-(lS + rho) * tau);
      expect(Math.abs(o.pDeceptive - (lS / (lS + rho)) * leave), `${mS} ${corr} ${tau}`).toBeLessThan(1e-14);
      expect(Math.abs(o.pProxy - Math.exp(-(lS + rho) * tau))).toBeLessThan(1e-14);
    }
  });
});

describe('the race with no end of run at the ends of the range', () => {
  // P(B last among the missing set) as a sum over the orders of the others: positive terms only.
  function bLastBySequences(i: OrderingInputs, missing: readonly Prop[]): number {
    const lam = rates(i);
    const others = missing.filter((p) => p !== 'B');
    const walk = (left: readonly Prop[]): number => {
      if (left.length === 0) return 1;
      const total = left.reduce((s, p) => s + lam[p], lam.B);
      return left.reduce((s, p) => s + (lam[p] / total) * walk(left.filter((x) => x !== p)), 0);
    };
    return walk(others);
  }

  test('returns the dangerous-order probability to 1e-12 against a sum of positive terms', () => {
    fc.assert(
      fc.property(wideInputs, (i) => {
        let want = 0;
        for (let mask = 0; mask < 16; mask++) {
          if (mask & 4) continue;
          const pa = PROPS.reduce((s, p, k) => s * (mask & (1 << k) ? i[`p${p}`] : 1 - i[`p${p}`]), 1);
          want +=
            pa *
            bLastBySequences(
              i,
              PROPS.filter((_, k) => !(mask & (1 << k))),
            );
        }
        expect(Math.abs(dangerousOrderProbability(i) - want)).toBeLessThan(1e-12);
      }),
      { numRuns: 400, seed: 43 },
    );
  });

  test('returns 65 order probabilities summing to 1 whose dangerous ones add up to P(dangerous order)', () => {
    fc.assert(
      fc.property(wideInputs, (i) => {
        const p = orderProbabilities(i);
        expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        const dangerous = ORDERS.filter((o) => o.dangerous).reduce((s, o) => s + (p[o.index] ?? 0), 0);
        expect(Math.abs(dangerous - dangerousOrderProbability(i))).toBeLessThan(1e-12);
      }),
      { numRuns: 400, seed: 44 },
    );
  });

  test('returns four outcomes in [0, 1] summing to 1 everywhere in the range', () => {
    fc.assert(
      fc.property(wideInputs, (i) => {
        const o = exactOutcome(i);
        for (const v of Object.values(o)) expect(v >= 0 && v <= 1).toBe(true);
        expect(Math.abs(o.pDeceptive + o.pAligned + o.pProxy + o.pNoGoal - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 400, seed: 45 },
    );
  });
});
