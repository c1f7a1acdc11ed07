import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../../util/mulberry32.ts'
import { defaultDetectConfig } from '../config.ts'
import { CHROME_UA, req, T0 } from '../bots/fixtures/traffic.ts'
import { fmtDuration, fmtInt, joinClauses } from './format.ts'
import { createHttpFactsDeriver, deviceKeyOf, entityKey, httpFacts, sessionKeyOf } from './http-facts.ts'
import { createCrawlerVerifier, hostingFlag, subnetOf } from './network.ts'
import { catalogId, decodedLower, pageIdentity, requestKind, requestPath, requestQuery } from './request-kind.ts'
import { combine, ramp } from './score.ts'
import { Sessionizer } from './sessions.ts'
import { SiteBaseline } from './site-baseline.ts'
import { claimedBrowser, createEventUa, createUaAnalyzer, ja4Mismatch, uaFindings, versionVerdict, browserFamilies } from './user-agent.ts'

const config = defaultDetectConfig()

describe('http facts', () => {
  it('interns entities in the engine deriver: equal to fresh facts, one object per entity, bounded', () => {
    const derive = createHttpFactsDeriver(2)
    const e1 = req({ ts: 0, source_ip: '10.0.0.1', session_id: 's1', device_id: 'd1', url_path: '/a' })
    // The deriver refills one object per event: what a test keeps of it is copied out.
    const first = { ...derive(e1) }
    expect(first).toEqual(httpFacts(e1))
    const again = { ...derive(req({ ts: 1, source_ip: '10.0.0.1', session_id: 's1', device_id: 'd1', url_path: '/b' })) }
    expect(again.ip).toBe(first.ip)
    expect(again.named).toBe(first.named)
    expect(again.device).toBe(first.device)
    expect(again.path).toBe('/b')
    // A full table is dropped: later entities are new objects with the same keys.
    derive(req({ ts: 2, source_ip: '10.0.0.2' }))
    derive(req({ ts: 2, source_ip: '10.0.0.3' }))
    const later = derive(req({ ts: 3, source_ip: '10.0.0.1' }))
    expect(later.ip).not.toBe(first.ip)
    expect(later.ip?.key).toBe(first.ip?.key)
    expect(later.named).toBe(null)
    expect(later.clientKey).toBe(httpFacts(req({ ts: 3, source_ip: '10.0.0.1' })).clientKey)
  })
  it("names an event's session and device by the facts' interned keys, and an empty id by a key built the same way", () => {
    const derive = createHttpFactsDeriver()
    const e = req({ ts: 0, source_ip: '10.0.0.1', session_id: 's1', device_id: 'd1' })
    const f = derive(e)
    expect(sessionKeyOf(e, f)).toBe(f.named?.key)
    expect(deviceKeyOf(e, f)).toBe(f.device?.key)
    expect(sessionKeyOf(e, f)).toBe(entityKey({ type: 'session', value: 's1' }))
    // A device id alone names the session in the facts: its session key is still none.
    const deviceOnly = req({ ts: 1, source_ip: '10.0.0.1', session_id: null, device_id: 'd1' })
    expect(sessionKeyOf(deviceOnly, derive(deviceOnly))).toBeNull()
    // An empty cookie is no entity of the facts (named falls back to the device), yet a key of its own here.
    const empty = req({ ts: 2, source_ip: '10.0.0.1', session_id: '', device_id: '' })
    const g = derive(empty)
    expect(g.named).toBeNull()
    expect(sessionKeyOf(empty, g)).toBe(entityKey({ type: 'session', value: '' }))
    expect(deviceKeyOf(empty, g)).toBe(entityKey({ type: 'device', value: '' }))
  })
})

