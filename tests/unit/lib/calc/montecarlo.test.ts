import { describe, expect, test } from 'vitest';
import { runMonteCarlo, startMonteCarlo } from '../../../../src/lib/calc/montecarlo.ts';
import { exactOutcome, ORDERING_DEFAULTS, orderProbabilities, ORDERS, type OrderingInputs } from '../../../../src/lib/calc/ordering.ts';
import { ORDERING_PRESETS } from '../../../../src/lib/calc/ordering-presets.ts';

const withInputs = (o: Partial<OrderingInputs>): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o });

describe('startMonteCarlo', () => {
  test('returns the same result whether the run is done in one go or in chunks', () => {
    const inputs = withInputs({ n: 5000, seed: 9, dL: 'lognormal', sL: 1.5 });
    const whole = runMonteCarlo(inputs);
    const run = startMonteCarlo(inputs);
    while (!run.done) run.step(777);
    expect(run.drawn).toBe(5000);
    expect(run.result()).toEqual(whole);
  });

  test('returns a different estimate for a different seed', () => {
    const a = runMonteCarlo(withInputs({ n: 2000, seed: 1 }));
    const b = runMonteCarlo(withInputs({ n: 2000, seed: 2 }));
    expect(a.pDeceptive.value).not.toBe(b.pDeceptive.value);
  });

  test('returns estimates whose four outcomes sum to 1 and whose orders sum to 1', () => {
    const r = runMonteCarlo(withInputs({ n: 3000, dG: 'lognormal', dB: 'lognormal' }));
    expect(r.pDeceptive.value + r.pAligned.value + r.pProxy.value + r.pNoGoal.value).toBeCloseTo(1, 12);
    expect(Array.from(r.orders).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test('returns standard errors √(p(1 − p)/n)', () => {
    const r = runMonteCarlo(withInputs({ n: 4000 }));
    const p = r.pDeceptive.value;
    expect(r.pDeceptive.se).toBeCloseTo(Math.sqrt((p * (1 - p)) / 4000), 15);
  });

  test('returns results within 4 standard errors of the exact model for each preset (exponential)', () => {
    for (const preset of ORDERING_PRESETS) {
      const inputs = { ...preset.inputs, n: 100_000, seed: 3 };
      const exact = exactOutcome(inputs);
      const mc = runMonteCarlo(inputs);
      for (const key of ['pDeceptive', 'pAligned', 'pProxy', 'pNoGoal', 'pDangerousOrder'] as const) {
        const se = Math.max(mc[key].se, 1 / inputs.n);
        expect(Math.abs(mc[key].value - exact[key]), `${preset.id} ${key}`).toBeLessThan(4 * se);
      }
    }
  });

  test('returns order frequencies within 4 standard errors of the exact order probabilities', () => {
    const inputs = { ...ORDERING_PRESETS[1]!.inputs, n: 100_000, seed: 5 };
    const exact = orderProbabilities(inputs);
    const mc = runMonteCarlo(inputs).orders;
    for (const o of ORDERS) {
      const p = exact[o.index] ?? 0;
      const se = Math.max(Math.sqrt((p * (1 - p)) / inputs.n), 1 / inputs.n);
      expect(Math.abs((mc[o.index] ?? 0) - p), o.label).toBeLessThan(4 * se);
    }
  });

  test('returns a lognormal with a tiny spread behaving like a fixed time at the median', () => {
    // Every property appears at exactly 0.5 < τ: G, L, B, S tie, so nothing is left undecided.
    const inputs = withInputs({
      n: 2000,
      tau: 1,
      dG: 'lognormal',
      dL: 'lognormal',
      dB: 'lognormal',
      dS: 'lognormal',
      sG: 1e-9,
      sL: 1e-9,
      sB: 1e-9,
      sS: 1e-9,
      mG: 0.5,
      mL: 0.5,
      mB: 0.5,
      mS: 0.5,
    });
    const r = runMonteCarlo(inputs);
    expect(r.pNoGoal.value).toBe(0);
    expect(r.pProxy.value).toBe(0);
  });
});
