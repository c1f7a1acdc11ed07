import { describe, expect, it } from 'vitest'
import { createParser } from '../ingest/create-parser.ts'
import { detectFormat } from '../ingest/detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../ingest/parser.ts'
import { collectResults } from '../ingest/parsers/collect-results.ts'
import { resolveSimConfig } from './config.ts'
import { perIpLabels, plainAccessLine } from './plain-log.ts'
import { ShopSimulation } from './simulate.ts'

const BASE = `
shop: { host: shop.example, products: 100, first_product_id: 1, customers: 50, ipv6_share: 0.1, mobile_share: 0.5, peak_hour_utc: 19 }
populations:
  shoppers: { generator: shoppers, kind: benign, description: people, knobs: { visits_per_hour: 200, returning_share: 0.5, cgnat_share: 0.5, pages_mean: 4, think_seconds: 10, cart_rate: 0.3, checkout_rate: 0.5, typo_rate: 0.1, reset_rate: 0, coupon_rate: 0.1, register_rate: 0.1, mfa_share: 0, review_rate: 0 } }
  scraper: { generator: naive-scraper, kind: attack, class: OAT-011, description: bot, knobs: { pages_per_minute: 50 } }
`

describe('plain access log', () => {
  const sim = new ShopSimulation(resolveSimConfig(BASE), { seed: 3, hours: 0.5, scale: 1 })
  const lines = [...sim.lines()]
  const access = lines.filter((l) => l.file === 'access').map((l) => plainAccessLine(l.text))

  it('is combined format with no session, TLS, user or device field', () => {
    expect(access.length).toBeGreaterThan(100)
    expect(detectFormat(access.slice(0, 50))).toBe('combined')
    const results = collectResults(createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: 'plain.log' }), access)
    const events = results.flatMap((r) => (r.kind === 'http' ? [r.event] : []))
    expect(events.length).toBe(access.length)
    for (const e of events) {
      expect(e.session_id).toBeNull()
      expect(e.tls_client_ja4).toBeNull()
      expect(e.device_id).toBeNull()
      expect(e.source_ip).not.toBeNull()
      expect(e.user_agent_original).not.toBeNull()
    }
  })

  it('keeps a user agent that holds an escaped quote and the text " rt=" whole', () => {
    const line = '1.2.3.4 - - [02/Nov/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x\\x22 rt=1" rt=0.001 host=h sid=- ja4=- uid=- dev=-'
    expect(plainAccessLine(line)).toBe('1.2.3.4 - - [02/Nov/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x\\x22 rt=1"')
  })

  it('labels IP addresses only, with the populations they came from', () => {
    const labels = sim.labels()
    const ip = perIpLabels(labels)
    expect(ip.entities.ip).toEqual(labels.entities.ip)
    expect(Object.keys(labels.entities.session).length).toBeGreaterThan(0)
    expect(ip.entities.session).toEqual({})
    expect(ip.entities.account).toEqual({})
    expect(ip.entities.device).toEqual({})
    expect(Object.values(ip.entities.ip).some((p) => p.includes('scraper'))).toBe(true)
  })
})
