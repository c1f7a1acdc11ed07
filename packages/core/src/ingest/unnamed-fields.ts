/**
 * Fields an access log carries beyond the ones its detected format names. A shop's nginx
 * `log_format` is often `combined` plus a few variables (request time, a session cookie, a
 * TLS fingerprint header); auto-detection reads it as `combined` and those values land in
 * `labels.field_N`, where no detector looks. This module records them while a file is
 * parsed and turns what it saw into a report: how many lines, a sample of each field, what
 * its values look like, and a `--format 'nginx:…'` string that names them, checked by
 * parsing a line of the file with it.
 *
 * Shapes are guesses for the user to confirm; only a JA4 fingerprint is unambiguous enough
 * to be stored in its column at ingest (`isJa4`). A session id is never taken from shape.
 * @module
 */
import type { HttpEvent } from '../events/http-event.ts'
import type { ParserOptions } from './parser.ts'
import { createNginxFormatParser } from './parsers/nginx-format.ts'
import { extraFieldVariable } from './parsers/http-fields.ts'
import { clip } from '../util/clip.ts'

/** What a field's values look like, each value judged alone. */
export type FieldShape = 'seconds' | 'ja4' | 'ja3' | 'token' | 'other'

export interface UnnamedField {
  /**
   * The label the values are stored under, e.g. `field_4`; null for the third quoted field,
   * which `combined` reads as X-Forwarded-For (`column`), when most of its values are not addresses.
   */
  label: string | null
  /** Lines with a value in this field (a `-` is no value). */
  lines: number
  /** The first value seen, at most 64 characters. */
  sample: string
  /** The shape of at least 9 in 10 sampled values, else `other`. */
  shape: FieldShape
  /** The nginx variable the suggested format gives it, `$` included. */
  variable: string
  /** A column the values are stored in besides the label (JA4), or instead of one (X-Forwarded-For). */
  column: 'tls_client_ja4' | 'http_x_forwarded_for' | null
}

export interface UnnamedFieldsReport {
  /** Lines with at least one unnamed field (or a value not an address where X-Forwarded-For is expected). */
  lines: number
  fields: UnnamedField[]
  /** `nginx:<log_format>` that names every field, or null when none parses a line of the file as it was read. */
  format: string | null
}

/** One token after the byte count of a combined line, in order; `slot` counts the bare (unnamed-by-key) ones from 0. */
export type TrailingToken = { kind: 'quoted' | 'bare'; slot: number } | { kind: 'pair'; key: string; quoted: boolean }

