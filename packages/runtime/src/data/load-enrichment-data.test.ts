import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { classifyUserAgent, createEnricher, formatIpv4, parseCidr, UA_BOT_KINDS, type EnrichmentData, type Enricher } from '@vigil/core'
import { loadEnrichmentData, loadUaRules } from './load-enrichment-data.ts'
import { BUNDLED_DATA_DIR } from './package-files.ts'

let data: EnrichmentData
let enricher: Enricher
const warnings: string[] = []
const scratch = mkdtempSync(join(tmpdir(), 'vigil-enrich-test-'))
const torFile = join(scratch, 'tor-exits.txt')

beforeAll(async () => {
  writeFileSync(torFile, '# Tor exit addresses\n185.220.101.1\n185.220.102.0/24 # a block\nnot-an-address\n')
  // The default cache directory: the first run on a machine builds it, later runs read it.
  data = await loadEnrichmentData({
    extraLists: [{ name: 'tor-exits', flag: 'tor', file: torFile }],
    onWarning: (m) => warnings.push(m),
  })
  enricher = createEnricher(data, { trustedProxies: [] })
}, 120_000)

/** An address inside the first block of a bundled list of the given family. */
function addressIn(list: string, family: 4 | 6): string {
  const lines = readFileSync(join(BUNDLED_DATA_DIR, 'ip-ranges', `${list}.txt`), 'utf8').split('\n')
  for (const line of lines) {
    const r = parseCidr(line)
    if (r?.version === 4 && family === 4) return formatIpv4(r.start + Math.floor((r.end - r.start) / 2))
    if (r?.version === 6 && family === 6) return line.split('/')[0]!
  }
  throw new Error(`no IPv${family} block in ${list}`)
}

describe('AS and country lookups on the bundled data', () => {
  it.each([
    ['1.1.1.1', 13335, /cloudflare/i],
    ['8.8.8.8', 15169, /google/i],
    ['2001:4860:4860::8888', 15169, /google/i],
  ])('%s is AS%d', (ip, asn, org) => {
    const info = enricher.lookupIp(ip)
    expect(info.asNumber).toBe(asn)
    expect(info.asOrganization).toMatch(org)
  })

  it('finds the country of public addresses and none for private ones', () => {
    expect(enricher.lookupIp('8.8.8.8').country).toBe('US')
    expect(enricher.lookupIp('::ffff:8.8.8.8').country).toBe('US')
    expect(enricher.lookupIp('192.168.1.1')).toMatchObject({ country: null, asNumber: null })
  })
})

describe('range flags on the bundled lists', () => {
  it('flags a Googlebot address as a crawler and names the list', () => {
    const ip = addressIn('googlebot', 4)
    expect(enricher.lookupIp(ip).flags).toContain('crawler')
    expect(enricher.ipRangeLists(ip)).toContain('googlebot')
  })

  it.each([
    ['amazon-aws', 4, 'cloud'],
    ['amazon-aws', 6, 'cloud'],
    ['cloudflare', 4, 'cdn'],
    ['icloud-private-relay', 6, 'relay'],
    ['censys-scanning', 4, 'scanner'],
  ] as const)('flags an address of %s (IPv%d) as %s', (list, family, flag) => {
    const ip = addressIn(list, family)
    expect(enricher.lookupIp(ip).flags).toContain(flag)
    expect(enricher.ipRangeLists(ip)).toContain(list)
  })

  it.each(['10.1.2.3', '172.16.0.1', '192.168.0.1', '127.0.0.1', '169.254.1.1', '::1', 'fe80::1', 'fd00::1'])(
    'flags %s as private',
    (ip) => {
      expect(enricher.lookupIp(ip).flags).toContain('private')
    },
  )

  it('adds a user-supplied Tor list and reports its bad line', () => {
    expect(enricher.lookupIp('185.220.101.1').flags).toContain('tor')
    expect(enricher.lookupIp('185.220.102.77').lists).toContain('tor-exits')
    expect(enricher.lookupIp('185.220.103.1').flags).not.toContain('tor')
    expect(warnings.some((w) => w.includes('tor-exits') && w.includes('1 entries'))).toBe(true)
  })

  it('notices when a user-supplied list changes and recompiles the cached index', async () => {
    const file = join(scratch, 'changing.txt')
    const lookup = async (ip: string) =>
      createEnricher(await loadEnrichmentData({ extraLists: [{ name: 'changing', flag: 'tor', file }] }), { trustedProxies: [] }).lookupIp(ip).lists
    writeFileSync(file, '198.51.100.1\n')
    expect(await lookup('198.51.100.1')).toContain('changing')
    writeFileSync(file, '198.51.100.2\n')
    utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    expect(await lookup('198.51.100.1')).not.toContain('changing')
    expect(await lookup('198.51.100.2')).toContain('changing')
  })

  it('fails with VIGIL_ERR_DATA_MISSING when an extra list file does not exist', async () => {
    await expect(
      loadEnrichmentData({ extraLists: [{ name: 'x', flag: 'tor', file: join(scratch, 'missing.txt') }] }),
    ).rejects.toMatchObject({ code: 'VIGIL_ERR_DATA_MISSING' })
  })
})

