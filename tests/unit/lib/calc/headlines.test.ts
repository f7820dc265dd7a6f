import { describe, expect, test } from 'vitest';
import { compareWithHeadlines, ESSAY_BOUND, REPORT_FIGURE } from '../../../../src/lib/calc/headlines.ts';
import { exactOutcome } from '../../../../src/lib/calc/ordering.ts';
import { ORDERING_PRESETS } from '../../../../src/lib/calc/ordering-presets.ts';

describe('compareWithHeadlines', () => {
  test.each([
    [0, 'within', 'far below'],
    [0.0004, 'within', 'about 1/600 of'],
    [0.0001, 'within', 'under a thousandth of'],
    [0.0042, 'within', 'about 1/60 of'],
    [0.012, 'a little above', 'about 1/20 of'],
    [0.05, 'about 5 times', 'about a fifth of'],
    [0.125, 'about 13 times', 'about half of'],
    [0.0175, 'about 1.8 times', 'about 1/14 of'],
    [0.2, 'about 20 times', 'a little below'],
    [0.26, 'about 26 times', 'about the same as'],
    [0.5, 'about 50 times', 'about 2 times'],
    [1, 'about 100 times', 'about 4 times'],
  ])('p = %f: %s the essay’s bound, %s Carlsmith’s figure', (p, essay, report) => {
    expect(compareWithHeadlines(p)).toEqual({ essay, report });
  });

  test('uses the two headline figures of the home page', () => {
    expect(ESSAY_BOUND).toBe(0.01);
    expect(REPORT_FIGURE).toBe(0.25);
  });

  test('puts the essay preset within the essay’s bound and the Carlsmith preset near his figure', () => {
    const of = (id: string) => exactOutcome(ORDERING_PRESETS.find((p) => p.id === id)!.inputs).pDeceptive;
    expect(compareWithHeadlines(of('less-than-one-percent-essay')).essay).toBe('within');
    expect(compareWithHeadlines(of('carlsmith')).report).toBe('about the same as');
  });
});
