/**
 * `--format 'nginx:<log_format string>'`: a custom nginx log_format compiled once into a
 * list of literal texts and variables. A variable's value runs up to the next literal;
 * when the variable sits between quotes, an escaped quote does not end it. Values are
 * un-escaped (`\xHH`) and routed to columns by variable name; unknown variables go to labels.
 * @module
 */
import { emptyHttpEvent } from '../../events/http-event.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { VigilError } from '../../errors/vigil-error.ts'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { parseClfTime, parseEpochTime, parseIsoTime } from '../time.ts'
import { unescapeLogValue } from './escapes.ts'
import {
  applyRequestHeader,
  applyRequestLine,
  applyTarget,
  hostWithoutPort,
  parseCount,
  parseSeconds,
  parseUpstreamSeconds,
  setLabel,
} from './http-fields.ts'
import { createLineParser, errorResult, quoteForReason, truncateUtf8 } from './line-parser.ts'

type Token = { kind: 'literal'; text: string } | { kind: 'variable'; name: string; quoted: boolean }

const MAX_FORMAT_LENGTH = 4096
const TIME_VARIABLES = ['time_local', 'time_iso8601', 'msec']

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}

function invalid(format: string, why: string): VigilError {
  return new VigilError('VIGIL_ERR_INGEST_FORMAT_INVALID', `bad nginx log_format ${quoteForReason(format)}: ${why}`)
}

/**
 * nginx.conf writes a log_format as adjacent quoted pieces (`'$remote_addr - ' '"$request"'`);
 * accept that as pasted, as well as the bare string.
 */
function unwrapConfQuotes(format: string): string {
  const t = format.trim()
  if (!(t.startsWith("'") && t.endsWith("'") && t.length >= 2)) return format
  let out = ''
  let i = 0
  while (i < t.length) {
    if (t[i] !== "'") {
      i++
      continue
    }
    const close = t.indexOf("'", i + 1)
    if (close < 0) return format
    out += t.slice(i + 1, close)
    i = close + 1
  }
  return out
}

export function compileNginxFormat(rawFormat: string): Token[] {
  if (rawFormat.length > MAX_FORMAT_LENGTH) throw invalid(rawFormat, `longer than ${MAX_FORMAT_LENGTH} characters`)
  const format = unwrapConfQuotes(rawFormat)
  const tokens: Token[] = []
  let literal = ''
  let i = 0
  while (i < format.length) {
    if (format[i] !== '$') {
      literal += format[i]
      i++
      continue
    }
    let name: string
    if (format[i + 1] === '{') {
      const close = format.indexOf('}', i + 2)
      if (close < 0) throw invalid(rawFormat, `'\${' at column ${i + 1} is not closed by '}'`)
      name = format.slice(i + 2, close)
      i = close + 1
    } else {
      let j = i + 1
      while (j < format.length && isNameChar(format.charCodeAt(j))) j++
      name = format.slice(i + 1, j)
      i = j
    }
    if (name.length === 0 || ![...name].every((ch) => isNameChar(ch.charCodeAt(0)))) {
      throw invalid(rawFormat, `'$' at column ${i} is not followed by a variable name`)
    }
    const prev = tokens[tokens.length - 1]
    if (literal.length === 0 && prev?.kind === 'variable') {
      throw invalid(rawFormat, `$${prev.name} and $${name} have no text between them, so their values cannot be told apart`)
    }
    if (literal.length > 0) tokens.push({ kind: 'literal', text: literal })
    tokens.push({ kind: 'variable', name: name.toLowerCase(), quoted: literal.endsWith('"') })
    literal = ''
  }
  if (literal.length > 0) tokens.push({ kind: 'literal', text: literal })
  const variables = new Set(tokens.flatMap((t) => (t.kind === 'variable' ? [t.name] : [])))
  if (variables.size === 0) throw invalid(rawFormat, 'it contains no $variable')
  if (!TIME_VARIABLES.some((v) => variables.has(v))) {
    throw invalid(rawFormat, `it has no time variable (${TIME_VARIABLES.map((v) => '$' + v).join(', ')}), and every event needs one`)
  }
  return tokens
}

