/**
 * Cloudflare Logpush, HTTP requests dataset, one JSON object per line. Timestamps come
 * as RFC 3339 or Unix seconds, milliseconds or nanoseconds depending on the job's
 * `timestamp_format`. Fields without a column of their own (RayID, WAF and bot fields…)
 * are kept as labels under their Cloudflare names.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseTimestamp } from '../time.ts'
import { applyRequestHeader, applyTarget, hostWithoutPort, sessionFromCookies, setLabel } from './http-fields.ts'
import { createJsonLineParser, jsonNumber, jsonString, labelValue } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

const MAPPED = new Set([
  'ClientIP', 'ClientSrcPort', 'ClientRequestMethod', 'ClientRequestURI', 'ClientRequestHost', 'ClientRequestProtocol',
  'ClientRequestUserAgent', 'ClientRequestReferer', 'ClientRequestBytes', 'EdgeResponseStatus', 'EdgeResponseBytes',
  'EdgeStartTimestamp', 'EdgeEndTimestamp', 'ClientASN', 'ClientCountry', 'JA4', 'JA3Hash', 'OriginResponseTime',
  'OriginResponseDurationMs', 'RequestHeaders', 'Cookies',
])

export function createCloudflareParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('cloudflare', options, (r, line, lineNo): ParseResult => {
    if (r.EdgeStartTimestamp === undefined) return errorResult(lineNo, 'EdgeStartTimestamp is missing', line, options)
    const ts = parseTimestamp(r.EdgeStartTimestamp)
    if (ts === null) return errorResult(lineNo, `EdgeStartTimestamp is not RFC 3339 or a Unix time: ${quoteForReason(String(r.EdgeStartTimestamp))}`, line, options)
    if (r.ClientRequestURI === undefined && r.ClientRequestMethod === undefined) {
      return errorResult(lineNo, 'neither ClientRequestURI nor ClientRequestMethod is present', line, options)
    }
    const ev = emptyHttpEvent('cloudflare', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    ev.source_ip = jsonString(r.ClientIP)
    ev.source_peer_ip = ev.source_ip
    ev.source_port = jsonNumber(r.ClientSrcPort)
    ev.http_request_method = jsonString(r.ClientRequestMethod)
    const uri = jsonString(r.ClientRequestURI)
    if (uri !== null) applyTarget(ev, uri)
    const host = jsonString(r.ClientRequestHost)
    if (host !== null) ev.url_domain = hostWithoutPort(host)
    ev.http_version = jsonString(r.ClientRequestProtocol)
    ev.user_agent_original = jsonString(r.ClientRequestUserAgent)
    ev.http_request_referrer = jsonString(r.ClientRequestReferer)
    ev.http_request_bytes = jsonNumber(r.ClientRequestBytes)
    const status = jsonNumber(r.EdgeResponseStatus)
    if (r.EdgeResponseStatus !== undefined && (status === null || !Number.isInteger(status) || status < 0 || status > 999)) {
      return errorResult(lineNo, `EdgeResponseStatus is not an HTTP status: ${quoteForReason(String(r.EdgeResponseStatus))}`, line, options)
    }
    ev.http_response_status_code = status
    ev.http_response_bytes = jsonNumber(r.EdgeResponseBytes)
    const end = r.EdgeEndTimestamp === undefined ? null : parseTimestamp(r.EdgeEndTimestamp)
    if (end !== null && end >= ts) ev.event_duration = (end - ts) / 1000
    // OriginResponseTime is nanoseconds (older jobs); OriginResponseDurationMs replaced it.
    const originMs = jsonNumber(r.OriginResponseDurationMs)
    const originNs = jsonNumber(r.OriginResponseTime)
    if (originMs !== null) ev.upstream_duration = originMs / 1000
    else if (originNs !== null) ev.upstream_duration = originNs / 1e9
    ev.source_as_number = jsonNumber(r.ClientASN)
    const country = jsonString(r.ClientCountry)
    ev.source_geo_country_iso_code = country === null ? null : country.toUpperCase()
    ev.tls_client_ja4 = jsonString(r.JA4)
    ev.tls_client_ja3 = jsonString(r.JA3Hash)
    if (r.RequestHeaders !== null && typeof r.RequestHeaders === 'object') {
      for (const [k, v] of Object.entries(r.RequestHeaders)) if (typeof v === 'string') applyRequestHeader(ev, k, v, options)
    }
    if (r.Cookies !== null && typeof r.Cookies === 'object') {
      const cookies = r.Cookies as Record<string, unknown>
      for (const name of options.sessionCookies) {
        const v = jsonString(cookies[name])
        if (v !== null) {
          ev.session_id = v
          break
        }
      }
    } else if (typeof r.Cookies === 'string') {
      ev.session_id = sessionFromCookies(r.Cookies, options.sessionCookies)
    }
    for (const [k, v] of Object.entries(r)) {
      if (!MAPPED.has(k) && v !== null && v !== '' && v !== undefined) setLabel(ev, k, labelValue(v))
    }
    return { kind: 'http', event: ev }
  })
}
