/**
 * `bot.cohort_surge` (OAT-011): a scraper spread over residential proxies leaves each address
 * a short visit that could be a person's, so no address is suspicious on its own. The farm shows
 * as a population: visits of one shape (exact user agent, the referrer host they land from, the
 * section of the site they land on) that do something people of the shop seldom do, far more
 * often than people do it. Two such things:
 *
 * - **rendered nothing**: one to three pages with no asset, script call, beacon or page reached
 *   from another (a script wearing a browser's user agent; a person with a content blocker or a
 *   warm cache does it now and then);
 * - **read in haste**: `hastyPages` pages or more, most of them under `hastyGapSeconds` after the
 *   one before, with nothing done on the way (a real browser driven through a work queue; a
 *   person reads, and a person in a hurry is buying).
 *
 * People's habit is read from the log itself, per browser build (`peopleShare`): a farm wears a
 * few builds and fills them with its visits; people spread over many. A cohort is a farm when its
 * visits of the kind are a surge that rate would almost never give (Poisson tail below `pValue`)
 * AND the people of that shape, counted by its usual visits, explain at most `1 - minFarmShare` of
 * them: people who land as the farm does leave a few such visits beside it, as much as a person
 * can be confused with it. Unrendered visits are counted per build and across builds (a farm that
 * rotates its user agent too; across builds a visit is named only when its own build shows an
 * excess as well, or is one no person wore in the window), haste per build only. A visit refused
 * anything (4xx, 5xx) is not counted: probing and acting are for bot.scanner and bot.headless. A
 * visit whose address rendered under its user agent within the window is not unrendered (a buyer
 * back from the payment provider), and no visit is judged unrendered while the log shows no browser
 * rendering at all (no asset, script call or beacon: one page from a search is then what most
 * people do). The cohort (entity `actor`) and the address of each of its visits of the kind are
 * flagged, later ones as their visits end.
 *
 * On a log whose pages come over HTTP/2 (browsers speak it to a server that offers it), an unrendered
 * visit over HTTP/1.1 is also counted apart, in cohorts of its user agent over that version and of every
 * build over it, held against the rate of the visits over the browsers' own transport: an HTTP stack
 * wearing the builds people use, one visit on each, is a client of its own there, where beside the
 * people it copies it stays under their rate.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import { poissonTail } from '../signals/poisson.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtInt, fmtPercent } from '../signals/format.ts'
import type { HttpFacts, KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { requestQuery } from '../signals/request-kind.ts'
import { ramp } from '../signals/score.ts'
import { clip } from '../../util/clip.ts'
import { acted, addressesOf, beginVisit, CohortMembers, cohortDetection, noteRequest, noteWrite, VisitTable, visitRounds, type Member as MemberBase, type Visit as VisitBase, WINDOW_BUCKETS } from '../signals/visits.ts'
import { listingPageOf } from './listing-walk.ts'
import { searchParamOf } from './search-stream.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const COHORT_SURGE_ID = 'bot.cohort_surge'
const THREAT = 'OAT-011'
const CATEGORY = 'cohort_surge'
// Builds with their own share needed before the lowest of them say what people do.
const MIN_BASELINE_BUILDS = 5
// Visits at the share of all builds that each build's own share is read with.
const PRIOR_VISITS = 10
const MAX_UA_IN_VALUE = 256
const MAX_PATH_SHOWN = 120
// The cohort of every browser build: a farm that rotates its user agents as well as its addresses.
const ANY_BUILD = '*'
// A build's cohort of every landing: a farm's queue lands its workers on products, listings and searches alike.
const ANY_SHAPE = '*'
// The referrer class of a visit that starts on a page reached from the shop (its visit went quiet for a while).
const FROM_SHOP = 'the shop'

/** What a cohort counts: its visits of one kind against the usual ones. */
interface Kind {
  readonly name: 'unrendered' | 'hasty'
  /** The visits of the kind, as a clause of the explanation. */
  readonly what: string
  /** A member's pages, as the start of its explanation. */
  readonly did: string
}

const UNRENDERED: Kind = { name: 'unrendered', what: 'rendered nothing (no asset, script call or beacon)', did: 'fetched without rendering' }

