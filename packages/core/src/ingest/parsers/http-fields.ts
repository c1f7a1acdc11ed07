/**
 * Filling HttpEvent columns from the pieces every access-log format shares: the
 * request line, the request target, request headers, cookies and numeric fields.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { ParserOptions } from '../parser.ts'
import { writeUrlParts } from '../url.ts'

/** Headers carried into `http_request_headers`: bounded in count and value size. */
const MAX_HEADERS = 64
const MAX_HEADER_VALUE = 4096
/** Bodies kept from HAR and audit logs; the rest is cut, not rejected. */
export const MAX_BODY_CHARS = 64 * 1024
/** Extra key=value fields kept in `labels` per record. */
export const MAX_LABELS = 64

// RFC 9110 token characters, the alphabet of a method name.
const TOKEN = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN[c.charCodeAt(0)] = 1

export function isMethodToken(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 128 || TOKEN[c] === 0) return false
  }
  return true
}

function isHttpVersionAt(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 72 && s.charCodeAt(i + 1) === 84 && s.charCodeAt(i + 2) === 84 && s.charCodeAt(i + 3) === 80 && s.charCodeAt(i + 4) === 47
  )
}

/** Sets url_original and the url_* columns; a domain from an absolute-form target wins. */
export function applyTarget(ev: HttpEvent, target: string): void {
  ev.url_original = target
  writeUrlParts(target, ev)
}

/**
 * `GET /path?q HTTP/1.1`. A target with unencoded spaces keeps them; a request that is
 * not a request at all (a TLS handshake sent to a plain-text port, a scanner's junk)
 * keeps its text in url_original with method null, so it is stored and can be hunted
 * rather than quarantined. `logged` is the text as it appeared in the log (escapes
 * intact), used for that junk case so that binary bytes stay readable.
 */
export function applyRequestLine(ev: HttpEvent, request: string, logged: string = request): void {
  if (request === '-' || request.length === 0) return
  const first = request.indexOf(' ')
  const method = first < 0 ? request : internToken(request, 0, first)
  if (first < 0 || !isMethodToken(method)) {
    ev.url_original = logged
    return
  }
  // Scanned by hand from the end: the version is a few characters away, and lastIndexOf is a slow runtime call.
  let last = request.length - 1
  while (last > first && request.charCodeAt(last) !== 32) last--
  let target: string
  if (last > first && isHttpVersionAt(request, last + 1)) {
    target = request.slice(first + 1, last)
    ev.http_version = internToken(request, last + 1, request.length)
  } else {
    target = request.slice(first + 1)
  }
  if (target.length === 0) {
    ev.url_original = logged
    return
  }
  ev.http_request_method = method
  applyTarget(ev, target)
}

/** Non-negative integer of at most 15 digits, else NaN. */
export function parseCount(s: string): number {
  return parseCountAt(s, 0, s.length)
}

/** parseCount over `s[from, to)`, without slicing it out first. */
export function parseCountAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return Number.NaN
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return Number.NaN
    n = n * 10 + c
  }
  return n
}

/**
 * The common method and version as shared constants rather than a fresh string per line.
 * Compared by char code: startsWith with an offset cost more than the slice it saves.
 */
function internToken(s: string, from: number, to: number): string {
  const len = to - from
  const c0 = s.charCodeAt(from)
  if (len === 3 && c0 === 71 && s.charCodeAt(from + 1) === 69 && s.charCodeAt(from + 2) === 84) return 'GET'
  if (len === 4 && c0 === 80 && s.charCodeAt(from + 1) === 79 && s.charCodeAt(from + 2) === 83 && s.charCodeAt(from + 3) === 84) return 'POST'
  if (len === 8 && c0 === 72 && s.charCodeAt(from + 5) === 49 && s.charCodeAt(from + 6) === 46 && s.charCodeAt(from + 7) === 49 && s.startsWith('HTTP/1.1', from)) return 'HTTP/1.1'
  return s.slice(from, to)
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

/**
 * Seconds as logged (`0.012`); NaN for anything that is not a plain non-negative decimal.
 * digits / 10^k of exact integers is correctly rounded, so this equals Number(s) without
 * the generic string-to-number conversion, which showed up in the ingest profile.
 */
export function parseSeconds(s: string): number {
  if (s.length === 0 || s.length > 15) return s.length > 15 && s.length <= 24 && /^\d+(?:\.\d+)?$/.test(s) ? Number(s) : Number.NaN
  let digits = 0
  let scale = -1
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 46 && scale < 0) scale = 0
    else if (c < 48 || c > 57) return Number.NaN
    else {
      digits = digits * 10 + (c - 48)
      if (scale >= 0) scale++
    }
  }
  if (scale === 0 && s.length === 1) return Number.NaN
  return scale <= 0 ? digits : digits / POWERS_OF_TEN[scale]!
}

