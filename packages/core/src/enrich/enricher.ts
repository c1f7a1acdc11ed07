/**
 * Enrichment at ingest: the real client address behind trusted proxies, its AS,
 * country and range flags, and the user agent's browser and bot classification,
 * written into the event in place. Logs repeat addresses and user agents heavily, so
 * both are cached per distinct string in bounded caches; a cached event costs two Map
 * lookups and a few field writes.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { HttpEvent, IpFlag } from '../events/http-event.ts'
import { lookupAsn, type AsnTable } from './asn-table.ts'
import { BoundedCache } from './bounded-cache.ts'
import { buildTrustedProxies, clientFromHeader, isTrustedProxy, type TrustedProxies } from './client-ip.ts'
import { formatIpv4, parseIp } from './ip-address.ts'
import { matchIpRanges, type IpRangeIndex } from './ip-range-index.ts'
import { classifyUserAgent, type UaInfo } from './user-agent.ts'
import type { UaRules } from './user-agent-rules.ts'

/** Country of an address, ISO 3166-1 alpha-2, or null when unknown. */
export interface CountryLookup {
  country(ip: string): string | null
}

export interface EnrichmentData {
  readonly asn: AsnTable
  readonly country: CountryLookup | null
  readonly ranges: IpRangeIndex
  readonly uaRules: UaRules
}

export interface EnricherOptions {
  /** Reverse proxies (IPs or CIDR blocks) whose X-Forwarded-For / Forwarded headers are believed. */
  readonly trustedProxies: readonly string[]
  /** Distinct addresses and user agents kept per cache generation (default 16,384). */
  readonly cacheSize?: number
}

export interface IpInfo {
  readonly ip: string
  /** null when the text is not an IP address; every other field is then null or empty. */
  readonly version: 4 | 6 | null
  readonly asNumber: number | null
  readonly asOrganization: string | null
  readonly country: string | null
  /** Frozen and shared between events: never mutate. */
  readonly flags: readonly IpFlag[]
  /** Names of the range lists that contain the address, e.g. `googlebot`, `amazon-aws`. */
  readonly lists: readonly string[]
}

export interface Enricher {
  enrichHttp(e: HttpEvent): void
  enrichApp(e: AppEvent): void
  lookupIp(ip: string): IpInfo
  /** Which named range lists hold `ip` — for verifying a claimed crawler. */
  ipRangeLists(ip: string): readonly string[]
  classifyUserAgent(ua: string): UaInfo
}

const DEFAULT_CACHE_SIZE = 16_384

/**
 * @example
 *   const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: ['10.0.0.0/8'] })
 *   enricher.enrichHttp(event)
 */
