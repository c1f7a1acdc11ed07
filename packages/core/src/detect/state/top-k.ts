/**
 * Heavy hitters by the Space-Saving algorithm: at most k counters; any value whose true
 * count exceeds total/k is guaranteed to be among them, with an overestimate of at most
 * its `error`.
 * @module
 */
export interface TopKEntry {
  value: string
  count: number
  error: number
}

export class TopK {
  readonly #k: number
  readonly #entries = new Map<string, TopKEntry>()

  constructor(k: number) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
    this.#k = k
  }

  add(value: string, n = 1): void {
    const hit = this.#entries.get(value)
    if (hit !== undefined) {
      hit.count += n
      return
    }
    if (this.#entries.size < this.#k) {
      this.#entries.set(value, { value, count: n, error: 0 })
      return
    }
    let min: TopKEntry | undefined
    for (const e of this.#entries.values()) if (min === undefined || e.count < min.count) min = e
    const floor = (min as TopKEntry).count
    this.#entries.delete((min as TopKEntry).value)
    this.#entries.set(value, { value, count: floor + n, error: floor })
  }

  get size(): number {
    return this.#entries.size
  }

  /** Entries by descending count. */
  top(n = this.#k): TopKEntry[] {
    return [...this.#entries.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, n)
  }
}
