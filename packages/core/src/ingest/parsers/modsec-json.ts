/**
 * ModSecurity JSON audit logs (`SecAuditLogFormat JSON`), one transaction per line, in
 * both shapes: libmodsecurity 3 (`transaction.time_stamp`, `transaction.messages[]` of
 * objects) and mod_security2 for Apache (`transaction.time`, top-level `request` with a
 * `request_line`, `audit_data.messages[]` of strings with `[id "…"] [msg "…"]` tags).
 * The matched rules are kept as labels (`modsec_rule_ids`, `modsec_messages`,
 * `modsec_severities`, and `modsec_intercepted` where the log says) so the WAF's own
 * verdicts can be joined with Vigil's.
 * @module
 */
import { emptyHttpEvent, type HttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseAsctime, parseClfTime, parseTimestamp } from '../time.ts'
import { applyRequestHeader, applyRequestLine, applyTarget, boundBody, hostWithoutPort, setLabel } from './http-fields.ts'
import { createJsonLineParser, isJsonObject, jsonCount, jsonString, type JsonObject } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

const MAX_MESSAGES_CHARS = 4096

/** Rule ids, messages and severities, joined into labels. */
class MatchedRules {
  readonly ids: string[] = []
  readonly texts: string[] = []
  readonly severities: string[] = []

  add(id: string | null, text: string | null, severity: string | null): void {
    if (id !== null) this.ids.push(id)
    if (text !== null) this.texts.push(text)
    if (severity !== null) this.severities.push(severity)
  }

  label(ev: HttpEvent): void {
    if (this.ids.length > 0) setLabel(ev, 'modsec_rule_ids', this.ids.join(','))
    if (this.texts.length > 0) setLabel(ev, 'modsec_messages', this.texts.join(' | ').slice(0, MAX_MESSAGES_CHARS))
    if (this.severities.length > 0) setLabel(ev, 'modsec_severities', this.severities.join(','))
  }
}

/**
 * The value of a `[name "value"]` tag in a mod_security2 message, where a quote inside
 * the value is written `\"`. Found with indexOf scans: linear in the message.
 */
export function messageTag(message: string, name: string): string | null {
  const open = `[${name} "`
  const at = message.indexOf(open)
  if (at < 0) return null
  const from = at + open.length
  let end = message.indexOf('"]', from)
  while (end > from && message.charCodeAt(end - 1) === 92) end = message.indexOf('"]', end + 2)
  return end < 0 ? null : message.slice(from, end).replaceAll('\\"', '"')
}

function applyHeaders(ev: HttpEvent, headers: unknown, options: ParserOptions): void {
  if (!isJsonObject(headers)) return
  for (const [k, v] of Object.entries(headers)) {
    const value = jsonString(v)
    if (value !== null) applyRequestHeader(ev, k, value, options)
  }
}

function responseBytes(headers: unknown): number | null {
  if (!isJsonObject(headers)) return null
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-length') return jsonCount(v)
  return null
}

function status(v: unknown): number | null {
  const n = jsonCount(v)
  return n !== null && n <= 999 ? n : null
}

/** mod_security2 writes the request body as an array of chunks, libmodsecurity 3 as one string. */
function bodyText(v: unknown): string | null {
  if (Array.isArray(v)) return jsonString(v.filter((chunk) => typeof chunk === 'string').join(''))
  return jsonString(v)
}

/** Request headers and body, response status, body and size: the same in both versions but for the status key. */
function applyMessage(ev: HttpEvent, request: JsonObject, responseValue: unknown, statusKey: 'http_code' | 'status', options: ParserOptions): void {
  applyHeaders(ev, request.headers, options)
  if (ev.url_domain !== null) ev.url_domain = hostWithoutPort(ev.url_domain)
  ev.http_request_body = boundBody(bodyText(request.body))
  const response = isJsonObject(responseValue) ? responseValue : {}
  ev.http_response_status_code = status(response[statusKey])
  ev.http_response_body = boundBody(bodyText(response.body))
  ev.http_response_bytes = responseBytes(response.headers)
}

