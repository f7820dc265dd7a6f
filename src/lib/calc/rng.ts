/**
 * A small seeded generator (xoshiro128**), written here so Monte Carlo runs are reproducible from
 * the `seed` in a shared link, in Node and in every browser alike; Math.random cannot be seeded.
 */

/** A source of uniform numbers in [0, 1) with a standard normal helper. */
export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform in (0, 1): safe to take the logarithm of. */
  nextOpen(): number;
  /** Standard normal deviate. */
  normal(): number;
}

// splitmix32 spreads a small integer seed over the 128-bit state, so seeds 1 and 2 give
// unrelated streams and no seed leaves the state all zero.
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator whose whole stream is fixed by an integer seed. */
export function createRng(seed: number): Rng {
  // Fold in the high part too, so seeds beyond 2^32 do not collide with small ones.
  const lo = seed | 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  const mix = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1;

  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  let spare: number | null = null;
  const next = (): number => {
    // 27 + 26 bits make a double with every representable multiple of 2^-53 equally likely.
    const hiBits = u32() >>> 5;
    const loBits = u32() >>> 6;
    return (hiBits * 67108864 + loBits) * 2 ** -53;
  };
  const nextOpen = (): number => {
    let u = next();
    while (u === 0) u = next();
    return u;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // Marsaglia's polar method: no trigonometry, and the pair's second value is kept for next time.
    let x: number;
    let y: number;
    let r: number;
    do {
      x = 2 * next() - 1;
      y = 2 * next() - 1;
      r = x * x + y * y;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    spare = y * f;
    return x * f;
  };
  return { next, nextOpen, normal };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
