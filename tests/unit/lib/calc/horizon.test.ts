import { describe, expect, test } from 'vitest';
import {
  advantage,
  advantageCurve,
  advantageSlope,
  evaluateHorizon,
  hMin,
  HORIZON_DEFAULTS,
  valueOpen,
  valuePlayAlong,
  weightIntegral,
  weightIntegralSlope,
  type HorizonInputs,
} from '../../../../src/lib/calc/horizon.ts';
import { HORIZON_PRESETS } from '../../../../src/lib/calc/horizon-presets.ts';

const withInputs = (o: Partial<HorizonInputs>): HorizonInputs => ({ ...HORIZON_DEFAULTS, ...o });

describe('weightIntegral', () => {
  test('returns the overlap with [0, H) for the cutoff', () => {
    expect(weightIntegral('cutoff', 5, 0, 3)).toBe(3);
    expect(weightIntegral('cutoff', 5, 2, 7)).toBe(3);
    expect(weightIntegral('cutoff', 5, 6, Infinity)).toBe(0);
  });

  test('returns H/ln2 · (2^{−a/H} − 2^{−b/H}) for discounting', () => {
    const H = 3;
    expect(weightIntegral('discount', H, 1, 3)).toBeCloseTo((H / Math.LN2) * (2 ** (-1 / H) - 2 ** (-4 / H)), 14);
    expect(weightIntegral('discount', H, 0, Infinity)).toBeCloseTo(H / Math.LN2, 14);
  });

  test('returns about b − a when the half-life is far longer than the interval', () => {
    expect(weightIntegral('discount', 1e30, 0, 4e6) / 4e6).toBeCloseTo(1, 12);
  });

  test('returns a short stretch after a huge start instead of losing it to rounding', () => {
    expect(weightIntegral('cutoff', 1e30, 1e19, 900)).toBe(900);
  });

  test('returns 0 when the interval is empty or far beyond a short half-life', () => {
    expect(weightIntegral('discount', 1, 5, 0)).toBe(0);
    expect(weightIntegral('discount', 1, 1e13, Infinity)).toBe(0);
  });
});

describe('weightIntegralSlope', () => {
  test('returns the finite-difference derivative in H for discounting', () => {
    for (const [H, a, len] of [
      [2, 0, 3],
      [50, 10, 390],
      [1e7, 0, 4e6],
      [1e3, 1e4, Infinity],
    ] as const) {
      const h = H * 1e-6;
      const fd = (weightIntegral('discount', H + h, a, len) - weightIntegral('discount', H - h, a, len)) / (2 * h);
      expect(weightIntegralSlope('discount', H, a, len)).toBeCloseTo(fd, 5);
    }
  });

  test('returns 1 inside [a, a + length) and 0 outside for the cutoff', () => {
    expect(weightIntegralSlope('cutoff', 2, 0, 3)).toBe(1);
    expect(weightIntegralSlope('cutoff', 3, 0, 3)).toBe(0);
    expect(weightIntegralSlope('cutoff', 0.5, 1, 2)).toBe(0);
  });
});

describe('hMin', () => {
  test('returns T + c/(p m) for the cutoff form with ε = 0', () => {
    for (const o of [{}, { T: 365, c: 7, p: 0.25, m: 2 }, { T: 1e4, c: 10, p: 1, m: 0.1 }, { T: 50, c: 400, p: 0.3, m: 1, D: 5000 }]) {
      const i = withInputs(o);
      expect(hMin(i)).toBe(i.T + i.c / (i.p * i.m));
    }
  });

  test('returns never when the payoff after escape cannot repay c (D ≤ c/(p m)) or p m = 0', () => {
    expect(hMin(withInputs({ D: 8e6 }))).toBeNull();
    expect(hMin(withInputs({ D: 7e6 }))).toBeNull();
    expect(hMin(withInputs({ p: 0 }))).toBeNull();
  });

  test('returns a root of V_B − V_A for discounting, with no earlier crossing', () => {
    const i = withInputs({ form: 'discount' });
    const h = hMin(i)!;
    expect(h).toBeGreaterThan(0);
    // At the root itself V_B and V_A agree to every digit, so look just either side of it.
    expect(advantage(i, h * (1 + 1e-9))).toBeGreaterThan(0);
    expect(advantage(i, h * (1 - 1e-9))).toBeLessThanOrEqual(0);
    for (const pt of advantageCurve(i, i.c / 100, h * 0.999, 40)) expect(pt.advantage).toBeLessThanOrEqual(0);
  });

  test('returns the bottom of the search range when playing along pays at every horizon', () => {
    const i = withInputs({ eps: 1, T: 1, c: 1e6, p: 1, m: 1e6 });
    expect(hMin(i)).toBe(i.c / 100);
  });
});

describe('advantage', () => {
  test('returns −h0 and slope −1 at a one-token horizon in pre-training (no push toward longer goals)', () => {
    expect(advantage(HORIZON_DEFAULTS, 1)).toBe(-1);
    expect(advantageSlope(HORIZON_DEFAULTS, 1)).toBe(-1);
  });

  test('returns V_B − V_A', () => {
    const i = withInputs({ eps: 0.2, D: 1e14, form: 'discount' });
    const naive = valuePlayAlong(i, 3e12) - valueOpen(i, 3e12);
    expect(Math.abs(advantage(i, 3e12) - naive)).toBeLessThan(1e-13 * Math.abs(naive));
  });
});

describe('advantageSlope', () => {
  test('returns the finite-difference derivative of the advantage', () => {
    const i = withInputs({ form: 'discount', eps: 0.1, D: 3e13 });
    for (const H of [1, 1e6, 1e12, 5e13]) {
      const h = H * 1e-6;
      const fd = (advantage(i, H + h) - advantage(i, H - h)) / (2 * h);
      expect(Math.abs(advantageSlope(i, H) - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe('evaluateHorizon', () => {
  test('returns the default pre-training reading', () => {
    const r = evaluateHorizon(HORIZON_DEFAULTS);
    expect(r.hMin).toBe(1e13 + 8e6);
    expect(r.hMinRatio).toBe((1e13 + 8e6) / 1e13);
    expect(r.trainingCost).toBe(1000 * (1e13 + 8e6));
    expect(r.episodeReaches).toBe(false);
    expect([r.searchFrom, r.searchTo]).toEqual([4e4, 1e19]);
    expect(r.advantageAtH0).toMatchObject({ value: -1, sign: -1, status: 'ok' });
    expect(r.slopeAtH0).toMatchObject({ value: -1, sign: -1, status: 'ok' });
    expect(r.evaluations).toBeLessThan(10);
  });

  test('returns whether an episode length reaches h-min', () => {
    const i = withInputs({ T: 100, c: 10, E: 120 });
    expect(evaluateHorizon(i).episodeReaches).toBe(true);
    expect(evaluateHorizon({ ...i, E: 119 }).episodeReaches).toBe(false);
  });

  test('returns null ratio and cost when h-min is never', () => {
    const r = evaluateHorizon(withInputs({ p: 0 }));
    expect(r.hMin).toBeNull();
    expect(r.hMinRatio).toBeNull();
    expect(r.trainingCost).toBeNull();
    expect(r.episodeReaches).toBe(false);
  });

  test('returns finite numbers for every preset in both forms', () => {
    for (const preset of HORIZON_PRESETS) {
      for (const form of ['cutoff', 'discount'] as const) {
        const r = evaluateHorizon({ ...preset.inputs, form });
        for (const v of [r.hMin, r.hMinRatio, r.advantageAtH0.value, r.slopeAtH0.value, r.trainingCost]) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
});
