/**
 * `bot.polling` (OAT-011, category `polling`): the same small set of URLs requested again and
 * again at a near-fixed period for a long time, by one client (session cookie, else address and
 * user agent): a stock or price monitor. Its requests come in rounds (a burst, then silence
 * until the next poll); a chain of rounds that each repeat the round before (half their URLs
 * or more shared), spaced with a coefficient of variation under `pollMaxCv`, for `pollMinRounds`
 * rounds over `pollMinSpanMinutes`, is named.
 *
 * A round counts only with two requests or more (a watch list, or look-ups of several items),
 * no static asset and no write after a page in it: a page that refreshes itself in a person's
 * browser (a live order tracker, a drop countdown) renders again each time, and an app polling
 * its cart or an uptime check asks for one thing. Declared monitors and crawlers are skipped:
 * they say what they are; an HTTP library (the app's okhttp, a script) is judged by what it does.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { RecordPart } from '../state/client-records.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtDuration, fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'

export const POLLING_ID = 'bot.polling'
const MAX_URLS_KEPT = 64
const MAX_IPS = 8
const SWEEP_INTERVAL_MS = 10_000

/** A poller's current round, reused for the next: most clients' rounds are one page and its assets. */
interface Round {
  open: boolean
  start: number
  last: number
  /** The round's first URL; the set only once a second one comes. */
  first: string
  urls: Set<string> | null
  requests: number
  /** A static asset, or a write after a page: the page was shown. */
  rendered: boolean
  page: boolean
}

/** A client's part of its record (`RecordPart`), forgotten after `pollMaxPeriodMinutes` of quiet. */
interface Poller extends RecordPart {
  session: KeyedEntity | null
  ips: KeyedEntity[]
  round: Round
  previous: Set<string> | null
  chainStart: number
  chainLast: number
  rounds: number
  // Welford over the gaps between the chain's round starts.
  gaps: number
  mean: number
  m2: number
  lastStart: number
  reported: number
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createPollingDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.sessionSignals
  const roundGapMs = c.pollRoundGapSeconds * 1000
  const pollers = shared.records.parts<Poller>({ maxEntries: config.maxEntities, idleMs: c.pollMaxPeriodMinutes * 60_000 })
  let lastSweep = Number.NEGATIVE_INFINITY
  let lastKey: string | null = null
  let lastPoller: Poller | null = null

  function restart(p: Poller, r: Round): void {
    p.chainStart = r.start
    p.chainLast = r.last
    p.rounds = 1
    p.gaps = 0
    p.mean = 0
    p.m2 = 0
  }

  function closeRound(sink: DetectionSink, p: Poller, r: Round): void {
    r.open = false
    if (r.requests < 2 || r.rendered || (r.urls !== null && r.urls.size > c.pollMaxUrls)) {
      p.previous = null
      p.rounds = 0
      return
    }
    const urls = r.urls ?? new Set([r.first])
    r.urls = null
    if (p.previous !== null && overlap(p.previous, urls) >= 0.5) {
      const gap = r.start - p.lastStart
      p.gaps++
      const d = gap - p.mean
      p.mean += d / p.gaps
      p.m2 += d * (gap - p.mean)
      p.rounds++
      p.chainLast = r.last
    } else restart(p, r)
    p.previous = urls
    p.lastStart = r.start
    check(sink, p, urls)
  }

  function check(sink: DetectionSink, p: Poller, urls: Set<string>): void {
    if (p.rounds < c.pollMinRounds || p.rounds <= p.reported || p.chainLast - p.chainStart < c.pollMinSpanMinutes * 60_000 || p.gaps < 2) return
    const cv = Math.sqrt(p.m2 / (p.gaps - 1)) / p.mean
    if (!(cv <= c.pollMaxCv)) return
    p.reported = p.rounds
    const sample = `${[...urls].slice(0, 3).join(', ')}${urls.size > 3 ? ', …' : ''}`
    const explanation = `the same ${fmtInt(urls.size)} URLs (${sample}) polled ${fmtInt(p.rounds)} times every ${fmtDuration(p.mean)} (variation ${cv.toFixed(2)}) for ${fmtDuration(p.chainLast - p.chainStart)}, without rendering a page: a stock or price monitor`
    const evidence = [
      { field: 'rounds', value: p.rounds },
      { field: 'period_ms', value: Math.round(p.mean) },
      { field: 'period_cv', value: Math.round(cv * 100) / 100 },
      { field: 'urls', value: urls.size },
    ]
    const entities: EntityRef[] = [...(p.session === null ? [] : [p.session.ref]), ...p.ips.map((ip) => ip.ref)]
    for (const entity of entities) {
      sink.report(
        buildDetection({
          detector: POLLING_ID,
          threat: 'OAT-011',
          category: 'polling',
          entity,
          score: 70 + Math.min(20, p.rounds - c.pollMinRounds),
          firstSeenMs: p.chainStart,
          lastSeenMs: p.chainLast,
          count: p.rounds,
          explanation,
          evidence,
          related: entities.filter((x) => x !== entity).slice(0, MAX_IPS),
        }),
      )
    }
  }

  return {
    id: POLLING_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const kind = e.user_agent_bot_kind
      // Monitors and crawlers say what they are; an HTTP library (the shop's app, a script) is judged by what it does.
      if (kind === 'monitor' || kind === 'crawler' || kind === 'ai_crawler') return
      const f = facts ?? httpFacts(e)
      const key = f.named?.key ?? f.clientKey
      if (key === null) return
      if (f.kind === 'static') {
        // An asset shows the round's page was rendered; one outside a round opens nothing.
        // Most often the last request's client: no look-up.
        const open = (key === lastKey ? lastPoller : pollers.get(key))?.round
        if (open !== undefined && open.open && e.ts - open.last <= roundGapMs) open.rendered = true
        return
      }
      const session = f.named?.ref.type === 'session' ? f.named : null
      let p = pollers.get(key)
      if (p !== undefined) pollers.touch(p, e.ts)
      else {
        p = { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, session, ips: [], round: { open: false, start: e.ts, last: e.ts, first: '', urls: null, requests: 0, rendered: false, page: false }, previous: null, chainStart: e.ts, chainLast: e.ts, rounds: 0, gaps: 0, mean: 0, m2: 0, lastStart: e.ts, reported: 0 }
        pollers.open(key, p, e.ts)
      }
      lastKey = key
      lastPoller = p
      if (f.ip !== null && p.ips.length < MAX_IPS && !p.ips.includes(f.ip)) p.ips.push(f.ip)
      const r = p.round
      if (r.open && e.ts - r.last > roundGapMs) closeRound(sink, p, r)
      if (!r.open) {
        r.open = true
        r.start = e.ts
        r.requests = 0
        r.rendered = false
        r.page = false
      }
      r.last = e.ts
      const read = (e.http_request_method ?? 'GET') === 'GET'
      if (!read && r.page) {
        r.rendered = true
        return
      }
      r.requests++
      if (f.kind === 'page' && read) r.page = true
      const url = e.url_query === null ? (f.path ?? '') : `${f.path ?? ''}?${e.url_query}`
      if (r.requests === 1) r.first = url
      else if (r.urls === null) {
        if (url !== r.first) r.urls = new Set([r.first, url])
      } else if (r.urls.size < MAX_URLS_KEPT) r.urls.add(url)
    },
    tick(now) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      pollers.evictIdle(now)
    },
  }
}

/** Shared URLs over all URLs of two rounds. */
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const u of b) if (a.has(u)) shared++
  return shared / (a.size + b.size - shared)
}
