/**
 * IP address parsing into the numeric forms the lookup tables use: an IPv4 address is
 * one unsigned 32-bit number, an IPv6 address four 32-bit words (most significant
 * first), so lookups compare numbers instead of allocating BigInts. An IPv4-mapped
 * IPv6 address (`::ffff:1.2.3.4`, as Node servers log IPv4 peers) is an IPv4 address.
 * @module
 */
export type ParsedIp = { readonly version: 4; readonly value: number } | {
  readonly version: 6
  readonly words: readonly [number, number, number, number]
}

/** Longest text accepted as an address: a full IPv6 address with an IPv4 tail and a zone id. */
const MAX_IP_TEXT = 64

/** Parses dotted-quad IPv4 strictly (no octal, hex or short forms, which logs never carry). */
export function parseIpv4(text: string): number | null {
  let value = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || dots === 3) return null
      value = value * 256 + part
      part = 0
      digits = 0
      dots++
    } else if (c >= 48 && c <= 57) {
      // A leading zero would be read as octal by some tools and decimal by others.
      if (digits === 1 && part === 0) return null
      part = part * 10 + (c - 48)
      if (++digits > 3 || part > 255) return null
    } else {
      return null
    }
  }
  if (dots !== 3 || digits === 0) return null
  return value * 256 + part
}

/** Parses IPv6 text (RFC 4291 forms, with an optional IPv4 tail and zone id) into eight 16-bit groups. */
export function parseIpv6Groups(text: string): number[] | null {
  const zone = text.indexOf('%')
  const addr = zone >= 0 ? text.slice(0, zone) : text
  const gap = addr.indexOf('::')
  if (gap >= 0 && addr.indexOf('::', gap + 1) >= 0) return null
  const head = parseGroups(gap < 0 ? addr : addr.slice(0, gap), gap < 0)
  const tail = gap < 0 ? [] : parseGroups(addr.slice(gap + 2), true)
  if (head === null || tail === null) return null
  const missing = 8 - head.length - tail.length
  if (gap < 0 ? missing !== 0 : missing < 1) return null
  return [...head, ...new Array<number>(gap < 0 ? 0 : missing).fill(0), ...tail]
}

/** Colon-separated hex groups; the last may be a dotted IPv4 address when `lastMayBeV4`. */
function parseGroups(text: string, lastMayBeV4: boolean): number[] | null {
  if (text === '') return []
  const parts = text.split(':', 9)
  const groups: number[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (i === parts.length - 1 && lastMayBeV4 && part.indexOf('.') >= 0) {
      const v4 = parseIpv4(part)
      if (v4 === null) return null
      groups.push(Math.floor(v4 / 65536), v4 % 65536)
      continue
    }
    if (part.length === 0 || part.length > 4) return null
    let value = 0
    for (let j = 0; j < part.length; j++) {
      const c = part.charCodeAt(j)
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1
      if (digit < 0) return null
      value = value * 16 + digit
    }
    groups.push(value)
  }
  return groups.length > 8 ? null : groups
}

export function parseIp(text: string): ParsedIp | null {
  if (text.length === 0 || text.length > MAX_IP_TEXT) return null
  const v4 = parseIpv4(text)
  if (v4 !== null) return { version: 4, value: v4 }
  if (text.indexOf(':') < 0) return null
  const g = parseIpv6Groups(text)
  if (g === null) return null
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return { version: 4, value: g[6]! * 65536 + g[7]! }
  }
  return { version: 6, words: [g[0]! * 65536 + g[1]!, g[2]! * 65536 + g[3]!, g[4]! * 65536 + g[5]!, g[6]! * 65536 + g[7]!] }
}

/** Dotted-quad text of an IPv4 address value. */
export function formatIpv4(value: number): string {
  return `${Math.floor(value / 16777216)}.${Math.floor(value / 65536) % 256}.${Math.floor(value / 256) % 256}.${value % 256}`
}

/** First and last address of a CIDR block (or a single address), or null when malformed. */
export type ParsedRange =
  | { readonly version: 4; readonly start: number; readonly end: number }
  | {
      readonly version: 6
      readonly start: readonly [number, number, number, number]
      readonly end: readonly [number, number, number, number]
    }

export function parseCidr(text: string): ParsedRange | null {
  const slash = text.indexOf('/')
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash))
  if (ip === null) return null
  const maxBits = ip.version === 4 ? 32 : 128
  let bits = maxBits
  if (slash >= 0) {
    const lenText = text.slice(slash + 1)
    if (!/^\d{1,3}$/.test(lenText)) return null
    bits = Number(lenText)
    // `::ffff:1.2.3.0/120` names an IPv4 block; its prefix counts the 96 mapped bits.
    if (ip.version === 4 && text.indexOf(':') >= 0) bits -= 96
    if (bits < 0 || bits > maxBits) return null
  }
  if (ip.version === 4) {
    const size = 2 ** (32 - bits)
    const start = Math.floor(ip.value / size) * size
    return { version: 4, start, end: start + size - 1 }
  }
  const start = [0, 0, 0, 0] as [number, number, number, number]
  const end = [0, 0, 0, 0] as [number, number, number, number]
  for (let k = 0; k < 4; k++) {
    const wordBits = Math.min(32, Math.max(0, bits - 32 * k))
    const mask = wordBits === 0 ? 0 : (0xffffffff << (32 - wordBits)) >>> 0
    start[k] = (ip.words[k]! & mask) >>> 0
    end[k] = (ip.words[k]! | ~mask) >>> 0
  }
  return { version: 6, start, end }
}

/** Lexicographic comparison of an address against the four words at `offset` in `table`. */
export function compareV6(
  words: readonly [number, number, number, number],
  table: Uint32Array,
  offset: number,
): number {
  for (let k = 0; k < 4; k++) {
    const d = words[k]! - table[offset + k]!
    if (d !== 0) return d
  }
  return 0
}

/** Index of the last entry of sorted `starts` that is <= value, or -1. */
export function findLastAtMostV4(starts: Uint32Array, value: number): number {
  let lo = 0
  let hi = starts.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (starts[mid]! <= value) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

/** As findLastAtMostV4, over four words per entry. */
export function findLastAtMostV6(
  starts: Uint32Array,
  words: readonly [number, number, number, number],
): number {
  let lo = 0
  let hi = starts.length / 4 - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (compareV6(words, starts, mid * 4) >= 0) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}
