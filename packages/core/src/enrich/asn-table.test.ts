import { describe, expect, it } from 'vitest'
import { AsnTableBuilder, lookupAsn } from './asn-table.ts'
import { parseCidr, parseIp } from './ip-address.ts'

function v4(cidr: string): [number, number] {
  const r = parseCidr(cidr)!
  if (r.version !== 4) throw new Error(cidr)
  return [r.start, r.end]
}

function v6(cidr: string) {
  const r = parseCidr(cidr)!
  if (r.version !== 6) throw new Error(cidr)
  return [r.start, r.end] as const
}

function table() {
  const b = new AsnTableBuilder()
  b.addV4(...v4('1.1.1.0/24'), 13335, 'Cloudflare, Inc.')
  b.addV4(...v4('8.8.8.0/24'), 15169, 'Google LLC')
  b.addV4(...v4('8.8.9.0/24'), 15169, 'Google LLC')
  b.addV4(...v4('9.0.0.0/8'), 64512, '')
  b.addV6(...v6('2001:4860::/32'), 15169, 'Google LLC')
  return b.build()
}

describe('AsnTable', () => {
  const t = table()
  const lookup = (ip: string) => lookupAsn(t, parseIp(ip)!)

  it('finds the AS and organisation of addresses inside ranges', () => {
    expect(lookup('1.1.1.1')).toEqual({ asn: 13335, organization: 'Cloudflare, Inc.' })
    expect(lookup('8.8.9.255')).toEqual({ asn: 15169, organization: 'Google LLC' })
    expect(lookup('2001:4860:4860::8888')).toEqual({ asn: 15169, organization: 'Google LLC' })
  })

  it('returns null in the gaps between ranges and outside them', () => {
    expect(lookup('1.1.2.0')).toBeNull()
    expect(lookup('0.0.0.1')).toBeNull()
    expect(lookup('255.255.255.255')).toBeNull()
    expect(lookup('2001:4861::1')).toBeNull()
    expect(lookup('::1')).toBeNull()
  })

  it('stores each organisation name once and reports an empty name as null', () => {
    expect(t.orgs.filter((o) => o === 'Google LLC')).toHaveLength(1)
    expect(lookup('9.1.2.3')).toEqual({ asn: 64512, organization: null })
  })

  it('keeps only the new part of a row that overlaps the previous one', () => {
    const b = new AsnTableBuilder()
    b.addV4(...v4('10.0.0.0/16'), 1, 'first')
    b.addV4(parseCidr('10.0.255.0/24')!.start as number, v4('10.1.0.0/24')[1], 2, 'second')
    b.addV6(...v6('2001:db8::/48'), 3, 'third')
    b.addV6(...v6('2001:db8::/47'), 4, 'fourth')
    const o = b.build()
    expect(lookupAsn(o, parseIp('10.0.255.1')!)?.asn).toBe(1)
    expect(lookupAsn(o, parseIp('10.1.0.1')!)?.asn).toBe(2)
    expect(lookupAsn(o, parseIp('2001:db8:0:1::')!)?.asn).toBe(3)
    expect(lookupAsn(o, parseIp('2001:db8:1::1')!)?.asn).toBe(4)
  })

  it('rejects rows out of order with VIGIL_ERR_DATA_INVALID', () => {
    const b = new AsnTableBuilder()
    b.addV4(...v4('10.0.0.0/8'), 1, 'a')
    expect(() => b.addV4(...v4('9.0.0.0/8'), 2, 'b')).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_DATA_INVALID' }))
  })
})
