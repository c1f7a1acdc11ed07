import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createOrphanReferrerDetector } from './orphan-referrer.ts'
import { req, run, SHOP, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const detector = () => [createOrphanReferrerDetector(testConfig())]

// Enough people for the site's share of orphan referrers to be known (1,000 referred requests).
const crowd = (): HttpEvent[] => shoppers(300, 3)

/** Pages of one client: each `[path, referrer path or null]`, `everyMs` apart. */
function client(fields: Partial<HttpEvent>, pages: [string, string | null][], start = T0 + 3_000_000, everyMs = 20_000): HttpEvent[] {
  return pages.map(([path, ref], i) => req({ ...fields, ts: start + i * everyMs, url_path: path, http_request_referrer: ref === null ? null : `${SHOP}${ref}` }))
}

describe('bot.orphan_referrer', () => {
  it('flags a client whose shop referrers name pages it never fetched, by session and address', () => {
    const forger = client({ source_ip: '203.0.113.5', session_id: 'forger' }, [
      ['/category/3', null],
      ['/product/1001', '/category/3'],
      ['/product/1002', '/category/7'],
      ['/product/1003', '/category/8'],
      ['/product/1004', '/category/9'],
      ['/product/1005', '/category/11'],
      ['/product/1006', '/product/1005'],
    ], T0 + 3_000_000, 30_000)
    const found = run(detector(), crowd(), forger)
    expect(found.map((d) => d.entity.type).sort()).toEqual(['ip', 'session'])
    expect(found[0]?.explanation).toBe(
      '4 of 4 requests with a referrer from the shop name a page this client never fetched (/category/7), though it fetched 5 others: a forged referrer, or a visit carried on from another exit',
    )
  })

  it('leaves a phone that changes network mid-visit alone: its new address has nothing to compare with, its cookie has', () => {
    const onWifi = client({ source_ip: '198.18.0.4', session_id: 'phone' }, [['/', null], ['/category/3', '/'], ['/product/1001', '/category/3'], ['/product/1002', '/category/3']])
    const onCarrier = client({ source_ip: '100.64.9.9', session_id: 'phone' }, [['/product/1003', '/product/1002'], ['/product/1004', '/category/3'], ['/cart', '/product/1004']], T0 + 3_100_000)
    expect(run(detector(), crowd(), onWifi, onCarrier)).toEqual([])
  })

  it('leaves a Tor exit alone, where cookieless visits arrive mid-way from other exits', () => {
    const exit = { source_ip: '185.220.101.4', source_ip_flags: ['tor' as const], session_id: null }
    const visits = client(exit, [['/category/3', null], ...Array.from({ length: 6 }, (_, i): [string, string] => [`/product/${1001 + i}`, `/category/${7 + i}`])], T0 + 3_000_000, 30_000)
    expect(run(detector(), crowd(), visits)).toEqual([])
    // The same requests from a home address are one client forging referrers.
    expect(run(detector(), crowd(), visits.map((e) => ({ ...e, source_ip_flags: [] })))).toHaveLength(1)
  })

  it('leaves tabs restored after a browser restart (each naming a page of the last session) alone', () => {
    const tabs = client({ source_ip: '198.18.0.7', session_id: 'restored' }, [
      ['/product/1001', '/category/3'],
      ['/product/1002', '/category/3'],
      ['/product/1003', '/category/4'],
      ['/product/1004', '/search'],
    ], T0 + 3_000_000, 2_000)
    expect(run(detector(), crowd(), tabs)).toEqual([])
  })

  it('leaves referrers trimmed to the origin by privacy settings alone', () => {
    const trimmed = client({ source_ip: '198.18.0.8', session_id: 'private' }, [['/category/3', null], ...Array.from({ length: 6 }, (_, i): [string, string] => [`/product/${1001 + i}`, '/'])])
    expect(run(detector(), crowd(), trimmed)).toEqual([])
  })

  it("stays silent on a log whose pages a cache serves, where people's referrers are orphans too", () => {
    // Behind a page cache only some page views reach the log; the pages people came from mostly do not.
    const page = (e: HttpEvent): boolean => !/^\/(static|img)\//.test(e.url_path ?? '')
    const cached = shoppers(900, 4).filter((e, i) => page(e) && (e.url_path === '/' || i % 3 === 0))
    const forger = client({ source_ip: '203.0.113.5', session_id: 'forger' }, [['/category/3', null], ...Array.from({ length: 6 }, (_, i): [string, string] => [`/product/${1001 + i}`, `/category/${7 + i}`])], T0 + 7_000_000, 30_000)
    expect(run(detector(), cached, forger).filter((d) => d.entity.value === 'forger')).toEqual([])
    // The same forger is named where the cache's share of orphans is not taken as the log's.
    const lenient = [createOrphanReferrerDetector(testConfig({ sessionSignals: { orphanSiteShare: 1 } }))]
    expect(run(lenient, cached, forger).filter((d) => d.entity.value === 'forger')).toHaveLength(1)
  })
})
