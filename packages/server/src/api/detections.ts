/**
 * Detections with filters and paging, and the facet values the filter controls offer.
 * @module
 */
import { ENTITY_TYPES, SEVERITIES } from '@vigil/core'
import type { Detection, Store } from '@vigil/core'
import { z } from 'zod'
import { sqlContainsPattern, sqlNumber, sqlString } from '../sql/literal.ts'
import { PageSchema, TimeRangeSchema, timeConditions, whereClause } from './params.ts'

export const DetectionQuerySchema = z.object({
  ...TimeRangeSchema.shape,
  ...PageSchema.shape,
  entity_type: z.enum(ENTITY_TYPES).optional(),
  entity_value: z.string().min(1).max(1000).optional(),
  threat: z.string().min(1).max(100).optional(),
  category: z.string().min(1).max(100).optional(),
  severity: z.enum(SEVERITIES).optional(),
  min_score: z.coerce.number().min(0).max(100).optional(),
  q: z.string().min(1).max(200).optional(),
})
export type DetectionQuery = z.infer<typeof DetectionQuerySchema>

export const DETECTION_COLUMNS = `id, detector, threat, category, entity_type, entity_value, score, severity,
  strftime(first_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS first_seen, strftime(last_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_seen,
  strftime(coalesce(detected_at, first_seen), '%Y-%m-%dT%H:%M:%S.%gZ') AS detected_at,
  count, explanation, evidence::VARCHAR AS evidence, related::VARCHAR AS related`

function parseJsonArray(v: unknown): unknown[] {
  if (typeof v !== 'string') return []
  try {
    const parsed: unknown = JSON.parse(v)
    return Array.isArray(parsed) ? parsed : []
  } catch {
    return []
  }
}

export function rowToDetection(row: Record<string, unknown>): Detection {
  return {
    id: String(row.id),
    detector: String(row.detector),
    threat: String(row.threat),
    category: String(row.category),
    entity: { type: row.entity_type as Detection['entity']['type'], value: String(row.entity_value) },
    score: Number(row.score),
    severity: row.severity as Detection['severity'],
    first_seen: String(row.first_seen),
    last_seen: String(row.last_seen),
    detected_at: String(row.detected_at),
    count: Number(row.count),
    explanation: String(row.explanation),
    evidence: parseJsonArray(row.evidence) as Detection['evidence'],
    related: parseJsonArray(row.related) as Detection['related'],
  }
}

export function detectionConditions(q: DetectionQuery): string[] {
  const c = timeConditions(q, 'last_seen')
  if (q.entity_type !== undefined) c.push(`entity_type = ${sqlString(q.entity_type)}`)
  if (q.entity_value !== undefined) c.push(`entity_value = ${sqlString(q.entity_value)}`)
  if (q.threat !== undefined) c.push(`threat = ${sqlString(q.threat)}`)
  if (q.category !== undefined) c.push(`category = ${sqlString(q.category)}`)
  if (q.severity !== undefined) c.push(`severity = ${sqlString(q.severity)}`)
  if (q.min_score !== undefined) c.push(`score >= ${sqlNumber(q.min_score)}`)
  if (q.q !== undefined) {
    const p = sqlContainsPattern(q.q)
    c.push(`explanation ILIKE ${p} OR entity_value ILIKE ${p} OR detector ILIKE ${p} OR threat ILIKE ${p}`)
  }
  return c
}

export async function listDetections(
  store: Store,
  q: DetectionQuery,
): Promise<{ total: number; rows: Detection[] }> {
  const where = whereClause(detectionConditions(q))
  const [count] = await store.query(`SELECT count(*) AS n FROM detections ${where}`)
  const rows = await store.query(`SELECT ${DETECTION_COLUMNS} FROM detections ${where}
    ORDER BY score DESC, last_seen DESC, id LIMIT ${q.limit} OFFSET ${q.offset}`)
  return { total: Number(count?.n ?? 0), rows: rows.map(rowToDetection) }
}

export interface Facet {
  value: string
  count: number
}

export async function detectionFacets(store: Store): Promise<Record<string, Facet[]>> {
  const out: Record<string, Facet[]> = {}
  for (const column of ['threat', 'category', 'entity_type', 'severity', 'detector'] as const) {
    const rows = await store.query(
      `SELECT ${column} AS value, count(*) AS n FROM detections GROUP BY ${column} ORDER BY n DESC, value LIMIT 200`,
    )
    out[column] = rows.map((r) => ({ value: String(r.value), count: Number(r.n) }))
  }
  return out
}
