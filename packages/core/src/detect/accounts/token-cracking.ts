/**
 * Token cracking (OAT-002): coupon and gift-card enumeration — one source trying many
 * distinct codes, nearly all rejected. A shopper retries one or two codes; a cracker
 * walks a code space.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { countAttempt, describeReasons, newEnumerationStats } from './enumeration-stats.ts'
import { DetectionBook, Members, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import type { EnumerationStats } from './enumeration-stats.ts'
import { accountOf } from './keys.ts'

export const TOKEN_CRACKING_ID = 'promo.token_cracking'

export function buildTokenCracking(config: AccountsConfig): StreamDetector {
  const c = config.tokenCracking
  const book = new DetectionBook(TOKEN_CRACKING_ID, config.maxKeys)
  const windows = new KeyedWindows<EnumerationStats & { sessions: Members }>(config.maxKeys, c.windowMs, (start) => ({
    ...newEnumerationStats(start),
    sessions: new Members(),
  }))

  return {
    id: TOKEN_CRACKING_ID,
    onApp(e: AppEvent, sink: DetectionSink) {
      const kind = e.event_action === 'coupon.redeem' ? 'coupon' : e.event_action === 'giftcard.check' ? 'gift card' : null
      const code = kind === 'coupon' ? e.coupon_code : e.giftcard_id
      if (kind === null || code === null) return
      const failed = e.event_outcome === 'failure'
      const account = accountOf(e)
      const origin: EntityRef[] = []
      if (e.source_ip !== null) origin.push({ type: 'ip', value: e.source_ip })
      if (e.device_id !== null) origin.push({ type: 'device', value: e.device_id })
      if (account !== null) origin.push({ type: 'account', value: account })
      for (const source of origin) {
        const s = windows.at(`${kind}:${source.type}:${source.value}`, e.ts)
        countAttempt(s, code, failed, e.event_reason)
        if (e.session_id !== null) s.sessions.add({ type: 'session', value: e.session_id })
        const codes = s.items.count()
        const failureRatio = s.failures / s.attempts
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
        book.record(finding, sink)
        book.recordMembers(finding, s.sessions.refs, sink)
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
