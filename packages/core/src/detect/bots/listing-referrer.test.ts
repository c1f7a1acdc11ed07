import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createListingReferrerDetector } from './listing-referrer.ts'
import { req, run, SHOP, shoppers, T0, testConfig } from './fixtures/traffic.ts'

const detector = (overrides: Record<string, unknown> = {}) => [createListingReferrerDetector(testConfig(overrides))]

// Enough people, each naming the page it came from, for the site's share to be known (100 clients judged).
const crowd = (): HttpEvent[] => shoppers(300, 3)

/** Pages of one client: each `[path, referrer path or null]`, `everyMs` apart; a `?` in the path is its query. */
function client(fields: Partial<HttpEvent>, pages: [string, string | null][], start = T0 + 3_000_000, everyMs = 12_000): HttpEvent[] {
  return pages.map(([target, ref], i) => {
    const [path, query] = target.split('?') as [string, string | undefined]
    return req({ ...fields, ts: start + i * everyMs, url_path: path, url_query: query ?? null, http_request_referrer: ref === null ? null : `${SHOP}${ref}` })
  })
}

// A browser farm's worker: lands on page 4 of a listing, then "clicks" products on the listing's first page, which it never loaded.
const farmWorker = (ip: string, start = T0 + 3_000_000): HttpEvent[] =>
  client({ source_ip: ip }, [
    ['/c/throws/page/4/', null],
    ['/product/brisa-throw/', '/c/throws/'],
    ['/product/ravello-blanket/', '/c/throws/'],
    ['/c/throws/page/5/', '/product/ravello-blanket/'],
    ['/product/whitby-blanket/', '/c/throws/'],
  ], start)

