import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createUnrenderedCohortDetector, peopleShare, sectionOf } from './unrendered-cohort.ts'
import { CHROME_UA, GOOGLE, prng, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const cohort = (overrides: Record<string, unknown> = {}) => [createUnrenderedCohortDetector(testConfig(overrides))]
const MIN = 60_000

/** A build of Chrome other than the farm's, so people spread over many builds as they do. */
const build = (major: number): string => CHROME_UA.replace('Chrome/142.', `Chrome/${major}.`)

interface Landing {
  ip: string
  ts: number
  path: string
  referrer?: string | null
  ua?: string
  /** The page's assets and its analytics beacon follow it (a browser that ran it). */
  rendered: boolean
  /** Pages of the visit after the landing, each followed from the one before. */
  then?: number
}

function landing(o: Landing): HttpEvent[] {
  const ua = o.ua ?? CHROME_UA
  const q = o.path.indexOf('?')
  const at = (p: string) => (q < 0 || p !== o.path ? { url_path: p, url_query: null } : { url_path: p.slice(0, q), url_query: p.slice(q + 1) })
  const out = [req({ ts: o.ts, source_ip: o.ip, user_agent_original: ua, ...at(o.path), http_request_referrer: o.referrer ?? null })]
  let t = o.ts
  let prev = o.path
  for (let i = 0; i <= (o.then ?? 0); i++) {
    if (i > 0) {
      t += 20_000
      const next = `/product/${5000 + i}`
      out.push(req({ ts: t, source_ip: o.ip, user_agent_original: ua, url_path: next, http_request_referrer: `${SHOP}${prev}` }))
      prev = next
    }
    if (!o.rendered) continue
    out.push(req({ ts: t + 300, source_ip: o.ip, user_agent_original: ua, url_path: '/static/app.js', http_request_referrer: `${SHOP}${prev}` }))
    out.push(req({ ts: t + 900, source_ip: o.ip, user_agent_original: ua, url_path: '/analytics/collect', http_request_method: 'POST', http_response_status_code: 204, http_request_referrer: `${SHOP}${prev}` }))
  }
  return out
}

/**
 * The shop's people over 30 minutes: `builds` Chrome builds, 30 landings each from Google or
 * nothing, one in twenty with nothing rendered (a content blocker, a warm cache that sends nothing).
 */
function people(builds: number, seed: number, start = T0): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let b = 0; b < builds; b++) {
    for (let i = 0; i < 30; i++) {
      const n = b * 30 + i
      out.push(
        ...landing({
          ip: `100.${64 + seed}.${b}.${i + 1}`,
          ts: start + Math.floor(rand() * 30 * MIN),
          path: `/product/${1000 + Math.floor(rand() * 40)}`,
          referrer: n % 2 === 0 ? GOOGLE : null,
          ua: build(120 + b),
          rendered: n % 20 !== 7,
          then: n % 3,
        }),
      )
    }
  }
  return out
}

/** Residential-proxy scraper: one product page per address, never rendered, `n` addresses over 25 minutes. */
function farm(n: number, o: { ua?: (i: number) => string; referrer?: string | null; path?: (i: number) => string; start?: number } = {}): HttpEvent[] {
  const out: HttpEvent[] = []
  for (let i = 0; i < n; i++) {
    const ts = (o.start ?? T0 + 2 * MIN) + Math.floor((i * 25 * MIN) / n)
    out.push(...landing({ ip: `81.${20 + (i % 50)}.${i}.9`, ts, path: o.path?.(i) ?? `/product/${20000 + i * 7}`, referrer: o.referrer ?? null, ua: o.ua?.(i) ?? CHROME_UA, rendered: false }))
  }
  return out
}

const flaggedIps = (ds: ReturnType<typeof run>) => new Set(ds.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value))

