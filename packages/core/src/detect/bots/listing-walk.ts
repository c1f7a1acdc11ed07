/**
 * `bot.listing_walk` (OAT-011): a scraper farm that drives real browsers through residential
 * proxies renders every page, keeps cookies and sends referrers, and no address sees more than
 * a short visit. What the farm shares is its work queue: one browser build enters the site, from
 * a new address each time, on the NEXT page of the same paginated listing (`?page=7`, then
 * `?page=8` from another address a minute later …). People arriving from a search engine, a
 * newsletter or a forum land on a few popular pages, again and again; they do not enter on
 * page after page in order, each from a new address.
 *
 * An entry is a successful GET of a page with an explicit page number and no referrer from
 * the shop itself. Entries of one build (exact user agent and ja4) on one listing are chained
 * when each enters at the page after the previous one, from another address, within
 * `maxGapMinutes`. A chain of `minSteps` entries over `minAddresses` addresses flags the build
 * and every address of the chain, and later the sessions and devices those visits carried.
 * Declared bots are skipped.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtDuration, fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { pageIdentity, requestQuery } from '../signals/request-kind.ts'
import { ramp } from '../signals/score.ts'
import { entityKey } from '../signals/sessions.ts'
import { fingerprintOf } from './proxy-rotation.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const LISTING_WALK_ID = 'bot.listing_walk'
const THREAT = 'OAT-011'
const CATEGORY = 'listing_walk'
// Open chains per build and listing, each waiting for its next page; the one idle longest goes first.
// With a quarter of maxEntities build-listing pairs, at most 4 × maxEntities chains are open (as
// many as bot.proxy_rotation's visits), whatever a flood of deep entries does.
const MAX_CHAINS = 16
const RELATED_SHOWN = 20
// As `pageIdentity` reads a query: the page number is among the first parameters.
const MAX_QUERY = 1024
const PATH_PAGE = '/page/'

/** One visit that is a step of a chain: its address, and what its requests carried after the entry. */
interface Step {
  chain: Chain
  ip: KeyedEntity
  ua: string | null
  ja4: string | null
  session: string | null
  device: string | null
}