describe('bot.listing_referrer', () => {
  it('names a client whose products name a page of a listing it never loaded, beside the page of it that it did', () => {
    const found = run(detector(), crowd(), farmWorker('203.0.113.5'))
    expect(found.map((d) => d.entity)).toEqual([{ type: 'ip', value: '203.0.113.5' }])
    expect(found[0]?.threat).toBe('OAT-011')
    expect(found[0]?.explanation).toBe(
      '3 of 4 requests with a referrer from the shop, at 3 separate moments, name a page of a listing this client never loaded (/c/throws/) nor showed it had, though it loaded another page of it (/c/throws/page/4/): a browser sends the page its link was on, a script sends the page it was told',
    )
  })

  it('leaves alone a person back on a first page the log never saw load, once they paged from it', () => {
    // The first page is a tab older than anything the detector remembers: the visit begins on a product, then pages on from that tab.
    const person = client({ source_ip: '198.18.0.20' }, [
      ['/product/linen-throw/', null],
      ['/c/throws/page/2/', '/c/throws/'],
      ['/product/a/', '/c/throws/page/2/'],
      // Back to the first page twice, from the back/forward cache: products clicked on it.
      ['/product/b/', '/c/throws/'],
      ['/product/c/', '/c/throws/'],
      ['/c/throws/page/3/', '/c/throws/page/2/'],
      ['/product/d/', '/c/throws/'],
      ['/product/e/', '/c/throws/'],
    ])
    expect(run(detector(), crowd(), person)).toEqual([])
  })

  it('leaves alone a phone that changed network: its first request from the new address names the page it had', () => {
    const phone = client({ source_ip: '198.18.0.21' }, [
      ['/product/a/', '/c/lamps/'],
      ['/c/lamps/page/2/', '/product/a/'],
      ['/product/b/', '/c/lamps/'],
      ['/product/c/', '/c/lamps/'],
      ['/product/d/', '/c/lamps/'],
    ])
    expect(run(detector(), crowd(), phone)).toEqual([])
  })

  it('counts a burst of tabs opened from one stale page, or a session restore, as one act', () => {
    // Page 2 reached from a product; the first page comes back from the cache, unseen, and six products open from it in three seconds.
    const tabs = client({ source_ip: '198.18.0.22' }, [
      ['/c/throws/page/2/', null],
      ['/product/a/', '/c/throws/page/2/'],
      ['/c/throws/page/3/', '/product/a/'],
      ...['b', 'c', 'd', 'e', 'f', 'g'].map((p): [string, null | string] => [`/product/${p}/`, '/c/throws/']),
    ])
    const burst = tabs.map((e, i) => (i < 3 ? e : { ...e, ts: (tabs[2] as HttpEvent).ts + 30_000 + (i - 3) * 500 }))
    // A browser restarted mid-visit reloads its tabs at once, each with the referrer it had: two listings' first pages.
    const restore = client({ source_ip: '198.18.0.23' }, [
      ['/c/lamps/page/2/', null],
      ['/c/throws/page/2/', '/c/lamps/page/2/'],
      ['/product/a/', '/c/lamps/'],
      ['/product/b/', '/c/throws/'],
      ['/product/c/', '/c/lamps/'],
      ['/product/d/', '/c/throws/'],
    ], T0 + 3_000_000, 400)
    expect(run(detector(), crowd(), burst, restore)).toEqual([])
    // Spread over minutes the same requests are a queue's clicks.
    expect(run(detector({ listingReferrer: { burstSeconds: 0 } }), crowd(), burst, restore).map((d) => d.entity.value).sort()).toEqual(['198.18.0.22', '198.18.0.23'])
  })

  it('reads page numbers in the query too, and names the session cookie with its address', () => {
    const worker = client({ source_ip: '203.0.113.6', session_id: 'ctx-1' }, [
      ['/shop?page=3', null],
      ['/product.php?id=1001', '/shop'],
      ['/product.php?id=1002', '/shop'],
      ['/product.php?id=1003', '/shop'],
    ])
    const found = run(detector(), crowd(), worker)
    expect(found.map((d) => d.entity.type).sort()).toEqual(['ip', 'session'])
    expect(found.find((d) => d.entity.type === 'session')?.related).toEqual([{ type: 'ip', value: '203.0.113.6' }])
  })

  it('leaves a shopper paging through a listing deep and opening products from each page alone', () => {
    const pages: [string, string | null][] = [['/c/throws/', null]]
    for (let n = 2; n <= 9; n++) {
      const at = `/c/throws/page/${n}/`
      pages.push([at, pages[pages.length - 1]?.[0] ?? null], [`/product/p${n}a/`, at], [`/product/p${n}b/`, at])
    }
    // Back to the first page from the browser's back/forward cache (no request), then a product from it.
    pages.push(['/product/p1a/', '/c/throws/'])
    expect(run(detector(), crowd(), client({ source_ip: '198.18.0.4' }, pages))).toEqual([])
  })

  it('leaves an office or a carrier NAT alone: each person names pages their browser loaded, whatever the others load', () => {
    const office = { source_ip: '192.0.2.10' }
    const deep = client(office, [['/c/throws/page/3/', null], ['/product/a/', '/c/throws/page/3/'], ['/product/b/', '/c/throws/page/3/'], ['/product/c/', '/c/throws/page/3/']])
    const first = client(office, [['/c/throws/', null], ['/product/d/', '/c/throws/'], ['/product/e/', '/c/throws/'], ['/product/f/', '/c/throws/']], T0 + 3_006_000)
    expect(run(detector(), crowd(), deep, first)).toEqual([])
  })

  it('does not judge referrers trimmed to the shop origin (a privacy setting names no page)', () => {
    const trimmed = client({ source_ip: '198.18.0.9' }, [['/page/2/', null], ['/product/a/', '/'], ['/product/b/', '/'], ['/product/c/', '/']])
    expect(run(detector(), crowd(), trimmed)).toEqual([])
  })

  it('stands down on a small shop until enough clients have had a referrer judged', () => {
    const few = shoppers(20, 3)
    expect(run(detector(), few, farmWorker('203.0.113.5'))).toEqual([])
    expect(run(detector({ listingReferrer: { siteMinClients: 10 } }), few, farmWorker('203.0.113.5'))).toHaveLength(1)
  })

  it('stands down where a cache in front of the log serves listing pages, so people name pages the log never saw', () => {
    // Each loads page 2 from the shop, goes back to the first page the cache served, and opens three products on it.
    const cachedPeople = Array.from({ length: 300 }, (_, i) =>
      client({ source_ip: `198.19.${Math.floor(i / 200)}.${(i % 200) + 1}` }, [['/c/lamps/page/2/', null], ['/product/a/', '/c/lamps/'], ['/product/b/', '/c/lamps/'], ['/product/c/', '/c/lamps/']], T0 + 3_000 + i * 7_000, 30_000),
    )
    expect(run(detector(), crowd(), ...cachedPeople, farmWorker('203.0.113.5'))).toEqual([])
    // Without the stand-down those people would be named with the worker.
    expect(run(detector({ listingReferrer: { siteMaxShare: 1 } }), crowd(), ...cachedPeople, farmWorker('203.0.113.5')).length).toBeGreaterThan(100)
  })
})
