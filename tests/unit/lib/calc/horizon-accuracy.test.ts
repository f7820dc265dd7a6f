// The goal-horizon model over everything the form accepts: every input terminates with finite
// results in a bounded number of evaluations (counted, never timed), and h-min, the advantage and
// the slope agree with an independent ~210-digit evaluation of the design note's closed forms
// (horizon-reference.ts) to 1e-6, or say honestly that double precision cannot resolve them.
// fast-check seeds are fixed so a failure reproduces; raise numRuns locally to search harder.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  advantageAt,
  advantageCurve,
  evaluateHorizon,
  hMinSearch,
  HORIZON_DEFAULTS,
  MAX_CURVE_POINTS,
  MAX_EVALUATIONS,
  searchRange,
  slopeAt,
  type HorizonInputs,
  type Quantity,
} from '../../../../src/lib/calc/horizon.ts';
import { decadeTicks, horizonChartRange, symlog, symlogTicks } from '../../../../src/lib/calc/chart.ts';
import { writeNumber } from '../../../../src/lib/calc/fields.ts';
import { HORIZON_RULES, parseHorizonQuery, parseHorizonTexts } from '../../../../src/lib/calc/horizon-query.ts';
import { bitsLeft, log10Abs, refAdvantage, refSlope, sign, splitScale, toNumber, type RefValue } from './horizon-reference.ts';
import type { BF } from './bigfloat.ts';

const withInputs = (o: Partial<HorizonInputs>): HorizonInputs => ({ ...HORIZON_DEFAULTS, ...o });
const MIN_NORMAL = 2 ** -1022;

// ── Generators spanning the accepted ranges, ends, subnormals and zero included ───────────────

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((x) => Math.min(hi, Math.max(lo, 10 ** x)));
const duration = fc.oneof(logUniform(1e-6, 1e30), fc.constantFrom(1e-6, 1e30, 1, 7, 365, 4e6, 1e13));
const probability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 5e-324, MIN_NORMAL, 0.5, 1 - 2 ** -53));
const rate = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), logUniform(1e-12, 1e6), fc.constantFrom(0, 5e-324, 1e-310, 1, 1e6));
const horizonInputs = fc
  .record({
    form: fc.constantFrom('cutoff' as const, 'discount' as const),
    T: duration,
    c: duration,
    p: probability,
    m: rate,
    D: fc.oneof(fc.constant(Infinity), duration),
    eps: probability,
    h0: duration,
  })
  .map((o): HorizonInputs => ({ ...HORIZON_DEFAULTS, ...o }));

// Cases the reference can afford: the model's interesting region, with p·m large enough for
// playing along to pay somewhere in the search range.
const referenceInputs = fc
  .record({
    form: fc.constantFrom('cutoff' as const, 'discount' as const),
    T: duration,
    c: duration,
    p: fc.oneof(fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.constant(1)),
    m: fc.oneof(logUniform(1e-3, 1e6), fc.constant(1)),
    D: fc.oneof(fc.constant(Infinity), duration),
    eps: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })),
  })
  .map((o): HorizonInputs => ({ ...HORIZON_DEFAULTS, ...o }));

// ── Comparing a model quantity with the reference ──────────────────────────────────────────────

/** Checks a model quantity against the reference value, as its status promises. */
function expectAgrees(q: Quantity, ref: RefValue, split: BF, label: string): void {
  if (bitsLeft(ref) < 60) {
    // Even 210 digits cancel away: the value lies below 10⁻¹⁹⁰ of its parts, so the model can only
    // say that it cannot resolve it.
    expect(q.status === 'unresolved' || (q.sign === 0 && q.status === 'ok'), `${label}: ${q.status} where the reference cancels to nothing`).toBe(true);
    return;
  }
  const refLog = log10Abs(ref.value);
  // How far the value lies below the parts it is computed from, once the shared time is cancelled.
  const depth = refLog - log10Abs(split);
  if (q.status === 'unresolved') {
    expect(refLog, `${label}: the true value lies within the stated bound`).toBeLessThanOrEqual(q.log10 + 1e-9);
    expect(depth, `${label}: only values far below their parts are unresolved`).toBeLessThan(-6);
    return;
  }
  if (q.sign === 0) {
    // An exact zero: the parts agree, as they do in exact arithmetic on the typed inputs.
    if (sign(ref.value) !== 0) expect(depth, `${label}: claimed exactly 0`).toBeLessThan(-14);
    return;
  }
  expect(q.sign, `${label}: sign`).toBe(sign(ref.value));
  if (q.status === 'tiny') {
    expect(refLog, `${label}: below the double range`).toBeLessThan(-307);
    expect(Math.abs(q.log10 - refLog), `${label}: size`).toBeLessThanOrEqual(q.relError / Math.LN10 + 1e-13 * Math.abs(refLog));
    return;
  }
  const r = toNumber(ref.value);
  expect(Math.abs(q.value - r) / Math.abs(r), `${label}: relative error within the stated bound`).toBeLessThanOrEqual(2 * q.relError + 1e-15);
  // The promise to the reader: six digits, unless the value lies far below its parts.
  if (q.relError > 1e-6) expect(depth, `${label}: error ${q.relError} on a value that is not near zero`).toBeLessThan(-8);
}

