/**
 * Timestamp parsing for every log format, all returning epoch milliseconds (UTC) or
 * null. Hand-written where the hot path needs it (CLF), simple anchored patterns
 * elsewhere: none of them can backtrack.
 * @module
 */

const MONTHS: Readonly<Record<string, number>> = Object.freeze({
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
})

function digits(s: string, from: number, count: number): number {
  let n = 0
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

/** Date.UTC without its roll-over: 31 Feb is rejected, not moved into March. */
function utcOrNull(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms)
  return new Date(t).getUTCDate() === d ? t : null
}

/**
 * `10/Oct/2000:13:55:36 -0700` (nginx `$time_local`, Apache `%t` without brackets), also
 * with a fraction of a second (`…:13:55:36.094724 -0700`: Apache's `%{usec_frac}t`, the
 * ModSecurity 2 audit log).
 * @example parseClfTime('10/Oct/2000:13:55:36 -0700') // 971211336000
 */
export function parseClfTime(s: string): number | null {
  let zone = 20
  let ms = 0
  if (s.length !== 26) {
    if (s.charCodeAt(20) !== 46) return null
    zone = s.length - 6
    const places = zone - 21
    if (places < 1 || places > 9 || digits(s, 21, places) < 0) return null
    ms = places >= 3 ? digits(s, 21, 3) : digits(s, 21, places) * 10 ** (3 - places)
  }
  if (s.charCodeAt(2) !== 47 || s.charCodeAt(6) !== 47 || s.charCodeAt(zone) !== 32) return null
  const mo = MONTHS[s.slice(3, 6)]
  const d = digits(s, 0, 2)
  const y = digits(s, 7, 4)
  const h = digits(s, 12, 2)
  const mi = digits(s, 15, 2)
  const sec = digits(s, 18, 2)
  const oh = digits(s, zone + 2, 2)
  const om = digits(s, zone + 4, 2)
  const sign = s[zone + 1] === '-' ? -1 : s[zone + 1] === '+' ? 1 : 0
  if (mo === undefined || y < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || oh < 0 || om < 0 || sign === 0) return null
  if (s[11] !== ':' || s[14] !== ':' || s[17] !== ':') return null
  const t = utcOrNull(y, mo, d, h, mi, sec, ms)
  return t === null ? null : t - sign * (oh * 60 + om) * 60_000
}

// Anchored, no nested or overlapping quantifiers: linear on any input.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * ISO 8601 / RFC 3339: `2026-11-25T10:00:00.123Z`, `2026-11-25 10:00:00+01:00`, a bare date.
 * Without a zone the time is taken as UTC, which is what log shippers mean by it.
 */
export function parseIsoTime(s: string): number | null {
  if (s.length > 40) return null
  const m = ISO.exec(s)
  if (m === null) return null
  const frac = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'))
  const t = utcOrNull(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), frac)
  if (t === null) return null
  const zone = m[8]
  if (zone === undefined || zone === 'Z' || zone === 'z') return t
  const sign = zone[0] === '-' ? -1 : 1
  const rest = zone.slice(1).replace(':', '')
  const oh = Number(rest.slice(0, 2))
  const om = rest.length > 2 ? Number(rest.slice(2)) : 0
  if (oh > 23 || om > 59) return null
  return t - sign * (oh * 60 + om) * 60_000
}

/**
 * A Unix time of unknown unit, told apart by magnitude (seconds up to year 5138,
 * then milliseconds, microseconds, nanoseconds), as Cloudflare and others emit all four.
 */
export function parseEpochTime(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null
  if (n < 1e11) return Math.round(n * 1000)
  if (n < 1e14) return Math.round(n)
  if (n < 1e17) return Math.round(n / 1000)
  if (n < 1e20) return Math.round(n / 1e6)
  return null
}

const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/

/**
 * C asctime, `Wed Nov 25 10:00:00 2026` (ModSecurity's `time_stamp`). It carries no
 * zone; it is read as UTC, so servers logging local time appear shifted by their offset.
 */
export function parseAsctime(s: string): number | null {
  if (s.length > 30) return null
  const m = ASCTIME.exec(s)
  if (m === null) return null
  const mo = MONTHS[m[1]!]
  if (mo === undefined) return null
  return utcOrNull(Number(m[6]), mo, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0)
}

const INTEGER_OR_DECIMAL = /^\d{1,20}(?:\.\d{1,9})?$/

/**
 * Any timestamp a source may carry: a number or digit string (Unix time of any unit),
 * ISO 8601, CLF (with or without brackets) or asctime. Null when none fits.
 * @example parseTimestamp('2026-11-25T10:00:00Z') // 1795600800000
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return parseEpochTime(value)
  if (typeof value !== 'string') return null
  const s = value.trim()
  if (s.length === 0 || s.length > 40) return null
  if (INTEGER_OR_DECIMAL.test(s)) return parseEpochTime(Number(s))
  if (s.startsWith('[') && s.endsWith(']')) return parseClfTime(s.slice(1, -1))
  return parseIsoTime(s) ?? parseClfTime(s) ?? parseAsctime(s)
}
