import { describe, expect, it } from 'vitest'
import { createProxyRotationDetector } from './proxy-rotation.ts'
import { CHROME_UA, FIREFOX_UA, person, prng, req, run, shoppers, T0, testConfig } from './fixtures/traffic.ts'
import type { HttpEvent } from '../../events/http-event.ts'

const rotation = () => [createProxyRotationDetector(testConfig())]

/** A scraper on a residential proxy pool: 150 IPs across many networks, 2 cookieless page loads each. */
function rotatingScraper(): HttpEvent[] {
  return Array.from({ length: 300 }, (_, i) =>
    req({ ts: T0 + 30_000 + i * 1500, source_ip: `10.${i >> 1}.${(i >> 1) % 7}.9`, source_as_number: 7000 + ((i >> 1) % 40), url_path: `/product/${5000 + i}` }),
  )
}

describe('bot.proxy_rotation', () => {
  it('flags one client fingerprint rotating over many IPs, and each IP it used', () => {
    const found = run(rotation(), shoppers(30, 1), rotatingScraper())
    const actor = found.find((d) => d.entity.type === 'actor' && d.entity.value.includes(' ua='))
    expect(actor?.entity.value).toMatch(/^ja4=t13d1516h2_8daaf6152771_02713d6af862 ua=Mozilla/)
    expect(actor?.explanation).toMatch(
      /^300 requests in 8 min from one client fingerprint rotating over 150 IPs in 40 networks, 2\.0 requests each, no static assets and no session cookie \(\d+% of its visits\)$/,
    )
    expect(actor?.related).toHaveLength(20)
    const ips = found.filter((d) => d.entity.type === 'ip')
    expect(ips).toHaveLength(150)
    expect(ips.every((d) => d.related[0]?.type === 'actor')).toBe(true)
  })

  it('flags one TLS client behind user agents of different browser engines', () => {
    const uas = [CHROME_UA, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1', FIREFOX_UA]
    const spoofed = rotatingScraper().map((e, i) => ({ ...e, user_agent_original: uas[(i >> 1) % 3] ?? null, tls_client_ja4: 't13d1311h2_f57a46bbacb6_ab7e3b40a677' }))
    const tls = run(rotation(), shoppers(30, 9), spoofed).find((d) => d.entity.value === 'ja4=t13d1311h2_f57a46bbacb6_ab7e3b40a677')
    expect(tls?.explanation).toContain('one TLS client behind chromium, firefox and webkit user agents')
    expect(tls?.explanation).toContain('from one TLS client rotating over 150 IPs')
  })

  it('leaves a popular browser build used by many people on many IPs alone', () => {
    const rand = prng(5)
    const people = Array.from({ length: 150 }, (_, i) => person({ ip: `10.${i}.0.1`, session: `s${i}`, start: T0 + i * 4000, pages: 3, rand }))
    expect(run(rotation(), shoppers(30, 2), ...people)).toEqual([])
  })

  it('leaves a carrier CGNAT pool (many addresses in one /24, people behind each) alone', () => {
    const rand = prng(6)
    const mobile = Array.from({ length: 200 }, (_, i) => person({ ip: `100.64.7.${i % 60}`, session: `m${i}`, start: T0 + i * 2500, pages: 4, rand, extra: { source_as_number: 64500 } }))
    expect(run(rotation(), shoppers(30, 3), ...mobile)).toEqual([])
  })

  it('does not name people sharing the rotating build whose cached pages sent only their scripts\' calls', () => {
    // Returning visitors on the scraper's browser build: assets cached, but each page's script
    // calls the cart API and posts a beacon. Their visits show pages and no asset, as the scraper's do.
    const returning = Array.from({ length: 40 }, (_, i) => {
      const at = T0 + 45_000 + i * 11_000
      const ip = `172.16.${i}.7`
      return [
        req({ ts: at, source_ip: ip, url_path: `/product/${9000 + i}`, http_request_referrer: 'https://www.google.com/' }),
        req({ ts: at + 700, source_ip: ip, url_path: '/api/cart' }),
        req({ ts: at + 1500, source_ip: ip, http_request_method: 'POST', url_path: '/events', http_response_status_code: 204, http_request_referrer: `https://shop.example/product/${9000 + i}` }),
      ]
    }).flat()
    const found = run(rotation(), shoppers(30, 11), rotatingScraper(), returning)
    expect(found.filter((d) => d.entity.type === 'ip').length).toBe(150)
    expect(found.filter((d) => d.entity.value.startsWith('172.16.'))).toEqual([])
  })

  it('calls rotation that harvests no content automation, not scraping', () => {
    const logins = rotatingScraper().map((e) => ({ ...e, http_request_method: 'POST', url_path: '/login', http_response_status_code: 401 }))
    const found = run(rotation(), shoppers(30, 10), logins)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((d) => d.threat === 'automation')).toBe(true)
    expect(found[0]?.explanation).toContain('mostly not content (POST /login)')
  })

  it('skips declared bots, which do not hide', () => {
    const declared = rotatingScraper().map((e) => ({ ...e, user_agent_original: 'AhrefsBot/7.0', user_agent_bot_name: 'AhrefsBot', user_agent_bot_kind: 'crawler' }))
    expect(run(rotation(), shoppers(30, 4), declared)).toEqual([])
  })
})