// Anchored, no nested or overlapping quantifiers: linear in the value (JA4 is also fixed-length).
const JA4 = /^[tqd](?:1[0-3]|s[23]|d[1-3]|00)[di]\d{4}[0-9A-Za-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$/
const JA3_HASH = /^[0-9a-f]{32}$/
// version,ciphers,extensions,curves,point formats: decimal lists; ',' is outside the class, so each run ends at one place.
const JA3_TEXT = /^\d{1,5},[\d-]*,[\d-]*,[\d-]*,[\d-]*$/
const SECONDS = /^\d{1,9}\.\d{1,6}$/
// Opaque tokens (base64url, hex, signed cookies like express's `s%3A…`): no spaces, no slashes.
const TOKEN = /^[A-Za-z0-9._~+=%:-]{16,512}$/
const DIGIT = /\d/
const JA4_LENGTH = 36
const MAX_JA3_TEXT = 4096
/** Values per field whose shape is judged; the count of lines goes on past it. */
const SHAPE_SAMPLE = 1_000
/** A field takes the shape of this share of its sampled values: a logged-out `deleted` cookie must not hide the tokens. */
const SHAPE_SHARE = 0.9
const SHAPES: readonly FieldShape[] = ['seconds', 'ja4', 'ja3', 'token', 'other']
const MAX_SAMPLE_CHARS = 64

/**
 * A JA4 TLS client fingerprint (`t13d1516h2_8daaf6152771_e5627efa2ab1`), strictly: protocol
 * (TLS, QUIC, DTLS), version (1.0–1.3, SSL 2 and 3, DTLS 1.0–1.3 as `d1`–`d3`, unknown `00`),
 * SNI or not, cipher and extension counts, the ALPN's first and last characters, then two
 * 12-digit hashes. Raw (`_r`, `_o`) forms are not.
 */
export function isJa4(value: string): boolean {
  return value.length === JA4_LENGTH && JA4.test(value)
}

export function shapeOf(value: string): FieldShape {
  if (isJa4(value)) return 'ja4'
  if (SECONDS.test(value)) return 'seconds'
  if (JA3_HASH.test(value) || (value.length <= MAX_JA3_TEXT && JA3_TEXT.test(value))) return 'ja3'
  // A host name has this alphabet too, but dots between words and rarely a digit.
  if (TOKEN.test(value) && (DIGIT.test(value) || !value.includes('.'))) return 'token'
  return 'other'
}

/** The cookie name the user must put in place of this one. */
export const COOKIE_PLACEHOLDER = 'NAME'

/**
 * The nginx variable each shape stands for, in the order the fields come: the first
 * fractional seconds are nginx's own `$request_time` (it is the one `combined` lacks), a
 * second are the upstream's; fingerprints come in headers a TLS terminator adds.
 */
const VARIABLES: Record<Exclude<FieldShape, 'other'>, readonly string[]> = {
  seconds: ['request_time', 'upstream_response_time'],
  ja4: ['http_x_ja4'],
  ja3: ['http_x_ja3'],
  token: [`cookie_${COOKIE_PLACEHOLDER}`],
}

const HEAD = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent'
const NAMED_SLOTS = ['http_referer', 'http_user_agent', 'http_x_forwarded_for']
/** The N the third quoted field's values would have as a label. */
const FORWARDED_N = 3
/** Columns a line must fill alike under the suggested format and under `combined`. */
const COMPARED: readonly (keyof HttpEvent)[] = [
  'ts', 'source_ip', 'user_name', 'http_request_method', 'url_original', 'http_version',
  'http_response_status_code', 'http_response_bytes', 'http_request_referrer', 'user_agent_original',
]

interface FieldStats {
  lines: number
  sample: string
  checked: number
  /** Sampled values per shape, in the order of SHAPES. */
  shapes: number[]
}

function newStats(value: string): FieldStats {
  const sample = clip(value, MAX_SAMPLE_CHARS)
  return { lines: 0, sample, checked: 0, shapes: SHAPES.map(() => 0) }
}

function countValue(s: FieldStats, value: string): void {
  s.lines++
  if (s.checked < SHAPE_SAMPLE) {
    s.shapes[SHAPES.indexOf(shapeOf(value))]!++
    s.checked++
  }
}

/**
 * What X-Forwarded-For holds: addresses (IPv4, IPv6, with a port or bracketed) or `unknown`,
 * separated by commas. Judged by alphabet (hex digits, `.`, `:`, brackets) and a `.` or `:`
 * in every part, so a hex session id is not one.
 */
export function isAddressList(v: string): boolean {
  let start = 0
  while (start <= v.length) {
    let end = v.indexOf(',', start)
    if (end < 0) end = v.length
    let a = start
    let b = end
    while (a < b && v.charCodeAt(a) === 32) a++
    while (b > a && v.charCodeAt(b - 1) === 32) b--
    if (!(b - a === 7 && v.startsWith('unknown', a))) {
      let separator = false
      for (let i = a; i < b; i++) {
        const c = v.charCodeAt(i)
        if (c === 46 || c === 58) separator = true
        else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 91 || c === 93)) return false
      }
      if (!separator) return false
    }
    start = end + 1
  }
  return true
}

function shapeOfField(s: FieldStats | undefined): FieldShape {
  if (s === undefined) return 'other'
  const top = s.shapes.indexOf(Math.max(...s.shapes))
  return s.shapes[top]! >= SHAPE_SHARE * s.checked ? SHAPES[top]! : 'other'
}

/**
 * Records the unnamed fields of one combined-format file. The parser calls `field` for each
 * `field_N` label it sets, `forwardedFor` with the X-Forwarded-For field, and `endLine` after
 * the line; it hands over the line's layout when `endLine` returns true.
 */
export class UnnamedFieldTracker {
  /** By the N of `field_N`. */
  private readonly stats: (FieldStats | undefined)[] = []
  /** The current line's fields (N and value), counted only once the line is stored; reused, as this runs per line. */
  private readonly pendingN: number[] = []
  private readonly pendingValue: string[] = []
  private pending = 0
  private lines = 0
  /** The third quoted field, read as X-Forwarded-For: lines with a value, and the values that are no address list. */
  private forwardedLines = 0
  private forwardedOdd: FieldStats | undefined
  /** Lines whose only odd field was that one. */
  private forwardedOnlyLines = 0
  private forwardedSeen = false
  private pendingForwarded: string | null = null
  private layout: readonly TrailingToken[] = []
  private layoutLine: { line: string; event: HttpEvent } | null = null

