/**
 * User-agent classification: browser, OS and device from ua-parser-js (v1, MIT), plus
 * our own verdict on declared bots (crawlers, AI crawlers, automation libraries,
 * headless browsers, monitors, scanners) and on browser versions that no real browser
 * sends any more, or not yet. A declared bot is only what the string claims; detectors
 * verify claims against IP ranges.
 * @module
 */
import UAParser from 'ua-parser-js'
import { TOKEN_NAME, type UaBotKind, type UaRule, type UaRules } from './user-agent-rules.ts'

export interface StaleVersion {
  readonly browser: string
  readonly major: number
  readonly reason: 'too_old' | 'too_new'
  /** The bounds it was checked against and the date they were set. */
  readonly minMajor: number
  readonly maxMajor: number
  readonly asOf: string
}

export interface UaInfo {
  readonly name: string | null
  readonly version: string | null
  readonly osName: string | null
  readonly deviceType: string | null
  readonly botName: string | null
  readonly botKind: UaBotKind | null
  /** The substring that matched the bot rule, as evidence for explanations. */
  readonly botEvidence: string | null
  readonly staleVersion: StaleVersion | null
  /** The user agent was longer than the rules' max_length; only its head was examined. */
  readonly truncated: boolean
}

/** Characters allowed in a product token such as `AhrefsBot` or `python-requests`. */
function isTokenChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46
}

function tokenAround(ua: string, from: number, to: number): string {
  let start = from
  let end = to
  while (start > 0 && isTokenChar(ua.charCodeAt(start - 1))) start--
  while (end < ua.length && isTokenChar(ua.charCodeAt(end))) end++
  return ua.slice(start, end)
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

function matchRule(rule: UaRule, lower: string): { at: number; length: number } | null {
  for (const p of rule.startsWith) if (lower.startsWith(p)) return { at: 0, length: p.length }
  for (const p of rule.contains) {
    // Each search resumes past the previous hit, so the scan stays linear in the UA length.
    for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + 1)) {
      if (!rule.tokenEnd || !isLetter(lower.charCodeAt(at + p.length))) return { at, length: p.length }
    }
  }
  return null
}

function findBot(ua: string, rules: UaRules): Pick<UaInfo, 'botName' | 'botKind' | 'botEvidence'> | null {
  const lower = ua.toLowerCase()
  for (const rule of rules.rules) {
    const m = matchRule(rule, lower)
    if (m === null || rule.notContains.some((p) => lower.includes(p))) continue
    const evidence = ua.slice(m.at, m.at + m.length)
    return {
      botName: rule.name === TOKEN_NAME ? tokenAround(ua, m.at, m.at + m.length) : rule.name,
      botKind: rule.kind,
      botEvidence: evidence,
    }
  }
  return null
}

function checkVersion(name: string | undefined, version: string | undefined, rules: UaRules): StaleVersion | null {
  if (name === undefined || version === undefined) return null
  const bounds = rules.browsers.get(name)
  if (bounds === undefined) return null
  const major = Number.parseInt(version, 10)
  if (!Number.isFinite(major)) return null
  const reason = major < bounds.minMajor ? 'too_old' : major > bounds.maxMajor ? 'too_new' : null
  return reason === null ? null : { browser: name, major, reason, ...bounds, asOf: rules.asOf }
}

/**
 * @example classifyUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', rules)
 *   // → { botName: 'Googlebot', botKind: 'crawler', … }
 */
export function classifyUserAgent(ua: string, rules: UaRules): UaInfo {
  const truncated = ua.length > rules.maxLength
  const head = truncated ? ua.slice(0, rules.maxLength) : ua
  const parsed = UAParser(head)
  const bot = findBot(head, rules)
  return Object.freeze({
    name: parsed.browser.name ?? null,
    version: parsed.browser.version ?? null,
    osName: parsed.os.name ?? null,
    deviceType: parsed.device.type ?? null,
    botName: bot?.botName ?? null,
    botKind: bot?.botKind ?? null,
    botEvidence: bot?.botEvidence ?? null,
    staleVersion: checkVersion(parsed.browser.name, parsed.browser.version, rules),
    truncated,
  })
}
