/**
 * Carding (OAT-001, card testing) and card cracking (OAT-010). Testing tries many stolen
 * cards, mostly declined, from one account, device or IP, often cards of one BIN in a row;
 * cracking tries one card again and again to guess its CVV or expiry, so its failures are
 * `cvv_mismatch` and `expired` on one card fingerprint. Testers check cards with tiny
 * amounts, which a customer retrying a declined order does not, so a source whose every
 * authorization was tiny and failed is raised at fewer cards, at a lower score (a customer
 * whose third card works is a customer), and so is one that went on to a new card that failed
 * after one went through (a customer stops once a card works; a tester's list goes on). A campaign that spreads its tests over proxies and
 * fresh devices, one card each, shows no source at all; its tests surge against the shop's own
 * rate of tiny failed authorizations (customers' orders are rarely tiny, and rarely fail), which
 * opens a campaign (an `actor`) that every later tiny failure joins while the tests go on,
 * unless it came from a session or device that was browsing the shop: a shopper pays for what
 * they chose, a tester's script posts authorizations and nothing else.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { HttpFacts } from '../signals/http-facts.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { countAttempt, describeReasons, newEnumerationStats } from './enumeration-stats.ts'
import type { EnumerationStats } from './enumeration-stats.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf } from './keys.ts'
import { RecentBrowsing } from './recent-browsing.ts'
import { SurgeCampaign, campaignFinding } from './surge-campaign.ts'
import type { Campaign } from './surge-campaign.ts'

export const CARDING_ID = 'payment.carding'
const MAX_BINS = 32
const CRACKING_REASONS = new Set(['cvv_mismatch', 'expired', 'invalid_cvv', 'invalid_expiry'])

interface CardingStats extends EnumerationStats {
  bins: Map<string, Set<string>>
  /** Authorizations for at most `testAmount`. */
  tiny: number
  /** A card went through. */
  passed: boolean
  /** A card not tried before failed after one went through. */
  wentOn: boolean
  /** Cards and sessions of the source, flagged with it. */
  members: Members
}

/** Most addresses and cards a campaign counts exactly; the counts stop growing beyond. */
const MAX_CAMPAIGN_KEYS = 10_000

interface CardStats {
  start: number
  guesses: number
  sources: EntityRef[]
  /** Every attempt's account, device, IP and session: a cracker spreads its guesses over proxies. */
  members: Members
}

function originOf(e: AppEvent): EntityRef[] {
  const out: EntityRef[] = []
  const account = accountOf(e)
  if (account !== null) out.push({ type: 'account', value: account })
  if (e.device_id !== null) out.push({ type: 'device', value: e.device_id })
  if (e.source_ip !== null) out.push({ type: 'ip', value: e.source_ip })
  return out
}

function membersOf(e: AppEvent): EntityRef[] {
  const out: EntityRef[] = []
  if (e.card_fingerprint !== null) out.push({ type: 'card', value: e.card_fingerprint })
  if (e.session_id !== null) out.push({ type: 'session', value: e.session_id })
  if (e.user_name !== null && e.user_id !== null && e.user_name !== e.user_id) out.push({ type: 'account', value: e.user_name })
  return out
}

/**
 * A campaign works through a BIN with at least this many of its failed tests over the last
 * `windowMs` on it, and a quarter of them.
 */
const PASSED_BIN_TESTS = 3
const PASSED_BIN_SHARE = 4
/** Failed tests whose BINs a campaign remembers; beyond this the oldest are forgotten early. */
const MAX_BIN_LOG = 4096

/**
 * The BINs of a campaign's failed tests over the last `windowMs`: what it works through now.
 * A campaign that lasts hours is several dumps, often several testers, one after another.
 */
class RecentBins {
  readonly #log: Array<{ ts: number; bin: string }> = []
  #head = 0
  readonly #counts = new Map<string, number>()

  constructor(private readonly windowMs: number) {}

