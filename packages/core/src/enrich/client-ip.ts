/**
 * The real client address behind reverse proxies. X-Forwarded-For and Forwarded are
 * written by whoever sent the request, so they are believed only as far as a chain of
 * configured trusted proxies vouches for them: walk the hops from the right (nearest
 * first), skip trusted proxies, and the first untrusted hop is the client. A peer that
 * is not a trusted proxy gets its headers ignored entirely, so a spoofed header from
 * the internet changes nothing.
 * @module
 */
import { VigilError } from '../errors/index.ts'
import { parseCidr, parseIp, type ParsedIp } from './ip-address.ts'
import { buildIpRangeIndex, matchIpRanges, type IpRangeIndex } from './ip-range-index.ts'

/** Hops examined from the right; a longer chain is attacker padding or a loop. */
const MAX_HOPS = 32

export interface TrustedProxies {
  readonly index: IpRangeIndex
}

/** Compiles the configured trusted proxies; a bad entry is a configuration error. */
export function buildTrustedProxies(entries: readonly string[]): TrustedProxies {
  const bad = entries.filter((e) => parseCidr(e.trim()) === null)
  if (bad.length > 0) {
    throw new VigilError(
      'VIGIL_ERR_CONFIG_INVALID',
      `trusted proxies: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not an IP address or CIDR block`,
    )
  }
  // The index needs a flag per list; for this membership test only "in the list or not" matters.
  return { index: buildIpRangeIndex([{ name: 'trusted-proxies', flag: 'private', cidrs: entries }]) }
}

export function isTrustedProxy(trusted: TrustedProxies, ip: ParsedIp): boolean {
  return matchIpRanges(trusted.index, ip).lists.length > 0
}

/**
 * Returns the client address for a request the peer `peer` delivered with the given
 * X-Forwarded-For (or Forwarded) value: the peer itself when it is not trusted or the
 * header holds nothing usable. A malformed hop stops the walk at the nearest hop that
 * was vouched for, because only an untrusted party can have written it.
 */
export function resolveClientIp(
  trusted: TrustedProxies,
  peer: string,
  forwardedFor: string | null,
  forwarded: string | null,
): string {
  const peerIp = parseIp(peer)
  if (peerIp === null || !isTrustedProxy(trusted, peerIp)) return peer
  return clientFromHeader(trusted, forwardedFor, forwarded) ?? peer
}

/**
 * The client named by the X-Forwarded-For (or else Forwarded) header of a request that a
 * trusted proxy delivered, or null when the header names no usable hop. It depends on
 * the header alone, so callers can cache it per header value.
 */
export function clientFromHeader(trusted: TrustedProxies, forwardedFor: string | null, forwarded: string | null): string | null {
  const hops = forwardedFor !== null ? forwardedForHops(forwardedFor) : forwarded !== null ? forwardedHops(forwarded) : []
  let client: string | null = null
  for (const hop of hops) {
    const ip = parseIp(hop)
    if (ip === null) break
    client = hop
    if (!isTrustedProxy(trusted, ip)) break
  }
  return client
}

/** X-Forwarded-For hops, nearest first, ports and brackets removed. */
function forwardedForHops(header: string): string[] {
  const hops: string[] = []
  let end = header.length
  while (end > 0 && hops.length < MAX_HOPS) {
    const comma = header.lastIndexOf(',', end - 1)
    hops.push(stripPort(unquote(header.slice(comma + 1, end).trim())))
    end = comma < 0 ? 0 : comma
  }
  return hops
}

/** `for=` values of a Forwarded header (RFC 7239), nearest first. */
function forwardedHops(header: string): string[] {
  const hops: string[] = []
  let end = header.length
  while (end > 0 && hops.length < MAX_HOPS) {
    const comma = header.lastIndexOf(',', end - 1)
    const element = header.slice(comma + 1, end)
    let value = ''
    for (const pair of element.split(';', 16)) {
      const eq = pair.indexOf('=')
      if (eq > 0 && pair.slice(0, eq).trim().toLowerCase() === 'for') value = pair.slice(eq + 1).trim()
    }
    hops.push(stripPort(unquote(value)))
    end = comma < 0 ? 0 : comma
  }
  return hops
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s
}

/** `1.2.3.4:80` → `1.2.3.4`, `[2001:db8::1]:80` → `2001:db8::1`; bare IPv6 is left alone. */
function stripPort(s: string): string {
  if (s.startsWith('[')) {
    const close = s.indexOf(']')
    return close > 0 ? s.slice(1, close) : s
  }
  const colon = s.indexOf(':')
  return colon > 0 && s.indexOf(':', colon + 1) < 0 ? s.slice(0, colon) : s
}
