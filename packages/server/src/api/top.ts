/**
 * Top values of a column (IPs, ASNs, countries, paths, …), counted in the database.
 * With `scope=attacking` only traffic from IPs that have a detection counts.
 * @module
 */
import type { Store } from '@vigil/core'
import { BLOCKED_SQL } from './overview.ts'
import { timeConditions, whereClause } from './params.ts'
import type { TimeRange } from './params.ts'
import { EVENT_TABLES } from './columns.ts'
import type { EventTableKey } from './columns.ts'

export interface TopRow {
  value: string | number | boolean | null
  /** Second label shown beside the value, e.g. the AS organisation beside its number. */
  label: string | null
  events: number
  blocked: number
}

const LABELS: Readonly<Record<string, string>> = Object.freeze({ source_as_number: 'any_value(source_as_organization_name)' })

export async function topValues(
  store: Store,
  table: EventTableKey,
  column: string,
  range: TimeRange,
  scope: 'all' | 'attacking',
  limit: number,
): Promise<TopRow[]> {
  const conditions = [...timeConditions(range), `${column} IS NOT NULL`]
  if (scope === 'attacking') {
    conditions.push(`source_ip IN (SELECT entity_value FROM detections WHERE entity_type = 'ip')`)
  }
  const blocked = table === 'http' ? `count(*) FILTER (WHERE ${BLOCKED_SQL})` : '0'
  const label = LABELS[column] ?? 'NULL'
  const rows = await store.query(`SELECT ${column} AS value, ${label} AS label, count(*) AS events, ${blocked} AS blocked
    FROM ${EVENT_TABLES[table]} ${whereClause(conditions)}
    GROUP BY ${column} ORDER BY events DESC, value LIMIT ${Math.trunc(limit)}`)
  return rows.map((r) => ({
    value: r.value as TopRow['value'],
    label: r.label === null || r.label === undefined ? null : String(r.label),
    events: Number(r.events),
    blocked: Number(r.blocked),
  }))
}
