import { describe, expect, it } from 'vitest'
import { createListingWalkDetector, listingPageOf } from './listing-walk.ts'
import { CHROME_JA4, CHROME_UA, GOOGLE, prng, req, run, shoppers, SHOP, T0, testConfig } from './fixtures/traffic.ts'
import type { HttpEvent } from '../../events/http-event.ts'

const walk = () => [createListingWalkDetector(testConfig())]
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36'

interface VisitOptions {
  ip: string
  start: number
  /** The page the visit enters on. */
  entry: string
  referrer: string | null
  session: string
  device?: string | null
  ua?: string
  /** Pages after the entry, each opened from the one before (products, or `next` listing pages). */
  then: string[]
  rand: () => number
}

/** A rendering browser's visit: the entry page (no cookie yet), its assets, then pages followed from it. */
function visit(o: VisitOptions): HttpEvent[] {
  const out: HttpEvent[] = []
  const base = { source_ip: o.ip, user_agent_original: o.ua ?? CHROME_UA, device_id: o.device ?? null }
  let t = o.start
  let referrer = o.referrer
  let session: string | null = null
  for (const page of [o.entry, ...o.then]) {
    const q = page.indexOf('?')
    const [path, query] = q < 0 ? [page, undefined] : [page.slice(0, q), page.slice(q + 1)]
    out.push(req({ ...base, ts: t, url_path: path ?? page, url_query: query ?? null, url_original: page, http_request_referrer: referrer, session_id: session }))
    session = o.session
    for (const a of ['/static/app.js', '/static/app.css', `/img/p${Math.floor(o.rand() * 50)}.webp`]) {
      t += 30 + Math.floor(o.rand() * 200)
      out.push(req({ ...base, ts: t, url_path: a, http_request_referrer: `${SHOP}${page}`, session_id: session }))
    }
    referrer = `${SHOP}${page}`
    t += (6 + o.rand() * 12) * 1000
  }
  return out
}

function products(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => `/product/${1000 + Math.floor(rand() * 5000)}`)
}

/**
 * A farm worker: one Chrome build, a fresh context and residential address per visit, each
 * visit entering on the next page of one listing (half of them from Google), then products.
 */
function farmWorker(o: { pages: number; firstPage?: number; listing?: string; stableDevice: boolean; seed: number; start?: number }): HttpEvent[] {
  const rand = prng(o.seed)
  const out: HttpEvent[] = []
  let t = o.start ?? T0 + 60_000
  for (let i = 0; i < o.pages; i++) {
    const page = (o.firstPage ?? 2) + i
    const ip = `81.${o.seed}.${i}.${10 + Math.floor(rand() * 200)}`
    const v = visit({ ip, start: t, entry: `${o.listing ?? '/c/bags'}${o.listing?.includes('?') === true ? '&' : '?'}page=${page}`, referrer: rand() < 0.5 ? GOOGLE : null, session: `farm-${o.seed}-${i}`, device: o.stableDevice ? `dev-farm-${o.seed}` : `dev-${o.seed}-${i}`, then: products(rand, 2 + Math.floor(rand() * 4)), rand })
    out.push(...v)
    t = (v[v.length - 1]?.ts ?? t) + 15_000 + Math.floor(rand() * 30_000)
  }
  return out
}

describe('listingPageOf', () => {
  const names = new Set(['page', 'p'])
  it('splits the page number from the listing, keeping filters and search terms and dropping sorts', () => {
    expect(listingPageOf('/c/bags', 'page=3', names)).toEqual({ listing: '/c/bags', page: 3 })
    expect(listingPageOf('/index.php', 'route=product/category&path=23&sort=p.price&page=12', names)).toEqual({ listing: '/index.php?route=product/category&path=23', page: 12 })
    expect(listingPageOf('/search', 'q=red+shoes&p=2', names)).toEqual({ listing: '/search?q=red+shoes', page: 2 })
  })
  it('reads a page number in the path as WordPress and WooCommerce write it', () => {
    expect(listingPageOf('/product-category/shoes/page/3/', null, names)).toEqual({ listing: '/product-category/shoes', page: 3 })
    expect(listingPageOf('/page/2', 'orderby=price', names)).toEqual({ listing: '/', page: 2 })
    expect(listingPageOf('/blog/page/about-us/', null, names)).toBeNull()
    expect(listingPageOf('/c/page/3/reviews', null, names)).toBeNull()
  })
  it('names no page without an integer page parameter', () => {
    expect(listingPageOf('/c/bags', null, names)).toBeNull()
    expect(listingPageOf('/c/bags', 'color=red', names)).toBeNull()
    expect(listingPageOf('/c/bags', 'page=2abc', names)).toBeNull()
    expect(listingPageOf('/c/bags', 'page=', names)).toBeNull()
    expect(listingPageOf('/c/bags', 'page=12345678901234567890', names)).toBeNull()
  })
})

