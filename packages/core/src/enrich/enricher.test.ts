import { describe, expect, it } from 'vitest'
import { emptyAppEvent } from '../events/app-event.ts'
import { emptyHttpEvent, type HttpEvent } from '../events/http-event.ts'
import { AsnTableBuilder } from './asn-table.ts'
import { createEnricher, type EnrichmentData } from './enricher.ts'
import { parseCidr } from './ip-address.ts'
import { buildIpRangeIndex } from './ip-range-index.ts'
import { parseUaRules } from './user-agent-rules.ts'

function data(): EnrichmentData {
  const asn = new AsnTableBuilder()
  const r = parseCidr('66.249.64.0/19')!
  if (r.version !== 4) throw new Error('fixture')
  asn.addV4(r.start, r.end, 15169, 'Google LLC')
  // The lookup answers for a private address too, as the real database does for 192.168/16.
  const countries: Record<string, string> = { '66.249.66.1': 'US', '10.2.3.4': 'AU' }
  return {
    asn: asn.build(),
    country: { country: (ip) => countries[ip] ?? null },
    ranges: buildIpRangeIndex([
      { name: 'googlebot', flag: 'crawler', cidrs: ['66.249.64.0/19'] },
      { name: 'rfc1918', flag: 'private', cidrs: ['10.0.0.0/8'] },
    ]),
    uaRules: parseUaRules('as_of: x\nmax_length: 512\nbrowsers: []\nbots: [{ kind: crawler, rules: [Googlebot] }]', 'r.yaml'),
  }
}

function event(sourceIp: string | null, xff: string | null, ua: string | null): HttpEvent {
  const e = emptyHttpEvent('combined', 'access.log', 1, '')
  e.source_ip = sourceIp
  e.http_x_forwarded_for = xff
  e.user_agent_original = ua
  return e
}

describe('createEnricher', () => {
  const enricher = createEnricher(data(), { trustedProxies: ['10.0.0.0/8'] })

  it('resolves the client behind a trusted proxy, keeps the peer and fills IP and UA fields', () => {
    const e = event('10.0.0.5', '198.51.100.1, 66.249.66.1', 'Mozilla/5.0 (compatible; Googlebot/2.1)')
    enricher.enrichHttp(e)
    expect(e).toMatchObject({
      source_ip: '66.249.66.1',
      source_peer_ip: '10.0.0.5',
      source_as_number: 15169,
      source_as_organization_name: 'Google LLC',
      source_geo_country_iso_code: 'US',
      source_ip_flags: ['crawler'],
      user_agent_bot_name: 'Googlebot',
      user_agent_bot_kind: 'crawler',
    })
  })

  it('leaves the peer as the client when the peer is not trusted', () => {
    const e = event('203.0.113.9', '66.249.66.1', null)
    enricher.enrichHttp(e)
    expect(e).toMatchObject({ source_ip: '203.0.113.9', source_peer_ip: '203.0.113.9', source_as_number: null, source_ip_flags: [] })
    expect(e.user_agent_name).toBeNull()
  })

  it('keys its client-address cache on the peer as well as the header', () => {
    const viaProxy = event('10.0.0.5', '66.249.66.1', null)
    const direct = event('203.0.113.9', '66.249.66.1', null)
    enricher.enrichHttp(viaProxy)
    enricher.enrichHttp(direct)
    expect([viaProxy.source_ip, direct.source_ip]).toEqual(['66.249.66.1', '203.0.113.9'])
  })

  it('reads a Forwarded header when there is no X-Forwarded-For, and keeps the peer for an unusable one', () => {
    const forwarded = event('10.0.0.5', null, null)
    forwarded.http_request_headers = { forwarded: 'for=66.249.66.1;proto=https' }
    const garbage = event('10.0.0.6', 'not-an-address', null)
    enricher.enrichHttp(forwarded)
    enricher.enrichHttp(garbage)
    expect([forwarded.source_ip, garbage.source_ip]).toEqual(['66.249.66.1', '10.0.0.6'])
  })

  it('gives the same answer when an event is enriched twice', () => {
    const e = event('10.0.0.5', '66.249.66.1', null)
    enricher.enrichHttp(e)
    const first = { ...e }
    enricher.enrichHttp(e)
    expect(e).toEqual(first)
  })

  it('leaves enrichment null for a source that is not an address', () => {
    const e = event('not-an-ip', null, null)
    enricher.enrichHttp(e)
    expect(e).toMatchObject({ source_ip_flags: null, source_as_number: null, source_peer_ip: 'not-an-ip' })
  })

  it('shares one frozen flag array per address, so cached results cannot be corrupted', () => {
    const a = event('66.249.66.1', null, null)
    const b = event('66.249.66.1', null, null)
    enricher.enrichHttp(a)
    enricher.enrichHttp(b)
    expect(a.source_ip_flags).toBe(b.source_ip_flags)
    expect(() => a.source_ip_flags!.push('tor')).toThrow(TypeError)
  })

  it('enriches the address of an application event', () => {
    const e = emptyAppEvent('app.ndjson', 1, '')
    e.source_ip = '10.2.3.4'
    enricher.enrichApp(e)
    expect(e).toMatchObject({ source_ip_flags: ['private'], source_geo_country_iso_code: null, source_as_number: null })
  })

  it('answers range list membership for crawler verification', () => {
    expect(enricher.ipRangeLists('66.249.66.1')).toEqual(['googlebot'])
    expect(enricher.ipRangeLists('8.8.8.8')).toEqual([])
  })

  it('still answers correctly once its small caches have evicted entries', () => {
    const small = createEnricher(data(), { trustedProxies: [], cacheSize: 8 })
    for (let i = 0; i < 1000; i++) small.enrichHttp(event(`192.0.2.${i % 256}`, null, `agent-${i}`))
    // The same address asked again after eviction still gets a correct answer.
    expect(small.lookupIp('66.249.66.1').asNumber).toBe(15169)
  })
})
