import { describe, expect, it } from 'vitest'
import type { HttpEvent, IpFlag } from '../../events/http-event.ts'
import { createSessionSpreads } from '../signals/session-spread.ts'
import { FIREFOX_UA, req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'
import { createProxyRotationDetector } from './proxy-rotation.ts'
import { createSessionHopDetector } from './session-hop.ts'

const hop = () => {
  const c = testConfig()
  return [createSessionHopDetector(c, createSessionSpreads(c))]
}

interface Exit {
  ip: string
  asn: number
  country: string
  flags?: IpFlag[]
}

/** One cookie's pages, two on each exit in turn, `everyMs` apart. */
function cookie(sid: string, exits: Exit[], everyMs = 600_000): HttpEvent[] {
  return exits.flatMap((x, i) => {
    const at = T0 + 60_000 + i * everyMs
    const base = { source_ip: x.ip, source_as_number: x.asn, source_geo_country_iso_code: x.country, source_ip_flags: x.flags ?? [], session_id: sid }
    return [req({ ...base, ts: at, url_path: `/product/${1000 + i}/` }), req({ ...base, ts: at + 20_000, url_path: `/product/${2000 + i}/` })]
  })
}

const exits = (n: number, f: (i: number) => Omit<Exit, 'ip'>): Exit[] => Array.from({ length: n }, (_, i) => ({ ip: `100.${60 + i}.7.9`, ...f(i) }))

describe('bot.session_hop', () => {
  it('flags a cookie kept across carrier exits in two countries, with each address, and says how far it hopped', () => {
    const farm = cookie('profile-1', exits(9, (i) => ({ asn: [60_339, 25_135, 21_928][i % 3] as number, country: i % 3 === 2 ? 'US' : 'GB' })))
    const found = run(hop(), shoppers(20, 1), farm)
    const session = found.find((d) => d.entity.type === 'session')
    expect(session?.threat).toBe('OAT-011')
    expect(session?.explanation).toMatch(/^one session cookie on 9 addresses in 2 countries and 3 networks within 80 min, where a person's cookie stays on one or two/)
    const ips = found.filter((d) => d.entity.type === 'ip')
    expect(ips).toHaveLength(9)
    expect(ips[0]?.explanation).toMatch(/^one of the addresses of one session cookie on \d addresses/)
  })

  it('flags a cookie on many networks of one country (home broadband exits)', () => {
    const found = run(hop(), cookie('review-1', exits(8, (i) => ({ asn: 64_500 + i, country: 'GB' }))))
    expect(found.find((d) => d.entity.type === 'session')?.evidence).toContainEqual({ field: 'networks', value: 8 })
  })

  it("leaves a carrier's CGNAT handing one phone new addresses in one network, with home Wi-Fi, alone", () => {
    const phone = cookie('phone-1', exits(10, (i) => (i % 4 === 3 ? { asn: 2856, country: 'GB' } : { asn: 60_339, country: 'GB' })))
    expect(run(hop(), phone)).toEqual([])
  })

  it("leaves an office's proxies (several egress addresses in one AS) alone", () => {
    expect(run(hop(), cookie('office-1', exits(12, () => ({ asn: 3356, country: 'GB' }))))).toEqual([])
  })

  it('leaves iCloud Private Relay and VPN users, whose egress rotates across countries, alone', () => {
    const relay = cookie('relay-1', exits(10, (i) => ({ asn: 13_335 + (i % 2) * 7000, country: i % 2 === 0 ? 'GB' : 'DE', flags: ['relay', 'cdn'] })))
    const vpn = cookie('vpn-1', exits(10, (i) => ({ asn: 9009 + i, country: ['NL', 'US', 'GB'][i % 3] as string, flags: ['vpn'] })))
    expect(run(hop(), relay, vpn)).toEqual([])
  })

  it('leaves a phone moving between Wi-Fi and its carrier (three addresses) alone', () => {
    expect(run(hop(), cookie('phone-2', exits(3, (i) => ({ asn: 2856 + i, country: i === 2 ? 'FR' : 'GB' }))))).toEqual([])
  })
})

describe('bot.proxy_rotation with a hopping cookie', () => {
  // A scraper that keeps one cookie across 40 home exits, three pages on each without assets.
  const scraper = (): HttpEvent[] =>
    exits(40, (i) => ({ asn: 64_500 + (i % 6), country: 'GB' })).flatMap((x, i) => {
      const at = T0 + 120_000 + i * 8_000
      const base = { source_ip: x.ip, source_as_number: x.asn, source_geo_country_iso_code: x.country, source_ip_flags: [], session_id: 'scraper-cookie', user_agent_original: FIREFOX_UA, tls_client_ja4: 't13d1715h2_5b57614c22b0_3d5424432f57' }
      return [0, 1, 2].map((k) => req({ ...base, ts: at + k * 1_000, url_path: `/product/${3000 + i * 3 + k}/` }))
    })

  it('still names the addresses of a rotating client whose one cookie hops between them', () => {
    const c = testConfig()
    const spreads = createSessionSpreads(c)
    const found = run([createProxyRotationDetector(c, spreads), createSessionHopDetector(c, spreads)], shoppers(40, 2), scraper())
    const rotation = found.filter((d) => d.detector === 'bot.proxy_rotation' && d.entity.type === 'ip')
    expect(rotation.length).toBeGreaterThanOrEqual(30)
    expect(found.find((d) => d.detector === 'bot.proxy_rotation' && d.entity.type === 'actor')?.explanation).toContain('no session cookie but ones that hop between addresses')
  })
})
