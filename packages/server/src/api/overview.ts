/**
 * Headline figures for the dashboard, each one aggregate query over the store.
 * @module
 */
import type { Store } from '@vigil/core'
import { timeConditions, whereClause } from './params.ts'
import type { TimeRange } from './params.ts'

/** Status codes that mean the shop (or its WAF) refused the request. */
export const BLOCKED_STATUSES = [403, 429, 444] as const
export const BLOCKED_SQL = `http_response_status_code IN (${BLOCKED_STATUSES.join(', ')})`

export interface Overview {
  /** Bounds of the stored traffic, epoch ms; null when the store is empty. */
  data_range: { from: number; to: number } | null
  http: { events: number; ips: number; blocked: number; allowed: number; server_errors: number }
  app: { events: number; failed_logins: number; accounts: number }
  detections: { total: number; entities: number; by_severity: Record<string, number> }
  quarantined: number
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0)
}

export async function dataRange(store: Store): Promise<{ from: number; to: number } | null> {
  const [r] = await store.query(`SELECT epoch_ms(min(ts)) AS lo, epoch_ms(max(ts)) AS hi FROM (
      SELECT min(ts) AS ts FROM http_events UNION ALL SELECT max(ts) FROM http_events
      UNION ALL SELECT min(ts) FROM app_events UNION ALL SELECT max(ts) FROM app_events)`)
  if (r?.lo === null || r?.lo === undefined) return null
  return { from: num(r.lo), to: num(r.hi) + 1 }
}

export async function overview(store: Store, range: TimeRange): Promise<Overview> {
  const where = whereClause(timeConditions(range))
  const [http] = await store.query(`SELECT count(*) AS events, approx_count_distinct(source_ip) AS ips,
      count(*) FILTER (WHERE ${BLOCKED_SQL}) AS blocked,
      count(*) FILTER (WHERE http_response_status_code >= 500) AS server_errors
    FROM http_events ${where}`)
  const [app] = await store.query(`SELECT count(*) AS events,
      count(*) FILTER (WHERE event_action = 'account.login' AND event_outcome = 'failure') AS failed_logins,
      approx_count_distinct(user_name) AS accounts
    FROM app_events ${where}`)
  const detWhere = whereClause(timeConditions(range, 'last_seen'))
  const bySeverity = await store.query(
    `SELECT severity, count(*) AS n FROM detections ${detWhere} GROUP BY severity`,
  )
  const [det] = await store.query(
    `SELECT count(*) AS total, count(DISTINCT (entity_type, entity_value)) AS entities FROM detections ${detWhere}`,
  )
  const [q] = await store.query(`SELECT count(*) AS n FROM quarantine`)
  const events = num(http?.events)
  const blocked = num(http?.blocked)
  return {
    data_range: await dataRange(store),
    http: { events, ips: num(http?.ips), blocked, allowed: events - blocked, server_errors: num(http?.server_errors) },
    app: { events: num(app?.events), failed_logins: num(app?.failed_logins), accounts: num(app?.accounts) },
    detections: {
      total: num(det?.total),
      entities: num(det?.entities),
      by_severity: Object.fromEntries(bySeverity.map((r) => [String(r.severity), num(r.n)])),
    },
    quarantined: num(q?.n),
  }
}