/**
 * The sign of V_B − V_A at H by the reference, or 0 where it lies within rounding of its parts
 * (below 10⁻¹³ of them): there the crossing is a matter of the last digit of the inputs.
 */
function refSign(i: HorizonInputs, H: number): number {
  const r = refAdvantage(i, H);
  return log10Abs(r.value) - log10Abs(splitScale(i, H, false)) < -13 ? 0 : sign(r.value);
}

/** Checks h-min against the reference: playing along does not pay just below it and does just above. */
function expectHMinBracketed(i: HorizonInputs, h: number | null, label: string): void {
  const [lo, hi] = searchRange(i);
  if (h === null) {
    expect(refSign(i, hi), `${label}: never, yet the top of the range pays`).toBeLessThanOrEqual(0);
    return;
  }
  expect(h >= lo && h <= hi, `${label}: inside the searched range`).toBe(true);
  if (h > lo) expect(refSign(i, Math.max(lo, h * (1 - 1e-6))), `${label}: pays below h-min`).toBeLessThanOrEqual(0);
  expect(refSign(i, Math.min(hi, h * (1 + 1e-6))), `${label}: does not pay above h-min`).toBeGreaterThanOrEqual(0);
  // Unless it is flat at rounding level, it really crosses: it pays somewhere just above h-min.
  expect(sign(refAdvantage(i, Math.min(hi, h * (1 + 1e-6))).value) === 1 || refSign(i, Math.min(hi, h * (1 + 1e-6))) === 0, label).toBe(true);
}

// ── The two edge cases of issue 14 ─────────────────────────────────────────────────────────────

describe('edge cases reported in issue 14', () => {
  test('returns h-min = c/100 for the discount form with ε = 1 (was 74,134 for 40,000)', () => {
    const i = withInputs({ form: 'discount', eps: 1 });
    // With ε = 1, V_B − V_A = ∫_c^T w + p m ∫_T^∞ w > 0 at every H: the bottom of the range pays.
    expect(hMinSearch(i).hMin).toBe(4e4);
    expect(sign(refAdvantage(i, 4e4).value)).toBe(1);
  });

  test('returns the slope at h₀ = 1.58489e11 (c = 1, discount) as +3.27e-18 (was −1.38e-23)', () => {
    const i = withInputs({ form: 'discount', c: 1, h0: 1.58489e11 });
    const q = slopeAt(i, i.h0);
    expect(q.status).toBe('ok');
    expect(q.value).toBeGreaterThan(0);
    expect(q.value / 3.2737121898621e-18 - 1).toBeLessThan(1e-12);
    expectAgrees(q, refSlope(i, i.h0), splitScale(i, i.h0, true), 'slope');
  });

  test('returns the right sign of the slope at every h₀ from T/1000 to T in the discount form', () => {
    const i = withInputs({ form: 'discount', c: 1 });
    for (let k = 0; k <= 30; k++) {
      const h0 = 1e10 * 10 ** (k / 10);
      expectAgrees(slopeAt(i, h0), refSlope(i, h0), splitScale(i, h0, true), `slope at ${h0}`);
      expectAgrees(advantageAt(i, h0), refAdvantage(i, h0), splitScale(i, h0, false), `advantage at ${h0}`);
    }
  });

  test('returns values below the double range as tiny, with their sign and size', () => {
    // ε = 1 at a one-token horizon: V_B − V_A = ∫_c^T 2^{−t} dt ≈ 2^{−4·10⁶} / ln 2, far below 10⁻³⁰⁸.
    const i = withInputs({ form: 'discount', eps: 1 });
    const q = advantageAt(i, 1);
    expect(q).toMatchObject({ sign: 1, status: 'tiny' });
    expect(q.log10).toBeCloseTo(-4e6 * Math.log10(2) - Math.log10(Math.LN2), 6);
    expectAgrees(q, refAdvantage(i, 1), splitScale(i, 1, false), 'advantage');
  });

  test('returns a value at the crossing itself as unresolved, with a bound the true value respects', () => {
    const i = withInputs({ form: 'discount' });
    const h = hMinSearch(i).hMin!;
    const q = advantageAt(i, h);
    expect(q.status).toBe('unresolved');
    expectAgrees(q, refAdvantage(i, h), splitScale(i, h, false), 'advantage at h-min');
  });
});

