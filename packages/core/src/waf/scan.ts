/**
 * The WAF over stored traffic: each HttpEvent becomes a WafRequest, and blocked requests
 * aggregate into one detection per (client IP, category) — an attacker's campaign, not
 * a row per request. Events without a client IP become `request` detections.
 * @module
 */
import { severityForScore, type Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { WafEngine } from './engine.ts'
import type { WafCategory, WafMatch, WafRequest } from './types.ts'
import { WAF_CATEGORIES } from './types.ts'

/** Detector names this scan writes, one per category, so a re-run can clear exactly them. */
export const WAF_SCAN_DETECTORS: readonly string[] = Object.freeze(WAF_CATEGORIES.map((c) => `waf.${c}`))

const CATEGORY_NAMES: Record<WafCategory, string> = {
  sqli: 'SQL injection',
  xss: 'cross-site scripting',
  rce: 'command or code injection',
  path_traversal: 'path traversal',
  rfi: 'remote file inclusion',
  ssrf: 'server-side request forgery',
  xxe: 'XML external entities',
  ssti: 'template injection',
  nosqli: 'NoSQL injection',
  ldapi: 'LDAP injection',
  crlf: 'CRLF/header injection',
  jndi: 'Log4Shell (JNDI) lookups',
  ssi: 'server-side includes',
  mail_injection: 'mail command injection',
  protocol: 'protocol anomalies',
  scanner: 'scanner probes',
}

export function httpEventToWafRequest(e: HttpEvent): WafRequest {
  const headers: Record<string, string> = { ...(e.http_request_headers ?? {}) }
  if (e.user_agent_original !== null) headers['user-agent'] = e.user_agent_original
  if (e.http_request_referrer !== null) headers.referer = e.http_request_referrer
  if (e.http_x_forwarded_for !== null) headers['x-forwarded-for'] = e.http_x_forwarded_for
  if (e.http_request_content_type !== null) headers['content-type'] = e.http_request_content_type
  if (e.url_domain !== null && headers.host === undefined) headers.host = e.url_domain
  const uri = e.url_original ?? `${e.url_path ?? '/'}${e.url_query ? `?${e.url_query}` : ''}`
  const req: WafRequest = { method: e.http_request_method ?? 'GET', uri, headers }
  if (e.http_request_body !== null) req.body = e.http_request_body
  return req
}

interface Group {
  category: WafCategory
  entity: { type: 'ip' | 'request'; value: string }
  first: number
  last: number
  count: number
  maxScore: number
  example: WafMatch
  url: string
}

export class WafScan {
  #groups = new Map<string, Group>()
  requests = 0
  flagged = 0
  constructor(readonly engine: WafEngine) {}

  add(event: HttpEvent): void {
    this.requests++
    const verdict = this.engine.inspect(httpEventToWafRequest(event))
    if (verdict.action !== 'block') return
    this.flagged++
    const seen = new Set<WafCategory>()
    for (const m of verdict.matches) {
      if (seen.has(m.category)) continue
      seen.add(m.category)
      const entity = event.source_ip !== null ? { type: 'ip' as const, value: event.source_ip } : { type: 'request' as const, value: event.event_id }
      const key = `${m.category}|${entity.type}|${entity.value}`
      const g = this.#groups.get(key)
      if (g === undefined) {
        this.#groups.set(key, { category: m.category, entity, first: event.ts, last: event.ts, count: 1, maxScore: verdict.score, example: m, url: (event.url_original ?? event.url_path ?? '').slice(0, 200) })
      } else {
        g.count++
        g.first = Math.min(g.first, event.ts)
        g.last = Math.max(g.last, event.ts)
        g.maxScore = Math.max(g.maxScore, verdict.score)
      }
    }
  }

  detections(): Detection[] {
    return [...this.#groups.values()].map((g) => {
      const score = Math.min(100, 60 + Math.round(10 * Math.log2(g.count)) + Math.min(20, g.maxScore))
      const who = g.entity.type === 'ip' ? g.entity.value : 'A request'
      const times = g.count === 1 ? '1 request' : `${g.count.toLocaleString('en-US')} requests`
      return {
        id: `waf.${g.category}:${g.entity.type}:${g.entity.value}`,
        detector: `waf.${g.category}`,
        threat: g.category,
        category: 'web_attack',
        entity: g.entity,
        score,
        severity: severityForScore(score),
        first_seen: new Date(g.first).toISOString(),
        last_seen: new Date(g.last).toISOString(),
        // The engine judges each request alone, so inline it blocks the first one.
        detected_at: new Date(g.first).toISOString(),
        count: g.count,
        explanation: `${who} sent ${times} with ${CATEGORY_NAMES[g.category]}, e.g. ${g.example.rule} in ${g.example.target}: "${g.example.excerpt.slice(0, 60)}".`,
        evidence: [
          { field: 'rule', value: g.example.rule },
          { field: 'target', value: g.example.target },
          { field: 'excerpt', value: g.example.excerpt },
          { field: 'url_original', value: g.url },
        ],
        related: [],
      }
    })
  }
}
