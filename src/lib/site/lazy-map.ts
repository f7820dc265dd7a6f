// A read-only map whose values are made when first asked for, of which only the most recently
// used few are kept. The site model's page texts are the use: every source page's full text, a
// folded copy and the indexes built over them were held for the whole build, half a gigabyte at
// 5,000 threads, though a page being rendered needs the texts of only the pages it links to.

/** A map from keys known up front to values made on demand; at most `keep` values are held. */
export class LazyMap<K, V> {
  private readonly recent = new Map<K, V>();
  private readonly makers: ReadonlyMap<K, () => V>;
  private readonly keep: number;

  constructor(makers: ReadonlyMap<K, () => V>, keep: number) {
    this.makers = makers;
    this.keep = keep;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`LazyMap: keep must be a whole number of at least 1, not ${keep}`);
  }

  /** The value for `key` (made now if it is not among the recent ones), or undefined for an unknown key. */
  get(key: K): V | undefined {
    const hit = this.recent.get(key);
    if (hit !== undefined) {
      // Re-inserted so the map's order stays least recently used first.
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit;
    }
    const make = this.makers.get(key);
    if (!make) return undefined;
    const value = make();
    this.recent.set(key, value);
    if (this.recent.size > this.keep) this.recent.delete(this.recent.keys().next().value as K);
    return value;
  }

  /** Whether `key` has a value, without making it. */
  has(key: K): boolean {
    return this.makers.has(key);
  }

  /** How many keys there are. */
  get size(): number {
    return this.makers.size;
  }

  /** Every key, in the order the makers were given. */
  keys(): IterableIterator<K> {
    return this.makers.keys();
  }

  /** Every entry in key order, each value made in turn (and dropped again unless recent). */
  *entries(): IterableIterator<[K, V]> {
    for (const key of this.makers.keys()) yield [key, this.get(key) as V];
  }

  /** The same as entries(). */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
