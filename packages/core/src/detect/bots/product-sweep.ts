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
 * extends the open sweep whose highest id is below it by at most `maxIdGap`, within
 * `maxGapMinutes`. A landing of the build on a product a sweep already holds, or far behind
 * it, is a stray: a sweep of `minSteps` landings from `minAddresses` addresses with at most
 * `maxStrayShare` strays per landing flags the build. Each address of it is flagged once its
 * visit is over (no request for `VISIT_IDLE_MS`) if no page of that visit came from the shop:
 * a person who lands on a product goes on browsing, a worker leaves. Declared bots are skipped.
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
import { fingerprintOf } from './proxy-rotation.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const PRODUCT_SWEEP_ID = 'bot.product_sweep'
const THREAT = 'OAT-011'
const CATEGORY = 'product_sweep'
// Open sweeps per build and template; the one idle longest goes first. A farm's workers on
// one build share a sweep, so a few are enough; people on the build open one per landing.
const MAX_SWEEPS = 8
const RELATED_SHOWN = 20
// A visit is over after this much silence from its address (as bot.proxy_rotation's visits).
const VISIT_IDLE_MS = 120_000
const SWEEP_INTERVAL_MS = 10_000

interface Sweep {
  build: string
  template: string
  firstId: number
  lastId: number
  first: number
  last: number
  /** Landings in the sweep; `ids` keeps the first `maxIpsReported` of them, ascending. */
  steps: number
  ids: number[]
  addresses: Set<string>
  strays: number
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

/** `ids` ascending holds `id`. */
function holds(ids: readonly number[], id: number): boolean {
  let lo = 0
  let hi = ids.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = ids[mid] ?? 0
    if (v === id) return true
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return false
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
  let pending: Member[] = []
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
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
      { field: 'strays', value: sweep.strays },
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
    const keep: Member[] = []
    for (const m of pending) {
      if (m.fromShop) continue
      const over = final || now - m.last > VISIT_IDLE_MS
      if (over && m.sweep.flagged) reportMember(sink, m)
      else if (!final && (!over || now - m.sweep.last <= maxGapMs)) keep.push(m)
    }
    // Bounded like the tables: past the cap the oldest visits are let go.
    pending = keep.length > config.maxEntities ? keep.slice(keep.length - config.maxEntities) : keep
  }

  function land(e: HttpEvent, ip: KeyedEntity, template: string, id: number, sink: DetectionSink): void {
    const build = fingerprintOf(e)
    if (build === null) return
    const open = sweeps.upsert(`${build}\u0001${template}`, e.ts, () => [])
    let best: Sweep | undefined
    for (let i = open.length - 1; i >= 0; i--) {
      const s = open[i]
      if (s === undefined) continue
      if (e.ts - s.last > maxGapMs) {
        open.splice(i, 1)
        continue
      }
      // A queue never goes back: a product the sweep holds, or one far behind it, is someone else's landing.
      const inside = id >= s.firstId && id <= s.lastId
      if (inside && (id <= s.lastId - c.maxIdGap || holds(s.ids, id))) s.strays++
      else if (id > s.lastId && id - s.lastId <= c.maxIdGap && (best === undefined || s.lastId > best.lastId)) best = s
    }
    if (best === undefined) {
      best = { build, template, firstId: id, lastId: id, first: e.ts, last: e.ts, steps: 0, ids: [], addresses: new Set(), strays: 0, flagged: false }
      open.push(best)
      if (open.length > MAX_SWEEPS) open.shift()
    }
    best.lastId = id
    best.last = e.ts
    best.steps++
    if (best.ids.length < c.maxIpsReported) best.ids.push(id)
    if (best.addresses.size < c.maxIpsReported) best.addresses.add(ip.key)
    let m = members.peek(ip.key)
    if (m === undefined || m.sweep !== best) {
      m = { sweep: best, ip, ua: e.user_agent_original, ja4: e.tls_client_ja4, session: null, device: null, last: e.ts, fromShop: false }
      members.set(ip.key, m, e.ts)
      pending.push(m)
    }
    learn(m, e)
    if (best.steps >= c.minSteps && best.addresses.size >= c.minAddresses && best.strays <= best.steps * c.maxStrayShare) {
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
