/**
 * Envoy's default access log format:
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`,
 * optionally followed by `%UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS%
 * %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%` as newer defaults and
 * Istio append them. Istio's proxies (the Envoy log most meshes have) also insert
 * `%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%"`
 * after the response flags; a line whose field after the flags is not a byte count is read
 * that way.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseIsoTime } from '../time.ts'
import { splitFields } from './field-splitter.ts'
import { applyRequestLine, hostWithoutPort, parseCount, setLabel, splitHostPort } from './http-fields.ts'
import { createLineParser, errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

const REQUIRED = 13
/** The three fields Istio inserts after the response flags. */
const ISTIO_INSERTED = ['response_code_details', 'connection_termination_details', 'upstream_transport_failure_reason']
/** Appended fields, from the 14th of Envoy's default (the 17th of Istio's). */
const APPENDED = ['upstream_cluster', 'upstream_local_address', 'downstream_local_address', null, 'requested_server_name', 'route_name']
const DOWNSTREAM_REMOTE = APPENDED.indexOf(null)

function isDigits(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

function milliseconds(s: string): number | null {
  const v = parseCount(s)
  return Number.isNaN(v) ? null : v / 1000
}

export function createEnvoyParser(options: ParserOptions): RecordParser {
  return createLineParser('envoy', options, (line, lineNo): ParseResult => {
    if (line.charCodeAt(0) !== 91) return errorResult(lineNo, "expected the line to start with '[' and the start time", line, options)
    const split = splitFields(line, 24)
    if (!split.ok) return errorResult(lineNo, split.reason, line, options)
    const f = split.fields
    const o = f.length > 4 && !isDigits(f[4]!) ? ISTIO_INSERTED.length : 0
    if (f.length < REQUIRED + o) return errorResult(lineNo, `expected at least ${REQUIRED + o} fields ([time] "request" code flags … "upstream host"), found ${f.length}`, line, options)
    const ts = parseIsoTime(f[0]!)
    if (ts === null) return errorResult(lineNo, `start time is not an ISO 8601 time: ${quoteForReason(f[0]!)}`, line, options)
    const status = parseCount(f[2]!)
    if (Number.isNaN(status) || f[2]!.length > 3) return errorResult(lineNo, `response code is not a number: ${quoteForReason(f[2]!)}`, line, options)

    const ev = emptyHttpEvent('envoy', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    applyRequestLine(ev, f[1]!)
    // Envoy logs 0 when no response was sent (stream reset, downstream disconnect).
    ev.http_response_status_code = status
    if (f[3] !== '-') setLabel(ev, 'response_flags', f[3]!)
    for (let i = 0; i < o; i++) if (f[4 + i] !== '-') setLabel(ev, ISTIO_INSERTED[i]!, f[4 + i]!)
    const received = parseCount(f[o + 4]!)
    const sent = parseCount(f[o + 5]!)
    ev.http_request_bytes = Number.isNaN(received) ? null : received
    ev.http_response_bytes = Number.isNaN(sent) ? null : sent
    ev.event_duration = milliseconds(f[o + 6]!)
    ev.upstream_duration = milliseconds(f[o + 7]!)
    if (f[o + 8] !== '-') ev.http_x_forwarded_for = f[o + 8]!
    if (f[o + 9] !== '-') ev.user_agent_original = f[o + 9]!
    if (f[o + 10] !== '-') setLabel(ev, 'request_id', f[o + 10]!)
    if (f[o + 11] !== '-') ev.url_domain = hostWithoutPort(f[o + 11]!)
    if (f[o + 12] !== '-') setLabel(ev, 'upstream_host', f[o + 12]!)
    for (let i = 0; i < APPENDED.length; i++) {
      const name = APPENDED[i]
      const v = f[REQUIRED + o + i]
      if (name !== null && name !== undefined && v !== undefined && v !== '-') setLabel(ev, name, v)
    }
    const downstream = f[REQUIRED + o + DOWNSTREAM_REMOTE]
    if (downstream !== undefined && downstream !== '-') {
      ev.source_peer_ip = splitHostPort(downstream).host
    } else if (ev.http_x_forwarded_for !== null) {
      // Envoy appends the address it saw to X-Forwarded-For, so the last entry is its peer.
      const parts = ev.http_x_forwarded_for.split(',')
      ev.source_peer_ip = parts[parts.length - 1]!.trim() || null
    }
    ev.source_ip = ev.source_peer_ip
    return { kind: 'http', event: ev }
  })
}
