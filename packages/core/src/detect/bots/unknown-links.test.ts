import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createUnknownLinksDetector } from './unknown-links.ts'
import { GOOGLE, prng, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const detector = (overrides: Record<string, unknown> = {}) => [createUnknownLinksDetector(testConfig({ unknownLinks: overrides }))]

const LISTINGS = 12
// A listing shows the same twenty products, the first rows clicked most, as a shop's category page does.
const shown = (listing: number, rand: () => number): string => `/product/l${listing}-${Math.floor(rand() * rand() * 20)}/`

/** One visit of an address: a landing page from `from` (a full URL or null), then each page clicked from the one named with it, `everyMs` apart. */
function visit(ip: string, start: number, landing: string, from: string | null, clicks: [string, string][], everyMs = 12_000): HttpEvent[] {
  const pages = [req({ source_ip: ip, ts: start, url_path: landing, http_request_referrer: from })]
  clicks.forEach(([path, ref], i) => {
    const [p, query] = path.split('?') as [string, string | undefined]
    pages.push(req({ source_ip: ip, ts: start + (i + 1) * everyMs, url_path: p, url_query: query ?? null, http_request_referrer: `${SHOP}${ref}` }))
  })
  return pages
}

/**
 * People over two hours: each lands on a listing, from a search engine or from the shop's own home page
 * (those count towards the shop's rates), and opens 3-5 of the products it shows; a third search first.
 */
function people(n: number, seed: number, everyMs = 18_000): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let i = 0; i < n; i++) {
    const listing = Math.floor(rand() * rand() * LISTINGS)
    const at = `/c/l${listing}/`
    const clicks: [string, string][] = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => [shown(listing, rand), at])
    const r = rand()
    const ip = `198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`
    if (r < 0.33) out.push(...visit(ip, T0 + i * everyMs, '/', null, [[`/?s=lamp${i}`, '/'], [at, `/?s=lamp${i}`], ...clicks]))
    else out.push(...visit(ip, T0 + i * everyMs, at, r < 0.5 ? `${SHOP}/` : GOOGLE, clicks))
  }
  return out
}

/** A farm's browsers: each lands on a listing and "clicks" six products of its own queue, none of them on that listing. */
function farm(n: number, seed: number, start = T0 + 3_000_000, net = '203.0.113'): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let i = 0; i < n; i++) {
    const at = `/c/l${i % 3}/`
    const clicks: [string, string][] = Array.from({ length: 6 }, () => [`/product/queue-${Math.floor(rand() * 5000)}/`, at])
    out.push(...visit(`${net}.${i + 1}`, start + i * 90_000, at, null, clicks))
  }
  return out
}

const named = (found: ReturnType<typeof run>): string[] => found.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value).sort()

