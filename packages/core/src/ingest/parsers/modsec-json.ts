/**
 * ModSecurity v3 JSON audit log (`SecAuditLogFormat JSON`), one transaction per line.
 * The matched rules are kept as labels (`modsec_rule_ids`, `modsec_messages`,
 * `modsec_severities`) so the WAF's own verdicts can be joined with Vigil's.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseAsctime, parseTimestamp } from '../time.ts'
import { applyRequestHeader, applyTarget, boundBody, hostWithoutPort, setLabel } from './http-fields.ts'
import { createJsonLineParser } from './json-record.ts'
import { errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

type Obj = Record<string, unknown>

const MAX_MESSAGES_CHARS = 4096

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 0 ? v : null
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}

function count(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.length < 20 ? Number(v) : Number.NaN
  return Number.isInteger(n) && n >= 0 ? n : null
}

export function createModsecJsonParser(options: ParserOptions): RecordParser {
  return createJsonLineParser('modsec-json', options, (record, line, lineNo): ParseResult => {
    const fail = (reason: string): ParseResult => errorResult(lineNo, reason, line, options)
    const tx = record.transaction
    if (!isObj(tx)) return fail('transaction is missing')
    const stamp = str(tx.time_stamp)
    if (stamp === null) return fail('transaction.time_stamp is missing')
    const ts = parseAsctime(stamp) ?? parseTimestamp(stamp)
    if (ts === null) return fail(`transaction.time_stamp is not a time: ${quoteForReason(stamp)}`)
    const request = isObj(tx.request) ? tx.request : {}

    const ev = emptyHttpEvent('modsec-json', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    ev.ts = ts
    ev.source_ip = str(tx.client_ip)
    ev.source_peer_ip = ev.source_ip
    ev.source_port = count(tx.client_port)
    ev.http_request_method = str(request.method)
    const uri = str(request.uri)
    if (uri !== null) applyTarget(ev, uri)
    const version = str(request.http_version)
    if (version !== null) ev.http_version = version.startsWith('HTTP/') ? version : `HTTP/${version}`
    if (isObj(request.headers)) {
      for (const [k, v] of Object.entries(request.headers)) {
        const value = str(v)
        if (value !== null) applyRequestHeader(ev, k, value, options)
      }
    }
    if (ev.url_domain !== null) ev.url_domain = hostWithoutPort(ev.url_domain)
    ev.http_request_body = boundBody(str(request.body))
    const response = isObj(tx.response) ? tx.response : {}
    const status = count(response.http_code)
    ev.http_response_status_code = status !== null && status <= 999 ? status : null
    ev.http_response_body = boundBody(str(response.body))
    if (isObj(response.headers)) {
      for (const [k, v] of Object.entries(response.headers)) {
        if (k.toLowerCase() === 'content-length') ev.http_response_bytes = count(v)
      }
    }
    const uniqueId = str(tx.unique_id)
    if (uniqueId !== null) setLabel(ev, 'modsec_unique_id', uniqueId)
    const serverId = str(tx.server_id)
    if (serverId !== null) setLabel(ev, 'modsec_server_id', serverId)
    const messages = Array.isArray(tx.messages) ? tx.messages.filter(isObj) : []
    const ruleIds: string[] = []
    const texts: string[] = []
    const severities: string[] = []
    for (const msg of messages) {
      const details = isObj(msg.details) ? msg.details : {}
      const id = str(details.ruleId)
      if (id !== null) ruleIds.push(id)
      const text = str(msg.message)
      if (text !== null) texts.push(text)
      const severity = str(details.severity)
      if (severity !== null) severities.push(severity)
    }
    if (ruleIds.length > 0) setLabel(ev, 'modsec_rule_ids', ruleIds.join(','))
    if (texts.length > 0) setLabel(ev, 'modsec_messages', texts.join(' | ').slice(0, MAX_MESSAGES_CHARS))
    if (severities.length > 0) setLabel(ev, 'modsec_severities', severities.join(','))
    if (ev.http_request_method === null && ev.url_original === null) return fail('transaction.request has neither method nor uri')
    return { kind: 'http', event: ev }
  })
}
