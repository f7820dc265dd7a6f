import { describe, expect, test } from 'vitest';
import { checkBudgets, FIRST_WINDOW_BODY_BYTES, roundTripsFor } from '../../../src/bench/budgets.ts';

const failed = (checks: ReturnType<typeof checkBudgets>) => checks.filter((c) => !c.ok).map((c) => `${c.budget} @ ${c.where}`);

describe('checkBudgets', () => {
  test('returns a failure for a reading page over the loader budget and a calculator over its own', () => {
    const checks = checkBudgets({
      pages: [
        { path: '/a/', reading: true, calculator: false, eagerJsGzip: 3072 },
        { path: '/b/', reading: true, calculator: false, eagerJsGzip: 3073 },
        { path: '/calculators/x/', reading: false, calculator: true, eagerJsGzip: 26_000 },
        { path: '/search/', reading: false, calculator: false, eagerJsGzip: 90_000 },
      ],
    });
    expect(checks).toHaveLength(3);
    expect(failed(checks)).toEqual(['reading-page JS before interaction (gzip) @ /b/', 'calculator JS (gzip) @ /calculators/x/']);
  });
  test('returns a failure for any Lighthouse category under 100 and for any layout shift', () => {
    const perfect = { scores: { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 }, cls: 0 };
    const checks = checkBudgets({ lighthouse: { home: { mobile: perfect, desktop: { ...perfect, scores: { ...perfect.scores, seo: 92 }, cls: 0.0004 } } } });
    expect(failed(checks)).toEqual(['Lighthouse desktop: 100 in every category @ home', 'Lighthouse desktop: CLS 0 @ home']);
    expect(checks.find((c) => !c.ok)?.actual).toBe('seo 92');
  });
  test('returns failures for KaTeX CSS on a page without math and for off-site assets', () => {
    const checks = checkBudgets({
      katex: [
        { path: '/calc/', katexCss: true, katexMarkup: true, externalAssets: 0 },
        { path: '/glossary/x/', katexCss: true, katexMarkup: false, externalAssets: 1 },
      ],
    });
    expect(failed(checks)).toEqual(['KaTeX CSS only on pages with math @ /glossary/x/', 'scripts, styles and fonts from our own origin @ /glossary/x/']);
  });
  test('returns search budgets against the first query, early fetches and the median time', () => {
    const checks = checkBudgets({ search: { firstQueryGzip: 120_000, bytesBeforeFirstUse: 0, medianMs: 30 } });
    expect(checks.map((c) => c.ok)).toEqual([false, true, true]);
  });
});

describe('roundTripsFor', () => {
  test.each([
    [0, 1],
    [FIRST_WINDOW_BODY_BYTES, 1],
    [FIRST_WINDOW_BODY_BYTES + 1, 2],
    [3 * FIRST_WINDOW_BODY_BYTES, 2],
    [3 * FIRST_WINDOW_BODY_BYTES + 1, 3],
    [7 * FIRST_WINDOW_BODY_BYTES + 1, 4],
  ])('returns for %i gzipped bytes: %i round trips (each window twice the last)', (bytes, trips) => {
    expect(roundTripsFor(bytes)).toBe(trips);
  });
});

describe('first screen budget', () => {
  test('passes a first screen that fits the first window and fails one a byte over', () => {
    const checks = checkBudgets({
      firstScreen: { thread: { firstScreenGzip: FIRST_WINDOW_BODY_BYTES }, calculator: { firstScreenGzip: FIRST_WINDOW_BODY_BYTES + 1 } },
    });
    expect(checks.map((c) => [c.where, c.ok])).toEqual([
      ['thread', true],
      ['calculator', false],
    ]);
  });
});
