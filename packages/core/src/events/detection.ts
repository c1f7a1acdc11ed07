/**
 * The detection record (DESIGN.md §3). One detection per (detector, entity, threat),
 * updated as evidence grows rather than one row per event.
 * @module
 */

export const ENTITY_TYPES = [
  'ip',
  'subnet',
  'asn',
  'session',
  'device',
  'account',
  'card',
  'api_asset',
  'actor',
  'request',
] as const
export type EntityType = (typeof ENTITY_TYPES)[number]

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface EntityRef {
  type: EntityType
  value: string
}

export interface Evidence {
  field: string
  value: string | number | boolean
}

export interface Detection {
  /** Stable: derived from detector, threat and entity, so re-runs update instead of adding. */
  id: string
  detector: string
  /** OWASP Automated Threat id (`OAT-011`) or a WAF/leak category (`sqli`, `pii_exposure`, …). */
  threat: string
  category: string
  entity: EntityRef
  /** 0–100. */
  score: number
  severity: Severity
  /** ISO 8601. */
  first_seen: string
  last_seen: string
  /**
   * ISO 8601, in event time: when the detection was first raised, as a streaming run
   * would have raised it. Time to detect is this minus the attack's start; `first_seen`
   * is when the evidence starts, which is earlier.
   */
  detected_at: string
  count: number
  /** One sentence a person understands, with the evidence in it. */
  explanation: string
  evidence: Evidence[]
  related: EntityRef[]
}

/** Maps a 0–100 score to a severity band; shared so every detector bands alike. */
export function severityForScore(score: number): Severity {
  if (score >= 90) return 'critical'
  if (score >= 70) return 'high'
  if (score >= 40) return 'medium'
  if (score >= 15) return 'low'
  return 'info'
}
