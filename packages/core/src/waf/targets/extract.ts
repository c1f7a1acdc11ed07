/**
 * Splits a request into the values an attacker controls, each named by where it came
 * from (`args:id`, `body:json:user.name`, `header:user-agent`), within the size limits,
 * and hands each to a visitor as it is found (no list of targets is built).
 * @module
 */
import type { TargetKind } from '../detectors/finding.ts'
import type { WafLimits } from '../limits.ts'
import type { WafRequest } from '../types.ts'
import { parseMultipart } from './multipart.ts'
import { collectJson, walkJson, walksLikeItsJson } from './json.ts'
import { collectXmlText } from './xml.ts'

/**
 * Receives each target as it is found: where it came from (a prefix such as `args:` or
 * `header:` and a label; see targetName), its kind, its value as received (the engine
 * decodes it) and, for headers, the lower-case header name, so rules can pick headers.
 * An `encoded` target comes from urlencoded text (a query, a form body): its value and
 * label are as sent, `+` still standing for a space (see formText), so that a value
 * already in the finding cache is looked up without building its converted copy. Nothing
 * is built for a target unless needed.
 */
export type TargetVisitor = (prefix: string, label: string, encoded: boolean, kind: TargetKind, raw: string, header: string | null) => void

/**
 * A target's name, e.g. `args:id`, `body:json:user.name`, `header:user-agent`. An
 * `encoded` label is a parameter name as sent, decoded here for people to read.
 */
export function targetName(prefix: string, label: string, encoded: boolean): string {
  return prefix + (encoded ? safeName(formText(label)) : label)
}

/** What protocol checks read, known before any target is visited. */
export interface RequestHead {
  headers: Record<string, string>
  /** The raw path and query, before decoding. */
  rawPath: string
  rawQuery: string
}

/**
 * Headers whose values are structured by the browser, not typed by a user. They are
 * still inspected, but only for header-borne attacks (Log4Shell, CRLF), so that
 * an `Accept` list or a `Sec-CH-UA` list cannot look like an injection.
 */
const STRUCTURED_HEADERS = new Set([
  'accept', 'accept-encoding', 'accept-language', 'cache-control', 'connection', 'content-length',
  'content-type', 'host', 'pragma', 'upgrade-insecure-requests', 'if-none-match', 'if-modified-since',
  'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-site', 'sec-fetch-mode',
  'sec-fetch-user', 'sec-fetch-dest', 'priority', 'te', 'dnt', 'authorization', 'content-encoding',
  'transfer-encoding', 'keep-alive', 'origin', 'sec-websocket-key', 'sec-websocket-version',
  'sec-websocket-extensions', 'sec-purpose', 'purpose', 'x-requested-with', 'soapaction',
])

/** A part of a request made of many targets: a cookie header, a query string. */
export type PartKind = 'cookie' | 'query'

/**
 * Parts of requests in which nothing was found, with what reading them counts: a visit's
 * cookie header and a page's query string come back whole, request after request.
 */
export interface PartMemo {
  /** The tally (see TargetSink.part) of a part known to hold nothing; undefined when unknown. */
  get(text: string, kind: PartKind): number | undefined
  /** A part just read in full without a finding or a cut, and its tally (the memo may keep it or not). */
  offer(text: string, kind: PartKind, tally: number): void
}

/** Longest part a memo is asked about: its targets' values are at most this long too. */
const PART_MAX = 512

export class TargetSink {
  #truncated: Set<string> | null = null
  #params = 0
  #targets = 0
  /** Every cut noted, repeats included: a part read with one is not offered to the memo. */
  #cuts = 0
  /** Targets with findings so far in this request, counted by the visitor. */
  findings = 0
  /** Values read so far in this request that the visitor saw for the first time (see part). */
  fresh = 0
  constructor(
    readonly limits: WafLimits,
    readonly visit: TargetVisitor,
    readonly memo: PartMemo | null = null,
  ) {}

  /** Notes that a limit cut something short (`body`, `params`, a target's name, …). */
  flag(what: string): void {
    this.#cuts++
    this.#truncated ??= new Set()
    this.#truncated.add(what)
  }

