/**
 * Client software: browser families with the user agents and TLS (JA4) fingerprints they
 * send, crawlers and automation tools. A family's JA4 is shared by every browser of that
 * family, as in real traffic; a UA that lies about its family keeps its real client's JA4.
 * @module
 */
import type { Rng } from './prng.ts'

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari'
export type DeviceKind = 'desktop' | 'mobile'

/** JA4 of each family's current TLS ClientHello (h2, TLS 1.3). */
export const JA4: Readonly<Record<string, string>> = Object.freeze({
  chrome: 't13d1516h2_8daaf6152771_d8a2da3f94cd',
  edge: 't13d1516h2_8daaf6152771_d8a2da3f94cd',
  firefox: 't13d1715h2_5b57614c22b0_5c2c66f702b0',
  safari: 't13d2014h2_a09f3c656075_14788d8d241b',
  headless_chrome: 't13d1517h2_8daaf6152771_b0da82dd1658',
  python_requests: 't13d1812h1_85036bcba153_375ca2c5e164',
  go_http: 't13d1311h2_f57a46bbacb6_ab7e3b40a677',
  curl: 't13d3113h2_e8f1e7e78f70_ce5650b735ce',
  googlebot: 't13d1516h2_8daaf6152771_02713d6af862',
  bingbot: 't13d1715h2_5b57614c22b0_7121afd63204',
  scanner: 't12d1309h1_c866b44c5a26_b5a3a25d8c1c',
  /** A corporate TLS-inspecting proxy: every employee's browser shows the proxy's hello. */
  tls_proxy: 't13d1311h1_e8f1e7e78f70_1f3a5c2b9d47',
  /** OkHttp on Android (the shop's app, many other apps): its own hello, not Chrome's. */
  okhttp: 't13d1713h2_5b57614c22b0_06cda9e17597',
})

/**
 * What an automation tool presents: most tools show their own TLS stack behind a copied
 * browser UA, but TLS-impersonating clients (curl-impersonate and the like) send a
 * Chrome hello with a Chrome UA, indistinguishable from a real Chrome by fingerprint.
 */
export function toolBrowser(rng: Rng, impersonateShare: number, mobileShare: number): { ua: string; ja4: string } {
  if (rng.chance(impersonateShare)) {
    const b = browserOf(rng, 'chrome', rng.chance(mobileShare) ? 'mobile' : 'desktop')
    return { ua: b.ua, ja4: b.ja4 }
  }
  return { ua: pickBrowser(rng, mobileShare).ua, ja4: JA4.go_http ?? '' }
}

const CHROME_VERSIONS = ['150', '151', '152', '153', '154', '155'] as const
const FIREFOX_VERSIONS = ['155.0', '156.0', '157.0', '158.0'] as const
const SAFARI_VERSIONS = ['26.3', '26.4', '26.5', '27.0', '27.1'] as const

export interface BrowserProfile {
  family: BrowserFamily
  kind: DeviceKind
  ua: string
  ja4: string
}

function chromeUa(rng: Rng, kind: DeviceKind, edge: boolean): string {
  const v = rng.pick(CHROME_VERSIONS)
  if (kind === 'mobile') {
    const model = rng.pick(['K', 'K', 'Pixel 9', 'SM-S928B'])
    return `Mozilla/5.0 (Linux; Android 10; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`
  }
  const os = rng.weighted([
    ['Windows NT 10.0; Win64; x64', 7],
    ['Macintosh; Intel Mac OS X 10_15_7', 3],
    ['X11; Linux x86_64', 1],
  ] as const)
  const base = `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`
  return edge ? `${base} Edg/${v}.0.0.0` : base
}

function firefoxUa(rng: Rng, kind: DeviceKind): string {
  const v = rng.pick(FIREFOX_VERSIONS)
  if (kind === 'mobile') return `Mozilla/5.0 (Android 15; Mobile; rv:${v}) Gecko/${v} Firefox/${v}`
  const os = rng.pick(['Windows NT 10.0; Win64; x64', 'Macintosh; Intel Mac OS X 10.15', 'X11; Linux x86_64'])
  return `Mozilla/5.0 (${os}; rv:${v}) Gecko/20100101 Firefox/${v}`
}

function safariUa(rng: Rng, kind: DeviceKind): string {
  const v = rng.pick(SAFARI_VERSIONS)
  if (kind === 'mobile') {
    const ios = v.replace('.', '_')
    return `Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`
  }
  return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`
}

/** A browser as the market shares of a Western shop would pick it. */
export function pickBrowser(rng: Rng, mobileShare: number): BrowserProfile {
  const kind: DeviceKind = rng.chance(mobileShare) ? 'mobile' : 'desktop'
  const family: BrowserFamily =
    kind === 'mobile'
      ? rng.weighted([['safari', 55], ['chrome', 42], ['firefox', 3]] as const)
      : rng.weighted([['chrome', 62], ['edge', 14], ['safari', 14], ['firefox', 10]] as const)
  return browserOf(rng, family, kind)
}

export function browserOf(rng: Rng, family: BrowserFamily, kind: DeviceKind): BrowserProfile {
  const ua =
    family === 'chrome' || family === 'edge'
      ? chromeUa(rng, kind, family === 'edge')
      : family === 'firefox'
        ? firefoxUa(rng, kind)
        : safariUa(rng, kind)
  return { family, kind, ua, ja4: JA4[family] ?? '' }
}

export const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
export const GOOGLEBOT_SMARTPHONE_UA =
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
export const BINGBOT_UA =
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/155.0.0.0 Safari/537.36'

export const AUTOMATION_UAS = Object.freeze({
  python_requests: ['python-requests/2.32.3', 'python-requests/2.31.0'],
  go_http: ['Go-http-client/2.0', 'Go-http-client/1.1'],
  curl: ['curl/8.11.1', 'curl/8.5.0'],
  headless_chrome: [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/154.0.0.0 Safari/537.36',
  ],
  sqlmap: ['sqlmap/1.9.2#stable (https://sqlmap.org)'],
  nikto: ['Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000562)'],
})

/** A stable client fingerprint id as a shop's device-fingerprinting script would set it. */
export function deviceId(rng: Rng): string {
  return `d${rng.hex(14)}`
}

export function sessionId(rng: Rng): string {
  return rng.hex(24)
}
