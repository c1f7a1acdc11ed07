/**
 * `bot.product_sweep` (OAT-011): a browser farm fed product URLs from the shop's sitemap (or a
 * list bought elsewhere) does not paginate, so `bot.listing_walk` has nothing to chain. Each
 * worker, real Chrome behind a residential proxy, opens the next URLs of one queue straight
 * from the address bar. What the queue cannot hide is its order: product sitemaps list products
 * by id, so the landings of one browser build climb the catalogue, each product once, from
 * address after address. People land on products from a search engine, a newsletter or a
 * bookmark in the order of their own interests: popular products again and again, the long
 * tail at random, never a steady climb.
 *
 * A landing is a successful GET of a page with a numeric id (`/p/10432`, `?product_id=10432`)
 * and no referrer from the shop; listing pages are `bot.listing_walk`'s. Per browser build
 * (exact user agent and ja4) and page template, landings are chained into sweeps: a landing
 * extends the open sweep whose highest id is below it by at most `maxIdGap` (and a sixteenth of
 * the catalogue's ids), within `maxGapMinutes`; any other landing opens a sweep, and of the
 * build's eight sweeps the one idle longest goes, so a sweep lives only while it takes one of
 * every few landings of its build: a queue's front does, people's landings on a busy build do
 * not line up. A
 * sweep of `minSteps` landings from `minAddresses` addresses flags the build. Each address of
 * it is flagged once its visit is over (no request for `VISIT_IDLE_MS`) if no page of that
 * visit came from the shop: a person who lands on a product goes on browsing, a worker leaves.
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
import { catalogId, pageIdentity, requestQuery } from '../signals/request-kind.ts'
import { ramp } from '../signals/score.ts'
import { entityKey } from '../signals/sessions.ts'
import { listingPageOf } from './listing-walk.ts'
// A visit is over after as much silence from its address as bot.proxy_rotation's visits.
import { fingerprintOf, VISIT_IDLE_MS } from './proxy-rotation.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const PRODUCT_SWEEP_ID = 'bot.product_sweep'
const THREAT = 'OAT-011'
const CATEGORY = 'product_sweep'
// Open sweeps per build and template; the one idle longest goes first (see land).
const MAX_SWEEPS = 8
const RELATED_SHOWN = 20
const SWEEP_INTERVAL_MS = 10_000
// A farm of a few workers taking one URL each moves this far between one worker's visits.
const MIN_ID_GAP = 16
// Landings on a template after which its range of ids is taken as the catalogue's.
const RANGE_LANDINGS = 200

interface Sweep {
  build: string
  template: string
  /** The lowest and highest product ids landed on. */
  firstId: number
  lastId: number
  first: number
  last: number
  /** Landings in the sweep. */
  steps: number
  addresses: Set<string>
  flagged: boolean
}

/** One address's visit that landed in a sweep: what it carried, and whether a page of it came from the shop. */
interface Member {
  sweep: Sweep
  ip: KeyedEntity
  ua: string | null
  ja4: string | null
  session: string | null
  device: string | null
  last: number
  fromShop: boolean
}

