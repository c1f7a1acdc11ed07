import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { CHROME_JA4, CHROME_UA, FIREFOX_UA, person, prng, req, run, T0, testConfig } from './fixtures/traffic.ts'
import { createTlsLieDetector } from './tls-lie.ts'

const SAFARI_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15'
const CRIOS_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/147.0.7727.47 Mobile/15E148 Safari/604.1'
const INSTAGRAM_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22G86 Instagram 402.0.0.38.85 (iPhone15,2; iOS 18_6; en_GB)'
const SAMSUNG_UA = 'Mozilla/5.0 (Linux; Android 15; SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36'
const ELECTRON_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ShopDesk/3.2.0 Chrome/138.0.7204.251 Electron/37.6.0 Safari/537.36'
const SAFARI_JA4 = 't13d2014h2_a09f3c656075_14788d8d241b'
const FIREFOX_JA4 = 't13d1717h2_5b57614c22b0_3cbfd9057e0d'
const ELECTRON_JA4 = 't13d1517h2_8daaf6152771_b6f405a00624'
const GO_JA4 = 't13d1312h2_f57a46bbacb6_ab7e3b40a677'
const PROXY_JA4 = 't13d1811h2_0e3bd5b2ab5b_9c4a3bc8f511'

const detector = () => [createTlsLieDetector(testConfig({ sessionSignals: { tlsLearnVisits: 20 } }))]

let n = 0
/** `count` people rendering pages with one user agent over one JA4, each on their own address unless `ip` is given. */
function people(count: number, ua: string, ja4: string, ip?: string): HttpEvent[] {
  const rand = prng(count * 31 + ua.length)
  return Array.from({ length: count }, () => {
    n++
    return person({ ip: ip ?? `198.51.${100 + (n >> 8)}.${n & 255}`, session: `p${n}`, start: T0 + n * 5_000, pages: 4, rand, ua, extra: { tls_client_ja4: ja4 } })
  }).flat()
}

/** A client reading `pages` product pages without rendering them. */
function reader(ip: string, sid: string, ua: string, ja4: string, pages = 8): HttpEvent[] {
  return Array.from({ length: pages }, (_, i) => req({ ts: T0 + 600_000 + i * 15_000, source_ip: ip, session_id: sid, user_agent_original: ua, tls_client_ja4: ja4, url_path: `/product/${4000 + i}` }))
}

const browsers = (): HttpEvent[] => [
  ...people(30, CHROME_UA, CHROME_JA4),
  ...people(30, SAFARI_UA, SAFARI_JA4),
  ...people(12, FIREFOX_UA, FIREFOX_JA4),
]

describe('bot.tls_lie', () => {
  it('flags a Go client with a Chrome user agent, by session and address, on a TLS client no rendering visit presents', () => {
    const found = run(detector(), browsers(), reader('203.0.113.9', 'go-1', CHROME_UA, GO_JA4))
    expect(found.map((d) => d.entity.type).sort()).toEqual(['ip', 'session'])
    expect(found[0]?.threat).toBe('automation')
    expect(found[0]?.explanation).toBe(
      "8 pages from a Chromium user agent over TLS client t13d1312h2, which 0 of the shop's 30 rendering Chromium visits present, nor does any rendering visit of another engine: another TLS stack wearing the user agent",
    )
  })

  it("flags a rendering browser that claims Safari over Chromium's TLS client", () => {
    const farm = person({ ip: '86.22.74.169', session: 'farm-1', start: T0 + 900_000, pages: 6, rand: prng(5), ua: SAFARI_UA, extra: { tls_client_ja4: CHROME_JA4 } })
    const found = run(detector(), browsers(), farm)
    expect(found.find((d) => d.entity.type === 'session')?.explanation).toMatch(/^6 pages from a Safari\/WebKit user agent over TLS client t13d1516h2, which 1 of the shop's \d+ rendering Safari\/WebKit visits present, against 30 of another engine/)
  })

  it('leaves Chrome on iOS and in-app browsers (WebKit TLS), Samsung Internet and an Electron app alone', () => {
    const lookAlikes = [...people(8, CRIOS_UA, SAFARI_JA4), ...people(8, INSTAGRAM_UA, SAFARI_JA4), ...people(6, SAMSUNG_UA, CHROME_JA4), ...people(3, ELECTRON_UA, ELECTRON_JA4)]
    expect(run(detector(), browsers(), lookAlikes)).toEqual([])
  })

  it("leaves a corporate TLS-inspecting proxy's one JA4 behind every browser on its address alone", () => {
    const office = [...people(12, CHROME_UA, PROXY_JA4, '192.0.2.10'), ...people(1, FIREFOX_UA, PROXY_JA4, '192.0.2.10')]
    expect(run(detector(), browsers(), office)).toEqual([])
  })

  it('judges nothing before a family has enough rendering visits to learn from', () => {
    expect(run(detector(), people(10, CHROME_UA, CHROME_JA4), reader('203.0.113.9', 'go-1', CHROME_UA, GO_JA4))).toEqual([])
  })
})
