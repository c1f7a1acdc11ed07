import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatIpv4, parseCidr, parseIp } from './ip-address.ts'
import { buildIpRangeIndex, matchIpRanges, type IpRangeList } from './ip-range-index.ts'

const lists: IpRangeList[] = [
  { name: 'googlebot', flag: 'crawler', cidrs: ['66.249.64.0/27', '2001:4860:4801:10::/64'] },
  { name: 'google-gcp', flag: 'cloud', cidrs: ['66.249.64.0/19', '34.0.0.0/15'] },
  { name: 'rfc1918', flag: 'private', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
  { name: 'special-use', flag: 'private', cidrs: ['127.0.0.0/8', '::1/128', 'fc00::/7'] },
  { name: 'everything-v4', flag: 'vpn', cidrs: [] },
]
const index = buildIpRangeIndex(lists)
const match = (ip: string) => matchIpRanges(index, parseIp(ip)!)

describe('buildIpRangeIndex / matchIpRanges', () => {
  it('reports every list and flag covering an address', () => {
    expect(match('66.249.64.5')).toEqual({ flags: ['cloud', 'crawler'], lists: ['googlebot', 'google-gcp'] })
    expect(match('66.249.64.32')).toEqual({ flags: ['cloud'], lists: ['google-gcp'] })
    expect(match('10.1.2.3')).toEqual({ flags: ['private'], lists: ['rfc1918'] })
  })

  it('honours block boundaries exactly', () => {
    expect(match('66.249.63.255').lists).toEqual([])
    expect(match('66.249.64.0').lists).toContain('googlebot')
    expect(match('66.249.64.31').lists).toContain('googlebot')
    expect(match('66.249.95.255').lists).toEqual(['google-gcp'])
    expect(match('66.249.96.0').lists).toEqual([])
  })

  it('matches IPv6 blocks and leaves other IPv6 addresses unflagged', () => {
    expect(match('2001:4860:4801:10::1').lists).toEqual(['googlebot'])
    expect(match('2001:4860:4801:11::1').lists).toEqual([])
    expect(match('::1').flags).toEqual(['private'])
    expect(match('fd12:3456::1').lists).toEqual(['special-use'])
  })

  it('covers the top of the address space', () => {
    const top = buildIpRangeIndex([{ name: 'all', flag: 'vpn', cidrs: ['0.0.0.0/0', '::/0'] }])
    for (const ip of ['0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']) {
      expect(matchIpRanges(top, parseIp(ip)!).lists).toEqual(['all'])
    }
  })

  it('counts malformed entries per list and keeps the good ones', () => {
    const idx = buildIpRangeIndex([{ name: 'tor', flag: 'tor', cidrs: ['185.220.101.1', 'not an ip', '1.2.3.4/40', ' 185.220.101.2 '] }])
    expect(idx.rejected).toEqual({ tor: 2 })
    expect(matchIpRanges(idx, parseIp('185.220.101.2')!).flags).toEqual(['tor'])
  })

  it('agrees with a naive scan over random overlapping IPv4 lists', () => {
    const block = fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 8, max: 32 })).map(([n, len]) => `${formatIpv4(n)}/${len}`)
    fc.assert(
      fc.property(fc.array(fc.array(block, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 20 }), (cidrLists, probes) => {
        const ls: IpRangeList[] = cidrLists.map((cidrs, i) => ({ name: `l${i}`, flag: 'cloud', cidrs }))
        const idx = buildIpRangeIndex(ls)
        // Probe at block edges too, where an off-by-one would show.
        const edges = ls.flatMap((l) => l.cidrs.map((c) => parseCidr(c)!)).flatMap((r) => (r.version === 4 ? [r.start, r.end, r.end + 1] : []))
        return [...probes, ...edges].filter((p) => p <= 0xffffffff).every((p) => {
          const expected = ls
            .filter((l) => l.cidrs.some((c) => {
              const r = parseCidr(c)!
              return r.version === 4 && r.start <= p && p <= r.end
            }))
            .map((l) => l.name)
          return JSON.stringify(matchIpRanges(idx, { version: 4, value: p }).lists) === JSON.stringify(expected)
        })
      }),
    )
  })
})
