/**
 * Caddy's JSON access log (the `http.log.access` logger), one object per line:
 * `{"ts":…,"request":{"client_ip","remote_ip","remote_port","proto","method","host","uri","headers":{…}},
 *   "bytes_read","user_id","duration","size","status","resp_headers"}`. `ts` is Unix seconds
 * by default or whatever `time_format` chose; `duration` is seconds unless `duration_format`
 * made it a string. Headers are arrays of values. Caddy ≥ 2.7 logs `client_ip` (the client
 * after its trusted proxies) beside `remote_ip` (the peer).
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseTimestamp } from '../time.ts'
import { applyRequestHeader, applyTarget, hostWithoutPort, setLabel } from './http-fields.ts'
import { createJsonLineParser, isJsonObject, jsonCount, jsonNumber, jsonString } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

/** Several values of one header, as one header line would carry them. */
function headerValue(name: string, v: unknown): string | null {
  if (!Array.isArray(v)) return jsonString(v)
  const values = v.filter((x): x is string => typeof x === 'string')
  return values.length === 0 ? null : values.join(name.toLowerCase() === 'cookie' ? '; ' : ', ')
}

export function createCaddyJsonParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('caddy-json', options, (r, line, lineNo): ParseResult => {
    const request = r.request
    if (!isJsonObject(request)) return errorResult(lineNo, `request is missing: not an access-log record (logger ${quoteForReason(String(r.logger ?? 'unknown'))})`, line, options)
    if (r.ts === undefined) return errorResult(lineNo, 'ts is missing', line, options)
    const ts = parseTimestamp(r.ts)
    if (ts === null) return errorResult(lineNo, `ts is not a Unix or ISO 8601 time: ${quoteForReason(String(r.ts))}`, line, options)

    const ev = emptyHttpEvent('caddy-json', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    ev.source_peer_ip = jsonString(request.remote_ip)
    ev.source_ip = jsonString(request.client_ip) ?? ev.source_peer_ip
    ev.source_port = jsonCount(request.remote_port)
    ev.http_request_method = jsonString(request.method)
    const uri = jsonString(request.uri)
    if (uri !== null) applyTarget(ev, uri)
    const host = jsonString(request.host)
    if (host !== null) ev.url_domain = hostWithoutPort(host).toLowerCase()
    ev.http_version = jsonString(request.proto)
    if (isJsonObject(request.headers)) {
      for (const [name, v] of Object.entries(request.headers)) {
        const value = headerValue(name, v)
        if (value !== null) applyRequestHeader(ev, name, value, options)
      }
    }
    if (isJsonObject(request.tls)) {
      const sni = jsonString(request.tls.server_name)
      if (sni !== null) setLabel(ev, 'tls_server_name', sni)
    }
    const status = jsonNumber(r.status)
    if (r.status !== undefined && (status === null || !Number.isInteger(status) || status < 0 || status > 999)) {
      return errorResult(lineNo, `status is not an HTTP status: ${quoteForReason(String(r.status))}`, line, options)
    }
    ev.http_response_status_code = status
    ev.http_response_bytes = jsonCount(r.size)
    ev.http_request_bytes = jsonCount(r.bytes_read)
    const duration = jsonNumber(r.duration)
    if (duration !== null && duration >= 0) ev.event_duration = duration
    const user = jsonString(r.user_id)
    if (user !== null) ev.user_name = user
    if (ev.http_request_method === null && ev.url_original === null) return errorResult(lineNo, 'request has neither method nor uri', line, options)
    return { kind: 'http', event: ev }
  })
}