describe('bot.unrendered_cohort', () => {
  it('flags one build whose landings from many addresses render nothing, and every address of it', () => {
    const ds = run(cohort(), people(12, 1), farm(40))
    const actor = ds.find((d) => d.entity.type === 'actor' && !d.entity.value.startsWith('ua=* '))
    expect(actor?.detector).toBe('bot.unrendered_cohort')
    expect(actor?.threat).toBe('OAT-011')
    expect(actor?.entity.value).toContain('landing=/product/ from=none')
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(40)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    const member = ds.find((d) => d.entity.value === '81.20.0.9')
    expect(member?.explanation).toMatch(/^1 page \(\/product\/20000\) fetched without rendering: one of \d+ visits by (one browser build|browsers of any build) landing on \/product\/ with no referrer that rendered nothing/)
    expect(actor?.explanation).toMatch(/^a scraper spread over many addresses: \d+ visits by one browser build landing on \/product\/ with no referrer that rendered nothing .* from \d+ addresses in 30 min, where the 0 such visits that rendered/)
    expect(member?.related[0]?.type).toBe('actor')
    expect(member?.related[0]?.value).toContain('landing=/product/ from=none')
  })

  it('finds a farm that rotates its user agent too, through the cohort of every build, and names no person on other builds', () => {
    const ds = run(cohort(), people(12, 2), farm(60, { ua: (i) => build(150 + (i % 12)), referrer: GOOGLE, start: T0 + 8 * MIN }))
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(60)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    expect(ds.some((d) => d.entity.type === 'actor' && d.entity.value.startsWith('ua=* '))).toBe(true)
  })

  it('leaves alone a marketing e-mail that sends thousands of people to one product page at once, a few with nothing rendered', () => {
    const rand = prng(30)
    const out: HttpEvent[] = []
    for (let i = 0; i < 2000; i++) {
      out.push(...landing({ ip: `203.0.${i >> 8}.${i & 255}`, ts: T0 + 3 * MIN + i * 300, path: '/product/777', ua: build(130 + (i % 10)), rendered: rand() >= 0.05 }))
    }
    expect(run(cohort(), people(12, 3), out)).toEqual([])
  })

  it('leaves alone people landing from a comparison site feed, spread over the catalogue', () => {
    const rand = prng(40)
    const out: HttpEvent[] = []
    for (let i = 0; i < 400; i++) {
      out.push(...landing({ ip: `203.1.${i >> 8}.${i & 255}`, ts: T0 + MIN + i * 4000, path: `/product/${3000 + i}?variant=${i}`, referrer: 'https://www.idealo.de/', ua: build(125 + (i % 6)), rendered: rand() >= 0.06 }))
    }
    expect(run(cohort(), people(12, 4), out)).toEqual([])
  })

  it('does not judge a carrier CGNAT address, where phones of several builds land within one visit', () => {
    const out: HttpEvent[] = []
    for (let i = 0; i < 300; i++) {
      // Three pool addresses; each phone renders nothing (pages cached by the app's webview), but an address carries many builds at once.
      out.push(...landing({ ip: `172.58.0.${i % 3}`, ts: T0 + MIN + i * 5000, path: `/product/${4000 + i}`, ua: build(120 + (i % 5)), rendered: false }))
    }
    expect(run(cohort(), people(12, 5), out)).toEqual([])
  })

  it('stays silent until enough builds show what people do', () => {
    expect(run(cohort(), people(3, 6), farm(40))).toEqual([])
  })

  it('needs the surge from several addresses', () => {
    const one: HttpEvent[] = []
    for (let i = 0; i < 40; i++) one.push(...landing({ ip: '81.1.1.1', ts: T0 + 2 * MIN + i * 3 * MIN, path: `/product/${i}`, rendered: false }))
    expect(run(cohort({ unrenderedCohort: { visitGapSeconds: 60 } }), people(12, 7), one)).toEqual([])
  })

  it('counts no new shape once its table of cohorts is full', () => {
    // 12 builds × two referrers, and the every-build cohorts: a table of 16 has no room for the farm.
    expect(run(cohort({ unrenderedCohort: { maxCohorts: 16 } }), people(12, 8), farm(40, { start: T0 + 29 * MIN }))).toEqual([])
  })
})

describe('peopleShare', () => {
  it("reads people's rate from the builds holding half of the rendered visits, lowest share first", () => {
    const builds = [
      ...Array.from({ length: 6 }, () => ({ bare: 2, total: 40 })),
      ...Array.from({ length: 6 }, () => ({ bare: 30, total: 32 })),
    ]
    expect(peopleShare(builds, 5)).toBeCloseTo(0.05, 5)
    expect(peopleShare(builds.slice(0, 4), 5)).toBeNull()
  })
})

describe('sectionOf', () => {
  it('is the first path segment, or the listing of a numbered page', () => {
    const pages = new Set(['page'])
    expect(sectionOf('/products/linen-shirt', null, pages)).toBe('/products/')
    expect(sectionOf('/collections/all', 'page=7', pages)).toBe('/collections/all')
    expect(sectionOf('/cart', null, pages)).toBe('/cart')
  })
})
