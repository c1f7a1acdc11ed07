/**
 * Demand for one product against the shop's own mix of orders: scalping (OAT-005) is about
 * goods of limited availability — a drop, a restock — which the whole shop rushes to buy at
 * once, so the product's share of the latest orders leaps far above its share before. A
 * product people buy all day is not what a scalper is after, however often one buyer orders
 * it (a company's buyer, a farm's new accounts taking the welcome offer on one item).
 * @module
 */
import { poissonTail } from '../signals/poisson.ts'

export interface DemandOptions {
  /** Orders this recent are the product's current demand; older ones are its history. */
  windowMs: number
  /** Fewest recent orders of the product that can make a surge. */
  minOrders: number
  /** Largest Poisson tail probability that still counts as a surge. */
  pValue: number
  /** Cap on the products and recent orders remembered. */
  maxKeys: number
}

export interface DemandSurge {
  /** Event time of the order that showed it. */
  ts: number
  /** Recent orders of the product, and of the shop. */
  orders: number
  shopOrders: number
  /** The product's orders the shop's mix before the window would give among the recent ones. */
  expected: number
}

export class ProductDemand {
  readonly #o: DemandOptions
  readonly #recent: Array<{ ts: number; product: string }> = []
  #head = 0
  readonly #recentOf = new Map<string, number>()
  readonly #historyOf = new Map<string, number>()
  #history = 0
  /** Products seen, each given one order of history (to `maxKeys`). */
  readonly #seen = new Set<string>()
  /** Each product's latest surge. */
  readonly #surges = new Map<string, DemandSurge>()

  constructor(options: DemandOptions) {
    this.#o = options
  }

  /**
   * Counts an order and returns the product's surge when its recent orders are far more than
   * its share of the shop's orders before the window would give. A product never ordered
   * before gets one order's worth of history, like every product seen (a launch has no past;
   * a catalogue's steady sellers have one).
   */
  order(ts: number, product: string): DemandSurge | null {
    while (this.#head < this.#recent.length && (ts - this.#recent[this.#head]!.ts > this.#o.windowMs || this.#recent.length - this.#head >= this.#o.maxKeys)) {
      const old = this.#recent[this.#head++]!
      const left = (this.#recentOf.get(old.product) ?? 1) - 1
      if (left > 0) this.#recentOf.set(old.product, left)
      else this.#recentOf.delete(old.product)
      if (this.#historyOf.has(old.product) || this.#historyOf.size < this.#o.maxKeys) this.#historyOf.set(old.product, (this.#historyOf.get(old.product) ?? 0) + 1)
      this.#history++
    }
    if (this.#head > 1024 && 2 * this.#head > this.#recent.length) {
      this.#recent.splice(0, this.#head)
      this.#head = 0
    }
    this.#recent.push({ ts, product })
    const orders = (this.#recentOf.get(product) ?? 0) + 1
    this.#recentOf.set(product, orders)
    const shopOrders = this.#recent.length - this.#head
    if (this.#seen.size < this.#o.maxKeys) this.#seen.add(product)
    const expected = (shopOrders * ((this.#historyOf.get(product) ?? 0) + 1)) / (this.#history + this.#seen.size)
    if (orders < this.#o.minOrders || poissonTail(orders, expected) > this.#o.pValue) return null
    const surge = { ts, orders, shopOrders, expected }
    if (this.#surges.size >= this.#o.maxKeys && !this.#surges.has(product)) this.#surges.delete(this.#surges.keys().next().value!)
    this.#surges.set(product, surge)
    return surge
  }

  /** The product's latest surge, or undefined. */
  lastSurge(product: string): DemandSurge | undefined {
    return this.#surges.get(product)
  }
}