/** Index of `text` at or after `from`, skipping matches whose leading quote is backslash-escaped. */
function findLiteral(line: string, text: string, from: number, quoted: boolean): number {
  let i = from
  for (;;) {
    const at = line.indexOf(text, i)
    if (at < 0 || !quoted) return at
    let backslashes = 0
    for (let j = at - 1; j >= from && line.charCodeAt(j) === 92; j--) backslashes++
    if (backslashes % 2 === 0) return at
    i = at + 1
  }
}

interface LineState {
  uri: string | null
  args: string | null
}

type Setter = (ev: HttpEvent, value: string, state: LineState) => string | null

function timeSetter(parse: (s: string) => number | null, what: string): Setter {
  return (ev, v) => {
    const t = parse(v)
    if (t === null) return `time is not ${what}: ${quoteForReason(v)}`
    ev.ts = t
    return null
  }
}

function secondsSetter(field: 'event_duration' | 'upstream_duration', parse: (s: string) => number): Setter {
  return (ev, v) => {
    const t = parse(v)
    if (Number.isNaN(t)) setLabel(ev, field, v)
    else ev[field] = t
    return null
  }
}

function buildSetters(tokens: readonly Token[], options: ParserOptions): Map<string, Setter> {
  const names = new Set(tokens.flatMap((t) => (t.kind === 'variable' ? [t.name] : [])))
  const has = (n: string): boolean => names.has(n)
  const setters = new Map<string, Setter>()
  const addr: Setter = (ev, v) => {
    ev.source_ip = v
    ev.source_peer_ip = v
    return null
  }
  const count =
    (field: 'http_response_bytes' | 'http_request_bytes' | 'source_port', what: string): Setter =>
    (ev, v) => {
      const n = parseCount(v)
      if (Number.isNaN(n)) return `${what} is not a number: ${quoteForReason(v)}`
      ev[field] = n
      return null
    }
  setters.set('remote_addr', addr)
  setters.set('binary_remote_addr', addr)
  setters.set('remote_port', count('source_port', 'remote port'))
  setters.set('remote_user', (ev, v) => ((ev.user_name = v), null))
  setters.set('time_local', timeSetter(parseClfTime, 'a dd/Mon/yyyy:hh:mm:ss +zzzz timestamp'))
  setters.set('time_iso8601', timeSetter(parseIsoTime, 'an ISO 8601 timestamp'))
  setters.set('msec', timeSetter((s) => (Number.isNaN(parseSeconds(s)) ? null : parseEpochTime(Number(s))), 'seconds.milliseconds'))
  setters.set('request', (ev, v) => (applyRequestLine(ev, v), null))
  setters.set('request_method', (ev, v) => ((ev.http_request_method = v), null))
  setters.set('request_uri', (ev, v) => (applyTarget(ev, v), null))
  setters.set('uri', (_ev, v, s) => ((s.uri = v), null))
  setters.set('document_uri', (_ev, v, s) => ((s.uri = v), null))
  setters.set('args', (_ev, v, s) => ((s.args = v), null))
  setters.set('query_string', (_ev, v, s) => ((s.args = v), null))
  setters.set('server_protocol', (ev, v) => ((ev.http_version = v), null))
  setters.set('status', (ev, v) => {
    const n = parseCount(v)
    if (Number.isNaN(n) || v.length > 3) return `status is not a number: ${quoteForReason(v)}`
    ev.http_response_status_code = n
    return null
  })
  setters.set('body_bytes_sent', count('http_response_bytes', 'body bytes'))
  // $bytes_sent includes headers; it stands in for the body size only when the format lacks $body_bytes_sent.
  setters.set('bytes_sent', has('body_bytes_sent') ? (ev, v) => (setLabel(ev, 'bytes_sent', v), null) : count('http_response_bytes', 'bytes sent'))
  setters.set('request_length', count('http_request_bytes', 'request length'))
  setters.set('request_time', secondsSetter('event_duration', parseSeconds))
  setters.set('upstream_response_time', secondsSetter('upstream_duration', parseUpstreamSeconds))
  const domain: Setter = (ev, v) => ((ev.url_domain = hostWithoutPort(v)), null)
  setters.set('host', domain)
  setters.set('http_host', domain)
  setters.set('server_name', has('host') || has('http_host') ? (ev, v) => (setLabel(ev, 'server_name', v), null) : domain)
  for (const name of names) {
    if (setters.has(name)) continue
    if (name.includes('ja4')) setters.set(name, (ev, v) => ((ev.tls_client_ja4 = v), null))
    else if (name.includes('ja3')) setters.set(name, (ev, v) => ((ev.tls_client_ja3 = v), null))
    else if (name.startsWith('http_')) {
      const header = name.slice(5).replaceAll('_', '-')
      setters.set(name, (ev, v) => (applyRequestHeader(ev, header, v, options), null))
    } else if (name.startsWith('cookie_')) {
      const cookie = name.slice(7)
      const isSession = options.sessionCookies.some((c) => c.toLowerCase() === cookie)
      setters.set(name, (ev, v) => {
        if (isSession) ev.session_id = v
        else setLabel(ev, name, v)
        return null
      })
    } else if (name === 'content_type') setters.set(name, (ev, v) => ((ev.http_request_content_type = v), null))
    else setters.set(name, (ev, v) => (setLabel(ev, name, v), null))
  }
  return setters
}