  /**
   * Reads a part made of many targets with `read`, unless the memo knows it holds nothing:
   * then it only counts the part's parameters and targets, as reading it would have (which
   * the limits of the parts after it depend on). Exact, since what is found in a target
   * depends only on its value and kind: a part whose values are all whole (shorter than
   * `maxValueBytes`) and whose counts stay within the limits reads the same every time.
   * The tally packs the parameters above the low 16 bits and the targets in them.
   */
  part(kind: PartKind, text: string, read: (sink: TargetSink, text: string) => void): void {
    const memo = this.memo
    if (memo === null || text.length > PART_MAX || text.length > this.limits.maxValueBytes) {
      read(this, text)
      return
    }
    const tally = memo.get(text, kind)
    if (tally !== undefined) {
      const params = this.#params + (tally >>> 16)
      const targets = this.#targets + (tally & 0xffff)
      if (params <= this.limits.maxParams && targets <= this.limits.maxTargets) {
        this.#params = params
        this.#targets = targets
        return
      }
    }
    const params = this.#params
    const targets = this.#targets
    const findings = this.findings
    const cuts = this.#cuts
    const fresh = this.fresh
    read(this, text)
    // A part holding a value seen for the first time is new itself (a new search in a page's query
    // string): not offering it spares its fingerprint, and the memo's table of parts seen once keeps
    // room for parts that come back, which are offered from their next sighting on.
    if (this.findings === findings && this.#cuts === cuts && this.fresh === fresh) memo.offer(text, kind, ((this.#params - params) << 16) | (this.#targets - targets))
  }

  /** What was flagged, in the order first flagged. */
  flagged(): string[] {
    return this.#truncated === null ? [] : [...this.#truncated]
  }

  /** Ready for the next request: an engine inspects one request at a time, so one sink serves them all. */
  reset(): void {
    this.#truncated = null
    this.#params = 0
    this.#targets = 0
    this.#cuts = 0
    this.findings = 0
    this.fresh = 0
  }

  add(prefix: string, label: string, kind: TargetKind, raw: string, header: string | null = null, encoded = false): void {
    if (raw.length === 0) return
    if (this.#targets >= this.limits.maxTargets) {
      this.flag('targets')
      return
    }
    this.#targets++
    let value = raw
    if (raw.length > this.limits.maxValueBytes) {
      this.flag(targetName(prefix, label, encoded))
      value = raw.slice(0, this.limits.maxValueBytes)
    }
    this.visit(prefix, label, encoded, kind, value, header)
  }

  /** Counts a parameter; false once the limit is reached (and flags it). */
  param(): boolean {
    if (++this.#params > this.limits.maxParams) {
      this.flag('params')
      return false
    }
    return true
  }
}

/**
 * Urlencoded text as its application reads it before percent-decoding: `+` as space,
 * joining the slices between the `+`s (cheaper than a global regex's replace, itself
 * measured cheaper than replaceAll). The length is unchanged, so a limit cut before or
 * after it cuts the same characters.
 */
export function formText(s: string): string {
  let i = s.indexOf('+')
  if (i < 0) return s
  let out = ''
  let last = 0
  for (; i >= 0; i = s.indexOf('+', i + 1)) {
    out += s.slice(last, i) + ' '
    last = i + 1
  }
  return out + s.slice(last)
}

/** `a=1&b=2`, names and values as sent (`encoded`: the engine reads `+` as space and decodes them). */
export function addUrlEncoded(sink: TargetSink, text: string, prefix: 'args' | 'body:form', kind: 'arg' | 'form' = 'arg'): void {
  // Picked by a comparison, not by destructuring a table's pair: that goes through the iterator protocol per call.
  const namePrefix = prefix === 'args' ? 'args-name:' : 'body:form-name:'
  const valuePrefix = prefix === 'args' ? 'args:' : 'body:form:'
  for (let start = 0; start <= text.length; ) {
    let amp = text.indexOf('&', start)
    if (amp < 0) amp = text.length
    if (amp === start) {
      start = amp + 1
      continue
    }
    if (!sink.param()) return
    let eq = text.indexOf('=', start)
    if (eq > amp) eq = -1
    const name = text.slice(start, eq < 0 ? amp : eq)
    const value = eq < 0 ? '' : text.slice(eq + 1, amp)
    sink.add(namePrefix, name, 'arg-name', name, null, true)
    sink.add(valuePrefix, name, kind, value, null, true)
    start = amp + 1
  }
}

/**
 * A raw `&gt;` or `&#40;` in a query splits the parameter where the application's HTML
 * decoding would rejoin it, so the whole string is inspected too.
 */
const ENTITY_SPLIT = /&(?:[a-z]{2,8}(?:;|%3b)|#\d)/i
function addIfEntitySplit(sink: TargetSink, text: string, name: string): void {
  // Every match holds a `;`, a `%3b` or a `#`: three memchr scans turn away almost every
  // query before the regex walks it from each `&` (measured 2% of a cached request).
  if (!text.includes(';') && !text.includes('#') && !text.includes('%3')) return
  // A literal here would build a RegExp object per call; `test` on a non-global one keeps no state.
  if (ENTITY_SPLIT.test(text)) sink.add(name, '', 'arg', text, null, true)
}

/** A query string's parameters, and the whole of it where HTML entities split it. */
function addQuery(sink: TargetSink, text: string): void {
  addUrlEncoded(sink, text, 'args')
  addIfEntitySplit(sink, text, 'args')
}

/** Names in target labels are bounded and percent-decoded once, for people to read. */
function safeName(name: string): string {
  let n = name.slice(0, 64)
  try {
    n = decodeURIComponent(n)
  } catch {
    // Not valid percent-encoding: keep it as sent.
  }
  return n
}

function headerValue(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(', ') : (v ?? '')
}

/**
 * The UTF-16 byte order of a body that is UTF-16 text: by its byte-order mark, or, as JSON
 * parsers detect it (RFC 4627, section 3: the first two characters are ASCII), by a zero byte
 * after or before each of its first two; null for any other body.
 */
function utf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4) return null
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le'
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be'
  return null
}

