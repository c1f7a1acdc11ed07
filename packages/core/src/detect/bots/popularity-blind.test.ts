import { describe, expect, it } from 'vitest'
import type { Detection } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { createPopularityBlindDetector, POPULARITY_BLIND_ID, quantile } from './popularity-blind.ts'
import { CHROME_UA, FIREFOX_UA, GOOGLE, prng, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const MIN = 60_000
const CATALOG = 500
const detector = (overrides: Record<string, unknown> = {}) => [createPopularityBlindDetector(testConfig(overrides))]

interface VisitPlan {
  ip: string
  ts: number
  landing: string
  referrer: string | null
  products: readonly number[]
  ua?: string
  session?: string
  /** Puts the second product in the cart: an action. */
  buy?: boolean
  gapMs?: number
}

/** A rendered visit: the landing page, then each product from the page before, every page followed by its script. */
function visit(o: VisitPlan): HttpEvent[] {
  const base = { source_ip: o.ip, user_agent_original: o.ua ?? CHROME_UA, session_id: o.session ?? null }
  const out: HttpEvent[] = []
  let t = o.ts
  let prev = o.landing
  const page = (path: string, referrer: string | null) => {
    out.push(req({ ...base, ts: t, url_path: path, http_request_referrer: referrer }))
    out.push(req({ ...base, ts: t + 400, url_path: '/static/app.js', http_request_referrer: `${SHOP}${path}` }))
  }
  page(o.landing, o.referrer)
  o.products.forEach((n, i) => {
    t += o.gapMs ?? 15_000
    const path = `/product/p${n}`
    page(path, `${SHOP}${prev}`)
    if (o.buy === true && i === 1) out.push(req({ ...base, ts: t + 2_000, url_path: '/cart/add', http_request_method: 'POST', http_request_referrer: `${SHOP}${path}` }))
    prev = path
  })
  return out
}

/** A product as people choose them: the best sellers far more often than the rest. */
const popular = (rand: () => number): number => Math.floor(CATALOG * rand() ** 4)

/**
 * The shop's people for `minutes`: each minute `buyers` visits that land on the home page or a
 * category with no referrer and put something in the cart, and `readers` that land on a category (from a search engine, or with no
 * referrer) and only read, all choosing products by popularity.
 */
function people(minutes: number, seed: number, buyers = 3, readers = 2): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  let n = 0
  for (let m = 0; m < minutes; m++) {
    for (let i = 0; i < buyers + readers; i++) {
      const buy = i < buyers
      const products = Array.from({ length: buy ? 3 + Math.floor(rand() * 3) : 5 + Math.floor(rand() * 3) }, () => popular(rand))
      out.push(
        ...visit({
          ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          ts: T0 + m * MIN + i * 7_000,
          landing: buy && rand() < 0.5 ? '/' : `/category/c${Math.floor(rand() * 12)}`,
          // Most readers arrive from a search engine, a few type the address or follow a bookmark.
          referrer: buy ? null : rand() < 0.9 ? GOOGLE : null,
          products,
          buy,
          ua: rand() < 0.5 ? CHROME_UA : FIREFOX_UA,
        }),
      )
      n++
    }
  }
  return out
}

/**
 * A real-browser farm from `from` minutes on: a visit a minute from a new residential address,
 * landing on the lamps listing with no referrer and reading six products of the
 * catalogue's tail in queue order, each once, at a person's pace.
 */
function farm(from: number, visits: number, firstProduct = 300): HttpEvent[] {
  const out: HttpEvent[] = []
  for (let v = 0; v < visits; v++) {
    const products = Array.from({ length: 6 }, (_, i) => firstProduct + v * 6 + i)
    out.push(...visit({ ip: `203.0.113.${v + 1}`, session: `farm-${v}`, ts: T0 + (from + v) * MIN + 30_000, landing: '/category/lamps', referrer: null, products, gapMs: 12_000 }))
  }
  return out
}

const named = (ds: Detection[], type: string) => ds.filter((d) => d.detector === POPULARITY_BLIND_ID && d.entity.type === type).map((d) => d.entity.value)

