/**
 * Event-time window counters. The sliding counter keeps a ring of fixed buckets, so its
 * memory is constant and its answer is exact to one bucket width.
 * @module
 */

export class SlidingCounter {
  readonly #bucketMs: number
  // Plain arrays: a typed array per entity costs more to allocate than it saves here.
  readonly #counts: number[]
  readonly #starts: number[]

  constructor(windowMs: number, buckets: number) {
    if (!(windowMs > 0) || !Number.isInteger(buckets) || buckets < 1) {
      throw new RangeError(`bad window ${windowMs} ms / ${buckets} buckets`)
    }
    this.#bucketMs = windowMs / buckets
    this.#counts = new Array<number>(buckets).fill(0)
    this.#starts = new Array<number>(buckets).fill(Number.NEGATIVE_INFINITY)
  }

  add(ts: number, n = 1): void {
    const start = Math.floor(ts / this.#bucketMs) * this.#bucketMs
    const i = Math.floor(ts / this.#bucketMs) % this.#counts.length
    if (this.#starts[i] !== start) {
      // Only a newer bucket may reuse a slot; a late event for an expired bucket is dropped.
      if (this.#starts[i]! > start) return
      this.#starts[i] = start
      this.#counts[i] = 0
    }
    this.#counts[i]! += n
  }

  /** Back to no events, as new. */
  clear(): void {
    // A loop, not fill(): on ten slots the builtin call costs more than the writes.
    for (let i = 0; i < this.#counts.length; i++) {
      this.#counts[i] = 0
      this.#starts[i] = Number.NEGATIVE_INFINITY
    }
  }

  /** Sum over the buckets that overlap (ts - window, ts]. */
  total(ts: number): number {
    const oldest = ts - this.#counts.length * this.#bucketMs
    let sum = 0
    for (let i = 0; i < this.#counts.length; i++) {
      if (this.#starts[i]! > oldest && this.#starts[i]! <= ts) sum += this.#counts[i]!
    }
    return sum
  }
}

/** A count over consecutive fixed windows aligned to multiples of the window length. */
export class TumblingCounter {
  readonly #windowMs: number
  #start = Number.NEGATIVE_INFINITY
  #count = 0

  constructor(windowMs: number) {
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be > 0, got ${windowMs}`)
    this.#windowMs = windowMs
  }

  /** Adds and returns the current window's count. */
  add(ts: number, n = 1): number {
    const start = Math.floor(ts / this.#windowMs) * this.#windowMs
    if (start > this.#start) {
      this.#start = start
      this.#count = 0
    }
    if (start === this.#start) this.#count += n
    return this.#count
  }

  count(ts: number): number {
    return Math.floor(ts / this.#windowMs) * this.#windowMs === this.#start ? this.#count : 0
  }
}
