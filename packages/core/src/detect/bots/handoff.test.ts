import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createHandoffDetector, targetOf } from './handoff.ts'
import { CHROME_UA, FIREFOX_UA, req, run, SHOP, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const detector = () => [createHandoffDetector(testConfig())]
const SAFARI_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1'
const START = T0 + 600_000

/** A page fetched by one client, with its assets when it renders. */
function page(ip: string, ua: string, ts: number, path: string, query: string | null, referrer: string | null, renders = false): HttpEvent[] {
  const out = [req({ source_ip: ip, user_agent_original: ua, ts, url_path: path, url_query: query, http_request_referrer: referrer })]
  const target = query === null ? path : `${path}?${query}`
  if (renders) for (const [i, a] of ['/static/app.css', '/static/app.js'].entries()) out.push(req({ source_ip: ip, user_agent_original: ua, ts: ts + 300 + i * 100, url_path: a, http_request_referrer: `${SHOP}${target}` }))
  return out
}

/**
 * A search scraper over rotating exits: each term's first result page from one exit, its second
 * from another exit under another user agent seconds later, naming the first as its referrer.
 */
function searchScraper(terms: number, start = START): HttpEvent[] {
  const out: HttpEvent[] = []
  for (let i = 0; i < terms; i++) {
    const q = `s=oak+table+${i}&post_type=product`
    const t = start + i * 40_000
    out.push(...page(`203.0.113.${i + 1}`, CHROME_UA, t, '/', q, null))
    out.push(...page(`192.0.2.${i + 1}`, i % 2 === 0 ? SAFARI_UA : FIREFOX_UA, t + 4_000, '/page/2/', q, `${SHOP}/?${q}`))
  }
  return out
}

describe('bot.handoff', () => {
  it('names both exits of each search page handed from one exit and browser to another', () => {
    const found = run(detector(), shoppers(60, 1), searchScraper(6))
    const ips = found.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value)
    expect(ips.sort()).toEqual([...Array.from({ length: 6 }, (_, i) => `192.0.2.${i + 1}`), ...Array.from({ length: 6 }, (_, i) => `203.0.113.${i + 1}`)].sort())
    expect(found.every((d) => d.threat === 'OAT-011' && d.category === 'handoff' && d.score === 65)).toBe(true)
    expect(found.find((d) => d.entity.value === '192.0.2.1')?.explanation).toBe(
      `/page/2/ asked for with the referrer /?s=oak+table+0&post_type=product, which another browser (Chrome 142) at 203.0.113.1 fetched 4 s before without rendering it and this browser never fetched: one navigation carried on by another client, one of 5 such hand-offs at the shop in 30 min; a scraper rotating its exits and user agents`,
    )
    expect(found.find((d) => d.entity.value === '203.0.113.1')?.explanation).toMatch(
      /^\/\?s=oak\+table\+0&post_type=product fetched without rendering it, then named as the referrer 4 s later by another browser \(WebKit\) at 192\.0\.2\.1 that never fetched it: /,
    )
    expect(found.find((d) => d.entity.value === '203.0.113.1')?.related).toEqual([{ type: 'ip', value: '192.0.2.1' }])
  })

  it('names no one while the shop has shown fewer hand-offs than minHandoffs', () => {
    expect(run(detector(), shoppers(60, 1), searchScraper(4))).toEqual([])
  })

  it('leaves a phone moving from Wi-Fi to its carrier alone: its browser, and so its user agent, is the same', () => {
    const moves: HttpEvent[] = []
    for (let i = 0; i < 8; i++) {
      const t = START + i * 40_000
      moves.push(...page(`198.18.0.${i + 1}`, SAFARI_UA, t, `/product/${2000 + i}`, null, null))
      moves.push(...page(`100.64.0.${i + 1}`, SAFARI_UA, t + 5_000, `/product/${3000 + i}`, null, `${SHOP}/product/${2000 + i}`, true))
    }
    expect(run(detector(), shoppers(60, 1), moves)).toEqual([])
  })

  it('leaves a referrer naming a page another client rendered alone (a colleague behind the office address, a stale tab)', () => {
    const office: HttpEvent[] = []
    for (let i = 0; i < 8; i++) {
      const t = START + i * 40_000
      office.push(...page('192.0.2.200', CHROME_UA, t, `/product/${2000 + i}`, null, null, true))
      office.push(...page('192.0.2.200', FIREFOX_UA, t + 6_000, `/product/${3000 + i}`, null, `${SHOP}/product/${2000 + i}`, true))
    }
    expect(run(detector(), shoppers(60, 1), office)).toEqual([])
  })

  it('names only the client naming a page a few others fetched and none rendered: a job page-one fetched twice, then handed on', () => {
    // Each term's first page fetched by two exits (a retry), its second by a third exit under another user agent.
    const retried: HttpEvent[] = []
    for (let i = 0; i < 8; i++) {
      const q = `s=oak+bench+${i}&post_type=product`
      const t = START + i * 40_000
      retried.push(...page(`203.0.113.${i + 1}`, CHROME_UA, t, '/', q, null))
      retried.push(...page(`203.0.113.${i + 101}`, FIREFOX_UA, t + 1_000, '/', q, null))
      retried.push(...page(`192.0.2.${i + 1}`, SAFARI_UA, t + 4_000, '/page/2/', q, `${SHOP}/?${q}`))
    }
    const found = run(detector(), shoppers(60, 1), retried)
    expect(found.map((d) => d.entity.value).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `192.0.2.${i + 1}`).sort())
    expect(found.find((d) => d.entity.value === '192.0.2.1')?.explanation).toMatch(
      /^\/page\/2\/ asked for with the referrer \/\?s=oak\+bench\+0&post_type=product, which 2 other browsers fetched within 10 min and none rendered, the latest \(Firefox 145\) at 203\.0\.113\.101 3 s before, and this browser never fetched: /,
    )
  })

  it('leaves a page others fetched alone when one of them rendered it, or many fetched it (a listing people read)', () => {
    const read: HttpEvent[] = []
    const crowded: HttpEvent[] = []
    for (let i = 0; i < 8; i++) {
      const t = START + i * 40_000
      read.push(...page(`203.0.113.${i + 1}`, CHROME_UA, t, '/category/3', null, null, true))
      read.push(...page(`203.0.113.${i + 101}`, CHROME_UA, t + 1_000, '/category/3', null, null))
      read.push(...page(`192.0.2.${i + 1}`, SAFARI_UA, t + 4_000, `/product/${4000 + i}`, null, `${SHOP}/category/3`))
      for (let k = 0; k < 5; k++) crowded.push(...page(`203.0.114.${i * 5 + k + 1}`, CHROME_UA, t + k * 200, `/category/${10 + i}`, null, null))
      crowded.push(...page(`192.0.2.${i + 101}`, SAFARI_UA, t + 4_000, `/product/${5000 + i}`, null, `${SHOP}/category/${10 + i}`))
    }
    expect(run(detector(), shoppers(60, 1), read)).toEqual([])
    expect(run(detector(), shoppers(60, 1), crowded)).toEqual([])
  })

  it("leaves a page alone when the client naming it was one of those that fetched it, from another address (a phone off Wi-Fi)", () => {
    const moved: HttpEvent[] = []
    for (let i = 0; i < 8; i++) {
      const t = START + i * 40_000
      moved.push(...page(`198.18.0.${i + 1}`, SAFARI_UA, t, `/category/${20 + i}`, null, null))
      moved.push(...page(`203.0.113.${i + 1}`, CHROME_UA, t + 1_000, `/category/${20 + i}`, null, null))
      moved.push(...page(`100.64.0.${i + 1}`, SAFARI_UA, t + 5_000, `/product/${6000 + i}`, null, `${SHOP}/category/${20 + i}`))
    }
    expect(run(detector(), shoppers(60, 1), moved)).toEqual([])
  })

  it('leaves a shopper paging deep through search results alone: one client carries its own navigation', () => {
    const paging: HttpEvent[] = []
    for (let p = 1; p <= 12; p++) {
      const q = 's=linen&post_type=product'
      paging.push(...page('198.51.100.250', CHROME_UA, START + p * 15_000, p === 1 ? '/' : `/page/${p}/`, q, p === 1 ? null : `${SHOP}${p === 2 ? '/' : `/page/${p - 1}/`}?${q}`))
    }
    expect(run(detector(), shoppers(60, 1), paging)).toEqual([])
  })

  it('stands down on a log that shows no rendering (assets, scripts and beacon served elsewhere)', () => {
    const cdn = shoppers(60, 1).filter((e) => !(e.url_path ?? '').startsWith('/static/') && !(e.url_path ?? '').startsWith('/img/'))
    expect(run(detector(), cdn, searchScraper(8))).toEqual([])
  })

  it('reads the request target a referrer names: path and query, without host or fragment', () => {
    expect(targetOf('https://shop.example/page/2/?s=oak#top')).toBe('/page/2/?s=oak')
    expect(targetOf('https://shop.example')).toBe('/')
    expect(targetOf('/p?q=1')).toBe('/p?q=1')
    expect(targetOf('android-app://com.example')).toBe('/')
    expect(targetOf('not a url')).toBeNull()
  })
})
