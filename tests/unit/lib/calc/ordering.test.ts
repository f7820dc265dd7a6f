import { describe, expect, test } from 'vitest';
import {
  dangerousOrderProbability,
  exactOutcome,
  initialDistribution,
  needsMonteCarlo,
  ORDERING_DEFAULTS,
  orderIndex,
  orderProbabilities,
  ORDERS,
  probabilityBLast,
  sensitivity,
  sensitivityValues,
  startSetProbability,
  type OrderingInputs,
} from '../../../../src/lib/calc/ordering.ts';
import { ORDERING_PRESETS } from '../../../../src/lib/calc/ordering-presets.ts';

const withInputs = (o: Partial<OrderingInputs>): OrderingInputs => ({ ...ORDERING_DEFAULTS, ...o });
const sum = (o: ReturnType<typeof exactOutcome>) => o.pDeceptive + o.pAligned + o.pProxy + o.pNoGoal;

describe('exactOutcome', () => {
  test('returns p-deceptive → ½ when rates are equal, there is no correction and the run is long', () => {
    const o = exactOutcome(withInputs({ corr: 1e9, tau: 200 }));
    // G before B (a proxy) happens half the time; the leftover 3e-10 is the 1e-9 correction rate.
    expect(Math.abs(o.pDeceptive - 0.5)).toBeLessThan(1e-9);
    expect(Math.abs(o.pAligned - 0.5)).toBeLessThan(1e-9);
    expect(o.pNoGoal).toBeLessThan(1e-80);
  });

  test('returns p-no-goal = (1 − pG) e^{−τ/mG}, the chance G has not appeared yet', () => {
    for (const o of [
      { pG: 0.3, mG: 0.7, tau: 1.3 },
      { pG: 0, mG: 0.001, tau: 0.01 },
      { pG: 0.9, mG: 1000, tau: 1000 },
    ]) {
      const got = exactOutcome(withInputs(o)).pNoGoal;
      expect(Math.abs(got - (1 - o.pG) * Math.exp(-o.tau / o.mG))).toBeLessThan(1e-14);
    }
  });

  test('returns the competing-clocks answer when a proxy has G, L and B and waits for S or correction', () => {
    const [lS, rho, tau] = [1 / 0.4, 1 / 0.3, 0.9];
    const o = exactOutcome(withInputs({ pG: 1, pL: 1, pB: 1, pS: 0, q: 1, mS: 0.4, corr: 0.3, tau }));
    const leave = -Math.expm1(-(lS + rho) * tau);
    expect(o.pDeceptive).toBeCloseTo((lS / (lS + rho)) * leave, 14);
    expect(o.pAligned).toBeCloseTo((rho / (lS + rho)) * leave, 14);
    expect(o.pProxy).toBeCloseTo(Math.exp(-(lS + rho) * tau), 14);
  });

  test('returns immediate deception when G, L and S are present and B arrives last', () => {
    const o = exactOutcome(withInputs({ pG: 1, pL: 1, pS: 1, mB: 0.5, corr: 0.001, tau: 2 }));
    expect(o.pDeceptive).toBeCloseTo(-Math.expm1(-4), 14);
    expect(o.pDangerousOrder).toBe(1);
  });

  test('returns all four present with a proxy as deceptive from the start when q = 1', () => {
    const o = exactOutcome(withInputs({ pG: 1, pL: 1, pB: 1, pS: 1, q: 1 }));
    expect(o.pDeceptive).toBe(1);
    expect(exactOutcome(withInputs({ pG: 1, pL: 1, pB: 1, pS: 1, q: 0 })).pAligned).toBe(1);
  });

  test('returns four outcomes that sum to 1 for the presets', () => {
    for (const preset of ORDERING_PRESETS) expect(Math.abs(sum(exactOutcome(preset.inputs)) - 1)).toBeLessThan(1e-12);
  });

  test('returns the preset headlines: about 0.05 % for the essay reading and about 26 % for the Carlsmith reading', () => {
    const [essayReading, carlsmith] = ORDERING_PRESETS;
    expect(exactOutcome(essayReading!.inputs).pDeceptive).toBeCloseTo(0.000532, 5);
    expect(exactOutcome(carlsmith!.inputs).pDeceptive).toBeCloseTo(0.2637, 3);
  });

  test('returns the same answer on a time scale stretched by any factor', () => {
    const base = withInputs({ pG: 0.2, pB: 0.5, mG: 0.4, mL: 2, mB: 0.7, mS: 1.1, q: 0.1, corr: 0.3, tau: 1.5 });
    const k = 37;
    const stretched = { ...base, mG: base.mG * k, mL: base.mL * k, mB: base.mB * k, mS: base.mS * k, corr: base.corr * k, tau: base.tau * k };
    const a = exactOutcome(base);
    const b = exactOutcome(stretched);
    expect(Math.abs(a.pDeceptive - b.pDeceptive)).toBeLessThan(1e-12);
    expect(Math.abs(a.pProxy - b.pProxy)).toBeLessThan(1e-12);
  });
});

