import { describe, expect, test } from 'vitest';
import { dataValue, formatEstimate, formatHorizon, formatNumber, formatPercent } from '../../../../src/lib/calc/format.ts';

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
