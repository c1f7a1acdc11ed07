/**
 * `bot.headless` (threat and category `automation`): pages fetched by a client that is not
 * the browser it claims or says outright it is automation — an automation library or
 * headless browser (enrichment's bot kind or a Headless marker), a TLS fingerprint no
 * such browser produces, or a browser version not yet released at the event's date.
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
import { requestKind, requestPath } from '../signals/request-kind.ts'
import { entityFromKey, entityKey, Sessionizer } from '../signals/sessions.ts'
import { browserFamilies, uaFindings } from '../signals/user-agent.ts'

export const HEADLESS_ID = 'bot.headless'

interface Seen {
  reason: string
  score: number
  first: number
  last: number
  count: number
  userAgent: string | null
  related: EntityRef | null
}

export function createHeadlessDetector(config: DetectConfig): StreamDetector {
  const crawlers = createCrawlerVerifier(config)
  const families = browserFamilies(config)
  const sessions = new Sessionizer(config.sessionGapMinutes * 60_000, config.maxEntities)
  const seen = new BoundedMap<string, Seen>({ maxEntries: config.maxEntities })
  const dirty = new Set<string>()
  let lastEvict = Number.NEGATIVE_INFINITY

  function flush(sink: DetectionSink): void {
    for (const key of dirty) {
      const s = seen.peek(key)
      if (s === undefined || s.count < config.headless.minRequests) continue
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
  }

  return {
    id: HEADLESS_ID,
    onHttp(e) {
      if (e.user_agent_original === null || crawlers.isVerified(e)) return
      const kind = e.user_agent_bot_kind
      if (kind === 'monitor' || kind === 'crawler' || kind === 'ai_crawler') return
      if (requestKind(e, requestPath(e)) === 'static') return
      const ua = uaFindings(e, families, config)
      let reason: string
      let score: number
      if (ua.mismatch !== null) {
        reason = `a client claiming ${ua.browser?.family ?? 'a browser'} ${ua.browser?.major ?? ''} whose TLS fingerprint has ${ua.mismatch}`
        score = 75
      } else if (ua.version === 'impossible') {
        reason = `a client claiming ${ua.browser?.family ?? ''} ${ua.browser?.major ?? ''}, a version not released at that date`
        score = 70
      } else if (ua.automation !== null) {
        reason = `automation client ${ua.automation}`
        score = 65
      } else {
        return
      }
      const session = sessions.sessionOf(e)
      const ip: EntityRef | null = e.source_ip === null ? null : { type: 'ip', value: e.source_ip }
      for (const [ref, other] of [[ip, session], [session, ip]] as const) {
        if (ref === null) continue
        const key = entityKey(ref)
        const s = seen.upsert(key, e.ts, () => ({ reason, score, first: e.ts, last: e.ts, count: 0, userAgent: e.user_agent_original, related: other }))
        s.count++
        if (e.ts > s.last) s.last = e.ts
        if (score > s.score) {
          s.score = score
          s.reason = reason
        }
        dirty.add(key)
      }
    },
    tick(now, sink) {
      flush(sink)
      if (now - lastEvict >= 60_000) {
        lastEvict = now
        sessions.evictIdle(now)
      }
    },
    finish(sink) {
      flush(sink)
    },
  }
}
