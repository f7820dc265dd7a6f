import { describe, expect, test } from 'vitest';
import { jobOrder } from '../../../src/build/build-search-index.ts';

describe('jobOrder', () => {
  test('puts parts with a page written in this build first, each group largest first', () => {
    const jobs = [
      { bytes: 10, fresh: false },
      { bytes: 30, fresh: false },
      { bytes: 5, fresh: true },
      { bytes: 20, fresh: true },
    ];
    expect(jobOrder(jobs)).toEqual([3, 2, 1, 0]);
  });

  test('orders a cold build, where every part is fresh, by size alone', () => {
    expect(jobOrder([5, 50, 20].map((bytes) => ({ bytes, fresh: true })))).toEqual([1, 2, 0]);
  });
});