// Decoding is stateless without `stream`, so one decoder per encoding serves every body.
const UTF8 = new TextDecoder('utf-8')
const UTF16LE = new TextDecoder('utf-16le')
const UTF16BE = new TextDecoder('utf-16be')

/** A body's bytes as the text an application's parser reads: UTF-16 when they are (see utf16), else UTF-8. */
export function bodyText(bytes: Uint8Array): string {
  const order = utf16(bytes)
  return (order === 'utf-16le' ? UTF16LE : order === 'utf-16be' ? UTF16BE : UTF8).decode(bytes)
}

function decodeBody(req: WafRequest): string {
  if (req.body === undefined) return ''
  if (req.body_encoding !== 'base64') return req.body
  try {
    const binary = atob(req.body)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return bodyText(bytes)
  } catch {
    return req.body
  }
}

/**
 * The request's headers with lower-case names and string values, each within the header
 * limits: the object given when it already is that (as Node's parser builds it), else a copy.
 */
function readHeaders(given: Record<string, string | string[] | undefined>, sink: TargetSink, limits: WafLimits): Record<string, string> {
  let bytes = 0
  let asGiven = true
  for (const k in given) {
    const v = given[k]
    // Measured (6 browser headers): 100 ns where a loop over each name's characters and
    // Object.hasOwn took 240. toLowerCase returns a lower-case name itself, building nothing,
    // and V8 answers hasOwnProperty inside a for-in over an object's own keys without a lookup.
    if (typeof v !== 'string' || v.length > limits.maxHeaderBytes || k.toLowerCase() !== k || !Object.prototype.hasOwnProperty.call(given, k)) {
      asGiven = false
      break
    }
    bytes += k.length + v.length
  }
  if (asGiven && bytes <= limits.maxHeaderBytes * 8) return given as Record<string, string>
  const headers: Record<string, string> = {}
  bytes = 0
  for (const k of Object.keys(given)) {
    const name = k.toLowerCase()
    let value = headerValue(given[k])
    bytes += name.length + value.length
    if (bytes > limits.maxHeaderBytes * 8) {
      sink.flag('headers')
      break
    }
    if (value.length > limits.maxHeaderBytes) {
      sink.flag(`header:${name}`)
      value = value.slice(0, limits.maxHeaderBytes)
    }
    headers[name] = value
  }
  return headers
}

/**
 * `a=1; b=2`: each cookie a parameter, named by its trimmed name. The name is a value too: PHP
 * url-decodes it into `$_COOKIE`'s keys, which applications loop over, and a cookie without `=`
 * is a name alone to PHP; a client, not a browser's page, chooses it (`<script>…=1`, `/etc/passwd=x`).
 */
function addCookies(sink: TargetSink, value: string): void {
  for (let start = 0; start <= value.length; ) {
    let end = value.indexOf(';', start)
    if (end < 0) end = value.length
    if (!sink.param()) return
    let eq = value.indexOf('=', start)
    if (eq > end) eq = -1
    // Cookies are joined by `; `: a slice past that space is often trimmed already, and trim then returns it as is.
    const name = (value.charCodeAt(start) === 32 ? value.slice(start + 1, eq < 0 ? end : eq) : value.slice(start, eq < 0 ? end : eq)).trim()
    const label = name.length > 64 ? name.slice(0, 64) : name
    sink.add('cookie-name:', label, 'cookie', name, 'cookie')
    if (eq >= 0) sink.add('cookie:', label, 'cookie', value.slice(eq + 1, end).trim(), 'cookie')
    start = end + 1
  }
}

