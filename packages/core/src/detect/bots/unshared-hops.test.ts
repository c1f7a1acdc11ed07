import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createUnsharedHopsDetector, parentOf, poissonLowerTail } from './unshared-hops.ts'
import { prng, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const detector = (overrides: Record<string, unknown> = {}) => [
  createUnsharedHopsDetector(testConfig({ unsharedHops: { minBaselineHops: 200, minBaselineRepeats: 20, ...overrides } })),
]

const PRODUCTS = 40
// Each product page links to the same three related products, as a shop's theme does.
const related = (p: number): number[] => [(p * 7 + 1) % PRODUCTS, (p * 11 + 3) % PRODUCTS, (p * 13 + 5) % PRODUCTS]

/**
 * One client's pages: each `[path, referrer path or null]`, `everyMs` apart; a `?` in the path is its query.
 * With `cookie`, every page after the first sends it (the shop sets it on the first response).
 */
function client(ip: string, pages: [string, string | null][], start: number, everyMs = 10_000, cookie: string | null = null): HttpEvent[] {
  return pages.map(([target, ref], i) => {
    const [path, query] = target.split('?') as [string, string | undefined]
    const session_id = i === 0 ? null : cookie
    return req({ source_ip: ip, session_id, ts: start + i * everyMs, url_path: path, url_query: query ?? null, http_request_referrer: ref === null ? null : `${SHOP}${ref}` })
  })
}

/** People: home, a listing, a product of its first rows, then 2–4 of its related links. */
function people(n: number, seed: number, start = T0): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let i = 0; i < n; i++) {
    let p = Math.floor(rand() * rand() * PRODUCTS)
    const pages: [string, string | null][] = [['/', null], ['/c/all/', '/'], [`/product/p${p}/`, '/c/all/']]
    const hops = 2 + Math.floor(rand() * 3)
    for (let h = 0; h < hops; h++) {
      const next = related(p)[Math.floor(rand() * 3)] as number
      pages.push([`/product/p${next}/`, `/product/p${p}/`])
      p = next
    }
    out.push(...client(`198.51.100.${(i % 250) + 1}`, pages, start + i * 9_000, 20_000))
  }
  return out
}

/** A farm's profiles: land on a product with no referrer, then "follow" links to products of their own list. */
function farm(n: number, seed: number, start = T0 + 3_600_000, cookies = false, hops = 9): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let i = 0; i < n; i++) {
    let p = `/product/tail-${Math.floor(rand() * 2000)}/`
    const pages: [string, string | null][] = [[p, null]]
    for (let h = 0; h < hops; h++) {
      const next = `/product/tail-${Math.floor(rand() * 2000)}/`
      pages.push([next, p])
      p = next
    }
    out.push(...client(`203.0.113.${i + 1}`, pages, start + i * 60_000, 10_000, cookies ? `profile-${i}` : null))
  }
  return out
}

const named = (found: ReturnType<typeof run>) => found.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value).sort()

