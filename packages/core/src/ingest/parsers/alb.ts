/**
 * AWS Application Load Balancer access logs. Fields are positional; AWS appends new
 * ones at the end over time, so only the first 13 are required and the rest are read
 * when present. Every field without a column of its own is kept as a label.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseIsoTime } from '../time.ts'
import { splitFields } from './field-splitter.ts'
import { applyRequestLine, hostWithoutPort, parseCount, parseSeconds, setLabel, splitHostPort } from './http-fields.ts'
import { createLineParser, errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

const FIELDS = [
  'type', 'time', 'elb', 'client', 'target', 'request_processing_time', 'target_processing_time',
  'response_processing_time', 'elb_status_code', 'target_status_code', 'received_bytes', 'sent_bytes',
  'request', 'user_agent', 'ssl_cipher', 'ssl_protocol', 'target_group_arn', 'trace_id', 'domain_name',
  'chosen_cert_arn', 'matched_rule_priority', 'request_creation_time', 'actions_executed', 'redirect_url',
  'error_reason', 'target_port_list', 'target_status_code_list', 'classification', 'classification_reason',
  'conn_trace_id', 'transformed_host', 'transformed_uri', 'request_transform_status',
] as const
const REQUIRED = 13
/** Positions of fields that feed columns rather than labels. */
const COLUMNS = new Set([1, 3, 5, 6, 7, 8, 10, 11, 12, 13, 18])

export const ALB_TYPES: ReadonlySet<string> = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss'])

/** ALB writes -1 for a time it could not measure (the target never answered). */
function seconds(s: string): number | null {
  const v = parseSeconds(s)
  return Number.isNaN(v) ? null : v
}

function count(s: string): number | null {
  const v = parseCount(s)
  return Number.isNaN(v) ? null : v
}

export function createAlbParser(options: ParserOptions): RecordParser {
  return createLineParser('alb', options, (line, lineNo): ParseResult => {
    const split = splitFields(line, FIELDS.length)
    if (!split.ok) return errorResult(lineNo, split.reason, line, options)
    const f = split.fields
    if (f.length < REQUIRED) return errorResult(lineNo, `expected at least ${REQUIRED} fields (type … "request"), found ${f.length}`, line, options)
    if (!ALB_TYPES.has(f[0]!)) return errorResult(lineNo, `type is not one of ${[...ALB_TYPES].join(', ')}: ${quoteForReason(f[0]!)}`, line, options)
    const ts = parseIsoTime(f[1]!)
    if (ts === null) return errorResult(lineNo, `time is not an ISO 8601 time: ${quoteForReason(f[1]!)}`, line, options)
    const status = f[8] === '-' ? null : parseCount(f[8]!)
    if (status !== null && (Number.isNaN(status) || f[8]!.length > 3)) return errorResult(lineNo, `elb_status_code is not a number: ${quoteForReason(f[8]!)}`, line, options)

    const ev = emptyHttpEvent('alb', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    if (f[3] !== '-') {
      const client = splitHostPort(f[3]!)
      ev.source_ip = client.host
      ev.source_peer_ip = client.host
      ev.source_port = client.port
    }
    const reqTime = seconds(f[5]!)
    const targetTime = seconds(f[6]!)
    const respTime = seconds(f[7]!)
    if (reqTime !== null && targetTime !== null && respTime !== null) {
      // Rounded to the microsecond ALB logs, so 0.000 + 0.012 + 0.001 reads 0.013.
      ev.event_duration = Math.round((reqTime + targetTime + respTime) * 1e6) / 1e6
    }
    ev.upstream_duration = targetTime
    ev.http_response_status_code = status
    ev.http_request_bytes = count(f[10]!)
    ev.http_response_bytes = count(f[11]!)
    // ALB writes an unparseable request as "- - - ".
    if (f[12]!.trim() !== '- - -') applyRequestLine(ev, f[12]!)
    if (f[13] !== undefined && f[13] !== '-') ev.user_agent_original = f[13]
    if (f[18] !== undefined && f[18] !== '-' && ev.url_domain === null) ev.url_domain = hostWithoutPort(f[18])
    for (let i = 0; i < f.length; i++) {
      const v = f[i]!
      if (!COLUMNS.has(i) && v !== '-' && v !== '') setLabel(ev, FIELDS[i]!, v)
    }
    return { kind: 'http', event: ev }
  })
}
