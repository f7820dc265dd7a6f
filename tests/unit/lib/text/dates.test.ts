import { describe, expect, test } from 'vitest';
import { formatExportDate } from '../../../../src/lib/text/dates.ts';

describe('formatExportDate', () => {
  test.each([
    ['2023-11-15T22:30', '15 Nov 2023, 22:30'],
    ['2023-12-01T16:00', '1 Dec 2023, 16:00'],
    ['2023-11-15', '15 Nov 2023'],
    ['2023-11', 'Nov 2023'],
    ['2023', '2023'],
    ['sometime in 2023', 'sometime in 2023'],
    ['2023-13-01', '2023'],
  ])('returns a reader-facing date when given %s', (input, expected) => {
    expect(formatExportDate(input)).toBe(expected);
  });
});
