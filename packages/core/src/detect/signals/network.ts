/**
 * Network-level facts about a request's origin: its /24 or /48, whether it comes from a
 * datacenter, VPN or Tor, and whether a declared crawler is verified by its published ranges.
 * @module
 */
import ipaddr from 'ipaddr.js'
import type { HttpEvent, IpFlag } from '../../events/http-event.ts'

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

/** A declared crawler whose address is inside its operator's published ranges: never flagged. */
export function isVerifiedCrawler(e: HttpEvent): boolean {
  return (
    e.user_agent_bot_kind !== null &&
    CRAWLER_KINDS.has(e.user_agent_bot_kind) &&
    e.source_ip_flags !== null &&
    e.source_ip_flags.includes('crawler')
  )
}

/** Any user agent that names itself a bot (crawler, monitor, tool): it is not hiding. */
export function isDeclaredBot(e: HttpEvent): boolean {
  return e.user_agent_bot_name !== null || e.user_agent_bot_kind !== null
}
