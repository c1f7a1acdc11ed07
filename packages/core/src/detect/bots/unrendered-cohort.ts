/**
 * `bot.unrendered_cohort` (OAT-011): a scraper spread over residential proxies fetches one to
 * three pages per address with a real browser's user agent and renders none of them (no asset,
 * no script call, no beacon, no page reached from another). One such visit is also what a
 * person with a content blocker or a warm cache leaves, so no address is suspicious on its own.
 * The farm shows as a population: visits of one shape (exact user agent, the referrer host they
 * land from, the section of the site they land on) that leave nothing rendered far more often
 * than the shop's people do.
 *
 * People's habit is read from the log itself: per browser build, the share of its visits that
 * rendered nothing; the builds in the lower half of that share (a farm wears a few builds, people
 * many) give the shop's rate. A cohort is a farm when its unrendered visits are a surge that rate
 * would almost never give (Poisson tail below `pValue`) AND the people of that shape, counted by
 * its rendered visits, explain at most `1 - minFarmShare` of them: people who land as the farm
 * does and render leave a few unrendered visits beside them, which is as much as a person with a
 * content blocker can be confused with it. The cohort (entity `actor`) and every address of its
 * unrendered visits are flagged, later ones as they end.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { splitUrl } from '../../ingest/url.ts'
import { poissonTail } from '../accounts/rare-event-surge.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtInt, fmtPercent } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { requestQuery } from '../signals/request-kind.ts'
import { ramp } from '../signals/score.ts'
import { tlsFamilyOf } from '../signals/user-agent.ts'
import { listingPageOf } from './listing-walk.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const UNRENDERED_COHORT_ID = 'bot.unrendered_cohort'
const THREAT = 'OAT-011'
const CATEGORY = 'unrendered_cohort'
// A cohort's window is counted in this many tumbling buckets.
const BUCKETS = 6
const EVALUATE_EVERY_MS = 60_000
// Builds with their own share needed before the lower half of them says what people do.
const MIN_BASELINE_BUILDS = 5
const RELATED_SHOWN = 20
const MAX_UA_IN_VALUE = 256
const MAX_PATH_SHOWN = 120
// The cohort of every browser build: a farm that rotates its user agents as well as its addresses.
const ANY_BUILD = '*'

/** One visit of a client claiming a browser, per address: requests no further apart than the visit gap. */
interface Visit {
  ip: KeyedEntity
  ua: string
  start: number
  last: number
  pages: number
  landing: string
  /** The referrer host it landed from, '' for none. */
  from: string
  section: string
  /** An asset, a script call, a beacon, or a page reached from a page of the shop. */
  rendered: boolean
  /** Another user agent at the address within the visit: several people, not judged. */
  mixed: boolean
}

interface Member {
  ip: EntityRef
  /** The cohort of its own browser build, when it is counted in any build's. */
  own: Cohort | null
  first: number
  last: number
  pages: number
  landing: string
}

interface Cohort {
  ua: string
  from: string
  section: string
  value: string
  bucket: number[]
  bare: number[]
  rendered: number[]
  members: Member[]
  flagged: boolean
  /** The figures of the last evaluation, for explanations. */
  bareNow: number
  renderedNow: number
  addresses: number
  expected: number
  baseline: number
  first: number
  last: number
}

/**
 * The section a landing belongs to: the listing itself when the page names its page number
 * (`/collections/all` for `/collections/all?page=7`: a farm paging through one listing), else
 * the first path segment (`/products/`, `/collections/`, `/`).
 */
export function sectionOf(path: string, query: string | null, pageParams: ReadonlySet<string>): string {
  const listing = listingPageOf(path, query, pageParams)?.listing
  if (listing !== undefined) return listing.length > 64 ? listing.slice(0, 64) : listing
  const end = path.indexOf('/', 1)
  if (end < 0) return path.length > 64 ? path.slice(0, 64) : path
  return path.slice(0, Math.min(end + 1, 65))
}