/**
 * nginx lists one upstream time per upstream tried (`0.010, 0.020` or `0.1 : 0.2`);
 * the time spent upstream is their sum. `-` parts are attempts that got no response.
 */
export function parseUpstreamSeconds(s: string): number {
  if (s.indexOf(',') < 0 && s.indexOf(':') < 0) return parseSeconds(s)
  let total = 0
  let any = false
  for (const part of s.split(/[,:]/)) {
    const t = part.trim()
    if (t === '-' || t === '') continue
    const v = parseSeconds(t)
    if (Number.isNaN(v)) return Number.NaN
    total += v
    any = true
  }
  return any ? total : Number.NaN
}

/** Own keys of a small record, counted up to `limit` without allocating a key array. */
function hasRoomFor(record: Record<string, string>, key: string, limit: number): boolean {
  if (Object.hasOwn(record, key)) return true
  let n = 0
  for (const k in record) if (Object.hasOwn(record, k) && ++n >= limit) return false
  return true
}

export function setLabel(ev: HttpEvent, key: string, value: string): void {
  if (ev.labels === null) ev.labels = {}
  else if (!hasRoomFor(ev.labels, key, MAX_LABELS)) return
  ev.labels[key] = value
}

/** Value of the first cookie in a Cookie header whose name is a configured session cookie. */
export function sessionFromCookies(cookieHeader: string, names: readonly string[]): string | null {
  let start = 0
  while (start < cookieHeader.length) {
    let end = cookieHeader.indexOf(';', start)
    if (end < 0) end = cookieHeader.length
    const eq = cookieHeader.indexOf('=', start)
    if (eq > start && eq < end) {
      const name = cookieHeader.slice(start, eq).trim()
      if (names.includes(name)) {
        const value = cookieHeader.slice(eq + 1, end).trim()
        if (value.length > 0) return value
      }
    }
    start = end + 1
  }
  return null
}

function setHeader(ev: HttpEvent, name: string, value: string): void {
  if (ev.http_request_headers === null) ev.http_request_headers = {}
  else if (!hasRoomFor(ev.http_request_headers, name, MAX_HEADERS)) return
  ev.http_request_headers[name] = value.length > MAX_HEADER_VALUE ? value.slice(0, MAX_HEADER_VALUE) : value
}

/**
 * Routes one request header to its column, or into http_request_headers. Credentials
 * (Authorization) are dropped: Vigil stores traffic for analysis, not secrets to replay.
 */
export function applyRequestHeader(ev: HttpEvent, rawName: string, value: string, options: ParserOptions): void {
  const name = rawName.toLowerCase()
  switch (name) {
    case 'user-agent':
      ev.user_agent_original = value
      return
    case 'referer':
    case 'referrer':
      ev.http_request_referrer = value
      return
    case 'x-forwarded-for':
      ev.http_x_forwarded_for = value
      return
    case 'content-type':
      ev.http_request_content_type = value
      return
    case 'host':
    case ':authority':
      if (ev.url_domain === null) ev.url_domain = hostWithoutPort(value)
      return
    case 'content-length': {
      const n = parseCount(value.trim())
      if (!Number.isNaN(n)) ev.http_request_bytes = n
      return
    }
    case 'cookie': {
      const sid = sessionFromCookies(value, options.sessionCookies)
      if (sid !== null && ev.session_id === null) ev.session_id = sid
      setHeader(ev, name, value)
      return
    }
    case 'authorization':
    case 'proxy-authorization':
      return
    default:
      if (name.includes('ja4')) ev.tls_client_ja4 = value
      else if (name.includes('ja3')) ev.tls_client_ja3 = value
      else setHeader(ev, name, value)
  }
}

function isPlainHost(host: string): boolean {
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i)
    if ((c >= 65 && c <= 90) || c === 58 || c === 32 || c === 91 || c === 9) return false
  }
  return host.length > 0
}