describe('bot.listing_walk', () => {
  it('rejects a walk that would need more addresses than steps', () => {
    expect(() => testConfig({ listingWalk: { minSteps: 4, minAddresses: 5 } })).toThrow(/minAddresses cannot exceed minSteps/)
    expect(testConfig({ listingWalk: { minSteps: 5, minAddresses: 5 } }).listingWalk.pageParams).toEqual(['page', 'p'])
  })

  it('flags a browser build whose visits enter page after page of one listing from new addresses, and each address, session and device', () => {
    const found = run(walk(), shoppers(30, 1), farmWorker({ pages: 20, stableDevice: true, seed: 3 }))
    const actor = found.find((d) => d.entity.type === 'actor')
    expect(actor?.entity.value).toBe(`ja4=${CHROME_JA4} ua=${CHROME_UA}`)
    expect(actor?.threat).toBe('OAT-011')
    expect(actor?.explanation).toMatch(/^a distributed walk of a listing by one browser build: \/c\/bags pages 2-21 entered one after another from 20 addresses in \d+ min, each visit entering at the next page with no referrer from the shop$/)
    expect(found.filter((d) => d.entity.type === 'ip')).toHaveLength(20)
    expect(found.filter((d) => d.entity.type === 'session')).toHaveLength(20)
    expect(found.filter((d) => d.entity.type === 'device').map((d) => d.entity.value)).toEqual(['dev-farm-3'])
    expect(found.find((d) => d.entity.type === 'ip')?.explanation).toMatch(/^one of \d+ addresses of one browser build walking \/c\/bags pages 2-\d+/)
  })

  it('flags each device of a farm that takes a new device id per visit, on a query-string catalogue', () => {
    const farm = farmWorker({ pages: 12, stableDevice: false, seed: 4, listing: '/index.php?route=product/category&path=23' })
    const found = run(walk(), shoppers(30, 2), farm)
    expect(found.filter((d) => d.entity.type === 'device')).toHaveLength(12)
    expect(found.find((d) => d.entity.type === 'actor')?.explanation).toContain('/index.php?route=product/category&path=23 pages 2-13')
  })

  it('leaves a walk shorter than minSteps alone', () => {
    expect(run(walk(), shoppers(30, 3), farmWorker({ pages: 7, stableDevice: true, seed: 5 }))).toEqual([])
  })

  it('leaves many people landing on page 2 of a listing from Google or a newsletter alone', () => {
    const rand = prng(11)
    const people = Array.from({ length: 60 }, (_, i) =>
      visit({ ip: `203.0.${i}.7`, start: T0 + 30_000 + i * 20_000, entry: i % 3 === 0 ? '/c/bags?page=2&utm_source=newsletter' : '/c/bags?page=2', referrer: i % 3 === 0 ? null : GOOGLE, session: `p${i}`, then: products(rand, 3), rand }),
    )
    expect(run(walk(), shoppers(30, 4), ...people)).toEqual([])
  })

  it('leaves a link to page 5 shared on a forum (many addresses, the same page) alone', () => {
    const rand = prng(12)
    const readers = Array.from({ length: 80 }, (_, i) =>
      visit({ ip: `198.18.${i}.${1 + (i % 200)}`, start: T0 + 30_000 + i * 9_000, entry: '/c/sale?page=5', referrer: i % 2 === 0 ? 'https://forum.example/t/deals/991' : null, session: `f${i}`, then: products(rand, 2), rand }),
    )
    expect(run(walk(), shoppers(30, 5), ...readers)).toEqual([])
  })

  it('leaves people landing on random deep pages of a listing from search, same browser build, alone', () => {
    const rand = prng(13)
    // 40 landings an hour on pages 2-9 of one listing: a popular category's long tail.
    const people = Array.from({ length: 40 }, (_, i) =>
      visit({ ip: `100.70.${i}.9`, start: T0 + 30_000 + i * 90_000, entry: `/c/jackets?page=${2 + Math.floor(rand() * 8)}`, referrer: GOOGLE, session: `r${i}`, then: products(rand, 2), rand }),
    )
    expect(run(walk(), shoppers(30, 6), ...people)).toEqual([])
  })

  it('leaves a crowd landing on deep pages of one listing in no order alone, however many addresses', () => {
    const rand = prng(16)
    // Two landings a minute on pages 2-40 of one listing, one browser build: never page after page.
    const crowd = Array.from({ length: 120 }, (_, i) =>
      visit({ ip: `100.71.${i}.3`, start: T0 + 30_000 + i * 30_000, entry: `/c/sale?page=${2 + Math.floor(rand() * 39)}`, referrer: GOOGLE, session: `d${i}`, then: products(rand, 1), rand }),
    )
    expect(run(walk(), shoppers(30, 11), ...crowd)).toEqual([])
  })

  it('leaves people paging through a listing in their own visits alone (the shop as referrer)', () => {
    const rand = prng(17)
    // Each enters on page 1 from Google and pages on; a new one starts every 20 s, so someone is always a page ahead.
    const readers = Array.from({ length: 150 }, (_, i) =>
      visit({ ip: `100.72.${i}.5`, start: T0 + 30_000 + i * 20_000, entry: '/c/bags', referrer: GOOGLE, session: `o${i}`, then: Array.from({ length: 8 }, (_, k) => `/c/bags?page=${k + 2}`), rand }),
    )
    expect(run(walk(), shoppers(30, 12), ...readers)).toEqual([])
  })

  it('tells the shop\'s own referrers from its pages where the log has no assets and no host (a CDN serves them)', () => {
    const pagesOnly = (events: HttpEvent[]): HttpEvent[] => events.filter((e) => !(e.url_path ?? '').startsWith('/static/') && !(e.url_path ?? '').startsWith('/img/'))
    const rand = prng(17)
    const readers = Array.from({ length: 150 }, (_, i) =>
      visit({ ip: `100.73.${i}.5`, start: T0 + 30_000 + i * 20_000, entry: '/c/bags', referrer: GOOGLE, session: `n${i}`, then: Array.from({ length: 8 }, (_, k) => `/c/bags?page=${k + 2}`), rand }),
    )
    expect(run(walk(), pagesOnly(shoppers(30, 13)), ...readers.map(pagesOnly))).toEqual([])
    const found = run(walk(), pagesOnly(shoppers(30, 14)), pagesOnly(farmWorker({ pages: 12, stableDevice: true, seed: 8 })))
    expect(found.filter((d) => d.entity.type === 'ip')).toHaveLength(12)
  })

  it('leaves people paging through a listing inside their visit alone, behind a carrier CGNAT and from a VPN exit', () => {
    const rand = prng(14)
    const pagers = Array.from({ length: 90 }, (_, i) => {
      const from = 1 + Math.floor(rand() * 3)
      const pages = Array.from({ length: 6 }, (_, k) => `/c/bags?page=${from + k + 1}`)
      // Ten carrier addresses shared by everyone, as a CGNAT pool is.
      return visit({ ip: `100.64.0.${i % 10}`, start: T0 + 30_000 + i * 15_000, entry: from === 1 ? '/c/bags' : `/c/bags?page=${from}`, referrer: GOOGLE, session: `c${i}`, ua: ANDROID_UA, then: pages, rand })
    })
    // Facet shopping through filtered pages from one VPN exit, the referrer stripped by a privacy setting.
    const facets = Array.from({ length: 3 }, (_, i) =>
      visit({ ip: '185.220.101.4', start: T0 + 60_000 + i * 400_000, entry: '/c/shoes?color=black', referrer: null, session: `v${i}`, then: Array.from({ length: 12 }, (_, k) => `/c/shoes?color=black&size=42&page=${k + 2}`), rand }).map((e) => ({ ...e, http_request_referrer: null })),
    )
    expect(run(walk(), shoppers(30, 7), ...pagers, ...facets)).toEqual([])
  })

  it('leaves a family device paging a listing from home Wi-Fi and the carrier alone (two addresses)', () => {
    const rand = prng(15)
    const visits = Array.from({ length: 14 }, (_, i) =>
      visit({ ip: i % 2 === 0 ? '86.12.40.3' : '100.64.9.77', start: T0 + 30_000 + i * 70_000, entry: `/c/kids?page=${i + 2}`, referrer: null, session: `fam${i}`, device: 'dev-family', then: products(rand, 1), rand }),
    )
    expect(run(walk(), shoppers(30, 8), ...visits)).toEqual([])
  })

  it("leaves the shop's app paging its JSON API from many carrier addresses alone", () => {
    const app = Array.from({ length: 200 }, (_, i) =>
      req({ ts: T0 + 30_000 + i * 3_000, source_ip: `100.65.${i % 50}.${i % 7}`, url_path: '/api/products', url_query: `category=bags&page=${2 + (i % 30)}`, user_agent_original: 'okhttp/4.12.0', tls_client_ja4: null, session_id: `app${i % 50}` }),
    )
    expect(run(walk(), shoppers(30, 9), app)).toEqual([])
  })

  it('skips declared crawlers, which page through listings from many addresses openly', () => {
    const farm = farmWorker({ pages: 20, stableDevice: true, seed: 6 }).map((e) => ({ ...e, user_agent_original: 'Mozilla/5.0 (compatible; bingbot/2.0)', user_agent_bot_name: 'bingbot', user_agent_bot_kind: 'crawler' }))
    expect(run(walk(), shoppers(30, 10), farm)).toEqual([])
  })
})