/** A visit (`VisitBase`) of a client claiming a browser; `rendered` is also a page reached from a page of the shop. */
interface Visit extends VisitBase {
  /** The HTTP/1 version its landing came over, else null (`legacyTransport`). */
  transport: string | null
  /** Its user agent over that version (`buildOf`), where it has one. */
  build: string
  pages: number
  lastPage: number
  lastPath: string
  /**
   * Pages fetched within the hasty gap of the page before, on another path: a listing refined
   * (a filter, a sort, its next page) reloads within seconds, a page read is another path.
   */
  quick: number
}

interface Member extends MemberBase {
  /** The cohort of its own build and landing, when it is counted in any build's or any landing's. */
  own: Cohort | null
  pages: number
  landing: string
}

interface Cohort {
  kind: Kind
  /** Its key: the user agent, or `ANY_BUILD`, over `transport` when it counts one apart (`buildOf`). */
  ua: string
  /** Its user agent, or `ANY_BUILD`. */
  agent: string
  /** The HTTP/1 version whose visits it counts apart from the browsers', else null (it counts every visit). */
  transport: string | null
  from: string
  section: string
  value: string
  bucket: number[]
  odd: number[]
  usual: number[]
  members: Member[]
  flagged: boolean
  /** The figures of the last evaluation, for explanations. */
  oddNow: number
  usualNow: number
  addresses: number
  expected: number
  baseline: number
  first: number
  last: number
}

/**
 * The section a landing belongs to: the listing itself when the page names its page number
 * (`/collections/all` for `/collections/all?page=7`: a farm paging through one listing), else
 * the first path segment (`/products/`, `/collections/`, `/`). A search (a term in one of
 * `searchParams`) is the path of its listing marked as one: `/page/2/?s=oak` lands on `/?s=`, as
 * page 1 of the same search does and any other term.
 */
export function sectionOf(path: string, query: string | null, pageParams: ReadonlySet<string>, searchParams: ReadonlySet<string>): string {
  const listing = listingPageOf(path, query, pageParams)?.listing
  const search = searchParamOf(query, searchParams)
  // Search results are a section of their own wherever the shop serves them (`/?s=` on WordPress),
  // whatever the term and its page: a keyword list's terms vary from one request to the next, where
  // they land does not, and people land on the home page from outside, seldom on a search.
  if (search !== null) {
    const q = listing?.indexOf('?') ?? -1
    return `${listing === undefined ? firstSegmentOf(path) : q < 0 ? listing : listing.slice(0, q)}?${search}=`
  }
  if (listing !== undefined) return listing.length > 64 ? listing.slice(0, 64) : listing
  return firstSegmentOf(path)
}

function firstSegmentOf(path: string): string {
  const end = path.indexOf('/', 1)
  if (end < 0) return path.length > 64 ? path.slice(0, 64) : path
  return path.slice(0, Math.min(end + 1, 65))
}

/**
 * The HTTP/1 version of a request, null for HTTP/2, HTTP/3 or none logged. Every browser a shop's
 * people use speaks HTTP/2 to a server that offers it, so a page fetched over HTTP/1.1 under a
 * browser's user agent came from another HTTP stack wearing it (a Go or Python client), or through
 * something that speaks HTTP/1.1 for the browser (a CDN's edge, a TLS-inspecting office proxy).
 */
export function legacyTransport(version: string | null): string | null {
  return version !== null && version.startsWith('HTTP/1') ? version : null
}

/** A request logged over HTTP/2 or later: the log shows the transport browsers speak to this server. */
export function modernTransport(version: string | null): boolean {
  return version !== null && legacyTransport(version) === null
}

/** The key of a user agent's visits over an HTTP/1 version, counted apart from the same user agent's over HTTP/2. */
export function buildOf(ua: string, transport: string): string {
  return `${ua}\u0001${transport}`
}

/**
 * People's share of a kind of visit, read from the builds: each build's share is read as if it
 * had also shown `PRIOR_VISITS` visits at the share of all builds (a build of five visits with
 * none of the kind is not taken for one that never does it), and builds are taken in the order of
 * that share, lowest first, until they hold half of all usual visits. A farm wears a few builds
 * and fills them with its visits, so its builds come last.
 *
 * - `pooled`: the visits of the builds taken, pooled. For unrendered visits: the farm wears the
 *   popular builds, which hold half of people's rendered visits too, so the build at the halfway
 *   mark can be one of its own; the pool below it runs low, and `minFarmShare` asks for twenty
 *   times the people's count, a margin that bias does not eat.
 * - `middle`: the share of the build at the halfway mark. For haste: some people hurry and
 *   others never do, a habit that varies with the build (a phone's taps), so the builds below
 *   the middle pool to nearly nothing and would make every hurried reader a farm.
 *
 * Null below five builds with `minVisits`.
 */
