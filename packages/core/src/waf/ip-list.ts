/**
 * Allow/deny lists by IP and CIDR, compiled once. IPv4-mapped IPv6 addresses
 * (`::ffff:1.2.3.4`, as node:http reports IPv4 peers on dual-stack sockets) match
 * their IPv4 entries.
 * @module
 */
import ipaddr from 'ipaddr.js'
import { VigilError } from '../errors/vigil-error.ts'

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

export interface IpList {
  has(ip: string | undefined): boolean
}

function parse(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(ip)) return null
  const addr = ipaddr.parse(ip)
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr
}

/** Throws VIGIL_ERR_CONFIG_INVALID naming the entry when one is neither an IP nor a CIDR. */
export function compileIpList(entries: readonly string[]): IpList {
  const ranges: Range[] = entries.map((e) => {
    try {
      if (e.includes('/')) return ipaddr.parseCIDR(e)
      const addr = parse(e)
      if (addr === null) throw new Error('not an IP address')
      return [addr, addr.kind() === 'ipv4' ? 32 : 128]
    } catch (cause) {
      throw new VigilError('VIGIL_ERR_CONFIG_INVALID', `waf allow/deny list: "${e}" is not an IP address or CIDR.`, { cause })
    }
  })
  return {
    has(ip) {
      if (ip === undefined || ranges.length === 0) return false
      const addr = parse(ip)
      if (addr === null) return false
      return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))
    },
  }
}
