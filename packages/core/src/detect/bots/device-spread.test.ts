import { describe, expect, it } from 'vitest'
import { createDeviceSpreadDetector } from './device-spread.ts'
import { req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'
import type { HttpEvent } from '../../events/http-event.ts'

const spread = () => [createDeviceSpreadDetector(testConfig())]

/** One device's visits: for each, its address and network, a product page and a second page with the cookie. */
function device(id: string, hops: { ip: string; asn: number | null; at: number }[], extra: Partial<HttpEvent> = {}): HttpEvent[] {
  const out: HttpEvent[] = []
  hops.forEach((h, i) => {
    const base = { source_ip: h.ip, source_as_number: h.asn, device_id: id, ...extra }
    out.push(req({ ...base, ts: h.at, url_path: `/product/${1000 + i}`, session_id: null }))
    out.push(req({ ...base, ts: h.at + 9_000, url_path: `/product/${2000 + i}`, session_id: `${id}-s${i}`, http_request_referrer: `https://shop.example/product/${1000 + i}` }))
  })
  return out
}

/** `n` hops a minute or two apart, cycling through `networks` ASNs, each on a new address unless `addresses` is smaller. */
function hops(n: number, networks: number, addresses = n, everyMs = 90_000): { ip: string; asn: number; at: number }[] {
  return Array.from({ length: n }, (_, i) => ({ ip: `100.${70 + (i % networks)}.${i % addresses}.9`, asn: 64_500 + (i % networks), at: T0 + 60_000 + i * everyMs }))
}

describe('bot.device_spread', () => {
  it('flags a device id that moves from address to address across many networks, with each address and session', () => {
    const found = run(spread(), shoppers(20, 1), device('dev-farm', hops(30, 9)))
    const dev = found.find((d) => d.entity.type === 'device')
    expect(dev?.threat).toBe('OAT-011')
    expect(dev?.explanation).toMatch(/^one device id on 30 addresses in 9 networks in \d+ min, one after another \(0 returns to an address\), (\d+) of \1 requests content served$/)
    expect(found.filter((d) => d.entity.type === 'ip')).toHaveLength(30)
    expect(found.filter((d) => d.entity.type === 'session')).toHaveLength(30)
  })

  it('counts /24 blocks as networks where the log has no ASN', () => {
    // Six /24 blocks, two addresses in each.
    const found = run(spread(), device('dev-farm', hops(12, 6).map((h, i) => ({ ...h, ip: `100.${70 + (i % 6)}.0.${i + 1}`, asn: null }))))
    expect(found.find((d) => d.entity.type === 'device')?.evidence).toContainEqual({ field: 'networks', value: 6 })
  })

  it('leaves a phone on a carrier NAT that hands it a new address every few minutes, with home Wi-Fi, alone', () => {
    const mobile = hops(24, 1)
    const home = Array.from({ length: 6 }, (_, i) => ({ ip: '81.2.3.4', asn: 3320, at: T0 + 30_000 + i * 400_000 }))
    expect(run(spread(), shoppers(20, 2), device('dev-phone', [...mobile, ...home].sort((a, b) => a.at - b.at)))).toEqual([])
  })

  it('leaves a traveller (home, airport, hotel, roaming) and a VPN shopper switching exits alone', () => {
    const traveller = [{ ip: '81.2.3.4', asn: 3320, at: T0 }, { ip: '193.0.10.2', asn: 1200, at: T0 + 600_000 }, { ip: '62.1.2.3', asn: 5410, at: T0 + 1_500_000 }, { ip: '100.80.1.1', asn: 64_600, at: T0 + 2_400_000 }]
    const vpn = hops(14, 3)
    expect(run(spread(), shoppers(20, 3), device('dev-traveller', traveller), device('dev-vpn', vpn))).toEqual([])
  })

  it('leaves a family tablet on home Wi-Fi and a parent phone alone', () => {
    const tablet = Array.from({ length: 20 }, (_, i) => ({ ip: i % 2 === 0 ? '81.2.3.4' : '100.64.9.9', asn: i % 2 === 0 ? 3320 : 64_700, at: T0 + i * 120_000 }))
    expect(run(spread(), device('dev-tablet', tablet))).toEqual([])
  })

  it('leaves a device id many people share (a weak fingerprint), browsing at the same time from their own networks, alone', () => {
    const events: HttpEvent[] = []
    for (let p = 0; p < 40; p++) {
      const start = T0 + p * 30_000
      // Each person reads six pages over five minutes, so their requests interleave.
      events.push(...device('dev-iphone-15-default', Array.from({ length: 3 }, (_, i) => ({ ip: `100.${90 + (p % 20)}.${p}.1`, asn: 64_800 + (p % 20), at: start + i * 100_000 }))))
    }
    expect(run(spread(), events.sort((a, b) => a.ts - b.ts))).toEqual([])
  })

  it('leaves a rotating device whose requests are mostly refused (not content) and a declared crawler alone', () => {
    const refused = device('dev-login', hops(20, 8), { http_request_method: 'POST', http_response_status_code: 401 })
    const crawler = device('dev-bot', hops(20, 8), { user_agent_bot_name: 'Googlebot' })
    expect(run(spread(), refused, crawler)).toEqual([])
  })

  it('forgets addresses not used within the window', () => {
    // 12 addresses over 6 networks, one every 8 minutes: never 10 within an hour.
    expect(run(spread(), device('dev-slow', hops(12, 6, 12, 480_000)))).toEqual([])
  })
})
