import { describe, expect, it } from 'vitest'
import { rngFor } from './prng.ts'
import { resolveSimConfig } from './config.ts'
import { ShopSimulation } from './simulate.ts'
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

describe('buildWorld account ids', () => {
  it('never hands out an id another account has, and keeps the first draw when it is free', () => {
    const world = buildWorld(4, SHOP, CATALOG, 2_000, 8)
    const seen = new Set(world.customers.map((c) => c.id))
    // Several populations draw from the same range with rngs of their own, as shoppers, farms, crews and carders do.
    const rngs = ['shoppers', 'fake-accounts', 'fraud-ring', 'carding'].map((name) => rngFor(4, name))
    const twin = rngFor(4, 'shoppers')
    let kept = 0
    for (let i = 0; i < 20_000; i++) {
      const id = world.newAccountId(rngs[i % rngs.length]!)
      expect(seen.has(id)).toBe(false)
      seen.add(id)
      if (i % rngs.length === 0 && id === `u${twin.int(900_000, 999_999)}`) kept++
    }
    // 20,000 draws from 100,000 numbers clash often; the shoppers' draws that did not are theirs unchanged.
    expect(kept).toBeGreaterThan(4_000)
    expect(kept).toBeLessThan(5_000)
  })

  it('skips a customer number an account from another range already took', () => {
    const world = buildWorld(5, SHOP, CATALOG, 10, 8)
    const ids = new Set(world.customers.map((c) => c.id))
    // Households draw their members' ids below the new-account range, where customers are numbered.
    for (let i = 0; i < 50; i++) ids.add(world.newAccountId(rngFor(5, `h${i}`), 100_010, 100_060))
    for (let i = 0; i < 20; i++) {
      const c = world.newCustomer(rngFor(5, `c${i}`))
      expect(ids.has(c.id)).toBe(false)
      ids.add(c.id)
    }
  })
})

describe('new accounts in a long simulated run', () => {
  it('belong to one population each, however many shoppers, farms, crews and carders register', () => {
    const config = resolveSimConfig(`shop: { host: shop.example, products: 500, first_product_id: 1001, customers: 50, ipv6_share: 0, mobile_share: 0.5, peak_hour_utc: 12 }
populations:
  shoppers: { generator: shoppers, kind: benign, description: d, knobs: { visits_per_hour: 400, returning_share: 0, cgnat_share: 0, pages_mean: 2, think_seconds: 5, cart_rate: 0.9, checkout_rate: 1, typo_rate: 0, reset_rate: 0, coupon_rate: 0, register_rate: 1, mfa_share: 0, review_rate: 0 } }
  farm: { generator: fake-accounts, kind: attack, class: OAT-019, description: d, knobs: { accounts_per_hour: 200, devices: 3, disposable_share: 0.5, residential: 0 } }
  scalpers: { generator: scalping, kind: attack, class: OAT-005, description: d, knobs: { bots: 30, polls_per_minute: 1, accounts_per_bot: 20, residential: 0 } }
  carders: { generator: carding, kind: attack, class: OAT-001, description: d, knobs: { workers: 40, attempts_per_minute: 1, success_rate: 0.1, residential: 0 } }
  rings: { generator: fraud-ring, kind: attack, class: fraud_ring, description: d, knobs: { rings: 20, members: 20, cards: 3, phones: 2, addresses: 2, devices: 3, ips: 3, card_share: 0.8, phone_share: 0.7, address_share: 0.8, device_share: 0.3, ip_share: 0.2, orders: 1, order_median: 100 } }
  family: { generator: household, kind: benign, description: d, knobs: { members: 5, visits_per_hour: 2 } }
`)
    const sim = new ShopSimulation(config, { seed: 3, hours: 8, scale: 1 })
    for (const _ of sim.lines());
    const accounts = sim.labels().entities.account
    const customers = new Set(Array.from({ length: 50 }, (_, i) => `u${100_000 + i}`))
    const created = Object.entries(accounts).filter(([id]) => /^u\d+$/.test(id) && !customers.has(id))
    // Enough new accounts that ids drawn at random from 100,000 numbers would share some.
    expect(created.length).toBeGreaterThan(1_500)
    expect(created.filter(([, populations]) => populations.length > 1)).toEqual([])
  })
})