  constructor(private readonly options: ParserOptions) {}

  /** `n` is the N of `field_N`. */
  field(n: number, value: string): void {
    this.pendingN[this.pending] = n
    this.pendingValue[this.pending++] = value
  }

  /** The value of the third quoted field, which the format reads as X-Forwarded-For. */
  forwardedFor(value: string): void {
    this.forwardedSeen = true
    if (!isAddressList(value)) this.pendingForwarded = value
  }

  /** True when the line just parsed had odd fields and more trailing tokens than the recorded layout. */
  endLine(trailingTokens: number): boolean {
    if (this.forwardedSeen) {
      this.forwardedSeen = false
      this.forwardedLines++
    }
    const odd = this.pendingForwarded
    if (this.pending === 0 && odd === null) return false
    if (odd !== null) {
      countValue((this.forwardedOdd ??= newStats(odd)), odd)
      if (this.pending === 0) this.forwardedOnlyLines++
      this.pendingForwarded = null
    }
    if (this.pending > 0) {
      for (let i = 0; i < this.pending; i++) {
        const n = this.pendingN[i]!
        const value = this.pendingValue[i]!
        countValue((this.stats[n] ??= newStats(value)), value)
      }
      this.pending = 0
      this.lines++
    }
    return trailingTokens > this.layout.length
  }

  /** The line just parsed was quarantined: its fields are not counted. */
  dropLine(): void {
    this.pending = 0
    this.forwardedSeen = false
    this.pendingForwarded = null
  }

  setLayout(line: string, event: HttpEvent, layout: readonly TrailingToken[]): void {
    this.layout = layout
    this.layoutLine = { line, event }
  }

  report(): UnnamedFieldsReport | null {
    // A few odd values are what clients put in the header; a field that is mostly not addresses is another field.
    const odd = this.forwardedOdd
    const forwarded = odd !== undefined && odd.lines >= SHAPE_SHARE * this.forwardedLines && this.stats[FORWARDED_N] === undefined ? odd : undefined
    const lines = this.lines + (forwarded === undefined ? 0 : this.forwardedOnlyLines)
    if (lines === 0) return null
    const used = new Map<string, number>()
    const variables = new Map<number, string>()
    const fields: UnnamedField[] = []
    // Slots in the order of the line, so the first seconds field is the first one logged.
    const slots: [number, FieldStats | undefined][] = [[FORWARDED_N, forwarded], ...[...this.stats.entries()]]
    for (const [n, s] of slots) {
      if (s === undefined) continue
      const shape = shapeOfField(s)
      const k = used.get(shape) ?? 0
      used.set(shape, k + 1)
      const variable = (shape === 'other' ? undefined : VARIABLES[shape][k]) ?? `field_${n}`
      variables.set(n, variable)
      const column = s === forwarded ? 'http_x_forwarded_for' : shape === 'ja4' ? 'tls_client_ja4' : null
      fields.push({ label: s === forwarded ? null : `field_${n}`, lines: s.lines, sample: s.sample, shape, variable: `$${variable}`, column })
    }
    return { lines, fields, format: this.suggestFormat(variables) }
  }

  private suggestFormat(variables: ReadonlyMap<number, string>): string | null {
    if (this.layoutLine === null) return null
    let format = HEAD
    for (const t of this.layout) {
      if (t.kind === 'pair') {
        const v = `$${extraFieldVariable(t.key) ?? t.key}`
        format += t.quoted ? ` ${t.key}="${v}"` : ` ${t.key}=${v}`
        continue
      }
      const v = `$${variables.get(t.slot + 1) ?? NAMED_SLOTS[t.slot] ?? `field_${t.slot + 1}`}`
      format += t.kind === 'quoted' ? ` "${v}"` : ` ${v}`
    }
    return this.readsAlike(format) ? `nginx:${format}` : null
  }

  /** The suggestion stands only if it reads the recorded line into the same columns `combined` did. */
  private readsAlike(format: string): boolean {
    const { line, event } = this.layoutLine!
    let parser
    try {
      parser = createNginxFormatParser(format, this.options)
    } catch {
      return false
    }
    let alike = false
    parser.feed(line, event.log_line, (r) => {
      alike = r.kind === 'http' && COMPARED.every((k) => r.event[k] === event[k])
    })
    return alike
  }
}
