/**
 * Token cracking (OAT-002): coupon and gift-card enumeration — one source trying many
 * distinct codes, nearly all rejected. A shopper retries one or two codes; a cracker
 * walks a code space. A crew spreads the walk over many addresses, some of which make only
 * a try or two: while two or more sources are flagged for one kind of code, a source whose
 * every attempt was rejected, for a code nobody has redeemed written in the format the flagged
 * sources guess in (a shopper's dead `FREESHIP` is not a guess at `SAVE47A3`), joins the
 * campaign. A slow walk
 * is raised before it reaches `distinctCodes` when its rejected guesses (codes nobody has
 * redeemed) surge against the stream's own rate of them: a quiet shop sees a handful of such
 * typos a day, so five in a minute are a walk, while a shop whose customers try many dead
 * codes learns a rate that needs a larger burst. A rejected code that another address tried
 * before is no guess either: dead codes circulate on coupon sites, and shoppers try the same ones.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { HttpFacts } from '../signals/http-facts.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { countAttempt, describeReasons, newEnumerationStats } from './enumeration-stats.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import type { EnumerationStats } from './enumeration-stats.ts'
import { accountOf } from './keys.ts'
import { RareEventSurge } from './rare-event-surge.ts'
import { RecentBrowsing } from './recent-browsing.ts'
import type { Surge } from './rare-event-surge.ts'

type Stats = EnumerationStats & {
  sessions: Members
  /** Rejected attempts at codes nobody redeemed and nobody else tried first. */
  guesses: number
}

/** Formats kept per kind of code: a walk guesses in one or a few. */
const MAX_FORMATS = 256
const MAX_FORMAT_CHARS = 64
/** Guesses remembered per kind of code, at least a surge's longest run. */
const RECENT_GUESSES = 64

/** A code's format: letters as A, digits as 9, anything else as written (`SAVE-47a3` is `AAAA-99A9`). */
function formatOf(code: string): string {
  let out = ''
  for (let i = 0; i < code.length && i < MAX_FORMAT_CHARS; i++) {
    const ch = code.charCodeAt(i)
    out += ch >= 48 && ch <= 57 ? '9' : (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) ? 'A' : code[i]
  }
  return out
}

export const TOKEN_CRACKING_ID = 'promo.token_cracking'

