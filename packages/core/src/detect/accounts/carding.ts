/**
 * Carding (OAT-001, card testing) and card cracking (OAT-010). Testing tries many stolen
 * cards, mostly declined, from one account, device or IP, often cards of one BIN in a row;
 * cracking tries one card again and again to guess its CVV or expiry, so its failures are
 * `cvv_mismatch` and `expired` on one card fingerprint. Testers check cards with tiny
 * amounts, which a customer retrying a declined order does not, so a source whose every
 * authorization was tiny and failed is raised at fewer cards, at a lower score (a customer
 * whose third card works is a customer).
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { countAttempt, describeReasons, newEnumerationStats } from './enumeration-stats.ts'
import type { EnumerationStats } from './enumeration-stats.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf } from './keys.ts'

export const CARDING_ID = 'payment.carding'
const MAX_BINS = 32
const CRACKING_REASONS = new Set(['cvv_mismatch', 'expired', 'invalid_cvv', 'invalid_expiry'])

interface CardingStats extends EnumerationStats {
  bins: Map<string, Set<string>>
  /** Authorizations for at most `testAmount`. */
  tiny: number
  /** Cards and sessions of the source, flagged with it. */
  members: Members
}

interface CardStats {
  start: number
  guesses: number
  sources: EntityRef[]
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

export function buildCarding(config: AccountsConfig): StreamDetector {
  const c = config.carding
  const book = new DetectionBook(CARDING_ID, config.maxKeys)
  const bySource = new KeyedWindows<CardingStats>(config.maxKeys, c.windowMs, (start) => ({
    ...newEnumerationStats(start),
    bins: new Map(),
    tiny: 0,
    members: new Members(),
  }))
  const byCard = new KeyedWindows<CardStats>(config.maxKeys, c.windowMs, (start) => ({
    start,
    guesses: 0,
    sources: [],
  }))

  function testing(source: EntityRef, s: CardingStats, e: AppEvent, sink: DetectionSink): void {
    const cards = s.items.count()
    const failureRatio = s.failures / s.attempts
    const allTiny = s.tiny === s.attempts
    const early = allTiny && s.failures === s.attempts && cards >= c.tinyDistinctCards
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
    book.record({ ...finding, entity: cardRef, explanation: explain('Someone'), related: s.sources }, sink)
    for (const source of originOf(e)) {
      book.record(
        { ...finding, entity: source, explanation: explain(`${source.type} ${source.value}`), related: [cardRef] },
        sink,
      )
    }
  }

  return {
    id: CARDING_ID,
    onApp(e: AppEvent, sink: DetectionSink) {
      if (e.event_action !== 'payment.authorize') return
      if (e.event_outcome !== 'success' && e.event_outcome !== 'failure') return
      const card = e.card_fingerprint ?? (e.card_bin !== null && e.card_last4 !== null ? `${e.card_bin}…${e.card_last4}` : null)
      if (card === null) return
      const failed = e.event_outcome === 'failure'
      for (const source of originOf(e)) {
        const s = bySource.at(`${source.type}:${source.value}`, e.ts)
        countAttempt(s, card, failed, e.event_reason)
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
          if (s.sources.length < 20 && !s.sources.some((x) => x.type === r.type && x.value === r.value)) {
            s.sources.push(r)
          }
        }
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
