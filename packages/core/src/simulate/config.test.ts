import { describe, expect, it } from 'vitest'
import { isVigilError } from '../errors/vigil-error.ts'
import { knobsOf, mergeConfigData, resolveSimConfig } from './config.ts'

const BASE = `
shop: { host: shop.example, products: 100, first_product_id: 1, customers: 50, ipv6_share: 0.1, mobile_share: 0.5, peak_hour_utc: 19 }
populations:
  shoppers: { generator: shoppers, kind: benign, description: people, knobs: { visits_per_hour: 10 } }
  scraper: { generator: naive-scraper, kind: attack, class: OAT-011, description: bot, knobs: { pages_per_minute: 50 }, stealth: { pages_per_minute: 5 } }
`

function errorOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (isVigilError(e)) return `${e.code}: ${e.message}`
    throw e
  }
  return 'no error'
}

describe('resolveSimConfig', () => {
  it('merges an override key by key', () => {
    const c = resolveSimConfig(BASE, { name: 'mine.yaml', text: 'populations: { scraper: { knobs: { pages_per_minute: 7 } } }' })
    expect(c.populations.scraper?.knobs).toEqual({ pages_per_minute: 7 })
    expect(c.populations.scraper?.class).toBe('OAT-011')
    expect(c.shop.products).toBe(100)
  })

  it('uses stealth knobs only when asked', () => {
    const spec = resolveSimConfig(BASE).populations.scraper
    if (spec === undefined) throw new Error('missing')
    expect(knobsOf(spec, false).pages_per_minute).toBe(50)
    expect(knobsOf(spec, true).pages_per_minute).toBe(5)
  })

  it('names the file or the key that is wrong', () => {
    expect(errorOf(() => resolveSimConfig(BASE, { name: 'bad.yaml', text: 'a: [' }))).toMatch(/VIGIL_ERR_CONFIG_INVALID: bad\.yaml/)
    expect(errorOf(() => resolveSimConfig(BASE, { name: 'x.yaml', text: 'populations: { scraper: { window: [0.5, 0.2] } }' }))).toMatch(
      /populations\.scraper/,
    )
    expect(errorOf(() => resolveSimConfig(BASE, { name: 'x.yaml', text: 'shop: { products: many }' }))).toMatch(/shop\.products/)
    expect(errorOf(() => resolveSimConfig(BASE, { name: 'x.yaml', text: 'populations: { s2: { generator: bola, kind: attack, description: d } }' }))).toMatch(
      /class/,
    )
  })

  it('rejects a knob the generator does not read', () => {
    expect(errorOf(() => resolveSimConfig(BASE, { name: 'x.yaml', text: 'populations: { scraper: { stealth: { pages_per_minit: 3 } } }' }))).toMatch(
      /populations\.scraper\.stealth\.pages_per_minit is not a knob of generator naive-scraper \(known: pages_per_minute\)/,
    )
  })

  it('ignores prototype keys in merged data', () => {
    const merged = mergeConfigData({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}, "b": 2}')) as Record<string, unknown>
    expect(merged).toEqual({ a: 1, b: 2 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
