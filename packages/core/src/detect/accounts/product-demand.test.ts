import { describe, expect, it } from 'vitest'
import { ProductDemand } from './product-demand.ts'

const options = { windowMs: 600_000, minOrders: 5, pValue: 1e-6, maxKeys: 1000 }
const CATALOGUE = ['tee', 'shirt', 'tie', 'scarf', 'belt', 'tote', 'boot', 'cap']

/** An hour of orders across the catalogue, one every 40 s. */
function steadyShop(): { demand: ProductDemand; ts: number } {
  const demand = new ProductDemand(options)
  let ts = 0
  for (let i = 0; i < 90; i++, ts += 40_000) expect(demand.order(ts, CATALOGUE[i % CATALOGUE.length]!)).toBeNull()
  return { demand, ts }
}

describe('product demand', () => {
  it('sees a launch surge against the shop\'s mix of orders, at its sixth order within a minute', () => {
    const { demand, ts } = steadyShop()
    const surges = Array.from({ length: 8 }, (_, i) => demand.order(ts + i * 8_000, 'sneaker-launch'))
    expect(surges.findIndex((s) => s !== null)).toBe(5)
    const s = demand.lastSurge('sneaker-launch')!
    expect(s.orders).toBe(8)
    expect(s.expected).toBeLessThan(0.5)
  })

  it('does not see one everyday product bought six times in ten minutes as a surge', () => {
    const { demand, ts } = steadyShop()
    for (let i = 0; i < 6; i++) expect(demand.order(ts + i * 100_000, 'shirt')).toBeNull()
    expect(demand.lastSurge('shirt')).toBeUndefined()
  })

  it('needs a larger burst for a product that sold before than for one that never did', () => {
    const { demand, ts } = steadyShop()
    const until = (product: string, from: number): number => {
      for (let k = 1; k <= 40; k++) if (demand.order(from + k * 2_000, product) !== null) return k
      return Infinity
    }
    const launch = until('sneaker-launch', ts)
    const seller = until('tee', ts + 700_000)
    expect(launch).toBeLessThan(seller)
    expect(seller).toBeLessThan(Infinity)
  })
})
