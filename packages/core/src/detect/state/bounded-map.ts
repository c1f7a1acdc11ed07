/**
 * Keyed state with a hard cap: least-recently-used eviction when full and idle eviction
 * by event time. Every per-entity table in the detectors is one of these, so memory stays
 * bounded whatever the input (a flood of distinct IPs evicts the oldest, it never grows).
 * @module
 */

interface Slot<V> {
  value: V
  lastSeen: number
}

export interface BoundedMapOptions<K, V> {
  /** Hard cap on entries. */
  maxEntries: number
  /** Entries idle longer than this (event-time ms) go on `evictIdle`; 0 keeps them until the cap. */
  idleMs?: number
  /** Called for every entry that leaves the map other than by `delete`, so callers can flush it. */
  onEvict?: (key: K, value: V) => void
}

export class BoundedMap<K, V> {
  // A Map iterates in insertion order; re-inserting on access keeps it in LRU order.
  readonly #slots = new Map<K, Slot<V>>()
  readonly #max: number
  readonly #idleMs: number
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  #evicted = 0

  constructor(options: BoundedMapOptions<K, V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`)
    }
    this.#max = options.maxEntries
    this.#idleMs = options.idleMs ?? 0
    this.#onEvict = options.onEvict
  }

  get size(): number {
    return this.#slots.size
  }

  /** Entries evicted so far (cap or idle), for reports on state pressure. */
  get evicted(): number {
    return this.#evicted
  }

  /** Reads without refreshing recency. */
  peek(key: K): V | undefined {
    return this.#slots.get(key)?.value
  }

  /** The entry for `key`, created with `create` when absent; marks it used at `now`. */
  upsert(key: K, now: number, create: () => V): V {
    const slot = this.#slots.get(key)
    if (slot !== undefined) {
      this.#slots.delete(key)
      if (now > slot.lastSeen) slot.lastSeen = now
      this.#slots.set(key, slot)
      return slot.value
    }
    const value = create()
    this.#slots.set(key, { value, lastSeen: now })
    if (this.#slots.size > this.#max) this.#evictOldest()
    return value
  }

  /** Stores `value` under `key` (replacing any), marked used at `now`. */
  set(key: K, value: V, now: number): void {
    const slot = this.#slots.get(key)
    this.#slots.delete(key)
    this.#slots.set(key, { value, lastSeen: slot === undefined ? now : Math.max(now, slot.lastSeen) })
    if (this.#slots.size > this.#max) this.#evictOldest()
  }

  delete(key: K): boolean {
    return this.#slots.delete(key)
  }

  /** Evicts entries not used since `now - idleMs`; the map is in LRU order, so this stops at the first fresh one. */
  evictIdle(now: number): void {
    if (this.#idleMs <= 0) return
    const limit = now - this.#idleMs
    for (const [key, slot] of this.#slots) {
      if (slot.lastSeen >= limit) break
      this.#slots.delete(key)
      this.#evicted++
      this.#onEvict?.(key, slot.value)
    }
  }

  /** Evicts everything, oldest first, through `onEvict`. */
  flush(): void {
    for (const [key, slot] of this.#slots) {
      this.#slots.delete(key)
      this.#onEvict?.(key, slot.value)
    }
  }

  entries(): IterableIterator<[K, V]> {
    const it = this.#slots.entries()
    return (function* () {
      for (const [k, s] of it) yield [k, s.value] as [K, V]
    })()
  }

  #evictOldest(): void {
    const first = this.#slots.keys().next()
    if (first.done === true) return
    const slot = this.#slots.get(first.value)
    this.#slots.delete(first.value)
    this.#evicted++
    if (slot !== undefined) this.#onEvict?.(first.value, slot.value)
  }
}
