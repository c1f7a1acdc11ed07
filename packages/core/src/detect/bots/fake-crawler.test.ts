import { describe, expect, it } from 'vitest'
import { createFakeCrawlerDetector } from './fake-crawler.ts'
import { req, run, T0, testConfig } from './fixtures/traffic.ts'
import type { IpFlag } from '../../events/http-event.ts'

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

function crawl(ip: string, flags: IpFlag[] | null, name = 'Googlebot', kind = 'crawler') {
  return Array.from({ length: 25 }, (_, i) =>
    req({ ts: T0 + i * 1000, source_ip: ip, user_agent_original: GOOGLEBOT, user_agent_bot_name: name, user_agent_bot_kind: kind, source_ip_flags: flags, source_as_number: 14061, source_as_organization_name: 'DigitalOcean', url_path: `/product/${i}` }),
  )
}

describe('bot.fake_crawler', () => {
  it('flags a Googlebot user agent outside Google’s published ranges, worse from a datacenter', () => {
    const [d, ...rest] = run([createFakeCrawlerDetector(testConfig())], crawl('203.0.113.5', ['cloud']))
    expect(rest).toEqual([])
    expect(d?.detector).toBe('bot.fake_crawler')
    expect(d?.score).toBe(90)
    expect(d?.count).toBe(25)
    expect(d?.explanation).toBe("25 requests claiming to be Googlebot from 203.0.113.5 (AS14061 DigitalOcean), outside Googlebot's published crawler ranges and networks")
    const residential = run([createFakeCrawlerDetector(testConfig())], crawl('203.0.113.6', []))
    expect(residential[0]?.score).toBe(80)
  })

  it('never flags a verified crawler, by ranges or by its operator network', () => {
    expect(run([createFakeCrawlerDetector(testConfig())], crawl('66.249.66.1', ['crawler']))).toEqual([])
    const fromGoogle = crawl('66.249.90.37', []).map((e) => ({ ...e, source_as_number: 15169 }))
    expect(run([createFakeCrawlerDetector(testConfig())], fromGoogle)).toEqual([])
  })

  it('stays silent when it cannot verify: no IP enrichment, or a crawler without published ranges', () => {
    expect(run([createFakeCrawlerDetector(testConfig())], crawl('203.0.113.5', null))).toEqual([])
    expect(run([createFakeCrawlerDetector(testConfig())], crawl('203.0.113.5', ['cloud'], 'AhrefsBot'))).toEqual([])
  })
})
