import { describe, expect, test } from 'vitest';
import { fnv1a32, fnv1a32Hex } from '../../../../src/lib/threads/hash.ts';

describe('fnv1a32', () => {
  test.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('returns the published FNV-1a value for %j', (s, h) => {
    expect(fnv1a32(s)).toBe(h);
  });

  test('hashes UTF-8 bytes, so non-ASCII text hashes like its encoding', () => {
    const bytesHash = (s: string) => {
      let h = 0x811c9dc5;
      for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
      return h;
    };
    for (const s of ['é', 'Adrià', '👩‍👧', 'שלום']) expect(fnv1a32(s)).toBe(bytesHash(s));
  });

  test('returns 8 hex digits', () => {
    expect(fnv1a32Hex('')).toBe('811c9dc5');
    expect(fnv1a32Hex('x')).toMatch(/^[0-9a-f]{8}$/);
  });
});