export function hostWithoutPort(host: string): string {
  if (isPlainHost(host)) return host
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) {
    const close = h.indexOf(']')
    return close > 0 ? h.slice(1, close) : h
  }
  const colon = h.indexOf(':')
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h
}

/**
 * `ip:port` as ALB and Envoy write it: always with a port, IPv6 either bracketed or bare
 * (`2001:db8::1:443`), so the last colon separates the port. Port null when there is none.
 */
export function splitHostPort(s: string): { host: string; port: number | null } {
  if (s.startsWith('[')) {
    const close = s.indexOf(']')
    if (close > 0) {
      const port = s[close + 1] === ':' ? parseCount(s.slice(close + 2)) : Number.NaN
      return { host: s.slice(1, close), port: Number.isNaN(port) ? null : port }
    }
  }
  const colon = s.lastIndexOf(':')
  const port = colon < 0 ? Number.NaN : parseCount(s.slice(colon + 1))
  return Number.isNaN(port) ? { host: s, port: null } : { host: s.slice(0, colon), port }
}

/** An appended `key=value` field a shop's log_format names: how it fills its column. */
interface ExtraField {
  /** Fills the column; false when the value does not parse, so that it is kept as a label. */
  readonly apply: (ev: HttpEvent, value: string) => boolean
  /** The nginx `log_format` variable that fills the same column, where nginx has one. */
  readonly variable: string | null
}

function field(variable: string | null, apply: (ev: HttpEvent, value: string) => boolean | void): ExtraField {
  return { variable, apply: (ev, value) => apply(ev, value) !== false }
}

const REQUEST_TIME = field('request_time', (ev, value) => {
  const v = parseSeconds(value)
  if (Number.isNaN(v)) return false
  ev.event_duration = v
})
const UPSTREAM_TIME = field('upstream_response_time', (ev, value) => {
  const v = parseUpstreamSeconds(value)
  if (Number.isNaN(v)) return false
  ev.upstream_duration = v
})
const USER = field(null, (ev, value) => { ev.user_name = value })
const DEVICE = field(null, (ev, value) => { ev.device_id = value })

/**
 * The appended fields of nginx/Apache lines (DESIGN.md §2) by key: short keys are the ones
 * shops use in their log_format. One table, so that the ingest hint's suggested format
 * names the same columns the parser fills. A Map, because a key is untrusted text.
 */
const EXTRA_FIELDS: ReadonlyMap<string, ExtraField> = new Map([
  ['rt', REQUEST_TIME],
  ['request_time', REQUEST_TIME],
  ['urt', UPSTREAM_TIME],
  ['upstream_response_time', UPSTREAM_TIME],
  ['host', field('host', (ev, value) => { ev.url_domain = hostWithoutPort(value) })],
  ['xff', field('http_x_forwarded_for', (ev, value) => { ev.http_x_forwarded_for = value })],
  ['sid', field('cookie_sid', (ev, value) => { ev.session_id = value })],
  ['session', field('cookie_session', (ev, value) => { ev.session_id = value })],
  ['ja4', field('http_x_ja4', (ev, value) => { ev.tls_client_ja4 = value })],
  ['ja3', field('http_x_ja3', (ev, value) => { ev.tls_client_ja3 = value })],
  ['uid', USER],
  ['user', USER],
  ['dev', DEVICE],
  ['device', DEVICE],
  ['did', DEVICE],
  ['ct', field('content_type', (ev, value) => { ev.http_request_content_type = value })],
])

/** The nginx variable that fills the column an appended field of this key fills, if any. */
export function extraFieldVariable(key: string): string | null {
  return EXTRA_FIELDS.get(key)?.variable ?? null
}

/** Fills the column an appended `key=value` field names; unknown keys and unparsed values go to labels. */
export function applyExtraField(ev: HttpEvent, key: string, value: string, options: ParserOptions): void {
  if (value === '-' || value.length === 0) return
  const known = EXTRA_FIELDS.get(key)
  if (known !== undefined) {
    if (!known.apply(ev, value)) setLabel(ev, key, value)
  } else if (options.sessionCookies.includes(key)) ev.session_id = value
  else setLabel(ev, key, value)
}

export function boundBody(body: string | null): string | null {
  return body !== null && body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body
}
