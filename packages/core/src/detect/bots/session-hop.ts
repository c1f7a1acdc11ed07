/**
 * `bot.session_hop` (OAT-011, category `session_hop`): one session cookie seen from many
 * addresses in several countries or networks within hours. An anti-detect profile or a scraper
 * keeps its cookie (and the cart, the consent, the login it carries) while its proxy rotates;
 * a person's cookie follows their device, which changes address a few times a day: a phone
 * between Wi-Fi and its carrier, a carrier's NAT handing out a new egress in the same network,
 * an office's proxies in one AS. iCloud Private Relay, VPN, Tor and CDN egress rotate by
 * design and are not counted (`signals/session-spread.ts`).
 *
 * Flags the session and each of its counted addresses, so the addresses a shop would block
 * are named too. Declared bots are skipped.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtDuration, fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { ramp } from '../signals/score.ts'
import type { SessionSpread, SessionSpreads } from '../signals/session-spread.ts'

export const SESSION_HOP_ID = 'bot.session_hop'
const THREAT = 'OAT-011'
const CATEGORY = 'session_hop'
const RELATED_SHOWN = 20
const SWEEP_INTERVAL_MS = 10_000

export function createSessionHopDetector(config: DetectConfig, spreads: SessionSpreads): StreamDetector {
  const c = config.sessionSignals
  let lastSweep = Number.NEGATIVE_INFINITY
  // Entities already reported, a session with the address count it was reported at: re-reported as it hops on.
  const reported = new BoundedMap<string, number>({ maxEntries: config.maxEntities, idleMs: c.hopWindowMinutes * 60_000 })

  function sentence(s: SessionSpread): string {
    const where = s.countries >= 2 ? `${fmtInt(s.countries)} countries and ${fmtInt(s.networks)} networks` : `${fmtInt(s.networks)} networks`
    return `one session cookie on ${fmtInt(s.counted)} addresses in ${where} within ${fmtDuration(s.last - s.first)}, where a person's cookie stays on one or two: a profile kept while its proxy rotates`
  }

  function report(sink: DetectionSink, entity: EntityRef, s: SessionSpread, explanation: string, related: EntityRef[], first: number, last: number, count: number): void {
    sink.report(
      buildDetection({
        detector: SESSION_HOP_ID,
        threat: THREAT,
        category: CATEGORY,
        entity,
        score: 70 + 25 * ramp(s.counted, c.hopMinAddresses, c.hopMinAddresses * 3),
        firstSeenMs: first,
        lastSeenMs: last,
        count,
        explanation,
        evidence: [
          { field: 'session_id', value: s.session.ref.value },
          { field: 'distinct_ips', value: s.counted },
          { field: 'countries', value: s.countries },
          { field: 'networks', value: s.networks },
          { field: 'span_ms', value: s.last - s.first },
        ],
        related,
      }),
    )
  }

  function check(sink: DetectionSink, s: SessionSpread): void {
    if (!s.hops) return
    const before = reported.peek(s.session.key)
    if (before !== undefined && s.counted <= before) return
    reported.set(s.session.key, s.counted, s.last)
    const why = sentence(s)
    const related: EntityRef[] = []
    for (const a of s.addresses.values()) if (!a.anonymised && related.length < RELATED_SHOWN) related.push(a.ip.ref)
    report(sink, s.session.ref, s, why, related, s.first, s.last, s.requests)
    for (const a of s.addresses.values()) {
      if (a.anonymised || reported.peek(a.ip.key) !== undefined) continue
      reported.set(a.ip.key, 1, a.last)
      report(sink, a.ip.ref, s, `one of the addresses of ${why}`, [s.session.ref], a.first, a.last, 1)
    }
  }

  return {
    id: SESSION_HOP_ID,
    // A cookie's spread is read from its pages and calls (a page's assets come from where it did).
    httpReads: { kinds: ['page', 'api', 'robots', 'sitemap'], named: true },
    onHttp(e, sink, facts?: HttpFacts) {
      if (isDeclaredBot(e)) return
      const s = spreads.note(e, facts ?? httpFacts(e))
      if (s !== null) check(sink, s)
    },
    tick(now) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      spreads.evictIdle(now)
      reported.evictIdle(now)
    },
  }
}
