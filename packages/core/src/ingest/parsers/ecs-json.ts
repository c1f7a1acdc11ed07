/**
 * JSON lines with Elastic Common Schema fields (Filebeat, Logstash, Vector, many app
 * loggers). Nested and dotted keys both work; `labels.*` becomes labels.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseTimestamp } from '../time.ts'
import { applyRequestHeader, applyTarget, boundBody, hostWithoutPort, setLabel } from './http-fields.ts'
import { createJsonLineParser, flattenRecord, labelValue, numberField, stringField } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

export function createEcsJsonParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('ecs-json', options, (record, line, lineNo): ParseResult => {
    const m = flattenRecord(record)
    const rawTs = m.get('@timestamp') ?? m.get('timestamp')
    if (rawTs === undefined) return errorResult(lineNo, '@timestamp is missing', line, options)
    const ts = parseTimestamp(rawTs)
    if (ts === null) return errorResult(lineNo, `@timestamp is not an ISO 8601 time: ${quoteForReason(String(rawTs))}`, line, options)

    const ev = emptyHttpEvent('ecs-json', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    ev.source_ip = stringField(m, 'source.ip', 'source.address', 'client.ip', 'client.address')
    ev.source_peer_ip = stringField(m, 'client.ip', 'client.address', 'source.ip', 'source.address')
    ev.source_port = numberField(m, 'source.port', 'client.port')
    const headers = m.get('http.request.headers')
    if (headers !== null && typeof headers === 'object' && !Array.isArray(headers)) {
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') applyRequestHeader(ev, k, v, options)
    }
    for (const [k, v] of m) {
      if (k.startsWith('http.request.headers.') && typeof v === 'string') applyRequestHeader(ev, k.slice(21), v, options)
      else if (k.startsWith('labels.')) setLabel(ev, k.slice(7), labelValue(v))
    }
    const method = stringField(m, 'http.request.method')
    ev.http_request_method = method === null ? null : method.toUpperCase()
    const original = stringField(m, 'url.original', 'url.full')
    const path = stringField(m, 'url.path')
    const query = stringField(m, 'url.query')
    if (original !== null) applyTarget(ev, original)
    else if (path !== null) applyTarget(ev, query === null ? path : `${path}?${query}`)
    const domain = stringField(m, 'url.domain', 'destination.domain', 'host.name')
    if (domain !== null && (ev.url_domain === null || m.has('url.domain'))) ev.url_domain = hostWithoutPort(domain)
    const version = stringField(m, 'http.version')
    if (version !== null) ev.http_version = version.startsWith('HTTP/') ? version : `HTTP/${version}`
    const status = numberField(m, 'http.response.status_code')
    if (status !== null) {
      if (!Number.isInteger(status) || status < 0 || status > 999) return errorResult(lineNo, `http.response.status_code is not an HTTP status: ${status}`, line, options)
      ev.http_response_status_code = status
    }
    ev.http_response_bytes = numberField(m, 'http.response.body.bytes', 'http.response.bytes')
    ev.http_request_bytes = numberField(m, 'http.request.body.bytes', 'http.request.bytes') ?? ev.http_request_bytes
    ev.http_request_referrer = stringField(m, 'http.request.referrer') ?? ev.http_request_referrer
    ev.user_agent_original = stringField(m, 'user_agent.original') ?? ev.user_agent_original
    ev.http_request_content_type = stringField(m, 'http.request.mime_type') ?? ev.http_request_content_type
    // ECS event.duration is in nanoseconds; the column holds seconds like the access logs.
    const duration = numberField(m, 'event.duration')
    if (duration !== null) ev.event_duration = duration / 1e9
    ev.session_id = stringField(m, 'session.id') ?? ev.session_id
    ev.user_name = stringField(m, 'user.name')
    ev.device_id = stringField(m, 'device.id')
    ev.tls_client_ja4 = stringField(m, 'tls.client.ja4') ?? ev.tls_client_ja4
    ev.tls_client_ja3 = stringField(m, 'tls.client.ja3') ?? ev.tls_client_ja3
    ev.http_request_body = boundBody(stringField(m, 'http.request.body.content'))
    ev.http_response_body = boundBody(stringField(m, 'http.response.body.content'))
    if (ev.http_request_method === null && ev.url_original === null && ev.http_response_status_code === null) {
      return errorResult(lineNo, 'no HTTP fields: expected http.request.method, url.original/url.path or http.response.status_code', line, options)
    }
    return { kind: 'http', event: ev }
  })
}
