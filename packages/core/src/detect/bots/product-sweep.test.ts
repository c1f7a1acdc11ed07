import { describe, expect, it } from 'vitest'
import { createProductSweepDetector } from './product-sweep.ts'
import { CHROME_JA4, CHROME_UA, GOOGLE, prng, req, run, shoppers, SHOP, T0, testConfig } from './fixtures/traffic.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { Detection } from '../../events/detection.ts'

const sweep = () => [createProductSweepDetector(testConfig())]
const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

interface VisitOptions {
  ip: string
  start: number
  /** Pages opened straight (from the address bar, a search result or an e-mail), each with `referrer`. */
  landings: string[]
  referrer: string | null
  session: string
  device?: string | null
  ua?: string
  /** Pages followed from the last landing, each with the page before as referrer. */
  then?: string[]
  rand: () => number
}

/** A rendering browser's visit: no cookie on the first request, assets after each page. */
function visit(o: VisitOptions): HttpEvent[] {
  const out: HttpEvent[] = []
  const base = { source_ip: o.ip, user_agent_original: o.ua ?? CHROME_UA, device_id: o.device ?? null }
  let t = o.start
  let session: string | null = null
  let previous: string | null = null
  const pages = [...o.landings.map((p) => ({ p, ref: o.referrer })), ...(o.then ?? []).map((p) => ({ p, ref: null }))]
  for (const { p, ref } of pages) {
    const q = p.indexOf('?')
    const [path, query] = q < 0 ? [p, null] : [p.slice(0, q), p.slice(q + 1)]
    const referrer = o.landings.includes(p) ? ref : `${SHOP}${previous ?? '/'}`
    out.push(req({ ...base, ts: t, url_path: path, url_query: query, url_original: p, http_request_referrer: referrer, session_id: session }))
    session = o.session
    for (const a of ['/static/app.js', '/static/app.css', `/img/p${Math.floor(o.rand() * 50)}.webp`]) {
      t += 30 + Math.floor(o.rand() * 200)
      out.push(req({ ...base, ts: t, url_path: a, http_request_referrer: `${SHOP}${p}`, session_id: session }))
    }
    previous = p
    t += (8 + o.rand() * 14) * 1000
  }
  return out
}

/**
 * A farm fed from the sitemap: `workers` workers, each a Chrome build, take the next 1–`perVisit`
 * product URLs of one queue per visit, on a fresh context and address, and open each directly.
 */
function farm(o: { workers: number; products: number; firstId?: number; perVisit?: number; seed: number; stableDevice?: boolean; ua?: string; path?: (id: number) => string }): HttpEvent[] {
  const rand = prng(o.seed)
  const out: HttpEvent[] = []
  const path = o.path ?? ((id: number) => `/product/${id}`)
  let next = o.firstId ?? 20_001
  const end = next + o.products
  const free = Array.from({ length: o.workers }, (_, w) => T0 + 60_000 + w * 4_000)
  for (let v = 0; next < end; v++) {
    // The worker free soonest takes the next URLs.
    let w = 0
    for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[w] ?? 0)) w = i
    const take = 1 + Math.floor(rand() * (o.perVisit ?? 5))
    const ids: number[] = []
    while (ids.length < take && next < end) ids.push(next++)
    const events = visit({
      ip: `81.${o.seed}.${v % 250}.${10 + Math.floor(rand() * 200)}`,
      start: free[w] ?? T0,
      landings: ids.map(path),
      referrer: rand() < 0.3 ? GOOGLE : null,
      session: `farm-${o.seed}-${v}`,
      device: o.stableDevice === true ? `dev-farm-${o.seed}-${w}` : `dev-${o.seed}-${v}`,
      ua: o.ua ?? CHROME_UA,
      rand,
    })
    out.push(...events)
    free[w] = (events[events.length - 1]?.ts ?? T0) + 10_000 + Math.floor(rand() * 30_000)
  }
  return out
}

/** Products in order of popularity: a shuffled catalogue, so popular ones are anywhere in the ids. */
function byPopularity(rand: () => number, first: number, n: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => first + i)
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[ids[i], ids[j]] = [ids[j] ?? 0, ids[i] ?? 0]
  }
  return ids
}

/** `n` people landing on products from outside, one every `everyMs`; half leave after the landing, half browse on. */
function landings(o: { n: number; everyMs: number; pick: (rand: () => number) => number; referrer: (i: number) => string | null; seed: number; ua?: string; query?: string }): HttpEvent[] {
  const rand = prng(o.seed)
  const out: HttpEvent[] = []
  for (let i = 0; i < o.n; i++) {
    const product = `/product/${o.pick(rand)}${o.query ?? ''}`
    const browses = rand() < 0.5
    out.push(...visit({ ip: `203.${o.seed}.${Math.floor(i / 250)}.${1 + (i % 250)}`, start: T0 + 30_000 + i * o.everyMs, landings: [product], referrer: o.referrer(i), session: `p${o.seed}-${i}`, ua: o.ua ?? CHROME_UA, ...(browses ? { then: ['/c/bags', `/product/${o.pick(rand)}`] } : {}), rand }))
  }
  return out
}

const ofType = (found: Detection[], type: string) => found.filter((d) => d.entity.type === type)

