/**
 * `bot.dos` (OAT-015): request floods from one IP or session — non-static requests in a
 * sliding window above a ceiling no shopper (nor an office behind one NAT) reaches.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { SlidingCounter } from '../state/window-counter.ts'
import { fmtInt } from '../signals/format.ts'
import { createCrawlerVerifier } from '../signals/network.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { ramp } from '../signals/score.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { entityFromKey, Sessionizer } from '../signals/sessions.ts'

export const DOS_ID = 'bot.dos'
const BUCKETS = 10
// Evicted rates kept for reuse: entities go idle and return all the time.
const MAX_FREE = 4096

interface Rate {
  window: SlidingCounter
  /** The rate's only request is not in `window` yet (`deferFirst`); it came at `loneTs`. */
  lone: boolean
  loneTs: number
  first: number
  last: number
  /** Requests while over the ceiling. */
  flooding: number
  peak: number
  related: EntityRef | null
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createDosDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const crawlers = createCrawlerVerifier(config)
  const { windowSeconds, maxRequests } = config.dos
  const windowMs = windowSeconds * 1000
  const sessions = new Sessionizer(config.sessionGapMinutes * 60_000, config.maxEntities, shared.records)
  const free: Rate[] = []
  const rates = new BoundedMap<string, Rate>({
    maxEntries: config.maxEntities,
    idleMs: windowMs * 2,
    onEvict: (_key, r) => {
      if (free.length < MAX_FREE) free.push(r)
    },
  })
  const dirty = new Set<string>()
  let lastEvict = Number.NEGATIVE_INFINITY

  function flush(sink: DetectionSink): void {
    for (const key of dirty) {
      const r = rates.peek(key)
      if (r === undefined || r.flooding === 0) continue
      const factor = r.peak / maxRequests
      sink.report(
        buildDetection({
          detector: DOS_ID,
          threat: 'OAT-015',
          category: 'denial_of_service',
          entity: entityFromKey(key),
          score: 70 + 25 * ramp(factor, 1, 4),
          firstSeenMs: r.first,
          lastSeenMs: r.last,
          count: r.flooding,
          explanation: `up to ${fmtInt(r.peak)} requests in ${windowSeconds} s (${fmtInt(r.peak / windowSeconds)}/s), ${factor.toFixed(1)}× the ceiling of ${fmtInt(maxRequests)}`,
          evidence: [
            { field: 'peak_requests', value: r.peak },
            { field: 'window_seconds', value: windowSeconds },
            { field: 'requests_over_ceiling', value: r.flooding },
          ],
          related: r.related === null ? [] : [r.related],
        }),
      )
    }
    dirty.clear()
  }

  // What `openRate` starts a rate with: set by `count` before it looks the entity up, so the
  // lookup and the insert of a new entity are one `upsert`, with no closure made per event.
  let openingTs = 0
  let openingRelated: EntityRef | null = null
  /** Set by `openRate`: the lookup `count` made opened the rate. */
  let opened = false
  // A shopper's page view opens a rate per IP and session that most often sees that one
  // request before it goes idle: below a ceiling above one request, the first request is kept
  // aside and put in the window with the second, so such a rate never clears or sums buckets.
  const deferFirst = maxRequests > 1

  function openRate(): Rate {
    opened = true
    let r = free.pop()
    if (r === undefined) {
      r = { window: new SlidingCounter(windowMs, BUCKETS), lone: false, loneTs: 0, first: openingTs, last: openingTs, flooding: 0, peak: 0, related: openingRelated }
    } else {
      if (!deferFirst) r.window.clear()
      r.first = openingTs
      r.last = openingTs
      r.flooding = 0
      r.peak = 0
      r.related = openingRelated
    }
    r.lone = deferFirst
    r.loneTs = openingTs
    return r
  }

  function count(entity: KeyedEntity, other: KeyedEntity | null, ts: number): void {
    openingTs = ts
    openingRelated = other?.ref ?? null
    opened = false
    const r = rates.upsert(entity.key, ts, openRate)
    if (opened && deferFirst) return
    if (r.lone) {
      // A reused rate's window still holds its previous entity's buckets.
      r.lone = false
      r.window.clear()
      r.window.add(r.loneTs)
    }
    r.window.add(ts)
    const n = r.window.total(ts)
    if (n < maxRequests) return
    if (r.flooding === 0) r.first = ts
    r.flooding++
    r.last = ts
    if (n > r.peak) r.peak = n
    dirty.add(entity.key)
  }

  return {
    id: DOS_ID,
    // A page's assets come with it: the rate is of the requests that cost the shop.
    httpReads: { kinds: ['page', 'api', 'robots', 'sitemap'] },
    onHttp(e, _sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (f.kind === 'static' || crawlers.isVerified(e)) return
      const session = sessions.entityOf(e, f)
      if (f.ip !== null) count(f.ip, session, e.ts)
      if (session !== null) count(session, f.ip, e.ts)
    },
    tick(now, sink) {
      flush(sink)
      if (now - lastEvict >= windowMs) {
        lastEvict = now
        rates.evictIdle(now)
        sessions.evictIdle(now)
      }
    },
    finish(sink) {
      flush(sink)
    },
  }
}
