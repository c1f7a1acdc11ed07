/**
 * HAR 1.2 (browser DevTools, proxies like mitmproxy and Burp export it). The whole file is
 * one JSON document, often pretty-printed, so lines are buffered and the entries are
 * emitted at finish(), one http event per entry with `log_line` = entry index + 1.
 * `serverIPAddress` is the server's address; a HAR does not record the client's.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { Emit, ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseIsoTime } from '../time.ts'
import { applyRequestHeader, applyTarget, boundBody, sessionFromCookies, setLabel } from './http-fields.ts'
import { isJsonObject, parseJsonObject } from './json-record.ts'
import { errorResult, quoteForReason, cleanLine, truncateUtf8 } from './line-parser.ts'

/** A HAR bigger than this is rejected as a whole rather than held in memory. */
export const MAX_HAR_CHARS = 256 * 1024 * 1024

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null
}

/** HAR uses -1 for "unknown" sizes and times. */
function nonNegative(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null
}

function nameValues(v: unknown): Array<{ name: string; value: string }> {
  if (!Array.isArray(v)) return []
  return v.flatMap((h) => (isJsonObject(h) && typeof h.name === 'string' && typeof h.value === 'string' ? [{ name: h.name, value: h.value }] : []))
}

function entryError(line: number, reason: string, raw: string, options: ParserOptions): ParseResult {
  return errorResult(line, `HAR entry ${line}: ${reason}`, raw, options)
}

/** `maxChars` bounds the buffered document; lower it only to test the limit. */
export function createHarParser(options: ParserOptions, maxChars: number = MAX_HAR_CHARS): RecordParser {
  let parts: string[] = []
  let chars = 0
  let firstLine = 0
  let overflow = false

  function entryResult(entry: unknown, index: number): ParseResult {
    const line = index + 1
    const raw = JSON.stringify(entry) ?? ''
    if (!isJsonObject(entry)) return entryError(line, 'not an object', raw, options)
    const request = entry.request
    if (!isJsonObject(request)) return entryError(line, 'request is missing', raw, options)
    const started = str(entry.startedDateTime)
    if (started === null) return entryError(line, 'startedDateTime is missing', raw, options)
    const ts = parseIsoTime(started)
    if (ts === null) return entryError(line, `startedDateTime is not an ISO 8601 time: ${quoteForReason(started)}`, raw, options)
    const url = str(request.url)
    if (url === null) return entryError(line, 'request.url is missing', raw, options)

    const ev = emptyHttpEvent('har', options.file, line, truncateUtf8(raw, options.maxMessageBytes))
    ev.ts = ts
    ev.http_request_method = str(request.method)
    applyTarget(ev, url)
    ev.http_version = str(request.httpVersion)?.toUpperCase() ?? null
    for (const h of nameValues(request.headers)) applyRequestHeader(ev, h.name, h.value, options)
    if (ev.session_id === null) {
      const cookies = nameValues(request.cookies)
      const session = cookies.find((c) => options.sessionCookies.includes(c.name) && c.value.length > 0)
      if (session !== undefined) ev.session_id = session.value
      else if (cookies.length > 0) ev.session_id = sessionFromCookies(cookies.map((c) => `${c.name}=${c.value}`).join('; '), options.sessionCookies)
    }
    const postData = request.postData
    if (isJsonObject(postData)) {
      ev.http_request_body = boundBody(str(postData.text))
      ev.http_request_content_type ??= str(postData.mimeType)
    }
    ev.http_request_bytes = nonNegative(request.bodySize) ?? ev.http_request_bytes
    const response = entry.response
    if (isJsonObject(response)) {
      const status = nonNegative(response.status)
      // Browsers record 0 for requests that got no response (blocked, aborted).
      ev.http_response_status_code = status !== null && Number.isInteger(status) && status <= 999 ? status : null
      const content = response.content
      ev.http_response_bytes = nonNegative(response.bodySize) ?? (isJsonObject(content) ? nonNegative(content.size) : null)
      if (isJsonObject(content)) {
        ev.http_response_body = boundBody(str(content.text))
        if (content.encoding === 'base64' && ev.http_response_body !== null) setLabel(ev, 'response_body_encoding', 'base64')
      }
    }
    const time = nonNegative(entry.time)
    ev.event_duration = time === null ? null : time / 1000
    const server = str(entry.serverIPAddress)
    if (server !== null) setLabel(ev, 'server_ip', server)
    return { kind: 'http', event: ev }
  }

  return {
    format: 'har',
    feed(line: string, lineNo: number): void {
      if (overflow) return
      if (firstLine === 0) firstLine = lineNo
      const text = cleanLine(line)
      chars += text.length + 1
      if (chars > maxChars) {
        overflow = true
        parts = []
        return
      }
      parts.push(text)
    },
    finish(emit: Emit): void {
      const line = firstLine === 0 ? 1 : firstLine
      const wasOverflow = overflow
      firstLine = 0
      chars = 0
      overflow = false
      if (wasOverflow) {
        emit({ kind: 'error', line, reason: `HAR document is larger than ${maxChars} characters`, raw: '' })
        return
      }
      const text = parts.join('\n')
      parts = []
      if (text.trim().length === 0) return
      const parsed = parseJsonObject(text, maxChars)
      if (!parsed.ok) {
        emit(errorResult(line, `not a HAR document: ${parsed.reason}`, text, options))
        return
      }
      const log = parsed.value.log
      if (!isJsonObject(log) || !Array.isArray(log.entries)) {
        emit(errorResult(line, 'not a HAR document: log.entries is missing', text, options))
        return
      }
      log.entries.forEach((entry, i) => {
        let result: ParseResult
        try {
          result = entryResult(entry, i)
        } catch (e) {
          result = { kind: 'error', line: i + 1, reason: `HAR entry ${i + 1}: parser failed: ${(e as Error).message}`, raw: '' }
        }
        emit(result)
      })
    },
  }
}
