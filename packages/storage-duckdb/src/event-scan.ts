/**
 * The read side of the event tables: scanning events back out of DuckDB in time order,
 * as the JS values the event model holds.
 * @module
 */
import type { DuckDBInstance, DuckDBValue } from '@duckdb/node-api'
import type { EventScanOptions } from '@vigil/core'
import { timestampValue } from './columns.ts'
import type { Kind } from './columns.ts'

/** How to read each kind back as the JSON value the event model holds. */
function selectExpression(name: string, kind: Kind): string {
  switch (kind) {
    case 'ts':
      return `epoch_ms(${name})::DOUBLE`
    case 'bigint':
      return `${name}::DOUBLE`
    default:
      // A JSON column is nested as JSON, so the row's one JSON.parse rebuilds it too.
      return name
  }
}

export async function* scanEvents<E>(
  instance: DuckDBInstance,
  table: string,
  spec: Readonly<Record<string, Kind>>,
  options: EventScanOptions,
): AsyncIterable<E[]> {
  // Small by default: a batch the caller holds while it works through it should die young in
  // V8's heap; at 20,000 events per batch `vigil detect` spent half its scan in the old generation.
  const batchSize = Math.max(1, options.batchSize ?? 1_024)
  const where: string[] = []
  const values: DuckDBValue[] = []
  if (options.from !== undefined) {
    values.push(timestampValue(options.from))
    where.push(`ts >= $${values.length}`)
  }
  if (options.to !== undefined) {
    values.push(timestampValue(options.to))
    where.push(`ts < $${values.length}`)
  }
  const omit = new Set(options.omit)
  const read = Object.entries(spec).filter(([name]) => !omit.has(name))
  const names = read.map(([name]) => name)
  // Every event gets every field (omitted ones null) in the table's order, so all events of a
  // table share one hidden class: an object built by assigning 45 computed keys one by one
  // falls into V8's slow dictionary mode, and every detector's property read paid for it.
  const template = Object.fromEntries(Object.keys(spec).map((name) => [name, null]))
  // Each row leaves DuckDB as one JSON text: the binding reads every long string with a
  // native call of its own (a dozen or more per event), one text per row and JSON.parse
  // cost under half as much. An array rather than an object: the field names were half
  // of every row's text.
  const sql =
    `SELECT json_array(${read.map(([name, kind]) => selectExpression(name, kind)).join(', ')})::VARCHAR AS j ` +
    `FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts, event_id`
  // Its own connection: the caller may write (upsert detections) between batches.
  const conn = await instance.connect()
  try {
    await conn.run("SET TimeZone = 'UTC'")
    const result = await conn.stream(sql, values)
    let batch: E[] = []
    for (;;) {
      const chunk = await result.fetchChunk()
      if (chunk === null || chunk.rowCount === 0) break
      const rows = chunk.getColumnVector(0)
      for (let i = 0; i < chunk.rowCount; i++) {
        const row = JSON.parse(rows.getItem(i) as string) as unknown[]
        const event: Record<string, unknown> = { ...template }
        for (let c = 0; c < names.length; c++) event[names[c] as string] = row[c]
        batch.push(event as E)
        if (batch.length >= batchSize) {
          yield batch
          batch = []
        }
      }
    }
    if (batch.length) yield batch
  } finally {
    conn.closeSync()
  }
}
