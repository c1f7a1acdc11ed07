/**
 * Risk per entity (an account, a device, an IP): the detections about it and the ones
 * that name it among their related entities, combined as independent evidence
 * (noisy-OR), so two medium findings weigh more than one and no pile reaches past 100.
 * A detection that only mentions the entity counts at half its score.
 * @module
 */
import type { Detection, EntityRef, Severity } from '../../events/detection.ts'
import { severityForScore } from '../../events/detection.ts'

/** Reasons listed per entity; the rest still count in the score. */
const MAX_REASONS = 10

export interface RiskReason {
  detection_id: string
  detector: string
  threat: string
  score: number
  /** `direct`: the detection is about the entity; `related`: it names the entity as related. */
  link: 'direct' | 'related'
  explanation: string
}

export interface EntityRisk {
  entity: EntityRef
  score: number
  severity: Severity
  reasons: RiskReason[]
}

const same = (a: EntityRef, b: EntityRef) => a.type === b.type && a.value === b.value

export function assessRisk(entity: EntityRef, detections: readonly Detection[]): EntityRisk {
  const reasons: Array<RiskReason & { weight: number }> = []
  for (const d of detections) {
    const link = same(d.entity, entity) ? 'direct' : d.related.some((r) => same(r, entity)) ? 'related' : null
    if (link === null) continue
    const weight = (link === 'direct' ? 1 : 0.5) * Math.min(1, Math.max(0, d.score / 100))
    reasons.push({
      detection_id: d.id,
      detector: d.detector,
      threat: d.threat,
      score: d.score,
      link,
      explanation: d.explanation,
      weight,
    })
  }
  const clean = reasons.reduce((p, r) => p * (1 - r.weight), 1)
  const score = Math.round(100 * (1 - clean))
  reasons.sort((a, b) => b.weight - a.weight || (a.detection_id < b.detection_id ? -1 : 1))
  return {
    entity,
    score,
    severity: severityForScore(score),
    reasons: reasons.slice(0, MAX_REASONS).map(({ weight: _w, ...r }) => r),
  }
}
