/**
 * An entity's profile: its risk (from its detections), its timeline (events per
 * bucket and the latest events), and the entities it is seen with, as a graph.
 * @module
 */
import { assessRisk } from '@vigil/core'
import type { Detection, EntityRisk, EntityType, Store } from '@vigil/core'
import { sqlContainsPattern, sqlString } from '../sql/literal.ts'
import { DETECTION_COLUMNS, rowToDetection } from './detections.ts'
import { EVENT_TABLES } from './columns.ts'
import type { EventTableKey } from './columns.ts'
import { bucketSeconds } from './series.ts'

/** Which column holds an entity of each type, per event table. */
const ENTITY_COLUMNS: Readonly<Partial<Record<EntityType, Partial<Record<EventTableKey, string>>>>> = Object.freeze({
  ip: { http: 'source_ip', app: 'source_ip' },
  session: { http: 'session_id', app: 'session_id' },
  device: { http: 'device_id', app: 'device_id' },
  account: { http: 'user_name', app: 'user_name' },
  card: { app: 'card_fingerprint' },
  asn: { http: 'source_as_number', app: 'source_as_number' },
})

const NEIGHBOURS_PER_TYPE = 12
const RECENT_EVENTS = 100
const MAX_RELATED_FROM_DETECTIONS = 60

export interface GraphNode {
  id: string
  type: string
  value: string
  /** The centre's risk; for the others, their highest detection score (0 when none). */
  score: number
  center: boolean
}
export interface GraphEdge {
  source: string
  target: string
  /** Shared events, or 0 for a link a detection reported. */
  weight: number
  via: 'events' | 'detection'
}

export interface EntityProfile {
  entity: { type: EntityType; value: string }
  /** Direct detections and those naming the entity as related, combined (core assessRisk). */
  risk: EntityRisk
  /** Detections about the entity or naming it as related, riskiest first. */
  detections: Detection[]
  timeline: { bucket_seconds: number; buckets: number[]; http: number[]; app: number[] }
  recent: { table: EventTableKey; event: Record<string, unknown> }[]
  graph: { nodes: GraphNode[]; edges: GraphEdge[] }
}

const nodeId = (type: string, value: string): string => `${type}:${value}`

function matchCondition(column: string, value: string): string {
  return `${column}::VARCHAR = ${sqlString(value)}`
}

async function timeline(store: Store, type: EntityType, value: string): Promise<EntityProfile['timeline']> {
  const columns = ENTITY_COLUMNS[type] ?? {}
  const tables = (Object.keys(columns) as EventTableKey[]).filter((t) => columns[t] !== undefined)
  if (tables.length === 0) return { bucket_seconds: 0, buckets: [], http: [], app: [] }
  const bounds = await store.query(
    tables
      .map((t) => `SELECT epoch_ms(min(ts)) AS lo, epoch_ms(max(ts)) AS hi FROM ${EVENT_TABLES[t]} WHERE ${matchCondition(columns[t]!, value)}`)
      .join(' UNION ALL '),
  )
  const los = bounds.map((b) => b.lo).filter((v) => v !== null).map(Number)
  const his = bounds.map((b) => b.hi).filter((v) => v !== null).map(Number)
  if (los.length === 0) return { bucket_seconds: 0, buckets: [], http: [], app: [] }
  const from = Math.min(...los)
  const to = Math.max(...his) + 1
  const width = bucketSeconds(from, to)
  const widthMs = width * 1000
  const start = Math.floor(from / widthMs) * widthMs
  const buckets: number[] = []
  for (let t = start; t < to; t += widthMs) buckets.push(t)
  const out = { bucket_seconds: width, buckets, http: buckets.map(() => 0), app: buckets.map(() => 0) }
  for (const t of tables) {
    const rows = await store.query(`SELECT epoch_ms(time_bucket(INTERVAL '${width} seconds', ts, TIMESTAMPTZ '1970-01-01 00:00:00+00')) AS bucket, count(*) AS n
      FROM ${EVENT_TABLES[t]} WHERE ${matchCondition(columns[t]!, value)} GROUP BY ALL`)
    for (const r of rows) {
      const i = Math.round((Number(r.bucket) - start) / widthMs)
      if (i >= 0 && i < buckets.length) out[t][i] = Number(r.n)
    }
  }
  return out
}

async function recentEvents(store: Store, type: EntityType, value: string): Promise<EntityProfile['recent']> {
  const columns = ENTITY_COLUMNS[type] ?? {}
  const out: EntityProfile['recent'] = []
  for (const t of ['http', 'app'] as const) {
    const column = columns[t]
    if (column === undefined) continue
    const rows = await store.query(`SELECT * EXCLUDE (message) REPLACE (epoch_ms(ts) AS ts) FROM ${EVENT_TABLES[t]}
      WHERE ${matchCondition(column, value)} ORDER BY ts DESC, event_id LIMIT ${RECENT_EVENTS}`)
    for (const event of rows) out.push({ table: t, event })
  }
  return out.sort((a, b) => Number(b.event.ts) - Number(a.event.ts)).slice(0, RECENT_EVENTS)
}