describe('user-agent classification with the shipped rules', () => {
  const classify = (ua: string) => classifyUserAgent(ua, data.uaRules)

  it.each([
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:145.0) Gecko/20100101 Firefox/145.0',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  ])('does not flag the browser %s', (ua) => {
    const info = classify(ua)
    expect(info.botKind).toBeNull()
    expect(info.staleVersion).toBeNull()
    expect(info.name).not.toBeNull()
  })

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'crawler', 'Googlebot'],
    ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'crawler', 'Bingbot'],
    ['Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', 'crawler', 'AhrefsBot'],
    ['Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)', 'ai_crawler', 'GPTBot'],
    ['Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)', 'ai_crawler', 'ClaudeBot'],
    ['CCBot/2.0 (https://commoncrawl.org/faq/)', 'ai_crawler', 'CCBot'],
    ['python-requests/2.32.3', 'automation', 'python-requests'],
    ['curl/8.5.0', 'automation', 'curl'],
    ['Go-http-client/1.1', 'automation', 'Go-http-client'],
    ['Scrapy/2.11.0 (+https://scrapy.org)', 'automation', 'Scrapy'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36', 'headless', 'HeadlessChrome'],
    ['Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 'monitor', 'UptimeRobot'],
    ['sqlmap/1.8#stable (https://sqlmap.org)', 'scanner', 'sqlmap'],
    ['Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)', 'scanner', 'Nikto'],
    ['Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)', 'scanner', 'Nmap'],
  ])('flags %s', (ua, kind, name) => {
    expect(classify(ua)).toMatchObject({ botKind: kind, botName: name })
  })

  it('compiles the same rules from its JSON cache as from the YAML file', () => {
    const dir = mkdtempSync(join(scratch, 'ua-cache-'))
    const first = loadUaRules({ cacheDir: dir })
    const second = loadUaRules({ cacheDir: dir })
    expect([first.from, second.from]).toEqual(['source', 'cache'])
    expect(second.value).toEqual(first.value)
    expect(second.value).toEqual(data.uaRules)
  })

  it('has a rule of every bot kind', () => {
    expect(new Set(data.uaRules.rules.map((r) => r.kind))).toEqual(new Set(UA_BOT_KINDS))
  })

  it.each([
    ['nested parentheses', `Mozilla/5.0 ${'('.repeat(100_000)}`],
    ['semicolon lists', `Mozilla/5.0 (${'a; '.repeat(33_000)})`],
    ['version soup', `Chrome/${'1.'.repeat(50_000)}`],
    ['bot tokens', 'bota'.repeat(25_000)],
  ])('classifies a 100 KB user agent of %s by its head only', (_, ua) => {
    const info = classify(ua)
    expect(info.truncated).toBe(true)
    expect(info.botName?.length ?? 0).toBeLessThanOrEqual(data.uaRules.maxLength)
  })

  it('reports a stale Chrome version', () => {
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.88 Safari/537.36'
    expect(classify(ua).staleVersion).toMatchObject({ reason: 'too_old', major: 79 })
  })

  const fixture = (name: string) =>
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').split('\n').filter((l) => l !== '')

  it.each(fixture('isbot-browsers-sample.txt'))('does not flag the isbot browser fixture %s', (ua) => {
    expect(classify(ua).botKind).toBeNull()
  })

  it('flags at least 85 % of the isbot crawler sample', () => {
    const crawlers = fixture('isbot-crawlers-sample.txt')
    const flagged = crawlers.filter((ua) => classify(ua).botKind !== null)
    expect(flagged.length / crawlers.length).toBeGreaterThanOrEqual(0.85)
  })
})