// ── Known closed forms ─────────────────────────────────────────────────────────────────────────

describe('h-min closed forms', () => {
  test('returns T + c/(p m) for the cutoff with ε = 0 exactly when D > c/(p m) and T + c/(p m) ≥ c', () => {
    fc.assert(
      fc.property(referenceInputs, (o) => {
        const i = { ...o, form: 'cutoff' as const, eps: 0 };
        const x = i.c / (i.p * i.m);
        fc.pre(i.D > x && i.T + x >= i.c && i.T + x <= 1e6 * i.T);
        expect(Math.abs(hMinSearch(i).hMin! - (i.T + x))).toBeLessThanOrEqual(1e-12 * (i.T + x));
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  test('returns p m T/(p m − 1) for the cutoff with ε = 0 when the crossing falls below c', () => {
    // Between T and c (and before T + D): V_B − V_A = p m (H − T) − H, zero at p m T/(p m − 1).
    const i = withInputs({ T: 100, c: 1000, p: 1, m: 3, D: Infinity });
    expect(hMinSearch(i).hMin).toBeCloseTo(150, 10);
    expect(i.T + i.c / (i.p * i.m)).toBeGreaterThan(150);
  });

  test('returns c/100 (discount) and c (cutoff) when ε = 1 and c < T', () => {
    fc.assert(
      fc.property(referenceInputs, (o) => {
        fc.pre(o.c < o.T);
        const i = { ...o, eps: 1 };
        expect(hMinSearch(i).hMin).toBe(i.form === 'discount' ? i.c / 100 : i.c);
      }),
      { numRuns: 200, seed: 22 },
    );
  });
});

// ── Termination and finite results over the whole accepted range ───────────────────────────────

describe('every accepted input (properties)', () => {
  test('the generators stay inside what the form accepts', () => {
    fc.assert(
      fc.property(horizonInputs, (i) => {
        for (const key of ['T', 'c', 'p', 'm', 'D', 'eps', 'h0'] as const) expect(HORIZON_RULES[key].check(writeNumber(i[key])).ok, key).toBe(true);
      }),
      { numRuns: 500, seed: 23 },
    );
  });

  test('returns finite results within MAX_EVALUATIONS model evaluations', () => {
    fc.assert(
      fc.property(horizonInputs, (i) => {
        const r = evaluateHorizon(i);
        expect(r.evaluations).toBeLessThanOrEqual(MAX_EVALUATIONS);
        const [lo, hi] = searchRange(i);
        if (r.hMin !== null) expect(r.hMin >= lo && r.hMin <= hi).toBe(true);
        for (const q of [r.advantageAtH0, r.slopeAtH0]) {
          expect(Number.isFinite(q.value)).toBe(true);
          expect(q.log10 < Infinity && !Number.isNaN(q.log10)).toBe(true);
          if (q.status === 'ok') expect(q.relError).toBeLessThan(0.1);
        }
        for (const v of [r.hMinRatio, r.trainingCost]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 1500, seed: 24 },
    );
  }, 60_000);

  test('returns a chart of bounded size with finite coordinates', () => {
    fc.assert(
      fc.property(horizonInputs, (i) => {
        const [from, to] = horizonChartRange(i, hMinSearch(i).hMin);
        expect(Number.isFinite(from) && Number.isFinite(to) && from > 0 && to > from).toBe(true);
        const curve = advantageCurve(i, from, to, 16);
        expect(curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
        const unit = Math.min(1, i.c);
        const ys = curve.map((p) => symlog(p.advantage, unit));
        for (const y of ys) expect(Number.isFinite(y)).toBe(true);
        expect(symlogTicks(Math.min(0, ...ys), Math.max(0, ...ys), unit, 6).length).toBeLessThan(20);
        expect(decadeTicks(from, to, 7).length).toBeLessThanOrEqual(7);
      }),
      { numRuns: 120, seed: 25 },
    );
  }, 60_000);

  test('rejects out-of-range and subnormal durations with a message naming the range, and still computes', () => {
    for (const text of ['1e-300', '5e-324', '1e-310', '0', '1e-7', '2e30', '1e400', '-1']) {
      const { inputs, errors } = parseHorizonQuery(`?c=${text}&form=discount`);
      expect(errors.c, text).toMatch(/Enter a number from 1e-6 to 1e30\.$/);
      expect(inputs.c).toBe(HORIZON_DEFAULTS.c);
      expect(evaluateHorizon(inputs).evaluations).toBeLessThanOrEqual(MAX_EVALUATIONS);
    }
  });

  test('returns bounded, finite results for any text at all in any field', () => {
    const numberish = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.double().map((x) => x.toExponential()),
      fc.constantFrom('1e-300', '5e-324', '1e308', 'inf', '-0', '1e30', '1e-6'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('form', 'T', 'c', 'p', 'm', 'D', 'eps', 'h0', 'E', 'N'), numberish), (texts) => {
        const r = evaluateHorizon(parseHorizonTexts(texts).inputs);
        expect(r.evaluations).toBeLessThanOrEqual(MAX_EVALUATIONS);
        expect(Number.isFinite(r.advantageAtH0.value) && Number.isFinite(r.slopeAtH0.value)).toBe(true);
      }),
      { numRuns: 500, seed: 26 },
    );
  }, 60_000);
});

// ── Accuracy against the reference ─────────────────────────────────────────────────────────────

describe('accuracy against a 210-digit reference (properties)', () => {
  test('returns V_B − V_A and its slope at any horizon right to 1e-6, or says it cannot', () => {
    fc.assert(
      fc.property(referenceInputs, logUniform(1e-8, 1e36), (i, H) => {
        expectAgrees(advantageAt(i, H), refAdvantage(i, H), splitScale(i, H, false), 'advantage');
        expectAgrees(slopeAt(i, H), refSlope(i, H), splitScale(i, H, true), 'slope');
      }),
      { numRuns: 150, seed: 27 },
    );
  }, 60_000);

  test('returns the slope right near its own zero and where one part dwarfs the other', () => {
    // h₀ from T/1000 to 10 T with c from 1e-6 to T: where the old formula lost every digit.
    fc.assert(
      fc.property(referenceInputs, fc.double({ min: -3, max: 1, noNaN: true }), (o, e) => {
        const i = { ...o, form: 'discount' as const };
        const H = i.T * 10 ** e;
        expectAgrees(slopeAt(i, H), refSlope(i, H), splitScale(i, H, true), 'slope');
      }),
      { numRuns: 120, seed: 28 },
    );
  }, 60_000);

  test('returns an h-min that the reference brackets to 1e-6', () => {
    fc.assert(
      fc.property(referenceInputs, (i) => {
        expectHMinBracketed(i, hMinSearch(i).hMin, JSON.stringify(i));
      }),
      { numRuns: 150, seed: 29 },
    );
  }, 60_000);

  test('returns the first crossing when V_B/V_A can rise and fall (c > T, D finite)', () => {
    // Here the ratio is not monotone; a reference scan below h-min finds no earlier crossing.
    const rising = referenceInputs.filter((i) => i.form === 'discount' && i.c > i.T && i.D < Infinity);
    fc.assert(
      fc.property(rising, (i) => {
        const h = hMinSearch(i).hMin;
        expectHMinBracketed(i, h, JSON.stringify(i));
        const [lo, hi] = searchRange(i);
        const top = h === null ? hi : h * (1 - 1e-6);
        for (let H = lo; H < top; H *= 10 ** 0.25) expect(refSign(i, H), `pays at ${H}`).toBeLessThanOrEqual(0);
      }),
      { numRuns: 8, seed: 30 },
    );
  }, 60_000);
});
