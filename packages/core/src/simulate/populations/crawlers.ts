/**
 * Crawlers and scrapers: verified search engines from their published ranges, and the
 * scrapers that copy the catalogue (fake Googlebot, naive, proxy-rotating, headless, browser
 * farms walking listings or a sitemap).
 * @module
 */
import { CATEGORIES, listingPath, productId, productPath } from '../catalog.ts'
import {
  AUTOMATION_UAS,
  BINGBOT_UA,
  GOOGLEBOT_SMARTPHONE_UA,
  GOOGLEBOT_UA,
  JA4,
  browserOf,
  deviceId,
  sessionId,
  toolBrowser,
} from '../clients.ts'
import type { Actor } from '../emission.ts'
import { BINGBOT_V4, GOOGLEBOT_V4, type NetRange, datacenterIp, ipIn, residentialIp } from '../net.ts'
import type { Rng } from '../prng.ts'
import { Visit } from '../visit.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, spawnPoisson, spawnSpread, visitOf } from './context.ts'
import { browseStep, listingIds } from './shop-flows.ts'

function crawlTarget(ctx: PopulationContext, rng: Rng): string {
  const roll = rng.next()
  if (roll < 0.7) return productPath(ctx.world.catalog, productId(ctx.world.catalog, rng))
  if (roll < 0.9) return listingPath(ctx.world.catalog, rng.pick(['sneakers', 'jackets', 'bags', 'sale', 'kids', 'outdoor']), rng.int(1, 12))
  return '/'
}

