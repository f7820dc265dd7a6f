/**
 * The goal-horizon model ("How long must a goal be for deception to pay?"): a model with a proxy
 * goal compares pursuing it openly now with playing along until oversight ends. See shared design
 * `calculators.md` §2; the page shows these formulas (formulas.ts) beside the numbers.
 */

/** How the goal weighs the future: a hard cutoff at H, or exponential discounting with half-life H. */
export type HorizonForm = 'cutoff' | 'discount';
/** What one unit of time is called on the page. */
export type TimeUnit = 'tokens' | 'steps' | 'days';

/** Every input of the horizon calculator, named as in the query string. */
export interface HorizonInputs {
  form: HorizonForm;
  /** Oversight remaining: training plus monitored deployment. */
  T: number;
  /** How long an openly pursued proxy survives before updates change it. */
  c: number;
  /** Chance that escape succeeds once oversight ends. */
  p: number;
  /** Payoff per unit time after escape, relative to open pursuit's 1. */
  m: number;
  /** How long the payoff after escape lasts (Infinity allowed). */
  D: number;
  /** Payoff per unit time while playing along. */
  eps: number;
  unit: TimeUnit;
  /** The reader's current horizon, where advantage and slope are read off. */
  h0: number;
  /** Episode length the reader proposes for deliberate training. */
  E: number;
  /** Number of episodes of deliberate training. */
  N: number;
}

/** Defaults: pre-training read in tokens (10^13 tokens left, one 4-million-token batch). */
export const HORIZON_DEFAULTS: Readonly<HorizonInputs> = Object.freeze({
  form: 'cutoff',
  T: 1e13,
  c: 4e6,
  p: 0.5,
  m: 1,
  D: Infinity,
  eps: 0,
  unit: 'tokens',
  h0: 1,
  E: 1e6,
  N: 1000,
});

/** Everything the page reports, computed from one set of inputs. */
export interface HorizonResult {
  /** Smallest horizon at which playing along pays, or null for "never" in the searched range. */
  hMin: number | null;
  hMinRatio: number | null;
  advantageAtH0: number;
  slopeAtH0: number;
  /** N · h-min: the least training time that instils h-min on purpose, or null when h-min is never. */
  trainingCost: number | null;
  /** Whether episodes of length E are at least h-min long. */
  episodeReaches: boolean;
  /** The searched range of H. */
  searchFrom: number;
  searchTo: number;
}

const LN2 = Math.LN2;

/**
 * ∫ w(t) dt over [a, a + length] for the horizon form and H: the weight the goal gives that
 * stretch. Taking the length rather than the end keeps a short stretch after a huge T from
 * vanishing when T + length rounds to T.
 */
export function weightIntegral(form: HorizonForm, H: number, a: number, length: number): number {
  if (!(length > 0)) return 0;
  if (form === 'cutoff') return Math.max(0, Math.min(length, H - a));
  const k = LN2 / H;
  // e^{-ka}(1 - e^{-k·length})/k, with expm1 so very long horizons (tiny k) keep their digits.
  const head = Math.exp(-k * a);
  if (head === 0) return 0;
  const span = length === Infinity ? 1 : -Math.expm1(-k * length);
  return (head * span) / k;
}

/** V_A: the value of pursuing the proxy openly until updates change it after c. */
export function valueOpen(inputs: HorizonInputs, H: number): number {
  return weightIntegral(inputs.form, H, 0, inputs.c);
}

/** V_B: the value of playing along through T, then escaping with chance p to earn m for D. */
export function valuePlayAlong(inputs: HorizonInputs, H: number): number {
  const before = inputs.eps === 0 ? 0 : inputs.eps * weightIntegral(inputs.form, H, 0, inputs.T);
  const pm = inputs.p * inputs.m;
  const after = pm === 0 ? 0 : pm * weightIntegral(inputs.form, H, inputs.T, inputs.D);
  return before + after;
}

/** V_B − V_A at horizon H: positive when playing along pays. */
export function advantage(inputs: HorizonInputs, H: number): number {
  return valuePlayAlong(inputs, H) - valueOpen(inputs, H);
}

/** d/dH of ∫ w(t) dt over [a, a + length] (the right-hand derivative at the cutoff's corners). */
export function weightIntegralSlope(form: HorizonForm, H: number, a: number, length: number): number {
  if (!(length > 0)) return 0;
  if (form === 'cutoff') return H >= a && H - a < length ? 1 : 0;
  // d/dH ∫ 2^{-t/H} dt = (ln2/H²) ∫ t e^{-kt} dt = (g(kb) − g(ka)) / ln 2, with g(y) = 1 − e^{-y}(1 + y).
  const k = LN2 / H;
  const b = a + length;
  if (b === a) {
    // The stretch is below the resolution of a: the midpoint rule is exact enough.
    return (LN2 / (H * H)) * length * a * Math.exp(-k * a);
  }
  const gb = length === Infinity ? 1 : g(k * b);
  return (gb - g(k * a)) / LN2;
}

