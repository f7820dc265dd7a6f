/**
 * Axis maths for the calculators' SVG charts, kept pure so the server render and the island draw
 * exactly the same picture and the scales can be tested without a browser.
 */

/** A linear map from a data interval onto a pixel interval. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const span = d1 - d0 || 1;
  return (x) => r0 + ((x - d0) / span) * (r1 - r0);
}

/** A log10 map from a positive data interval onto a pixel interval. */
export function logScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  return (x) => r0 + ((Math.log10(x) - l0) / span) * (r1 - r0);
}

/** Signed log: sign(v) · log10(1 + |v|/unit), so values from −10^6 to 10^19 share one readable axis. */
export function symlog(v: number, unit: number): number {
  return Math.sign(v) * Math.log10(1 + Math.abs(v) / unit);
}

/** Inverse of symlog. */
export function symexp(y: number, unit: number): number {
  return Math.sign(y) * unit * (10 ** Math.abs(y) - 1);
}

/** Powers of ten covering [from, to], thinned to at most `max` ticks. */
export function decadeTicks(from: number, to: number, max = 7): number[] {
  if (!(from > 0 && to >= from && Number.isFinite(to))) return [];
  const lo = Math.ceil(Math.log10(from) - 1e-9);
  const hi = Math.floor(Math.log10(to) + 1e-9);
  const step = Math.max(1, Math.ceil((hi - lo + 1) / max));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += step) out.push(10 ** e);
  return out;
}

/** A round upper bound for a linear axis starting at 0 (1, 2 or 5 times a power of ten). */
export function niceMax(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** Ticks for a symlog axis: 0 and ± unit·10^k, thinned to at most about `max`. */
export function symlogTicks(yMin: number, yMax: number, unit: number, max = 9): number[] {
  const out = [0];
  // An infinite bound would make the loops below endless (it once froze the page).
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax) || !(unit > 0)) return out;
  const top = Math.floor(yMax);
  const bottom = Math.floor(-yMin);
  const step = Math.max(1, Math.ceil((Math.max(0, top) + Math.max(0, bottom)) / max));
  for (let k = step; k <= top; k += step) out.push(unit * 10 ** k);
  for (let k = step; k <= bottom; k += step) out.unshift(-unit * 10 ** k);
  return out;
}

/**
 * The horizon range the goal-horizon chart shows, in whole decades: from below h₀ and c/100 to
 * well past T and h-min (to 10⁶ · T when h-min is never).
 */
export function horizonChartRange(inputs: { h0: number; c: number; T: number }, hMin: number | null): [number, number] {
  const low = Math.min(inputs.h0, inputs.c / 100);
  // h₀ and c may lie past 10⁶ · T; the range always reaches past them too.
  const high = Math.max(hMin === null ? 1e6 * inputs.T : Math.max(inputs.T, hMin) * 100, inputs.h0 * 100, inputs.c);
  return [10 ** Math.floor(Math.log10(low)), 10 ** Math.ceil(Math.log10(high))];
}
