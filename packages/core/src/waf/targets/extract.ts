/**
 * Splits a request into the values an attacker controls, each named by where it came
 * from (`args:id`, `body:json:user.name`, `header:user-agent`), within the size limits.
 * @module
 */
import type { TargetKind } from '../detectors/finding.ts'
import type { WafLimits } from '../limits.ts'
import type { WafRequest } from '../types.ts'
import { parseMultipart } from './multipart.ts'
import { collectJson } from './json.ts'
import { collectXmlText } from './xml.ts'

export interface Target {
  name: string
  kind: TargetKind
  /** As received (form values already have `+` as space); the engine decodes it. */
  raw: string
  /** Lower-case header name for header targets, so rules can pick headers. */
  header: string | null
}

export interface Extracted {
  targets: Target[]
  truncated: string[]
  headers: Record<string, string>
  /** The raw path and query, before decoding, for protocol checks. */
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

export class TargetSink {
  readonly targets: Target[] = []
  readonly truncated = new Set<string>()
  #params = 0
  constructor(readonly limits: WafLimits) {}

  add(name: string, kind: TargetKind, raw: string, header: string | null = null): void {
    if (raw.length === 0) return
    if (this.targets.length >= this.limits.maxTargets) {
      this.truncated.add('targets')
      return
    }
    let value = raw
    if (value.length > this.limits.maxValueBytes) {
      this.truncated.add(name)
      value = value.slice(0, this.limits.maxValueBytes)
    }
    this.targets.push({ name, kind, raw: value, header })
  }

  /** Counts a parameter; false once the limit is reached (and flags it). */
  param(): boolean {
    if (++this.#params > this.limits.maxParams) {
      this.truncated.add('params')
      return false
    }
    return true
  }
}

/** `a=1&b=2` with `+` as space; names and values stay percent-encoded for the decoder. */
export function addUrlEncoded(sink: TargetSink, text: string, prefix: string, kind: 'arg' | 'form' = 'arg'): void {
  let start = 0
  while (start <= text.length) {
    let amp = text.indexOf('&', start)
    if (amp < 0) amp = text.length
    const pair = text.slice(start, amp)
    start = amp + 1
    if (pair === '') continue
    if (!sink.param()) return
    const eq = pair.indexOf('=')
    const name = (eq < 0 ? pair : pair.slice(0, eq)).replaceAll('+', ' ')
    const value = eq < 0 ? '' : pair.slice(eq + 1).replaceAll('+', ' ')
    const label = safeName(name)
    sink.add(`${prefix}-name:${label}`, 'arg-name', name)
    sink.add(`${prefix}:${label}`, kind, value)
  }
}

/**
 * A raw `&gt;` or `&#40;` in a query splits the parameter where the application's HTML
 * decoding would rejoin it, so the whole string is inspected too.
 */
function addIfEntitySplit(sink: TargetSink, text: string, name: string): void {
  if (/&(?:[a-z]{2,8}(?:;|%3b)|#\d)/i.test(text)) sink.add(name, 'arg', text.replaceAll('+', ' '))
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

/** `header:<name>` labels, kept for the names seen most (a bounded map: names are chosen by clients). */
const HEADER_LABELS = new Map<string, string>()
const MAX_HEADER_LABELS = 256

function headerLabel(name: string): string {
  let label = HEADER_LABELS.get(name)
  if (label === undefined) {
    label = `header:${name}`
    if (HEADER_LABELS.size < MAX_HEADER_LABELS) HEADER_LABELS.set(name, label)
  }
  return label
}

function headerValue(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(', ') : (v ?? '')
}

function decodeBody(req: WafRequest): string {
  if (req.body === undefined) return ''
  if (req.body_encoding !== 'base64') return req.body
  try {
    const binary = atob(req.body)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return new TextDecoder('utf-8').decode(bytes)
  } catch {
    return req.body
  }
}

export function extractTargets(req: WafRequest, limits: WafLimits): Extracted {
  const sink = new TargetSink(limits)
  const headers: Record<string, string> = {}
  let headerBytes = 0
  const given = req.headers ?? {}
  for (const k of Object.keys(given)) {
    const name = k.toLowerCase()
    let value = headerValue(given[k])
    headerBytes += name.length + value.length
    if (headerBytes > limits.maxHeaderBytes * 8) {
      sink.truncated.add('headers')
      break
    }
    if (value.length > limits.maxHeaderBytes) {
      sink.truncated.add(`header:${name}`)
      value = value.slice(0, limits.maxHeaderBytes)
    }
    headers[name] = value
  }

  let uri = req.uri
  const scheme = uri.indexOf('://')
  if (scheme >= 0 && scheme < 10) {
    const slash = uri.indexOf('/', scheme + 3)
    uri = slash < 0 ? '/' : uri.slice(slash)
  }
  const hash = uri.indexOf('#')
  if (hash >= 0) uri = uri.slice(0, hash)
  const q = uri.indexOf('?')
  const rawPath = q < 0 ? uri : uri.slice(0, q)
  const rawQuery = q < 0 ? '' : uri.slice(q + 1)
  sink.add('path', 'path', rawPath)
  if (rawQuery !== '') addUrlEncoded(sink, rawQuery, 'args')
  addIfEntitySplit(sink, rawQuery, 'args')

  for (const name of Object.keys(headers)) {
    const value = headers[name]!
    if (name === 'cookie') {
      for (const part of value.split(';')) {
        if (!sink.param()) break
        const eq = part.indexOf('=')
        const cname = (eq < 0 ? part : part.slice(0, eq)).trim()
        sink.add(`cookie:${cname.slice(0, 64)}`, 'cookie', eq < 0 ? '' : part.slice(eq + 1).trim(), 'cookie')
      }
    } else {
      const structured = STRUCTURED_HEADERS.has(name) || name.startsWith('sec-')
      sink.add(headerLabel(name), structured ? 'structured-header' : 'header', value, name)
    }
  }

  let body = decodeBody(req)
  if (body.length > limits.maxBodyBytes) {
    sink.truncated.add('body')
    body = body.slice(0, limits.maxBodyBytes)
  }
  if (body.length > 0) addBody(sink, body, headers['content-type'] ?? '')

  return { targets: sink.targets, truncated: [...sink.truncated], headers, rawPath, rawQuery }
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
    addUrlEncoded(sink, body, 'body:form', 'form')
    addIfEntitySplit(sink, body, 'body:form')
    return
  } else if (contentType.includes('xml') || trimmed.startsWith('<?xml') || trimmed.startsWith('<!DOCTYPE') || trimmed.startsWith('<soap')) {
    sink.add('body:xml', 'xml', body)
    collectXmlText(sink, body)
    return
  }
  sink.add('body', 'body', body)
}
