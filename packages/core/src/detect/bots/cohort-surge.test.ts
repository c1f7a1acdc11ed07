import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createCohortSurgeDetector, peopleShare, sectionOf } from './cohort-surge.ts'
import { CHROME_UA, GOOGLE, prng, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const cohort = (overrides: Record<string, unknown> = {}) => [createCohortSurgeDetector(testConfig(overrides))]
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
  /** Milliseconds between those pages (20 s unless given). */
  gap?: number
  /** Puts the third page's product in the cart (an action: a write to another path than the beacon's). */
  act?: boolean
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
      t += o.gap ?? 20_000
      const next = `/product/${5000 + i}`
      out.push(req({ ts: t, source_ip: o.ip, user_agent_original: ua, url_path: next, http_request_referrer: `${SHOP}${prev}` }))
      prev = next
    }
    if (!o.rendered) continue
    out.push(req({ ts: t + 300, source_ip: o.ip, user_agent_original: ua, url_path: '/static/app.js', http_request_referrer: `${SHOP}${prev}` }))
    out.push(req({ ts: t + 900, source_ip: o.ip, user_agent_original: ua, url_path: '/analytics/collect', http_request_method: 'POST', http_response_status_code: 204, http_request_referrer: `${SHOP}${prev}` }))
    if (o.act === true && i === 2) out.push(req({ ts: t + 1500, source_ip: o.ip, user_agent_original: ua, url_path: '/cart/add', http_request_method: 'POST', http_request_referrer: `${SHOP}${prev}` }))
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

