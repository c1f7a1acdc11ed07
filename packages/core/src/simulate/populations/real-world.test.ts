import { describe, expect, it } from 'vitest'
import { resolveSimConfig } from '../config.ts'
import { ShopSimulation } from '../simulate.ts'

const SHOP = `shop: { host: shop.example, products: 500, first_product_id: 1001, customers: 200, ipv6_share: 0, mobile_share: 0.5, peak_hour_utc: 12 }`
const STYLE = 'returning_share: 0.4, pages_mean: 20, think_seconds: 5, cart_rate: 0.1, checkout_rate: 0.4, typo_rate: 0, reset_rate: 0, coupon_rate: 0, register_rate: 0, mfa_share: 0, review_rate: 0'
const APP = 'screens_mean: 6, think_seconds: 10, poll_seconds: 30, idle_share: 1, idle_minutes: 20, cart_rate: 0.1'

/** The access-log lines one population writes in an hour, as [ip, method, target, referrer, ua]. */
function linesOf(population: string): string[][] {
  const config = resolveSimConfig(`${SHOP}
populations:
  facet: { generator: facet-shoppers, kind: benign, description: d, knobs: { visits_per_hour: 30, exits: 2, vpn_share: 0.5, ${STYLE} } }
  app: { generator: app-clients, kind: benign, description: d, knobs: { sessions_per_hour: 20, cgnat_share: 1, ${APP} } }
  nat: { generator: carrier-nat, kind: benign, description: d, knobs: { visits_per_hour: 200, app_share: 0.3, ${STYLE}, screens_mean: 6, poll_seconds: 30, idle_share: 0.2, idle_minutes: 20 } }
  proxy: { generator: browser-proxy-scraper, kind: attack, class: OAT-011, description: d, knobs: { workers: 3, ips: 50, pages_per_session: 5, think_seconds: 9, stable_fingerprint: 1 } }
  sitemap: { generator: sitemap-farm, kind: attack, class: OAT-011, description: d, knobs: { workers: 4, ips: 2000, products_per_visit: 5, think_seconds: 12, google_share: 0.3, warm_cache_share: 0.2, stable_fingerprint: 1 } }
`)
  const sim = new ShopSimulation(config, { seed: 5, hours: 1, scale: 1 })
  const out: string[][] = []
  for (const l of sim.lines()) {
    if (l.file !== 'access') continue
    const m = /^(\S+) - - \[[^\]]+\] "(\S+) (\S+) [^"]+" \d+ \d+ "([^"]*)" "([^"]*)"/.exec(l.text)
    if (m !== null) out.push(m.slice(1))
  }
  const labels = sim.labels()
  return out.filter(([ip]) => labels.entities.ip[ip ?? '']?.includes(population) === true && labels.entities.ip[ip ?? '']?.length === 1)
}

describe('real-world populations', () => {
  it('facet shoppers read many distinct filtered listings of one category', () => {
    const targets = linesOf('facet').map((l) => l[2] ?? '')
    expect(targets.some((t) => t.includes('price_min=') && t.includes('price_max='))).toBe(true)
    expect(targets.some((t) => /[?&]color=/.test(t) && /[?&]page=\d/.test(t))).toBe(true)
  })

  it('app clients call only JSON APIs, without referrer, and poll on a timer', () => {
    const lines = linesOf('app')
    expect(lines.length).toBeGreaterThan(100)
    for (const [, , target, referrer, ua] of lines) {
      expect(target?.startsWith('/api/v2/')).toBe(true)
      expect(referrer).toBe('-')
      expect(ua).toMatch(/^(ShopApp\/|okhttp\/)/)
    }
    expect(lines.filter((l) => l[2] === '/api/v2/notifications/unread').length).toBeGreaterThan(lines.length / 5)
  })

  it('a carrier NAT puts hundreds of visits on one address', () => {
    const lines = linesOf('nat')
    expect(new Set(lines.map((l) => l[0])).size).toBe(1)
    expect(lines.length).toBeGreaterThan(1_000)
  })

  it('the browser-driving scraper leaves only a few pages on each proxy address', () => {
    const pagesByIp = new Map<string, number>()
    for (const [ip, , target] of linesOf('proxy')) {
      if (target?.startsWith('/p/') === true || target?.startsWith('/c/') === true) pagesByIp.set(ip ?? '', (pagesByIp.get(ip ?? '') ?? 0) + 1)
    }
    expect(pagesByIp.size).toBeGreaterThan(20)
    const median = [...pagesByIp.values()].sort((a, b) => a - b)[Math.floor(pagesByIp.size / 2)] ?? 0
    expect(median).toBeLessThanOrEqual(10)
  })

  it('the sitemap farm reads the sitemap once, then lands on each product once, in sitemap order, from many addresses', () => {
    const lines = linesOf('sitemap')
    expect(lines.filter((l) => l[2]?.startsWith('/sitemap') === true).length).toBe(2)
    const products = lines.filter((l) => l[2]?.startsWith('/p/') === true)
    const ids = products.map((l) => Number(l[2]?.slice(3)))
    expect(ids.length).toBeGreaterThan(200)
    expect(new Set(ids).size).toBe(ids.length)
    // The queue hands out ids in order: every product from the first on, none skipped.
    expect([...ids].sort((a, b) => a - b)).toEqual(ids.map((_, i) => 1001 + i).sort((a, b) => a - b))
    for (const [, , , referrer] of products) expect(['-', 'https://www.google.com/']).toContain(referrer)
    const perIp = new Map<string, number>()
    for (const [ip] of products) perIp.set(ip ?? '', (perIp.get(ip ?? '') ?? 0) + 1)
    expect(perIp.size).toBeGreaterThan(ids.length / 5)
    // Assets and images come with the pages, as a browser loads them.
    expect(lines.some((l) => l[2]?.startsWith('/img/p/') === true)).toBe(true)
  })
})
