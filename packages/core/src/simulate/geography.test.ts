import { describe, expect, it } from 'vitest'
import { parseIp } from '../enrich/ip-address.ts'
import { type IpRangeIndex, buildIpRangeIndex, matchIpRanges } from '../enrich/ip-range-index.ts'
import { resolveSimConfig } from './config.ts'
import { COUNTRIES, type CountryNets, NETS_BY_COUNTRY, type NetRange } from './net.ts'
import { ShopSimulation } from './simulate.ts'
import { buildWorld } from './world.ts'

const SHOP = { host: 'shop.example', ipv6Share: 0.3, mobileShare: 0.5, peakHourUtc: 19 }
const CATALOG = { firstProductId: 10_000, products: 100, urls: 'path' as const }

const indexes = new Map<keyof CountryNets | 'any', IpRangeIndex>()

/** The countries whose networks of kind `part` hold `ip` (the runtime checks each range against the country database). */
function countriesOf(ip: string, part: keyof CountryNets | 'any'): string[] {
  let index = indexes.get(part)
  if (index === undefined) {
    // The index only names the list (country) holding an address; the flag is unused here.
    index = buildIpRangeIndex(COUNTRIES.map((c) => ({
      name: c,
      flag: 'private' as const,
      cidrs: (Object.entries(NETS_BY_COUNTRY[c]) as Array<[keyof CountryNets, readonly NetRange[]]>)
        .filter(([k]) => part === 'any' || k === part).flatMap(([, rs]) => rs.map((r) => r.cidr)),
    })))
    indexes.set(part, index)
  }
  const parsed = parseIp(ip)
  return parsed === null ? [] : [...matchIpRanges(index, parsed).lists]
}

describe('buildWorld geography', () => {
  const world = buildWorld(3, SHOP, CATALOG, 2_000, 60)

  it('puts every customer\'s home line in the customer\'s country', () => {
    for (const c of world.customers) expect(countriesOf(c.homeIp, 'residentialV4').concat(countriesOf(c.homeIp, 'residentialV6'))).toEqual([c.country])
    expect(new Set(world.customers.map((c) => c.country))).toEqual(new Set(COUNTRIES))
  })

  it('keeps a carrier NAT pool per country, each address on that country\'s mobile networks', () => {
    for (const country of COUNTRIES) {
      const pool = world.cgnatPools[country]
      expect(pool.length).toBeGreaterThanOrEqual(2)
      for (const ip of pool) expect(countriesOf(ip, 'mobileV4').concat(countriesOf(ip, 'mobileV6'))).toEqual([country])
      expect(world.customersIn[country].every((c) => c.country === country)).toBe(true)
    }
    expect(COUNTRIES.reduce((n, c) => n + world.customersIn[c].length, 0)).toBe(world.customers.length)
  })
})

describe('where simulated customers sign in from', () => {
  const STYLE = 'pages_mean: 4, think_seconds: 10, cart_rate: 0.3, checkout_rate: 0.6, typo_rate: 0.1, reset_rate: 0.01, coupon_rate: 0, register_rate: 0.2, mfa_share: 0.1, review_rate: 0.05'
  const APP = 'screens_mean: 3, think_seconds: 10, poll_seconds: 30, idle_share: 0, idle_minutes: 5, cart_rate: 0.2'
  const config = resolveSimConfig(`shop: { host: shop.example, products: 500, first_product_id: 1001, customers: 300, ipv6_share: 0.2, mobile_share: 0.6, peak_hour_utc: 12 }
populations:
  shoppers: { generator: shoppers, kind: benign, description: d, knobs: { visits_per_hour: 300, returning_share: 0.6, cgnat_share: 0.5, ${STYLE} } }
  office: { generator: office, kind: benign, description: d, knobs: { people: 30, visits_per_hour: 40, ${STYLE} } }
  family: { generator: family-device, kind: benign, description: d, knobs: { members: 4, visits_per_hour: 6, ${STYLE} } }
  app: { generator: app-clients, kind: benign, description: d, knobs: { sessions_per_hour: 60, cgnat_share: 0.8, ${APP} } }
  nat: { generator: carrier-nat, kind: benign, description: d, knobs: { visits_per_hour: 80, app_share: 0.3, returning_share: 0.6, ${STYLE}, screens_mean: 3, poll_seconds: 30, idle_share: 0, idle_minutes: 5 } }
  travellers: { generator: travellers, kind: benign, description: d, window: [0, 0.5], knobs: { customers: 12, journey_hours: 3, ${STYLE} } }
`)
  const sim = new ShopSimulation(config, { seed: 11, hours: 8, scale: 1 })
  const world = buildWorld(11, { host: 'shop.example', ipv6Share: 0.2, mobileShare: 0.6, peakHourUtc: 12 }, { firstProductId: 1001, products: 500, urls: 'path' }, 300, 60)
  const countryOf = new Map<string, string>(world.customers.map((c) => [c.id, c.country]))
  /** Per account, the country and time of each of its events (logins and the app's calls), in time order. */
  const seen = new Map<string, Array<{ ts: number; country: string | undefined; login: boolean }>>()
  for (const l of sim.lines()) {
    if (l.file !== 'events') continue
    const e = JSON.parse(l.text) as Record<string, string>
    const id = e['user.id']
    if (id === undefined) continue
    const list = seen.get(id) ?? []
    list.push({ ts: Date.parse(e['@timestamp'] ?? ''), country: countriesOf(e['source.ip'] ?? '', 'any')[0], login: e['event.action'] === 'account.login' })
    seen.set(id, list)
  }
  // A traveller's account is their own (no other population picks it): home is where the trip starts.
  for (const [id, pops] of Object.entries(sim.labels().entities.account)) {
    const first = seen.get(id)?.[0]?.country
    if (pops.includes('travellers') && first !== undefined) countryOf.set(id, first)
  }

  it('every customer acts from their own country, unless on a trip of hours', () => {
    let logins = 0
    let abroad = 0
    for (const [id, events] of seen) {
      if (!countryOf.has(id)) continue
      let lastHome = -Infinity
      for (const e of events) {
        if (e.login) logins++
        if (e.country === countryOf.get(id)) {
          lastHome = e.ts
          continue
        }
        abroad++
        expect(e.country).toBeDefined()
        expect(e.ts - lastHome).toBeGreaterThanOrEqual(3 * 3_600_000)
      }
    }
    expect(logins).toBeGreaterThan(100)
    // The travellers who landed before the run's end signed in abroad.
    expect(abroad).toBeGreaterThan(0)
  })
})