/**
 * The `$cookie_<name>` variables of a log_format when none of them is a session cookie: their
 * values become labels, and session_id stays empty, which a user naming a cookie rarely means.
 * Empty when one of them is, or there are none, or the format does not compile.
 */
export function cookiesNotSession(logFormat: string, sessionCookies: readonly string[]): string[] {
  let tokens: Token[]
  try {
    tokens = compileNginxFormat(logFormat)
  } catch {
    return []
  }
  const cookies = tokens.flatMap((t) => (t.kind === 'variable' && t.name.startsWith('cookie_') ? [t.name.slice(7)] : []))
  const session = new Set(sessionCookies.map((c) => c.toLowerCase()))
  return cookies.some((c) => session.has(c)) ? [] : cookies
}

export function createNginxFormatParser(logFormat: string, options: ParserOptions): RecordParser {
  const tokens = compileNginxFormat(logFormat)
  const setters = buildSetters(tokens, options)
  const format = `nginx:${logFormat}`

  function parseLine(line: string, lineNo: number): ParseResult {
    // The column says which parser read the row; the log_format string itself is configuration.
    const ev = emptyHttpEvent('nginx', options.file, lineNo, truncateUtf8(line, options.maxMessageBytes))
    const state: LineState = { uri: null, args: null }
    let hasTime = false
    let pos = 0
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!
      if (token.kind === 'literal') {
        if (!line.startsWith(token.text, pos)) {
          return errorResult(lineNo, `expected ${quoteForReason(token.text)} at column ${pos + 1}`, line, options)
        }
        pos += token.text.length
        continue
      }
      // compileNginxFormat guarantees a literal (or the end) after every variable.
      const next = tokens[t + 1]
      let end: number
      if (next?.kind !== 'literal') end = line.length
      else {
        end = findLiteral(line, next.text, pos, token.quoted)
        if (end < 0) {
          return errorResult(lineNo, `line ends before the text that follows $${token.name} (truncated line?)`, line, options)
        }
      }
      const raw = line.slice(pos, end)
      pos = end
      if (raw === '-' || raw === '') continue
      const value = unescapeLogValue(raw)
      if (TIME_VARIABLES.includes(token.name)) hasTime = true
      const reason = setters.get(token.name)!(ev, value, state)
      if (reason !== null) return errorResult(lineNo, reason, line, options)
      if (token.name === 'request' && ev.http_request_method === null && ev.url_original !== null) ev.url_original = raw
    }
    if (pos !== line.length) {
      return errorResult(lineNo, `unexpected text after the last field at column ${pos + 1}`, line, options)
    }
    if (!hasTime) return errorResult(lineNo, 'the line has no time ($time_local, $time_iso8601 or $msec)', line, options)
    if (ev.url_original === null && state.uri !== null) {
      applyTarget(ev, state.args === null ? state.uri : `${state.uri}?${state.args}`)
    } else if (ev.url_original === null && state.args !== null) {
      ev.url_query = state.args
    }
    return { kind: 'http', event: ev }
  }

  return createLineParser(format, options, parseLine)
}