export function createProductSweepDetector(config: DetectConfig): StreamDetector {
  const c = config.productSweep
  const pageNames = new Set(config.listingWalk.pageParams)
  const maxGapMs = c.maxGapMinutes * 60_000
  let lastSweep = Number.NEGATIVE_INFINITY

  // Per build and template, the sweeps still open; they end after maxGap without a landing.
  const sweeps = new BoundedMap<string, Sweep[]>({ maxEntries: Math.max(1, config.maxEntities >> 2), idleMs: maxGapMs })
  // The latest visit by address, followed for its session, device and pages from the shop.
  const members = new BoundedMap<string, Member>({ maxEntries: config.maxEntities, idleMs: maxGapMs + VISIT_IDLE_MS })
  // Visits waiting for their end, or for their sweep to be flagged.
  const pending: Member[] = []
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  // The ids landed on per template: how large the catalogue is.
  const ranges = new BoundedMap<string, { low: number; high: number; landings: number }>({ maxEntries: Math.max(1, config.maxEntities >> 4) })
  const referrers = new ShopReferrers()

  function scoreOf(sweep: Sweep): number {
    return 70 + 25 * ramp(sweep.steps, c.minSteps, c.minSteps * 3)
  }

  function phrase(sweep: Sweep): string {
    return `${fmtInt(sweep.steps)} landings straight on ${sweep.template} ids ${sweep.firstId}-${sweep.lastId} in catalogue order, none twice, from ${fmtInt(sweep.addresses.size)} addresses in ${fmtDuration(sweep.last - sweep.first)}`
  }

  function evidence(sweep: Sweep): { field: string; value: string | number }[] {
    return [
      { field: 'template', value: sweep.template },
      { field: 'ids', value: `${sweep.firstId}-${sweep.lastId}` },
      { field: 'landings', value: sweep.steps },
      { field: 'distinct_ips', value: sweep.addresses.size },
    ]
  }

  function reportBuild(sink: DetectionSink, sweep: Sweep): void {
    sink.report(
      buildDetection({
        detector: PRODUCT_SWEEP_ID,
        threat: THREAT,
        category: CATEGORY,
        entity: { type: 'actor', value: sweep.build },
        score: scoreOf(sweep),
        firstSeenMs: sweep.first,
        lastSeenMs: sweep.last,
        count: sweep.steps,
        explanation: `one browser build sweeping the catalogue as a sitemap queue does: ${phrase(sweep)}`,
        evidence: evidence(sweep),
      }),
    )
  }

  function reportOnce(sink: DetectionSink, entity: EntityRef, m: Member, explanation: string, related: EntityRef[]): void {
    const key = entityKey(entity)
    if (reported.peek(key) !== undefined) return
    reported.set(key, true, m.last)
    const sweep = m.sweep
    sink.report(
      buildDetection({
        detector: PRODUCT_SWEEP_ID,
        threat: THREAT,
        category: CATEGORY,
        entity,
        score: scoreOf(sweep) - 5,
        firstSeenMs: sweep.first,
        lastSeenMs: m.last,
        count: 1,
        explanation,
        evidence: evidence(sweep),
        related,
      }),
    )
  }

  function reportMember(sink: DetectionSink, m: Member): void {
    const build: EntityRef = { type: 'actor', value: m.sweep.build }
    const why = `one of ${fmtInt(m.sweep.addresses.size)} addresses of one browser build that made ${phrase(m.sweep)}; this visit only landed, no page of it came from the shop`
    reportOnce(sink, m.ip.ref, m, why, [build])
    if (m.session !== null) reportOnce(sink, { type: 'session', value: m.session }, m, `the session of ${why}`, [build, m.ip.ref])
    if (m.device !== null) reportOnce(sink, { type: 'device', value: m.device }, m, `the device of ${why}`, [build, m.ip.ref])
  }

  /** Reports the visits that are over and belong to a flagged sweep; keeps those that may still qualify. */
  function settle(now: number, sink: DetectionSink, final: boolean): void {
    // Kept in place, in order: a new array of what is kept, every ten seconds, was a quarter of
    // this detector's garbage (thousands of visits wait on a busy shop).
    let kept = 0
    for (let i = 0; i < pending.length; i++) {
      const m = pending[i] as Member
      if (m.fromShop) continue
      const over = final || now - m.last > VISIT_IDLE_MS
      if (over && m.sweep.flagged) reportMember(sink, m)
      else if (!final && (!over || now - m.sweep.last <= maxGapMs)) pending[kept++] = m
    }
    pending.length = kept
    // Bounded like the tables: past the cap the oldest visits are let go.
    if (kept > config.maxEntities) pending.splice(0, kept - config.maxEntities)
  }

  // The last landing's build and its sweeps' key, by what they are made of: a build's landings
  // come in runs, and each made a string of its user agent and another with the template.
  let lastUa: string | null = null
  let lastJa4: string | null = null
  let lastBuild: string | null = null
  let lastTemplate: string | null = null
  let lastKey = ''

  function land(e: HttpEvent, ip: KeyedEntity, template: string, id: number, sink: DetectionSink): void {
    if (lastBuild === null || e.user_agent_original !== lastUa || e.tls_client_ja4 !== lastJa4) {
      const made = fingerprintOf(e)
      if (made === null) return
      lastUa = e.user_agent_original
      lastJa4 = e.tls_client_ja4
      lastBuild = made
      lastTemplate = null
    }
    const build = lastBuild
    if (template !== lastTemplate) {
      lastTemplate = template
      lastKey = `${build}\u0001${template}`
    }
    const range = ranges.upsert(template, e.ts, () => ({ low: id, high: id, landings: 0 }))
    if (id < range.low) range.low = id
    if (id > range.high) range.high = id
    range.landings++
    // On a small catalogue a wide step would chain anyone's landings: once the catalogue's ids are
    // known from enough landings, no step spans more than a sixteenth of them.
    const gap = range.landings < RANGE_LANDINGS ? c.maxIdGap : Math.min(c.maxIdGap, Math.max(MIN_ID_GAP, (range.high - range.low) >> 4))
    const open = sweeps.upsert(lastKey, e.ts, () => [])
    let best: Sweep | undefined
    for (let i = open.length - 1; i >= 0; i--) {
      const s = open[i]
      if (s === undefined) continue
      if (e.ts - s.last > maxGapMs) {
        open.splice(i, 1)
        continue
      }
      if (id <= s.lastId || id - s.lastId > gap) continue
      // The front nearest below, and of equal fronts the longest sweep: a landing of someone else's just ahead does not split a queue's.
      if (best === undefined || s.lastId > best.lastId || (s.lastId === best.lastId && s.steps > best.steps)) best = s
    }
    if (best === undefined) {
      // Every landing that extends no sweep opens one, and the sweep idle longest goes: on a busy
      // build people's landings keep opening sweeps, so a sweep lives only while it extends at
      // least once every MAX_SWEEPS landings of its build. A queue's front does; a chance climb
      // through people's landings does not.
      best = { build, template, firstId: id, lastId: id, first: e.ts, last: e.ts, steps: 0, addresses: new Set(), flagged: false }
      if (open.length >= MAX_SWEEPS) {
        let idlest = 0
        for (let i = 1; i < open.length; i++) if ((open[i]?.last ?? 0) < (open[idlest]?.last ?? 0)) idlest = i
        open.splice(idlest, 1)
      }
      open.push(best)
    }
    if (id < best.firstId) best.firstId = id
    if (id > best.lastId) best.lastId = id
    best.last = e.ts
    best.steps++
    if (best.addresses.size < c.maxIpsReported) best.addresses.add(ip.key)
    let m = members.peek(ip.key)
    if (m === undefined || m.sweep !== best) {
      m = { sweep: best, ip, ua: e.user_agent_original, ja4: e.tls_client_ja4, session: null, device: null, last: e.ts, fromShop: false }
      members.set(ip.key, m, e.ts)
      pending.push(m)
    }
    learn(m, e)
    if (best.steps >= c.minSteps && best.addresses.size >= c.minAddresses) {
      best.flagged = true
      reportBuild(sink, best)
    }
  }

  function learn(m: Member, e: HttpEvent): void {
    m.last = e.ts
    if (m.session === null && hasValue(e.session_id)) m.session = e.session_id
    if (m.device === null && hasValue(e.device_id)) m.device = e.device_id
  }

  return {
    id: PRODUCT_SWEEP_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      const ip = f.ip
      if (ip === null) return
      const referrer = e.http_request_referrer
      if (f.kind === 'static') referrers.noteAsset(referrer)
      const m = members.size === 0 ? undefined : members.peek(ip.key)
      const followed = m !== undefined && e.user_agent_original === m.ua && e.tls_client_ja4 === m.ja4
      if (followed) learn(m, e)
      if (f.kind !== 'page' || f.path === null || (e.http_request_method ?? 'GET') !== 'GET') return
      referrers.notePage(referrer)
      if (hasValue(referrer) && referrers.fromShop(e, referrer)) {
        if (followed) m.fromShop = true
        return
      }
      const status = e.http_response_status_code
      if ((status !== null && status >= 400) || isDeclaredBot(e)) return
      const query = requestQuery(e)
      const at = catalogId(pageIdentity(f.path, query))
      if (at === null || listingPageOf(f.path, query, pageNames) !== null) return
      land(e, ip, at.template, at.id, sink)
    },
    tick(now, sink) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      sweeps.evictIdle(now)
      members.evictIdle(now)
      settle(now, sink, false)
    },
    finish(sink) {
      settle(Number.POSITIVE_INFINITY, sink, true)
    },
  }
}
