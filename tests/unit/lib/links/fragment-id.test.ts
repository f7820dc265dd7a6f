import { describe, expect, test } from 'vitest';
import { fragmentId } from '../../../../src/lib/links/fragment-id.ts';

describe('fragmentId', () => {
  test('returns the id with or without the leading #', () => {
    expect(fragmentId('#c-98d3118a')).toBe('c-98d3118a');
    expect(fragmentId('c-98d3118a')).toBe('c-98d3118a');
  });
  test('returns an empty id for an empty fragment or a text directive alone', () => {
    expect(fragmentId('')).toBe('');
    expect(fragmentId('#')).toBe('');
    expect(fragmentId('#:~:text=goal')).toBe('');
  });
  test('returns the id without a text directive that the browser left in place', () => {
    expect(fragmentId('#c-x:~:text=long%2Dterm%20goals')).toBe('c-x');
  });
  test('returns percent escapes decoded', () => {
    expect(fragmentId('#caf%C3%A9-section')).toBe('café-section');
  });
  test('returns a malformed escape as typed instead of throwing', () => {
    expect(fragmentId('#%E0%A4%A')).toBe('%E0%A4%A');
  });
});
