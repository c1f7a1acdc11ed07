import { describe, expect, it } from 'vitest'
import type { HttpEvent } from '../../events/http-event.ts'
import { createSearchStreamDetector, searchTermOf } from './search-stream.ts'
import { CHROME_UA, FIREFOX_UA, req, run, SHOP, T0, testConfig } from './fixtures/traffic.ts'

const detector = () => [createSearchStreamDetector(testConfig())]
const MIN = 60_000
const WORDS = ['oak', 'linen', 'velvet', 'jute', 'brass', 'marble', 'walnut', 'rattan']
const NOUNS = ['table', 'sofa', 'lamp', 'rug', 'shelf', 'mirror', 'chair', 'throw']

/** One visit of one address: search pages for `terms`, then the products it opens, each page rendered (assets), `gap` apart. */
function visit(ip: string, start: number, terms: string[], opened: number, o: { ua?: string | ((i: number) => string); gap?: number } = {}): HttpEvent[] {
  const out: HttpEvent[] = []
  let t = start
  let prev: string | null = null
  const pages = [...terms.map((term) => ({ path: '/', query: `s=${term.replaceAll(' ', '+')}&post_type=product` })), ...Array.from({ length: opened }, (_, i) => ({ path: `/product/${3000 + i}`, query: null }))]
  for (const [i, p] of pages.entries()) {
    const ua = typeof o.ua === 'function' ? o.ua(i) : (o.ua ?? CHROME_UA)
    out.push(req({ ts: t, source_ip: ip, user_agent_original: ua, url_path: p.path, url_query: p.query, http_request_referrer: prev }))
    const self = `${SHOP}${p.path}${p.query === null ? '' : `?${p.query}`}`
    out.push(req({ ts: t + 400, source_ip: ip, user_agent_original: ua, url_path: '/static/app.css', http_request_referrer: self }))
    out.push(req({ ts: t + 900, source_ip: ip, user_agent_original: ua, url_path: '/collect', http_request_method: 'POST', http_response_status_code: 204, http_request_referrer: self }))
    prev = self
    t += o.gap ?? 15_000
  }
  return out
}

const terms = (n: number, offset: number): string[] => Array.from({ length: n }, (_, i) => `${WORDS[(i + offset) % WORDS.length]} ${NOUNS[(i * 3 + offset) % NOUNS.length]}`)

/** People who search a lot and open what they find: `n` visits of 5-7 searches, then one to three products. */
function searchers(n: number, start = T0): HttpEvent[] {
  return Array.from({ length: n }, (_, i) => visit(`198.51.100.${i + 1}`, start + i * 2 * MIN, terms(5 + (i % 3), i), 1 + (i % 3))).flat()
}

describe('bot.search_stream', () => {
  it('names every address of visits that search term after term and open nothing, and the stream itself', () => {
    const stream = Array.from({ length: 6 }, (_, i) => visit(`203.0.113.${i + 1}`, T0 + 5 * MIN + i * 3 * MIN, terms(6, i * 2), 0)).flat()
    const found = run(detector(), searchers(4), stream)
    const ips = found.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value)
    expect(ips.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `203.0.113.${i + 1}`))
    expect(found.some((d) => d.entity.type === 'actor' && d.entity.value === 'search_stream')).toBe(true)
    expect(found.find((d) => d.entity.value === '203.0.113.1')?.explanation).toMatch(
      /^6 searches in 76 s \("oak table", "linen rug", "velvet chair", …\) and not one result opened: one of \d+ visits in 60 min from \d+ addresses that searched 4 terms or more and opened nothing, of \d+ that searched as much, where people who search that much open what they find; a scraper reading the shop's search results$/,
    )
  })

  it('leaves alone people who search a lot and open what they find, and the few who give up', () => {
    const givingUp = Array.from({ length: 3 }, (_, i) => visit(`192.0.2.${i + 1}`, T0 + 10 * MIN + i * MIN, terms(5, i + 4), 0)).flat()
    expect(run(detector(), searchers(20), givingUp)).toEqual([])
  })

  it('names exits that search four terms each and open nothing, and no one who searched three and gave up, or four and opened one', () => {
    const exits = Array.from({ length: 6 }, (_, i) => visit(`203.0.113.${i + 1}`, T0 + 5 * MIN + i * 3 * MIN, terms(4, i * 2), 0)).flat()
    const people = [
      ...Array.from({ length: 6 }, (_, i) => visit(`198.51.100.${i + 101}`, T0 + 4 * MIN + i * 3 * MIN, terms(3, i), 0)),
      visit('198.51.100.201', T0 + 6 * MIN, terms(4, 3), 1),
    ].flat()
    const ips = run(detector(), searchers(4), people, exits).filter((d) => d.entity.type === 'ip').map((d) => d.entity.value)
    expect(ips.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `203.0.113.${i + 1}`).sort())
  })

  it('names no one while the streams are fewer than the people who search as much and open results', () => {
    const stream = Array.from({ length: 6 }, (_, i) => visit(`203.0.113.${i + 1}`, T0 + 5 * MIN + i * 3 * MIN, terms(6, i * 2), 0)).flat()
    expect(run(detector(), searchers(20), stream)).toEqual([])
  })

  it('does not judge an address whose requests carry several user agents: a carrier NAT is many people', () => {
    const nat = Array.from({ length: 6 }, (_, i) => visit(`100.64.0.${i + 1}`, T0 + 5 * MIN + i * 3 * MIN, terms(6, i), 0, { ua: (k) => (k % 2 === 0 ? CHROME_UA : FIREFOX_UA) })).flat()
    expect(run(detector(), searchers(4), nat)).toEqual([])
  })

  it('reads the search term from the shop search parameters, decoded', () => {
    const params = new Set(['s', 'q'])
    expect(searchTermOf('s=oak+table&post_type=product', params)).toBe('oak table')
    expect(searchTermOf('post_type=product&q=%C3%A9T%C3%A9', params)).toBe('été')
    expect(searchTermOf('s=&post_type=product', params)).toBeNull()
    expect(searchTermOf('orderby=price', params)).toBeNull()
    expect(searchTermOf(null, params)).toBeNull()
  })
})
