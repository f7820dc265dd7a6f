import { describe, expect, it } from 'vitest';
import { LazyMap } from '../../../../src/lib/site/lazy-map.ts';

/** A LazyMap over keys a, b, c, d whose values record how often each was made. */
function counted(keep: number) {
  const made = new Map<string, number>();
  const makers = new Map(['a', 'b', 'c', 'd'].map((k) => [k, () => (made.set(k, (made.get(k) ?? 0) + 1), { key: k })] as const));
  return { map: new LazyMap(makers, keep), made };
}

describe('LazyMap', () => {
  it('makes a value on first use and returns the same object while it is recent', () => {
    const { map, made } = counted(2);
    const first = map.get('a');
    expect(first).toEqual({ key: 'a' });
    expect(map.get('a')).toBe(first);
    expect(made.get('a')).toBe(1);
  });

  it('drops the least recently used value beyond `keep` and makes it again when asked', () => {
    const { map, made } = counted(2);
    map.get('a');
    map.get('b');
    map.get('a'); // a is now the most recent, so c pushes out b
    map.get('c');
    map.get('a');
    expect(made.get('a')).toBe(1);
    map.get('b');
    expect(made.get('b')).toBe(2);
  });

  it('answers unknown keys with undefined and knows its keys without making values', () => {
    const { map, made } = counted(1);
    expect(map.get('z')).toBeUndefined();
    expect(map.has('c')).toBe(true);
    expect(map.has('z')).toBe(false);
    expect(map.size).toBe(4);
    expect([...map.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(made.size).toBe(0);
  });

  it('iterates every entry in key order while holding no more than `keep` values', () => {
    const { map, made } = counted(1);
    expect([...map].map(([k, v]) => [k, v.key])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['d', 'd'],
    ]);
    map.get('d');
    map.get('a');
    expect(made.get('d')).toBe(1);
    expect(made.get('a')).toBe(2);
  });

  it('refuses a keep that holds nothing', () => {
    expect(() => new LazyMap(new Map(), 0)).toThrow(/keep must be a whole number of at least 1/);
  });
});
