/**
 * Window statistics for enumeration attacks — many distinct items (cards, coupon codes,
 * gift cards) tried by one source, mostly failing — shared by carding and token cracking.
 * @module
 */
import { DistinctCounter } from '../state/distinct-counter.ts'

const MAX_REASONS = 16

export interface EnumerationStats {
  start: number
  attempts: number
  failures: number
  items: DistinctCounter
  /** Failure reasons and how often each came back. */
  reasons: Map<string, number>
}

export const newEnumerationStats = (start: number): EnumerationStats => ({
  start,
  attempts: 0,
  failures: 0,
  items: new DistinctCounter(),
  reasons: new Map(),
})

export function countAttempt(
  s: EnumerationStats,
  item: string,
  failed: boolean,
  reason: string | null,
): void {
  s.attempts++
  s.items.add(item)
  if (!failed) return
  s.failures++
  if (reason !== null && (s.reasons.has(reason) || s.reasons.size < MAX_REASONS)) {
    s.reasons.set(reason, (s.reasons.get(reason) ?? 0) + 1)
  }
}

/** `declined 12, cvv_mismatch 4`: the reasons, most frequent first. */
export function describeReasons(reasons: Map<string, number>): string {
  return [...reasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r} ${n}`)
    .join(', ')
}
