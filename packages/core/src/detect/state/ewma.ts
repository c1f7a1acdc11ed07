/**
 * An exponentially weighted event rate (events per second) that decays with event time,
 * so a rate is meaningful after an idle gap without a timer.
 * @module
 */
export class EwmaRate {
  readonly #tauMs: number
  #rate = 0
  #last = Number.NaN

  /** @param halfLifeMs time for an old burst's weight to halve */
  constructor(halfLifeMs: number) {
    if (!(halfLifeMs > 0)) throw new RangeError(`halfLifeMs must be > 0, got ${halfLifeMs}`)
    this.#tauMs = halfLifeMs / Math.LN2
  }

  add(ts: number, n = 1): void {
    this.#decayTo(ts)
    this.#rate += (n * 1000) / this.#tauMs
  }

  /** Events per second at `ts`. */
  rate(ts: number): number {
    this.#decayTo(ts)
    return this.#rate
  }

  #decayTo(ts: number): void {
    if (Number.isNaN(this.#last)) {
      this.#last = ts
      return
    }
    const dt = ts - this.#last
    if (dt <= 0) return
    this.#rate *= Math.exp(-dt / this.#tauMs)
    this.#last = ts
  }
}
