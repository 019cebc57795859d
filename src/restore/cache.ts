/**
 * A bounded cache: at most `limit` entries. Two generations: new entries go to the young one;
 * when it is full the old generation is dropped and the young one becomes old; a hit in the
 * old generation moves the entry back to the young one. Every cache of the restorer is one of
 * these, so that a long-running process stays flat whatever text it is given, and a hit costs
 * one or two map lookups (no reordering on every read).
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.set(key, o);
    }
    return o;
  }

  set(key: K, value: V): void {
    if (this.young.size >= Math.max(1, this.limit >> 1)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
