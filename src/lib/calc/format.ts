/**
 * Display formatting shared by the pages (server-rendered) and the islands, so the number a reader
 * sees before and after the island takes over is written the same way. Never returns "NaN".
 */

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

/** A value that may be "never" (null), with its unit. */
export function formatHorizon(h: number | null, unit: string): string {
  return h === null ? 'never (no horizon up to 10⁶ · T pays)' : `${formatNumber(h)} ${unit}`;
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
