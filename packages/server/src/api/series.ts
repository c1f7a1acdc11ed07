/**
 * Time series, bucketed in the database: the bucket width is picked from a fixed
 * ladder so a chart never has more than MAX_BUCKETS points, whatever the range.
 * @module
 */
import type { Store } from '@vigil/core'
import { BLOCKED_SQL, dataRange } from './overview.ts'
import { timeConditions, whereClause } from './params.ts'
import type { TimeRange } from './params.ts'

const MAX_BUCKETS = 240
const BUCKET_LADDER_S = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400] as const

export function bucketSeconds(fromMs: number, toMs: number): number {
  const span = Math.max(1, toMs - fromMs) / 1000
  return BUCKET_LADDER_S.find((s) => span / s <= MAX_BUCKETS) ?? BUCKET_LADDER_S[BUCKET_LADDER_S.length - 1]!
}

export interface Series {
  bucket_seconds: number
  /** Bucket starts, epoch ms, ascending, without gaps. */
  buckets: number[]
  series: Record<string, number[]>
}

async function resolveRange(store: Store, range: TimeRange): Promise<{ from: number; to: number } | null> {
  if (range.from !== undefined && range.to !== undefined) return { from: range.from, to: range.to }
  const data = await dataRange(store)
  if (data === null) return null
  return { from: range.from ?? data.from, to: range.to ?? data.to }
}

/** Spreads `(bucket, key, n)` rows over a gapless bucket axis, one array per key. */
function pivot(rows: Record<string, unknown>[], from: number, to: number, width: number): Series {
  const widthMs = width * 1000
  const start = Math.floor(from / widthMs) * widthMs
  const buckets: number[] = []
  for (let t = start; t < to; t += widthMs) buckets.push(t)
  const index = new Map(buckets.map((b, i) => [b, i]))
  const series: Record<string, number[]> = {}
  for (const r of rows) {
    const i = index.get(Number(r.bucket))
    if (i === undefined) continue
    const key = String(r.key)
    const arr = (series[key] ??= new Array<number>(buckets.length).fill(0))
    arr[i] = (arr[i] ?? 0) + Number(r.n)
  }
  return { bucket_seconds: width, buckets, series }
}

function bucketExpr(width: number, column: string): string {
  // Buckets aligned to the epoch, like the JS axis built in pivot().
  return `epoch_ms(time_bucket(INTERVAL '${width} seconds', ${column}, TIMESTAMPTZ '1970-01-01 00:00:00+00'))`
}

/** Requests per bucket, split into blocked and allowed. */
export async function trafficSeries(store: Store, range: TimeRange): Promise<Series> {
  const r = await resolveRange(store, range)
  if (r === null) return { bucket_seconds: 0, buckets: [], series: {} }
  const width = bucketSeconds(r.from, r.to)
  const rows = await store.query(`SELECT ${bucketExpr(width, 'ts')} AS bucket,
      CASE WHEN ${BLOCKED_SQL} THEN 'blocked' ELSE 'allowed' END AS key, count(*) AS n
    FROM http_events ${whereClause(timeConditions(r))} GROUP BY ALL`)
  return pivot(rows, r.from, r.to, width)
}

export const DETECTION_SPLITS = { severity: 'severity', category: 'category', threat: 'threat' } as const
export type DetectionSplit = keyof typeof DETECTION_SPLITS

/** Detections by when they were first seen, split by severity, category or threat. */
export async function detectionSeries(store: Store, range: TimeRange, split: DetectionSplit): Promise<Series> {
  const r = await resolveRange(store, range)
  if (r === null) return { bucket_seconds: 0, buckets: [], series: {} }
  const width = bucketSeconds(r.from, r.to)
  const rows = await store.query(`SELECT ${bucketExpr(width, 'first_seen')} AS bucket,
      ${DETECTION_SPLITS[split]} AS key, count(*) AS n
    FROM detections ${whereClause(timeConditions(r, 'first_seen'))} GROUP BY ALL`)
  return pivot(rows, r.from, r.to, width)
}
