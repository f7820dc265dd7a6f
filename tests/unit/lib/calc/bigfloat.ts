// A slow, independent high-precision float for reference values in the calculator tests:
// value = m · 2^e with a BigInt mantissa of about PREC bits (≈ 210 decimal digits) and a BigInt
// exponent, so 2^(−10^38) is as easy to hold as 1. Only what the references need is here.

/** Mantissa bits kept after every operation. */
export const PREC = 700;
const P = BigInt(PREC);

/** A high-precision number m · 2^e. */
export interface BF {
  m: bigint;
  e: bigint;
}

function bitLength(m: bigint): bigint {
  if (m === 0n) return 0n;
  const a = m < 0n ? -m : m;
  const hex = a.toString(16);
  // Hex digits give the length to within 3 bits; the leading digit fixes the rest.
  return BigInt(hex.length * 4 - (4 - parseInt(hex[0]!, 16).toString(2).length));
}

function norm(m: bigint, e: bigint): BF {
  if (m === 0n) return { m: 0n, e: 0n };
  const extra = bitLength(m) - P;
  if (extra <= 0n) return { m, e };
  const half = 1n << (extra - 1n);
  const neg = m < 0n;
  const a = neg ? -m : m;
  const r = (a + half) >> extra;
  return { m: neg ? -r : r, e: e + extra };
}

/** The exact value of a finite double. */
export function bf(x: number): BF {
  if (!Number.isFinite(x)) throw new Error(`bf: ${x} is not finite`);
  if (x === 0) return { m: 0n, e: 0n };
  let e = 0;
  let y = x;
  // Scaling by 2 is exact, so this ends with an integer equal to x · 2^−e.
  while (!Number.isInteger(y)) {
    y *= 2;
    e--;
  }
  return norm(BigInt(y), BigInt(e));
}

/** The nearest double (0 or ±Infinity outside the double range). */
export function toNumber(a: BF): number {
  if (a.m === 0n) return 0;
  const len = bitLength(a.m);
  const shift = len > 64n ? len - 64n : 0n;
  const mant = Number(a.m >> shift);
  const exp = a.e + shift;
  if (exp > 2000n) return mant > 0 ? Infinity : -Infinity;
  if (exp < -2200n) return 0;
  const ex = Number(exp);
  const half = Math.trunc(ex / 2);
  return mant * 2 ** half * 2 ** (ex - half);
}

/** log10 |a|, finite far outside the double range; −Infinity for zero. */
export function log10Abs(a: BF): number {
  if (a.m === 0n) return -Infinity;
  const len = bitLength(a.m);
  const shift = len > 64n ? len - 64n : 0n;
  const mant = Math.abs(Number(a.m >> shift));
  return Math.log10(mant) + Number(a.e + shift) * Math.log10(2);
}

/** −1, 0 or 1. */
export function sign(a: BF): number {
  return a.m === 0n ? 0 : a.m > 0n ? 1 : -1;
}

/** −a. */
export function neg(a: BF): BF {
  return { m: -a.m, e: a.e };
}

/** a + b, exact to PREC bits. */
export function add(a: BF, b: BF): BF {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const topA = a.e + bitLength(a.m);
  const topB = b.e + bitLength(b.m);
  // A summand more than PREC bits below the other cannot change its kept digits.
  if (topA - topB > P + 4n) return a;
  if (topB - topA > P + 4n) return b;
  if (a.e >= b.e) return norm((a.m << (a.e - b.e)) + b.m, b.e);
  return norm(a.m + (b.m << (b.e - a.e)), a.e);
}

/** a − b. */
export function sub(a: BF, b: BF): BF {
  return add(a, neg(b));
}

/** a · b. */
export function mul(a: BF, b: BF): BF {
  return norm(a.m * b.m, a.e + b.e);
}

/** a / b. */
export function div(a: BF, b: BF): BF {
  if (b.m === 0n) throw new Error('bf: division by zero');
  const shift = P + bitLength(b.m) + 2n;
  return norm((a.m << shift) / b.m, a.e - b.e - shift);
}

/** a · 2^k. */
export function scale2(a: BF, k: bigint): BF {
  return a.m === 0n ? a : { m: a.m, e: a.e + k };
}

/** a < b ? −1 : a > b ? 1 : 0. */
export function cmp(a: BF, b: BF): number {
  return sign(sub(a, b));
}

// Largest integer ≤ a, for a ≥ 0.
function floor(a: BF): bigint {
  return a.e >= 0n ? a.m << a.e : a.m >> -a.e;
}

let ln2Cache: BF | null = null;

/** ln 2 = Σ_{k≥1} 1/(k 2^k), summed to PREC bits. */
export function ln2(): BF {
  if (ln2Cache) return ln2Cache;
  let total = bf(0);
  for (let k = 1; k <= PREC + 20; k++) total = add(total, div(bf(1), scale2(bf(k), BigInt(k))));
  ln2Cache = total;
  return total;
}

// e^z for |z| ≤ 1: Taylor series after halving z 32 times, then squaring back.
function expSmall(z: BF): BF {
  const r = 32n;
  const x = scale2(z, -r);
  let term = bf(1);
  let total = bf(1);
  for (let k = 1; k < 200; k++) {
    term = div(mul(term, x), bf(k));
    total = add(total, term);
    if (term.m === 0n || bitLength(total.m) + total.e - (bitLength(term.m) + term.e) > P + 8n) break;
  }
  for (let i = 0n; i < r; i++) total = mul(total, total);
  return total;
}

/** 2^(−q) for q ≥ 0: the integer part goes into the exponent, the fraction through a series. */
export function pow2neg(q: BF): BF {
  const n = floor(q);
  const frac = sub(q, { m: n, e: 0n });
  return scale2(expSmall(neg(mul(frac, ln2()))), -n);
}

/** e^x for any x, as 2^(x / ln 2). */
export function exp(x: BF): BF {
  const q = div(x, ln2());
  if (sign(q) <= 0) return pow2neg(neg(q));
  const n = floor(q) + 1n;
  // 2^q = 2^n · 2^(−(n − q)), with n − q in (0, 1].
  return scale2(pow2neg(sub({ m: n, e: 0n }, q)), n);
}
