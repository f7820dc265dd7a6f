/**
 * The goal-horizon model ("How long must a goal be for deception to pay?"): a model with a proxy
 * goal compares pursuing it openly now with playing along until oversight ends. See shared design
 * `calculators.md` §2; the page shows these formulas (formulas.ts) beside the numbers.
 *
 * Numerics: V_B and V_A are often equal to many digits, and their parts can be far below the
 * smallest double (2^{−T/H} with T/H in the millions). So the difference is never taken of two
 * rounded totals. The shared stretch of time is cancelled on paper first (ε ∫_0^T − ∫_0^c
 * splits into (ε − 1) ∫_0^c + ε ∫_c^T), every remaining part is a positive term kept as a
 * logarithm, and the factor 2^{−a/H} that places a stretch at time a is carried separately, so
 * two parts that share it compare without rounding it. Each result carries an error bound, and
 * says when it is below what double precision can hold or resolve.
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

/**
 * A computed quantity and what double precision can say about it: `ok` (value right to
 * `relError`), `tiny` (sign and size known, but below the smallest normal double, so `value` is
 * 0 or imprecise and `log10` carries the size), or `unresolved` (closer to zero than rounding of
 * its parts can tell: only |x| ≤ 10^log10 is known, and the sign is 0).
 */
export interface Quantity {
  value: number;
  sign: -1 | 0 | 1;
  /** log10 |x| (or of the bound, when unresolved); −Infinity for an exact zero. */
  log10: number;
  /** Relative error bound of `value` (of 10^log10 for tiny values). */
  relError: number;
  status: 'ok' | 'tiny' | 'unresolved';
}

/** Everything the page reports, computed from one set of inputs. */
export interface HorizonResult {
  /** Smallest horizon at which playing along pays, or null for "never" in the searched range. */
  hMin: number | null;
  hMinRatio: number | null;
  advantageAtH0: Quantity;
  slopeAtH0: Quantity;
  /** N · h-min: the least training time that instils h-min on purpose, or null when h-min is never. */
  trainingCost: number | null;
  /** Whether episodes of length E are at least h-min long. */
  episodeReaches: boolean;
  /** The searched range of H. */
  searchFrom: number;
  searchTo: number;
  /** How many times the h-min search evaluated the model (at most MAX_EVALUATIONS). */
  evaluations: number;
}

const LN2 = Math.LN2;
const LN_LN2 = Math.log(LN2);
const EPS = Number.EPSILON;
const LN_MIN_NORMAL = -1022 * Math.LN2;
/** Above this relative error a value has no correct digit left, and the page says so. */
const UNRESOLVED = 0.1;

// ── Exact sums of inputs ─────────────────────────────────────────────────────────────────────

// hi + lo exactly: where a stretch starts (0, c, T or T + D) without the rounding of T + D.
type Exact = readonly [number, number];

