import { describe, expect, test } from 'vitest';
import { HORIZON_DEFAULTS } from '../../../../src/lib/calc/horizon.ts';
import { horizonQuery, horizonTexts, horizonTextsFromQuery, parseHorizonQuery, parseHorizonTexts } from '../../../../src/lib/calc/horizon-query.ts';
import { ORDERING_DEFAULTS } from '../../../../src/lib/calc/ordering.ts';
import { orderingQuery, orderingTexts, orderingTextsFromQuery, parseOrderingQuery, parseOrderingTexts } from '../../../../src/lib/calc/ordering-query.ts';
import { HORIZON_PRESETS } from '../../../../src/lib/calc/horizon-presets.ts';
import { ORDERING_PRESETS } from '../../../../src/lib/calc/ordering-presets.ts';

describe('parseOrderingQuery', () => {
  test('returns the defaults and no errors for an empty query', () => {
    expect(parseOrderingQuery('')).toEqual({ inputs: ORDERING_DEFAULTS, errors: {} });
  });

  test('returns the values given and the defaults for the rest', () => {
    const { inputs, errors } = parseOrderingQuery('?pG=0.3&mL=1e-2&dS=lognormal&sS=1.5&seed=7');
    expect(errors).toEqual({});
    expect(inputs).toEqual({ ...ORDERING_DEFAULTS, pG: 0.3, mL: 0.01, dS: 'lognormal', sS: 1.5, seed: 7 });
  });

  test('returns an error per bad field and uses the default there, keeping the good ones', () => {
    const { inputs, errors } = parseOrderingQuery('pG=2&mL=abc&q=&corr=0.5&n=50&dB=gamma');
    expect(errors).toEqual({
      pG: '2 is out of range. Enter a number from 0 to 1.',
      mL: '“abc” is not a number. Enter a number from 1e-9 to 1e9.',
      q: 'This field is empty. Enter a number from 0 to 1.',
      n: '50 is out of range. Enter a whole number from 1000 to 1e7.',
      dB: '“gamma” is not an option. Choose “exponential” or “lognormal”.',
    });
    expect(inputs).toEqual({ ...ORDERING_DEFAULTS, corr: 0.5 });
  });
});

describe('orderingQuery', () => {
  test('returns every input, and a spread only for lognormal properties', () => {
    const texts = { ...orderingTexts(), dL: 'lognormal', sL: '0.8' };
    expect(orderingQuery(texts)).toBe('?pG=0&pL=0&pB=0&pS=0&mG=1&mL=1&mB=1&mS=1&q=0&corr=1&tau=1&dL=lognormal&sL=0.8&n=100000&seed=1');
  });

  test('returns a query that reads back as the same inputs for every preset', () => {
    for (const preset of ORDERING_PRESETS) {
      const q = orderingQuery(orderingTexts(preset.inputs));
      expect(parseOrderingQuery(q)).toEqual({ inputs: preset.inputs, errors: {} });
    }
  });

  test('returns the text as typed, so a link shows the reader’s own notation', () => {
    const texts = orderingTextsFromQuery('?corr=2e-2&pG=.5');
    expect(texts.corr).toBe('2e-2');
    expect(orderingQuery(texts)).toContain('corr=2e-2');
    expect(parseOrderingTexts(texts).inputs.corr).toBe(0.02);
  });
});

describe('parseHorizonQuery', () => {
  test('returns the defaults for an empty query', () => {
    expect(parseHorizonQuery('')).toEqual({ inputs: HORIZON_DEFAULTS, errors: {} });
  });

  test('returns plain and scientific notation, and inf for D', () => {
    const { inputs, errors } = parseHorizonQuery('?form=discount&T=1.5e6&c=400&D=inf&unit=days&N=20');
    expect(errors).toEqual({});
    expect(inputs).toEqual({ ...HORIZON_DEFAULTS, form: 'discount', T: 1.5e6, c: 400, D: Infinity, unit: 'days', N: 20 });
  });

  test('returns an error per bad field with the default in its place', () => {
    const { inputs, errors } = parseHorizonQuery('T=-5&p=1.2&D=forever&N=2.5&unit=years&c=9');
    expect(errors).toEqual({
      T: '-5 is out of range. Enter a number from 1e-6 to 1e30.',
      p: '1.2 is out of range. Enter a number from 0 to 1.',
      D: '“forever” is not a number. Enter a number from 1e-6 to 1e30, or inf.',
      N: '2.5 is not a whole number. Enter a whole number from 1 to 1e15.',
      unit: '“years” is not an option. Choose “tokens” or “steps” or “days”.',
    });
    expect(inputs).toEqual({ ...HORIZON_DEFAULTS, c: 9 });
  });
});

describe('horizonQuery', () => {
  test('returns every field in a fixed order', () => {
    expect(horizonQuery(horizonTexts())).toBe('?form=cutoff&T=1e13&c=4e6&p=0.5&m=1&D=inf&eps=0&unit=tokens&h0=1&E=1e6&N=1000');
  });

  test('returns a query that reads back as the same inputs for every preset', () => {
    for (const preset of HORIZON_PRESETS) {
      expect(parseHorizonQuery(horizonQuery(horizonTexts(preset.inputs)))).toEqual({ inputs: preset.inputs, errors: {} });
    }
  });

  test('returns the texts of a query, defaults filling the gaps', () => {
    const texts = horizonTextsFromQuery('?T=2e13');
    expect(texts.T).toBe('2e13');
    expect(texts.c).toBe('4e6');
    expect(parseHorizonTexts(texts).inputs.T).toBe(2e13);
  });
});