describe('bot.unknown_links', () => {
  it('names the visits whose clicks from well-read listings go where nobody else clicked, and the farm as one actor', () => {
    const found = run(detector(), people(400, 1), farm(30, 2))
    const ips = named(found)
    expect(ips.length).toBeGreaterThanOrEqual(15)
    expect(ips.every((ip) => ip.startsWith('203.0.113.'))).toBe(true)
    expect(found.find((d) => d.entity.type === 'actor')?.entity.value).toBe('unknown_links')
    const one = found.find((d) => d.entity.type === 'ip')
    expect(one?.threat).toBe('OAT-011')
    expect(one?.explanation).toMatch(
      /^landed on \/c\/l\d\/ from outside the shop and followed 6 links from pages other visits click from \(\/c\/l\d\/ -> \/product\/queue-\d+\/, …\); 0 of them were links another address had followed, where people's clicks from the same pages would repeat [\d.]+; \d+ of \d+ such visits in 60 min did so, where [\d.]+% of people's visits that click as much do: a work queue choosing pages the shop's links do not lead to$/,
    )
  })

  it('judges the visits that ended before the baseline was read once it is, at the start of a log', () => {
    // Ten-odd minutes in, the shop's people have not clicked enough for their rates to be read.
    const early = farm(12, 4, T0 + 60_000, '203.0.114')
    const ips = named(run(detector(), people(400, 1), early, farm(30, 2)))
    expect(ips.filter((ip) => early.some((e) => e.source_ip === ip)).length).toBeGreaterThan(0)
  })

  it('names nobody among people alone, however their clicks spread', () => {
    expect(run(detector(), people(400, 3))).toEqual([])
  })

  it('leaves a sale alone: everyone lands on the same page and opens the same few items', () => {
    const rand = prng(5)
    const sale = Array.from({ length: 200 }, (_, i) =>
      visit(`192.0.2.${(i % 200) + 1}`, T0 + 600_000 + i * 20_000, '/sale/', 'https://mail.example/', Array.from({ length: 4 }, (): [string, string] => [`/product/deal-${Math.floor(rand() * 4)}/`, '/sale/'])),
    )
    const found = run(detector(), people(400, 1), ...sale, farm(30, 2))
    expect(named(found).filter((ip) => !ip.startsWith('203.0.113.'))).toEqual([])
    expect(named(found).length).toBeGreaterThanOrEqual(15)
  })

  it('leaves an office or a carrier NAT alone: many people behind one address, clicking what people click', () => {
    const rand = prng(7)
    const nat = Array.from({ length: 40 }, (_, i) => visit('100.64.0.1', T0 + 3_000_000 + i * 15_000, '/c/l1/', GOOGLE, Array.from({ length: 4 }, (): [string, string] => [shown(1, rand), '/c/l1/'])))
    const found = run(detector(), people(400, 1), ...nat, farm(30, 2))
    expect(named(found)).not.toContain('100.64.0.1')
    expect(named(found).length).toBeGreaterThanOrEqual(15)
  })

  it('does not judge a shopper paging deep through search results, nor one reading a page nobody else clicked from', () => {
    const rand = prng(9)
    const searcher = visit('198.18.1.1', T0 + 3_100_000, '/page/7/?s=lamp', GOOGLE, Array.from({ length: 6 }, (): [string, string] => [`/product/rare-${Math.floor(rand() * 5000)}/`, '/page/7/?s=lamp']))
    const deep = visit('198.18.1.2', T0 + 3_200_000, '/c/l4/page/9/', GOOGLE, Array.from({ length: 6 }, (): [string, string] => [`/product/rare-${Math.floor(rand() * 5000)}/`, '/c/l4/page/9/']))
    const found = run(detector(), people(400, 1), searcher, deep, farm(30, 2))
    expect(named(found)).not.toContain('198.18.1.1')
    expect(named(found)).not.toContain('198.18.1.2')
    expect(named(found).length).toBeGreaterThanOrEqual(15)
  })

  it('leaves alone a person back on a listing from a restored tab, opening what people open', () => {
    const rand = prng(11)
    const clicks = Array.from({ length: 5 }, (): [string, string] => [shown(0, rand), '/c/l0/'])
    // The first request is a tab restored with its old referrer; the rest are clicked on the listing the back button returns to.
    const restored = visit('198.18.2.1', T0 + 3_300_000, '/product/l0-1/', `${SHOP}/c/l0/`, clicks, 2_000)
    const ips = named(run(detector(), people(400, 1), restored, farm(30, 2)))
    expect(ips).not.toContain('198.18.2.1')
    expect(ips.length).toBeGreaterThanOrEqual(15)
  })

  it('stands down on a small shop: too few clicks to know where people go', () => {
    const small = people(150, 1, 48_000)
    expect(run(detector(), small, farm(30, 2))).toEqual([])
    // A page read by a few visits says little of where people click from it; the same farm beside a real shop's traffic is named.
    expect(named(run(detector(), people(400, 1), farm(30, 2))).length).toBeGreaterThan(0)
  })
})
