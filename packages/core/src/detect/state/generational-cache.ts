/**
 * A bounded memo for pure functions of a key (a path's probe matches, an IP's rotation levels):
 * two generations of at most `maxPerGeneration` entries each. Reads look in the newer, then in
 * the older, moving a hit there into the newer; when the newer fills it becomes the older and
 * the older is dropped whole. Keys in use stay (each read renews them), the rest age out.
 *
 * Cheaper per read than a BoundedMap: no recency stamp, no node, no eviction order to keep,
 * which a memo does not need since what it forgets is only computed again. At most
 * 2 × `maxPerGeneration` entries are held.
 * @module
 */
export class GenerationalCache<K, V> {
  readonly #max: number
  #newer = new Map<K, V>()
  #older = new Map<K, V>()

  constructor(maxPerGeneration: number) {
    if (!Number.isInteger(maxPerGeneration) || maxPerGeneration < 1) {
      throw new RangeError(`maxPerGeneration must be a positive integer, got ${maxPerGeneration}`)
    }
    this.#max = maxPerGeneration
  }

  get size(): number {
    return this.#newer.size + this.#older.size
  }

  get(key: K): V | undefined {
    const v = this.#newer.get(key)
    if (v !== undefined) return v
    const old = this.#older.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  set(key: K, value: V): void {
    if (this.#newer.size >= this.#max && !this.#newer.has(key)) {
      this.#older = this.#newer
      this.#newer = new Map()
    }
    this.#newer.set(key, value)
  }
}