export function createEnricher(data: EnrichmentData, options: EnricherOptions): Enricher {
  const trusted = options.trustedProxies.length > 0 ? buildTrustedProxies(options.trustedProxies) : null
  const ipCache = new BoundedCache<string, IpInfo>(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  const uaCache = new BoundedCache<string, UaInfo>(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  // Behind a load balancer every event carries a header and the same few chains repeat;
  // caching per peer and per header value (never their concatenation) keeps keys cheap.
  const trustedPeers = new BoundedCache<string, boolean>(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  const xffClients = new BoundedCache<string, string | null>(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  const forwardedClients = new BoundedCache<string, string | null>(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  const maxUa = data.uaRules.maxLength

  function resolveClient(t: TrustedProxies, peer: string, forwardedFor: string | null, forwarded: string | null): string {
    let peerTrusted = trustedPeers.get(peer)
    if (peerTrusted === undefined) {
      const ip = parseIp(peer)
      peerTrusted = ip !== null && isTrustedProxy(t, ip)
      trustedPeers.set(own(peer), peerTrusted)
    }
    if (!peerTrusted) return peer
    const client =
      forwardedFor !== null ? headerClient(t, xffClients, forwardedFor, true) : headerClient(t, forwardedClients, forwarded ?? '', false)
    return client ?? peer
  }

  function lookupIp(text: string): IpInfo {
    const hit = ipCache.get(text)
    if (hit !== undefined) return hit
    const key = own(text)
    const info = computeIpInfo(data, key)
    ipCache.set(key, info)
    return info
  }

  function classify(ua: string): UaInfo {
    // Key on the examined head so a 100 KB user agent is neither hashed nor stored whole.
    const key = ua.length > maxUa ? ua.slice(0, maxUa + 1) : ua
    const hit = uaCache.get(key)
    if (hit !== undefined) return hit
    const owned = own(key)
    const info = classifyUserAgent(owned, data.uaRules)
    uaCache.set(owned, info)
    return info
  }

  return {
    lookupIp,
    ipRangeLists: (ip) => lookupIp(ip).lists,
    classifyUserAgent: classify,
    enrichHttp(e) {
      const peer = e.source_peer_ip ?? e.source_ip
      if (peer !== null) {
        e.source_peer_ip = peer
        if (trusted !== null) {
          const forwarded = e.http_request_headers?.['forwarded'] ?? null
          if (e.http_x_forwarded_for !== null || forwarded !== null) {
            e.source_ip = resolveClient(trusted, peer, e.http_x_forwarded_for, forwarded)
          }
        }
      }
      if (e.source_ip !== null) applyIpInfo(e, lookupIp(e.source_ip))
      if (e.user_agent_original !== null && e.user_agent_original !== '') {
        const ua = classify(e.user_agent_original)
        e.user_agent_name = ua.name
        e.user_agent_version = ua.version
        e.user_agent_os_name = ua.osName
        e.user_agent_device_type = ua.deviceType
        e.user_agent_bot_name = ua.botName
        e.user_agent_bot_kind = ua.botKind
      }
    },
    enrichApp(e) {
      if (e.source_ip !== null) applyIpInfo(e, lookupIp(e.source_ip))
    },
  }
}

/**
 * A copy of `s` holding none of the text it was cut from. Keys are slices of a log line,
 * and V8 keeps a slice as a view of the whole piece of log decoded at once (up to 64 KB),
 * so each cached key, and each value cut from it, would keep its piece in memory while it
 * stays cached: tens of thousands of keys first seen all along a long log could hold most
 * of it. Once per miss; the value is computed from the copy.
 */
function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string
}

function headerClient(t: TrustedProxies, cache: BoundedCache<string, string | null>, header: string, isXff: boolean): string | null {
  let client = cache.get(header)
  if (client === undefined) {
    const key = own(header)
    client = isXff ? clientFromHeader(t, key, null) : clientFromHeader(t, null, key)
    cache.set(key, client)
  }
  return client
}

function applyIpInfo(e: HttpEvent | AppEvent, info: IpInfo): void {
  if (info.version === null) return
  e.source_as_number = info.asNumber
  e.source_as_organization_name = info.asOrganization
  e.source_geo_country_iso_code = info.country
  // The event type declares a mutable array; the shared one is frozen so a stray write throws.
  e.source_ip_flags = info.flags as IpFlag[]
}

function computeIpInfo(data: EnrichmentData, text: string): IpInfo {
  const ip = parseIp(text)
  if (ip === null) {
    return Object.freeze({ ip: text, version: null, asNumber: null, asOrganization: null, country: null, flags: [], lists: [] })
  }
  const ranges = matchIpRanges(data.ranges, ip)
  // Private space has no AS or country; the country database places some of it (192.168/16) in one.
  const routable = !ranges.flags.includes('private')
  const asn = routable ? lookupAsn(data.asn, ip) : null
  return Object.freeze({
    ip: text,
    version: ip.version,
    asNumber: asn?.asn ?? null,
    asOrganization: asn?.organization ?? null,
    // The canonical form, so `::ffff:1.2.3.4` finds the IPv4 record.
    country: routable ? (data.country?.country(ip.version === 4 ? formatIpv4(ip.value) : text) ?? null) : null,
    flags: ranges.flags,
    lists: ranges.lists,
  })
}
