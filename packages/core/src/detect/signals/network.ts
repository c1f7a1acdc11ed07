/**
 * Network-level facts about a request's origin: its /24 or /48, whether it comes from a
 * datacenter, VPN or Tor, and whether a declared crawler is verified by its published ranges.
 * @module
 */
import ipaddr from 'ipaddr.js'
import type { HttpEvent, IpFlag } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'

/** The /24 (IPv4) or /48 (IPv6) containing `ip`, as CIDR text; null for unparsable input. */
export function subnetOf(ip: string): string | null {
  if (ip.indexOf(':') < 0) {
    const dot = ip.lastIndexOf('.')
    if (dot < 0 || ip.length > 15) return null
    return `${ip.slice(0, dot)}.0/24`
  }
  if (!ipaddr.IPv6.isValid(ip)) return null
  const parts = ipaddr.IPv6.parse(ip).parts
  return `${parts.slice(0, 3).map((p) => p.toString(16)).join(':')}::/48`
}

/** Origin flags that make automation likelier: hosting and anonymisers, not private relays of people. */
export type HostingFlag = 'cloud' | 'tor' | 'vpn'

export function hostingFlag(flags: readonly IpFlag[] | null): HostingFlag | null {
  if (flags === null) return null
  if (flags.includes('tor')) return 'tor'
  if (flags.includes('cloud')) return 'cloud'
  if (flags.includes('vpn')) return 'vpn'
  return null
}

const CRAWLER_KINDS = new Set(['crawler', 'ai_crawler'])

export type CrawlerClaim = 'verified' | 'refuted' | 'unverifiable' | 'none'

export interface CrawlerVerifier {
  /** What the event's crawler claim is worth. */
  check(e: HttpEvent): CrawlerClaim
  /** A declared crawler inside its operator's published ranges or network: never flagged. */
  isVerified(e: HttpEvent): boolean
}

/**
 * Checks a declared crawler against its operator's published ranges (the enrichment's
 * `crawler` flag) and, where configured, the operator's networks. A claim that can be
 * checked and fails is `refuted`; one that cannot be checked (no ranges or networks known,
 * or no IP enrichment on this log) is `unverifiable`.
 */
export function createCrawlerVerifier(config: DetectConfig): CrawlerVerifier {
  const byRanges = config.verifiableCrawlers.map((n) => n.toLowerCase())
  const byAsn = Object.entries(config.crawlerAsns).map(([n, asns]) => [n.toLowerCase(), new Set(asns)] as const)
  function check(e: HttpEvent): CrawlerClaim {
    const name = e.user_agent_bot_name
    if (name === null || e.user_agent_bot_kind === null || !CRAWLER_KINDS.has(e.user_agent_bot_kind)) return 'none'
    if (e.source_ip_flags === null) return 'unverifiable'
    if (e.source_ip_flags.includes('crawler')) return 'verified'
    const lower = name.toLowerCase()
    const asns = byAsn.find(([n]) => lower.startsWith(n))?.[1]
    if (asns !== undefined && e.source_as_number !== null && asns.has(e.source_as_number)) return 'verified'
    if (asns !== undefined || byRanges.some((n) => lower.startsWith(n))) return 'refuted'
    return 'unverifiable'
  }
  return { check, isVerified: (e) => check(e) === 'verified' }
}

/** Any user agent that names itself a bot (crawler, monitor, tool): it is not hiding. */
export function isDeclaredBot(e: HttpEvent): boolean {
  return e.user_agent_bot_name !== null || e.user_agent_bot_kind !== null
}