describe('request kind', () => {
  it('tells pages, API calls, assets, robots.txt and sitemaps apart', () => {
    const kind = (url_path: string, extra = {}) => requestKind(req({ ts: 0, url_path, ...extra }), url_path)
    expect(kind('/product/12')).toBe('page')
    expect(kind('/static/app.3f2a.js')).toBe('static')
    expect(kind('/img/a.webp')).toBe('static')
    expect(kind('/api/cart')).toBe('api')
    expect(kind('/robots.txt')).toBe('robots')
    expect(kind('/sitemap-products.xml')).toBe('sitemap')
    expect(kind('/whatever', { url_is_static: true })).toBe('static')
    expect(requestPath(req({ ts: 0, url_path: null, url_original: '/a/b?x=1' }))).toBe('/a/b')
  })

  it('finds catalog ids in the last path segment', () => {
    expect(catalogId('/product/1001')).toEqual({ template: '/product/{n}', id: 1001 })
    expect(catalogId('/p/red-shoe-778/')).toEqual({ template: '/p/red-shoe-{n}', id: 778 })
    expect(catalogId('/about')).toBeNull()
    expect(catalogId('/x/1234567890123456789')).toBeNull()
  })

  it('tells pages apart by the query parameters that pick their content, not by tracking or ordering', () => {
    expect(pageIdentity('/product.php', 'id=1001')).toBe('/product.php?id=1001')
    expect(pageIdentity('/index.php', 'route=product/product&product_id=42&utm_source=news')).toBe('/index.php?route=product/product&product_id=42')
    expect(pageIdentity('/', 'p=123')).toBe('/?p=123')
    expect(pageIdentity('/', 'product=blue-linen-shirt&fbclid=IwAR0x')).toBe('/?product=blue-linen-shirt')
    // One category sorted, laid out and priced three ways, reached from two campaigns: one page.
    for (const q of ['sort=price&order=ASC', 'orderby=date&limit=100&view=grid', 'currency=EUR&gclid=Cj0K&_ga=2.1', 'msclkid=abc&utm_campaign=x', 'ref=home&', '']) {
      expect(pageIdentity('/c/shoes', q)).toBe('/c/shoes')
    }
    expect(pageIdentity('/c/shoes', 'page=3&sort=price')).toBe('/c/shoes?page=3')
    expect(pageIdentity('/search', 'q=red+shoes')).toBe('/search?q=red+shoes')
    // A parameter without a value names nothing; four content parameters at most, values cut.
    expect(pageIdentity('/c/shoes', 'amp&id=')).toBe('/c/shoes')
    expect(pageIdentity('/x', 'a=1&b=2&c=3&d=4&e=5')).toBe('/x?a=1&b=2&c=3&d=4')
    expect(pageIdentity('/x', `q=${'z'.repeat(500)}`)).toBe(`/x?q=${'z'.repeat(64)}`)
    expect(pageIdentity('/x', null)).toBe('/x')
    expect(requestQuery(req({ ts: 0, url_path: null, url_original: '/p.php?id=7#top' }))).toBe('id=7')
    expect(requestQuery(req({ ts: 0, url_path: '/p.php', url_query: 'id=8', url_original: '/p.php?id=9' }))).toBe('id=8')
    expect(requestQuery(req({ ts: 0, url_path: '/p.php', url_original: '/p.php' }))).toBeNull()
  })

  it('answers each page for its own path and query when calls repeat and alternate (the last answer is kept)', () => {
    // Equal text in new string objects, the same path with another query and the reverse, and back.
    const calls: [string, string, string][] = [
      ['/product.php', 'id=1001', '/product.php?id=1001'],
      [['/product', '.php'].join(''), ['id=', '1001'].join(''), '/product.php?id=1001'],
      ['/product.php', 'id=1002', '/product.php?id=1002'],
      ['/item.php', 'id=1002', '/item.php?id=1002'],
      ['/product.php', 'id=1001&utm_source=x', '/product.php?id=1001'],
      ['/product.php', 'id=1001', '/product.php?id=1001'],
    ]
    for (const [path, query, page] of [...calls, ...calls.reverse()]) {
      expect(pageIdentity(path, query)).toBe(page)
      expect(pageIdentity(path, null)).toBe(path)
    }
    for (const page of ['/product/1001', '/product/1001', '/about', '/product.php?id=7', '/product/1001', '/about']) {
      const id = catalogId(page)
      expect(id === null ? null : { ...id }).toEqual(page === '/about' ? null : page === '/product.php?id=7' ? { template: '/product.php?id={n}', id: 7 } : { template: '/product/{n}', id: 1001 })
    }
  })

  it('finds catalog ids in the query before the path', () => {
    expect(catalogId('/product.php?id=1001')).toEqual({ template: '/product.php?id={n}', id: 1001 })
    expect(catalogId('/index.php?route=product/product&product_id=42')).toEqual({ template: '/index.php?route=product/product&product_id={n}', id: 42 })
    expect(catalogId('/c/shoes?page=3')).toEqual({ template: '/c/shoes?page={n}', id: 3 })
    expect(catalogId('/p/1001?color=red')).toEqual({ template: '/p/{n}', id: 1001 })
    expect(catalogId('/?product=blue-shirt')).toBeNull()
  })

  it('stays linear on 100 KB of pathological paths', () => {
    const evil = `/${'1a/'.repeat(33_000)}${'9'.repeat(1000)}`
    expect(catalogId(evil)).toBeNull()
    expect(catalogId(`/x?${'1a&'.repeat(33_000)}`)).toEqual({ template: `/x?${'1a&'.repeat(32_999)}{n}a&`, id: 1 })
    expect(pageIdentity('/x', '&='.repeat(50_000))).toBe('/x')
    expect(decodedLower('%'.repeat(100_000)).length).toBe(4096)
    expect(decodedLower('/wp-login.php')).toBe('/wp-login.php')
    expect(decodedLower('/A+B%2Fetc%2FPASSWD')).toBe('/a b/etc/passwd')
    expect(decodedLower('/Ärger')).toBe('/ärger')
  })
})

