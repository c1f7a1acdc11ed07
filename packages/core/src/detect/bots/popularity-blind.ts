/**
 * `bot.popularity_blind` (OAT-011): a farm that drives real browsers through residential proxies
 * at a person's pace renders every page, sends the page's beacon, keeps its cookie for the visit
 * and leaves each address after a dozen pages: nothing per address, per session or per window
 * stands out. What its work queue cannot fake is the shop's popularity curve. People read what
 * other people read (the best sellers, the first rows of a listing, what a search engine or a
 * newsletter sends them to); a queue that covers the catalogue reads product after product of a
 * listing whatever their popularity, each once.
 *
 * The curve is read from the visits whose deeds say they are people: those that acted (a cart, a
 * login, a form: a write other than the pages' own telemetry) or searched and filtered (a page
 * whose content query names what they were after). A page's popularity is how many of their
 * visits read it over `curveMinutes` (counting everyone would let a farm or a crawler lift the
 * tail it reads itself), and a visit's score is the geometric mean popularity of its pages against
 * an average page's. A visit is **off the curve** below `referenceQuantile` of those people's
 * scores. Judged: visits of a client claiming a browser that landed from outside the shop,
 * rendered, read `minPages` distinct pages addressed by their path, and only read (no action, no
 * search, no filter, nothing refused). Some people are off the curve too (a collector reading a
 * whole category; a gift shopper reading ten products from a search): one visit names no one. A
 * farm shows as many such visits of one shape (the referrer host they land from, the section they
 * land on, as in bot.cohort_surge) from many addresses: a shape is flagged when, within
 * `windowMinutes`, `minVisits` of its judged visits from `minAddresses` addresses are off the curve,
 * they are at least `minShare` of its judged visits, and people's rate (the quantile itself) would
 * almost never give that many (Poisson tail below `pValue`). Of its off-curve visits, those below
 * the stricter `memberQuantile` are named, with their address and session cookie, later ones as
 * their visits end: people land where a farm lands too.
 *
 * Stands down while the curve is thin: until `minReferenceVisits` visits of people who acted or
 * searched have been scored, and on a shop whose pages are all about as popular (a small shop
 * early on: the quantile then sits near the average page and a queue's visits score the same).
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { SlidingCounter } from '../state/window-counter.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtInt } from '../signals/format.ts'
import type { HttpFacts, KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { poissonTail } from '../signals/poisson.ts'
import { pageIdentity, requestQuery } from '../signals/request-kind.ts'
import { ramp } from '../signals/score.ts'
import { clip } from '../../util/clip.ts'
import { acted, addressesOf, beginVisit, CohortMembers, cohortDetection, memberDetections, noteRequest, noteWrite, VisitTable, visitRounds, type Member as MemberBase, type Visit as VisitBase, WINDOW_BUCKETS } from '../signals/visits.ts'
import { sectionOf } from './cohort-surge.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const POPULARITY_BLIND_ID = 'bot.popularity_blind'
const THREAT = 'OAT-011'
const CATEGORY = 'popularity_blind'
// Distinct pages kept per visit: enough to score it; a longer visit is scored on its first ones.
const MAX_VISIT_PAGES = 32
// Pages of a visit that acted or searched before its score says what people read.
const MIN_REFERENCE_PAGES = 3
const MAX_PATH_SHOWN = 120

/** A visit (`VisitBase`: its section is `sectionOf` its landing, `rendered` is an asset, script call or beacon sent). */
interface Visit extends VisitBase {
  session: KeyedEntity | null
  /** Landed from outside the shop: no referrer, or another site's. */
  entered: boolean
  /** Distinct pages addressed by their path alone. */
  pages: string[]
  /** Page views, for telemetry per page. */
  views: number
  /** A page whose identity carries a content query: a search, a filter. */
  searched: boolean
  /** Its user agent names a browser engine. */
  browser: boolean
}

