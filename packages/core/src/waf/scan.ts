/**
 * The WAF over stored traffic: each HttpEvent becomes a WafRequest, and blocked requests
 * aggregate into one detection per (client IP, category) and per (session, category) —
 * an attacker's campaign, not a row per request. Events with neither become `request`
 * detections. Ids are the detection engine's, so `vigil waf scan` and the WAF detector in
 * `vigil detect` write the same rows.
 * @module
 */
import { detectionId } from '../detect/detection-record.ts'
import { severityForScore, type Detection, type EntityRef } from '../events/detection.ts'
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
  xpathi: 'XPath injection',
  crlf: 'CRLF/header injection',
  jndi: 'Log4Shell (JNDI) lookups',
  ssi: 'server-side includes',
  mail_injection: 'mail command injection',
  protocol: 'protocol anomalies',
  scanner: 'scanner probes',
  prototype_pollution: 'prototype pollution',
  open_redirect: 'open redirects',
  auth_bypass: 'authentication bypass',
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

/** Campaigns tracked at once; the oldest is forgotten beyond it (its detection was already reported). */
const MAX_GROUPS = 100_000

interface Group {
  category: WafCategory
  entity: EntityRef
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

  /** Inspects one event; returns the detections it created or updated (none when allowed). */
  add(event: HttpEvent): Detection[] {
    this.requests++
    const verdict = this.engine.inspect(httpEventToWafRequest(event))
    if (verdict.action !== 'block') return []
    this.flagged++
    const entities: EntityRef[] = []
    if (event.source_ip !== null) entities.push({ type: 'ip', value: event.source_ip })
    if (event.session_id !== null) entities.push({ type: 'session', value: event.session_id })
    if (entities.length === 0) entities.push({ type: 'request', value: event.event_id })
    const changed: Detection[] = []
    const seen = new Set<WafCategory>()
    for (const m of verdict.matches) {
      if (seen.has(m.category)) continue
      seen.add(m.category)
      for (const entity of entities) {
        const key = `${m.category}|${entity.type}|${entity.value}`
        let g = this.#groups.get(key)
        if (g === undefined) {
          if (this.#groups.size >= MAX_GROUPS) this.#groups.delete(this.#groups.keys().next().value as string)
          g = { category: m.category, entity, first: event.ts, last: event.ts, count: 1, maxScore: verdict.score, example: m, url: (event.url_original ?? event.url_path ?? '').slice(0, 200) }
          this.#groups.set(key, g)
        } else {
          g.count++
          g.first = Math.min(g.first, event.ts)
          g.last = Math.max(g.last, event.ts)
          g.maxScore = Math.max(g.maxScore, verdict.score)
        }
        changed.push(groupDetection(g))
      }
    }
    return changed
  }

  detections(): Detection[] {
    return [...this.#groups.values()].map(groupDetection)
  }
}

function groupDetection(g: Group): Detection {
  const score = Math.min(100, 60 + Math.round(10 * Math.log2(g.count)) + Math.min(20, g.maxScore))
  const who = g.entity.type === 'ip' ? g.entity.value : g.entity.type === 'session' ? `Session ${g.entity.value}` : 'A request'
  const times = g.count === 1 ? '1 request' : `${g.count.toLocaleString('en-US')} requests`
  const detector = `waf.${g.category}`
  return {
    id: detectionId(detector, g.category, g.entity),
    detector,
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
}
