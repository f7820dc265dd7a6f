// A slow, independent reference for the ordering chain at any rates and run length: π(0) e^{Qτ}
// by Taylor series and repeated squaring in ~210-digit arithmetic (bigfloat.ts). Squaring doubles
// rounding error each time; with 700 bits, forty squarings still leave far more digits than the
// 1e-9 the design asks of the model. Takes a fraction of a second per call.
import { add, bf, mul, scale2, toNumber, type BF } from './bigfloat.ts';

const ZERO = bf(0);

function multiply(a: BF[], b: BF[], n: number): BF[] {
  const c: BF[] = Array.from({ length: n * n }, () => ZERO);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik.m === 0n) continue;
      for (let j = k; j < n; j++) {
        const bkj = b[k * n + j]!;
        if (bkj.m !== 0n) c[i * n + j] = add(c[i * n + j]!, mul(aik, bkj));
      }
    }
  }
  return c;
}

/** π(0) e^{Qt} for an upper-triangular generator q (n×n, row-major). */
export function referenceChain(q: Float64Array, start: ArrayLike<number>, t: number): number[] {
  const n = start.length;
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, 2 * Math.abs(q[i * n + i] ?? 0));
  // Scale Qt by 2^−s until its norm is below 2^−20, so 40 Taylor terms reach 700 bits.
  let s = 0;
  while (norm * t * 2 ** -s > 2 ** -20) s++;
  const A = Array.from(q, (x) => scale2(mul(bf(x), bf(t)), BigInt(-s)));
  let term: BF[] = Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? bf(1) : ZERO));
  let total = term.slice();
  for (let k = 1; k <= 40; k++) {
    term = multiply(term, A, n).map((x) => divSmall(x, k));
    total = total.map((x, i) => add(x, term[i]!));
  }
  for (let i = 0; i < s; i++) total = multiply(total, total, n);
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    let acc = ZERO;
    for (let i = 0; i <= j; i++) acc = add(acc, mul(bf(start[i] ?? 0), total[i * n + j]!));
    out.push(toNumber(acc));
  }
  return out;
}

function divSmall(x: BF, k: number): BF {
  // x / k to the kept precision: shift up before the integer division.
  const shift = 64n;
  return { m: (x.m << shift) / BigInt(k), e: x.e - shift };
}
