import { describe, expect, test } from 'vitest';
import {
  dataValue,
  formatCount,
  formatEstimate,
  formatHorizon,
  formatHorizonNear,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatRatio,
  precisionNote,
  resultDigits,
  typedDigits,
} from '../../../../src/lib/calc/format.ts';
import type { Quantity } from '../../../../src/lib/calc/horizon.ts';

describe('formatPercent', () => {
  test.each([
    [0, '0 %'],
    [1, '100 %'],
    [0.5, '50 %'],
    [0.2636722, '26.4 %'],
    [0.00053163, '0.0532 %'],
    [1e-9, '10⁻⁷ %'],
    [2.5e-9, '2.5 × 10⁻⁷ %'],
    [NaN, 'not computable'],
  ])('returns %j as %j', (p, text) => {
    expect(formatPercent(p)).toBe(text);
  });
});

describe('formatEstimate', () => {
  test('returns the value with its standard error', () => {
    expect(formatEstimate(0.25, 0.00137)).toBe('25 % ± 0.137 %');
  });
});

describe('formatNumber', () => {
  test.each([
    [10000008000000, '1.0000008 × 10¹³'],
    [1e13, '10¹³'],
    [4e6, '4 × 10⁶'],
    [10020, '10,020'],
    [-1, '−1'],
    [0.25, '0.25'],
    [Infinity, '∞'],
    [1.5e-5, '1.5 × 10⁻⁵'],
  ])('returns %j as %j', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  test('returns plain digits, never exponent notation, below 10⁶ at any precision', () => {
    expect(formatNumber(10000, 3)).toBe('10,000');
    expect(formatNumber(123456.7, 3)).toBe('123,000');
  });
});

describe('formatCount', () => {
  test('returns whole counts in full with thousands grouped', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(20_000)).toBe('20,000');
    expect(formatCount(1_945_578)).toBe('1,945,578');
    expect(formatCount(10_000_000)).toBe('10,000,000');
  });
});

describe('formatHorizon', () => {
  test('returns "never" for null and the number with its unit otherwise', () => {
    expect(formatHorizon(null, 'tokens')).toMatch(/^never/);
    expect(formatHorizon(379, 'days')).toBe('379 days');
  });
});

describe('dataValue', () => {
  test('returns full precision, "never", "inf" and 1/0 for flags', () => {
    expect(dataValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(dataValue(null)).toBe('never');
    expect(dataValue(Infinity)).toBe('inf');
    expect(dataValue(true)).toBe('1');
  });
});

describe('typedDigits', () => {
  test.each([
    ['4e6', 1],
    ['1e13', 1],
    ['1.5e6', 2],
    ['1.50', 3],
    ['10020', 4],
    ['4000', 1],
    ['0.025', 2],
    ['365', 3],
    ['1.0000008e13', 8],
    ['inf', 0],
    ['', 0],
  ])('returns %j as %j significant digits', (text, digits) => {
    expect(typedDigits(text)).toBe(digits);
  });
});

describe('resultDigits', () => {
  test('returns the most precise input’s digits, from 3 to 6', () => {
    expect(resultDigits(['1e13', '4e6', '0.5', '1', 'inf'])).toBe(3);
    expect(resultDigits(['1.2345e13', '4e6'])).toBe(5);
    expect(resultDigits(['1.23456789e13'])).toBe(6);
  });
});

describe('formatRatio and formatHorizonNear', () => {
  test('returns a ratio just above 1 as 1 plus its excess, not a run of zeros', () => {
    expect(formatRatio((1e13 + 8e6) / 1e13, 3)).toBe('(1 + 8 × 10⁻⁷) × T');
    expect(formatRatio(1.5, 3)).toBe('1.5 × T');
    expect(formatRatio(0.0598, 3)).toBe('0.0598 × T');
  });

  test('returns h-min just above T as T plus the excess', () => {
    expect(formatHorizonNear(1e13 + 8e6, 1e13, 'tokens', 3)).toBe('10¹³ + 8 × 10⁶ tokens');
    expect(formatHorizonNear(1e4 + 20, 1e4, 'steps', 3)).toBe('10,000 + 20 steps');
    expect(formatHorizonNear(5.98e11, 1e13, 'tokens', 3)).toBe('5.98 × 10¹¹ tokens');
    expect(formatHorizonNear(null, 1e13, 'tokens', 3)).toMatch(/^never/);
  });
});

describe('formatQuantity', () => {
  const q = (o: Partial<Quantity>): Quantity => ({ value: 0, sign: 0, log10: -Infinity, relError: 1e-15, status: 'ok', ...o });

  test('returns an ok value with the digits asked for, fewer when its error allows fewer', () => {
    expect(formatQuantity(q({ value: 3.2737121898621e-18, sign: 1, log10: -17.48 }), 3)).toBe('3.27 × 10⁻¹⁸');
    expect(formatQuantity(q({ value: -1.4426950408889634, sign: -1, log10: 0.159, relError: 2e-3 }), 6)).toBe('−1.4');
    expect(formatQuantity(q({}), 3)).toBe('0');
  });

  test('returns a value below the double range with its size, and a note that double precision cannot hold it', () => {
    const tiny = q({ sign: 1, log10: -1204119.8234813856, relError: 2e-9, status: 'tiny' });
    expect(formatQuantity(tiny, 3)).toBe('1.5 × 10⁻¹²⁰⁴¹²⁰');
    expect(precisionNote(tiny)).toMatch(/^Below the smallest number double precision holds/);
    expect(formatQuantity(q({ sign: -1, log10: -3.01e39, relError: 1e20, status: 'tiny' }), 3)).toBe('−10 to the power −3.01 × 10³⁹');
    expect(formatQuantity(q({ sign: 1, log10: -400.0000001, relError: 1e-12, status: 'tiny' }), 3)).toBe('10⁻⁴⁰⁰');
  });

  test('returns an unresolved value as zero give or take its bound, with a note', () => {
    const u = q({ log10: -26.3, relError: Infinity, status: 'unresolved' });
    expect(formatQuantity(u, 3)).toBe('0 ± 10⁻²⁶');
    expect(precisionNote(u)).toMatch(/^Closer to zero than double precision can resolve/);
    expect(precisionNote(q({ value: 1, sign: 1, log10: 0 }))).toBe('');
  });
});