/** Entities seen in the same events as this one, with how many events they share. */
async function coOccurring(store: Store, type: EntityType, value: string): Promise<{ type: EntityType; value: string; n: number }[]> {
  const columns = ENTITY_COLUMNS[type] ?? {}
  const parts: string[] = []
  for (const t of ['http', 'app'] as const) {
    const own = columns[t]
    if (own === undefined) continue
    for (const [otherType, otherColumns] of Object.entries(ENTITY_COLUMNS) as [EntityType, Partial<Record<EventTableKey, string>>][]) {
      const other = otherColumns[t]
      if (otherType === type || other === undefined) continue
      parts.push(`(SELECT '${otherType}' AS type, ${other}::VARCHAR AS value, count(*) AS n FROM ${EVENT_TABLES[t]}
        WHERE ${matchCondition(own, value)} AND ${other} IS NOT NULL
        GROUP BY 2 ORDER BY n DESC, value LIMIT ${NEIGHBOURS_PER_TYPE})`)
    }
  }
  if (parts.length === 0) return []
  // One statement: the store serialises queries, so fewer round trips is what makes this fast.
  const rows = await store.query(parts.join(' UNION ALL '))
  return rows.map((r) => ({ type: r.type as EntityType, value: String(r.value), n: Number(r.n) }))
}

export async function entityProfile(store: Store, type: EntityType, value: string): Promise<EntityProfile> {
  // The text match on related only narrows the scan; assessRisk decides what really links.
  const detectionRows = await store.query(`SELECT ${DETECTION_COLUMNS} FROM detections
    WHERE (entity_type = ${sqlString(type)} AND entity_value = ${sqlString(value)})
      OR related::VARCHAR ILIKE ${sqlContainsPattern(JSON.stringify(value))}
    ORDER BY score DESC, last_seen DESC, id LIMIT 500`)
  const candidates = detectionRows.map(rowToDetection)
  const risk = assessRisk({ type, value }, candidates)
  const linked = new Set(risk.reasons.map((r) => r.detection_id))
  const detections = candidates.filter(
    (d) => linked.has(d.id) || (d.entity.type === type && d.entity.value === value) || d.related.some((r) => r.type === type && r.value === value),
  )

  const center = nodeId(type, value)
  const nodes = new Map<string, GraphNode>([[center, { id: center, type, value, score: risk.score, center: true }]])
  const edges = new Map<string, GraphEdge>()
  const link = (t: string, v: string, weight: number, via: GraphEdge['via']): void => {
    const id = nodeId(t, v)
    if (id === center) return
    if (!nodes.has(id)) nodes.set(id, { id, type: t, value: v, score: 0, center: false })
    const key = `${center}|${id}`
    const prev = edges.get(key)
    // The same pair seen in http and app events: the shared counts add up.
    edges.set(key, { source: center, target: id, weight: (prev?.weight ?? 0) + weight, via: prev?.via ?? via })
  }
  for (const n of await coOccurring(store, type, value)) link(n.type, n.value, n.n, 'events')
  for (const r of detections.flatMap((d) => [d.entity, ...d.related]).slice(0, MAX_RELATED_FROM_DETECTIONS)) {
    if (typeof r?.type === 'string' && typeof r?.value === 'string') link(r.type, r.value, 0, 'detection')
  }
  await scoreNodes(store, nodes)

  return {
    entity: { type, value },
    risk,
    detections,
    timeline: await timeline(store, type, value),
    recent: await recentEvents(store, type, value),
    graph: { nodes: [...nodes.values()], edges: [...edges.values()] },
  }
}

async function scoreNodes(store: Store, nodes: Map<string, GraphNode>): Promise<void> {
  const others = [...nodes.values()].filter((n) => !n.center)
  if (others.length === 0) return
  const pairs = others.map((n) => `(${sqlString(n.type)}, ${sqlString(n.value)})`).join(', ')
  const rows = await store.query(`SELECT d.entity_type, d.entity_value, max(d.score) AS score
    FROM detections d JOIN (VALUES ${pairs}) AS v(t, val) ON d.entity_type = v.t AND d.entity_value = v.val
    GROUP BY ALL`)
  for (const r of rows) {
    const node = nodes.get(nodeId(String(r.entity_type), String(r.entity_value)))
    if (node !== undefined) node.score = Number(r.score)
  }
}