describe('initialDistribution', () => {
  test('returns 18 entries summing to 1', () => {
    const v = initialDistribution(withInputs({ pG: 0.3, pL: 0.6, pB: 0.2, pS: 0.9, q: 0.4 }));
    expect(v).toHaveLength(18);
    expect(Array.from(v).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });
});

describe('startSetProbability', () => {
  test('returns the product of independent presences', () => {
    const i = withInputs({ pG: 0.5, pL: 0.25, pB: 0.1, pS: 0.8 });
    // mask 0b0101 = {G, B}
    expect(startSetProbability(i, 0b0101)).toBeCloseTo(0.5 * 0.75 * 0.1 * 0.2, 15);
  });
});

describe('probabilityBLast', () => {
  test('returns 1 when B is the only property missing and 0 when B is not missing', () => {
    expect(probabilityBLast(ORDERING_DEFAULTS, 0b0100)).toBe(1);
    expect(probabilityBLast(ORDERING_DEFAULTS, 0b1011)).toBe(0);
  });

  test('returns 1/k for k properties with equal rates', () => {
    expect(probabilityBLast(ORDERING_DEFAULTS, 0b1111)).toBeCloseTo(1 / 4, 15);
    expect(probabilityBLast(ORDERING_DEFAULTS, 0b0110)).toBeCloseTo(1 / 2, 15);
  });

  test('returns λ_X / (λ_B + λ_X) for a race of two', () => {
    const i = withInputs({ mB: 0.5, mS: 2 });
    expect(probabilityBLast(i, 0b1100)).toBeCloseTo(0.5 / 2.5, 15);
  });
});

describe('dangerousOrderProbability', () => {
  test('returns ¼ for the neutral reading (B last of four)', () => {
    expect(dangerousOrderProbability(ORDERING_DEFAULTS)).toBeCloseTo(0.25, 15);
  });

  test('returns the dangerous orders’ share of the 65-order distribution', () => {
    for (const preset of ORDERING_PRESETS) {
      const probs = orderProbabilities(preset.inputs);
      const dangerous = ORDERS.filter((o) => o.dangerous).reduce((s, o) => s + (probs[o.index] ?? 0), 0);
      expect(Math.abs(dangerous - dangerousOrderProbability(preset.inputs))).toBeLessThan(1e-14);
    }
  });

  test('returns p-deceptive’s long-run limit when correction is instant and q = 0', () => {
    const i = withInputs({ pG: 0.3, pL: 0.1, pS: 0.2, mG: 0.5, mL: 2, mB: 1, mS: 0.8, corr: 1e-3, tau: 200 });
    expect(Math.abs(exactOutcome(i).pDeceptive - dangerousOrderProbability(i))).toBeLessThan(2e-3);
  });
});

describe('ORDERS', () => {
  test('returns the 65 orders of a race with a start set, each once, 16 of them dangerous', () => {
    expect(ORDERS).toHaveLength(65);
    expect(new Set(ORDERS.map((o) => o.label)).size).toBe(65);
    expect(ORDERS.filter((o) => o.dangerous).map((o) => o.label)).toMatchInlineSnapshot(`
      [
        "G → L → S → B",
        "G → S → L → B",
        "L → G → S → B",
        "L → S → G → B",
        "S → G → L → B",
        "S → L → G → B",
        "{G} → L → S → B",
        "{G} → S → L → B",
        "{L} → G → S → B",
        "{L} → S → G → B",
        "{G, L} → S → B",
        "{S} → G → L → B",
        "{S} → L → G → B",
        "{G, S} → L → B",
        "{L, S} → G → B",
        "{G, L, S} → B",
      ]
    `);
  });
});

describe('orderIndex', () => {
  test('returns the position of an order from its start set and sequence code', () => {
    const o = ORDERS.find((x) => x.label === '{G, L} → S → B');
    // sequence S, B = 3 + 2·4
    expect(orderIndex(0b0011, 3 + 2 * 4)).toBe(o?.index);
    expect(orderIndex(0b1111, 0)).toBe(64);
  });
});

describe('orderProbabilities', () => {
  test('returns 65 probabilities summing to 1, equal within each start set for the neutral reading', () => {
    const p = orderProbabilities(ORDERING_DEFAULTS);
    expect(Array.from(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    for (const o of ORDERS.filter((x) => x.start === 0)) expect(p[o.index]).toBeCloseTo(1 / 24, 15);
  });
});

describe('sensitivityValues', () => {
  test('returns half and double for times, half way to 0 and 1 for probabilities', () => {
    expect(sensitivityValues('mG', 0.3)).toEqual([0.15, 0.6]);
    expect(sensitivityValues('pB', 0.9)).toEqual([0.45, 0.95]);
    expect(sensitivityValues('q', 0)).toEqual([0, 0.5]);
  });
});

describe('sensitivity', () => {
  test('returns a row for each of the 11 inputs, largest swing first', () => {
    const rows = sensitivity(ORDERING_PRESETS[0]!.inputs);
    expect(rows).toHaveLength(11);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.swing).toBeGreaterThanOrEqual(rows[i]!.swing);
    expect(rows.find((r) => r.key === 'corr')!.low).toBeLessThan(rows.find((r) => r.key === 'corr')!.high);
  });
});

describe('needsMonteCarlo', () => {
  test('returns true only when some property is lognormal', () => {
    expect(needsMonteCarlo(ORDERING_DEFAULTS)).toBe(false);
    expect(needsMonteCarlo(withInputs({ dS: 'lognormal' }))).toBe(true);
  });
});