describe('bot.product_sweep', () => {
  it('flags a browser build whose landings climb the catalogue from address after address, and each address, session and device', () => {
    const found = run(sweep(), shoppers(30, 1), farm({ workers: 1, products: 60, seed: 3, stableDevice: true }))
    const actor = ofType(found, 'actor')[0]
    expect(actor?.entity.value).toBe(`ja4=${CHROME_JA4} ua=${CHROME_UA}`)
    expect(actor?.threat).toBe('OAT-011')
    expect(actor?.explanation).toMatch(/^one browser build sweeping the catalogue as a sitemap queue does: 60 landings straight on \/product\/\{n\} ids 20001-20060 in catalogue order, none twice, from \d+ addresses in \d+ min$/)
    const visits = new Set(found.filter((d) => d.entity.type === 'session').map((d) => d.entity.value))
    const ips = ofType(found, 'ip')
    expect(ips.length).toBeGreaterThan(15)
    expect(visits.size).toBe(ips.length)
    expect(ofType(found, 'device').map((d) => d.entity.value)).toEqual(['dev-farm-3-0'])
    expect(ips[0]?.explanation).toMatch(/^one of \d+ addresses of one browser build that made \d+ landings straight on \/product\/\{n\} ids 20001-/)
  })

  it('follows a farm of many workers on one build, and a query-string catalogue', () => {
    const found = run(sweep(), shoppers(30, 2), farm({ workers: 12, products: 400, seed: 4, path: (id) => `/index.php?route=product/product&product_id=${id}` }))
    expect(ofType(found, 'actor')[0]?.explanation).toContain('landings straight on /index.php?route=product/product&product_id={n} ids 20')
    expect(ofType(found, 'ip').length).toBeGreaterThan(100)
  })

  it('leaves a sweep shorter than minSteps alone', () => {
    expect(run(sweep(), shoppers(30, 3), farm({ workers: 1, products: 9, perVisit: 1, seed: 5 }))).toEqual([])
  })

  it('leaves an address whose visit went on through the shop alone, even on the farm build, in the sweep', () => {
    const rand = prng(9)
    const farmer = farm({ workers: 1, products: 40, perVisit: 1, seed: 6, firstId: 30_001 })
    // Right after the farm's tenth landing, someone on the same build lands on the next product from Google, then browses.
    const tenth = farmer.filter((e) => e.url_path?.startsWith('/product/') === true && e.http_request_referrer?.startsWith(SHOP) !== true)[9]
    const person = visit({ ip: '203.0.113.50', start: (tenth?.ts ?? T0) + 1_000, landings: ['/product/30011'], referrer: GOOGLE, session: 'reader', then: ['/c/bags', '/product/31000'], rand })
    const found = run(sweep(), shoppers(30, 6), farmer, person)
    expect(ofType(found, 'actor')).toHaveLength(1)
    expect(ofType(found, 'ip').length).toBeGreaterThan(30)
    expect(found.some((d) => d.entity.value === '203.0.113.50' || d.entity.value === 'reader')).toBe(false)
  })

  it('leaves 3,000 Google landings an hour on popular and long-tail products, one build, alone', () => {
    // The shop's catalogue, ids 1000-5999, as the background shoppers browse it.
    const popular = byPopularity(prng(11), 1_000, 5_000)
    const found = run(sweep(), shoppers(30, 7), landings({ n: 3_000, everyMs: 1_200, seed: 7, referrer: (i) => (i % 4 === 0 ? null : GOOGLE), pick: (r) => popular[Math.floor(5_000 * r() ** 2.5)] ?? 1_000 }))
    expect(found).toEqual([])
  })

  it('leaves 3,000 landings an hour spread evenly over the catalogue, one build, alone', () => {
    const found = run(sweep(), shoppers(30, 8), landings({ n: 3_000, everyMs: 1_200, seed: 8, referrer: () => GOOGLE, pick: (r) => 1_000 + Math.floor(r() * 5_000) }))
    expect(found).toEqual([])
  })

  it('leaves a marketing e-mail sending 500 people to 40 consecutive new products in 10 minutes alone', () => {
    const found = run(sweep(), shoppers(30, 9), landings({ n: 500, everyMs: 1_200, seed: 9, referrer: () => null, query: '?utm_source=newsletter&utm_medium=email', pick: (r) => 24_000 + Math.floor(r() * 40) }))
    expect(found).toEqual([])
  })

  it('leaves a price-comparison site sending people to long-tail products alone', () => {
    // The 800 products of the shop's feed the comparison site lists, anywhere in the catalogue.
    const listed = byPopularity(prng(13), 1_000, 5_000).slice(0, 800)
    const found = run(sweep(), shoppers(30, 10), landings({ n: 300, everyMs: 10_000, seed: 10, referrer: (i) => `https://www.idealo.example/preisvergleich/OffersOfProduct/${i}`, pick: (r) => listed[Math.floor(r() * 800)] ?? 1_000 }))
    expect(found).toEqual([])
  })

  it('leaves a carrier NAT address with many people landing on products alone', () => {
    const rand = prng(12)
    const people = Array.from({ length: 200 }, (_, i) => visit({ ip: '100.64.0.1', start: T0 + 30_000 + i * 9_000, landings: [`/product/${20_001 + i * 3}`], referrer: GOOGLE, session: `n${i}`, rand }))
    expect(run(sweep(), shoppers(30, 11), ...people)).toEqual([])
  })

  it('leaves Googlebot crawling products in id order from many addresses alone', () => {
    // As enrichment names it from its user agent.
    const crawl = farm({ workers: 3, products: 200, seed: 13, ua: GOOGLEBOT_UA }).map((e) => ({ ...e, user_agent_bot_name: 'Googlebot' }))
    const found = run(sweep(), shoppers(30, 12), crawl)
    expect(found).toEqual([])
  })

  it('rejects a sweep that would need more addresses than landings', () => {
    expect(() => testConfig({ productSweep: { minSteps: 4, minAddresses: 5 } })).toThrow(/minAddresses cannot exceed minSteps/)
  })
})