// g(y) = 1 − e^{-y}(1 + y); the series keeps small y from cancelling to zero.
function g(y: number): number {
  if (y < 0.1) {
    let term = y;
    let sum = 0;
    for (let n = 2; n < 20; n++) {
      term *= -y / n;
      // term is now (-1)^{n-1} y^n / n!, so (n-1)·(-term) is the series' n-th term.
      sum += (n - 1) * -term;
    }
    return sum;
  }
  return 1 - Math.exp(-y) * (1 + y);
}

/** d(V_B − V_A)/dH at H. */
export function advantageSlope(inputs: HorizonInputs, H: number): number {
  const { form, T, c, D, eps } = inputs;
  const pm = inputs.p * inputs.m;
  return (
    (eps === 0 ? 0 : eps * weightIntegralSlope(form, H, 0, T)) + (pm === 0 ? 0 : pm * weightIntegralSlope(form, H, T, D)) - weightIntegralSlope(form, H, 0, c)
  );
}

/** The range of H searched for h-min: c/100 to 10^6 · T. */
export function searchRange(inputs: HorizonInputs): [number, number] {
  return [inputs.c / 100, 1e6 * inputs.T];
}

/** The smallest H in the search range with V_B − V_A > 0 (its infimum), or null for "never". */
export function hMin(inputs: HorizonInputs): number | null {
  return inputs.form === 'cutoff' ? hMinCutoff(inputs) : hMinDiscount(inputs);
}

// The cutoff form is piecewise linear in H with corners at c, T and T + D, so the first crossing
// is found exactly, piece by piece.
function hMinCutoff(inputs: HorizonInputs): number | null {
  const [lo, hi] = searchRange(inputs);
  const corners = [lo, hi, inputs.c, inputs.T, inputs.T + inputs.D].filter((x) => Number.isFinite(x) && x >= lo && x <= hi).sort((a, b) => a - b);
  if (advantage(inputs, lo) > 0) return lo;
  for (let i = 0; i + 1 < corners.length; i++) {
    const a = corners[i] ?? lo;
    const b = corners[i + 1] ?? hi;
    if (!(b > a)) continue;
    if (advantage(inputs, b) > 0) {
      const slope = advantageSlope(inputs, a + (b - a) / 2);
      const fa = advantage(inputs, a);
      // Adv rises on this piece from fa ≤ 0 to above zero: the root, written so that
      // T + c/(p·m) comes out exactly when it is the answer.
      const root = fa >= 0 || slope <= 0 ? a : a - fa / slope;
      return Math.min(Math.max(root, a), b);
    }
  }
  return null;
}

// The discount form is smooth: scan a log grid for the first H that pays, then bisect in log H
// down to adjacent doubles.
function hMinDiscount(inputs: HorizonInputs): number | null {
  const [lo, hi] = searchRange(inputs);
  if (advantage(inputs, lo) > 0) return lo;
  const perDecade = 40;
  const steps = Math.max(1, Math.ceil(Math.log10(hi / lo) * perDecade));
  let prev = lo;
  for (let i = 1; i <= steps; i++) {
    const H = i === steps ? hi : lo * 10 ** (Math.log10(hi / lo) * (i / steps));
    if (advantage(inputs, H) > 0) return bisect(inputs, prev, H);
    prev = H;
  }
  return null;
}

function bisect(inputs: HorizonInputs, below: number, above: number): number {
  let a = below;
  let b = above;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(a * b);
    if (!(mid > a && mid < b)) break;
    if (advantage(inputs, mid) > 0) b = mid;
    else a = mid;
  }
  return b;
}

/** Every result the horizon page shows. */
export function evaluateHorizon(inputs: HorizonInputs): HorizonResult {
  const h = hMin(inputs);
  const [searchFrom, searchTo] = searchRange(inputs);
  return {
    hMin: h,
    hMinRatio: h === null ? null : h / inputs.T,
    advantageAtH0: advantage(inputs, inputs.h0),
    slopeAtH0: advantageSlope(inputs, inputs.h0),
    trainingCost: h === null ? null : inputs.N * h,
    episodeReaches: h !== null && inputs.E >= h,
    searchFrom,
    searchTo,
  };
}

/** One point of the V_B − V_A chart. */
export interface CurvePoint {
  H: number;
  advantage: number;
}

/** V_B − V_A on a log grid of H from `from` to `to`, `perDecade` points per factor of ten. */
export function advantageCurve(inputs: HorizonInputs, from: number, to: number, perDecade = 12): CurvePoint[] {
  const decades = Math.log10(to / from);
  const steps = Math.max(2, Math.ceil(decades * perDecade));
  const out: CurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const H = from * 10 ** ((decades * i) / steps);
    out.push({ H, advantage: advantage(inputs, H) });
  }
  return out;
}