/** A verified search-engine crawler: robots.txt first, then pages at a polite pace. */
function verifiedCrawler(ranges: readonly NetRange[], uas: readonly string[], ja4: string): PopulationGenerator {
  return (ctx) => {
    const pool: string[] = []
    const poolRng = rngOf(ctx, 'pool')
    for (let i = 0; i < knob(ctx, 'ips'); i++) pool.push(ipIn(poolRng.pick(ranges), poolRng))
    const fetchedRobots = new Set<string>()
    return spawnPoisson(ctx, knob(ctx, 'crawls_per_hour') * ctx.scale, (ts, i) => {
      const rng = rngOf(ctx, `c${i}`)
      const ip = rng.pick(pool)
      const v = visitOf(ctx, ts, rng, { ip, ua: rng.pick(uas), ja4, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
      const pages = rng.int(5, knob(ctx, 'pages_max'))
      return (function* (): Actor {
        if (!fetchedRobots.has(ip) || rng.chance(0.1)) {
          fetchedRobots.add(ip)
          v.request('GET', '/robots.txt', { bytes: 412, referrer: null })
          v.wait(rng.int(300, 2_000))
          if (rng.chance(0.5)) v.request('GET', '/sitemap.xml', { bytes: 88_000, referrer: null })
        }
        for (let p = 0; p < pages; p++) {
          v.wait(rng.logNormal(knob(ctx, 'gap_seconds'), 0.6) * 1000)
          v.request('GET', crawlTarget(ctx, rng), { bytes: rng.int(18_000, 64_000), referrer: null })
          yield* v.drain()
        }
      })()
    })
  }
}

export const googlebot = verifiedCrawler(GOOGLEBOT_V4, [GOOGLEBOT_UA, GOOGLEBOT_SMARTPHONE_UA], JA4.googlebot ?? '')
export const bingbot = verifiedCrawler(BINGBOT_V4, [BINGBOT_UA], JA4.bingbot ?? '')

/** Googlebot's user agent from rented servers: the scraper hopes to be let through. */
export const fakeGooglebot: PopulationGenerator = (ctx) => {
  const rng0 = rngOf(ctx, 'pool')
  const ips: string[] = []
  for (let i = 0; i < knob(ctx, 'ips'); i++) ips.push(datacenterIp(rng0))
  return spawnSpread(ctx, ips.length, (ts, i) => {
    const rng = rngOf(ctx, `ip${i}`)
    const ip = ips[i] ?? ''
    const v = visitOf(ctx, ts, rng, { ip, ua: rng.pick([GOOGLEBOT_UA, GOOGLEBOT_SMARTPHONE_UA]), ja4: JA4.go_http ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
    const perMinute = knob(ctx, 'pages_per_minute')
    return (function* (): Actor {
      if (rng.chance(0.5)) v.request('GET', '/robots.txt', { bytes: 412, referrer: null })
      while (v.ts < ctx.end) {
        v.wait(rng.exp(60_000 / perMinute))
        v.request('GET', crawlTarget(ctx, rng), { bytes: rng.int(18_000, 64_000), referrer: null })
        yield* v.drain()
      }
    })()
  })
}

/** One server, one script: every product id in order, nothing else. */
export const naiveScraper: PopulationGenerator = (ctx) => {
  const rng = rngOf(ctx, 'main')
  const ip = datacenterIp(rng)
  const v = visitOf(ctx, ctx.start, rng, { ip, ua: rng.pick(AUTOMATION_UAS.python_requests), ja4: JA4.python_requests ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
  const perMinute = knob(ctx, 'pages_per_minute')
  const { firstProductId, products } = ctx.world.catalog
  let id = firstProductId + rng.int(0, Math.floor(products / 2))
  return (function* (): Actor {
    while (v.ts < ctx.end) {
      v.wait(rng.exp(60_000 / perMinute))
      const exists = id < firstProductId + products && !rng.chance(0.03)
      v.request('GET', productPath(ctx.world.catalog, id), { status: exists ? 200 : 404, bytes: exists ? rng.int(18_000, 64_000) : 1_200, referrer: null })
      id += 1
      yield* v.drain()
    }
  })()
}

/** Residential proxies: hundreds of addresses, a few pages each, browser UAs, one TLS stack. */
export const stealthScraper: PopulationGenerator = (ctx) => {
  const perMinute = knob(ctx, 'pages_per_minute')
  const perIp = knob(ctx, 'pages_per_ip')
  const pool = knob(ctx, 'ips')
  const impersonate = knob(ctx, 'impersonate_share')
  const sessions = Math.max(1, Math.round(((ctx.end - ctx.start) / 60_000) * perMinute / perIp))
  return spawnPoisson(ctx, (sessions / (ctx.end - ctx.start)) * 3_600_000, (ts, i) => {
    const rng = rngOf(ctx, `s${i}`)
    const ipRng = rngOf(ctx, `ip${i % pool}`)
    const ip = residentialIp(ipRng, 0.05)
    const { ua, ja4 } = toolBrowser(ipRng, impersonate, 0.3)
    const v = visitOf(ctx, ts, rng, { ip, ua, ja4, dev: null, loadsAssets: false, protocol: 'HTTP/2.0' }, null)
    const n = rng.int(1, perIp * 2 - 1)
    return (function* (): Actor {
      for (let p = 0; p < n; p++) {
        const id = productId(ctx.world.catalog, rng)
        v.request('GET', productPath(ctx.world.catalog, id), { bytes: rng.int(18_000, 64_000), referrer: null })
        yield* v.drain()
        v.wait(rng.logNormal(4_000, 0.8))
      }
    })()
  })
}

/** A headless browser farm: full page loads with assets and cookies, too fast and too many. */
export const headlessScraper: PopulationGenerator = (ctx) => {
  const workers = knob(ctx, 'workers')
  const think = knob(ctx, 'think_seconds')
  const disguised = knob(ctx, 'disguised_ua') > 0
  return spawnSpread(ctx, workers, (ts, w) => {
    const rng = rngOf(ctx, `w${w}`)
    const ip = datacenterIp(rng)
    const ua = disguised ? browserOf(rng, 'chrome', 'desktop').ua : rng.pick(AUTOMATION_UAS.headless_chrome)
    const v = visitOf(ctx, ts, rng, { ip, ua, ja4: JA4.headless_chrome ?? null, dev: deviceId(rng), loadsAssets: true, protocol: 'HTTP/2.0' }, sessionId(rng))
    return (function* (): Actor {
      while (v.ts < ctx.end) {
        if (rng.chance(0.2)) v.page(listingPath(ctx.world.catalog, rng.pick(['sneakers', 'jackets', 'bags', 'sale']), rng.int(1, 30)), { productIds: listingIds(ctx.world, rng) })
        else browseStep(v, ctx.world)
        yield* v.drain()
        v.think(think, 0.5)
        if (rng.chance(0.01)) v.sid = sessionId(rng)
      }
    })()
  })
}


/**
 * A scraper driving real Chrome through residential proxies: each worker opens a fresh browser
 * context on a new proxy address, pages through a category listing and opens products from it
 * (assets, images, cookies and referrers as a browser sends them), with human think times, and
 * after a few pages drops the context and the address. Nothing on one address is more than a
 * short visit; only the whole farm harvests.
 */
export const browserProxyScraper: PopulationGenerator = (ctx) => {
  const workers = knob(ctx, 'workers')
  const pool = knob(ctx, 'ips')
  const perSession = knob(ctx, 'pages_per_session')
  const think = knob(ctx, 'think_seconds')
  const stableFingerprint = knob(ctx, 'stable_fingerprint') > 0
  return spawnSpread(ctx, workers, (ts, w) => {
    const rng = rngOf(ctx, `w${w}`)
    const browser = browserOf(rng, 'chrome', rng.chance(0.2) ? 'mobile' : 'desktop')
    const workerDev = deviceId(rng)
    const catalog = ctx.world.catalog
    let category = rng.pick(CATEGORIES)
    let listPage = 1
    return (function* (): Actor {
      let start = ts
      while (start < ctx.end) {
        // The proxy provider hands out an address from its pool: now and then one used before.
        const ip = residentialIp(rngOf(ctx, `ip${rng.int(0, pool - 1)}`), 0.05)
        const dev = stableFingerprint ? workerDev : deviceId(rng)
        const v = visitOf(ctx, start, rng, { ip, ua: browser.ua, ja4: browser.ja4, dev, loadsAssets: true, protocol: 'HTTP/2.0' }, null)
        const sid = sessionId(rng)
        const pages = rng.int(Math.max(1, perSession - 2), perSession + 2)
        v.page(listingPath(catalog, category, listPage), { referrer: rng.chance(0.5) ? 'https://www.google.com/' : null, productIds: listingIds(ctx.world, rng) })
        v.sid = sid
        yield* v.drain()
        for (let p = 1; p < pages; p++) {
          v.think(think, 0.6)
          const id = productId(catalog, rng)
          v.page(productPath(catalog, id), { productIds: [id] })
          yield* v.drain()
        }
        listPage++
        if (listPage > 30) {
          category = rng.pick(CATEGORIES)
          listPage = 1
        }
        start = v.ts + Math.round(rng.logNormal(20_000, 0.8))
      }
    })()
  })
}

/**
 * A browser farm fed from the sitemap: its controller fetches the sitemap once from its own
 * server and queues the product URLs in the sitemap's order, which is by product id (as
 * WooCommerce, Magento and OpenCart write their product sitemaps). Workers driving real
 * Chrome (builds people use too, with Chrome's TLS hello) take the next one to five URLs from
 * the queue, open a fresh browser context on a new residential address with a new session
 * cookie and go straight to each product (`goto`, so no referrer, or the bare Google referrer
 * the farm sets to pass as search traffic), loading assets and images with human think
 * times. No URL is visited twice and no visit follows a link, so nothing paginates.
 * Default keeps one device fingerprint per worker; stealth draws one per context.
 */
export const sitemapFarm: PopulationGenerator = (ctx) => {
  const workers = knob(ctx, 'workers')
  const pool = knob(ctx, 'ips')
  const perVisit = knob(ctx, 'products_per_visit')
  const think = knob(ctx, 'think_seconds')
  const googleShare = knob(ctx, 'google_share')
  const warmShare = knob(ctx, 'warm_cache_share')
  const stableFingerprint = knob(ctx, 'stable_fingerprint') > 0
  const catalog = ctx.world.catalog
  // The queue is shared: each worker takes the next URLs as its visit starts.
  let next = catalog.firstProductId
  const end = catalog.firstProductId + catalog.products
  const take = (n: number): number[] => {
    const ids: number[] = []
    while (ids.length < n && next < end) ids.push(next++)
    return ids
  }
  const controller = function* (): Actor {
    const rng = rngOf(ctx, 'controller')
    const v = visitOf(ctx, ctx.start, rng, { ip: datacenterIp(rng), ua: rng.pick(AUTOMATION_UAS.python_requests), ja4: JA4.python_requests ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
    v.request('GET', '/sitemap.xml', { bytes: 1_800, referrer: null })
    v.wait(rng.int(200, 900))
    v.request('GET', '/sitemap-products-1.xml', { bytes: 412_000, referrer: null })
    yield* v.drain()
  }
  const worker = (ts: number, w: number): Actor => {
    const rng = rngOf(ctx, `w${w}`)
    const browser = browserOf(rng, 'chrome', rng.chance(0.2) ? 'mobile' : 'desktop')
    const workerDev = deviceId(rng)
    return (function* (): Actor {
      let start = ts
      while (start < ctx.end) {
        const ids = take(rng.int(1, perVisit))
        if (ids.length === 0) return
        const ip = residentialIp(rngOf(ctx, `ip${rng.int(0, pool - 1)}`), 0.05)
        const dev = stableFingerprint ? workerDev : deviceId(rng)
        // A fresh context: no cookie until the first response sets one; now and then a reused profile's warm cache.
        const v = new Visit({ ts: start, pop: ctx.id, rng, client: { ip, ua: browser.ua, ja4: browser.ja4, dev, loadsAssets: true, protocol: 'HTTP/2.0' }, sid: null, setsSid: sessionId(rng), host: ctx.world.shop.host, assetsCached: rng.chance(warmShare) })
        const referrer = rng.chance(googleShare) ? 'https://www.google.com/' : null
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] ?? catalog.firstProductId
          if (i > 0) v.think(think, 0.6)
          v.page(productPath(catalog, id), { referrer, productIds: [id] })
          yield* v.drain()
        }
        start = v.ts + Math.round(rng.logNormal(20_000, 0.8))
      }
    })()
  }
  return (function* (): Actor {
    yield { kind: 'spawn', ts: ctx.start, actor: controller() }
    // The workers start together once the queue is filled, a few seconds apart.
    const rng = rngOf(ctx, 'start')
    let ts = ctx.start
    for (let w = 0; w < workers; w++) {
      ts += rng.int(2_000, 15_000)
      yield { kind: 'spawn', ts, actor: worker(ts, w) }
    }
  })()
}