export function buildTokenCracking(config: AccountsConfig): StreamDetector {
  const c = config.tokenCracking
  const book = new DetectionBook(TOKEN_CRACKING_ID, config.maxKeys)
  const windows = new KeyedWindows<Stats>(config.maxKeys, c.windowMs, (start) => ({
    ...newEnumerationStats(start),
    sessions: new Members(),
    guesses: 0,
  }))
  /** Codes some source redeemed or checked successfully: a shopper's typo of a real code is not a guess. */
  const validCodes = new BoundedMap<string, number>({ maxEntries: config.maxKeys })
  /**
   * The first IP to try each rejected code: a dead code that several people try circulates
   * (coupon sites list the same expired codes), while a walk's guesses are its own (or its
   * crew's: a code a flagged IP tried first stays a guess).
   */
  const triedBy = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  const browsing = new RecentBrowsing(config.maxKeys, c.windowMs)
  /** The latest finding on each flagged source, by window key: its later sessions go with it. */
  const findings = new BoundedMap<string, Finding>({ maxEntries: config.maxKeys })
  /** IPs flagged per kind of code, with when: two or more within the window make a campaign. */
  const flagged = new Map<string, BoundedMap<string, number>>()

  function flaggedSources(kind: string, ts: number): number {
    let n = 0
    for (const [, at] of flagged.get(kind)?.entries() ?? []) if (ts - at < c.windowMs) n++
    return n
  }

  /** Per kind of code, the formats the flagged sources guess in, with when each was last guessed. */
  const campaignFormats = new Map<string, BoundedMap<string, number>>()

  function noteCampaignGuess(kind: string, ip: string, code: string, ts: number): void {
    const at = flagged.get(kind)?.peek(ip)
    if (at === undefined || ts - at >= c.windowMs) return
    let formats = campaignFormats.get(kind)
    if (formats === undefined) campaignFormats.set(kind, (formats = new BoundedMap({ maxEntries: MAX_FORMATS })))
    formats.set(formatOf(code), ts, ts)
  }

  /** Per kind of code, the latest guesses: a surge's IPs were not flagged when they guessed, so their formats are taken from here. */
  const recentGuesses = new Map<string, Array<{ ip: string; code: string }>>()

  function rememberGuess(kind: string, ip: string, code: string): void {
    let list = recentGuesses.get(kind)
    if (list === undefined) recentGuesses.set(kind, (list = []))
    list.push({ ip, code })
    if (list.length > RECENT_GUESSES) list.shift()
  }

  function inCampaignFormat(kind: string, code: string, ts: number): boolean {
    const at = campaignFormats.get(kind)?.peek(formatOf(code))
    return at !== undefined && ts - at < c.windowMs
  }

  /**
   * Per kind of code: the surge of rejected guesses, the surge of those from clients that viewed no
   * page (judged only while the stream carries page views), and when one was last found (its own
   * guesses stay out of the rate).
   */
  const surges = new Map<string, { guesses: RareEventSurge<string>; bare: RareEventSurge<string>; lastSurge: number }>()
  /** The stream's first event: a shop with no gift-card guesses for hours has a rate for them too. */
  let watchedFrom = -1

  function flag(kind: string, ip: string, ts: number): void {
    let ips = flagged.get(kind)
    if (ips === undefined) flagged.set(kind, (ips = new BoundedMap({ maxEntries: 1_000 })))
    ips.set(ip, ts, ts)
  }

  /** Records a finding on its entity with the window's sessions as members, and keeps it so later attempts of the source join it. */
  function raise(kind: string, finding: Finding, s: Stats, sink: DetectionSink): void {
    book.record(finding, sink)
    book.recordMembers(finding, s.sessions.refs, sink)
    findings.set(`${kind}:${finding.entity.type}:${finding.entity.value}`, finding, finding.ts)
  }

  /** Every IP of the surge whose attempts were nearly all rejected (a walk's rare hit aside), as a walk under way. */
  function reportSurge(kind: string, surge: Surge<string>, bare: boolean, ts: number, sink: DetectionSink): void {
    for (const ip of new Set(surge.items)) {
      const source: EntityRef = { type: 'ip', value: ip }
      const s = windows.peek(`${kind}:ip:${ip}`)
      if (s === undefined || s.failures < c.minFailureRatio * s.attempts || book.has('OAT-002', source)) continue
      const codes = s.items.count()
      const finding: Finding = {
        entity: source,
        threat: 'OAT-002',
        category: 'token_cracking',
        score: 60,
        ts,
        windowStart: s.start,
        count: s.attempts,
        explanation:
          `IP ${ip} had ${s.failures === s.attempts ? `all ${fmtCount(s.attempts)} of its` : `${fmtCount(s.failures)} of its ${fmtCount(s.attempts)}`} attempts at ${fmtCount(codes)} distinct ${kind} codes rejected, in a surge of ` +
          `${fmtCount(surge.items.length)} rejected ${kind} codes nobody has redeemed${bare ? ', tried by clients that viewed no page of the shop,' : ''} within ${fmtDuration(surge.spanMs)} ` +
          `(${surge.expected.toPrecision(2)} expected at this shop's rate of them).`,
        evidence: [
          { field: 'kind', value: kind },
          { field: 'distinct_codes', value: codes },
          { field: 'attempts', value: s.attempts },
          { field: 'surge_guesses', value: surge.items.length },
          { field: 'surge_span_ms', value: surge.spanMs },
          { field: 'surge_expected', value: Number(surge.expected.toPrecision(3)) },
          ...(bare ? [{ field: 'surge_clients', value: 'no_page_viewed' }] : []),
        ],
        related: [],
      }
      raise(kind, finding, s, sink)
      flag(kind, ip, ts)
      for (const g of recentGuesses.get(kind) ?? []) if (g.ip === ip) noteCampaignGuess(kind, ip, g.code, ts)
    }
  }

  function joinCampaign(kind: string, source: EntityRef, s: Stats, code: string, e: AppEvent, sink: DetectionSink): void {
    const ts = e.ts
    const sources = flaggedSources(kind, ts)
    if (sources < 2 || s.failures < s.attempts || book.has('OAT-002', source) || !inCampaignFormat(kind, code, ts)) return
    // One rejected try from a client that was browsing the shop is a shopper's typo; a crew's
    // address makes its try and nothing else.
    if (browsing.lately(e)) return
    const finding: Finding = {
      entity: source,
      threat: 'OAT-002',
      category: 'token_cracking',
      score: 55,
      ts,
      windowStart: s.start,
      count: s.attempts,
      explanation:
        `${source.type === 'ip' ? 'IP' : source.type} ${source.value} had all ${fmtCount(s.attempts)} of its ${kind} code ` +
        `attempts rejected (the last for a code nobody has redeemed, in the enumerating IPs' format ${formatOf(code)}) while ${fmtCount(sources)} IPs were enumerating ${kind} codes.`,
      evidence: [
        { field: 'kind', value: kind },
        { field: 'attempts', value: s.attempts },
        { field: 'campaign_sources', value: sources },
      ],
      related: [],
    }
    raise(kind, finding, s, sink)
    // A member that viewed no page of a shop whose clients do is one of the walk's addresses: the
    // formats it goes on guessing in are the walk's. Without page views it may be a shopper with a
    // circulating dead code, whose next try must not make the code the walk's.
    if (source.type === 'ip' && browsing.seenAny) flag(kind, source.value, ts)
  }

  /**
   * A session that did nothing but guess: every attempt, `bareSessionGuesses` or more at distinct
   * codes, a guess, and no page of the shop viewed by it or its device. Raised on its IP (or on
   * itself without one) with the session as a member, and the IP counts as enumerating.
   */
  function bareWalk(kind: string, s: Stats, e: AppEvent, sink: DetectionSink): void {
    const codes = s.items.count()
    if (!browsing.seenAny || s.guesses < s.attempts || codes < c.bareSessionGuesses || browsing.lately(e) || e.session_id === null) return
    const session: EntityRef = { type: 'session', value: e.session_id }
    const source: EntityRef = e.source_ip === null ? session : { type: 'ip', value: e.source_ip }
    if (book.has('OAT-002', source)) return
    const finding: Finding = {
      entity: source,
      threat: 'OAT-002',
      category: 'token_cracking',
      score: 55,
      ts: e.ts,
      windowStart: s.start,
      count: s.attempts,
      explanation:
        `Session ${e.session_id}${e.source_ip === null ? '' : ` from IP ${e.source_ip}`} tried ${fmtCount(codes)} distinct ${kind} codes in ` +
        `${fmtDuration(e.ts - s.start)}, every one rejected and redeemed or tried by nobody else, without viewing a page of the shop.`,
      evidence: [
        { field: 'kind', value: kind },
        { field: 'distinct_codes', value: codes },
        { field: 'attempts', value: s.attempts },
        { field: 'page_views', value: 0 },
      ],
      related: source === session ? [] : [session],
    }
    raise(kind, finding, s, sink)
    if (source.type === 'ip') flag(kind, source.value, e.ts)
  }

  return {
    id: TOKEN_CRACKING_ID,
    // onHttp only marks page views (recent-browsing.ts), so the engine hands it pages alone.
    httpReads: { kinds: ['page'] },
    onHttp(e: HttpEvent, _sink: DetectionSink, facts?: HttpFacts) {
      browsing.observe(e, facts)
    },
    onApp(e: AppEvent, sink: DetectionSink) {
      if (watchedFrom < 0) watchedFrom = e.ts
      const kind = e.event_action === 'coupon.redeem' ? 'coupon' : e.event_action === 'giftcard.check' ? 'gift card' : null
      const code = kind === 'coupon' ? e.coupon_code : e.giftcard_id
      if (kind === null || code === null) return
      const failed = e.event_outcome === 'failure'
      const account = accountOf(e)
      const origin: EntityRef[] = []
      if (e.source_ip !== null) origin.push({ type: 'ip', value: e.source_ip })
      if (e.device_id !== null) origin.push({ type: 'device', value: e.device_id })
      if (account !== null) origin.push({ type: 'account', value: account })
      // A session joins a campaign on its own: a crew's single try may come through an address a
      // shopper used before (a residential proxy), which then has not had every attempt rejected.
      if (e.session_id !== null) origin.push({ type: 'session', value: e.session_id })
      if (!failed) validCodes.set(`${kind}:${code}`, e.ts, e.ts)
      // A shopper types a dead code again (a typo, doubt, a second field); a walk never repeats one.
      const retry = failed && e.source_ip !== null && triedBy.peek(`${kind}:${code}`) === e.source_ip
      const first = failed && e.source_ip !== null ? triedBy.upsert(`${kind}:${code}`, e.ts, () => e.source_ip as string) : null
      // A code the crew itself tried before (its first IP is flagged) is still the walk's.
      const firstAt = first === null ? undefined : flagged.get(kind)?.peek(first)
      const circulating = first !== null && first !== e.source_ip && (firstAt === undefined || e.ts - firstAt >= c.windowMs)
      const guess = failed && validCodes.peek(`${kind}:${code}`) === undefined && !circulating
      for (const source of origin) {
        const s = windows.at(`${kind}:${source.type}:${source.value}`, e.ts)
        countAttempt(s, code, failed, e.event_reason)
        if (guess) s.guesses++
        if (e.session_id !== null) s.sessions.add({ type: 'session', value: e.session_id })
        // A flagged source's later attempts, each perhaps in a fresh session, go with it.
        const prior = findings.peek(`${kind}:${source.type}:${source.value}`)
        if (prior !== undefined && e.ts - prior.ts < c.windowMs) book.recordMembers(prior, s.sessions.takeUnrecorded(), sink)
        const codes = s.items.count()
        const failureRatio = s.failures / s.attempts
        if (guess && source.type !== 'account' && (codes < c.distinctCodes || failureRatio < c.minFailureRatio)) {
          joinCampaign(kind, source, s, code, e, sink)
        }
        if (source.type === 'session') {
          if (guess) bareWalk(kind, s, e, sink)
          continue
        }
        if (!failed || codes < c.distinctCodes || failureRatio < c.minFailureRatio) continue
        const reasons = describeReasons(s.reasons)
        const finding: Finding = {
          entity: source,
          threat: 'OAT-002',
          category: 'token_cracking',
          score: scoreOver(codes, c.distinctCodes, 65, 95),
          ts: e.ts,
          windowStart: s.start,
          count: s.attempts,
          explanation:
            `${source.type === 'ip' ? 'IP' : source.type} ${source.value} tried ${fmtCount(codes)} distinct ` +
            `${kind} codes in ${fmtDuration(e.ts - s.start)} and ${fmtPct(failureRatio)} of ` +
            `${fmtCount(s.attempts)} attempts were rejected${reasons === '' ? '' : ` (${reasons})`}.`,
          evidence: [
            { field: 'kind', value: kind },
            { field: 'distinct_codes', value: codes },
            { field: 'attempts', value: s.attempts },
            { field: 'failure_ratio', value: Number(failureRatio.toFixed(3)) },
          ],
          related: origin.filter((r) => r !== source),
        }
        raise(kind, finding, s, sink)
        if (source.type === 'ip') flag(kind, source.value, e.ts)
      }
      if (guess && e.source_ip !== null) {
        noteCampaignGuess(kind, e.source_ip, code, e.ts)
        rememberGuess(kind, e.source_ip, code)
      }
      let sg = surges.get(kind)
      if (sg === undefined) {
        const surge = (minEvents: number) => new RareEventSurge<string>({ minEvents, maxEvents: 32, minShare: c.surgeGuessShare, pValue: c.surgePValue, priorMs: 60_000 })
        sg = { guesses: surge(c.surgeMinGuesses), bare: surge(c.surgeMinBareGuesses), lastSurge: -Infinity }
        sg.guesses.watchFrom(watchedFrom)
        sg.bare.watchFrom(watchedFrom)
        surges.set(kind, sg)
      }
      sg.guesses.attempt(e.ts)
      sg.bare.attempt(e.ts)
      // A code tried while browsing the shop is a shopper's, as for joining a campaign: counted
      // among the guesses, a shopper's few dead codes from a coupon site made a walk's surge.
      if (!guess || retry || e.source_ip === null || e.ts - sg.lastSurge < c.windowMs || browsing.lately(e)) return
      const surge = sg.guesses.rare(e.ts, e.source_ip)
      // Without page views in the stream no client can be told bare, and the bare surge stays unfed.
      const bare = browsing.seenAny ? sg.bare.rare(e.ts, e.source_ip) : null
      if (surge === null && bare === null) return
      sg.lastSurge = e.ts
      reportSurge(kind, bare ?? surge!, bare !== null, e.ts, sink)
    },
    tick(_nowMs: number, sink: DetectionSink) {
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