/** libmodsecurity 3: everything under `transaction`. */
function readV3(tx: JsonObject, line: string, lineNo: number, options: ParserOptions): ParseResult {
  const stamp = jsonString(tx.time_stamp)
  if (stamp === null) return errorResult(lineNo, 'transaction.time_stamp is missing', line, options)
  const ts = parseAsctime(stamp) ?? parseTimestamp(stamp)
  if (ts === null) return errorResult(lineNo, `transaction.time_stamp is not a time: ${quoteForReason(stamp)}`, line, options)
  const request = isJsonObject(tx.request) ? tx.request : {}

  const ev = emptyHttpEvent('modsec-json', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
  ev.ts = ts
  ev.source_ip = jsonString(tx.client_ip)
  ev.source_peer_ip = ev.source_ip
  ev.source_port = jsonCount(tx.client_port)
  ev.http_request_method = jsonString(request.method)
  const uri = jsonString(request.uri)
  if (uri !== null) applyTarget(ev, uri)
  const version = jsonString(request.http_version)
  if (version !== null) ev.http_version = version.startsWith('HTTP/') ? version : `HTTP/${version}`
  applyMessage(ev, request, tx.response, 'http_code', options)
  const uniqueId = jsonString(tx.unique_id)
  if (uniqueId !== null) setLabel(ev, 'modsec_unique_id', uniqueId)
  const serverId = jsonString(tx.server_id)
  if (serverId !== null) setLabel(ev, 'modsec_server_id', serverId)
  const rules = new MatchedRules()
  for (const msg of Array.isArray(tx.messages) ? tx.messages : []) {
    if (!isJsonObject(msg)) continue
    const details = isJsonObject(msg.details) ? msg.details : {}
    rules.add(jsonString(details.ruleId), jsonString(msg.message), jsonString(details.severity))
  }
  rules.label(ev)
  if (ev.http_request_method === null && ev.url_original === null) return errorResult(lineNo, 'transaction.request has neither method nor uri', line, options)
  return { kind: 'http', event: ev }
}

/** mod_security2 (Apache): `transaction`, `request`, `response` and `audit_data` side by side. */
function readV2(record: JsonObject, tx: JsonObject, line: string, lineNo: number, options: ParserOptions): ParseResult {
  const stamp = jsonString(tx.time)
  if (stamp === null) return errorResult(lineNo, 'transaction.time is missing', line, options)
  const ts = parseClfTime(stamp) ?? parseTimestamp(stamp)
  if (ts === null) return errorResult(lineNo, `transaction.time is not a time: ${quoteForReason(stamp)}`, line, options)
  const request = isJsonObject(record.request) ? record.request : {}
  const requestLine = jsonString(request.request_line)
  if (requestLine === null) return errorResult(lineNo, 'request.request_line is missing', line, options)

  const ev = emptyHttpEvent('modsec-json', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
  ev.ts = ts
  ev.source_ip = jsonString(tx.remote_address)
  ev.source_peer_ip = ev.source_ip
  ev.source_port = jsonCount(tx.remote_port)
  applyRequestLine(ev, requestLine)
  applyMessage(ev, request, record.response, 'status', options)
  const id = jsonString(tx.transaction_id)
  if (id !== null) setLabel(ev, 'modsec_unique_id', id)
  const audit = isJsonObject(record.audit_data) ? record.audit_data : {}
  const rules = new MatchedRules()
  for (const message of Array.isArray(audit.messages) ? audit.messages : []) {
    if (typeof message !== 'string') continue
    rules.add(messageTag(message, 'id'), messageTag(message, 'msg') ?? message, messageTag(message, 'severity'))
  }
  rules.label(ev)
  const action = isJsonObject(audit.action) ? audit.action : null
  if (action !== null && typeof action.intercepted === 'boolean') setLabel(ev, 'modsec_intercepted', String(action.intercepted))
  return { kind: 'http', event: ev }
}

export function createModsecJsonParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('modsec-json', options, (record, line, lineNo): ParseResult => {
    const tx = record.transaction
    if (!isJsonObject(tx)) return errorResult(lineNo, 'transaction is missing', line, options)
    const apache = tx.time_stamp === undefined && (tx.time !== undefined || record.audit_data !== undefined || record.request !== undefined)
    return apache
      ? readV2(record, tx, line, lineNo, options)
      : readV3(tx, line, lineNo, options)
  })
}
