import { describe, expect, it } from 'vitest'
import { buildTrustedProxies, resolveClientIp } from './client-ip.ts'

const trusted = buildTrustedProxies(['10.0.0.0/8', '2001:db8:ffff::/48', '198.51.100.7'])
const resolve = (peer: string, xff: string | null, forwarded: string | null = null) =>
  resolveClientIp(trusted, peer, xff, forwarded)

describe('resolveClientIp', () => {
  it('takes the first untrusted hop from the right behind a chain of trusted proxies', () => {
    expect(resolve('10.0.0.5', '203.0.113.9, 10.0.0.9')).toBe('203.0.113.9')
    expect(resolve('10.0.0.5', '203.0.113.9, 198.51.100.7, 10.1.1.1')).toBe('203.0.113.9')
  })

  it('ignores whatever the client prepended to the header', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(resolve('10.0.0.5', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9')
  })

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(resolve('203.0.113.50', '1.2.3.4')).toBe('203.0.113.50')
    expect(resolve('203.0.113.50', '10.0.0.1, 1.2.3.4')).toBe('203.0.113.50')
  })

  it('stops at a malformed hop, keeping the nearest vouched-for address', () => {
    expect(resolve('10.0.0.5', 'garbage, 10.0.0.9')).toBe('10.0.0.9')
    expect(resolve('10.0.0.5', "1.2.3.4' OR 1=1--")).toBe('10.0.0.5')
    expect(resolve('10.0.0.5', ',,,')).toBe('10.0.0.5')
    expect(resolve('10.0.0.5', '')).toBe('10.0.0.5')
  })

  it('returns the farthest trusted hop when every hop is trusted', () => {
    expect(resolve('10.0.0.5', '10.0.0.7, 10.0.0.9')).toBe('10.0.0.7')
  })

  it('strips ports and brackets and handles IPv6 hops', () => {
    expect(resolve('10.0.0.5', '203.0.113.9:51234')).toBe('203.0.113.9')
    expect(resolve('10.0.0.5', '[2001:db8::1]:443')).toBe('2001:db8::1')
    expect(resolve('2001:db8:ffff::2', '2001:db8::1')).toBe('2001:db8::1')
  })

  it('reads the for= parameters of a Forwarded header', () => {
    expect(resolve('10.0.0.5', null, 'for=192.0.2.60;proto=http;by=203.0.113.43')).toBe('192.0.2.60')
    expect(resolve('10.0.0.5', null, 'for="[2001:db8:cafe::17]:4711", for=10.0.0.9')).toBe('2001:db8:cafe::17')
    expect(resolve('10.0.0.5', null, 'for=unknown')).toBe('10.0.0.5')
  })

  it('examines a bounded number of hops of a huge header', () => {
    const padded = `${'1.2.3.4, '.repeat(20_000)}${'10.0.0.1, '.repeat(40)}10.0.0.2`
    // Every examined hop is trusted; the attacker's address 32+ hops away is never reached.
    expect(resolve('10.0.0.5', padded)).toBe('10.0.0.1')
  })
})

describe('buildTrustedProxies', () => {
  it('rejects an entry that is not an address or CIDR block, naming it', () => {
    expect(() => buildTrustedProxies(['10.0.0.0/8', 'proxy.internal'])).toThrow(/"proxy\.internal"/)
    expect(() => buildTrustedProxies(['10.0.0.0/33'])).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_CONFIG_INVALID' }))
  })
})
