/**
 * Reading one field (from the query string or a form control) into a value or a message that says
 * what is allowed. Both calculators share these rules, so a value typed in the page and the same
 * value pasted in a link are judged alike.
 */
import { err, ok, type Result } from './result.ts';

/** The rule for a numeric field: its range, and whether it must be whole or may be "inf". */
export interface NumberRule {
  min: number;
  max: number;
  /** The lower bound itself is not allowed (for "greater than 0"). */
  minExclusive?: boolean;
  integer?: boolean;
  /** Accept "inf" (any case) for a quantity that may last for ever. */
  allowInfinity?: boolean;
}

// Plain or scientific notation, nothing else: no hex, no "Infinity", no thousands separators,
// so a link means the same number in every browser.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Parses plain or scientific notation (1e13, 1.5e6, 0.25); null when the text is not a number. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

/** Writes a number the way a reader would type it (0.001, 1000, 1e9, inf); parseNumber reads it back. */
export function writeNumber(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) {
    const [mant = '', exp = '0'] = x.toExponential().split('e');
    return `${mant}e${Number(exp)}`;
  }
  return String(x);
}

/** What the field allows, in words, e.g. "a number from 0 to 1". */
export function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range = rule.minExclusive
    ? `greater than ${writeNumber(rule.min)} and at most ${writeNumber(rule.max)}`
    : `from ${writeNumber(rule.min)} to ${writeNumber(rule.max)}`;
  return `${kind} ${range}${rule.allowInfinity ? ', or inf' : ''}`;
}

/** Checks one numeric field's text against its rule. */
export function checkNumber(text: string, rule: NumberRule): Result<number> {
  const allowed = `Enter ${describeRule(rule)}.`;
  const t = text.trim();
  if (t === '') return err(`This field is empty. ${allowed}`);
  if (rule.allowInfinity && /^\+?inf$/i.test(t)) return ok(Infinity);
  const x = parseNumber(t);
  if (x === null) return err(`“${shorten(t)}” is not a number. ${allowed}`);
  if (rule.integer && !Number.isInteger(x)) return err(`${shorten(t)} is not a whole number. ${allowed}`);
  const tooLow = rule.minExclusive ? x <= rule.min : x < rule.min;
  if (tooLow || x > rule.max) return err(`${shorten(t)} is out of range. ${allowed}`);
  return ok(x);
}

/** Checks a field that must be one of a few words. */
export function checkChoice<T extends string>(text: string, choices: readonly T[]): Result<T> {
  const t = text.trim().toLowerCase();
  const found = choices.find((c) => c === t);
  if (found !== undefined) return ok(found);
  const list = choices.map((c) => `“${c}”`).join(' or ');
  return err(t === '' ? `This field is empty. Choose ${list}.` : `“${shorten(text.trim())}” is not an option. Choose ${list}.`);
}

// Long pasted junk would swamp the message; the reader only needs to recognise it.
function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
