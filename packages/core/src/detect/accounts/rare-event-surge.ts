/**
 * A surge of rare events judged against the stream's own rate of them: logins for accounts
 * that do not exist are a few typos an hour on a quiet shop and dozens a minute on a busy
 * one, so "k of them within s seconds" is evidence only when a Poisson process at the
 * learned rate would almost never produce it. Decides on every rare event, so a campaign is
 * opened by its first few attempts rather than at the end of a window.
 * @module
 */
import { poissonTail } from '../signals/poisson.ts'

export interface Surge<T> {
  /** The rare events of the surge, oldest first. */
  items: T[]
  spanMs: number
  /** Attempts of any kind over the span (rare ones included). */
  attempts: number
  /** Rare events a Poisson process at the learned rate would give over the span. */
  expected: number
  pValue: number
}

export interface SurgeOptions {
  /** Fewest rare events that can make a surge. */
  minEvents: number
  /** Rare events kept, so the longest surge tested. */
  maxEvents: number
  /** The rare events' share of all attempts over the span must reach this. */
  minShare: number
  /** Largest Poisson tail probability that still counts as a surge. */
  pValue: number
  /**
   * Before any history the rate is taken as one rare event per this long, so a stream that
   * starts in the middle of an attack needs a larger burst than one with a quiet past.
   */
  priorMs: number
}

export class RareEventSurge<T> {
  readonly #o: SurgeOptions
  readonly #recent: Array<{ ts: number; attempt: number; item: T }> = []
  #firstTs = -1
  #attempts = 0
  #rare = 0

  constructor(options: SurgeOptions) {
    this.#o = options
  }

  /**
   * The stream was watched from `ts` on, though this kind of attempt came later: a quiet
   * past without any of them is history too.
   */
  watchFrom(ts: number): void {
    if (this.#firstTs < 0 || ts < this.#firstTs) this.#firstTs = ts
  }

  /** Counts one attempt of any kind; call before `rare` for a rare one. */
  attempt(ts: number): void {
    if (this.#firstTs < 0) this.#firstTs = ts
    this.#attempts++
  }

  /**
   * Records a rare event and returns the surge of the fewest events it completes, or null. Rare events
   * before the surge are the history the rate is learned from.
   */
  rare(ts: number, item: T): Surge<T> | null {
    this.#rare++
    this.#recent.push({ ts, attempt: this.#attempts, item })
    if (this.#recent.length > this.#o.maxEvents) this.#recent.shift()
    const n = this.#recent.length
    for (let k = this.#o.minEvents; k <= n; k++) {
      const first = this.#recent[n - k]!
      const spanMs = Math.max(1000, ts - first.ts)
      const attempts = this.#attempts - first.attempt + 1
      if (k / attempts < this.#o.minShare) continue
      const rate = (this.#rare - k + 1) / (first.ts - this.#firstTs + this.#o.priorMs)
      const expected = rate * spanMs
      const p = poissonTail(k, expected)
      if (p <= this.#o.pValue) {
        return { items: this.#recent.slice(n - k).map((r) => r.item), spanMs: ts - first.ts, attempts, expected, pValue: p }
      }
    }
    return null
  }
}
