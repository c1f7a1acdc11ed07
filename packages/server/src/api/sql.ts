/**
 * Read-only SQL for admins. The store refuses anything but one reading statement and
 * has no file access; this endpoint only bounds what it sends back.
 * @module
 */
import type { Store } from '@vigil/core'
import { z } from 'zod'

export const MAX_SQL_ROWS = 1000

export const SqlBodySchema = z.object({ sql: z.string().min(1).max(20_000) })

export async function runSql(
  store: Store,
  sql: string,
): Promise<{ columns: string[]; rows: Record<string, unknown>[]; truncated: boolean }> {
  const rows = await store.query(sql)
  const columns = rows[0] === undefined ? [] : Object.keys(rows[0])
  return { columns, rows: rows.slice(0, MAX_SQL_ROWS), truncated: rows.length > MAX_SQL_ROWS }
}
