import { describe, expect, test } from 'vitest';
import { licenceLabel } from '../../../../src/lib/text/licence.ts';

describe('licenceLabel', () => {
  test('returns the long label by default, for an attribution box', () => {
    expect(licenceLabel('all-rights-reserved')).toBe('No open licence stated: copyright stays with the authors');
  });
  test('returns a short label that fits a list item', () => {
    expect(licenceLabel('cc-by-4.0', 'short')).toBe('CC BY 4.0');
    expect(licenceLabel('unknown', 'short')).toBe('licence unknown');
  });
  test('returns a brief label for the closed attribution line that still says who holds the rights', () => {
    expect(licenceLabel('all-rights-reserved', 'brief')).toBe('© the authors, no open licence');
    expect(licenceLabel('cc-by-4.0', 'brief')).toBe('CC BY 4.0');
  });
});