describe('user-agent anomalies', () => {
  const families = browserFamilies(config)
  it('reads the claimed browser, Edge before Chrome, with the headless marker', () => {
    expect(claimedBrowser(CHROME_UA, families)).toEqual({ family: 'Chrome', major: 142, headless: false })
    expect(claimedBrowser(`${CHROME_UA} Edg/142.0.1`, families)?.family).toBe('Edg')
    expect(claimedBrowser(CHROME_UA.replace('Chrome/', 'HeadlessChrome/'), families)?.headless).toBe(true)
    expect(claimedBrowser('curl/8.0', families)).toBeNull()
  })

  it('judges versions against the release cadence at the event date', () => {
    const at = Date.parse('2026-11-20T00:00:00Z')
    expect(versionVerdict({ family: 'Chrome', major: 142, headless: false }, at, config)).toBe('current')
    expect(versionVerdict({ family: 'Chrome', major: 165, headless: false }, at, config)).toBe('impossible')
    expect(versionVerdict({ family: 'Chrome', major: 110, headless: false }, at, config)).toBe('stale')
  })

  it('finds TLS clients no browser produces', () => {
    const chrome = { family: 'Chrome', major: 142, headless: false }
    expect(ja4Mismatch(chrome, 't13d1516h2_8daaf6152771_02713d6af862', config)).toBeNull()
    expect(ja4Mismatch(chrome, 't12d1209h2_d34a8e72043a_b39be8c56a14', config)).toBe('TLS 1.2 only')
    expect(ja4Mismatch(chrome, 't13i1516h2_8daaf6152771_02713d6af862', config)).toBe('no SNI')
    expect(ja4Mismatch(chrome, 't13d151600_8daaf6152771_02713d6af862', config)).toBe('no ALPN')
    expect(ja4Mismatch(chrome, 'garbage', config)).toBeNull()
  })

  it('takes automation from the enrichment and degrades gracefully without it', () => {
    const enriched = uaFindings(req({ ts: T0, user_agent_original: 'Scrapy/2.11', user_agent_bot_name: 'Scrapy', user_agent_bot_kind: 'automation' }), families, config)
    expect(enriched.automation).toBe('Scrapy')
    expect(uaFindings(req({ ts: T0, user_agent_original: 'Scrapy/2.11' }), families, config).automation).toBeNull()
  })

  it('caches per user agent and ja4 without changing a finding, the date check included', () => {
    const analyse = createUaAnalyzer(families, config)
    const events = [
      req({ ts: T0 }),
      req({ ts: T0, tls_client_ja4: 't12d1209h2_d34a8e72043a_b39be8c56a14' }),
      req({ ts: T0, user_agent_original: CHROME_UA.replace('Chrome/142', 'Chrome/170') }),
      req({ ts: T0 + 400 * 86_400_000, user_agent_original: CHROME_UA.replace('Chrome/142', 'Chrome/170') }),
      req({ ts: T0, user_agent_original: CHROME_UA, user_agent_bot_name: 'Puppeteer', user_agent_bot_kind: 'headless' }),
      req({ ts: T0, user_agent_original: null }),
    ]
    for (const e of [...events, ...events]) expect(analyse(e)).toEqual(uaFindings(e, families, config))
    expect(analyse(events[2]!).version).not.toBe(analyse(events[3]!).version)
  })

  it('computes the shared per-event finding once per event, and again when a refilled event changes', () => {
    const eventUa = createEventUa(config)
    const e = req({ ts: T0 })
    const first = eventUa(e)
    expect(first).toEqual(uaFindings(e, families, config))
    // Every detector of the event after the first reads the same object, also from an equal copy of the event.
    expect(eventUa(e)).toBe(first)
    expect(eventUa({ ...e })).toBe(first)
    // A caller that refills one object per request: each field the finding depends on is a new answer.
    e.user_agent_bot_name = 'Puppeteer'
    e.user_agent_bot_kind = 'headless'
    expect(eventUa(e).automation).toBe('Puppeteer')
    e.user_agent_bot_name = null
    e.user_agent_bot_kind = null
    e.tls_client_ja4 = 't12d1209h2_d34a8e72043a_b39be8c56a14'
    expect(eventUa(e).mismatch).toBe('TLS 1.2 only')
    e.tls_client_ja4 = null
    e.user_agent_original = CHROME_UA.replace('Chrome/142', 'Chrome/170')
    expect(eventUa(e).version).toBe('impossible')
    e.ts = T0 + 400 * 86_400_000
    expect(eventUa(e).version).toBe('current')
  })
})

