import { describe, expect, it } from 'vitest'
import { rngFor } from './prng.ts'
import { buildWorld } from './world.ts'

const SHOP = { host: 'shop.example', ipv6Share: 0.1, mobileShare: 0.5, peakHourUtc: 19 }
const CATALOG = { firstProductId: 10_000, products: 100, urls: 'path' as const }

describe('buildWorld e-mail addresses', () => {
  it('gives every customer its own address, even past the plain name combinations', () => {
    // 12,000 customers is more than first.last, initial+last and the numbered styles give without clashes.
    const world = buildWorld(1, SHOP, CATALOG, 12_000, 8)
    expect(new Set(world.customers.map((c) => c.email)).size).toBe(12_000)
  })

  it('never hands out an address an account already has', () => {
    const world = buildWorld(2, SHOP, CATALOG, 3_000, 8)
    const seen = new Set(world.customers.map((c) => c.email))
    const rng = rngFor(2, 'signups')
    for (let i = 0; i < 5_000; i++) {
      const email = world.newEmail(rng)
      expect(seen.has(email)).toBe(false)
      seen.add(email)
    }
  })
})
