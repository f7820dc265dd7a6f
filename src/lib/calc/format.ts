/**
 * Display formatting shared by the pages (server-rendered) and the islands, so the number a reader
 * sees before and after the island takes over is written the same way. Never returns "NaN".
 */
import type { Quantity } from './horizon.ts';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A probability as a percentage with three significant figures (0.0532 %, 26.4 %). */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return 'not computable';
  if (p === 0) return '0 %';
  if (p === 1) return '100 %';
  const pct = p * 100;
  if (Math.abs(pct) < 1e-4) return `${formatNumber(pct, 3)} %`;
  return `${trimZeros(pct.toPrecision(3))} %`;
}

/** A Monte Carlo estimate with its standard error, both as percentages. */
export function formatEstimate(value: number, se: number): string {
  return `${formatPercent(value)} ± ${formatPercent(se)}`;
}

/** A quantity with up to `digits` significant figures; large and tiny ones as a × 10ⁿ. */
export function formatNumber(x: number, digits = 8): string {
  if (Number.isNaN(x)) return 'not computable';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (abs >= 1e6 || abs < 1e-3) {
    const [mant = '0', exp = '0'] = abs.toExponential(digits - 1).split('e');
    const m = trimZeros(mant);
    const power = `10${String(Number(exp)).replace(/[-0-9]/g, (d) => SUPERSCRIPT[d] ?? d)}`;
    return m === '1' ? `${sign}${power}` : `${sign}${m} × ${power}`;
  }
  // Round through Number so toPrecision's own exponent form (1.00e+4) never reaches the reader.
  const s = String(Number(abs.toPrecision(digits)));
  // Group thousands so 10020 reads as 10,020.
  const [int = '0', frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}

/** A count, such as samples drawn, in full with thousands grouped (1,945,578): counts are exact, never 1.9 × 10⁶. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A value that may be "never" (null), with its unit. */
export function formatHorizon(h: number | null, unit: string, digits = 8): string {
  return h === null ? 'never (no horizon up to 10⁶ · T pays)' : `${formatNumber(h, digits)} ${unit}`;
}

/** Significant digits a typed number states: "4e6" → 1, "1.50" → 3, "10020" → 4, "0.025" → 2; 0 for words. */
export function typedDigits(text: string): number {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:e[+-]?\d+)?$/i.exec(text.trim());
  if (!m) return 0;
  const [, int = '', frac] = m;
  // Without a decimal point, trailing zeros of a whole number only place it ("4000" states one digit).
  const digits = (frac === undefined ? int.replace(/0+$/, '') : int + frac).replace(/^0+/, '');
  return digits.length;
}

/**
 * How many significant figures results computed from these typed inputs may show: as many as the
 * most precisely stated input, at least 3 (so round inputs still read as numbers, not orders of
 * magnitude) and at most 6 (what the model is checked to).
 */
export function resultDigits(texts: readonly string[]): number {
  return Math.min(6, Math.max(3, ...texts.map(typedDigits)));
}

/**
 * A multiple of T. A ratio just above 1 is written as 1 plus its excess, "(1 + 8 × 10⁻⁷) × T",
 * so the excess keeps its own significant figures instead of being lost in a long run of zeros.
 */
export function formatRatio(ratio: number, digits: number): string {
  const excess = ratio - 1;
  if (ratio > 1 && excess < 10 ** (1 - digits)) return `(1 + ${formatNumber(excess, digits)}) × T`;
  return `${formatNumber(ratio, digits)} × T`;
}

/**
 * h-min with its unit; when it lies just above T, as "T + excess" so the excess is not rounded away
 * ("10¹³ + 8 × 10⁶ tokens").
 */
export function formatHorizonNear(h: number | null, T: number, unit: string, digits: number): string {
  if (h !== null && h > T && (h - T) / T < 10 ** (1 - digits)) return `${formatNumber(T, digits)} + ${formatNumber(h - T, digits)} ${unit}`;
  return formatHorizon(h, unit, digits);
}

// 10 to an integer power with superscript digits, for sizes far outside the double range.
function power10(e: number): string {
  return `10${String(e).replace(/[-0-9]/g, (d) => SUPERSCRIPT[d] ?? d)}`;
}

/**
 * A computed quantity with no more digits than it is known to: the number; for a value below the
 * smallest double, its size from its logarithm; for a value closer to zero than rounding of its
 * parts can tell, "0 ± bound". precisionNote says which.
 */
export function formatQuantity(q: Quantity, digits: number): string {
  const known = Math.min(digits, Math.max(1, Math.floor(-Math.log10(q.relError || Number.EPSILON))));
  if (q.status === 'ok') return formatNumber(q.value, known);
  if (q.status === 'unresolved') return `0 ± ${power10(Math.ceil(q.log10))}`;
  const sign = q.sign < 0 ? '−' : '';
  if (Math.abs(q.log10) < 1e9 && q.relError < 0.5) {
    const e = Math.floor(q.log10);
    const mant = trimZeros((10 ** (q.log10 - e)).toPrecision(Math.min(known, 3)));
    // Rounding the mantissa up to 10 moves the power instead.
    if (mant === '10') return `${sign}${power10(e + 1)}`;
    return `${sign}${mant === '1' ? '' : `${mant} × `}${power10(e)}`;
  }
  return `${sign}10 to the power ${formatNumber(q.log10, 3)}`;
}

/** What a quantity's status means for the reader, or '' for an ordinary value. */
export function precisionNote(q: Quantity): string {
  if (q.status === 'tiny') return 'Below the smallest number double precision holds (about 10⁻³⁰⁸); its size comes from its logarithm.';
  if (q.status === 'unresolved') return 'Closer to zero than double precision can resolve from the values it is the difference of.';
  return '';
}

/** Full-precision text for a data-value attribute: "never" for null, "inf" for ∞. */
export function dataValue(x: number | boolean | null): string {
  if (x === null) return 'never';
  if (typeof x === 'boolean') return x ? '1' : '0';
  if (x === Infinity) return 'inf';
  if (Number.isNaN(x)) return 'never';
  return String(x);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
