/**
 * A Map that also hands out its values as an array in insertion order, rebuilt only after a
 * change. Paginated lists slice that array, so 1,000 page requests over 100k members never copy
 * the collection more than once per mutation.
 */
export class IndexedList<K, V> {
  private readonly map = new Map<K, V>();
  private cached: V[] | undefined;

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
    this.cached = undefined;
  }

  delete(key: K): boolean {
    this.cached = undefined;
    return this.map.delete(key);
  }

  /** Do not mutate the returned array: it is shared until the next change. */
  values(): readonly V[] {
    this.cached ??= [...this.map.values()];
    return this.cached;
  }
}
