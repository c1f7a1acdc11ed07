/**
 * `bot.fake_crawler`: a user agent claiming a crawler whose operator publishes its IP
 * ranges or networks (Googlebot, GPTBot, bingbot, …), from an address outside them. Worse than an
 * unknown bot: it lies to get the allowances real crawlers get. Needs the IP enrichment
 * (source_ip_flags); without it, or for crawlers with no published ranges, it stays silent.
 * @module
 */
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtInt } from '../signals/format.ts'
import { createCrawlerVerifier, hostingFlag } from '../signals/network.ts'

export const FAKE_CRAWLER_ID = 'bot.fake_crawler'

interface Claim {
  name: string
  first: number
  last: number
  count: number
  asn: number | null
  org: string | null
  hosting: boolean
}

export function createFakeCrawlerDetector(config: DetectConfig): StreamDetector {
  const crawlers = createCrawlerVerifier(config)
  const claims = new BoundedMap<string, Claim>({ maxEntries: config.maxEntities })
  const dirty = new Set<string>()

  function flush(sink: DetectionSink): void {
    for (const ip of dirty) {
      const c = claims.peek(ip)
      if (c === undefined) continue
      const where = c.asn === null ? '' : ` (AS${c.asn}${c.org === null ? '' : ` ${c.org}`})`
      sink.report(
        buildDetection({
          detector: FAKE_CRAWLER_ID,
          threat: 'OAT-011',
          category: 'fake_crawler',
          entity: { type: 'ip', value: ip },
          score: c.hosting ? 90 : 80,
          firstSeenMs: c.first,
          lastSeenMs: c.last,
          count: c.count,
          explanation: `${fmtInt(c.count)} requests claiming to be ${c.name} from ${ip}${where}, outside ${c.name}'s published crawler ranges and networks`,
          evidence: [
            { field: 'user_agent_bot_name', value: c.name },
            { field: 'requests', value: c.count },
            ...(c.asn === null ? [] : [{ field: 'source_as_number', value: c.asn }]),
          ],
        }),
      )
    }
    dirty.clear()
  }

  return {
    id: FAKE_CRAWLER_ID,
    onHttp(e) {
      if (e.source_ip === null || crawlers.check(e) !== 'refuted') return
      const ip = e.source_ip
      const name = e.user_agent_bot_name as string
      const c = claims.upsert(ip, e.ts, () => ({
        name,
        first: e.ts,
        last: e.ts,
        count: 0,
        asn: e.source_as_number,
        org: e.source_as_organization_name,
        hosting: hostingFlag(e.source_ip_flags) !== null,
      }))
      c.count++
      if (e.ts > c.last) c.last = e.ts
      dirty.add(ip)
    },
    tick(_now, sink) {
      flush(sink)
    },
    finish(sink) {
      flush(sink)
    },
  }
}
