/**
 * User-agent anomalies beyond the enrichment's bot classification: the claimed browser
 * and major version (stale or not yet released at the event's date), headless markers,
 * and a TLS client (ja4) that cannot belong to the browser the user agent claims.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'

export interface ClaimedBrowser {
  family: string
  major: number
  headless: boolean
}

const MAX_UA = 1024
const DAY_MS = 86_400_000

/** The browser a UA string claims through its product tokens (`Chrome/120.0`), most specific first. */
export function claimedBrowser(ua: string, families: readonly string[]): ClaimedBrowser | null {
  const s = ua.length > MAX_UA ? ua.slice(0, MAX_UA) : ua
  for (const family of families) {
    const at = s.indexOf(`${family}/`)
    if (at < 0) continue
    // `Chrome/` inside `HeadlessChrome/` is the same engine with its headless marker.
    const headless = s.startsWith('Headless', at - 8)
    let i = at + family.length + 1
    let major = 0
    const start = i
    while (i < s.length && i - start < 6) {
      const c = s.charCodeAt(i)
      if (c < 48 || c > 57) break
      major = major * 10 + (c - 48)
      i++
    }
    if (i === start) continue
    return { family, major, headless }
  }
  return null
}

export type VersionVerdict = 'current' | 'stale' | 'impossible'

// Parsed once per configured release rather than once per event.
const anchorMs = new WeakMap<object, number>()

export function versionVerdict(browser: ClaimedBrowser, ts: number, config: DetectConfig): VersionVerdict {
  const release = config.browsers.find((b) => b.family === browser.family)
  if (release === undefined) return 'current'
  let anchor = anchorMs.get(release)
  if (anchor === undefined) {
    anchor = Date.parse(release.anchorDate)
    anchorMs.set(release, anchor)
  }
  const expected = release.anchorVersion + Math.floor((ts - anchor) / (release.cadenceDays * DAY_MS))
  if (browser.major > expected + config.futureMajors) return 'impossible'
  if (browser.major < expected - config.staleMajors) return 'stale'
  return 'current'
}

/**
 * Why the ja4 cannot be the claimed browser's, or null. Every current desktop and mobile
 * browser negotiates TLS 1.3, sends SNI and offers HTTP/2 (or HTTP/3 over QUIC); an HTTP
 * library wearing a browser's user agent usually does not.
 */
export function ja4Mismatch(browser: ClaimedBrowser, ja4: string, config: DetectConfig): string | null {
  const a = ja4.split('_', 1)[0] ?? ''
  if (a.length < 10) return null
  const version = a.slice(1, 3)
  const sni = a[3]
  const alpn = a.slice(8, 10)
  if (version !== '13') return `TLS ${version === '12' ? '1.2' : version} only`
  if (sni === 'i') return 'no SNI'
  if (alpn !== 'h2' && alpn !== 'h3') return alpn === '00' ? 'no ALPN' : `ALPN ${alpn}, not HTTP/2`
  const known = config.ja4BrowserPrefixes[browser.family]
  if (known !== undefined && known.length > 0 && !known.some((p) => a.startsWith(p))) {
    return `TLS client ${a} unlike ${browser.family}'s`
  }
  return null
}

export interface UaFindings {
  readonly browser: ClaimedBrowser | null
  /** Automation library, headless browser or scanner named by the enrichment or a headless marker. */
  readonly automation: string | null
  readonly mismatch: string | null
  readonly version: VersionVerdict
  /**
   * The browser engine the user agent claims (`tlsFamilyOf`), also for browsers without a
   * release cadence (Safari, every iOS browser, in-app browsers): who claims to render pages.
   */
  readonly engine: TlsFamily | null
}

const AUTOMATION_KINDS = new Set(['automation', 'headless', 'scanner'])

export function uaFindings(e: HttpEvent, families: readonly string[], config: DetectConfig): UaFindings {
  const ua = e.user_agent_original
  const browser = ua === null ? null : claimedBrowser(ua, families)
  const automation = automationOf(e, browser)
  const mismatch =
    browser !== null && !browser.headless && e.tls_client_ja4 !== null ? ja4Mismatch(browser, e.tls_client_ja4, config) : null
  const version = browser === null ? 'current' : versionVerdict(browser, e.ts, config)
  return { browser, automation, mismatch, version, engine: ua === null ? null : tlsFamilyOf(ua) }
}

interface UaEntry {
  browser: ClaimedBrowser | null
  engine: TlsFamily | null
  /** ja4 → mismatch, for this user agent's claimed browser. */
  mismatch: Map<string, string | null>
  /** The findings returned last, returned again while they are the same. */
  last: UaFindings | null
}

// Caches are dropped whole when full: simple, bounded, and the hot entries refill at once.
const MAX_CACHED_UAS = 20_000
const MAX_JA4_PER_UA = 64

/**
 * `uaFindings` with the parsing cached per user agent and per (user agent, ja4): the same
 * few clients repeat over millions of events, so only the date check runs per event. The
 * findings are shared (equal findings for one user agent are one object): read them only.
 */
