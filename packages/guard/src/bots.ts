/**
 * Bot detection inline in the guard: each request becomes an HttpEvent for the same
 * streaming engine and bot detectors that run at ingest and in `vigil detect`. Every new or
 * grown detection goes to the guard's sink; in block mode, requests from an IP or session
 * with a current detection of high severity or worse are denied.
 *
 * Memory is bounded by the detectors' `maxEntities`, the engine's detection cap and
 * `maxBlocked`. The guard decides before the response exists, so its events carry no status
 * code: status-based signals (404 probing) are left to ingest, where logs have them.
 * @module
 */
import {
  BOT_DETECTORS,
  BoundedMap,
  buildDetectors,
  createDetectionEngine,
  DEFAULT_PARSER_OPTIONS,
  detectConfigSchema,
  emptyHttpEvent,
  entityKey,
  SEVERITIES,
  sessionFromCookies,
  splitUrl,
  type Detection,
  type Enricher,
  type EntityRef,
  type HttpEvent,
} from '@vigil/core'
import type { GuardRequest } from './decide.ts'
import type { GuardSink } from './sinks.ts'

export interface GuardBotOptions {
  /** Run the bot detectors on every request (default false). */
  enabled?: boolean
  /** Deny requests from an entity with a current high-severity bot detection (default false: report only). */
  block?: boolean
  /** The `detect:` section of vigil.config.yaml (thresholds, weights), validated; defaults when omitted. */
  detect?: unknown
  /** How long a detection keeps blocking after its last evidence, in minutes (default 15). */
  holdMinutes?: number
  /** Most entities held as blocked; the least recently seen go first (default 100,000). */
  maxBlocked?: number
  /** Cookie names that carry the session id (default: the ingest parsers' list). */
  sessionCookies?: readonly string[]
  /** Fills bot names and IP flags as ingest does; without it the detectors see behaviour and the raw user agent. */
  enricher?: Pick<Enricher, 'enrichHttp'>
  /** Wall clock in epoch ms (tests pass their own). */
  now?: () => number
}

export interface BotGuard {
  /** Feeds one request; returns the detection that blocks it (block mode), else null. */
  observe(req: GuardRequest): Detection | null
  /** Entities currently held as blocked. */
  readonly blocked: number
}

// What a request can be matched to here: the guard sees no device id.
const BLOCKING_ENTITIES = new Set<EntityRef['type']>(['ip', 'session'])
const HIGH = SEVERITIES.indexOf('high')
const MAX_HEADER = 1024

function header(req: GuardRequest, name: string): string | null {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v.join('; ') : v
  if (s === undefined || s === '') return null
  return s.length > MAX_HEADER ? s.slice(0, MAX_HEADER) : s
}

export function createBotGuard(options: GuardBotOptions, sink: GuardSink | undefined): BotGuard {
  const detect = detectConfigSchema.parse(options.detect ?? {})
  const engine = createDetectionEngine(buildDetectors(detect, [BOT_DETECTORS]), { maxDetections: detect.maxEntities })
  const holdMs = (options.holdMinutes ?? 15) * 60_000
  const blocked = new BoundedMap<string, Detection>({ maxEntries: options.maxBlocked ?? 100_000, idleMs: holdMs })
  const cookies = options.sessionCookies ?? DEFAULT_PARSER_OPTIONS.sessionCookies
  const now = options.now ?? Date.now
  let line = 0

  function toEvent(req: GuardRequest, ts: number): HttpEvent {
    const e = emptyHttpEvent('guard', 'guard', ++line, '')
    const url = splitUrl(req.url.length > 8192 ? req.url.slice(0, 8192) : req.url)
    e.ts = ts
    e.source_ip = req.ip ?? null
    e.http_request_method = req.method
    e.url_path = url.url_path
    e.url_query = url.url_query
    e.url_extension = url.url_extension
    e.url_is_static = url.url_is_static
    e.user_agent_original = header(req, 'user-agent')
    e.http_request_referrer = header(req, 'referer')
    const cookie = header(req, 'cookie')
    e.session_id = cookie === null ? null : sessionFromCookies(cookie, cookies)
    options.enricher?.enrichHttp(e)
    return e
  }

  function report(req: GuardRequest, d: Detection, ts: number): void {
    if (options.block === true && BLOCKING_ENTITIES.has(d.entity.type) && SEVERITIES.indexOf(d.severity) >= HIGH) {
      // Held from its last evidence, not from when a tick got round to reporting it.
      blocked.set(entityKey(d.entity), d, Date.parse(d.last_seen))
    }
    sink?.write({
      ts: new Date(ts).toISOString(),
      ip: req.ip ?? null,
      method: req.method,
      uri: req.url.slice(0, 2048),
      action: 'monitor',
      reason: 'bot',
      score: d.score,
      matches: [],
      detection: d,
    })
  }

  function holder(e: HttpEvent): Detection | null {
    const keys = [
      e.source_ip === null ? null : entityKey({ type: 'ip', value: e.source_ip }),
      e.session_id === null ? null : entityKey({ type: 'session', value: e.session_id }),
    ]
    for (const key of keys) {
      const d = key === null ? undefined : blocked.peek(key)
      if (d !== undefined) return d
    }
    return null
  }

  return {
    observe(req) {
      const ts = now()
      const e = toEvent(req, ts)
      engine.pushHttp(e)
      for (const d of engine.drain()) report(req, d, ts)
      if (options.block !== true) return null
      blocked.evictIdle(ts)
      return holder(e)
    },
    get blocked() {
      return blocked.size
    },
  }
}
