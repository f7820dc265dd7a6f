// An independent reference for the goal-horizon model: the closed forms of calculators.md §2
// evaluated as written (V_B − V_A as ε ∫_0^T + p m ∫_T^{T+D} − ∫_0^c, no cancelling on paper)
// in ~210-digit arithmetic (bigfloat.ts), with exact inputs. Slow: a millisecond or so per value.
import type { HorizonInputs } from '../../../../src/lib/calc/horizon.ts';
import { add, bf, div, ln2, log10Abs, mul, neg, pow2neg, sign, sub, toNumber, type BF } from './bigfloat.ts';

const ZERO = bf(0);
const abs = (a: BF): BF => (sign(a) < 0 ? neg(a) : a);
const max = (a: BF, b: BF): BF => (sign(sub(abs(a), abs(b))) >= 0 ? abs(a) : abs(b));

// 2^{−t/H} for a time t given exactly (t may be a sum of inputs).
const decay = (t: BF, H: BF): BF => pow2neg(div(t, H));

/** ∫_a^end w(t) dt, exactly (end null for ∞). */
function integral(form: HorizonInputs['form'], H: number, a: BF, end: BF | null): BF {
  const h = bf(H);
  if (form === 'cutoff') {
    // min(end, H) − min(a, H), clamped at 0.
    const top = end !== null && sign(sub(end, h)) < 0 ? end : h;
    const bottom = sign(sub(a, h)) < 0 ? a : h;
    const d = sub(top, bottom);
    return sign(d) > 0 ? d : ZERO;
  }
  const tail = end === null ? ZERO : decay(end, h);
  return div(mul(h, sub(decay(a, h), tail)), ln2());
}

/** d/dH ∫_a^end w(t) dt: the right-hand derivative for the cutoff, (Q(a) − Q(end))/ln 2 with Q(t) = 2^{−t/H}(1 + t ln2/H) for discounting. */
function integralSlope(form: HorizonInputs['form'], H: number, a: BF, end: BF | null): BF {
  const h = bf(H);
  if (form === 'cutoff') {
    const inside = sign(sub(h, a)) >= 0 && (end === null || sign(sub(end, h)) > 0);
    return bf(inside ? 1 : 0);
  }
  const Q = (t: BF) => mul(decay(t, h), add(bf(1), div(mul(t, ln2()), h)));
  const tail = end === null ? ZERO : Q(end);
  return div(sub(Q(a), tail), ln2());
}

/** A reference value with the size of the parts it was computed from (to judge cancellation). */
export interface RefValue {
  value: BF;
  /** The cutoff form is computed without any rounding at all. */
  exact: boolean;
  /** Largest part before cancelling: |value| / scale is how far below its parts the value lies. */
  scale: BF;
}

function combine(parts: BF[], exact: boolean): RefValue {
  let value = ZERO;
  let scale = ZERO;
  for (const p of parts) {
    value = add(value, p);
    scale = max(scale, p);
  }
  return { value, scale, exact };
}

// The parts of V_B − V_A as the design note writes them, or, for values so far below their parts
// that even 210 digits cancel away, as ∫ κ(t) w(t) dt with the net weight κ = ε[t < T] +
// p m [T ≤ t < T + D] − [t < c] on each stretch between 0, c, T and T + D, as exact numbers.
type Integral = (a: BF, end: BF | null) => BF;
function parts(i: HorizonInputs, f: Integral, split: boolean): BF[] {
  const [T, c] = [bf(i.T), bf(i.c)];
  const pm = mul(bf(i.p), bf(i.m));
  const end = i.D === Infinity ? null : add(T, bf(i.D));
  if (!split) return [mul(bf(i.eps), f(ZERO, T)), mul(pm, f(T, end)), neg(f(ZERO, c))];
  const lt = (x: BF, y: BF) => sign(sub(x, y)) < 0;
  const points = [ZERO, c, T, ...(end ? [end] : [])].sort((x, y) => sign(sub(x, y))).filter((x, k, all) => k === 0 || sign(sub(x, all[k - 1]!)) !== 0);
  const out: BF[] = [];
  points.forEach((a, k) => {
    const before = lt(a, T);
    const after = !before && (end === null || lt(a, end));
    const open = lt(a, c);
    let coef = sub(add(before ? bf(i.eps) : ZERO, after ? pm : ZERO), open ? bf(1) : ZERO);
    // The model takes p m − 1 within ε p m of zero as typed inputs that cancel, so this does too.
    if (after && open && Math.abs(toNumber(coef)) <= Number.EPSILON * i.p * i.m) coef = ZERO;
    if (sign(coef) !== 0) out.push(mul(coef, f(a, points[k + 1] ?? null)));
  });
  return out;
}

/** Bits of agreement a reference value keeps after its parts cancel. */
export function bitsLeft(r: RefValue): number {
  // An exact zero from non-zero parts may be a difference cancelled below the kept digits.
  if (sign(r.value) === 0) return sign(r.scale) === 0 ? Infinity : -Infinity;
  return 690 - (log10Abs(r.scale) - log10Abs(r.value)) / Math.log10(2);
}

// The stretch-by-stretch form, checked against the design note's form wherever that keeps its
// digits and no weight was taken as zero (so a slip in either is caught here).
function reference(i: HorizonInputs, f: Integral): RefValue {
  // Sums and products of the inputs' exact values: nothing in the cutoff form rounds (min/max only).
  const exact = i.form === 'cutoff';
  const split = combine(parts(i, f, true), exact);
  const naive = combine(parts(i, f, false), exact);
  const pmMinusOne = sub(mul(bf(i.p), bf(i.m)), bf(1));
  const snapped = i.T < i.c && sign(pmMinusOne) !== 0 && Math.abs(toNumber(pmMinusOne)) <= Number.EPSILON * i.p * i.m;
  if (!snapped && bitsLeft(naive) > 80) {
    const diff = log10Abs(sub(naive.value, split.value)) - log10Abs(naive.scale);
    if (diff > -150) throw new Error(`reference: the two forms disagree (${diff})`);
  }
  return split;
}

/** V_B − V_A at H. */
export function refAdvantage(i: HorizonInputs, H: number): RefValue {
  return reference(i, (a, end) => integral(i.form, H, a, end));
}

/** d(V_B − V_A)/dH at H. */
export function refSlope(i: HorizonInputs, H: number): RefValue {
  return reference(i, (a, end) => integralSlope(i.form, H, a, end));
}

/** The size of the parts after the shared time is cancelled, the scale the model's error is judged against. */
export function splitScale(i: HorizonInputs, H: number, slope: boolean): BF {
  const f: Integral = (a, end) => (slope ? integralSlope(i.form, H, a, end) : integral(i.form, H, a, end));
  return combine(parts(i, f, true), false).scale;
}

export { log10Abs, sign, toNumber };
