import { describe, expect, it } from 'vitest'
import { compileIpList } from './ip-list.ts'

describe('compileIpList', () => {
  const list = compileIpList(['10.0.0.0/8', '203.0.113.7', '2001:db8::/32'])
  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    ['not-an-ip', false],
  ])('%s → %s', (ip, expected) => {
    expect(list.has(ip)).toBe(expected)
  })

  it('rejects an entry that is not an IP or CIDR, naming it', () => {
    expect(() => compileIpList(['10.0.0.0/99'])).toThrow(/10\.0\.0\.0\/99/)
  })
})