/**
 * People's share of unrendered visits: builds taken in the order of their own share, lowest
 * first, until they hold half of all rendered visits, pooled. People render, and spread over
 * many builds near the shop's rate; a farm wears a few builds and fills them with unrendered
 * visits, so its builds come last (in a small window the estimate runs low: builds too small
 * to show one unrendered visit come first; `minFarmShare` asks for twenty times the people's
 * count, a margin that bias does not eat). Null below five builds with `minVisits`.
 */
export function peopleShare(builds: Iterable<{ bare: number; total: number }>, minVisits: number): number | null {
  const eligible = [...builds].filter((b) => b.total >= minVisits).sort((a, b) => a.bare / a.total - b.bare / b.total)
  if (eligible.length < MIN_BASELINE_BUILDS) return null
  let renderedAll = 0
  for (const b of eligible) renderedAll += b.total - b.bare
  let bare = 0
  let total = 0
  for (const b of eligible) {
    bare += b.bare
    total += b.total
    if (2 * (total - bare) >= renderedAll) break
  }
  return bare / total
}

export function createUnrenderedCohortDetector(config: DetectConfig): StreamDetector {
  const c = config.unrenderedCohort
  const gapMs = c.visitGapSeconds * 1000
  const bucketMs = (c.windowMinutes * 60_000) / BUCKETS
  const referrers = new ShopReferrers()
  const pageParams = new Set(config.listingWalk.pageParams)
  const cohorts = new Map<string, Cohort>()
  // Addresses already named, so each is reported once.
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  let membersHeld = 0
  let lastEvict = Number.NEGATIVE_INFINITY
  let lastEvaluate = Number.NEGATIVE_INFINITY
  let pending: DetectionSink | null = null
  let clock = 0

  const visits = new BoundedMap<string, Visit>({ maxEntries: config.maxEntities, idleMs: gapMs, onEvict: (_k, v) => close(v) })

  function slot(cohort: Cohort, ts: number): number {
    const b = Math.floor(ts / bucketMs)
    const i = b % BUCKETS
    if (cohort.bucket[i] !== b) {
      cohort.bucket[i] = b
      cohort.bare[i] = 0
      cohort.rendered[i] = 0
    }
    return i
  }

  /** A visit ended: counted in its cohorts (its browser build's, and any build's), and named at once if one is a farm. */
  function close(v: Visit): void {
    if (v.mixed || v.pages === 0) return
    const own = count(v, v.ua, null)
    // A visit whose own build could not be counted (the table is full) cannot be judged in any build's.
    if (own !== null) count(v, ANY_BUILD, own)
  }

  function count(v: Visit, ua: string, own: Cohort | null): Cohort | null {
    const key = `${ua}\u0001${v.from}\u0001${v.section}`
    let cohort = cohorts.get(key)
    if (cohort === undefined) {
      if (cohorts.size >= c.maxCohorts) return null
      const shown = ua.length > MAX_UA_IN_VALUE ? ua.slice(0, MAX_UA_IN_VALUE) : ua
      cohort = {
        ua, from: v.from, section: v.section,
        value: `ua=${shown} landing=${v.section} from=${v.from === '' ? 'none' : v.from}`,
        bucket: new Array<number>(BUCKETS).fill(-1), bare: new Array<number>(BUCKETS).fill(0), rendered: new Array<number>(BUCKETS).fill(0),
        members: [], flagged: false, bareNow: 0, renderedNow: 0, addresses: 0, expected: 0, baseline: 0, first: v.start, last: v.last,
      }
      cohorts.set(key, cohort)
    }
    const i = slot(cohort, v.last)
    cohort.last = Math.max(cohort.last, v.last)
    if (v.rendered) {
      cohort.rendered[i] = (cohort.rendered[i] ?? 0) + 1
      return cohort
    }
    cohort.bare[i] = (cohort.bare[i] ?? 0) + 1
    const member: Member = { ip: v.ip.ref, own, first: v.start, last: v.last, pages: v.pages, landing: v.landing }
    if (membersHeld < config.maxEntities && cohort.members.length < c.maxIpsReported) {
      cohort.members.push(member)
      membersHeld++
    }
    if (cohort.flagged && pending !== null) reportMember(pending, cohort, member)
    return cohort
  }

  /** People of the shape explain at most the allowed share of the cohort's unrendered visits. */
  function unexplained(cohort: Cohort, bare: number): boolean {
    return cohort.expected <= (1 - c.minFarmShare) * bare
  }

  function describe(cohort: Cohort): string {
    const from = cohort.from === '' ? 'with no referrer' : `from ${cohort.from}`
    const builds = cohort.ua === ANY_BUILD ? 'browsers of any build' : 'one browser build'
    return `one of ${fmtInt(cohort.bareNow)} visits by ${builds} landing on ${cohort.section} ${from} that rendered nothing (no asset, script call or beacon), from ${fmtInt(cohort.addresses)} addresses in ${c.windowMinutes} min, where the ${fmtInt(cohort.renderedNow)} such visits that rendered would account for ${cohort.expected.toFixed(1)} at the shop's ${fmtPercent(cohort.baseline)} unrendered`
  }

  function evidence(cohort: Cohort): Array<{ field: string; value: string | number }> {
    return [
      { field: 'user_agent_original', value: cohort.ua.slice(0, MAX_UA_IN_VALUE) },
      { field: 'landing_section', value: cohort.section },
      { field: 'referrer_host', value: cohort.from === '' ? 'none' : cohort.from },
      { field: 'unrendered_visits', value: cohort.bareNow },
      { field: 'rendered_visits', value: cohort.renderedNow },
      { field: 'people_unrendered_share', value: Math.round(cohort.baseline * 1000) / 1000 },
    ]
  }

  function reportMember(sink: DetectionSink, cohort: Cohort, m: Member): void {
    // Among builds that rotate, a person's build shows no excess of its own: its people explain its unrendered visits.
    if (m.own !== null && (m.own.bareNow < 2 || !unexplained(m.own, m.own.bareNow))) return
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const landing = m.landing.length > MAX_PATH_SHOWN ? `${m.landing.slice(0, MAX_PATH_SHOWN)}…` : m.landing
    sink.report(
      buildDetection({
        detector: UNRENDERED_COHORT_ID,
        threat: THREAT,
        category: CATEGORY,
        entity: m.ip,
        score: 65,
        firstSeenMs: m.first,
        lastSeenMs: m.last,
        count: m.pages,
        explanation: `${fmtInt(m.pages)} ${m.pages === 1 ? 'page' : 'pages'} (${landing}) fetched without rendering: ${describe(cohort)}; a scraper spread over many addresses`,
        evidence: [{ field: 'url_path', value: landing }, ...evidence(cohort)],
        related: [{ type: 'actor', value: cohort.value }],
      }),
    )
  }

  function reportCohort(sink: DetectionSink, cohort: Cohort): void {
    sink.report(
      buildDetection({
        detector: UNRENDERED_COHORT_ID,
        threat: THREAT,
        category: CATEGORY,
        entity: { type: 'actor', value: cohort.value },
        score: Math.round(70 + 25 * ramp(cohort.bareNow, c.minVisits, c.minVisits * 10)),
        firstSeenMs: cohort.first,
        lastSeenMs: cohort.last,
        count: cohort.bareNow,
        explanation: `a scraper spread over many addresses: ${describe(cohort).replace(/^one of /, '')}`,
        evidence: evidence(cohort),
        related: cohort.members.slice(-RELATED_SHOWN).map((m) => m.ip),
      }),
    )
  }

  /** Sums each cohort's window, reads people's rate from the builds, and flags the cohorts it cannot explain. */
  function evaluate(now: number, sink: DetectionSink): void {
    const oldest = Math.floor(now / bucketMs) - BUCKETS + 1
    const since = oldest * bucketMs
    const builds = new Map<string, { bare: number; total: number }>()
    for (const [key, cohort] of cohorts) {
      let bare = 0
      let rendered = 0
      for (let i = 0; i < BUCKETS; i++) {
        if ((cohort.bucket[i] ?? -1) < oldest) continue
        bare += cohort.bare[i] ?? 0
        rendered += cohort.rendered[i] ?? 0
      }
      if (bare + rendered === 0) {
        membersHeld -= cohort.members.length
        cohorts.delete(key)
        continue
      }
      let drop = 0
      while (drop < cohort.members.length && (cohort.members[drop] as Member).last < since) drop++
      if (drop > 0) {
        cohort.members.splice(0, drop)
        membersHeld -= drop
      }
      cohort.bareNow = bare
      cohort.renderedNow = rendered
      if (cohort.ua === ANY_BUILD) continue
      const b = builds.get(cohort.ua) ?? { bare: 0, total: 0 }
      b.bare += bare
      b.total += bare + rendered
      builds.set(cohort.ua, b)
    }
    const share = peopleShare(builds.values(), c.baselineMinVisits)
    if (share === null) return
    const baseline = Math.max(share, c.minBaselineShare)
    for (const cohort of cohorts.values()) {
      cohort.baseline = baseline
      cohort.expected = (cohort.renderedNow * baseline) / (1 - baseline)
    }
    for (const cohort of cohorts.values()) {
      const bare = cohort.bareNow
      if (bare < c.minVisits) {
        cohort.flagged = false
        continue
      }
      const addresses = new Set<string>()
      for (const m of cohort.members) addresses.add(m.ip.value)
      cohort.addresses = addresses.size
      const surge = poissonTail(bare, (bare + cohort.renderedNow) * baseline) <= c.pValue
      cohort.flagged = surge && addresses.size >= c.minAddresses && unexplained(cohort, bare)
      if (!cohort.flagged) continue
      reportCohort(sink, cohort)
      for (const m of cohort.members) reportMember(sink, cohort, m)
    }
  }

  function sweep(now: number, sink: DetectionSink): void {
    pending = sink
    visits.evictIdle(now)
    pending = null
  }

  return {
    id: UNRENDERED_COHORT_ID,
    onHttp(e: HttpEvent, sink: DetectionSink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (e.ts > clock) clock = e.ts
      const referrer = e.http_request_referrer
      if (f.kind === 'static') referrers.noteAsset(referrer)
      const ip = f.ip
      if (ip === null) return
      let v = visits.use(ip.key, e.ts)
      if (f.kind === 'static' || f.kind === 'api') {
        if (v !== undefined) v.rendered = true
        return
      }
      const method = e.http_request_method ?? 'GET'
      const ua = e.user_agent_original
      if (f.kind === 'page' && method === 'GET') referrers.notePage(referrer)
      if (v !== undefined && e.ts - v.last > gapMs) {
        pending = sink
        visits.delete(ip.key)
        close(v)
        pending = null
        v = undefined
      }
      if (v !== undefined) {
        v.last = e.ts
        if (ua !== v.ua) v.mixed = true
        if (f.kind !== 'page' || method !== 'GET') {
          // A write after a page that names a page: the page's own script (a beacon, the cart) or its form.
          if (v.pages > 0 && hasValue(referrer)) v.rendered = true
          return
        }
        v.pages++
        if (!v.rendered && hasValue(referrer) && referrers.fromShop(e, referrer)) v.rendered = true
        return
      }
      if (f.kind !== 'page' || method !== 'GET' || f.path === null || ua === null) return
      const status = e.http_response_status_code
      if ((status !== null && status >= 400) || isDeclaredBot(e) || tlsFamilyOf(ua) === null) return
      const fromShop = hasValue(referrer) && referrers.fromShop(e, referrer)
      visits.set(
        ip.key,
        {
          ip, ua, start: e.ts, last: e.ts, pages: 1, landing: f.path, section: sectionOf(f.path, requestQuery(e), pageParams), rendered: fromShop, mixed: false,
          from: hasValue(referrer) && !fromShop ? (splitUrl(referrer).url_domain ?? '') : '',
        },
        e.ts,
      )
    },
    tick(now, sink) {
      if (now - lastEvict >= 10_000) {
        lastEvict = now
        sweep(now, sink)
      }
      if (now - lastEvaluate >= EVALUATE_EVERY_MS) {
        lastEvaluate = now
        evaluate(now, sink)
      }
    },
    finish(sink) {
      pending = sink
      visits.flush()
      pending = null
      evaluate(clock, sink)
    },
  }
}