/** A page's visits over the curve window, in two halves. */
interface PageCount {
  half: number
  cur: number
  prev: number
}

interface Member extends MemberBase {
  session: EntityRef | null
  pages: number
  landing: string
  /** Geometric mean popularity of its pages against an average page. */
  popularity: number
}

interface Cohort {
  section: string
  from: string
  value: string
  judged: SlidingCounter
  off: SlidingCounter
  members: Member[]
  flagged: boolean
  judgedNow: number
  offNow: number
  addresses: number
  first: number
  last: number
}

const pct = (ratio: number): string => `${Number((ratio * 100).toFixed(1))}%`

/** The `q` quantile of `xs` (sorted in place). */
export function quantile(xs: number[], q: number): number {
  xs.sort((a, b) => a - b)
  const i = Math.min(xs.length - 1, Math.max(0, Math.floor(q * xs.length)))
  return xs[i] as number
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createPopularityBlindDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const c = config.popularityBlind
  const gapMs = c.visitGapSeconds * 1000
  const halfMs = (c.curveMinutes * 60_000) / 2
  const windowMs = c.windowMinutes * 60_000
  const referrers = new ShopReferrers()
  const pageParams = new Set(config.listingWalk.pageParams)
  const searchParams = new Set(config.searchStream.searchParams)
  const popularity = new BoundedMap<string, PageCount>({ maxEntries: config.maxEntities, idleMs: c.curveMinutes * 60_000 })
  let totalHalf = 0
  let totalCur = 0
  let totalPrev = 0
  // Scores (natural log) of the latest visits that acted or searched: what people read.
  const reference = new Float64Array(c.referenceVisits)
  let referenceHeld = 0
  let referenceNext = 0
  let threshold: number | null = null
  // Stricter: the bar a visit of a flagged cohort must be under to be named itself (people land there too).
  let memberThreshold: number | null = null
  const cohorts = new Map<string, Cohort>()
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const members = new CohortMembers(config.maxEntities, c.maxIpsReported)
  const visits = new VisitTable<Visit>(shared.records, config.maxEntities, gapMs, close)

  function rollTotals(now: number): void {
    const h = Math.floor(now / halfMs)
    // A visit ended by the idle sweep can end before the latest one counted: the halves never go back.
    if (h <= totalHalf) return
    totalPrev = h === totalHalf + 1 ? totalCur : 0
    totalCur = 0
    totalHalf = h
  }

  /**
   * The geometric mean popularity of the visit's pages (natural log) against an average page: a
   * page's popularity is the visits of people who acted or searched that read it in the curve
   * window, plus one (a page none of them read is not infinitely rare).
   */
  function score(v: Visit): number {
    rollTotals(v.last)
    const average = (totalCur + totalPrev + popularity.size) / Math.max(1, popularity.size)
    let logSum = 0
    for (const page of v.pages) {
      const p = popularity.peek(page)
      const n = p === undefined ? 0 : p.half === totalHalf ? p.cur + p.prev : p.half === totalHalf - 1 ? p.cur : 0
      logSum += Math.log((n + 1) / average)
    }
    return logSum / v.pages.length
  }

  /** Counts the pages of a visit that acted or searched towards their popularity. */
  function count(v: Visit): void {
    const h = totalHalf
    for (const page of v.pages) {
      const p = popularity.upsert(page, v.last, () => ({ half: h, cur: 0, prev: 0 }))
      if (p.half !== h) {
        p.prev = p.half === h - 1 ? p.cur : 0
        p.cur = 0
        p.half = h
      }
      p.cur++
      totalCur++
    }
  }

  function close(v: Visit, sink: DetectionSink | null): void {
    if (!v.browser || v.mixed || v.refused || v.pages.length === 0) return
    if (acted(v, v.views) || v.searched) {
      // Scored before its own pages are counted, as a judged visit is.
      if (v.pages.length >= MIN_REFERENCE_PAGES) {
        reference[referenceNext] = score(v)
        referenceNext = (referenceNext + 1) % reference.length
        if (referenceHeld < reference.length) referenceHeld++
      }
      count(v)
      return
    }
    if (!v.entered || !v.rendered || v.pages.length < c.minPages) return
    const s = score(v)
    tally(v, threshold !== null && s < threshold, s, sink)
  }

  function tally(v: Visit, off: boolean, score: number, sink: DetectionSink | null): void {
    let cohort = cohorts.get(v.shape)
    if (cohort === undefined) {
      if (cohorts.size >= c.maxCohorts) return
      cohort = {
        section: v.section,
        from: v.from,
        value: `popularity_blind landing=${v.section} from=${v.from === '' ? 'none' : v.from}`,
        judged: new SlidingCounter(windowMs, WINDOW_BUCKETS),
        off: new SlidingCounter(windowMs, WINDOW_BUCKETS),
        members: [],
        flagged: false,
        judgedNow: 0,
        offNow: 0,
        addresses: 0,
        first: v.start,
        last: v.last,
      }
      cohorts.set(v.shape, cohort)
    }
    cohort.last = Math.max(cohort.last, v.last)
    cohort.judged.add(v.last)
    if (!off) return
    cohort.off.add(v.last)
    const member: Member = { ip: v.ip.ref, session: v.session?.ref ?? null, first: v.start, last: v.last, pages: v.pages.length, landing: v.landing, popularity: Math.exp(score) }
    members.add(cohort.members, member)
    if (cohort.flagged && sink !== null) reportMember(sink, cohort, member)
  }

  function describe(cohort: Cohort): string {
    const from = cohort.from === '' ? 'with no referrer' : `from ${cohort.from}`
    return `${fmtInt(cohort.offNow)} of ${fmtInt(cohort.judgedNow)} visits landing on ${cohort.section} ${from} in ${c.windowMinutes} min that only read (${c.minPages} pages or more) chose pages less popular than ${pct(1 - c.referenceQuantile)} of shoppers' visits do, from ${fmtInt(cohort.addresses)} addresses`
  }

  function evidence(cohort: Cohort): Array<{ field: string; value: string | number }> {
    return [
      { field: 'landing_section', value: cohort.section },
      { field: 'referrer_host', value: cohort.from === '' ? 'none' : cohort.from },
      { field: 'off_curve_visits', value: cohort.offNow },
      { field: 'judged_visits', value: cohort.judgedNow },
      { field: 'people_popularity_floor', value: Math.round(Math.exp(threshold ?? 0) * 100) / 100 },
    ]
  }

  function reportMember(sink: DetectionSink, cohort: Cohort, m: Member): void {
    if (memberThreshold === null || Math.log(m.popularity) >= memberThreshold) return
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const floor = Math.exp(memberThreshold ?? 0)
    const explanation = `${fmtInt(m.pages)} pages from ${clip(m.landing, MAX_PATH_SHOWN)} that the shop's buyers and searchers read ${m.popularity.toFixed(2)}× as often as an average page (geometric mean), below the ${floor.toFixed(2)}× that ${pct(1 - c.memberQuantile)} of their visits reach; ${describe(cohort)}: a work queue covering the catalogue, not a person's choice`
    for (const detection of memberDetections(m, cohort.value, {
      detector: POPULARITY_BLIND_ID,
      threat: THREAT,
      category: CATEGORY,
      score: 65,
      count: m.pages,
      explanation,
      evidence: [{ field: 'visit_popularity', value: Math.round(m.popularity * 100) / 100 }, ...evidence(cohort)],
    })) sink.report(detection)
  }

  function reportCohort(sink: DetectionSink, cohort: Cohort): void {
    sink.report(
      cohortDetection(cohort, {
        detector: POPULARITY_BLIND_ID,
        threat: THREAT,
        category: CATEGORY,
        score: Math.round(70 + 25 * ramp(cohort.offNow, c.minVisits, c.minVisits * 5)),
        count: cohort.offNow,
        explanation: `a work queue driven through real browsers: ${describe(cohort)}`,
        evidence: evidence(cohort),
      }),
    )
  }

  function evaluate(now: number, sink: DetectionSink): void {
    if (referenceHeld >= c.minReferenceVisits) {
      const scores = Array.from(reference.subarray(0, referenceHeld))
      threshold = quantile(scores, c.referenceQuantile)
      memberThreshold = quantile(scores, c.memberQuantile)
    }
    const since = (Math.floor(now / (windowMs / WINDOW_BUCKETS)) - WINDOW_BUCKETS + 1) * (windowMs / WINDOW_BUCKETS)
    for (const [shape, cohort] of cohorts) {
      const judged = cohort.judged.total(now)
      const off = cohort.off.total(now)
      if (judged === 0) {
        members.release(cohort.members)
        cohorts.delete(shape)
        continue
      }
      members.expire(cohort.members, since)
      cohort.judgedNow = judged
      cohort.offNow = off
      if (threshold === null || off < c.minVisits || off < c.minShare * judged) {
        cohort.flagged = false
        continue
      }
      cohort.addresses = addressesOf(cohort.members)
      cohort.flagged = cohort.addresses >= c.minAddresses && poissonTail(off, judged * c.referenceQuantile) <= c.pValue
      if (!cohort.flagged) continue
      reportCohort(sink, cohort)
      for (const m of cohort.members) reportMember(sink, cohort, m)
    }
  }

  return {
    id: POPULARITY_BLIND_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const f = visits.see(e, facts)
      const referrer = e.http_request_referrer
      if (f.kind === 'static') referrers.noteAsset(referrer)
      const ip = f.ip
      if (ip === null) return
      if (f.kind === 'static' || f.kind === 'api') {
        const seen = visits.peek(ip.key)
        if (seen !== undefined) seen.rendered = true
        return
      }
      let v = visits.continued(ip.key, e.ts, sink)
      const method = e.http_request_method ?? 'GET'
      const read = method === 'GET'
      if (read) referrers.notePage(referrer)
      const ua = e.user_agent_original
      const status = e.http_response_status_code
      if (v === undefined) {
        if (!read || f.path === null || ua === null || isDeclaredBot(e)) return
        if (status !== null && status >= 400) return
        const entered = !hasValue(referrer) || !referrers.fromShop(e, referrer)
        const from = entered && hasValue(referrer) ? (referrers.hostOf(referrer) ?? '') : ''
        const fresh = beginVisit(visits.blank(() => ({ pages: [] as string[] }) as Visit), ip, ua, e.ts, f.path, from, sectionOf(f.path, requestQuery(e), pageParams, searchParams), false)
        fresh.session = f.named
        fresh.entered = entered
        fresh.pages.length = 0
        fresh.views = 0
        fresh.searched = false
        fresh.browser = eventUa(e).engine !== null
        visits.open(ip.key, fresh, e.ts)
        v = fresh
      } else {
        noteRequest(v, e.ts, ua, status)
        if (v.session === null) v.session = f.named
      }
      if (f.path === null) return
      if (read) {
        v.views++
        // Any content query counts as a search, a listing's page number (`?page=2`) too: taken as a page, it
        // put the plain-log corpus's real-browser farm on the curve (20 more of its addresses) and a person with it.
        const page = pageIdentity(f.path, requestQuery(e))
        if (page !== f.path) v.searched = true
        else if (v.pages.length < MAX_VISIT_PAGES && !v.pages.includes(page)) v.pages.push(page)
        return
      }
      if (method === 'HEAD' || method === 'OPTIONS') return
      // A write naming a page: the page's own script (a beacon, the cart drawer) or its form, so the page rendered.
      if (hasValue(referrer)) v.rendered = true
      noteWrite(v, f.path)
    },
    ...visitRounds(visits, { sweep: (now) => popularity.evictIdle(now), evaluate }),
  }
}
