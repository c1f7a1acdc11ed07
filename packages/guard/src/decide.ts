/**
 * The framework-neutral guard: one `decide(request)` that every adapter calls. Blocking
 * is opt-in (`mode: block`); what happens when the engine throws or overruns its time
 * budget is an explicit choice (`onError: open | closed`).
 * @module
 */
import {
  bodyText,
  compileIpList,
  createWafEngine,
  resolveWafConfig,
  type WafEngine,
  type WafRequest,
  type WafResolvedConfig,
  type WafUserConfig,
  type WafVerdict,
} from '@vigil/core/waf'
import type { Detection } from '@vigil/core'
import { createBotGuard, type GuardBotOptions } from './bots.ts'
import type { GuardEvent, GuardSink } from './sinks.ts'

export interface GuardRequest {
  method: string
  /** Origin-form target, `/path?query`. */
  url: string
  headers: Record<string, string | string[] | undefined>
  /** Raw text, a Buffer, or a body a framework already parsed (inspected as JSON). */
  body?: unknown
  /**
   * The body went on past the part in `body` (an adapter that reads the stream itself
   * stops at `maxBodyBytes`): the unread rest is an inspection failure, under `onError`.
   */
  bodyTruncated?: boolean
  ip?: string
}

export type Decision =
  | { action: 'allow'; reason: 'clean' | 'allowlisted' | 'fail-open'; verdict?: WafVerdict }
  | { action: 'monitor'; reason: 'waf'; verdict: WafVerdict }
  | { action: 'block'; status: 403; reason: 'waf' | 'denylisted' | 'fail-closed'; verdict?: WafVerdict }
  | { action: 'block'; status: 403; reason: 'bot'; detection: Detection }

export interface GuardOptions {
  config?: WafUserConfig
  /** Where events for blocked, monitored and failed requests go. */
  sink?: GuardSink
  /** A ready engine, e.g. with custom rule packs; built from `config` when omitted. */
  engine?: WafEngine
  /** Bot and scraping detection inline (opt-in): the stream detectors over every request. */
  bots?: GuardBotOptions
}

export interface Guard {
  readonly config: WafResolvedConfig
  decide(request: GuardRequest): Decision
  /** Counts since start, for health endpoints and tests. */
  readonly stats: Readonly<Record<'allowed' | 'monitored' | 'blocked' | 'errors', number>>
}

/** The response body a blocked client gets: generic on purpose, the detail stays in the event. */
export const BLOCKED_BODY = Object.freeze({ error: 'Request blocked by the web application firewall.' })

const WARM_UP: WafRequest = {
  method: 'POST',
  uri: "/warm-up?q=1'+or+'1'='1&r=..%2F..%2Fetc%2Fpasswd&u=http://169.254.169.254/",
  headers: { 'user-agent': 'Mozilla/5.0 ${jndi:x}', 'content-type': 'application/json', cookie: 'a=b' },
  body: '{"a":"<svg onload=alert(1)>","b":"; cat /etc/passwd","$where":"{{7*7}}","c":"(&(uid=*))\\r\\nRCPT TO: <a@b>"}',
}

/** The answer for most requests, shared: a clean request allocates no decision. */
const CLEAN: Decision = Object.freeze({ action: 'allow', reason: 'clean' })

/**
 * The request as the engine takes it, the body as text or as a parsed object it walks
 * without serializing. Each form is one object literal, built whole: adding the body to
 * a built request changed its shape on every request.
 */
function wafRequestOf(req: GuardRequest): WafRequest {
  const body = req.body
  if (body === undefined || body === null) return { method: req.method, uri: req.url, headers: req.headers }
  if (typeof body === 'string') return { method: req.method, uri: req.url, headers: req.headers, body }
  if (body instanceof Uint8Array) return { method: req.method, uri: req.url, headers: req.headers, body: bodyText(body) }
  if (typeof body === 'object') return { method: req.method, uri: req.url, headers: req.headers, parsedBody: body }
  return { method: req.method, uri: req.url, headers: req.headers, body: String(body) }
}

function matchesPath(prefixes: readonly string[], url: string): boolean {
  if (prefixes.length === 0) return false
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  return prefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))
}