  add(ts: number, bin: string): void {
    if (!this.#counts.has(bin) && this.#counts.size >= MAX_CAMPAIGN_KEYS) return
    this.#log.push({ ts, bin })
    this.#counts.set(bin, (this.#counts.get(bin) ?? 0) + 1)
    if (this.#log.length - this.#head > MAX_BIN_LOG) this.#drop()
    this.forget(ts)
  }

  /** Drops the tests older than the window before `ts`. */
  forget(ts: number): void {
    while (this.#head < this.#log.length && this.#log[this.#head]!.ts < ts - this.windowMs) this.#drop()
    if (this.#head > MAX_BIN_LOG) {
      this.#log.splice(0, this.#head)
      this.#head = 0
    }
  }

  count(bin: string): number {
    return this.#counts.get(bin) ?? 0
  }

  get size(): number {
    return this.#log.length - this.#head
  }

  /** Time of the oldest test remembered; only read while some test is. */
  get oldest(): number {
    return this.#log[this.#head]?.ts ?? Number.NaN
  }

  #drop(): void {
    const { bin } = this.#log[this.#head++]!
    const n = (this.#counts.get(bin) ?? 1) - 1
    if (n > 0) this.#counts.set(bin, n)
    else this.#counts.delete(bin)
  }
}

export function buildCarding(config: AccountsConfig): StreamDetector {
  const c = config.carding
  const book = new DetectionBook(CARDING_ID, config.maxKeys)
  const bySource = new KeyedWindows<CardingStats>(config.maxKeys, c.windowMs, (start) => ({
    ...newEnumerationStats(start),
    bins: new Map(),
    tiny: 0,
    passed: false,
    wentOn: false,
    members: new Members(),
  }))
  const byCard = new KeyedWindows<CardStats>(config.maxKeys, c.windowMs, (start) => ({
    start,
    guesses: 0,
    sources: [],
    members: new Members(64),
  }))

  const tests = new SurgeCampaign<AppEvent>({
    name: 'card-testing',
    minEvents: c.surgeMinTests,
    maxEvents: 32,
    minShare: c.surgeTestShare,
    pValue: c.surgePValue,
    priorMs: 60_000,
    idleMs: c.windowMs,
    tsOf: (e) => e.ts,
    scopeOf: () => null,
    describe: (surge) =>
      `It opened with ${fmtCount(surge.items.length)} failed authorizations of at most ${fmtCount(c.testAmount)} within ` +
      `${fmtDuration(surge.spanMs)} (${surge.expected.toPrecision(2)} expected at this shop's rate of them).`,
  })
  let watching = false
  const browsing = new RecentBrowsing(config.maxKeys, c.windowMs)
  /** Addresses, cards and the BINs of the failed tests of each campaign (by actor id), for its explanation. */
  const reach = new Map<string, { addresses: Set<string>; cards: Set<string>; bins: RecentBins }>()

  /** The test's address, device, card and session: a customer's account is not held to a campaign's tiny declines. */
  function testRefs(e: AppEvent): EntityRef[] {
    const out: EntityRef[] = []
    if (e.source_ip !== null) out.push({ type: 'ip', value: e.source_ip })
    if (e.device_id !== null) out.push({ type: 'device', value: e.device_id })
    if (e.card_fingerprint !== null) out.push({ type: 'card', value: e.card_fingerprint })
    if (e.session_id !== null) out.push({ type: 'session', value: e.session_id })
    return out
  }

  function joined(cam: Campaign, e: AppEvent, sink: DetectionSink): void {
    let r = reach.get(cam.actor.value)
    if (r === undefined) {
      reach.clear()
      reach.set(cam.actor.value, (r = { addresses: new Set(), cards: new Set(), bins: new RecentBins(c.windowMs) }))
    }
    if (e.source_ip !== null && r.addresses.size < MAX_CAMPAIGN_KEYS) r.addresses.add(e.source_ip)
    if (e.card_bin !== null) r.bins.add(e.ts, e.card_bin)
    const card = e.card_fingerprint ?? e.card_bin
    if (card !== null && r.cards.size < MAX_CAMPAIGN_KEYS) r.cards.add(card)
    const finding = campaignFinding(cam, e, {
      threat: 'OAT-001',
      category: 'carding',
      explanation:
        `A card-testing campaign: ${fmtCount(cam.events)} failed authorizations of at most ${fmtCount(c.testAmount)} ` +
        `from ${fmtCount(r.addresses.size)} addresses on ${fmtCount(r.cards.size)} cards in ${fmtDuration(e.ts - cam.start)}. ${cam.opening}`,
      evidence: [
        { field: 'tests', value: cam.events },
        { field: 'addresses', value: r.addresses.size },
        { field: 'cards', value: r.cards.size },
      ],
    })
    book.record(finding, sink)
    book.recordMembers(finding, testRefs(e), sink)
  }

  function testing(source: EntityRef, s: CardingStats, e: AppEvent, sink: DetectionSink): void {
    const cards = s.items.count()
    const failureRatio = s.failures / s.attempts
    const allTiny = s.tiny === s.attempts
    const early = allTiny && (s.failures === s.attempts || s.wentOn) && cards >= c.tinyDistinctCards
    if ((cards < c.distinctCards && !early) || failureRatio < c.minFailureRatio) return
    let topBin = ''
    let topBinCards = 0
    for (const [bin, set] of s.bins) {
      if (set.size > topBinCards) [topBin, topBinCards] = [bin, set.size]
    }
    const binNote = topBinCards >= 3 ? `, ${fmtCount(topBinCards)} of them from BIN ${topBin}` : ''
    const finding: Finding = {
      entity: source,
      threat: 'OAT-001',
      category: 'carding',
      score: (cards >= c.distinctCards ? scoreOver(cards, c.distinctCards, 65, 95) : 55) + (topBinCards >= 3 ? 3 : 0),
      ts: e.ts,
      windowStart: s.start,
      count: s.attempts,
      explanation:
        `${source.type === 'ip' ? 'IP' : source.type} ${source.value} tried ${fmtCount(cards)} distinct cards ` +
        `in ${fmtDuration(e.ts - s.start)}, ${fmtPct(failureRatio)} of ${fmtCount(s.attempts)} authorizations ` +
        `failed (${describeReasons(s.reasons)})${binNote}${allTiny ? `, every one for at most ${fmtCount(c.testAmount)}` : ''}.`,
      evidence: [
        { field: 'distinct_cards', value: cards },
        { field: 'authorizations', value: s.attempts },
        { field: 'failure_ratio', value: Number(failureRatio.toFixed(3)) },
        { field: 'reasons', value: describeReasons(s.reasons) },
        { field: 'top_bin', value: topBin },
        { field: 'top_bin_cards', value: topBinCards },
      ],
      related: originOf(e).filter((r) => r.value !== source.value),
    }
    book.record(finding, sink)
    book.recordMembers(finding, s.members.takeUnrecorded(), sink)
    book.recordMembers(finding, membersOf(e), sink)
  }

  function cracking(card: string, s: CardStats, e: AppEvent, sink: DetectionSink): void {
    if (s.guesses < c.crackingAttempts) return
    const span = fmtDuration(e.ts - s.start)
    const explain = (who: string) =>
      `${who} failed ${fmtCount(s.guesses)} CVV or expiry checks on card ${card} in ${span}.`
    const finding = {
      threat: 'OAT-010',
      category: 'card_cracking',
      score: scoreOver(s.guesses, c.crackingAttempts, 65, 95),
      ts: e.ts,
      windowStart: s.start,
      count: s.guesses,
      evidence: [
        { field: 'card', value: card },
        { field: 'cvv_or_expiry_failures', value: s.guesses },
      ],
    }
    const cardRef: EntityRef = { type: 'card', value: card }
    const cardFinding: Finding = { ...finding, entity: cardRef, explanation: explain('Someone'), related: s.sources }
    book.record(cardFinding, sink)
    book.recordMembers(cardFinding, s.members.takeUnrecorded(), sink)
    for (const source of originOf(e)) {
      book.record(
        { ...finding, entity: source, explanation: explain(`${source.type} ${source.value}`), related: [cardRef] },
        sink,
      )
    }
  }

  /**
   * A tiny authorization that went through during a campaign, on the BIN the campaign works
   * through (a dump of one issuer's cards: a quarter of its failed tests or more), is a card
   * that passed the test: the one a shop most needs to block. A customer's order is seldom that
   * small, and a campaign spread over many BINs says nothing of any one of them.
   */
  function passed(e: AppEvent, sink: DetectionSink): void {
    if (e.card_fingerprint === null || e.card_bin === null) return
    const cam = tests.openAt(e.ts, null)
    const r = cam === null ? undefined : reach.get(cam.actor.value)
    r?.bins.forget(e.ts)
    const tested = r?.bins.count(e.card_bin) ?? 0
    if (cam === null || r === undefined || tested < PASSED_BIN_TESTS || tested * PASSED_BIN_SHARE < r.bins.size) return
    const finding: Finding = {
      entity: { type: 'card', value: e.card_fingerprint },
      threat: 'OAT-001',
      category: 'carding',
      score: 70,
      ts: e.ts,
      windowStart: e.ts,
      count: 1,
      explanation:
        `Card ${e.card_fingerprint} passed an authorization of ${e.order_amount ?? 0}${e.order_currency === null ? '' : ` ${e.order_currency}`} during a card-testing campaign ` +
        `(${cam.actor.value}) on BIN ${e.card_bin}, which ${fmtCount(tested)} of its ${fmtCount(r.bins.size)} failed tests of the last ${fmtDuration(e.ts - r.bins.oldest)} carried.`,
      evidence: [
        { field: 'amount', value: e.order_amount ?? 0 },
        { field: 'bin', value: e.card_bin },
        { field: 'campaign_tests_on_bin', value: tested },
      ],
      related: [cam.actor],
    }
    book.record(finding, sink)
    book.recordMembers(finding, testRefs(e), sink)
  }

  return {
    id: CARDING_ID,
    // onHttp only marks page views (recent-browsing.ts), so the engine hands it pages alone.
    httpReads: { kinds: ['page'] },
    onHttp(e: HttpEvent, _sink: DetectionSink, facts?: HttpFacts) {
      browsing.observe(e, facts)
    },
    onApp(e: AppEvent, sink: DetectionSink) {
      // A shop with no card tests for hours before the first has a rate for them too.
      if (!watching) {
        tests.watchFrom(e.ts)
        watching = true
      }
      if (e.event_action !== 'payment.authorize') return
      if (e.event_outcome !== 'success' && e.event_outcome !== 'failure') return
      tests.attempt(e.ts)
      // A small order paid while browsing the shop is a shopper's, declined or not.
      const test = e.order_amount !== null && e.order_amount <= c.testAmount && !browsing.lately(e)
      if (test && e.event_outcome === 'failure') {
        const joining = tests.rare(e)
        if (joining !== null) for (const x of joining.joined) joined(joining.campaign, x, sink)
      }
      if (test && e.event_outcome === 'success') passed(e, sink)
      const card = e.card_fingerprint ?? (e.card_bin !== null && e.card_last4 !== null ? `${e.card_bin}…${e.card_last4}` : null)
      if (card === null) return
      const failed = e.event_outcome === 'failure'
      for (const source of originOf(e)) {
        const s = bySource.at(`${source.type}:${source.value}`, e.ts)
        const tried = s.items.count()
        countAttempt(s, card, failed, e.event_reason)
        if (!failed) s.passed = true
        else if (s.passed && s.items.count() > tried) s.wentOn = true
        if (e.order_amount !== null && e.order_amount <= c.testAmount) s.tiny++
        for (const m of membersOf(e)) s.members.add(m)
        if (e.card_bin !== null) {
          const set = s.bins.get(e.card_bin) ?? (s.bins.size < MAX_BINS ? new Set<string>() : undefined)
          if (set !== undefined && set.size < 64) {
            set.add(card)
            s.bins.set(e.card_bin, set)
          }
        }
        if (failed) testing(source, s, e, sink)
      }
      if (failed && e.event_reason !== null && CRACKING_REASONS.has(e.event_reason)) {
        const s = byCard.at(card, e.ts)
        s.guesses++
        for (const r of originOf(e)) {
          s.members.add(r)
          if (s.sources.length < 20 && !s.sources.some((x) => x.type === r.type && x.value === r.value)) {
            s.sources.push(r)
          }
        }
        if (e.session_id !== null) s.members.add({ type: 'session', value: e.session_id })
        cracking(card, s, e, sink)
      }
    },
    tick(_nowMs: number, sink: DetectionSink) {
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
