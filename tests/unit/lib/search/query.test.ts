import { describe, expect, test } from 'vitest';
import { CURATED_SCORE_FACTOR, isSearchableQuery, sourcesFirst } from '../../../../src/lib/search/query.ts';

describe('isSearchableQuery', () => {
  test('returns false for an empty, blank or one-character query', () => {
    for (const q of ['', '   ', 'a', ' a ', '😀']) expect(isSearchableQuery(q), JSON.stringify(q)).toBe(false);
  });

  test('returns true from two characters on, counting an emoji as one character', () => {
    for (const q of ['ai', ' ai ', 'a😀', 'deceptive alignment']) expect(isSearchableQuery(q), JSON.stringify(q)).toBe(true);
  });
});

describe('sourcesFirst', () => {
  const r = (id: string, score: number) => ({ id, score });
  test('a source passage moves above our own page when our page scores less than 1/CURATED_SCORE_FACTOR times as much', () => {
    const out = sourcesFirst([r('claim', 9.4), r('comment', 8.8), r('term', 8.7)], new Set(['comment']));
    expect(out.map((x) => x.id)).toEqual(['comment', 'claim', 'term']);
  });
  test('our page stays first when it matches far better than any source', () => {
    const score = 10 / CURATED_SCORE_FACTOR + 1;
    expect(sourcesFirst([r('claim', score), r('comment', 10)], new Set(['comment'])).map((x) => x.id)).toEqual(['claim', 'comment']);
  });
  test('equal adjusted scores keep the engine order, and nothing is lost or duplicated', () => {
    const input = [r('a', 2), r('b', 2), r('c', 1), r('d', 2)];
    const out = sourcesFirst(input, new Set(['a', 'b', 'd']));
    expect(out.map((x) => x.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(new Set(out)).toEqual(new Set(input));
  });
});
