import { describe, expect, it } from 'vitest'
import { createHeadlessDetector } from './headless.ts'
import { CHROME_UA, person, prng, req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const headless = () => [createHeadlessDetector(testConfig())]
const pages = (n: number, fields: Parameters<typeof req>[0] extends infer F ? Partial<F> : never) =>
  Array.from({ length: n }, (_, i) => req({ ts: T0 + i * 3000, source_ip: '203.0.113.20', url_path: `/product/${i}`, ...fields }))

describe('bot.headless', () => {
  it('flags a HeadlessChrome marker even without enrichment', () => {
    const ua = CHROME_UA.replace('Chrome/', 'HeadlessChrome/')
    const found = run(headless(), pages(10, { user_agent_original: ua }))
    const ip = found.find((d) => d.entity.type === 'ip')
    expect(ip?.explanation).toBe('10 page requests from automation client HeadlessChrome')
    expect(found.some((d) => d.entity.type === 'session')).toBe(true)
  })

  it('flags automation libraries named by the enrichment', () => {
    const found = run(headless(), pages(6, { user_agent_original: 'python-requests/2.31', user_agent_bot_name: 'python-requests', user_agent_bot_kind: 'automation' }))
    expect(found[0]?.explanation).toContain('automation client python-requests')
  })

  it('flags a Chrome user agent on a TLS client that offers no HTTP/2', () => {
    const found = run(headless(), pages(6, { tls_client_ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' }))
    expect(found[0]?.score).toBe(75)
    expect(found[0]?.explanation).toContain('claiming Chrome 142 whose TLS fingerprint has ALPN h1, not HTTP/2')
  })

  it('leaves browsers behind a TLS-intercepting proxy alone: they render pages with their assets', () => {
    const rand = prng(4)
    const proxied = Array.from({ length: 10 }, (_, i) => person({ ip: '192.0.2.9', session: `c${i}`, start: T0, pages: 20, rand, extra: { tls_client_ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' } }))
    expect(run(headless(), ...proxied)).toEqual([])
  })

  it('leaves a proxied colleague alone whose own requests read as not rendering: assets before the cookie, then a checkout', () => {
    const proxy = { source_ip: '192.0.2.9', tls_client_ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' }
    const rand = prng(4)
    const colleagues = Array.from({ length: 10 }, (_, i) => person({ ip: '192.0.2.9', session: `c${i}`, start: T0, pages: 20, rand, extra: proxy }))
    const t = T0 + 60_000
    // The landing page has no cookie yet; its assets carry the one its response set.
    const buyer = [
      req({ ...proxy, ts: t, url_path: '/', session_id: null }),
      ...['/static/app.js', '/static/app.css', '/img/p1.webp'].map((a, i) => req({ ...proxy, ts: t + 50 + i * 20, url_path: a, session_id: 'buyer' })),
      ...['/product/7', '/cart', '/checkout'].map((path, i) => req({ ...proxy, ts: t + 10_000 * (i + 1), url_path: path, session_id: 'buyer' })),
      ...['/api/cart', '/api/payment-methods', '/api/checkout/pay', '/api/orders'].map((path, i) => req({ ...proxy, ts: t + 40_000 + i * 100, http_request_method: 'POST', url_path: path, session_id: 'buyer' })),
      req({ ...proxy, ts: t + 45_000, url_path: '/order/1/confirmation', session_id: 'buyer' }),
    ]
    expect(run(headless(), ...colleagues, buyer)).toEqual([])
    // Alone on its address, the same client is still called out: nothing shows that it renders.
    const alone = buyer.map((e) => ({ ...e, source_ip: '203.0.113.30' }))
    expect(run(headless(), ...colleagues, alone).map((d) => d.entity.value)).toContain('buyer')
  })

  it('flags a browser version not released at the event date', () => {
    const found = run(headless(), pages(6, { user_agent_original: CHROME_UA.replace('Chrome/142', 'Chrome/190') }))
    expect(found[0]?.explanation).toContain('Chrome 190, a version not released at that date')
  })

  it('uses the configured ja4 table for a family when one is given', () => {
    const cfg = testConfig({ ja4BrowserPrefixes: { Chrome: ['t13d1516h2', 't13d1517h2'] } })
    expect(run([createHeadlessDetector(cfg)], pages(6, { tls_client_ja4: 't13d1715h2_5b57614c22b0_3d5424432f57' }))[0]?.explanation).toContain('unlike Chrome')
    expect(run([createHeadlessDetector(cfg)], pages(6, {}))).toEqual([])
  })

  it('leaves people with ordinary browsers alone, and monitors and a few automated calls', () => {
    const rand = prng(1)
    const people = Array.from({ length: 20 }, (_, i) => person({ ip: `198.51.100.${i}`, session: `p${i}`, start: T0, pages: 20, rand }))
    const monitor = pages(50, { user_agent_original: 'UptimeRobot/2.0', user_agent_bot_name: 'UptimeRobot', user_agent_bot_kind: 'monitor' })
    const fewCalls = pages(3, { source_ip: '203.0.113.99', user_agent_original: 'curl/8.5', user_agent_bot_name: 'curl', user_agent_bot_kind: 'automation' })
    expect(run(headless(), ...people, monitor, fewCalls)).toEqual([])
  })

  it("leaves the shop's app alone: an HTTP library on the site's JSON API, polling on a timer", () => {
    const okhttp = { source_ip: '172.56.10.1', user_agent_original: 'okhttp/4.12.0', user_agent_bot_name: 'okhttp', user_agent_bot_kind: 'automation', http_request_referrer: null }
    const app = Array.from({ length: 80 }, (_, i) => req({ ...okhttp, ts: T0 + i * 30_000, url_path: i % 2 === 0 ? '/api/v2/notifications/unread' : `/api/v2/products/${1000 + i}` }))
    expect(run(headless(), app)).toEqual([])
    // The same library fetching the shop's pages is called out.
    const pagesToo = app.map((e, i) => (i % 4 === 3 ? { ...e, url_path: `/p/${2000 + i}` } : e))
    expect(run(headless(), pagesToo)[0]?.explanation).toBe('20 page requests from automation client okhttp')
  })

  it('still flags a browser user agent on a non-browser TLS client calling the API', () => {
    const found = run(headless(), pages(6, { url_path: '/api/v2/products/1', tls_client_ja4: 't13d1812h1_85036bcba153_b26ce05bbdd6' }))
    expect(found[0]?.score).toBe(75)
  })

  describe('pages not rendered', () => {
    const plain = { session_id: null, tls_client_ja4: null }
    /** People on a plain log: pages with their assets and referrers, so the site's shares are known. */
    const people = (seed: number) => shoppers(30, seed).map((e) => ({ ...e, ...plain }))
    /** People whose browsers speak HTTP/2, as every browser does to a server that offers it. */
    const h2 = (seed: number) => people(seed).map((e) => ({ ...e, http_version: 'HTTP/2.0' }))
    /** A few product pages from one proxy address: a browser UA, no asset, no referrer. */
    const proxyVisit = (ip: string, n: number, start: number) =>
      Array.from({ length: n }, (_, i) => req({ ...plain, ts: start + i * 4_000, source_ip: ip, url_path: `/p/${10_000 + ((i * 977 + start) % 4000)}`, http_request_referrer: null }))

    it('reports an address whose browser fetched pages without one asset or referrer, as scraping when it only read', () => {
      const found = run(headless(), people(21), proxyVisit('73.1.2.3', 3, T0 + 900_000))
      const ip = found.find((d) => d.entity.type === 'ip')
      expect(ip?.entity.value).toBe('73.1.2.3')
      expect(ip?.threat).toBe('OAT-011')
      expect(ip?.explanation).toBe('2 pages fetched by a client claiming a browser, without one static asset or referrer from the shop: not rendered')
      expect(found.some((d) => d.entity.type === 'session' && d.entity.value.startsWith('73.1.2.3 '))).toBe(true)
      expect(found.every((d) => d.entity.value.includes('73.1.2.3'))).toBe(true)
    })

    it('calls a visit that also posts a form automation, not scraping', () => {
      const visit = [...proxyVisit('73.1.2.4', 1, T0 + 900_000), req({ ...plain, ts: T0 + 901_000, source_ip: '73.1.2.4', http_request_method: 'POST', url_path: '/login', http_request_referrer: null }), ...proxyVisit('73.1.2.4', 1, T0 + 905_000)]
      expect(run(headless(), people(22), visit).find((d) => d.entity.type === 'ip')?.threat).toBe('automation')
    })

    it('leaves alone a monitor with a browser user agent that checks pages with HEAD: it reads no content', () => {
      const checks = Array.from({ length: 30 }, (_, i) => req({ ...plain, ts: T0 + 900_000 + i * 60_000, source_ip: '3.80.1.2', http_request_method: 'HEAD', url_path: i % 2 === 0 ? '/' : '/c/jackets', http_request_referrer: null }))
      expect(run(headless(), people(27), checks)).toEqual([])
    })

    it('leaves alone a returning person whose assets are cached: the pages after the first have referrers', () => {
      const back = ['/p/10010', '/p/10011', '/c/jackets', '/p/10400'].map((path, i) =>
        req({ ...plain, ts: T0 + 900_000 + i * 20_000, source_ip: '73.1.2.5', url_path: path, http_request_referrer: i === 0 ? null : 'https://shop.example/p/10010' }),
      )
      expect(run(headless(), people(23), back)).toEqual([])
    })

    it('reports a visit of five pages over HTTP/1.1 whose shop referrers came without one asset, script call or write: a script sets them itself', () => {
      // An HTTP library behind a browser's user agent walking a listing, each request naming the page before it.
      const walk = ['/c/jackets', '/p/10101', '/p/10102', '/c/jackets/page/2', '/p/10103'].map((path, i, all) =>
        req({ ...plain, ts: T0 + 900_000 + i * 4_000, source_ip: '73.1.2.11', url_path: path, http_version: 'HTTP/1.1', http_request_referrer: i === 0 ? null : `https://shop.example${all[i - 1]}` }),
      )
      const ip = run(headless(), h2(30), walk).find((d) => d.entity.type === 'ip')
      expect(ip?.entity.value).toBe('73.1.2.11')
      expect(ip?.threat).toBe('OAT-011')
      expect(ip?.explanation).toBe('5 pages fetched by a client claiming a browser, with referrers from the shop but without one static asset, script call or write among them: referrers set by a script, not pages shown')
      // Four such pages are what a returning person with a warm cache reads (the test above): not enough.
      expect(run(headless(), h2(30), walk.slice(0, 4))).toEqual([])
      // Over HTTP/2 it is what a browser with a warm cache and scripts off sends; on a log without the version nothing is judged.
      expect(run(headless(), h2(30), walk.map((e) => ({ ...e, http_version: 'HTTP/2.0' })))).toEqual([])
      expect(run(headless(), people(30), walk.map((e) => ({ ...e, http_version: null })))).toEqual([])
    })

    it('stands down behind a CDN whose edge talks HTTP/1.1 to the origin: people\'s pages come with their referrers and nothing else', () => {
      // The edge serves the assets; a few scripts' calls (a cart.js) still reach the origin, so the log holds assets.
      const edge = people(34).map((e) => ({ ...e, http_version: 'HTTP/1.1' })).filter((e, i) => !(e.url_path ?? '').startsWith('/img/') && !((e.url_path ?? '').startsWith('/static/') && i % 3 !== 0))
      const reader = Array.from({ length: 6 }, (_, i) => req({ ...plain, ts: T0 + 900_000 + i * 15_000, source_ip: '73.1.2.14', url_path: `/p/${10_400 + i}`, http_version: 'HTTP/1.1', http_request_referrer: i === 0 ? null : `https://shop.example/p/${10_399 + i}` }))
      expect(run(headless(), edge, reader).filter((d) => d.entity.value.includes('73.1.2.14'))).toEqual([])
    })

    it('leaves alone a returning person behind a proxy speaking HTTP/1.1, whose cache holds every asset: their scripts post from each page', () => {
      const back = Array.from({ length: 8 }, (_, i) => [
        req({ ...plain, ts: T0 + 900_000 + i * 20_000, source_ip: '73.1.2.12', url_path: `/p/${10_010 + i}`, http_version: 'HTTP/1.1', http_request_referrer: i === 0 ? null : `https://shop.example/p/${10_009 + i}` }),
        req({ ...plain, ts: T0 + 901_000 + i * 20_000, source_ip: '73.1.2.12', http_request_method: 'POST', url_path: '/events', http_response_status_code: 204, http_request_referrer: `https://shop.example/p/${10_010 + i}` }),
      ]).flat()
      expect(run(headless(), h2(31), back)).toEqual([])
    })

    it('leaves alone a script blocker with images off reading many pages: the stylesheet of the first is fetched', () => {
      const reader = Array.from({ length: 8 }, (_, i) => req({ ...plain, ts: T0 + 900_000 + i * 15_000, source_ip: '73.1.2.13', url_path: `/p/${10_200 + i}`, http_version: 'HTTP/1.1', http_request_referrer: i === 0 ? null : `https://shop.example/p/${10_199 + i}` }))
      reader.splice(1, 0, req({ ...plain, ts: T0 + 900_300, source_ip: '73.1.2.13', url_path: '/static/app.css', http_request_referrer: 'https://shop.example/p/10200' }))
      expect(run(headless(), h2(32), reader)).toEqual([])
    })

    it('leaves alone an office behind one address and one managed build: a colleague draws the pages another reads from cache', () => {
      const rand = prng(33)
      // The office's TLS-inspecting proxy speaks HTTP/1.1 for every browser behind it.
      const office = { ...plain, source_ip: '192.0.2.40', http_version: 'HTTP/1.1' }
      const colleague = person({ ip: '192.0.2.40', session: null, start: T0 + 880_000, pages: 6, rand, extra: { ...plain, http_version: 'HTTP/1.1' } })
      const cached = Array.from({ length: 6 }, (_, i) => req({ ...office, ts: T0 + 900_000 + i * 10_000, url_path: `/p/${10_300 + i}`, http_request_referrer: `https://shop.example/p/${10_299 + i}` }))
      expect(run(headless(), h2(33), colleague, cached).filter((d) => d.entity.value.includes('192.0.2.40'))).toEqual([])
    })

    it('leaves alone a person who landed without a referrer and loaded the page', () => {
      const rand = prng(24)
      const visitor = person({ ip: '73.1.2.6', session: null, start: T0 + 900_000, pages: 6, rand, extra: plain })
      expect(run(headless(), people(24), visitor)).toEqual([])
    })

    it('says nothing where the log holds no assets (a CDN serves them) or no referrers', () => {
      const cdn = people(25).filter((e) => !(e.url_path ?? '').startsWith('/static/') && !(e.url_path ?? '').startsWith('/img/'))
      expect(run(headless(), cdn, proxyVisit('73.1.2.7', 4, T0 + 900_000))).toEqual([])
      const noReferrer = people(25).map((e) => ({ ...e, http_request_referrer: null }))
      expect(run(headless(), noReferrer, proxyVisit('73.1.2.7', 4, T0 + 900_000))).toEqual([])
    })

    it('does not judge a cookie or device visit by its first request, the only one sent before the cookie is set', () => {
      const rand = prng(26)
      // Two visits half an hour apart: the landing page of each has only the device id, the rest the cookie.
      const visits = [0, 25 * 60_000].flatMap((at, k) =>
        person({ ip: '73.1.2.8', session: `office-${k}`, start: T0 + 900_000 + at, pages: 4, rand, extra: { device_id: 'dev-1' } }).map((e, i) => (i === 0 ? { ...e, session_id: null } : e)),
      )
      expect(run(headless(), shoppers(30, 26), visits)).toEqual([])
    })

    it('does not take a search engine\'s referrer for a page rendered: the scraper sets it on every fetch', () => {
      const visit = proxyVisit('73.1.2.10', 2, T0 + 900_000).map((e) => ({ ...e, http_request_referrer: 'https://www.google.com/' }))
      expect(run(headless(), people(40), visit).find((d) => d.entity.type === 'ip')?.entity.value).toBe('73.1.2.10')
    })

    it('leaves alone an address where two people land from a search engine seconds apart: several user agents are several people', () => {
      const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1'
      const two = [
        req({ ...plain, ts: T0 + 900_000, source_ip: '172.58.9.9', url_path: '/p/10001', http_request_referrer: 'https://www.google.com/' }),
        req({ ...plain, ts: T0 + 902_000, source_ip: '172.58.9.9', url_path: '/p/10002', http_request_referrer: 'https://www.google.com/', user_agent_original: iphone }),
      ]
      expect(run(headless(), people(41), two).filter((d) => d.entity.type === 'ip')).toEqual([])
    })

    it('judges a Safari or iPhone user agent as the browser it claims, though it has no release cadence', () => {
      const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1'
      const visit = proxyVisit('73.1.2.9', 2, T0 + 900_000).map((e) => ({ ...e, user_agent_original: iphone }))
      expect(run(headless(), people(28), visit).find((d) => d.entity.type === 'ip')?.entity.value).toBe('73.1.2.9')
    })

    it('leaves alone people behind one carrier address who landed without a referrer, each page sending its beacon', () => {
      // The theme's scripts post to the shop on every page: the only trace of a page rendered where a CDN serves the assets.
      const landing = (at: number, path: string) => [
        req({ ...plain, ts: at, source_ip: '172.58.1.1', url_path: path, http_request_referrer: null }),
        req({ ...plain, ts: at + 1500, source_ip: '172.58.1.1', http_request_method: 'POST', url_path: '/events', http_response_status_code: 204, http_request_referrer: `https://shop.example${path}` }),
      ]
      expect(run(headless(), people(29), landing(T0 + 900_000, '/p/10001'), landing(T0 + 960_000, '/p/10777'))).toEqual([])
    })
  })

  describe('forms submitted without being loaded', () => {
    const plain = { session_id: null, tls_client_ja4: null }
    // Visits start after the first five minutes: a visit under way when the log starts shows writes without their page.
    const AT = T0 + 10 * 60_000
    // People whose every page posts its beacon: the shop's ordinary writers, each after its page.
    const people = (seed: number) =>
      shoppers(30, seed).flatMap((e) => {
        const page = { ...e, ...plain }
        if ((e.url_path ?? '').startsWith('/static/') || (e.url_path ?? '').startsWith('/img/')) return [page]
        return [page, { ...page, ts: e.ts + 2000, event_id: `${e.event_id}-b`, http_request_method: 'POST', url_path: '/events', http_response_status_code: 204, http_request_referrer: `https://shop.example${e.url_path ?? '/'}` }]
      })
    const post = (ip: string, ts: number, path = '/account/login') => req({ ...plain, ts, source_ip: ip, http_request_method: 'POST', url_path: path, http_response_status_code: 200, http_request_referrer: 'https://shop.example/account/login' })
    /** Someone who opens the login form, then submits it `tries` times. */
    const login = (ip: string, ts: number, tries: number) => [
      req({ ...plain, ts, source_ip: ip, url_path: '/account/login', http_request_referrer: 'https://shop.example/' }),
      req({ ...plain, ts: ts + 300, source_ip: ip, url_path: '/static/app.css', http_request_referrer: 'https://shop.example/account/login' }),
      ...Array.from({ length: tries }, (_, i) => post(ip, ts + 20_000 + i * 15_000)),
    ]

    it('reports an address that posts the login form again and again without loading it', () => {
      const stuffer = Array.from({ length: 5 }, (_, i) => post('45.1.2.3', AT + i * 3000))
      const d = run(headless(), people(30), stuffer).find((x) => x.entity.value === '45.1.2.3')
      expect(d?.threat).toBe('automation')
      expect(d?.explanation).toBe('5 writes to /account/login from a client claiming a browser that rendered no page before them in one visit: a form submitted without being loaded')
    })

    it('leaves alone a person who loads the form and gets the password wrong five times', () => {
      expect(run(headless(), people(31), login('73.9.9.9', AT, 5))).toEqual([])
    })

    it('reports every address of a campaign posting blind to one path once they are most of its writers', () => {
      const campaign = Array.from({ length: 12 }, (_, i) => post(`77.10.${i}.1`, AT + i * 40_000))
      const logins = Array.from({ length: 8 }, (_, i) => login(`73.20.${i}.1`, AT + i * 50_000, 1)).flat()
      const found = run(headless(), people(32), campaign, logins)
      expect(found.filter((d) => d.entity.value.startsWith('77.10.')).length).toBe(12)
      expect(found.find((d) => d.entity.value === '77.10.0.1')?.explanation).toMatch(/^1 write to \/account\/login from a client claiming a browser that rendered no page before it, as 10 addresses did within 30 min \(10 of 1\d writing there\): a form submitted without being loaded$/)
      expect(found.filter((d) => d.entity.value.startsWith('73.20.'))).toEqual([])
    })

    it('counts a script that fetches the form for its token and posts it back, rendering nothing, as posting blind', () => {
      const campaign = Array.from({ length: 12 }, (_, i) => [req({ ...plain, ts: AT + i * 40_000, source_ip: `77.11.${i}.1`, url_path: '/account/login', http_request_referrer: null }), post(`77.11.${i}.1`, AT + i * 40_000 + 800)]).flat()
      const found = run(headless(), people(37), campaign)
      expect(found.filter((d) => d.entity.value.startsWith('77.11.')).length).toBe(12)
    })

    it('leaves alone people who land without a referrer on a CDN-served page whose beacon posts elsewhere', () => {
      const landings = Array.from({ length: 20 }, (_, i) => [
        req({ ...plain, ts: AT + i * 30_000, source_ip: `73.60.${i}.1`, url_path: `/p/${10_000 + i}`, http_request_referrer: null }),
        post(`73.60.${i}.1`, AT + i * 30_000 + 1500, '/events'),
      ]).flat()
      expect(run(headless(), people(38), landings)).toEqual([])
    })

    it('leaves alone the few people whose stale tab or new address posts without the page, among many who log in', () => {
      const stale = Array.from({ length: 10 }, (_, i) => post(`88.30.${i}.1`, AT + i * 60_000))
      const logins = Array.from({ length: 40 }, (_, i) => login(`73.40.${i}.1`, AT + i * 15_000, 1)).flat()
      expect(run(headless(), people(33), stale, logins)).toEqual([])
    })

    it('reports an address whose payment posts are refused again and again, and leaves alone a declined card that goes through', () => {
      const checkout = (ip: string, ts: number, outcomes: number[]) => [
        req({ ...plain, ts, source_ip: ip, url_path: '/checkout', http_request_referrer: 'https://shop.example/cart' }),
        req({ ...plain, ts: ts + 300, source_ip: ip, url_path: '/static/app.js', http_request_referrer: 'https://shop.example/checkout' }),
        ...outcomes.map((status, i) => req({ ...plain, ts: ts + 20_000 + i * 9000, source_ip: ip, http_request_method: 'POST', url_path: '/checkout/payments', http_response_status_code: status, http_request_referrer: 'https://shop.example/checkout' })),
      ]
      const carder = checkout('45.9.9.9', AT, [402, 402, 402, 402, 402, 200, 402, 402, 402, 402, 402, 402])
      const buyer = checkout('73.9.9.8', AT, [402, 402, 402, 200])
      const found = run(headless(), people(35), carder, buyer)
      expect(found.map((d) => d.entity.value)).toEqual(['45.9.9.9'])
      expect(found[0]?.explanation).toBe('10 writes to /checkout/payments refused (last 402) in one visit, 1 accepted: a script retrying what the shop keeps refusing')
    })

    it('leaves alone an office behind one address where a dozen logins fail among many that succeed', () => {
      const office = Array.from({ length: 40 }, (_, i) => login('192.0.2.50', AT + i * 20_000, 1).map((e) => (e.http_request_method === 'POST' ? { ...e, http_response_status_code: i % 3 === 0 ? 401 : 302 } : e))).flat()
      expect(run(headless(), people(36), office)).toEqual([])
    })

    it('says nothing where a CDN caches whole pages, so that people\'s beacons and logins reach the log without their page', () => {
      const cached = Array.from({ length: 30 }, (_, i) => [
        post(`73.70.${i}.1`, AT + i * 20_000, '/events'),
        post(`73.70.${i}.1`, AT + i * 20_000 + 30_000, '/events'),
        ...(i % 3 === 0 ? [post(`73.70.${i}.1`, AT + i * 20_000 + 40_000)] : []),
      ]).flat()
      const stuffer = Array.from({ length: 6 }, (_, i) => post('45.1.2.9', AT + 60_000 + i * 3000))
      // The origin sees people's assets and writes, not their pages.
      const assetsOnly = shoppers(30, 39).filter((e) => (e.url_path ?? '').startsWith('/static/') || (e.url_path ?? '').startsWith('/img/')).map((e) => ({ ...e, ...plain }))
      expect(run(headless(), assetsOnly, cached, stuffer)).toEqual([])
    })

    it('leaves alone the beacons of visits already under way when the log starts', () => {
      const beacons = Array.from({ length: 20 }, (_, i) => post(`98.50.${i}.1`, T0 + 1000 + i * 500, '/events'))
      expect(run(headless(), people(34), beacons)).toEqual([])
    })
  })
})