function exactSum(a: number, b: number): Exact {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

// x − y, exact in its leading digits when x and y are close (their high parts then subtract exactly).
function minus(x: Exact, y: Exact): number {
  return x[0] - y[0] + (x[1] - y[1]);
}

// ── Positive terms as logarithms ─────────────────────────────────────────────────────────────

// A positive term e^{rest − at·k} (k = ln 2 / H); `err` bounds the absolute error of `rest`.
// rest = −∞ is a zero term.
interface Term {
  at: Exact;
  rest: number;
  err: number;
}

// A term from the logarithms of its factors (besides 2^{−at/H}), with the error their rounding adds.
function term(at: Exact, extraErr: number, l1: number, l2: number, l3: number, l4: number): Term {
  const rest = l1 + l2 + l3 + l4;
  const size = Math.abs(l1) + Math.abs(l2) + Math.abs(l3) + Math.abs(l4);
  return { at, rest, err: Number.isFinite(rest) ? 2 * EPS * (size + 4) + extraErr : 0 };
}

// ln(t1) − ln(t2), with the 2^{−at/H} factors compared before they are rounded.
function gap(t1: Term, t2: Term, k: number): number {
  return t1.rest - t2.rest - minus(t1.at, t2.at) * k;
}

// The error gap() adds: rounding of the difference of the two starts, and of its product with k.
function gapErr(t1: Term, t2: Term, k: number): number {
  return 2 * EPS * Math.abs(minus(t1.at, t2.at) * k);
}

// ln of a term on its own, and that logarithm's error.
const lnOf = (t: Term, k: number): number => t.rest - (t.at[0] + t.at[1]) * k;
const lnErrOf = (t: Term, k: number): number => t.err + 2 * EPS * Math.abs((t.at[0] + t.at[1]) * k);

// Sum of positive terms as one term (null when all are zero): log-sum-exp around the largest.
function sum(terms: readonly Term[], k: number): Term | null {
  let top: Term | null = null;
  for (const t of terms) if (t.rest > -Infinity && (top === null || gap(t, top, k) > 0)) top = t;
  if (top === null) return null;
  let rest = 0;
  let spread = 0;
  for (const t of terms) {
    if (t === top || !(t.rest > -Infinity)) continue;
    const share = Math.exp(gap(t, top, k));
    rest += share;
    // A term's error moves the total only in proportion to its share of it.
    spread += share * Math.expm1(Math.min(1, t.err + gapErr(t, top, k)));
  }
  const total = top.rest + Math.log1p(rest);
  return { at: top.at, rest: total, err: top.err + spread / (1 + rest) + EPS * (Math.abs(total) + 1) };
}

const ZERO: Quantity = { value: 0, sign: 0, log10: -Infinity, relError: 0, status: 'ok' };

// One signed quantity from sign, ln|x| and the error bound of that logarithm.
// Its sign is certain; a size far below the double range may be known only roughly (2^{−T/H}
// with T/H near 10⁴⁰ is rounded in its exponent), and relError then says how roughly.
function fromLog(sign: -1 | 1, ln: number, lnErr: number): Quantity {
  const value = sign * Math.exp(ln);
  const tiny = ln < LN_MIN_NORMAL;
  return { value: tiny ? 0 : value, sign, log10: ln / Math.LN10, relError: lnErr + EPS * (Math.abs(ln) + 2), status: tiny ? 'tiny' : 'ok' };
}

// P − N for two sums of positive terms, with what rounding lets us say about it.
function difference(P: Term | null, N: Term | null, k: number): Quantity {
  if (P === null && N === null) return ZERO;
  if (N === null) return fromLog(1, lnOf(P as Term, k), lnErrOf(P as Term, k));
  if (P === null) return fromLog(-1, lnOf(N, k), lnErrOf(N, k));
  const d = gap(P, N, k);
  const dErr = P.err + N.err + gapErr(P, N, k);
  const big = d >= 0 ? P : N;
  const ad = Math.abs(d);
  if (ad <= dErr || dErr / Math.expm1(ad) >= UNRESOLVED) {
    // Not one digit (or not even the sign) survives rounding: all that is known is a bound on the size.
    const bound = lnOf(big, k) + lnErrOf(big, k) + Math.log(Math.expm1(ad + dErr));
    return { value: 0, sign: 0, log10: bound / Math.LN10, relError: Infinity, status: 'unresolved' };
  }
  // |P − N| = big · (1 − e^{−|d|}); an error δ in d moves its logarithm by δ / (e^{|d|} − 1).
  return fromLog(d >= 0 ? 1 : -1, lnOf(big, k) + Math.log(-Math.expm1(-ad)), lnErrOf(big, k) + dErr / Math.expm1(ad));
}

// P − N for plain sums (the cutoff form, where nothing underflows), given the absolute error of
// the parts: exactly zero when they agree, as they do when the typed inputs cancel.
function plainDifference(pos: number, neg: number, partsErr: number): Quantity {
  if (pos === neg) return ZERO;
  const value = pos - neg;
  const err = partsErr + 2 * EPS * (pos + neg);
  const relError = err / Math.abs(value) + EPS;
  if (relError >= UNRESOLVED) return { value: 0, sign: 0, log10: Math.log10(err + Math.abs(value)), relError: Infinity, status: 'unresolved' };
  return { value, sign: value > 0 ? 1 : -1, log10: Math.log10(Math.abs(value)), relError, status: 'ok' };
}

// ── The model as weighted stretches of time ──────────────────────────────────────────────────

// V_B − V_A = ∫ κ(t) w(t) dt with κ(t) = ε [t < T] + p m [T ≤ t < T + D] − [t < c]: constant on the
// stretches between 0, c, T and T + D. Each stretch carries its net coefficient, so time that both
// plans value (ε = 1 before T, p m = 1 after it) cancels exactly instead of in rounding.
interface Piece {
  start: Exact;
  length: number;
  coef: number;
  /** ln |coef| (from ln p + ln m where only p m is left, so a tiny product keeps its size). */
  lnCoef: number;
  /** Error bound of lnCoef (the relative error of coef). */
  coefErr: number;
}

interface Pieces {
  pos: Piece[];
  neg: Piece[];
  /** Every positive stretch lies after every negative one, so V_B/V_A only grows with H. */
  monotone: boolean;
}

// a · b exactly, as hi + lo (Dekker's product; no step overflows for inputs up to 1e6).
function exactProduct(a: number, b: number): Exact {
  const p = a * b;
  const split = (x: number): Exact => {
    const c = 134217729 * x;
    const hi = c - (c - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** The stretches of V_B − V_A with their net coefficients, split by sign. */
function pieces(inputs: HorizonInputs): Pieces {
  const { T, c, D, eps, p, m } = inputs;
  const pm = exactProduct(p, m);
  const lnPm = Math.log(p) + Math.log(m);
  const lnPmErr = 2 * EPS * (Math.abs(Math.log(p)) + Math.abs(Math.log(m)) + 1);
  const t: Exact = [T, 0];
  const co: Exact = [c, 0];
  const end: Exact | null = D === Infinity ? null : exactSum(T, D);
  const points = [[0, 0] as Exact, co, t, ...(end ? [end] : [])].sort(minus).filter((x, i, all) => i === 0 || minus(x, all[i - 1] as Exact) !== 0);
  const out: Pieces = { pos: [], neg: [], monotone: true };
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as Exact;
    const b = points[i + 1];
    const before = minus(a, t) < 0;
    const after = !before && (end === null || minus(a, end) < 0);
    const open = minus(a, co) < 0;
    // The net weight from exact parts (ε − 1 and p·m each as hi + lo), so what cancels, cancels.
    const base = exactSum(before ? eps : 0, open ? -1 : 0);
    let coef = base[0] + base[1];
    let lnCoef = Math.log(Math.abs(coef));
    let coefErr = 2 * EPS;
    if (after && coef === 0) {
      coef = pm[0];
      // From ln p + ln m, so a product below the double range keeps its size.
      lnCoef = lnPm;
      coefErr = lnPmErr;
    } else if (after) {
      coef = base[0] + pm[0] + (base[1] + pm[1]);
      // Typed decimals are within half an ulp of their doubles, so p m − 1 within ε p m of zero may be
      // typed inputs that cancel (p = 0.1, m = 10): take it as 0 rather than as binary rounding.
      if (Math.abs(coef) <= EPS * pm[0]) coef = 0;
      lnCoef = Math.log(Math.abs(coef));
    }
    const length = b === undefined ? Infinity : minus(b, a);
    if (!(length > 0) || !(lnCoef > -Infinity)) continue;
    (coef > 0 ? out.pos : out.neg).push({ start: a, length, coef, lnCoef, coefErr });
  }
  const lastNeg = Math.max(...out.neg.map((pc) => pc.start[0] + pc.length));
  const firstPos = Math.min(...out.pos.map((pc) => pc.start[0]));
  out.monotone = lastNeg <= firstPos;
  return out;
}

// ln of −expm1(−L) for L = length·k, 0 for an endless stretch.
function lnSpan(L: number): number {
  return L === Infinity ? 0 : Math.log(-Math.expm1(-L));
}

// ∫ 2^{−t/H} dt over a stretch, as a term: |coef| (H/ln 2) · 2^{−a/H} · (1 − 2^{−length/H}).
function valueTerm(pc: Piece, H: number, k: number): Term {
  return term(pc.start, pc.coefErr, pc.lnCoef, Math.log(H), -LN_LN2, lnSpan(pc.length * k));
}

// d/dH of the same integral, as a term: |coef| (1/ln 2) · e^{−u} · (u (1 − e^{−L}) + g(L)), with
// u = a k, L = length k. Both summands are positive, so no digit is lost however the stretch sits.
function slopeTerm(pc: Piece, k: number): Term {
  const u = (pc.start[0] + pc.start[1]) * k;
  const L = pc.length * k;
  const inner = L === Infinity ? u + 1 : u * -Math.expm1(-L) + g(L);
  return term(pc.start, pc.coefErr, pc.lnCoef, -LN_LN2, Math.log(inner), 0);
}

/** g(y) = 1 − e^{−y}(1 + y), the share of ∫ y e^{−y} below y; the series keeps small y exact. */
function g(y: number): number {
  if (y === Infinity) return 1;
  if (y < 1) {
    // Σ_{n≥2} (−1)^n (n − 1) yⁿ/n!: alternating with falling terms, so each partial sum brackets it.
    let power = y;
    let total = 0;
    for (let n = 2; n < 40; n++) {
      power *= y / n;
      const next = (n % 2 === 0 ? 1 : -1) * (n - 1) * power;
      total += next;
      if (Math.abs(next) <= 1e-17 * Math.abs(total)) break;
    }
    return total;
  }
  return -Math.expm1(-y) - y * Math.exp(-y);
}

// The cutoff's ∫ w over a stretch: the part of it below H.
function cutoffLength(H: number, at: Exact, length: number): number {
  return Math.max(0, Math.min(length, H - at[0] - at[1]));
}

// Σ |coef| · f over one sign's stretches, and the absolute error their coefficients carry.
function plainSum(list: readonly Piece[], f: (pc: Piece) => number): [number, number] {
  let total = 0;
  let err = 0;
  for (const pc of list) {
    const v = Math.abs(pc.coef) * f(pc);
    total += v;
    err += v * (pc.coefErr + 2 * EPS);
  }
  return [total, err];
}

/** V_B − V_A at horizon H, with its error bound; positive when playing along pays. */
export function advantageAt(inputs: HorizonInputs, H: number): Quantity {
  return advantageOf(inputs.form, pieces(inputs), H);
}

/** d(V_B − V_A)/dH at H (the right-hand derivative at the cutoff's corners), with its error bound. */
export function slopeAt(inputs: HorizonInputs, H: number): Quantity {
  return slopeOf(inputs.form, pieces(inputs), H);
}

/**
 * Playing along's net value (or its slope) at horizon H: what the positive stretches add less what
 * the negative ones take, from one per-stretch function for the cutoff form (plain sums) and one
 * for the discount form (log-space terms).
 */
function netOf(form: HorizonForm, { pos, neg }: Pieces, H: number, cutoff: (pc: Piece) => number, discount: (pc: Piece, k: number) => Term): Quantity {
  if (form === 'cutoff') {
    const [p, pe] = plainSum(pos, cutoff);
    const [n, ne] = plainSum(neg, cutoff);
    return plainDifference(p, n, pe + ne);
  }
  const k = LN2 / H;
  const terms = (list: Piece[]) =>
    sum(
      list.map((pc) => discount(pc, k)),
      k,
    );
  return difference(terms(pos), terms(neg), k);
}

function advantageOf(form: HorizonForm, parts: Pieces, H: number): Quantity {
  return netOf(
    form,
    parts,
    H,
    (pc) => cutoffLength(H, pc.start, pc.length),
    (pc, k) => valueTerm(pc, H, k),
  );
}

function slopeOf(form: HorizonForm, parts: Pieces, H: number): Quantity {
  return netOf(
    form,
    parts,
    H,
    (pc) => {
      const x = H - pc.start[0] - pc.start[1];
      return x >= 0 && x < pc.length ? 1 : 0;
    },
    slopeTerm,
  );
}

// A stretch weighted 1, for the single integrals below.
const unitPiece = (a: number, length: number): Piece => ({ start: [a, 0], length, coef: 1, lnCoef: 0, coefErr: 0 });

/**
 * ∫ w(t) dt over [a, a + length] for the horizon form and H: the weight the goal gives that
 * stretch. Taking the length rather than the end keeps a short stretch after a huge T from
 * vanishing when T + length rounds to T.
 */
export function weightIntegral(form: HorizonForm, H: number, a: number, length: number): number {
  if (!(length > 0)) return 0;
  if (form === 'cutoff') return cutoffLength(H, [a, 0], length);
  const k = LN2 / H;
  return Math.exp(lnOf(valueTerm(unitPiece(a, length), H, k), k));
}

/** d/dH of ∫ w(t) dt over [a, a + length] (the right-hand derivative at the cutoff's corners). */
export function weightIntegralSlope(form: HorizonForm, H: number, a: number, length: number): number {
  if (!(length > 0)) return 0;
  if (form === 'cutoff') return H >= a && H - a < length ? 1 : 0;
  const k = LN2 / H;
  return Math.exp(lnOf(slopeTerm(unitPiece(a, length), k), k));
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

/** V_B − V_A at horizon H as a double (0 when it is below the double range or unresolved). */
export function advantage(inputs: HorizonInputs, H: number): number {
  return advantageAt(inputs, H).value;
}

/** d(V_B − V_A)/dH at H as a double. */
export function advantageSlope(inputs: HorizonInputs, H: number): number {
  return slopeAt(inputs, H).value;
}

// ── h-min ────────────────────────────────────────────────────────────────────────────────────

/** The range of H searched for h-min: c/100 to 10^6 · T (just c/100 when c exceeds 10^8 · T). */
export function searchRange(inputs: HorizonInputs): [number, number] {
  const lo = inputs.c / 100;
  return [lo, Math.max(lo, 1e6 * inputs.T)];
}

/** Grid points per factor of ten where the discount form's advantage can rise and fall again. */
const PER_DECADE = 16;
/** No search evaluates the model more often than this, whatever the inputs. */
export const MAX_EVALUATIONS = 6000;
const MAX_BISECTIONS = 200;
// 44 decades at most in the accepted ranges, so the grid never hits this; with MAX_PEAKS it keeps
// the worst case (2 per grid point, 2 bisections per peak, a final bisection) under MAX_EVALUATIONS.
const MAX_GRID = 1200;
// V_B/V_A is a ratio of sums of a few exponentials in 1/H, which rises and falls only a few times.
const MAX_PEAKS = 4;

/** The smallest H in the search range with V_B − V_A > 0 (its infimum), or null for "never". */
export function hMin(inputs: HorizonInputs): number | null {
  return hMinSearch(inputs).hMin;
}

/** h-min with the number of model evaluations the search took, which never exceeds MAX_EVALUATIONS. */
export function hMinSearch(inputs: HorizonInputs, parts: Pieces = pieces(inputs)): { hMin: number | null; evaluations: number } {
  const counter = { n: 0 };
  const [lo, hi] = searchRange(inputs);
  if (!(lo > 0 && hi >= lo && Number.isFinite(hi))) return { hMin: null, evaluations: 0 };
  const h = inputs.form === 'cutoff' ? hMinCutoff(inputs, parts, lo, hi, counter) : hMinDiscount(parts, lo, hi, counter);
  return { hMin: h, evaluations: counter.n };
}

// The cutoff form is piecewise linear in H with corners at c, T and T + D, so the first crossing
// is found exactly, piece by piece.
function hMinCutoff(inputs: HorizonInputs, parts: Pieces, lo: number, hi: number, counter: { n: number }): number | null {
  const adv = (H: number) => {
    counter.n++;
    return advantageOf('cutoff', parts, H).value;
  };
  const corners = [lo, hi, inputs.c, inputs.T, inputs.T + inputs.D].filter((x) => Number.isFinite(x) && x >= lo && x <= hi).sort((a, b) => a - b);
  if (adv(lo) > 0) return lo;
  for (let i = 0; i + 1 < corners.length; i++) {
    const a = corners[i] ?? lo;
    const b = corners[i + 1] ?? hi;
    if (!(b > a)) continue;
    if (adv(b) > 0) {
      const slope = slopeOf('cutoff', parts, a + (b - a) / 2).value;
      const fa = adv(a);
      // Adv rises on this piece from fa ≤ 0 to above zero: the root, written so that
      // T + c/(p·m) comes out exactly when it is the answer.
      const root = fa >= 0 || slope <= 0 ? a : a - fa / slope;
      return Math.min(Math.max(root, a), b);
    }
  }
  return null;
}

// ln V_B − ln V_A over the stretches that do not cancel: positive exactly where playing along
// pays; +∞ when only V_B has any, −∞ when V_B has none, NaN when neither has.
function logRatio(H: number, parts: Pieces): number {
  const k = LN2 / H;
  const P = sum(
    parts.pos.map((pc) => valueTerm(pc, H, k)),
    k,
  );
  const N = sum(
    parts.neg.map((pc) => valueTerm(pc, H, k)),
    k,
  );
  if (P === null) return N === null ? NaN : -Infinity;
  if (N === null) return Infinity;
  return gap(P, N, k);
}

// Whether ln V_B − ln V_A is rising at H: (V_B)'/V_B > (V_A)'/V_A, every part positive.
function ratioRising(H: number, parts: Pieces): boolean {
  const k = LN2 / H;
  const total = (list: Piece[], f: (pc: Piece) => Term) => sum(list.map(f), k);
  const P = total(parts.pos, (pc) => valueTerm(pc, H, k));
  const N = total(parts.neg, (pc) => valueTerm(pc, H, k));
  const dP = total(parts.pos, (pc) => slopeTerm(pc, k));
  const dN = total(parts.neg, (pc) => slopeTerm(pc, k));
  if (P === null || N === null || dP === null || dN === null) return false;
  return gap(dP, P, k) > gap(dN, N, k);
}

// The discount form is smooth. Where every stretch that favours playing along lies after every
// stretch that favours open pursuit, V_B/V_A only grows with H (later time gains weight as H
// grows), so one bisection finds the crossing. Otherwise the ratio can rise and fall: a log grid
// finds the first cell where it pays or where it peaks, and a peak inside a cell is located by
// the sign of the ratio's derivative.
function hMinDiscount(parts: Pieces, lo: number, hi: number, counter: { n: number }): number | null {
  const F = (H: number) => {
    counter.n++;
    return logRatio(H, parts);
  };
  if (F(lo) > 0) return lo;
  if (parts.monotone) return F(hi) > 0 ? bisect((H) => F(H) > 0, lo, hi) : null;

  const lnLo = Math.log(lo);
  const lnHi = Math.log(hi);
  const steps = Math.min(Math.ceil(((lnHi - lnLo) / Math.LN10) * PER_DECADE), MAX_GRID);
  const rising = (H: number) => {
    counter.n++;
    return ratioRising(H, parts);
  };
  let prev = lo;
  let prevRising = rising(lo);
  let peaks = 0;
  for (let i = 1; i <= steps; i++) {
    const H = i === steps ? hi : Math.exp(lnLo + ((lnHi - lnLo) * i) / steps);
    if (F(H) > 0) return bisect((x) => F(x) > 0, prev, H);
    const nowRising = rising(H);
    if (prevRising && !nowRising && peaks++ < MAX_PEAKS) {
      // A peak lies in (prev, H): find it, and if it pays, the crossing lies before it.
      const peak = bisect((x) => !rising(x), prev, H);
      if (F(peak) > 0) return bisect((x) => F(x) > 0, prev, peak);
    }
    prev = H;
    prevRising = nowRising;
  }
  return null;
}

// The least H in (below, above] with test(H) true, given test(below) false and test(above) true,
// bisected in log H down to adjacent doubles.
function bisect(test: (H: number) => boolean, below: number, above: number): number {
  let a = below;
  let b = above;
  for (let i = 0; i < MAX_BISECTIONS; i++) {
    const mid = a * Math.sqrt(b / a);
    if (!(mid > a && mid < b)) break;
    if (test(mid)) b = mid;
    else a = mid;
  }
  return b;
}

/** Every result the horizon page shows. */
export function evaluateHorizon(inputs: HorizonInputs): HorizonResult {
  const parts = pieces(inputs);
  const { hMin: h, evaluations } = hMinSearch(inputs, parts);
  const [searchFrom, searchTo] = searchRange(inputs);
  return {
    hMin: h,
    hMinRatio: h === null ? null : h / inputs.T,
    advantageAtH0: advantageOf(inputs.form, parts, inputs.h0),
    slopeAtH0: slopeOf(inputs.form, parts, inputs.h0),
    trainingCost: h === null ? null : inputs.N * h,
    episodeReaches: h !== null && inputs.E >= h,
    searchFrom,
    searchTo,
    evaluations,
  };
}

/** One point of the V_B − V_A chart. */
export interface CurvePoint {
  H: number;
  advantage: number;
}

/** The most points advantageCurve draws, however wide the range. */
export const MAX_CURVE_POINTS = 2000;

/** V_B − V_A on a log grid of H from `from` to `to`, `perDecade` points per factor of ten. */
export function advantageCurve(inputs: HorizonInputs, from: number, to: number, perDecade = 12): CurvePoint[] {
  if (!(from > 0 && to >= from && Number.isFinite(to))) return [];
  const decades = Math.log10(to) - Math.log10(from);
  const steps = Math.min(MAX_CURVE_POINTS - 1, Math.max(2, Math.ceil(decades * perDecade)));
  const parts = pieces(inputs);
  const out: CurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const H = from * 10 ** ((decades * i) / steps);
    out.push({ H, advantage: advantageOf(inputs.form, parts, H).value });
  }
  return out;
}