/**
 * Headers in which AJAX uploaders (Fine Uploader's `X-File-Name`, others' `X-Filename`) send the
 * name of a file posted as the raw body: the name the server stores it under, read as a multipart
 * part's file name is.
 */
const FILENAME_HEADERS = new Set(['x-filename', 'x_filename', 'x.filename', 'x-file-name'])

/** Reads the headers (within the limits) and splits the URI into path and query. */
export function readHead(req: WafRequest, sink: TargetSink): RequestHead {
  const headers = readHeaders(req.headers ?? {}, sink, sink.limits)
  let uri = req.uri
  const scheme = uri.indexOf('://')
  if (scheme >= 0 && scheme < 10) {
    const slash = uri.indexOf('/', scheme + 3)
    uri = slash < 0 ? '/' : uri.slice(slash)
  }
  const hash = uri.indexOf('#')
  if (hash >= 0) uri = uri.slice(0, hash)
  const q = uri.indexOf('?')
  return { headers, rawPath: q < 0 ? uri : uri.slice(0, q), rawQuery: q < 0 ? '' : uri.slice(q + 1) }
}

/** Hands every value an attacker controls to the sink: path, query, headers and cookies, then the body. */
export function visitTargets(req: WafRequest, head: RequestHead, sink: TargetSink): void {
  const { headers, rawPath, rawQuery } = head
  const limits = sink.limits
  sink.add('path', '', 'path', rawPath)
  if (rawQuery !== '') sink.part('query', rawQuery, addQuery)

  for (const name in headers) {
    const value = headers[name]!
    if (name === 'cookie') sink.part('cookie', value, addCookies)
    else sink.add('header:', name, FILENAME_HEADERS.has(name) ? 'filename' : STRUCTURED_HEADERS.has(name) || name.startsWith('sec-') ? 'structured-header' : 'header', value, name)
  }

  const contentType = headers['content-type'] ?? ''
  if (req.body === undefined && req.parsedBody !== undefined && takesJson(contentType) && walksLikeItsJson(req.parsedBody, limits.maxBodyBytes)) {
    walkJson(sink, req.parsedBody)
  } else {
    let body = req.body === undefined ? serialize(req.parsedBody) : decodeBody(req)
    if (body.length > limits.maxBodyBytes) {
      sink.flag('body')
      body = body.slice(0, limits.maxBodyBytes)
    }
    if (body.length > 0) addBody(sink, body, contentType)
  }
}

/** A body that is JSON text goes to collectJson under this content type (see addBody). */
function takesJson(rawContentType: string): boolean {
  const contentType = rawContentType.toLowerCase()
  return !contentType.includes('multipart/form-data') && (contentType.includes('json') || !contentType.includes('x-www-form-urlencoded'))
}

/** A parsed body as JSON text, as the application would have received it; empty when it has none. */
function serialize(parsed: unknown): string {
  if (parsed === undefined) return ''
  try {
    return JSON.stringify(parsed) ?? ''
  } catch {
    return ''
  }
}

function addBody(sink: TargetSink, body: string, rawContentType: string): void {
  const trimmed = body.trimStart()
  const contentType = rawContentType.toLowerCase()
  if (contentType.includes('multipart/form-data')) {
    // The boundary is case-sensitive, so it is read from the header as sent.
    const m = /boundary=(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(rawContentType)
    const boundary = m?.[1] ?? m?.[2]
    if (boundary !== undefined && parseMultipart(sink, body, boundary)) return
  } else if (contentType.includes('json') || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && !contentType.includes('x-www-form-urlencoded'))) {
    if (collectJson(sink, body)) return
  } else if (contentType.includes('x-www-form-urlencoded')) {
    // A JSON document sent as a form (to skip a CORS preflight, or past a WAF that reads forms
    // only) reaches an application that parses its raw body as JSON: it is read as the JSON it is.
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && collectJson(sink, body)) return
    addUrlEncoded(sink, body, 'body:form', 'form')
    addIfEntitySplit(sink, body, 'body:form')
    return
  } else if (contentType.includes('xml') || trimmed.startsWith('<?xml') || trimmed.startsWith('<!DOCTYPE') || trimmed.startsWith('<soap')) {
    sink.add('body:xml', '', 'xml', body)
    collectXmlText(sink, body)
    return
  }
  sink.add('body', '', 'body', body)
}
