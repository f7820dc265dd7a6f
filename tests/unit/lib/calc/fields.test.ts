import { describe, expect, test } from 'vitest';
import { checkChoice, checkNumber, describeRule, parseNumber, writeNumber } from '../../../../src/lib/calc/fields.ts';

describe('parseNumber', () => {
  test.each([
    ['0.5', 0.5],
    ['1e13', 1e13],
    ['1.5e6', 1.5e6],
    [' 2E-3 ', 0.002],
    ['.25', 0.25],
    ['-3', -3],
    ['1e+21', 1e21],
  ])('returns the number for %j', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  test.each(['', 'abc', '0x10', 'Infinity', 'NaN', '1,000', '1e', '1e400', '5 tokens', '1_000'])('returns null for %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('writeNumber', () => {
  test('returns text that reads back as the same number', () => {
    for (const x of [0, 0.001, 0.5, 1000, 1e6, 1e13, 4e6, 1.0000008e13, 123456.789, 1e-9, 4294967295]) {
      expect(parseNumber(writeNumber(x))).toBe(x);
    }
    expect(writeNumber(1e13)).toBe('1e13');
    expect(writeNumber(Infinity)).toBe('inf');
  });
});

describe('describeRule', () => {
  test('returns the allowed values in words', () => {
    expect(describeRule({ min: 0, max: 1 })).toBe('a number from 0 to 1');
    expect(describeRule({ min: 0, max: 1e30, minExclusive: true, allowInfinity: true })).toBe('a number greater than 0 and at most 1e30, or inf');
    expect(describeRule({ min: 1000, max: 1e6, integer: true })).toBe('a whole number from 1000 to 1e6');
  });
});

describe('checkNumber', () => {
  const prob = { min: 0, max: 1 };
  test('returns ok for a value in range', () => {
    expect(checkNumber('0.25', prob)).toEqual({ ok: true, value: 0.25 });
  });

  test('returns pinned messages for empty, malformed and out-of-range text', () => {
    expect(checkNumber('', prob)).toEqual({ ok: false, error: 'This field is empty. Enter a number from 0 to 1.' });
    expect(checkNumber('abc', prob)).toEqual({ ok: false, error: '“abc” is not a number. Enter a number from 0 to 1.' });
    expect(checkNumber('1.5', prob)).toEqual({ ok: false, error: '1.5 is out of range. Enter a number from 0 to 1.' });
    expect(checkNumber('0', { min: 0, max: 5, minExclusive: true })).toEqual({
      ok: false,
      error: '0 is out of range. Enter a number greater than 0 and at most 5.',
    });
    expect(checkNumber('12.5', { min: 1, max: 100, integer: true })).toEqual({
      ok: false,
      error: '12.5 is not a whole number. Enter a whole number from 1 to 100.',
    });
  });

  test('returns Infinity for "inf" only where the rule allows it', () => {
    expect(checkNumber('INF', { min: 0, max: 1, allowInfinity: true })).toEqual({ ok: true, value: Infinity });
    expect(checkNumber('inf', prob).ok).toBe(false);
  });

  test('returns a shortened echo of long junk', () => {
    const r = checkNumber('x'.repeat(100), prob);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(`“${'x'.repeat(23)}…” is not a number. Enter a number from 0 to 1.`);
  });
});

describe('checkChoice', () => {
  test('returns the choice, ignoring case and spaces', () => {
    expect(checkChoice(' Lognormal ', ['exponential', 'lognormal'])).toEqual({ ok: true, value: 'lognormal' });
  });

  test('returns a message listing the choices', () => {
    expect(checkChoice('gamma', ['exponential', 'lognormal'])).toEqual({ ok: false, error: '“gamma” is not an option. Choose “exponential” or “lognormal”.' });
  });
});