/**
 * @example
 * const guard = createGuard({ config: { mode: 'block' } })
 * guard.decide({ method: 'GET', url: '/?q=<script>alert(1)</script>', headers: {} }).action // 'block'
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const config = resolveWafConfig(options.config)
  const engine = options.engine ?? createWafEngine({ level: config.level, threshold: config.threshold, limits: config.limits })
  const allowIps = compileIpList(config.allow.ips)
  const denyIps = compileIpList(config.deny.ips)
  const stats = { allowed: 0, monitored: 0, blocked: 0, errors: 0 }
  const bots = options.bots?.enabled === true ? createBotGuard(options.bots, options.sink) : null
  // The first inspection pays for JIT compilation and RE2's lazily built automata; paying
  // it here keeps the first real request inside the time budget.
  try {
    engine.inspect(WARM_UP)
  } catch {
    // A failing engine is reported per request, by the onError policy.
  }

  const emit = (req: GuardRequest, d: Decision, error?: string): void => {
    if (options.sink === undefined) return
    const event: GuardEvent = {
      ts: new Date().toISOString(),
      ip: req.ip ?? null,
      method: req.method,
      uri: req.url.slice(0, 2048),
      action: d.action,
      reason: d.reason,
      score: d.reason === 'bot' ? d.detection.score : (d.verdict?.score ?? null),
      matches: d.reason === 'bot' ? [] : (d.verdict?.matches ?? []),
    }
    if (error !== undefined) event.error = error
    options.sink.write(event)
  }

  // Most guards have no lists: then a request reads neither its address nor its path for them.
  const listsDeny = config.deny.ips.length > 0 || config.deny.paths.length > 0
  const listsAllow = config.allow.ips.length > 0 || config.allow.paths.length > 0

  function decide(req: GuardRequest): Decision {
    if (listsDeny && (denyIps.has(req.ip) || matchesPath(config.deny.paths, req.url))) {
      stats.blocked++
      const d: Decision = { action: 'block', status: 403, reason: 'denylisted' }
      emit(req, d)
      return d
    }
    if (listsAllow && (allowIps.has(req.ip) || matchesPath(config.allow.paths, req.url))) {
      stats.allowed++
      return { action: 'allow', reason: 'allowlisted' }
    }
    const bot = bots?.observe(req) ?? null
    if (bot !== null) {
      stats.blocked++
      const d: Decision = { action: 'block', status: 403, reason: 'bot', detection: bot }
      emit(req, d)
      return d
    }
    const wafRequest = wafRequestOf(req)
    const started = performance.now()
    let verdict: WafVerdict
    let failure: string | undefined
    try {
      verdict = engine.inspect(wafRequest)
      const elapsed = performance.now() - started
      // The engine is synchronous, so an overrun is known only afterwards; it is treated
      // like an error so that a pathological request cannot buy time by being slow.
      if (elapsed > config.timeBudgetMs) failure = `time budget exceeded (${elapsed.toFixed(2)} ms > ${config.timeBudgetMs} ms)`
      else if (req.bodyTruncated === true) failure = `body larger than maxBodyBytes (${config.limits.maxBodyBytes}); the rest was not inspected`
    } catch (e) {
      failure = `engine error: ${(e as Error).message}`
      verdict = { action: 'allow', score: 0, matches: [], truncated: [] }
    }
    // An attack already found in what was inspected stands: fail-open must not let it
    // through, and in monitor mode it is still reported as what it is.
    const attackFound = verdict.action === 'block'
    const policyDecides = !(attackFound && config.mode === 'block') && (!attackFound || config.onError === 'closed')
    if (failure !== undefined && policyDecides) {
      stats.errors++
      const d: Decision =
        config.onError === 'closed'
          ? { action: 'block', status: 403, reason: 'fail-closed', verdict }
          : { action: 'allow', reason: 'fail-open', verdict }
      if (d.action === 'block') stats.blocked++
      else stats.allowed++
      emit(req, d, failure)
      return d
    }
    if (verdict.action === 'allow') {
      stats.allowed++
      return CLEAN
    }
    const d: Decision = config.mode === 'block' ? { action: 'block', status: 403, reason: 'waf', verdict } : { action: 'monitor', reason: 'waf', verdict }
    if (d.action === 'block') stats.blocked++
    else stats.monitored++
    if (failure !== undefined) stats.errors++
    emit(req, d, failure)
    return d
  }

  return Object.freeze({ config, decide, stats })
}
