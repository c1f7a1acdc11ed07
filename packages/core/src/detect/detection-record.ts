/**
 * Building detection records: a deterministic id from detector, threat and entity (so
 * re-runs update rather than add), the shared severity bands, and ISO timestamps.
 * @module
 */
import type { Detection, EntityRef, Evidence } from '../events/detection.ts'
import { severityForScore } from '../events/detection.ts'
import { hashHex } from './state/hash.ts'

export function detectionId(detector: string, threat: string, entity: EntityRef): string {
  return hashHex(`${detector}\u0000${threat}\u0000${entity.type}\u0000${entity.value}`)
}

export interface DetectionDraft {
  detector: string
  threat: string
  category: string
  entity: EntityRef
  /** Clamped to 0–100 and rounded. */
  score: number
  firstSeenMs: number
  lastSeenMs: number
  /** When the detector raised it, in event time; defaults to `lastSeenMs`, the evidence that tipped it. */
  detectedAtMs?: number
  count: number
  explanation: string
  evidence: Evidence[]
  related?: EntityRef[]
}

export function buildDetection(d: DetectionDraft): Detection {
  const score = Math.round(Math.min(100, Math.max(0, d.score)))
  return {
    id: detectionId(d.detector, d.threat, d.entity),
    detector: d.detector,
    threat: d.threat,
    category: d.category,
    entity: d.entity,
    score,
    severity: severityForScore(score),
    first_seen: new Date(d.firstSeenMs).toISOString(),
    last_seen: new Date(d.lastSeenMs).toISOString(),
    detected_at: new Date(d.detectedAtMs ?? d.lastSeenMs).toISOString(),
    count: d.count,
    explanation: d.explanation,
    evidence: d.evidence,
    related: d.related ?? [],
  }
}

/**
 * Merges a new report into the one already held for the same id: the score is the worst
 * seen (a detection never calms down by itself), first/last seen span both, it was
 * detected when first raised, and the
 * explanation, evidence, count and related entities are the latest report's, because a
 * detector reports growing evidence for the same entity.
 */
export function mergeDetection(prev: Detection, next: Detection): Detection {
  const score = Math.max(prev.score, next.score)
  return {
    ...next,
    score,
    severity: severityForScore(score),
    first_seen: prev.first_seen < next.first_seen ? prev.first_seen : next.first_seen,
    last_seen: prev.last_seen > next.last_seen ? prev.last_seen : next.last_seen,
    detected_at: prev.detected_at < next.detected_at ? prev.detected_at : next.detected_at,
  }
}
