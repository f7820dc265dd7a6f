/**
 * Transient distribution of a small continuous-time Markov chain whose generator only moves mass
 * to higher-numbered states (properties are only ever gained). That shape lets every step use
 * sums of non-negative numbers, so no cancellation creeps in however stiff the rates are.
 */

/**
 * Distribution at time `t` of a chain started from `start`, for a generator `q` (n×n, row-major)
 * with non-negative off-diagonal entries only above the diagonal and rows summing to zero.
 */
export function transientDistribution(q: Float64Array, start: ArrayLike<number>, t: number): Float64Array {
  const n = start.length;
  let lambda = 0;
  for (let i = 0; i < n; i++) lambda = Math.max(lambda, -(q[i * n + i] ?? 0));
  const out = Float64Array.from(start);
  if (lambda === 0 || t === 0) return out;

  // Uniformized jump matrix: stochastic and non-negative, so its powers stay well conditioned.
  const jump = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) jump[i * n + j] = (i === j ? 1 : 0) + (q[i * n + j] ?? 0) / lambda;
    // The diagonal of an exit-free row must stay exactly 1 rather than 1 - 0/lambda rounded.
    if (q[i * n + i] === 0) jump[i * n + i] = 1;
  }

  // Halve the time until a short step needs only a handful of Poisson terms, then square back up.
  let squarings = 0;
  let x = lambda * t;
  // Bounded even for an infinite Λt (no accepted input comes near: Λt < 10^19 takes 64 halvings).
  while (x > 0.5 && squarings < 1100) {
    x /= 2;
    squarings++;
  }

  let step: Float64Array = new Float64Array(n * n);
  let power: Float64Array = identity(n);
  let weight = Math.exp(-x);
  addScaled(step, power, weight);
  // With x ≤ 0.5 the Poisson terms shrink faster than geometrically, so once the next term is
  // below 1e-18 everything left is too (a running 1 − Σ would stall at rounding level instead).
  for (let k = 1; k < 60 && (weight * x) / k > 1e-18; k++) {
    power = multiplyUpper(power, jump, n);
    weight *= x / k;
    addScaled(step, power, weight);
  }
  normaliseRows(step, n);

  for (let s = 0; s < squarings; s++) {
    step = multiplyUpper(step, step, n);
    // Exact row sums are 1; restoring them stops rounding in the sums from doubling each squaring.
    normaliseRows(step, n);
  }

  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i <= j; i++) sum += (start[i] ?? 0) * (step[i * n + j] ?? 0);
    out[j] = sum;
  }
  return out;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function addScaled(into: Float64Array, m: Float64Array, w: number): void {
  for (let i = 0; i < m.length; i++) into[i] = (into[i] ?? 0) + w * (m[i] ?? 0);
}

// Upper-triangular product: only i ≤ k ≤ j contributes, a sixth of the dense work. Indexes are
// in range by construction, hence the non-null assertions in this hot loop.
function multiplyUpper(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = i; k < n; k++) {
      const aik = a[row + k]!;
      if (aik === 0) continue;
      const bRow = k * n;
      for (let j = k; j < n; j++) c[row + j]! += aik * b[bRow + j]!;
    }
  }
  return c;
}

function normaliseRows(m: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = i; j < n; j++) sum += m[i * n + j] ?? 0;
    if (sum > 0 && sum !== 1) for (let j = i; j < n; j++) m[i * n + j] = (m[i * n + j] ?? 0) / sum;
  }
}