/** People who read: `builds` builds, ten long visits each (ten pages 25-60 s apart), one in five of them acting. */
function readers(builds: number, seed: number): HttpEvent[] {
  const rand = prng(seed)
  const out: HttpEvent[] = []
  for (let b = 0; b < builds; b++) {
    for (let i = 0; i < 10; i++) {
      out.push(...landing({ ip: `100.${100 + seed}.${b}.${i + 1}`, ts: T0 + Math.floor(rand() * 25 * MIN), path: `/product/${2000 + i}`, ua: build(120 + b), rendered: true, then: 9, gap: 25_000 + Math.floor(rand() * 35_000), act: i % 5 === 0 }))
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

/** The events with the HTTP version their requests came over (null: not logged). */
const over = (version: string | null, events: HttpEvent[]): HttpEvent[] => events.map((e) => ({ ...e, http_version: version }))

const flaggedIps = (ds: ReturnType<typeof run>) => new Set(ds.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value))

describe('bot.cohort_surge', () => {
  it('flags one build whose landings from many addresses render nothing, and every address of it', () => {
    const ds = run(cohort(), people(12, 1), farm(40))
    const actor = ds.find((d) => d.entity.type === 'actor' && !d.entity.value.startsWith('unrendered ua=* ') && !d.entity.value.includes(' landing=* '))
    expect(actor?.detector).toBe('bot.cohort_surge')
    expect(actor?.threat).toBe('OAT-011')
    expect(actor?.entity.value).toContain('landing=/product/ from=none')
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(40)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    const member = ds.find((d) => d.entity.value === '81.20.0.9')
    expect(member?.explanation).toMatch(/^1 page from \/product\/20000 fetched without rendering: one of \d+ visits by (one browser build|browsers of any build) landing on \/product\/ with no referrer that rendered nothing/)
    expect(actor?.explanation).toMatch(/^a scraper spread over many addresses: \d+ visits by one browser build landing on \/product\/ with no referrer that rendered nothing .* from \d+ addresses in 30 min, where the 0 other such visits would account for 0.0/)
    expect(member?.related[0]?.type).toBe('actor')
    expect(member?.related[0]?.value).toContain('landing=/product/ from=none')
  })

  it('finds a farm that rotates its user agent too, through the cohort of every build, and names no person on other builds', () => {
    const ds = run(cohort(), people(12, 2), farm(60, { ua: (i) => build(150 + (i % 12)), referrer: GOOGLE, start: T0 + 8 * MIN }))
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(60)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    expect(ds.some((d) => d.entity.type === 'actor' && d.entity.value.startsWith('unrendered ua=* '))).toBe(true)
  })

  it('finds a farm of one build spread over four landings, too few on each, through the cohort of its every landing', () => {
    const shapes = [
      { referrer: null, path: (i: number) => `/product/${20000 + i}` },
      { referrer: GOOGLE, path: (i: number) => `/product/${30000 + i}` },
      { referrer: null, path: (i: number) => `/category/${i}` },
      { referrer: GOOGLE, path: (i: number) => `/category/${100 + i}` },
    ]
    const ua = build(139)
    const spread = shapes.flatMap((sh, k) => farm(8, { ua: () => ua, referrer: sh.referrer, path: sh.path, start: T0 + 2 * MIN + k * 15_000 }).map((e) => ({ ...e, source_ip: `${e.source_ip}${k}` })))
    const ds = run(cohort(), people(12, 1), spread)
    expect(ds.some((d) => d.entity.type === 'actor' && d.entity.value.includes(' landing=* from=*'))).toBe(true)
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(32)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    expect(ds.find((d) => d.entity.value === '81.20.0.90')?.explanation).toMatch(/^1 page from \/product\/20000 fetched without rendering: one of \d+ visits by one browser build landing anywhere that rendered nothing \(no asset, script call or beacon\), from \d+ addresses in 30 min, while the build had only 0 other visits; a scraper spread over many addresses$/)
  })

  it('names the visits of a farm rotating through builds no person wears, one visit each, and not a person on a worn build landing as it does', () => {
    // 150 builds, one visit each from another address: no build and landing holds two. A person with a content blocker
    // lands as the farm does on a build people wear (build 121); another on a build nobody else wears (Chrome 119) lands
    // where no farm does.
    const rotating = farm(150, { ua: (i) => build(160 + i) })
    const blocked = [
      ...landing({ ip: '100.72.0.1', ts: T0 + 6 * MIN, path: '/product/1003', ua: build(121), rendered: false }),
      ...landing({ ip: '100.72.0.3', ts: T0 + 9 * MIN, path: '/category/4', referrer: 'https://www.bing.com/', ua: build(119), rendered: false }),
    ]
    const ds = run(cohort(), people(12, 2), rotating, blocked)
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(150)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    expect(ds.find((d) => d.entity.value === '81.20.0.9')?.explanation).toMatch(/^1 page from \/product\/20000 fetched without rendering: one of \d+ visits by browsers of any build landing on \/product\/ with no referrer that rendered nothing/)
  })

  it('does not pool the landings of a build people use: their habit differs by landing', () => {
    // People on build 120 render on products and often send nothing on listings (a CDN's cached listing);
    // a farm wearing that build on products and listings, below the mark on each landing, is not named across them.
    const rand = prng(8)
    const listings: HttpEvent[] = []
    for (let i = 0; i < 30; i++) listings.push(...landing({ ip: `100.90.0.${i + 1}`, ts: T0 + Math.floor(rand() * 30 * MIN), path: `/category/${i % 5}`, ua: build(120), rendered: i % 3 !== 0 }))
    const spread = [null, GOOGLE].flatMap((referrer, k) => farm(8, { ua: () => build(120), referrer, start: T0 + 2 * MIN + k * 15_000 }).map((e) => ({ ...e, source_ip: `${e.source_ip}${k}` })))
    const ds = run(cohort(), people(12, 1), listings, spread)
    expect(ds.some((d) => d.entity.type === 'actor' && d.entity.value.includes(' landing=* '))).toBe(false)
    expect([...flaggedIps(ds)].filter((ip) => ip.startsWith('100.'))).toEqual([])
  })

  it('leaves alone people whose habit differs by landing: listings a cache serves, products it does not', () => {
    // Every build's people render their product pages and a third of their listing landings send nothing more.
    const rand = prng(23)
    const shoppers: HttpEvent[] = []
    for (let b = 0; b < 12; b++) {
      for (let i = 0; i < 30; i++) {
        const onListing = i % 2 === 0
        shoppers.push(...landing({ ip: `100.73.${b}.${i + 1}`, ts: T0 + Math.floor(rand() * 30 * MIN), path: onListing ? `/category/${i % 6}` : `/product/${1000 + i}`, referrer: i % 4 < 2 ? GOOGLE : null, ua: build(120 + b), rendered: !onListing || rand() >= 0.34 }))
      }
    }
    expect(run(cohort(), shoppers)).toEqual([])
  })

  it('leaves alone a marketing e-mail that sends thousands of people to one product page at once, a few with nothing rendered', () => {
    const rand = prng(30)
    const out: HttpEvent[] = []
    for (let i = 0; i < 2000; i++) {
      out.push(...landing({ ip: `203.0.${i >> 8}.${i & 255}`, ts: T0 + 3 * MIN + i * 300, path: '/product/777', ua: build(130 + (i % 10)), rendered: rand() >= 0.05 }))
    }
    expect(run(cohort(), people(12, 3), out)).toEqual([])
  })

  it("leaves alone a newsletter's readers each on a build of their own (mail apps' webviews), a few with nothing rendered", () => {
    // 600 readers in 25 minutes, each webview's user agent its own, one in twenty sending nothing after the page.
    const rand = prng(31)
    const readers: HttpEvent[] = []
    for (let i = 0; i < 600; i++) {
      readers.push(...landing({ ip: `203.9.${i >> 8}.${i & 255}`, ts: T0 + 2 * MIN + i * 2500, path: `/product/${800 + (i % 3)}`, ua: `${build(140)} MailApp/${7000 + i}`, rendered: rand() >= 0.05 }))
    }
    expect(run(cohort(), people(12, 32), readers)).toEqual([])
  })

  it('leaves alone buyers back from the payment provider, whose order page comes with no referrer and nothing rendered', () => {
    // Each buyer browses (rendered), pays at the card issuer for three minutes, and comes back to a page whose assets this log does not hold.
    const buyers: HttpEvent[] = []
    for (let b = 0; b < 12; b++) {
      for (let i = 0; i < 12; i++) {
        const ip = `203.6.${b}.${i + 1}`
        const ts = T0 + MIN + (i * 12 + b) * 11_000
        buyers.push(...landing({ ip, ts, path: `/product/${6000 + i}`, referrer: GOOGLE, ua: build(120 + b), rendered: true, then: 2 }))
        buyers.push(...landing({ ip, ts: ts + 4 * MIN, path: `/checkouts/${b * 100 + i}/thank_you`, ua: build(120 + b), rendered: false }))
      }
    }
    expect(run(cohort(), people(12, 15), buyers)).toEqual([])
  })

  it('leaves alone buyers paying from the cart drawer of a page opened long ago: the cart write names the page', () => {
    const buyers: HttpEvent[] = []
    for (let b = 0; b < 12; b++) {
      for (let i = 0; i < 12; i++) {
        const ip = `203.8.${b}.${i + 1}`
        const ts = T0 + MIN + (i * 12 + b) * 11_000
        const ua = build(120 + b)
        buyers.push(req({ ts, source_ip: ip, user_agent_original: ua, url_path: '/cart/add', http_request_method: 'POST', http_request_referrer: `${SHOP}/product/${6000 + i}` }))
        buyers.push(req({ ts: ts + 90_000, source_ip: ip, user_agent_original: ua, url_path: `/checkouts/${b * 100 + i}/payments`, http_request_method: 'POST' }))
        buyers.push(...landing({ ip, ts: ts + 92_000, path: `/checkouts/${b * 100 + i}/thank_you`, ua, rendered: false }))
      }
    }
    expect(run(cohort(), people(12, 17), buyers)).toEqual([])
  })

  it('names nobody on a log with no asset and no beacon, whose people all land on one page from search', () => {
    const rand = prng(16)
    const out: HttpEvent[] = []
    for (let b = 0; b < 12; b++) {
      for (let i = 0; i < 30; i++) out.push(...landing({ ip: `203.7.${b}.${i + 1}`, ts: T0 + Math.floor(rand() * 30 * MIN), path: `/product/${1000 + Math.floor(rand() * 40)}`, referrer: GOOGLE, ua: build(120 + b), rendered: false }))
    }
    expect(run(cohort(), out, farm(40, { referrer: GOOGLE }))).toEqual([])
  })

  it('judges nothing as unrendered on a log that shows no browser rendering at all, where a page followed from another is all a person leaves', () => {
    // The same people, farm and builds as the first case, with no asset, script call or beacon in the log.
    const bare = (events: HttpEvent[]) => events.filter((e) => e.url_path?.startsWith('/product/') === true)
    expect(flaggedIps(run(cohort(), bare(people(12, 1)), bare(farm(40)))).size).toBe(0)
    expect(flaggedIps(run(cohort(), people(12, 1), farm(40))).size).toBe(40)
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

  it('flags a farm of real browsers that land from nowhere and click through a dozen pages a few seconds apart without acting', () => {
    const browsers: HttpEvent[] = []
    for (let i = 0; i < 20; i++) {
      browsers.push(...landing({ ip: `82.${30 + i}.7.${i + 1}`, ts: T0 + 2 * MIN + i * 80_000, path: `/product/${30000 + i}`, rendered: true, then: 12, gap: 6000 }))
    }
    const ds = run(cohort(), people(12, 9), readers(8, 9), browsers)
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('82.')).length).toBe(20)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    const member = ds.find((d) => d.entity.value === '82.30.7.1')
    expect(member?.explanation).toMatch(/^13 pages from \/product\/30000 read in haste: one of \d+ visits by one browser build landing on \/product\/ with no referrer that read 8 pages or more, most under 10 s apart, and did nothing on the way/)
  })

  it('leaves alone people who always hurry, a few on each of many builds', () => {
    const hurried: HttpEvent[] = []
    for (let b = 0; b < 14; b++) {
      for (let i = 0; i < 3; i++) hurried.push(...landing({ ip: `203.4.${b}.${i + 1}`, ts: T0 + 2 * MIN + (b * 3 + i) * 30_000, path: '/', rendered: true, then: 10, gap: 5000, ua: build(140 + b) }))
    }
    expect(run(cohort(), people(12, 12), readers(8, 12), hurried)).toEqual([])
  })

  it('does not judge the haste of a visit that resumes from a page of the shop (tabs opened in a burst, then read)', () => {
    const tabs: HttpEvent[] = []
    for (let i = 0; i < 30; i++) {
      const ip = `203.5.0.${i + 1}`
      const t = T0 + 2 * MIN + i * 40_000
      // Eight products opened from a listing within seconds, each rendered; the reading comes after the visit's gap.
      for (let k = 0; k < 8; k++) {
        tabs.push(req({ ts: t + k * 1500, source_ip: ip, url_path: `/product/${7000 + i * 8 + k}`, http_request_referrer: `${SHOP}/c/bags` }))
        tabs.push(req({ ts: t + k * 1500 + 300, source_ip: ip, url_path: '/static/app.js', http_request_referrer: `${SHOP}/product/${7000 + i * 8 + k}` }))
      }
    }
    expect(run(cohort(), people(12, 14), readers(8, 14), tabs)).toEqual([])
  })

  it('leaves alone a flash sale, where people click through pages as fast but put things in the cart', () => {
    const rushed: HttpEvent[] = []
    for (let i = 0; i < 40; i++) {
      rushed.push(...landing({ ip: `203.2.0.${i + 1}`, ts: T0 + 2 * MIN + i * 30_000, path: `/product/${30000 + i}`, rendered: true, then: 12, gap: 6000, act: true }))
    }
    expect(run(cohort(), people(12, 10), readers(8, 10), rushed)).toEqual([])
  })

  it('does not take people refining a listing with filters, a reload every few seconds, for haste', () => {
    const facets: HttpEvent[] = []
    for (let i = 0; i < 40; i++) {
      const ip = `203.3.0.${i + 1}`
      let t = T0 + 2 * MIN + i * 30_000
      for (let k = 0; k < 12; k++) {
        const query = k === 0 ? null : `color=${k % 4}&size=${k}&sort=price`
        facets.push(req({ ts: t, source_ip: ip, url_path: '/c/shoes', url_query: query, http_request_referrer: k === 0 ? GOOGLE : `${SHOP}/c/shoes` }))
        facets.push(req({ ts: t + 300, source_ip: ip, url_path: '/static/app.js', http_request_referrer: `${SHOP}/c/shoes` }))
        t += 4000
      }
    }
    expect(run(cohort(), people(12, 11), readers(8, 11), facets)).toEqual([])
  })

  it("names an HTTP/1.1 client wearing people's own builds one visit at a time, and none of the people on them", () => {
    // Five visits per build per half hour on the twelve builds people wear, landing as people land: too few on each
    // build, and too few across builds against people's own unrendered visits, while counted with the browsers.
    const stack = over('HTTP/1.1', farm(60, { ua: (i) => build(120 + (i % 12)) }))
    const browsers = over('HTTP/2.0', people(12, 41))
    expect([...flaggedIps(run(cohort(), browsers, over(null, stack)))].filter((ip) => ip.startsWith('81.'))).toEqual([])
    const ds = run(cohort(), browsers, stack)
    const ips = flaggedIps(ds)
    expect([...ips].filter((ip) => ip.startsWith('81.')).length).toBe(60)
    expect([...ips].filter((ip) => ip.startsWith('100.'))).toEqual([])
    expect(ds.some((d) => d.entity.type === 'actor' && d.entity.value.startsWith('unrendered ua=* over=HTTP/1.1 landing=/product/ from=none'))).toBe(true)
    // With the stack's visits counted apart, people's own rate reads low enough for the cohort of every build to name them too.
    expect(ds.find((d) => d.entity.value === '81.20.0.9')?.explanation).toMatch(/^1 page from \/product\/20000 fetched without rendering: one of \d+ visits by browsers of any build/)
  })

  it('leaves alone an office whose proxy speaks HTTP/1.1 for its browsers, a warm cache among them, beside that client', () => {
    // Thirty colleagues on the managed Edge build through the proxy's addresses, rendering, two with nothing to fetch.
    const edge = `${build(131)} Edg/131.0.0.0`
    const office: HttpEvent[] = []
    for (let i = 0; i < 30; i++) office.push(...landing({ ip: `100.80.1.${i + 1}`, ts: T0 + MIN + i * 50_000, path: `/product/${1000 + (i % 40)}`, ua: edge, rendered: i % 15 !== 4, then: i % 3 }))
    const ds = run(cohort(), over('HTTP/2.0', people(12, 42)), over('HTTP/1.1', office), over('HTTP/1.1', farm(60, { ua: (i) => build(120 + (i % 12)) })))
    expect([...flaggedIps(ds)].filter((ip) => ip.startsWith('81.')).length).toBe(60)
    expect([...flaggedIps(ds)].filter((ip) => ip.startsWith('100.'))).toEqual([])
  })

  it('names the same addresses on a log whose every request came over HTTP/1.1 (a CDN edge talking to the origin) as on one without the version', () => {
    const traffic = () => [
      people(12, 2),
      farm(150, { ua: (i) => build(160 + i) }),
      landing({ ip: '100.72.0.1', ts: T0 + 6 * MIN, path: '/product/1003', ua: build(121), rendered: false }),
      farm(40, { ua: () => build(126), referrer: GOOGLE, start: T0 + 3 * MIN }).map((e) => ({ ...e, source_ip: `${e.source_ip}7` })),
    ]
    const plain = flaggedIps(run(cohort(), ...traffic()))
    expect(plain.size).toBe(190)
    expect(flaggedIps(run(cohort(), ...traffic().map((events) => over('HTTP/1.1', events))))).toEqual(plain)
  })

  it('leaves a visit refused something to the scanner and write detectors', () => {
    const probes = farm(40)
    for (const e of [...probes]) probes.push(req({ ts: e.ts + 2000, source_ip: e.source_ip, url_path: '/.env', http_response_status_code: 404 }))
    expect(run(cohort(), people(12, 13), probes)).toEqual([])
  })

  it('stays silent until enough builds show what people do', () => {
    expect(run(cohort(), people(3, 6), farm(40))).toEqual([])
  })

  it('needs the surge from several addresses', () => {
    const one: HttpEvent[] = []
    for (let i = 0; i < 40; i++) one.push(...landing({ ip: '81.1.1.1', ts: T0 + 2 * MIN + i * 3 * MIN, path: `/product/${i}`, rendered: false }))
    expect(run(cohort({ cohortSurge: { visitGapSeconds: 60 } }), people(12, 7), one)).toEqual([])
  })

  it('counts no new shape once its table of cohorts is full', () => {
    // Sixteen builds' landings fill a table of sixteen before the farm comes.
    const filler: HttpEvent[] = []
    for (let b = 0; b < 16; b++) {
      for (let i = 0; i < 6; i++) filler.push(...landing({ ip: `100.90.${b}.${i + 1}`, ts: T0 + b * 1000 + i * 100, path: `/product/${b * 10 + i}`, ua: build(100 + b), rendered: true }))
    }
    const stream = () => [filler, farm(40, { start: T0 + 5 * MIN })]
    expect(flaggedIps(run(cohort(), ...stream())).size).toBe(40)
    expect(run(cohort({ cohortSurge: { maxCohorts: 16 } }), ...stream())).toEqual([])
  })
})

describe('peopleShare', () => {
  it("reads people's rate from the builds holding half of the usual visits, lowest share first", () => {
    const builds = [
      ...Array.from({ length: 6 }, () => ({ odd: 2, total: 40 })),
      ...Array.from({ length: 6 }, () => ({ odd: 30, total: 32 })),
    ]
    expect(peopleShare(builds, 5, 'pooled')).toBeCloseTo(0.05, 5)
    expect(peopleShare(builds.slice(0, 4), 5, 'pooled')).toBeNull()
  })

  it('takes the share of the build at the halfway mark where only some people hurry, not the pool of those who never do', () => {
    // Eight builds of people, a fifth of whose long visits hurry, unevenly: the lowest pool to nothing.
    const builds = [
      { odd: 0, total: 8 }, { odd: 0, total: 6 }, { odd: 1, total: 8 }, { odd: 2, total: 9 },
      { odd: 2, total: 8 }, { odd: 2, total: 7 }, { odd: 3, total: 8 }, { odd: 3, total: 6 },
    ]
    expect(peopleShare(builds, 5, 'pooled')).toBeLessThan(0.1)
    expect(peopleShare(builds, 5, 'middle')).toBeGreaterThan(0.2)
  })
})

describe('sectionOf', () => {
  it('is the first path segment or a numbered page\'s listing, and for a search its path marked as one whatever the term', () => {
    const pages = new Set(['page'])
    const search = new Set(['s', 'q'])
    expect(sectionOf('/products/linen-shirt', null, pages, search)).toBe('/products/')
    expect(sectionOf('/collections/all', 'page=7', pages, search)).toBe('/collections/all')
    expect(sectionOf('/cart', null, pages, search)).toBe('/cart')
    expect(sectionOf('/collections/all', 'page=3&filter=red', pages, search)).toBe('/collections/all?filter=red')
    expect(sectionOf('/category.php', 'id=3&page=2', pages, search)).toBe('/category.php?id=3')
    expect(sectionOf('/', null, pages, search)).toBe('/')
    expect(sectionOf('/', 's=oak+chair&post_type=product', pages, search)).toBe('/?s=')
    expect(sectionOf('/page/2/', 's=oak+table&post_type=product', pages, search)).toBe('/?s=')
    expect(sectionOf('/search', 'q=red', pages, search)).toBe('/search?q=')
  })
})
