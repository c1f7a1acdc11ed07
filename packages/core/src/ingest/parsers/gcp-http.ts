/**
 * Google Cloud Logging entries that carry an `httpRequest` (the external Application
 * Load Balancer, Cloud Run, App Engine, Cloud CDN), one JSON LogEntry per line as
 * `gcloud logging read --format=json` or a Pub/Sub or GCS sink exports them:
 * `{"timestamp", "httpRequest":{"requestMethod","requestUrl","status","requestSize","responseSize",
 *   "userAgent","remoteIp","referer","latency","protocol",…}, "jsonPayload":{…}, "trace", …}`.
 * Cloud Armor's verdict (`jsonPayload.enforcedSecurityPolicy`) and the load balancer's
 * `statusDetails` are kept as labels, so they can be joined with Vigil's own.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseTimestamp } from '../time.ts'
import { applyTarget, setLabel, splitHostPort } from './http-fields.ts'
import { createJsonLineParser, isJsonObject, jsonCount, jsonNumber, jsonString, labelValue } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

/** `remoteIp` may carry a port (`10.0.0.1:80`, `[2001:db8::1]:443`); a bare IPv6 address has several colons and none. */
function addressAndPort(s: string): { host: string; port: number | null } {
  const colon = s.indexOf(':')
  if (s.startsWith('[') || (colon >= 0 && s.indexOf(':', colon + 1) < 0)) return splitHostPort(s)
  return { host: s, port: null }
}

/** A protobuf Duration as JSON writes it: `"0.012345s"`. */
function durationSeconds(v: unknown): number | null {
  if (typeof v !== 'string' || !v.endsWith('s')) return null
  const n = jsonNumber(v.slice(0, -1))
  return n !== null && n >= 0 ? n : null
}

const SECURITY_POLICY_FIELDS = ['name', 'outcome', 'configuredAction', 'priority', 'preconfiguredExprIds'] as const

export function createGcpHttpParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('gcp-http', options, (r, line, lineNo): ParseResult => {
    const http = r.httpRequest
    if (!isJsonObject(http)) return errorResult(lineNo, 'httpRequest is missing: not an HTTP request log entry', line, options)
    const stamp = r.timestamp ?? r.receiveTimestamp
    if (stamp === undefined) return errorResult(lineNo, 'timestamp is missing', line, options)
    const ts = parseTimestamp(stamp)
    if (ts === null) return errorResult(lineNo, `timestamp is not an RFC 3339 time: ${quoteForReason(String(stamp))}`, line, options)

    const ev = emptyHttpEvent('gcp-http', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    const remote = jsonString(http.remoteIp)
    if (remote !== null) {
      const { host, port } = addressAndPort(remote)
      ev.source_ip = host
      ev.source_peer_ip = host
      ev.source_port = port
    }
    ev.http_request_method = jsonString(http.requestMethod)
    const url = jsonString(http.requestUrl)
    if (url !== null) applyTarget(ev, url)
    ev.http_version = jsonString(http.protocol)
    ev.user_agent_original = jsonString(http.userAgent)
    ev.http_request_referrer = jsonString(http.referer)
    const status = jsonNumber(http.status)
    if (http.status !== undefined && (status === null || !Number.isInteger(status) || status < 0 || status > 999)) {
      return errorResult(lineNo, `httpRequest.status is not an HTTP status: ${quoteForReason(String(http.status))}`, line, options)
    }
    ev.http_response_status_code = status
    ev.http_request_bytes = jsonCount(http.requestSize)
    ev.http_response_bytes = jsonCount(http.responseSize)
    ev.event_duration = durationSeconds(http.latency)
    if (http.cacheHit === true) setLabel(ev, 'cache_hit', 'true')
    const serverIp = jsonString(http.serverIp)
    if (serverIp !== null) setLabel(ev, 'server_ip', serverIp)
    const trace = jsonString(r.trace)
    if (trace !== null) setLabel(ev, 'trace', trace)
    const payload = isJsonObject(r.jsonPayload) ? r.jsonPayload : null
    if (payload !== null) {
      const details = jsonString(payload.statusDetails)
      if (details !== null) setLabel(ev, 'status_details', details)
      const policy = payload.enforcedSecurityPolicy
      if (isJsonObject(policy)) {
        for (const field of SECURITY_POLICY_FIELDS) {
          const v = policy[field]
          if (v !== undefined && v !== null && v !== '') setLabel(ev, `security_policy_${field}`, labelValue(v))
        }
      }
    }
    if (isJsonObject(r.resource)) {
      const type = jsonString(r.resource.type)
      if (type !== null) setLabel(ev, 'resource_type', type)
    }
    if (ev.http_request_method === null && ev.url_original === null) return errorResult(lineNo, 'httpRequest has neither requestMethod nor requestUrl', line, options)
    return { kind: 'http', event: ev }
  })
}
