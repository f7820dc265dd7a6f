// A slow, independent reference for the chain: uniformization applied to the vector step by step
// (no squaring) in double-double arithmetic (about 32 significant digits). The model's fast
// double-precision answer must match it to well under the 1e-9 the design asks for.

type DD = [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quick(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function split(a: number): DD {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return quick(s, e + a[1] + b[1]);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quick(p, e + a[0] * b[1] + a[1] * b[0]);
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, mul([-q1, 0], b));
  const q2 = r[0] / b[0];
  const s = quick(q1, q2);
  const r2 = add(a, mul([-s[0], -s[1]], b));
  return add(s, [r2[0] / b[0], 0]);
}

/** π(0) e^{Qt} for a generator q (n×n row-major), in double-double; slow: use with Λt up to a few hundred. */
export function referenceTransient(q: Float64Array, start: ArrayLike<number>, t: number): number[] {
  const n = start.length;
  let lambda = 0;
  for (let i = 0; i < n; i++) lambda = Math.max(lambda, -(q[i * n + i] ?? 0));
  if (lambda === 0) return Array.from(start);
  const L: DD = [lambda, 0];
  const jump: DD[] = [];
  for (let i = 0; i < n * n; i++) {
    const d = div([q[i] ?? 0, 0], L);
    jump.push(i % (n + 1) === 0 ? add([1, 0], d) : d);
  }
  const x = mul(L, [t, 0]);
  const mode = Math.floor(x[0]);
  const last = Math.ceil(x[0] + 15 * Math.sqrt(x[0]) + 60);
  const first = Math.max(0, Math.floor(x[0] - 15 * Math.sqrt(x[0]) - 60));
  // Unnormalised Poisson weights, 1 at the mode, built by ratios x/k so none underflows.
  const weights: DD[] = Array.from({ length: last + 1 }, (): DD => [0, 0]);
  weights[mode] = [1, 0];
  for (let k = mode + 1; k <= last; k++) weights[k] = mul(weights[k - 1] as DD, div(x, [k, 0]));
  for (let k = mode - 1; k >= first; k--) weights[k] = mul(weights[k + 1] as DD, div([k + 1, 0], x));
  let total: DD = [0, 0];
  for (let k = first; k <= last; k++) total = add(total, weights[k] as DD);

  let v: DD[] = Array.from(start, (s) => [s, 0] as DD);
  const acc: DD[] = Array.from({ length: n }, () => [0, 0] as DD);
  for (let k = 0; k <= last; k++) {
    if (k >= first) {
      const w = div(weights[k] as DD, total);
      for (let j = 0; j < n; j++) acc[j] = add(acc[j] as DD, mul(w, v[j] as DD));
    }
    const next: DD[] = Array.from({ length: n }, () => [0, 0] as DD);
    for (let i = 0; i < n; i++) {
      const vi = v[i] as DD;
      if (vi[0] === 0 && vi[1] === 0) continue;
      for (let j = i; j < n; j++) {
        const pij = jump[i * n + j] as DD;
        if (pij[0] !== 0) next[j] = add(next[j] as DD, mul(vi, pij));
      }
    }
    v = next;
  }
  return acc.map((d) => d[0] + d[1]);
}
