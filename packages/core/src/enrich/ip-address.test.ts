import fc from 'fast-check'
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { formatIpv4, parseCidr, parseIp, parseIpv4, parseIpv6Groups } from './ip-address.ts'

describe('parseIpv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['1.1.1.1', 16843009],
    ['255.255.255.255', 0xffffffff],
    ['10.0.0.1', 167772161],
  ])('parses %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value)
  })

  it.each(['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', '1.2.3.4 ', 'a.b.c.d', '1.2.3.1234', '.1.2.3'])(
    'rejects %j',
    (text) => {
      expect(parseIpv4(text)).toBeNull()
    },
  )

  it('round-trips through formatIpv4', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), (n) => parseIpv4(formatIpv4(n)) === n))
  })
})

describe('parseIpv6Groups', () => {
  it('agrees with ipaddr.js on every textual form of random addresses', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
    fc.assert(
      fc.property(groups, (g) => {
        const addr = new ipaddr.IPv6(g)
        const fixed = g.map((x) => x.toString(16).padStart(4, '0')).join(':')
        for (const text of [addr.toString(), addr.toNormalizedString(), fixed]) {
          if (JSON.stringify(parseIpv6Groups(text)) !== JSON.stringify(g)) return false
        }
        return true
      }),
    )
  })

  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]],
  ])('parses %s', (text, groups) => {
    expect(parseIpv6Groups(text)).toEqual(groups)
  })

  it.each(['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::', 'g::1', ':::', '1:2:3:4:5:6:7::8', '::1.2.3'])(
    'rejects %j',
    (text) => {
      expect(parseIpv6Groups(text)).toBeNull()
    },
  )
})

describe('parseIp', () => {
  it('treats an IPv4-mapped IPv6 address as IPv4', () => {
    expect(parseIp('::ffff:8.8.8.8')).toEqual({ version: 4, value: parseIpv4('8.8.8.8') })
  })

  it('returns four words for IPv6, most significant first', () => {
    expect(parseIp('2001:4860:4860::8888')).toEqual({ version: 6, words: [0x20014860, 0x48600000, 0, 0x8888] })
  })

  it('rejects text longer than any address without scanning it', () => {
    expect(parseIp(`::${'1:'.repeat(50_000)}`)).toBeNull()
  })
})

describe('parseCidr', () => {
  it('normalises an IPv4 block to its first and last address', () => {
    expect(parseCidr('192.168.1.77/24')).toEqual({ version: 4, start: parseIpv4('192.168.1.0'), end: parseIpv4('192.168.1.255') })
    expect(parseCidr('0.0.0.0/0')).toEqual({ version: 4, start: 0, end: 0xffffffff })
    expect(parseCidr('8.8.8.8')).toEqual({ version: 4, start: parseIpv4('8.8.8.8'), end: parseIpv4('8.8.8.8') })
  })

  it('normalises an IPv6 block', () => {
    expect(parseCidr('2001:db8::/33')).toEqual({
      version: 6,
      start: [0x20010db8, 0, 0, 0],
      end: [0x20010db8, 0x7fffffff, 0xffffffff, 0xffffffff],
    })
  })

  it('reads an IPv4-mapped block with its prefix counted over 128 bits', () => {
    expect(parseCidr('::ffff:10.0.0.0/104')).toEqual(parseCidr('10.0.0.0/8'))
  })

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', '2001:db8::/129', 'x/8', '10.0.0.0/1e1'])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeNull()
  })
})
