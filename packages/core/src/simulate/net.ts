/**
 * Address pools for simulated clients. Ranges are real allocations of the networks named
 * (checked against the bundled ASN table), so enrichment maps them to the right ASN and
 * a detector that uses "datacenter vs residential" sees what it would see in production.
 * @module
 */
import type { Rng } from './prng.ts'

export interface NetRange {
  cidr: string
  /** Who announces it; informational, for people reading the labels. */
  network: string
}

function range(cidr: string, network: string): NetRange {
  return { cidr, network }
}

/** The countries the shop's customers live in. */
export type Country = 'US' | 'GB' | 'DE' | 'FR'
export const COUNTRIES: readonly Country[] = Object.freeze(['US', 'GB', 'DE', 'FR'])

/** A country's access networks: where its people's home lines and phones come from. */
export interface CountryNets {
  residentialV4: readonly NetRange[]
  residentialV6: readonly NetRange[]
  /** Carrier-grade NAT egress: few addresses, many subscribers behind each. */
  mobileV4: readonly NetRange[]
  mobileV6: readonly NetRange[]
}

/**
 * Every range sits in its country in the bundled country database (tested in the runtime),
 * so a customer drawn in a country logs in from that country, as real customers do.
 */
export const NETS_BY_COUNTRY: Readonly<Record<Country, CountryNets>> = Object.freeze({
  US: {
    residentialV4: [
      range('73.0.0.0/10', 'Comcast AS7922'),
      range('76.104.0.0/14', 'Comcast AS7922'),
      range('98.207.0.0/16', 'Comcast AS7922'),
      range('71.178.0.0/16', 'Verizon AS701'),
      range('99.100.0.0/16', 'AT&T AS7018'),
    ],
    residentialV6: [range('2601::/24', 'Comcast AS7922')],
    mobileV4: [
      range('172.56.0.0/16', 'T-Mobile US AS21928'),
      range('174.205.0.0/16', 'Verizon Wireless AS6167'),
      range('107.77.0.0/16', 'AT&T Mobility AS7018'),
    ],
    // T-Mobile's /32 also holds Puerto Rico blocks (at :7600 and :cd00); this quarter has none.
    mobileV6: [range('2607:fb90:8000::/34', 'T-Mobile US AS21928')],
  },
  GB: {
    residentialV4: [range('86.150.0.0/16', 'BT AS2856')],
    residentialV6: [range('2a00:23c0::/32', 'BT AS5400')],
    mobileV4: [range('92.40.0.0/16', 'Three UK AS206067'), range('82.132.128.0/17', 'O2 UK AS35228')],
    mobileV6: [range('2a01:4c8::/32', 'EE AS2856')],
  },
  DE: {
    residentialV4: [range('84.154.0.0/16', 'Deutsche Telekom AS3320'), range('95.91.0.0/16', 'Vodafone DE AS3209')],
    residentialV6: [range('2003::/24', 'Deutsche Telekom AS3320')],
    mobileV4: [range('80.187.0.0/16', 'Telekom Mobil AS3320'), range('176.0.0.0/16', 'O2 Germany AS6805')],
    mobileV6: [range('2a01:598::/32', 'Telekom Mobil AS3320')],
  },
  FR: {
    residentialV4: [range('90.3.0.0/16', 'Orange AS3215'), range('82.64.0.0/16', 'Free AS12322')],
    residentialV6: [range('2a01:e0a::/32', 'Free AS12322')],
    mobileV4: [range('37.160.0.0/16', 'Free Mobile AS51207'), range('92.184.96.0/20', 'Orange mobile AS3215')],
    mobileV6: [range('2a04:cec0::/32', 'Bouygues Telecom AS5410')],
  },
})

const everyCountry = (part: keyof CountryNets): readonly NetRange[] =>
  Object.freeze(COUNTRIES.flatMap((c) => NETS_BY_COUNTRY[c][part]))

/** Home lines of every country, for clients that live nowhere in particular (proxies, scripts). */
export const RESIDENTIAL_V4 = everyCountry('residentialV4')
export const RESIDENTIAL_V6 = everyCountry('residentialV6')
export const MOBILE_V4 = everyCountry('mobileV4')
export const MOBILE_V6 = everyCountry('mobileV6')

export const DATACENTER_V4: readonly NetRange[] = Object.freeze([
  range('3.80.0.0/12', 'AWS AS14618'),
  range('52.14.0.0/16', 'AWS AS16509'),
  range('34.120.0.0/14', 'Google Cloud AS396982'),
  range('51.68.0.0/16', 'OVH AS16276'),
  range('54.36.0.0/16', 'OVH AS16276'),
  range('95.216.0.0/16', 'Hetzner AS24940'),
  range('176.9.0.0/16', 'Hetzner AS24940'),
  range('159.203.0.0/16', 'DigitalOcean AS14061'),
  range('167.99.0.0/16', 'DigitalOcean AS14061'),
  range('45.77.0.0/16', 'Vultr AS20473'),
])

