/**
 * Approximate distinct counts: exact with a small set below a threshold, then a
 * HyperLogLog sketch of 2^precision one-byte registers (precision 10: 1 KiB, about 3%
 * standard error). Most entities see few distinct values, so most stay small and exact:
 * the first few are kept in an array (a set costs more to build than a short scan).
 * @module
 */
import { hash32 } from './hash.ts'

export interface DistinctCounterOptions {
  /** Exact below this many distinct values. */
  exactLimit?: number
  /** HyperLogLog precision p (4–16): 2^p registers. */
  precision?: number
}

// Distinct values held in the array before a set takes over.
const FEW = 8

export class DistinctCounter {
  /** Distinct values while few: the first in a field (most counters never see a second), the rest in `#more`. */
  #fewCount = 0
  #first = ''
  // Slots, not pushes: emptying an array drops its storage, and a counter is reused per window.
  #more: string[] | null = null
  // Created past FEW values: most counters (one per entity window) never get one.
  #exact: Set<string> | null = null
  #sketching = false
  #registers: Uint8Array | null = null
  // Kept as registers change so a count costs O(1); sums of powers of two are exact in a double.
  #sum = 0
  #zeros = 0
  readonly #exactLimit: number
  readonly #p: number

  constructor(options: DistinctCounterOptions = {}) {
    this.#exactLimit = options.exactLimit ?? 64
    this.#p = options.precision ?? 10
    if (this.#p < 4 || this.#p > 16) throw new RangeError(`precision must be 4–16, got ${this.#p}`)
  }

  add(value: string): void {
    if (!this.#sketching) {
      if (this.#exact === null) {
        const n = this.#fewCount
        if (n > 0 && this.#first === value) return
        const more = this.#more
        for (let i = 0; i < n - 1; i++) if ((more as string[])[i] === value) return
        if (n < FEW && n < this.#exactLimit) {
          if (n === 0) this.#first = value
          else (this.#more ??= new Array<string>(FEW - 1))[n - 1] = value
          this.#fewCount = n + 1
          return
        }
        const exact = new Set<string>()
        if (n > 0) exact.add(this.#first)
        for (let i = 0; i < n - 1; i++) exact.add((more as string[])[i] as string)
        exact.add(value)
        this.#exact = exact
        this.#fewCount = 0
      } else {
        this.#exact.add(value)
      }
      if (this.#exact.size > this.#exactLimit) this.#promote()
      return
    }
    this.#addHash(hash32(value))
  }

  /** Back to empty and exact. */
  clear(): void {
    this.#fewCount = 0
    this.#exact = null
    this.#sketching = false
    this.#registers = null
    this.#sum = 0
    this.#zeros = 0
  }

  /** Whether the count is still exact (no sketch yet). */
  get exact(): boolean {
    return !this.#sketching
  }

  count(): number {
    if (!this.#sketching) return this.#exact === null ? this.#fewCount : this.#exact.size
    const m = (this.#registers as Uint8Array).length
    const sum = this.#sum
    const zeros = this.#zeros
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m)
    const raw = (alpha * m * m) / sum
    // Linear counting is the better estimator while many registers are still empty.
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros))
    return Math.round(raw)
  }

  #promote(): void {
    this.#registers = new Uint8Array(1 << this.#p)
    this.#sum = this.#registers.length
    this.#zeros = this.#registers.length
    for (const v of this.#exact as Set<string>) this.#addHash(hash32(v))
    this.#exact = null
    this.#sketching = true
  }

  #addHash(h: number): void {
    const regs = this.#registers as Uint8Array
    const idx = h >>> (32 - this.#p)
    const rest = (h << this.#p) >>> 0
    // Rank: position of the first 1 bit in the remaining 32-p bits, 1-based.
    const rank = rest === 0 ? 32 - this.#p + 1 : Math.clz32(rest) + 1
    const old = regs[idx]!
    if (rank <= old) return
    regs[idx] = rank
    this.#sum += 2 ** -rank - 2 ** -old
    if (old === 0) this.#zeros--
  }
}
