/**
 * Small bounded state the shared primitives in ../state do not cover: a recency set for
 * "seen before" questions, and per-key windows whose state knows its own start (the
 * detectors report "N in M minutes" from it and check the window on every event).
 * @module
 */
import { BoundedMap } from '../state/bounded-map.ts'

/** The most recent distinct items, for "seen before" questions (devices of an account). */
export class RecentSet {
  readonly #items: string[] = []
  readonly #max: number

  constructor(max: number) {
    this.#max = Math.max(1, max)
  }

  has(item: string): boolean {
    return this.#items.includes(item)
  }

  get size(): number {
    return this.#items.length
  }

  add(item: string): void {
    const i = this.#items.indexOf(item)
    if (i >= 0) this.#items.splice(i, 1)
    this.#items.push(item)
    if (this.#items.length > this.#max) this.#items.shift()
  }
}

/**
 * Per-key state that restarts when its window has passed: a tumbling window anchored at
 * the key's first event, one state object per key, at most `maxKeys` keys (least recently
 * used evicted).
 */
export class KeyedWindows<S extends { start: number }> {
  readonly #map: BoundedMap<string, S>
  readonly #windowMs: number
  readonly #init: (start: number) => S

  constructor(maxKeys: number, windowMs: number, init: (start: number) => S) {
    this.#map = new BoundedMap({ maxEntries: maxKeys })
    this.#windowMs = windowMs
    this.#init = init
  }

  at(key: string, ts: number): S {
    const current = this.#map.upsert(key, ts, () => this.#init(ts))
    if (ts - current.start < this.#windowMs) return current
    const fresh = this.#init(ts)
    this.#map.set(key, fresh, ts)
    return fresh
  }

  peek(key: string): S | undefined {
    return this.#map.peek(key)
  }
}
