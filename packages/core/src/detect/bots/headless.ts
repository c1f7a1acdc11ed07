/**
 * `bot.headless` (threat and category `automation`): pages fetched by a client that is not
 * the browser it claims or says outright it is automation — an automation library or
 * headless browser (enrichment's bot kind or a Headless marker) fetching anything but the
 * site's API (a declared library on the API is an app or an integration), a TLS fingerprint no
 * such browser produces (unless it renders pages with their assets: a browser behind a
 * TLS-intercepting proxy), or a browser version not yet released at the event's date.
 * Which automated threat it serves (scraping, stuffing, cracking) is for the behavioural
 * detectors to say, so this one claims no OAT class. Monitors and declared crawlers are
 * left to other detectors.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtInt } from '../signals/format.ts'
import { createCrawlerVerifier } from '../signals/network.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { entityFromKey, Sessionizer } from '../signals/sessions.ts'
import { SiteBaseline } from '../signals/site-baseline.ts'
import { browserFamilies, createUaAnalyzer } from '../signals/user-agent.ts'

export const HEADLESS_ID = 'bot.headless'
const ASSETS_PER_PAGE_RENDERED = 0.5

interface Seen {
  reason: string
  /** The only evidence is the UA/TLS mismatch (no declared automation, no impossible version). */
  mismatchOnly: boolean
  statics: number
  score: number
  first: number
  last: number
  count: number
  userAgent: string | null
  related: EntityRef | null
  /** The related entity's key in `seen` (the address of a session, the session of an address). */
  relatedKey: string | null
  /** Count and score at the last report, and its event time: re-reports wait for a material change. */
  reportedCount: number
  reportedScore: number
  reportedAt: number
}

// A reported entity is re-reported once its count grew by this share, its score rose, or this
// much event time passed: fresh enough for the store and the guard, not once per second.
const REPORT_GROWTH = 1.1
const REPORT_EVERY_MS = 60_000

export function createHeadlessDetector(config: DetectConfig): StreamDetector {
  const crawlers = createCrawlerVerifier(config)
  const analyseUa = createUaAnalyzer(browserFamilies(config), config)
  const sessions = new Sessionizer(config.sessionGapMinutes * 60_000, config.maxEntities)
  const seen = new BoundedMap<string, Seen>({ maxEntries: config.maxEntities })
  const dirty = new Set<string>()
  const baseline = new SiteBaseline(config.baselineMinEvents)
  let lastEvict = Number.NEGATIVE_INFINITY

  function renders(s: Seen): boolean {
    return s.statics / s.count >= ASSETS_PER_PAGE_RENDERED
  }

  /**
   * A session's first page is often fetched before its cookie is set and only its assets after,
   * and a checkout is API calls without assets: a few requests can read as not rendering. The
   * address it came from, a TLS-inspecting gateway's in an office, has rendered for everyone.
   */
  function rendersHereOrThere(s: Seen): boolean {
    if (renders(s)) return true
    const other = s.relatedKey === null ? undefined : seen.peek(s.relatedKey)
    return other !== undefined && other.mismatchOnly && renders(other)
  }

  function flush(sink: DetectionSink, final: boolean, now: number): void {
    const pendingKeys: string[] = []
    for (const key of dirty) {
      const s = seen.peek(key)
      if (s === undefined || s.count < config.headless.minRequests) continue
      const material = s.reportedCount === 0 || s.score > s.reportedScore || s.count >= s.reportedCount * REPORT_GROWTH || now - s.reportedAt >= REPORT_EVERY_MS
      if (!final && !material) {
        pendingKeys.push(key)
        continue
      }
      // A client that renders pages (fetches their assets) behind a mismatched TLS fingerprint is a
      // browser behind a TLS-intercepting proxy (corporate gateways), not an HTTP library.
      // Until the site's asset share is known, such a client stays pending.
      if (s.mismatchOnly && !baseline.ready && !final) {
        pendingKeys.push(key)
        continue
      }
      if (s.mismatchOnly && baseline.assetsLogged && rendersHereOrThere(s)) continue
      s.reportedCount = s.count
      s.reportedScore = s.score
      s.reportedAt = now
      sink.report(
        buildDetection({
          detector: HEADLESS_ID,
          threat: 'automation',
          category: 'automation',
          entity: entityFromKey(key),
          score: s.score,
          firstSeenMs: s.first,
          lastSeenMs: s.last,
          count: s.count,
          explanation: `${fmtInt(s.count)} page requests from ${s.reason}`,
          evidence: [
            { field: 'reason', value: s.reason },
            { field: 'requests', value: s.count },
            ...(s.userAgent === null ? [] : [{ field: 'user_agent_original', value: s.userAgent.slice(0, 256) }]),
          ],
          related: s.related === null ? [] : [s.related],
        }),
      )
    }
    dirty.clear()
    for (const key of pendingKeys) dirty.add(key)
  }

  return {
    id: HEADLESS_ID,
    onHttp(e, _sink, facts?: HttpFacts) {
      if (e.user_agent_original === null || crawlers.isVerified(e)) return
      const kind = e.user_agent_bot_kind
      if (kind === 'monitor' || kind === 'crawler' || kind === 'ai_crawler') return
      const f = facts ?? httpFacts(e)
      baseline.add(e, f.kind)
      if (f.kind === 'static') {
        const session = sessions.entityOf(e, f)
        if (f.ip !== null) {
          const s = seen.peek(f.ip.key)
          if (s !== undefined) s.statics++
        }
        if (session !== null) {
          const s = seen.peek(session.key)
          if (s !== undefined) s.statics++
        }
        return
      }
      const ua = analyseUa(e)
      let reason: string
      let score: number
      if (ua.mismatch !== null) {
        reason = `a client claiming ${ua.browser?.family ?? 'a browser'} ${ua.browser?.major ?? ''} whose TLS fingerprint has ${ua.mismatch}`
        score = 75
      } else if (ua.version === 'impossible') {
        reason = `a client claiming ${ua.browser?.family ?? ''} ${ua.browser?.major ?? ''}, a version not released at that date`
        score = 70
      } else if (ua.automation !== null && f.kind !== 'api') {
        // An HTTP library that names itself on the site's API is what the shop's own app and its
        // integrations are (okhttp, CFNetwork, Go-http-client calling /api/); one fetching pages
        // meant for a browser is not. Whatever it does on the API is for the behavioural detectors.
        reason = `automation client ${ua.automation}`
        score = 65
      } else {
        return
      }
      const session = sessions.entityOf(e, f)
      const ip = f.ip
      for (const [entity, other] of [[ip, session], [session, ip]] as const) {
        if (entity === null) continue
        const key = entity.key
        const mismatchOnly = ua.mismatch !== null && ua.automation === null && ua.version !== 'impossible'
        const s = seen.upsert(key, e.ts, () => ({ reason, mismatchOnly, statics: 0, score, first: e.ts, last: e.ts, count: 0, userAgent: e.user_agent_original, related: other?.ref ?? null, relatedKey: other?.key ?? null, reportedCount: 0, reportedScore: 0, reportedAt: 0 }))
        s.count++
        if (!mismatchOnly) s.mismatchOnly = false
        if (e.ts > s.last) s.last = e.ts
        if (score > s.score) {
          s.score = score
          s.reason = reason
        }
        dirty.add(key)
      }
    },
    tick(now, sink) {
      flush(sink, false, now)
      if (now - lastEvict >= 60_000) {
        lastEvict = now
        sessions.evictIdle(now)
      }
    },
    finish(sink) {
      flush(sink, true, Number.POSITIVE_INFINITY)
    },
  }
}