/**
 * Exit ranges of consumer VPN services (hosts Mullvad, Proton VPN, NordVPN and others rent
 * from), all on the bundled vpn-ipv4 warning list: people who browse through a VPN app.
 */
export const CONSUMER_VPN_V4: readonly NetRange[] = Object.freeze([
  range('146.70.128.0/18', 'M247 AS9009'),
  range('156.146.36.0/22', 'Datacamp AS60068'),
  range('37.19.196.0/22', 'Datacamp AS60068'),
  range('185.65.132.0/22', '31173 Services AS39351'),
])

/**
 * Published crawler ranges (Google's googlebot.json, Bing's bingbot.json). Googlebot uses
 * only part of 66.249.64.0/19, so addresses come from the prefixes Google lists.
 */
export const GOOGLEBOT_V4: readonly NetRange[] = Object.freeze(
  ['66.249.64.0/23', '66.249.66.0/24', '66.249.68.0/25', '66.249.69.0/24', '66.249.70.0/23', '66.249.72.0/22', '66.249.76.0/23', '66.249.78.0/24'].map(
    (cidr) => range(cidr, 'Google AS15169'),
  ),
)
export const BINGBOT_V4: readonly NetRange[] = Object.freeze([
  range('157.55.39.0/24', 'Microsoft AS8075'),
  range('207.46.13.0/24', 'Microsoft AS8075'),
  range('40.77.167.0/24', 'Microsoft AS8075'),
])

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
}

function intToV4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** A host address inside an IPv4 CIDR, avoiding the network and broadcast addresses. */
export function ipv4In(cidr: string, rng: Rng): string {
  const [base, bitsText] = cidr.split('/')
  const bits = Number(bitsText)
  const size = 2 ** (32 - bits)
  const start = v4ToInt(base ?? '0.0.0.0')
  return intToV4(start + 1 + Math.floor(rng.next() * Math.max(1, size - 2)))
}

/** A host in an IPv6 prefix of 32 bits or less: random low groups after the prefix. */
export function ipv6In(cidr: string, rng: Rng): string {
  const [base, bitsText] = cidr.split('/')
  const bits = Number(bitsText)
  const groups = (base ?? '').split('::')[0]?.split(':').filter((g) => g !== '') ?? []
  const fixed = Math.floor(bits / 16)
  const out = groups.slice(0, fixed)
  if (bits % 16 !== 0) {
    const keep = bits % 16
    const hi = parseInt(groups[fixed] ?? '0', 16) >> (16 - keep)
    out.push(((hi << (16 - keep)) | rng.int(0, 2 ** (16 - keep) - 1)).toString(16))
  }
  while (out.length < 8) out.push(rng.int(0, 0xffff).toString(16))
  return out.join(':')
}

export function ipIn(r: NetRange, rng: Rng): string {
  return r.cidr.includes(':') ? ipv6In(r.cidr, rng) : ipv4In(r.cidr, rng)
}

/** A residential address; a share of clients come over IPv6, as in real shops. */
export function residentialIp(rng: Rng, ipv6Share: number): string {
  return rng.chance(ipv6Share) ? ipIn(rng.pick(RESIDENTIAL_V6), rng) : ipIn(rng.pick(RESIDENTIAL_V4), rng)
}

/** A home line in `country`. */
export function residentialIpIn(country: Country, rng: Rng, ipv6Share: number): string {
  const nets = NETS_BY_COUNTRY[country]
  return rng.chance(ipv6Share) ? ipIn(rng.pick(nets.residentialV6), rng) : ipIn(rng.pick(nets.residentialV4), rng)
}

/** A carrier-grade NAT egress address of a mobile network in `country`. */
export function mobileIpIn(country: Country, rng: Rng, ipv6Share: number): string {
  const nets = NETS_BY_COUNTRY[country]
  return rng.chance(ipv6Share) ? ipIn(rng.pick(nets.mobileV6), rng) : ipIn(rng.pick(nets.mobileV4), rng)
}

export function vpnExitIp(rng: Rng): string {
  return ipIn(rng.pick(CONSUMER_VPN_V4), rng)
}

export function datacenterIp(rng: Rng): string {
  return ipIn(rng.pick(DATACENTER_V4), rng)
}

/** The /24 a v4 address sits in, for attackers that rent a block. */
export function neighbourV4(ip: string, rng: Rng): string {
  const parts = ip.split('.')
  parts[3] = String(rng.int(2, 254))
  return parts.join('.')
}
