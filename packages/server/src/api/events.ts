/**
 * The raw events explorer: a page of events newest first, narrowed by a time range,
 * a text search over the raw line, and include/exclude filters on any scalar column.
 * Columns come from a whitelist; values are quoted literals.
 * @module
 */
import type { Store } from '@vigil/core'
import { z } from 'zod'
import { sqlContainsPattern, sqlString, MAX_SQL_STRING } from '../sql/literal.ts'
import { ApiError } from './api-error.ts'
import { EVENT_TABLES, isScalarColumn } from './columns.ts'
import type { EventTableKey } from './columns.ts'
import { PageSchema, TimeRangeSchema, timeConditions, whereClause } from './params.ts'

const MAX_FILTERS = 20

export const FilterSchema = z.object({
  field: z.string().min(1).max(64),
  /** null matches a missing value. */
  value: z.union([z.string().max(MAX_SQL_STRING), z.number(), z.boolean(), z.null()]),
  exclude: z.boolean().default(false),
})
export type EventFilter = z.infer<typeof FilterSchema>

const FiltersParam = z
  .string()
  .max(64_000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'filters must be a JSON array' })
      return z.NEVER
    }
  })
  .pipe(z.array(FilterSchema).max(MAX_FILTERS))

export const EventQuerySchema = z.object({
  ...TimeRangeSchema.shape,
  ...PageSchema.shape,
  table: z.enum(['http', 'app']).default('http'),
  filters: FiltersParam.default([]),
  q: z.string().min(1).max(200).optional(),
})
export type EventQuery = z.infer<typeof EventQuerySchema>

export function filterCondition(table: EventTableKey, f: EventFilter): string {
  if (!isScalarColumn(table, f.field)) {
    throw new ApiError(400, 'bad_request', `filters: unknown column ${JSON.stringify(f.field)} for ${table} events`)
  }
  // Compared as text so one rule serves every column type and a value never fails a cast.
  if (f.value === null) return `${f.field} IS ${f.exclude ? 'NOT ' : ''}NULL`
  const literal = sqlString(String(f.value))
  return f.exclude ? `${f.field} IS NULL OR ${f.field}::VARCHAR <> ${literal}` : `${f.field}::VARCHAR = ${literal}`
}

export function eventConditions(q: EventQuery): string[] {
  const c = [...timeConditions(q), ...q.filters.map((f) => filterCondition(q.table, f))]
  if (q.q !== undefined) c.push(`message ILIKE ${sqlContainsPattern(q.q)}`)
  return c
}

export async function listEvents(
  store: Store,
  q: EventQuery,
): Promise<{ total: number; rows: Record<string, unknown>[] }> {
  const table = EVENT_TABLES[q.table]
  const where = whereClause(eventConditions(q))
  const [count] = await store.query(`SELECT count(*) AS n FROM ${table} ${where}`)
  // Page on the two narrow columns first, then fetch the wide rows of that page only:
  // sorting every column of millions of rows to keep fifty is what made deep pages slow.
  const rows = await store.query(`WITH page AS (
      SELECT event_id, ts FROM ${table} ${where} ORDER BY ts DESC, event_id LIMIT ${q.limit} OFFSET ${q.offset})
    SELECT e.* REPLACE (epoch_ms(e.ts) AS ts) FROM page p JOIN ${table} e ON e.event_id = p.event_id AND e.ts = p.ts
    ORDER BY p.ts DESC, p.event_id`)
  return { total: Number(count?.n ?? 0), rows }
}
