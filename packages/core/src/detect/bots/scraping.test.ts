import { describe, expect, it } from 'vitest'
import { createScrapingDetector } from './scraping.ts'
import { person, prng, req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'
import type { HttpEvent } from '../../events/http-event.ts'

const config = testConfig()
const scraping = () => [createScrapingDetector(config)]

function naiveScraper(ip: string, n: number, stepMs = 1000): HttpEvent[] {
  return Array.from({ length: n }, (_, i) =>
    req({ ts: T0 + 60_000 + i * stepMs, source_ip: ip, url_path: `/product/${1001 + i}`, user_agent_original: 'python-requests/2.31.0', tls_client_ja4: 't13d0810h1_aaaaaaaaaaaa_bbbbbbbbbbbb' }),
  )
}

/** A person's visit over given URLs: each page with its assets, a cookie and referrers. */
function browse(o: { ip: string; session: string; start: number; urls: string[]; gapMs: number; jitter?: () => number; extra?: Partial<HttpEvent> }): HttpEvent[] {
  const out: HttpEvent[] = []
  let prev: string | null = null
  let ts = o.start
  o.urls.forEach((url, i) => {
    // A person's pauses vary: `jitter` (0 to 1) stretches each gap between half and twice gapMs.
    if (i > 0) ts += o.jitter === undefined ? o.gapMs : Math.round(o.gapMs * (0.5 + 1.5 * o.jitter()))
    const q = url.indexOf('?')
    const base = { source_ip: o.ip, session_id: o.session, ...o.extra }
    out.push(req({ ...base, ts, url_path: q < 0 ? url : url.slice(0, q), url_query: q < 0 ? null : url.slice(q + 1), url_original: url, http_request_referrer: prev === null ? null : `https://shop.example${prev}` }))
    out.push(req({ ...base, ts: ts + 40, url_path: '/static/app.js', http_request_referrer: `https://shop.example${url}` }))
    prev = url
  })
  return out
}

const vpnExit = { source_ip_flags: ['vpn' as const], source_as_number: 9009 }
const cloudHost = { source_ip_flags: ['cloud' as const], source_as_number: 16509 }

/** Adds a POST /api/cart after every `every`-th page, as a shopper filling a cart. */
/** After every page, the POST its analytics script sends to the shop. */
function withBeacons(events: HttpEvent[]): HttpEvent[] {
  return events.flatMap((e) =>
    (e.url_path ?? '').startsWith('/static/') || (e.url_path ?? '').startsWith('/img/') || e.http_request_method !== 'GET'
      ? [e]
      : [e, { ...e, ts: e.ts + 900, event_id: `${e.event_id}-b`, http_request_method: 'POST', url_path: '/events', http_response_status_code: 204, http_request_referrer: `https://shop.example${e.url_path ?? '/'}` }],
  )
}

function withCartAdds(events: HttpEvent[], every: number): HttpEvent[] {
  let pages = 0
  return events.flatMap((e) => {
    if (e.url_path?.startsWith('/static/') === true || e.url_path?.startsWith('/img/') === true) return [e]
    pages++
    return pages % every === 0 ? [e, req({ ...e, ts: e.ts + 1, http_request_method: 'POST', url_path: '/api/cart' })] : [e]
  })
}

describe('bot.scraping', () => {
  it('flags a cookieless, asset-less sequential walk with an explanation that carries the evidence', () => {
    const found = run(scraping(), shoppers(30, 1), naiveScraper('203.0.113.7', 600))
    const ip = found.find((d) => d.entity.type === 'ip' && d.entity.value === '203.0.113.7')
    expect(ip?.threat).toBe('OAT-011')
    expect(ip?.score).toBeGreaterThanOrEqual(80)
    expect(ip?.count).toBe(600)
    expect(ip?.explanation).toMatch(/^600 pages in 10 min: /)
    expect(ip?.explanation).toContain('sequential ids')
    expect(ip?.explanation).toContain('no static assets')
    // Raised while the harvest ran, not when its ten-minute window closed.
    const raisedAfterMs = Date.parse(ip?.detected_at ?? '') - (T0 + 60_000)
    expect(raisedAfterMs).toBeGreaterThan(0)
    expect(raisedAfterMs).toBeLessThan(2 * 60_000)
    // The rebuilt session (IP + UA) is flagged too.
    expect(found.some((d) => d.entity.type === 'session' && d.entity.value.startsWith('203.0.113.7 '))).toBe(true)
    // Nobody else.
    expect(found.filter((d) => !d.entity.value.includes('203.0.113.7'))).toEqual([])
  })

  it('does not raise a shopper early on the first pages of a window that ends benign', () => {
    const rand = prng(5)
    // A keen shopper: 80 pages in ten minutes, with assets, cookie and referrers.
    const keen = person({ ip: '198.51.100.77', session: 'keen', start: T0, pages: 80, rand, think: [3, 9], catalog: 300 })
    const found = run(scraping(), shoppers(30, 4), keen)
    expect(found.filter((d) => d.entity.value === 'keen' || d.entity.value === '198.51.100.77')).toEqual([])
  })

  it('flags a real-browser scraper that loads assets and keeps its cookie, by breadth of coverage', () => {
    const rand = prng(7)
    const bot = person({ ip: '192.0.2.50', session: 'browser-bot', start: T0, pages: 400, rand, think: [1, 2.5], catalog: 100_000 })
    const found = run(scraping(), shoppers(30, 2), bot)
    const session = found.find((d) => d.entity.type === 'session' && d.entity.value === 'browser-bot')
    expect(session?.explanation).toContain('distinct pages')
    expect(found.some((d) => d.entity.value === '192.0.2.50')).toBe(true)
  })

  it('flags a browser-driving harvester that stays under every per-window mark, by its sustained pace', () => {
    // About 60 pages per 10 minutes with assets, cookie, referrers and browser jitter from a
    // residential address: no single window is broad enough, half an hour of it is.
    const bot = person({ ip: '192.0.2.60', session: 'slow-bot', start: T0, pages: 330, rand: prng(11), think: [6, 14], catalog: 100_000, extra: { device_id: 'bot-device' } })
    const oneWindow = run(scraping(), shoppers(30, 3), bot.slice(0, 4 * 60))
    expect(oneWindow.filter((d) => d.entity.value === 'slow-bot')).toEqual([])
    const found = run(scraping(), shoppers(30, 3), bot)
    const device = found.find((d) => d.entity.type === 'device' && d.entity.value === 'bot-device')
    expect(device?.threat).toBe('OAT-011')
    expect(device?.explanation).toMatch(/distinct pages over \d+ windows of 10 min in a row/)
    expect(found.some((d) => d.entity.type === 'session' && d.entity.value === 'slow-bot')).toBe(true)
  })

  it('leaves a loyal customer alone who keeps browsing as long and as fast, but fills a cart and orders on the way', () => {
    // About 90 pages per 10 minutes for an hour, 80 of them distinct, with a cart add every eighth page.
    const customer = withCartAdds(person({ ip: '192.0.2.60', session: 'loyal', start: T0, pages: 550, rand: prng(11), think: [4, 9], catalog: 100_000, extra: { device_id: 'loyal-laptop' } }), 8)
    expect(run(scraping(), shoppers(30, 3), customer)).toEqual([])
  })

  describe('a headless browser with an ordinary user agent, cookies and assets, on a server', () => {
    const cloud = { source_ip_flags: ['cloud' as const], source_as_number: 16509, device_id: 'farm-device' }
    // About 70 pages in ten minutes, each with its assets, at a keen person's pace.
    const worker = (session: string, start: number, pages: number, seed: number): HttpEvent[] =>
      person({ ip: '192.0.2.61', session, start, pages, rand: prng(seed), think: [5, 12], catalog: 100_000, extra: cloud })

    it('is flagged in its first window (address, session and device) for reading only', () => {
      const bot = worker('farm-1', T0, 60, 21)
      const found = run(scraping(), shoppers(30, 3), bot)
      for (const [type, value] of [['ip', '192.0.2.61'], ['session', 'farm-1'], ['device', 'farm-device']]) {
        const d = found.find((x) => x.entity.type === type && x.entity.value === value)
        expect(d?.threat, `${type} ${value}`).toBe('OAT-011')
        expect(d?.explanation).toContain('not one action (cart, login, form)')
        expect(d?.explanation).toContain('from a datacenter address')
        expect(Date.parse(d?.detected_at ?? '')).toBeLessThan(T0 + 10 * 60_000)
      }
    })

    it('takes the short sessions of renewed cookies with its device, not other devices on the address', () => {
      // The worker renews its cookie after 60 pages; the new cookie sees 8 pages before the run ends.
      const bot = [...worker('farm-1', T0, 60, 21), ...worker('farm-2', T0 + 9 * 60_000, 8, 22)]
      const neighbour = person({ ip: '192.0.2.61', session: 'colleague', start: T0 + 60_000, pages: 8, rand: prng(23), extra: { source_ip_flags: ['cloud'], device_id: 'colleague-laptop' } })
      const found = run(scraping(), shoppers(30, 3), bot, neighbour)
      const renewed = found.find((d) => d.entity.type === 'session' && d.entity.value === 'farm-2')
      expect(renewed?.threat).toBe('OAT-011')
      expect(renewed?.related).toEqual([{ type: 'device', value: 'farm-device' }])
      expect(renewed?.explanation).toMatch(/^a session of device farm-device, /)
      expect(found.filter((d) => d.entity.value === 'colleague' || d.entity.value === 'colleague-laptop')).toEqual([])
    })

    it('takes a cookie renewed after its device was reported, in a window too short to judge, but not one renewed much later', () => {
      const bot = [...worker('farm-1', T0, 60, 21), ...worker('farm-3', T0 + 14 * 60_000, 5, 24), ...worker('farm-4', T0 + 50 * 60_000, 5, 25)]
      const found = run(scraping(), shoppers(30, 3), bot)
      const late = found.find((d) => d.entity.value === 'farm-3')
      expect(late?.related).toEqual([{ type: 'device', value: 'farm-device' }])
      expect(Date.parse(late?.detected_at ?? '')).toBeLessThan(T0 + 15 * 60_000)
      expect(found.filter((d) => d.entity.value === 'farm-4')).toEqual([])
    })

    it('leaves a person on a datacenter or VPN address alone when they act: a cart, a login', () => {
      // Same pages, same pace, same origin; every tenth page the visitor adds to the cart.
      const shopper = withCartAdds(worker('vpn-shopper', T0, 60, 21), 10)
      const vpn = shopper.map((e) => ({ ...e, source_ip_flags: ['vpn' as const] }))
      for (const traffic of [shopper, vpn]) {
        expect(run(scraping(), shoppers(30, 3), traffic).filter((d) => d.entity.value !== '')).toEqual([])
      }
    })

    it('is flagged for reading only though each page posts its analytics beacon: the page sends it, not the reader', () => {
      const bot = withBeacons(worker('farm-1', T0, 60, 21))
      const d = run(scraping(), shoppers(30, 3), bot).find((x) => x.entity.type === 'ip' && x.entity.value === '192.0.2.61')
      expect(d?.explanation).toContain('not one action (cart, login, form)')
    })

    it('leaves alone a person on a cloud desktop whose pages post beacons and who also fills a cart', () => {
      const shopper = withBeacons(withCartAdds(worker('cloud-shopper', T0, 60, 21), 10))
      expect(run(scraping(), shoppers(30, 3), shopper).filter((d) => d.entity.value !== '')).toEqual([])
    })

    it('leaves the same reading at home alone: reading only weighs half from a residential address', () => {
      const home = worker('reader', T0, 60, 21).map((e) => ({ ...e, source_ip_flags: [], source_as_number: 3320 }))
      expect(run(scraping(), shoppers(30, 3), home)).toEqual([])
    })
  })

  it('leaves a power shopper alone: bursts of pages, hours apart', () => {
    const rand = prng(12)
    const visits = [0, 3, 6].flatMap((h) => person({ ip: '198.51.100.90', session: `loyal-${h}`, start: T0 + h * 3_600_000, pages: 60, rand, think: [2, 5], catalog: 5000, extra: { device_id: 'loyal-phone' } }))
    const found = run(scraping(), shoppers(30, 4), visits)
    expect(found.filter((d) => d.entity.value.includes('loyal') || d.entity.value === '198.51.100.90')).toEqual([])
  })

  it('works on logs with no IP at all, at the session level', () => {
    const noIp = naiveScraper('x', 300).map((e) => ({ ...e, source_ip: null, session_id: null, device_id: 'dev-42' }))
    const found = run(scraping(), shoppers(30, 3), noIp)
    expect(found.map((d) => d.entity)).toContainEqual({ type: 'device', value: 'dev-42' })
  })

  it('flags a honeypot hit even at low volume', () => {
    const cfg = testConfig({ honeypotPaths: ['/trap/'] })
    const bot = [req({ ts: T0 + 1000, source_ip: '203.0.113.9', url_path: '/trap/all-products' })]
    const found = run([createScrapingDetector(cfg)], shoppers(20, 4), bot)
    expect(found.find((d) => d.entity.value === '203.0.113.9')?.explanation).toContain('hit honeypot /trap/')
  })

  describe('a catalog addressed by query string', () => {
    it('flags a walk over /product.php?id=N as many pages and sequential ids', () => {
      const bot = naiveScraper('203.0.113.8', 300).map((e, i) => ({ ...e, url_path: '/product.php', url_query: `id=${1001 + i}&utm_source=feed`, url_original: `/product.php?id=${1001 + i}&utm_source=feed` }))
      const ip = run(scraping(), shoppers(30, 1), bot).filter((d) => d.entity.value === '203.0.113.8').at(-1)
      // The distinct count is a sketch past its exact range: within a few percent of 300, not 1.
      expect(Number(ip?.evidence.find((x) => x.field === 'distinct_paths')?.value)).toBeGreaterThan(280)
      expect(ip?.explanation).toContain('sequential ids')
    })

    it('flags a browser reading 50 OpenCart products from a cloud server without one action', () => {
      const urls = Array.from({ length: 50 }, (_, i) => `/index.php?route=product/product&product_id=${40 + ((i * 37) % 900)}`)
      const found = run(scraping(), shoppers(30, 2), browse({ ip: '3.80.7.9', session: 'oc-reader', start: T0, urls, gapMs: 9_000, extra: cloudHost }))
      expect(found.find((d) => d.entity.value === 'oc-reader')?.explanation).toContain('50 distinct pages')
    })

    it('leaves a shopper alone who sorts and filters one category, scrolls it and types a search, even from a cloud desktop', () => {
      const category = '/index.php?route=product/category&path=20'
      const urls = [
        category, `${category}&sort=p.price&order=ASC`, `${category}&sort=p.price&order=DESC`, `${category}&limit=100`,
        `${category}&sort=pd.name&order=ASC&limit=25`, `${category}&utm_source=newsletter&gclid=Cj0KCQ`,
        // Infinite scroll, then filters added one at a time.
        ...[2, 3, 4, 5, 6].map((n) => `${category}&page=${n}`),
        `${category}&filter=red`, `${category}&filter=red&size=m`, `${category}&filter=red&size=m&sort=p.price`,
        // Search as you type: one search, however many requests.
        ...['r', 're', 'red', 'red ', 'red s', 'red sh', 'red sho', 'red shoe', 'red shoes', 'red shoe'].map((q) => `/index.php?route=product/search&search=${encodeURIComponent(q)}`),
        // Fourteen products, each looked at twice.
        ...Array.from({ length: 28 }, (_, i) => `/index.php?route=product/product&product_id=${300 + 7 * (i % 14)}`),
      ]
      // From a cloud address reading only weighs in full: the strictest place to be read.
      const shopper = browse({ ip: '3.80.7.10', session: 'desktop-shopper', start: T0, urls, gapMs: 12_000, extra: cloudHost })
      expect(run(scraping(), shoppers(30, 2), shopper)).toEqual([])
      // The same visit counted by raw URL is over 30 distinct pages and is flagged: what the rules above keep apart.
      const raw = shopper.map((e) => (e.url_query === null ? e : { ...e, url_path: `${e.url_path ?? ''}/${e.url_query}`, url_query: null }))
      expect(run(scraping(), shoppers(30, 2), raw).some((d) => d.entity.value === 'desktop-shopper')).toBe(true)
    })
  })

  it('leaves a person reading 45 products through a consumer VPN alone, not the same reading from a cloud server', () => {
    const urls = Array.from({ length: 55 }, (_, i) => (i % 5 === 4 ? '/c/jackets' : `/p/${10_100 + ((i * 53) % 3000)}`))
    const reader = (ip: string, extra: Partial<HttpEvent>): HttpEvent[] => browse({ ip, session: `reader-${ip}`, start: T0, urls, gapMs: 10_000, extra })
    expect(run(scraping(), shoppers(30, 2), reader('146.70.130.10', vpnExit))).toEqual([])
    expect(run(scraping(), shoppers(30, 2), reader('3.80.7.11', cloudHost)).some((d) => d.entity.value === 'reader-3.80.7.11')).toBe(true)
  })

  it('flags a browser on a VPN-listed address that reads 70 distinct products in ten minutes without one action', () => {
    const urls = Array.from({ length: 70 }, (_, i) => `/p/${10_100 + ((i * 53) % 3000)}`)
    const found = run(scraping(), shoppers(30, 2), browse({ ip: '95.216.40.7', session: 'vpn-farm', start: T0, urls, gapMs: 8_000, extra: vpnExit }))
    expect(found.find((d) => d.entity.value === 'vpn-farm')?.explanation).toContain('not one action')
  })

  describe('benign look-alikes', () => {
    it('leaves an office of 40 people behind one NAT alone', () => {
      const rand = prng(11)
      const office = Array.from({ length: 40 }, (_, i) =>
        person({ ip: '192.0.2.1', session: `office-${i}`, start: T0 + i * 20_000, pages: 60, rand }),
      )
      expect(run(scraping(), shoppers(20, 5), ...office)).toEqual([])
    })

    it('leaves a power shopper alone', () => {
      const rand = prng(12)
      const shopper = person({ ip: '192.0.2.2', session: 'power', start: T0, pages: 150, rand, think: [4, 20], catalog: 300 })
      expect(run(scraping(), shoppers(20, 6), shopper)).toEqual([])
    })

    it('leaves a mobile carrier CGNAT address with hundreds of users alone', () => {
      const rand = prng(13)
      const cgnat = Array.from({ length: 300 }, (_, i) =>
        person({ ip: '100.64.0.1', session: `mobile-${i}`, start: T0 + i * 3_000, pages: 6, rand, think: [5, 40] }),
      )
      expect(run(scraping(), shoppers(20, 7), ...cgnat)).toEqual([])
    })

    it('leaves a shopper on a VPN alone who narrows one category with filters, the price slider, sorts and pages', () => {
      const rand = prng(15)
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
      const filters = new Map<string, string>()
      let page = 1
      const urls: string[] = []
      for (let i = 0; i < 90; i++) {
        const move = rand()
        if (move < 0.35) filters.set(pick(['color', 'size', 'brand', 'material']), pick(['red', 'black', 'm', 'l', 'kestrel', 'wool', '42']))
        else if (move < 0.5) filters.set('price_min', String(5 * Math.floor(rand() * 12)))
        else if (move < 0.6) filters.set('sort', pick(['price_asc', 'newest']))
        else if (move < 0.8) page++
        else {
          urls.push(`/p/${10_000 + Math.floor(rand() * 4000)}`)
          continue
        }
        if (move < 0.6) page = 1
        const q = [...filters].map(([k, v]) => `${k}=${v}`)
        if (page > 1) q.push(`page=${page}`)
        urls.push(q.length === 0 ? '/c/jackets' : `/c/jackets?${q.join('&')}`)
      }
      const shopper = browse({ ip: '146.70.130.20', session: 'facets', start: T0, urls, gapMs: 5_000, jitter: rand, extra: vpnExit })
      expect(run(scraping(), shoppers(30, 3), shopper)).toEqual([])
    })

    it("leaves the shop's app alone that polls its cart, notifications and an order's status on a timer for forty minutes", () => {
      const app = { source_ip: '172.56.10.2', session_id: null, http_request_referrer: null, user_agent_original: 'ShopApp/5.2.1 (iPhone; iOS 18.1; Scale/3.00) CFNetwork/1568.200.51 Darwin/24.1.0' }
      const polls = Array.from({ length: 80 }, (_, i) =>
        ['/api/v2/notifications/unread', '/api/v2/cart', '/api/v2/orders/700123/status'].map((path, k) => req({ ...app, ts: T0 + i * 30_000 + k * 20, url_path: path })),
      ).flat()
      const screens = Array.from({ length: 12 }, (_, i) => req({ ...app, ts: T0 + 5_000 + i * 45_000, url_path: `/api/v2/products/${10_000 + i * 37}` }))
      expect(run(scraping(), shoppers(30, 4), polls, screens)).toEqual([])
    })

    it("leaves a carrier NAT address alone on a plain log where the shop's app, an HTTP library, calls the API first", () => {
      const plain = { session_id: null, tls_client_ja4: null }
      const rand = prng(14)
      const okhttp = { ...plain, source_ip: '172.56.10.1', user_agent_original: 'okhttp/4.12.0', user_agent_bot_name: 'okhttp', user_agent_bot_kind: 'automation', http_request_referrer: null }
      // App users open product screens (one JSON call each) while their timers poll the cart.
      let t = T0
      const app = Array.from({ length: 90 }, (_, i) => {
        t += 1_000 + Math.floor(rand() * 12_000)
        return req({ ...okhttp, ts: t, url_path: i % 3 === 0 ? '/api/v2/cart' : `/api/v2/products/${10_000 + Math.floor(rand() * 4000)}` })
      })
      const phones = Array.from({ length: 40 }, (_, i) =>
        person({ ip: '172.56.10.1', session: null, start: T0 + 2_000 + i * 15_000, pages: 5, rand, think: [5, 30], extra: plain }),
      )
      const background = shoppers(30, 9).map((e) => ({ ...e, ...plain }))
      expect(run(scraping(), background, app, ...phones)).toEqual([])
    })

    it('never flags a verified search-engine crawler, however bot-like', () => {
      const crawl = naiveScraper('66.249.66.1', 2000, 300).map((e) => ({
        ...e,
        user_agent_original: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
        user_agent_bot_name: 'Googlebot',
        user_agent_bot_kind: 'crawler',
        source_ip_flags: ['crawler' as const],
      }))
      expect(run(scraping(), shoppers(20, 8), crawl)).toEqual([])
    })
  })
})