describe('sessions', () => {
  it('prefers the cookie, then the device, then rebuilds from IP + UA split by inactivity', () => {
    const s = new Sessionizer(30 * 60_000, 100)
    expect(s.sessionOf(req({ ts: T0, session_id: 'abc', device_id: 'd' }))).toEqual({ type: 'session', value: 'abc' })
    expect(s.sessionOf(req({ ts: T0, device_id: 'd' }))).toEqual({ type: 'device', value: 'd' })
    const a = s.sessionOf(req({ ts: T0, source_ip: '192.0.2.1' }))
    const b = s.sessionOf(req({ ts: T0 + 29 * 60_000, source_ip: '192.0.2.1' }))
    const c = s.sessionOf(req({ ts: T0 + 61 * 60_000, source_ip: '192.0.2.1' }))
    expect(a).toEqual(b)
    expect(c).not.toEqual(b)
    expect(a?.value.startsWith('192.0.2.1 ua:')).toBe(true)
  })

  it('works without any IP, from the TLS fingerprint and user agent', () => {
    const s = new Sessionizer(30 * 60_000, 100)
    expect(s.sessionOf(req({ ts: T0 }))?.value).toMatch(/^ja4:t13d1516h2_8daaf6152771_02713d6af862 ua:/)
    expect(s.sessionOf(req({ ts: T0, user_agent_original: null, tls_client_ja4: null }))).toBeNull()
  })

  it('gives every sessionizer the same rebuilt session for an event, and another client its own at the same instant', () => {
    const [one, two] = [new Sessionizer(30 * 60_000, 100), new Sessionizer(30 * 60_000, 100)]
    const e = req({ ts: T0, source_ip: '192.0.2.7' })
    expect(two.sessionOf(e)).toEqual(one.sessionOf(e))
    // The same object changed in place (as a caller reusing its event might) is another client.
    e.user_agent_original = 'curl/8.5.0'
    const otherUa = one.sessionOf(e)
    e.source_ip = '192.0.2.8'
    const otherIp = one.sessionOf(e)
    expect(new Set([two.sessionOf(req({ ts: T0, source_ip: '192.0.2.7' }))?.value, otherUa?.value, otherIp?.value]).size).toBe(3)
  })

  it('answers two detectors asking in turn for each event (a shared sessionizer) as it answers one alone', () => {
    const [shared, alone] = [new Sessionizer(10 * 60_000, 5), new Sessionizer(10 * 60_000, 5)]
    const rand = mulberry32(3)
    let t = T0
    for (let i = 0; i < 5000; i++) {
      // Eight clients for a table of five, with gaps around the session gap.
      t += Math.floor(rand() * 4 * 60_000)
      const e = req({ ts: t, source_ip: `192.0.2.${Math.floor(rand() * 8)}` })
      const first = shared.sessionOf(e)
      expect(shared.sessionOf(e)).toEqual(first)
      expect(first).toEqual(alone.sessionOf(e))
      if (i % 50 === 0) {
        shared.evictIdle(t)
        shared.evictIdle(t)
        alone.evictIdle(t)
      }
    }
  })
})

