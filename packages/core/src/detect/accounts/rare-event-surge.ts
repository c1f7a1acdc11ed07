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

export interface SurgeOptions<T = unknown> {
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
  /**
   * When given, the rate a surge is judged against is that of the rare events of its own scopes
   * (e.g. the destination countries its OTP sends went to), not of every rare event: a crew
   * pumping one country the shop never sends to is not hidden by the customers who verify
   * phones in another listed country every hour.
   */
  rateScopeOf?: (item: T) => string | null
  /**
   * Longest span a surge may have: a burst, not a drift. A rate learned per scope rests on few
   * events, and over hours a handful of customers abroad adds up to more than it predicts.
   */
  maxSpanMs?: number
}

/** Scopes counted apart; beyond, a new scope's events are counted together (a source inventing scopes gets no more room). */
const MAX_SCOPES = 512
const OTHER_SCOPES = '\u0000other'

export class RareEventSurge<T> {
  readonly #o: SurgeOptions<T>
  readonly #recent: Array<{ ts: number; attempt: number; item: T; scope: string }> = []
  /** Rare events so far per scope, with `rateScopeOf`. */
  readonly #byScope = new Map<string, number>()
  #firstTs = -1
  #attempts = 0
  #rare = 0

  constructor(options: SurgeOptions<T>) {
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
    const scope = this.#scope(item)
    this.#recent.push({ ts, attempt: this.#attempts, item, scope })
    if (this.#recent.length > this.#o.maxEvents) this.#recent.shift()
    const n = this.#recent.length
    for (let k = this.#o.minEvents; k <= n; k++) {
      const first = this.#recent[n - k]!
      if (ts - first.ts > (this.#o.maxSpanMs ?? Infinity)) break
      const spanMs = Math.max(1000, ts - first.ts)
      const attempts = this.#attempts - first.attempt + 1
      if (k / attempts < this.#o.minShare) continue
      const rate = (this.#before(n - k) + 1) / (first.ts - this.#firstTs + this.#o.priorMs)
      const expected = rate * spanMs
      const p = poissonTail(k, expected)
      if (p <= this.#o.pValue) {
        return { items: this.#recent.slice(n - k).map((r) => r.item), spanMs: ts - first.ts, attempts, expected, pValue: p }
      }
    }
    return null
  }

  /** The rare events kept from `fromTs` up to (not including) `toTs`, oldest first. */
  between(fromTs: number, toTs: number): T[] {
    return this.#recent.filter((r) => r.ts >= fromTs && r.ts < toTs).map((r) => r.item)
  }

  #scope(item: T): string {
    if (this.#o.rateScopeOf === undefined) return ''
    let scope = this.#o.rateScopeOf(item) ?? ''
    if (!this.#byScope.has(scope) && this.#byScope.size >= MAX_SCOPES) scope = OTHER_SCOPES
    this.#byScope.set(scope, (this.#byScope.get(scope) ?? 0) + 1)
    return scope
  }

  /** Rare events before the surge starting at `recent[from]`: all of them, or those of the surge's own scopes. */
  #before(from: number): number {
    const k = this.#recent.length - from
    if (this.#o.rateScopeOf === undefined) return this.#rare - k
    const inSurge = new Map<string, number>()
    for (let i = from; i < this.#recent.length; i++) {
      const s = this.#recent[i]!.scope
      inSurge.set(s, (inSurge.get(s) ?? 0) + 1)
    }
    let before = 0
    for (const [s, n] of inSurge) before += (this.#byScope.get(s) ?? 0) - n
    return before
  }
}
