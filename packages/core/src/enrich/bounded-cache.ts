/**
 * A bounded cache with approximate least-recently-used eviction, built from two
 * generations of Maps. A hit costs one or two Map lookups and never reorders
 * anything, which matters at hundreds of thousands of lookups per second; when the
 * young generation fills up, the old one (entries not touched for a whole generation)
 * is dropped. Holds at most 2 × `capacity` entries.
 * @module
 */
export class BoundedCache<K, V> {
  readonly #capacity: number
  #young = new Map<K, V>()
  #old = new Map<K, V>()

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`cache capacity must be a positive integer, got ${capacity}`)
    }
    this.#capacity = capacity
  }

  get(key: K): V | undefined {
    const hit = this.#young.get(key)
    if (hit !== undefined) return hit
    const old = this.#old.get(key)
    if (old !== undefined) {
      this.#old.delete(key)
      this.#promote(key, old)
    }
    return old
  }

  set(key: K, value: V): void {
    if (this.#young.has(key)) {
      this.#young.set(key, value)
      return
    }
    this.#old.delete(key)
    this.#promote(key, value)
  }

  /** Entries currently held (young and old generations). */
  get size(): number {
    return this.#young.size + this.#old.size
  }

  #promote(key: K, value: V): void {
    if (this.#young.size >= this.#capacity) {
      this.#old = this.#young
      this.#young = new Map()
    }
    this.#young.set(key, value)
  }
}