describe('network', () => {
  it('computes /24 and /48 subnets and rejects garbage', () => {
    expect(subnetOf('203.0.113.77')).toBe('203.0.113.0/24')
    expect(subnetOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48')
    expect(subnetOf('not-an-ip')).toBeNull()
  })

  it('verifies crawlers by their published ranges or their operator network', () => {
    const v = createCrawlerVerifier(config)
    const bot = { user_agent_bot_name: 'Googlebot', user_agent_bot_kind: 'crawler' }
    expect(v.check(req({ ts: 0, ...bot, source_ip_flags: ['crawler'] }))).toBe('verified')
    expect(v.check(req({ ts: 0, ...bot, source_ip_flags: [], source_as_number: 15169 }))).toBe('verified')
    expect(v.check(req({ ts: 0, ...bot, source_ip_flags: ['cloud'], source_as_number: 16509 }))).toBe('refuted')
    expect(v.check(req({ ts: 0, ...bot }))).toBe('unverifiable')
    const ahrefs = { user_agent_bot_name: 'AhrefsBot', user_agent_bot_kind: 'crawler', source_ip_flags: [] }
    expect(v.check(req({ ts: 0, ...ahrefs }))).toBe('unverifiable')
    expect(v.check(req({ ts: 0 }))).toBe('none')
    expect(hostingFlag(['relay'])).toBeNull()
    expect(hostingFlag(['cloud', 'tor'])).toBe('tor')
  })
})

describe('site baseline', () => {
  it('trusts the asset and cookie signals only where the log carries them', () => {
    const withAssets = new SiteBaseline(10)
    const bare = new SiteBaseline(10)
    for (let i = 0; i < 20; i++) {
      const page = req({ ts: i, url_path: '/p', session_id: 's' })
      withAssets.add(page, 'page')
      withAssets.add(req({ ts: i, url_path: '/a.js' }), 'static')
      bare.add(req({ ts: i, url_path: '/p' }), 'page')
    }
    expect(withAssets.assetsLogged).toBe(true)
    expect(withAssets.cookiesLogged).toBe(true)
    expect(bare.assetsLogged).toBe(false)
    expect(bare.cookiesLogged).toBe(false)
  })
})

describe('scoring and formatting', () => {
  it('combines evidence by noisy-OR and ranks what fired', () => {
    const r = combine([
      { name: 'a', weight: 0.5, strength: 1, phrase: 'a' },
      { name: 'b', weight: 0.6, strength: 1, phrase: 'b' },
      { name: 'c', weight: 0.9, strength: 0, phrase: 'c' },
    ])
    expect(r.score).toBe(80)
    expect(r.fired.map((s) => s.name)).toEqual(['b', 'a'])
    expect(ramp(5, 0, 10)).toBe(0.5)
    expect(fmtDuration(9 * 60_000)).toBe('9 min')
    expect(fmtDuration(125 * 60_000)).toBe('2 h 5 min')
    expect(joinClauses(['x', 'y', 'z'])).toBe('x, y and z')
  })

  it('formats counts as en-US Intl does, on its fast path for small whole numbers and off it', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
    const values = [0, -0, 1, 7, 999, 999.4, 999.5, 1000, 1234, 12.5, 0.5, -1, -999, 1e6, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]
    for (let n = 0; n < 2000; n += 37) values.push(n, n + 0.5)
    for (const n of values) expect(fmtInt(n), String(n)).toBe(intl.format(n))
    expect(fmtInt(1234)).toBe('1,234')
  })
})
