import { describe, expect, test } from 'vitest';
import { isSearchableQuery } from '../../../../src/lib/search/query.ts';

describe('isSearchableQuery', () => {
  test('returns false for an empty, blank or one-character query', () => {
    for (const q of ['', '   ', 'a', ' a ', '😀']) expect(isSearchableQuery(q), JSON.stringify(q)).toBe(false);
  });

  test('returns true from two characters on, counting an emoji as one character', () => {
    for (const q of ['ai', ' ai ', 'a😀', 'deceptive alignment']) expect(isSearchableQuery(q), JSON.stringify(q)).toBe(true);
  });
});