interface Chain {
  build: string
  listing: string
  firstPage: number
  lastPage: number
  lastIp: string
  first: number
  last: number
  steps: Step[]
  addresses: Set<string>
  flagged: boolean
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

function includesAny(s: string, needles: readonly string[]): boolean {
  for (const n of needles) if (s.includes(n)) return true
  return false
}

/** WordPress and WooCommerce number pages in the path: `/product-category/shoes/page/3/`. */
function pathPageOf(path: string): { listing: string; page: number } | null {
  const at = path.lastIndexOf(PATH_PAGE)
  if (at < 0) return null
  const from = at + PATH_PAGE.length
  let end = path.indexOf('/', from)
  if (end < 0) end = path.length
  const value = path.slice(from, end)
  if (value.length === 0 || value.length > 6 || !isDigits(value) || end < path.length - 1) return null
  return { listing: at === 0 ? '/' : path.slice(0, at), page: Number(value) }
}

/**
 * The listing and page number of a request that names its page: `/c/bags?page=3` and
 * `/c/bags/page/3/` are page 3 of `/c/bags`. The listing is the page identity without the page parameter, so filters and
 * search terms stay part of it and sort orders do not. Null without an integer page.
 */
export function listingPageOf(path: string, query: string | null, names: ReadonlySet<string>): { listing: string; page: number } | null {
  const inPath = pathPageOf(path)
  if (inPath !== null) return { listing: pageIdentity(inPath.listing, query), page: inPath.page }
  if (query === null || query === '') return null
  const q = query.length > MAX_QUERY ? query.slice(0, MAX_QUERY) : query
  let page = -1
  let rest = ''
  for (let start = 0; start <= q.length;) {
    let end = q.indexOf('&', start)
    if (end < 0) end = q.length
    // Searched within the parameter only, so a query of many bare names stays linear.
    let eq = start
    while (eq < end && q.charCodeAt(eq) !== 61) eq++
    const param = q.slice(start, end)
    if (page < 0 && eq > start && eq < end && names.has(q.slice(start, eq))) {
      const value = q.slice(eq + 1, end)
      // Digits only, bounded: `page=2abc` or a 20-digit value names no page.
      if (value.length > 0 && value.length <= 6 && isDigits(value)) {
        page = Number(value)
        start = end + 1
        continue
      }
    }
    if (param !== '') rest = rest === '' ? param : `${rest}&${param}`
    start = end + 1
  }
  if (page < 0) return null
  return { listing: pageIdentity(path, rest === '' ? null : rest), page }
}

export function createListingWalkDetector(config: DetectConfig): StreamDetector {
  const c = config.listingWalk
  const names = new Set(c.pageParams)
  // Most queries name no page: a substring test spares them the parse and the referrer check.
  const needles = c.pageParams.map((n) => `${n}=`)
  const maxGapMs = c.maxGapMinutes * 60_000
  let lastSweep = Number.NEGATIVE_INFINITY

  // Per build and listing, the chains still open by the page each waits for; they end after maxGap without a step.
  const chains = new BoundedMap<string, Map<number, Chain>>({ maxEntries: Math.max(1, config.maxEntities >> 2), idleMs: maxGapMs })
  // The steps by address, so the session and device its visit goes on to carry can be named.
  const stepsByIp = new BoundedMap<string, Step>({ maxEntries: config.maxEntities, idleMs: config.sessionGapMinutes * 60_000 })
  // Entities already reported, so each is reported once (and a build again per new step).
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const builds = new BoundedMap<string, { first: number; steps: number }>({ maxEntries: config.maxEntities })

  const referrers = new ShopReferrers()

  function report(sink: DetectionSink, entity: EntityRef, chain: Chain, score: number, explanation: string, related: EntityRef[]): void {
    const key = entityKey(entity)
    if (reported.peek(key) !== undefined) return
    reported.set(key, true, chain.last)
    sink.report(
      buildDetection({
        detector: LISTING_WALK_ID,
        threat: THREAT,
        category: CATEGORY,
        entity,
        score,
        firstSeenMs: chain.first,
        lastSeenMs: chain.last,
        count: 1,
        explanation,
        evidence: [
          { field: 'listing', value: chain.listing },
          { field: 'pages', value: `${chain.firstPage}-${chain.lastPage}` },
          { field: 'distinct_ips', value: chain.addresses.size },
        ],
        related,
      }),
    )
  }

  function scoreOf(chain: Chain): number {
    return 70 + 25 * ramp(chain.steps.length, c.minSteps, c.minSteps * 3)
  }

  function walkPhrase(chain: Chain): string {
    return `${chain.listing} pages ${chain.firstPage}-${chain.lastPage} entered one after another from ${fmtInt(chain.addresses.size)} addresses in ${fmtDuration(chain.last - chain.first)}`
  }

  function reportStep(sink: DetectionSink, step: Step): void {
    const chain = step.chain
    const build: EntityRef = { type: 'actor', value: chain.build }
    const score = scoreOf(chain) - 5
    const why = `one of ${fmtInt(chain.addresses.size)} addresses of one browser build walking ${walkPhrase(chain)}, each visit entering at the next page with no referrer from the shop`
    report(sink, step.ip.ref, chain, score, why, [build])
    if (step.session !== null) report(sink, { type: 'session', value: step.session }, chain, score, `the session of ${why}`, [build, step.ip.ref])
    if (step.device !== null) report(sink, { type: 'device', value: step.device }, chain, score, `the device of ${why}`, [build, step.ip.ref])
  }

  function reportBuild(sink: DetectionSink, chain: Chain): void {
    const prior = builds.upsert(chain.build, chain.last, () => ({ first: chain.first, steps: 0 }))
    prior.steps++
    sink.report(
      buildDetection({
        detector: LISTING_WALK_ID,
        threat: THREAT,
        category: CATEGORY,
        entity: { type: 'actor', value: chain.build },
        score: scoreOf(chain),
        firstSeenMs: prior.first,
        lastSeenMs: chain.last,
        count: prior.steps,
        explanation: `a distributed walk of a listing by one browser build: ${walkPhrase(chain)}, each visit entering at the next page with no referrer from the shop`,
        evidence: [
          { field: 'listing', value: chain.listing },
          { field: 'pages', value: `${chain.firstPage}-${chain.lastPage}` },
          { field: 'distinct_ips', value: chain.addresses.size },
          { field: 'walk_steps_total', value: prior.steps },
        ],
        related: chain.steps.slice(-RELATED_SHOWN).map((s) => s.ip.ref),
      }),
    )
  }

  function enter(e: HttpEvent, ip: KeyedEntity, listing: string, page: number, sink: DetectionSink): void {
    const build = fingerprintOf(e)
    if (build === null) return
    const open = chains.upsert(`${build}\u0001${listing}`, e.ts, () => new Map())
    let chain = open.get(page)
    if (chain !== undefined && (chain.lastIp === ip.key || e.ts - chain.last > maxGapMs)) chain = undefined
    if (chain === undefined) {
      const rival = open.get(page + 1)
      // A walk already waiting for the next page is not displaced by a landing on this one.
      if (rival !== undefined && rival.steps.length > 1 && e.ts - rival.last <= maxGapMs) return
      chain = { build, listing, firstPage: page, lastPage: page, lastIp: ip.key, first: e.ts, last: e.ts, steps: [], addresses: new Set(), flagged: false }
    } else {
      open.delete(page)
    }
    // Keyed by the page it waits for; re-inserted, so the map's order is by last step.
    open.delete(page + 1)
    open.set(page + 1, chain)
    if (open.size > MAX_CHAINS) {
      const oldest = open.keys().next()
      if (oldest.done !== true) open.delete(oldest.value)
    }
    chain.lastPage = page
    chain.lastIp = ip.key
    chain.last = e.ts
    if (chain.addresses.size < c.maxIpsReported) chain.addresses.add(ip.key)
    const step: Step = { chain, ip, ua: e.user_agent_original, ja4: e.tls_client_ja4, session: hasValue(e.session_id) ? e.session_id : null, device: hasValue(e.device_id) ? e.device_id : null }
    // Past the cap a long walk keeps its count, not every step.
    if (chain.steps.length < c.maxIpsReported) chain.steps.push(step)
    stepsByIp.set(ip.key, step, e.ts)
    if (!chain.flagged && chain.steps.length >= c.minSteps && chain.addresses.size >= c.minAddresses) {
      chain.flagged = true
      for (const s of chain.steps) reportStep(sink, s)
      reportBuild(sink, chain)
    } else if (chain.flagged) {
      reportStep(sink, step)
      reportBuild(sink, chain)
    }
  }

  /** A later request of a step's visit: the session cookie and device id it carries. */
  function follow(e: HttpEvent, step: Step, sink: DetectionSink): void {
    if (e.user_agent_original !== step.ua || e.tls_client_ja4 !== step.ja4) return
    let learned = false
    if (step.session === null && hasValue(e.session_id)) {
      step.session = e.session_id
      learned = true
    }
    if (step.device === null && hasValue(e.device_id)) {
      step.device = e.device_id
      learned = true
    }
    if (learned && step.chain.flagged) reportStep(sink, step)
  }

  return {
    id: LISTING_WALK_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (f.kind === 'static') {
        referrers.noteAsset(e.http_request_referrer)
        return
      }
      const ip = f.ip
      if (ip === null || isDeclaredBot(e)) return
      if (stepsByIp.size !== 0) {
        const step = stepsByIp.peek(ip.key)
        if (step !== undefined) follow(e, step, sink)
      }
      if (f.kind !== 'page' || f.path === null || (e.http_request_method ?? 'GET') !== 'GET') return
      referrers.notePage(e.http_request_referrer)
      const status = e.http_response_status_code
      if (status !== null && status >= 400) return
      const query = requestQuery(e)
      if ((query === null || !includesAny(query, needles)) && !f.path.includes(PATH_PAGE)) return
      const referrer = e.http_request_referrer
      if (hasValue(referrer) && referrers.fromShop(e, referrer)) return
      const at = listingPageOf(f.path, query, names)
      if (at !== null) enter(e, ip, at.listing, at.page, sink)
    },
    tick(now) {
      if (now - lastSweep < 10_000) return
      lastSweep = now
      chains.evictIdle(now)
      stepsByIp.evictIdle(now)
    },
  }
}
