/**
 * Inter-arrival statistics by Welford's online algorithm: mean and coefficient of
 * variation of the gaps between events, in constant memory. Scripts on a timer have a
 * low CV; people (and the superposition of many people) have a CV near or above 1.
 * @module
 */
export class InterArrival {
  #last = Number.NaN
  #n = 0
  #mean = 0
  #m2 = 0

  add(ts: number): void {
    if (!Number.isNaN(this.#last)) {
      const gap = Math.max(0, ts - this.#last)
      this.#n++
      const delta = gap - this.#mean
      this.#mean += delta / this.#n
      this.#m2 += delta * (gap - this.#mean)
    }
    this.#last = ts
  }

  /** Back to no events seen. */
  reset(): void {
    this.#last = Number.NaN
    this.#n = 0
    this.#mean = 0
    this.#m2 = 0
  }

  /** Number of gaps seen. */
  get gaps(): number {
    return this.#n
  }

  get meanMs(): number {
    return this.#mean
  }

  /** Standard deviation over mean; NaN with fewer than two gaps or a zero mean. */
  get cv(): number {
    if (this.#n < 2 || this.#mean === 0) return Number.NaN
    return Math.sqrt(this.#m2 / (this.#n - 1)) / this.#mean
  }
}