export function createUaAnalyzer(families: readonly string[], config: DetectConfig): (e: HttpEvent) => UaFindings {
  const byUa = new Map<string, UaEntry>()
  // The last event's user agent and ja4 with what they looked up: a page's assets come from the
  // client that fetched it, and a user agent read from a log line is a new string every time,
  // which each Map look-up hashes whole. Entries stay true after the caches drop them.
  let lastUa: string | null = null
  let lastJa4: string | null = null
  let lastEntry: UaEntry | undefined
  let lastMismatch: string | null = null
  return (e) => {
    const ua = e.user_agent_original
    const ja4 = e.tls_client_ja4
    let entry: UaEntry | undefined
    let mismatch: string | null = null
    if (ua !== null && ua === lastUa && ja4 === lastJa4) {
      entry = lastEntry
      mismatch = lastMismatch
    } else if (ua !== null) {
      entry = byUa.get(ua)
      if (entry === undefined) {
        if (byUa.size >= MAX_CACHED_UAS) byUa.clear()
        entry = { browser: claimedBrowser(ua, families), engine: tlsFamilyOf(ua), mismatch: new Map(), last: null }
        byUa.set(ua, entry)
      }
      const claimed = entry.browser
      if (claimed !== null && !claimed.headless && ja4 !== null) {
        const cached = entry.mismatch.get(ja4)
        if (cached === undefined) {
          if (entry.mismatch.size >= MAX_JA4_PER_UA) entry.mismatch.clear()
          mismatch = ja4Mismatch(claimed, ja4, config)
          entry.mismatch.set(ja4, mismatch)
        } else {
          mismatch = cached
        }
      }
      lastUa = ua
      lastJa4 = ja4
      lastEntry = entry
      lastMismatch = mismatch
    }
    const browser = entry?.browser ?? null
    const automation = automationOf(e, browser)
    const version = browser === null ? 'current' : versionVerdict(browser, e.ts, config)
    const last = entry?.last
    if (last != null && last.automation === automation && last.mismatch === mismatch && last.version === version) return last
    const findings: UaFindings = { browser, automation, mismatch, version, engine: entry?.engine ?? null }
    if (entry !== undefined) entry.last = findings
    return findings
  }
}

/** The findings of the event in hand, for every detector of a run (`createEventUa`). */
export type EventUa = (e: HttpEvent) => UaFindings

/**
 * One user-agent finding per event for all the bot detectors of a run (the registry builds one and
 * hands it to each): `createUaAnalyzer` behind a memo of its last answer, by all it is a function of
 * (time, user agent, ja4, the enrichment's bot kind and name). The engine hands every detector the
 * same event, so the first to ask computes it and the others read it; the memo compares values, not
 * the event object, so a caller that refills one object per request gets a fresh answer.
 */
export function createEventUa(config: DetectConfig): EventUa {
  const analyse = createUaAnalyzer(browserFamilies(config), config)
  let last: UaFindings | null = null
  let ts = 0
  let ua: string | null = null
  let ja4: string | null = null
  let kind: string | null = null
  let name: string | null = null
  return (e) => {
    if (last !== null && e.ts === ts && e.user_agent_original === ua && e.tls_client_ja4 === ja4 && e.user_agent_bot_kind === kind && e.user_agent_bot_name === name) return last
    ts = e.ts
    ua = e.user_agent_original
    ja4 = e.tls_client_ja4
    kind = e.user_agent_bot_kind
    name = e.user_agent_bot_name
    last = analyse(e)
    return last
  }
}

function automationOf(e: HttpEvent, browser: ClaimedBrowser | null): string | null {
  if (e.user_agent_bot_kind !== null && AUTOMATION_KINDS.has(e.user_agent_bot_kind)) return e.user_agent_bot_name ?? e.user_agent_bot_kind
  return browser?.headless === true ? `Headless${browser.family}` : null
}

/** Families to look for, most specific token first (Edge's UA also says Chrome and Safari). */
export function browserFamilies(config: DetectConfig): string[] {
  const names = config.browsers.map((b) => b.family)
  const rank = (f: string): number => (f === 'Chrome' ? 1 : 0)
  return [...names].sort((x, y) => rank(x) - rank(y))
}

/** TLS stacks behind browser user agents: one ja4 cannot belong to two of them. */
export const TLS_FAMILIES = ['chromium', 'firefox', 'webkit'] as const
export type TlsFamily = (typeof TLS_FAMILIES)[number]

/** Which browser engine's TLS stack a UA implies; every browser on iOS uses WebKit's. */
export function tlsFamilyOf(ua: string): TlsFamily | null {
  const s = ua.length > MAX_UA ? ua.slice(0, MAX_UA) : ua
  if (s.includes('iPhone') || s.includes('iPad')) return 'webkit'
  if (s.includes('Firefox/')) return 'firefox'
  if (s.includes('Chrome/') || s.includes('Chromium/')) return 'chromium'
  if (s.includes('Safari/') && s.includes('Version/')) return 'webkit'
  return null
}