describe('bot.unshared_hops', () => {
  it('names the profiles of a farm whose product-to-product hops no other client takes', () => {
    const found = run(detector(), people(600, 1), farm(15, 2))
    const ips = named(found)
    expect(ips.length).toBeGreaterThanOrEqual(10)
    expect(ips.every((ip) => ip.startsWith('203.0.113.'))).toBe(true)
    const member = found.find((d) => d.entity.type === 'ip')
    expect(member?.threat).toBe('OAT-011')
    expect(member?.explanation).toMatch(/^landed on \/product\/tail-\d+\/ from outside the shop and only followed links to sibling pages, 9 times; 0 of those hops \(0%\) were taken by any other address, where \d+(\.\d)?% of the shop's hops are/)
    const cohort = found.find((d) => d.entity.type === 'actor')
    expect(cohort?.evidence.find((x) => x.field === 'judged_hops')?.value).toBeGreaterThanOrEqual(90)
  })

  it('names the session cookie of a profile with its address, though its landing came before the cookie', () => {
    const found = run(detector(), people(600, 1), farm(15, 2, T0 + 3_600_000, true))
    const sessions = found.filter((d) => d.entity.type === 'session')
    expect(sessions.length).toBeGreaterThanOrEqual(10)
    expect(sessions.every((d) => d.entity.value.startsWith('profile-') && d.related.some((r) => r.type === 'ip' && r.value.startsWith('203.0.113.')))).toBe(true)
  })

  it('names profiles that hop only three times each, and leaves alone shopping-ad visitors who land on a product and follow three of its related links', () => {
    const short = farm(15, 3, T0 + 3_600_000, false, 3)
    const rand = prng(6)
    const ads = Array.from({ length: 10 }, (_, i) => {
      let p = Math.floor(rand() * rand() * PRODUCTS)
      const pages: [string, string | null][] = [[`/product/p${p}/?srsltid=x${i}`, null]]
      for (let h = 0; h < 3; h++) {
        const next = related(p)[Math.floor(rand() * 3)] as number
        pages.push([`/product/p${next}/`, `/product/p${p}/`])
        p = next
      }
      return client(`192.0.2.${i + 1}`, pages, T0 + 3_600_000 + i * 50_000).map((e, k) => (k === 0 ? { ...e, http_request_referrer: 'https://www.google.com/' } : e))
    })
    const ips = named(run(detector(), people(600, 1), short, ...ads))
    expect(ips.length).toBeGreaterThanOrEqual(10)
    expect(ips.every((ip) => ip.startsWith('203.0.113.'))).toBe(true)
    // Two hops are not judged: a person landing on a product and clicking twice is every other shopper.
    expect(named(run(detector(), people(600, 1), farm(15, 3, T0 + 3_600_000, false, 2)))).toEqual([])
  })

  it('leaves a newsletter crowd alone: it lands on one product and follows the same related links', () => {
    const rand = prng(5)
    const crowd = Array.from({ length: 40 }, (_, i) => {
      let p = 3
      const pages: [string, string | null][] = [[`/product/p${p}/?utm_medium=email`, null]]
      for (let h = 0; h < 6; h++) {
        const next = related(p)[Math.floor(rand() * 3)] as number
        pages.push([`/product/p${next}/`, `/product/p${p}/`])
        p = next
      }
      return client(`192.0.2.${i + 1}`, pages, T0 + 3_600_000 + i * 30_000)
    })
    expect(run(detector(), people(600, 1), ...crowd)).toEqual([])
  })

  it('leaves shoppers comparing products from search results alone: their products are not reached from each other', () => {
    const shoppers = Array.from({ length: 20 }, (_, i) => {
      const pages: [string, string | null][] = [['/?s=oak+table', null]]
      for (let h = 0; h < 8; h++) pages.push([`/product/tail-${i * 10 + h}/`, '/?s=oak+table'])
      return client(`192.0.2.${i + 1}`, pages, T0 + 3_600_000 + i * 60_000)
    })
    expect(run(detector(), people(600, 1), ...shoppers)).toEqual([])
  })

  it('does not flag one visitor walking through new products nobody has visited yet', () => {
    const pages: [string, string | null][] = [['/product/new-0/', null]]
    for (let h = 1; h < 10; h++) pages.push([`/product/new-${h}/`, `/product/new-${h - 1}/`])
    expect(run(detector(), people(600, 1), client('192.0.2.9', pages, T0 + 3_600_000))).toEqual([])
  })

  it('stands down on a small shop, whose people have taken too few hops to give a repeat rate', () => {
    expect(run(detector(), people(40, 1), farm(15, 2))).toEqual([])
  })

  it('reads a page parent and the Poisson lower tail', () => {
    expect(parentOf('/product/oak-table/')).toBe('/product')
    expect(parentOf('/p/12')).toBe('/p')
    expect(parentOf('/about/')).toBeNull()
    expect(poissonLowerTail(0, 2)).toBeCloseTo(Math.exp(-2), 12)
    expect(poissonLowerTail(1, 2)).toBeCloseTo(3 * Math.exp(-2), 12)
  })
})
