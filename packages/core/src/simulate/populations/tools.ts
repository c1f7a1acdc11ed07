/**
 * Bots the shop runs or ordered itself, each naming itself in its user agent: uptime
 * monitors, Google's Merchant Center fetching the product feed and checking product pages,
 * and an SEO / accessibility audit crawl an agency runs over the whole site.
 * @module
 */
import { CATEGORIES, PAGE_ASSETS, listingPath, productImage, productPath } from '../catalog.ts'
import { JA4 } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { GOOGLEBOT_V4, datacenterIp, ipIn, residentialIp } from '../net.ts'
import { type PopulationGenerator, knob, rngOf, spawnPoisson, spawnSpread, visitOf } from './context.ts'

export const UPTIMEROBOT_UA = 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)'
export const PINGDOM_UA = 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)'
export const STOREBOT_UA =
  'Mozilla/5.0 (X11; Linux x86_64; Storebot-Google/1.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Safari/537.36'
export const AUDIT_UAS = Object.freeze([
  'Screaming Frog SEO Spider/21.4',
  'Mozilla/5.0 (compatible; SiteAuditBot/0.97; +http://www.semrush.com/bot.html)',
  'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0) LinkCheck by Siteimprove.com',
])

/**
 * Uptime monitors: each check fires on its period from the service's probe servers (UptimeRobot
 * from a few, Pingdom from a different probe each time), HEAD or GET of the home page and a
 * health endpoint.
 */
export const uptimeMonitors: PopulationGenerator = (ctx) => {
  const probes = knob(ctx, 'probes')
  const period = knob(ctx, 'period_seconds') * 1000
  const pool = rngOf(ctx, 'probes')
  const uptimeRobot: string[] = []
  const pingdom: string[] = []
  for (let i = 0; i < probes; i++) {
    uptimeRobot.push(datacenterIp(pool))
    pingdom.push(datacenterIp(pool))
  }
  const checks = [
    { ua: UPTIMEROBOT_UA, ips: uptimeRobot, method: 'HEAD', path: '/', period },
    { ua: UPTIMEROBOT_UA, ips: uptimeRobot, method: 'GET', path: '/api/health', period: period / 5 },
    { ua: PINGDOM_UA, ips: pingdom, method: 'GET', path: '/', period },
  ]
  // Every check runs from the start of the window: a monitor is configured once and never stops.
  return (function* (): Actor {
    for (const [i, check] of checks.entries()) {
      const rng = rngOf(ctx, `check${i}`)
      const first = ctx.start + rng.int(0, check.period)
      const actor = (function* (): Actor {
        for (let t = first; t < ctx.end; t += check.period) {
          const client = { ip: rng.pick(check.ips), ua: check.ua, ja4: JA4.go_http ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }
          const v = visitOf(ctx, t + rng.int(0, 400), rng, client, null)
          v.request(check.method, check.path, { bytes: check.method === 'HEAD' ? 0 : 2_048, referrer: null })
          yield* v.drain()
        }
      })()
      yield { kind: 'spawn', ts: ctx.start, actor }
    }
  })()
}

/**
 * Google Merchant Center: Storebot-Google from Google's crawler ranges fetches the product feed
 * now and then and checks the price and stock of the products in it, page by page.
 */
export const merchantCenter: PopulationGenerator = (ctx) => {
  const pool = rngOf(ctx, 'pool')
  const ips: string[] = []
  for (let i = 0; i < 4; i++) ips.push(ipIn(pool.pick(GOOGLEBOT_V4), pool))
  return spawnPoisson(ctx, knob(ctx, 'fetches_per_hour'), (ts, i) => {
    const rng = rngOf(ctx, `f${i}`)
    const v = visitOf(ctx, ts, rng, { ip: rng.pick(ips), ua: STOREBOT_UA, ja4: JA4.googlebot ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
    const pages = knob(ctx, 'pages_per_fetch')
    return (function* (): Actor {
      v.request('GET', '/feeds/google-shopping.xml', { bytes: rng.int(2_000_000, 4_000_000), referrer: null })
      yield* v.drain()
      for (let p = 0; p < pages; p++) {
        v.wait(rng.logNormal(knob(ctx, 'gap_seconds'), 0.5) * 1000)
        const id = ctx.world.catalog.firstProductId + rng.int(0, ctx.world.catalog.products - 1)
        v.request('GET', productPath(ctx.world.catalog, id), { bytes: rng.int(18_000, 64_000), referrer: null })
        yield* v.drain()
      }
    })()
  })
}

/**
 * A site audit the shop ordered (SEO or accessibility): one crawl from the agency's office or
 * its cloud server, every category page by page and every product, with the assets and images
 * it checks, several threads at once.
 */
export const auditCrawler: PopulationGenerator = (ctx) => {
  const crawls = knob(ctx, 'crawls')
  return spawnSpread(ctx, crawls, (ts, i) => {
    const rng = rngOf(ctx, `crawl${i}`)
    const ua = AUDIT_UAS[i % AUDIT_UAS.length] ?? ''
    const ip = rng.chance(0.5) ? residentialIp(rng, 0) : datacenterIp(rng)
    const v = visitOf(ctx, ts, rng, { ip, ua, ja4: JA4.python_requests ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }, null)
    const perSecond = knob(ctx, 'requests_per_second')
    const catalog = ctx.world.catalog
    const pages = knob(ctx, 'pages')
    return (function* (): Actor {
      v.request('GET', '/robots.txt', { bytes: 412, referrer: null })
      v.request('GET', '/', { bytes: 40_000, referrer: null })
      for (const a of PAGE_ASSETS) v.request('GET', a.path, { bytes: a.bytes })
      let fetched = 0
      let product = catalog.firstProductId
      for (const category of CATEGORIES) {
        for (let page = 1; page <= 8 && fetched < pages; page++, fetched++) {
          v.wait(rng.exp(1000 / perSecond))
          v.request('GET', listingPath(catalog, category, page), { bytes: rng.int(30_000, 70_000) })
          for (let k = 0; k < 12 && fetched < pages; k++, fetched++, product++) {
            v.wait(rng.exp(1000 / perSecond))
            v.request('GET', productPath(catalog, product), { bytes: rng.int(18_000, 64_000) })
            if (rng.chance(0.5)) v.request('GET', productImage(product), { bytes: rng.int(9_000, 90_000) })
          }
          yield* v.drain()
        }
      }
    })()
  })
}