describe('bot.popularity_blind', () => {
  it('names the addresses and cookies of a farm reading the catalogue tail from one landing page, and no person', () => {
    const ds = run(detector(), people(120, 1), farm(40, 40))
    const ips = named(ds, 'ip')
    expect(ips.filter((ip) => ip.startsWith('203.0.113.')).length).toBeGreaterThanOrEqual(30)
    expect(ips.filter((ip) => !ip.startsWith('203.0.113.'))).toEqual([])
    expect(named(ds, 'session').every((s) => s.startsWith('farm-'))).toBe(true)
    const cohort = ds.find((d) => d.entity.type === 'actor')
    expect(cohort?.entity.value).toBe('popularity_blind landing=/category/ from=none')
    expect(cohort?.threat).toBe('OAT-011')
    const member = ds.find((d) => d.entity.type === 'ip' && d.entity.value === '203.0.113.20')
    expect(member?.explanation).toMatch(/^7 pages from \/category\/lamps that the shop's buyers and searchers read 0\.\d\d× as often as an average page \(geometric mean\), below the \d\.\d\d× that 99\.5% of their visits reach; \d+ of \d+ visits landing on \/category\/ with no referrer in 120 min that only read/)
  })

  it('names no one for a farm that reads the best sellers as people do', () => {
    const rand = prng(9)
    const out: HttpEvent[] = []
    for (let v = 0; v < 40; v++) {
      const products = Array.from({ length: 6 }, () => popular(rand))
      out.push(...visit({ ip: `203.0.113.${v + 1}`, ts: T0 + (40 + v) * MIN + 30_000, landing: '/category/lamps', referrer: null, products }))
    }
    expect(named(run(detector(), people(120, 2), out), 'ip')).toEqual([])
  })

  it("leaves a sale alone: everyone reads the same new item from the catalogue's tail, and some buy it", () => {
    const rand = prng(3)
    const sale: HttpEvent[] = []
    for (let v = 0; v < 60; v++) {
      // The new item (never read before the sale) first, then what people usually read.
      const products = [CATALOG - 1, ...Array.from({ length: 5 }, () => popular(rand))]
      sale.push(...visit({ ip: `192.0.2.${v + 1}`, ts: T0 + (40 + v) * MIN + 20_000, landing: '/category/lamps', referrer: GOOGLE, products, buy: v % 3 === 0 }))
    }
    expect(named(run(detector(), people(120, 3), sale), 'ip')).toEqual([])
  })

  it('leaves alone a collector reading a whole category and a gift shopper reading ten products from a search', () => {
    const collector = visit({ ip: '192.0.2.7', ts: T0 + 60 * MIN, landing: '/category/lamps', referrer: GOOGLE, products: Array.from({ length: 30 }, (_, i) => 400 + i), gapMs: 40_000 })
    const gift = visit({ ip: '192.0.2.8', ts: T0 + 70 * MIN, landing: '/category/lamps', referrer: GOOGLE, products: Array.from({ length: 10 }, (_, i) => 450 + i * 3) })
    expect(named(run(detector(), people(120, 4), collector, gift), 'ip')).toEqual([])
  })

  it("stands down on a small shop whose shoppers' visits are too few to know its popularity curve", () => {
    // One buyer every other minute: 60 visits in two hours, under the 100 that say what people read.
    const rand = prng(5)
    const few: HttpEvent[] = []
    for (let m = 0; m < 120; m += 2) {
      few.push(...visit({ ip: `10.0.0.${m + 1}`, ts: T0 + m * MIN, landing: '/', referrer: null, products: [popular(rand), popular(rand), popular(rand)], buy: true }))
    }
    expect(named(run(detector(), few, farm(40, 40)), 'ip')).toEqual([])
    // The same farm beside enough shoppers is found: the silence above is the thin curve's.
    expect(named(run(detector(), people(120, 5), farm(40, 40)), 'ip').length).toBeGreaterThan(0)
  })

  it('counts a landing page only while its off-curve visits are many addresses: one address reading the tail again and again is not a farm', () => {
    const out: HttpEvent[] = []
    for (let v = 0; v < 20; v++) {
      out.push(...visit({ ip: '203.0.113.99', ts: T0 + (40 + 3 * v) * MIN, landing: '/category/lamps', referrer: null, products: Array.from({ length: 6 }, (_, i) => 300 + v * 6 + i) }))
    }
    expect(named(run(detector(), people(120, 6), out), 'ip')).toEqual([])
  })

  it('rejects a member bar above the cohort bar', () => {
    expect(() => testConfig({ popularityBlind: { referenceQuantile: 0.05, memberQuantile: 0.1 } })).toThrow(/memberQuantile/)
  })
})

describe('quantile', () => {
  it('reads the value below which the given share of scores lie', () => {
    expect(quantile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 0.1)).toBe(2)
    expect(quantile([3, 1, 2], 0)).toBe(1)
    expect(quantile([3, 1, 2], 0.99)).toBe(3)
  })
})