export function peopleShare(builds: Iterable<{ odd: number; total: number }>, minVisits: number, read: 'pooled' | 'middle'): number | null {
  const eligible = [...builds].filter((b) => b.total >= minVisits)
  if (eligible.length < MIN_BASELINE_BUILDS) return null
  let oddAll = 0
  let totalAll = 0
  for (const b of eligible) {
    oddAll += b.odd
    totalAll += b.total
  }
  const prior = (PRIOR_VISITS * oddAll) / totalAll
  const shrunk = (b: { odd: number; total: number }): number => (b.odd + prior) / (b.total + PRIOR_VISITS)
  eligible.sort((a, b) => shrunk(a) - shrunk(b))
  const usualAll = totalAll - oddAll
  let odd = 0
  let total = 0
  for (const b of eligible) {
    odd += b.odd
    total += b.total
    if (2 * (total - odd) >= usualAll) return read === 'pooled' ? odd / total : b.odd / b.total
  }
  return odd / total
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createCohortSurgeDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const c = config.cohortSurge
  const gapMs = c.visitGapSeconds * 1000
  const hastyMs = c.hastyGapSeconds * 1000
  const bucketMs = (c.windowMinutes * 60_000) / WINDOW_BUCKETS
  const HASTY: Kind = { name: 'hasty', what: `read ${c.hastyPages} pages or more, most under ${c.hastyGapSeconds} s apart, and did nothing on the way`, did: 'read in haste' }
  const KINDS = [UNRENDERED, HASTY]
  const referrers = new ShopReferrers()
  const pageParams = new Set(config.listingWalk.pageParams)
  const searchParams = new Set(config.searchStream.searchParams)
  // Per kind, per build (the user agent string itself, whose hash the engine's strings carry), per shape.
  const cohorts = new Map<Kind, Map<string, Map<string, Cohort>>>(KINDS.map((k) => [k, new Map()]))
  let cohortCount = 0
  // Addresses already named, so each is reported once.
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const members = new CohortMembers(config.maxEntities, c.maxIpsReported)
  // The key of every build over each HTTP/1 version seen (a handful), made once.
  const anyBuildKeys = new Map<string, string>()
  const anyBuildOver = (transport: string): string => {
    let key = anyBuildKeys.get(transport)
    if (key === undefined) anyBuildKeys.set(transport, (key = buildOf(ANY_BUILD, transport)))
    return key
  }
  // When a visit last sent something a page makes a browser send (an asset, a script call, a beacon).
  // A log that shows none (its assets, scripts and beacon go elsewhere) leaves a page followed from
  // another as all a person shows, and one page from a search is what most people do there: no
  // visit is judged for rendering nothing until the log shows browsers rendering again.
  let lastSent = Number.NEGATIVE_INFINITY
  // When a page last came over HTTP/2 or later. A log whose pages all come over HTTP/1.1 (a CDN's edge or
  // a load balancer speaking it to the origin, or no browser's own) says nothing by the version.
  let lastModern = Number.NEGATIVE_INFINITY

  const visits = new VisitTable<Visit>(shared.records, config.maxEntities, gapMs, close)
  // Per address, the user agent of its last visit that rendered, for the window: a browser seen
  // rendering there does not stop on the next visit (a buyer back from the payment provider lands
  // on the order page with no referrer, and the log may hold none of that page's assets), while a
  // proxy farm's worker never renders.
  const renderedBy = shared.records.table<string>({ maxEntries: config.maxEntities, idleMs: c.windowMinutes * 60_000 })

  function slot(cohort: Cohort, ts: number): number {
    const b = Math.floor(ts / bucketMs)
    const i = b % WINDOW_BUCKETS
    if (cohort.bucket[i] !== b) {
      cohort.bucket[i] = b
      cohort.odd[i] = 0
      cohort.usual[i] = 0
    }
    return i
  }

  /**
   * A visit ended: counted in its cohorts (its build's and any build's) of each kind it can be
   * judged for, and named at once where one is a farm. Haste is judged among the long visits that
   * rendered: how people read once they read that much is what a farm's pace is held against.
   */
  function close(v: Visit, sink: DetectionSink | null): void {
    if (v.mixed || v.refused || v.pages === 0) return
    if (v.rendered) renderedBy.set(v.ip.key, v.ua, v.last)
    tally(v, UNRENDERED, !v.rendered && renderedBy.peek(v.ip.key) !== v.ua, sink)
    // A visit that begins on a page reached from the shop resumes one that went quiet (a reader back
    // from the tabs they opened in a burst); a farm's worker lands from outside.
    if (v.rendered && v.from !== FROM_SHOP && v.pages >= c.hastyPages) tally(v, HASTY, 2 * v.quick >= v.pages - 1 && !acted(v, v.pages), sink)
  }

  function tally(v: Visit, kind: Kind, odd: boolean, sink: DetectionSink | null): void {
    const own = count(v, kind, v.ua, v.ua, null, v.shape, odd, null, sink)
    // A visit whose own build could not be counted (the table is full) cannot be judged in any build's.
    // Haste is judged per build and landing only: long visits are few per build, and pooled across
    // builds or landings a shop's hurried readers (some people always hurry) pass for a farm against
    // a rate read from few.
    if (own === null || kind !== UNRENDERED) return
    // Across landings or builds, a visit is named only where its own build and landing show an excess
    // too: people's habit differs by landing (on a log without assets, many land on a listing and send
    // nothing more), and a farm on one landing must not name them on another.
    count(v, kind, v.ua, v.ua, null, ANY_SHAPE, odd, own, sink)
    count(v, kind, ANY_BUILD, ANY_BUILD, null, v.shape, odd, own, sink)
    // A visit over HTTP/1 on a log whose browsers come over HTTP/2 is counted again among the visits over
    // that version alone, the same three ways: the same user agent over both is two clients, and an HTTP
    // stack wearing the builds people use, rotating through them, fills cohorts of its own there instead
    // of hiding among the people it copies. What is counted with everyone, and people's rate, is unchanged.
    const t = v.transport
    if (t === null || v.last - lastModern > c.windowMinutes * 60_000) return
    const ownOver = count(v, kind, v.build, v.ua, t, v.shape, odd, null, sink)
    if (ownOver === null) return
    count(v, kind, v.build, v.ua, t, ANY_SHAPE, odd, ownOver, sink)
    count(v, kind, anyBuildOver(t), ANY_BUILD, t, v.shape, odd, ownOver, sink)
  }

  /** Counts `v` in the cohort keyed `ua` (`agent`, its user agent or `ANY_BUILD`, over `transport` where counted apart) and `shape`. */
  function count(v: Visit, kind: Kind, ua: string, agent: string, transport: string | null, shape: string, odd: boolean, own: Cohort | null, sink: DetectionSink | null): Cohort | null {
    const byUa = cohorts.get(kind) as Map<string, Map<string, Cohort>>
    let byShape = byUa.get(ua)
    let cohort = byShape?.get(shape)
    if (cohort === undefined) {
      if (cohortCount >= c.maxCohorts) return null
      const shown = agent.length > MAX_UA_IN_VALUE ? agent.slice(0, MAX_UA_IN_VALUE) : agent
      const from = shape === ANY_SHAPE ? ANY_SHAPE : v.from
      const section = shape === ANY_SHAPE ? ANY_SHAPE : v.section
      cohort = {
        kind,
        ua,
        agent,
        transport,
        from,
        section,
        value: `${kind.name} ua=${shown}${transport === null ? '' : ` over=${transport}`} landing=${section} from=${from === '' ? 'none' : from}`,
        bucket: new Array<number>(WINDOW_BUCKETS).fill(-1),
        odd: new Array<number>(WINDOW_BUCKETS).fill(0),
        usual: new Array<number>(WINDOW_BUCKETS).fill(0),
        members: [],
        flagged: false,
        oddNow: 0,
        usualNow: 0,
        addresses: 0,
        expected: 0,
        baseline: 0,
        first: v.start,
        last: v.last,
      }
      if (byShape === undefined) {
        byShape = new Map()
        byUa.set(ua, byShape)
      }
      byShape.set(shape, cohort)
      cohortCount++
    }
    const i = slot(cohort, v.last)
    cohort.last = Math.max(cohort.last, v.last)
    if (!odd) {
      cohort.usual[i] = (cohort.usual[i] ?? 0) + 1
      return cohort
    }
    cohort.odd[i] = (cohort.odd[i] ?? 0) + 1
    const member: Member = { ip: v.ip.ref, own, first: v.start, last: v.last, pages: v.pages, landing: v.landing }
    members.add(cohort.members, member)
    if (cohort.flagged && sink !== null) reportMember(sink, cohort, member)
    return cohort
  }

  /** People of the shape explain at most the allowed share of the cohort's visits of the kind. */
  function unexplained(cohort: Cohort): boolean {
    return cohort.expected <= (1 - c.minFarmShare) * cohort.oddNow
  }

  /**
   * The build of a visit's own cohort is one no person of the shop wore in the window: its cohort
   * of every landing has at most `1 - minFarmShare` as many other visits as unrendered ones. A farm
   * that rotates its user agent through hundreds of builds leaves one or two visits on each, on one
   * landing or another: too few for its build and landing to show an excess of their own.
   */
  function unworn(own: Cohort): boolean {
    const anyLanding = cohorts.get(own.kind)?.get(own.ua)?.get(ANY_SHAPE)
    return anyLanding !== undefined && anyLanding.oddNow >= 1 && unexplained(anyLanding)
  }

  function describe(cohort: Cohort): string {
    const builds = `${cohort.agent === ANY_BUILD ? 'browsers of any build' : 'one browser build'}${cohort.transport === null ? '' : ` over ${cohort.transport}`}`
    const anywhere = cohort.section === ANY_SHAPE
    const landing = anywhere ? 'landing anywhere' : `landing on ${cohort.section} ${cohort.from === '' ? 'with no referrer' : `from ${cohort.from}`}`
    const people = anywhere
      ? `while the build had only ${fmtInt(cohort.usualNow)} other visits`
      : `where the ${fmtInt(cohort.usualNow)} other such visits would account for ${cohort.expected.toFixed(1)} at the shop's ${fmtPercent(cohort.baseline)}`
    return `one of ${fmtInt(cohort.oddNow)} visits by ${builds} ${landing} that ${cohort.kind.what}, from ${fmtInt(cohort.addresses)} addresses in ${c.windowMinutes} min, ${people}`
  }

  function evidence(cohort: Cohort): Array<{ field: string; value: string | number }> {
    return [
      { field: 'visit_kind', value: cohort.kind.name },
      { field: 'user_agent_original', value: cohort.agent.slice(0, MAX_UA_IN_VALUE) },
      ...(cohort.transport === null ? [] : [{ field: 'http_version', value: cohort.transport }]),
      { field: 'landing_section', value: cohort.section },
      { field: 'referrer_host', value: cohort.from === '' ? 'none' : cohort.from },
      { field: 'cohort_visits', value: cohort.oddNow },
      { field: 'other_visits', value: cohort.usualNow },
      { field: 'people_share', value: Math.round(cohort.baseline * 1000) / 1000 },
    ]
  }

  function reportMember(sink: DetectionSink, cohort: Cohort, m: Member): void {
    // Across builds or landings, a person's build and landing show no excess of their own: its people explain its visits.
    // Nor does a build no person wore in the window leave its people anything to explain, however few its visits.
    if (m.own !== null && (m.own.oddNow < 2 || !unexplained(m.own)) && !unworn(m.own)) return
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const landing = clip(m.landing, MAX_PATH_SHOWN)
    sink.report(
      buildDetection({
        detector: COHORT_SURGE_ID,
        threat: THREAT,
        category: CATEGORY,
        entity: m.ip,
        score: 65,
        firstSeenMs: m.first,
        lastSeenMs: m.last,
        count: m.pages,
        explanation: `${fmtInt(m.pages)} ${m.pages === 1 ? 'page' : 'pages'} from ${landing} ${cohort.kind.did}: ${describe(cohort)}; a scraper spread over many addresses`,
        evidence: [{ field: 'url_path', value: landing }, ...evidence(cohort)],
        related: [{ type: 'actor', value: cohort.value }],
      }),
    )
  }

  function reportCohort(sink: DetectionSink, cohort: Cohort): void {
    sink.report(
      cohortDetection(cohort, {
        detector: COHORT_SURGE_ID,
        threat: THREAT,
        category: CATEGORY,
        score: Math.round(70 + 25 * ramp(cohort.oddNow, c.minVisits, c.minVisits * 10)),
        count: cohort.oddNow,
        explanation: `a scraper spread over many addresses: ${describe(cohort).replace(/^one of /, '')}`,
        evidence: evidence(cohort),
      }),
    )
  }

  /** Sums each cohort's window, reads people's rate of each kind from the builds, and flags the cohorts it cannot explain. */
  function evaluate(now: number, sink: DetectionSink): void {
    const oldest = Math.floor(now / bucketMs) - WINDOW_BUCKETS + 1
    const since = oldest * bucketMs
    const builds = new Map<Kind, Map<string, { odd: number; total: number }>>(KINDS.map((k) => [k, new Map()]))
    // Per kind and user agent, its visits counted apart over HTTP/1.
    const over = new Map<Kind, Map<string, { odd: number; total: number }>>(KINDS.map((k) => [k, new Map()]))
    for (const [kind, byUa] of cohorts) {
      const perBuild = builds.get(kind) as Map<string, { odd: number; total: number }>
      const perBuildOver = over.get(kind) as Map<string, { odd: number; total: number }>
      for (const [ua, byShape] of byUa) {
        for (const [shape, cohort] of byShape) {
          let odd = 0
          let usual = 0
          for (let i = 0; i < WINDOW_BUCKETS; i++) {
            if ((cohort.bucket[i] ?? -1) < oldest) continue
            odd += cohort.odd[i] ?? 0
            usual += cohort.usual[i] ?? 0
          }
          if (odd + usual === 0) {
            members.release(cohort.members)
            byShape.delete(shape)
            cohortCount--
            continue
          }
          members.expire(cohort.members, since)
          cohort.oddNow = odd
          cohort.usualNow = usual
          if (cohort.agent === ANY_BUILD || shape === ANY_SHAPE) continue
          const table = cohort.transport === null ? perBuild : perBuildOver
          const b = table.get(cohort.agent) ?? { odd: 0, total: 0 }
          b.odd += odd
          b.total += odd + usual
          table.set(cohort.agent, b)
        }
        if (byShape.size === 0) byUa.delete(ua)
      }
    }
    // People's rate is read from every visit, as on a log without versions; the cohorts counted apart over
    // HTTP/1 are held against the rate of the browsers' own transport (the visits not counted apart), since
    // an HTTP stack wearing people's builds would otherwise raise the rate it is judged by.
    const baselines = new Map<Kind, number>()
    const modernBaselines = new Map<Kind, number>()
    for (const [kind, perBuild] of builds) {
      if (kind === UNRENDERED && now - lastSent > c.windowMinutes * 60_000) continue
      const read = kind === UNRENDERED ? 'pooled' : 'middle'
      const share = peopleShare(perBuild.values(), c.baselineMinVisits, read)
      if (share !== null) baselines.set(kind, Math.max(share, c.minBaselineShare))
      const perBuildOver = over.get(kind) as Map<string, { odd: number; total: number }>
      if (perBuildOver.size === 0) continue
      const modern = [...perBuild].map(([agent, b]) => {
        const o = perBuildOver.get(agent)
        return o === undefined ? b : { odd: b.odd - o.odd, total: b.total - o.total }
      })
      const modernShare = peopleShare(modern, c.baselineMinVisits, read)
      if (modernShare !== null) modernBaselines.set(kind, Math.max(modernShare, c.minBaselineShare))
    }
    const all: Cohort[] = []
    for (const byUa of cohorts.values()) for (const byShape of byUa.values()) for (const cohort of byShape.values()) all.push(cohort)
    for (const cohort of all) {
      const baseline = (cohort.transport === null ? baselines : modernBaselines).get(cohort.kind)
      cohort.baseline = baseline ?? 1
      // Across a build's landings people's habit is not one rate (many land on a listing and send nothing
      // more where a CDN serves the assets): each of its usual visits counts as a person who could have.
      if (baseline === undefined) cohort.expected = Number.POSITIVE_INFINITY
      else cohort.expected = cohort.section === ANY_SHAPE ? cohort.usualNow : (cohort.usualNow * baseline) / (1 - baseline)
    }
    for (const cohort of all) {
      const odd = cohort.oddNow
      if (odd < c.minVisits || !Number.isFinite(cohort.expected)) {
        cohort.flagged = false
        continue
      }
      cohort.addresses = addressesOf(cohort.members)
      const surge = poissonTail(odd, (odd + cohort.usualNow) * cohort.baseline) <= c.pValue
      cohort.flagged = surge && cohort.addresses >= c.minAddresses && unexplained(cohort)
      if (!cohort.flagged) continue
      reportCohort(sink, cohort)
      for (const m of cohort.members) reportMember(sink, cohort, m)
    }
  }

  /** A request outside any visit that names a page of the shop as its referrer was sent by that page, rendered. */
  function noteRenderedPage(e: HttpEvent, ip: KeyedEntity, referrer: string | null): void {
    const ua = e.user_agent_original
    if (ua === null || !hasValue(referrer) || !referrers.fromShop(e, referrer)) return
    renderedBy.set(ip.key, ua, e.ts)
  }

  return {
    id: COHORT_SURGE_ID,
    onHttp(e: HttpEvent, sink: DetectionSink, facts?: HttpFacts) {
      const f = visits.see(e, facts)
      const referrer = e.http_request_referrer
      if (f.kind === 'static') referrers.noteAsset(referrer)
      const ip = f.ip
      if (ip === null) return
      if (f.kind === 'static' || f.kind === 'api') {
        // A page's assets come within seconds of it: no need to refresh the visit's recency.
        const seen = visits.peek(ip.key)
        if (seen !== undefined) {
          seen.rendered = true
          lastSent = e.ts
        } else noteRenderedPage(e, ip, referrer)
        return
      }
      const v = visits.continued(ip.key, e.ts, sink)
      const method = e.http_request_method ?? 'GET'
      const ua = e.user_agent_original
      const read = f.kind === 'page' && method === 'GET'
      if (read) {
        referrers.notePage(referrer)
        if (modernTransport(e.http_version)) lastModern = e.ts
      }
      if (v !== undefined) {
        noteRequest(v, e.ts, ua, e.http_response_status_code)
        if (read) {
          v.pages++
          if (e.ts - v.lastPage <= hastyMs && f.path !== v.lastPath) v.quick++
          v.lastPage = e.ts
          if (f.path !== null) v.lastPath = f.path
          if (!v.rendered && hasValue(referrer) && referrers.fromShop(e, referrer)) v.rendered = true
          return
        }
        if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || f.path === null) return
        // A write after a page that names a page: the page's own script (a beacon, the cart) or its form.
        if (v.pages > 0 && hasValue(referrer)) {
          v.rendered = true
          lastSent = e.ts
        }
        noteWrite(v, f.path)
        return
      }
      if (!read) {
        if (method !== 'GET' && method !== 'HEAD') noteRenderedPage(e, ip, referrer)
        return
      }
      if (f.path === null || ua === null) return
      const status = e.http_response_status_code
      if ((status !== null && status >= 400) || isDeclaredBot(e) || eventUa(e).engine === null) return
      const fromShop = hasValue(referrer) && referrers.fromShop(e, referrer)
      const from = fromShop ? FROM_SHOP : hasValue(referrer) ? (referrers.hostOf(referrer) ?? '') : ''
      const fresh = beginVisit(visits.blank(() => ({}) as Visit), ip, ua, e.ts, f.path, from, sectionOf(f.path, requestQuery(e), pageParams, searchParams), fromShop)
      fresh.transport = legacyTransport(e.http_version)
      if (fresh.transport !== null) fresh.build = buildOf(ua, fresh.transport)
      fresh.pages = 1
      fresh.lastPage = e.ts
      fresh.lastPath = f.path
      fresh.quick = 0
      visits.open(ip.key, fresh, e.ts)
    },
    ...visitRounds(visits, { sweep: (now) => renderedBy.evictIdle(now), evaluate }),
  }
}
