/**
 * The Store port on embedded DuckDB (@duckdb/node-api). One read-write connection,
 * with operations serialized so transactions never interleave; scans use connections
 * of their own so a detector run can upsert while it reads.
 * @module
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api'
import { VigilError } from '@vigil/core'
import type {
  AppEvent,
  Detection,
  DetectionFilter,
  EntityType,
  EventScanOptions,
  HttpEvent,
  IngestBatch,
  QuarantineRecord,
  Severity,
  SourceCheckpoint,
  Store,
} from '@vigil/core'
import {
  APP_SPEC,
  APP_WRITERS,
  HTTP_SPEC,
  HTTP_WRITERS,
  rowJson,
  rowToEvent,
  selectExpression,
  timestampValue,
} from './columns.ts'
import type { ColumnWriter, Kind } from './columns.ts'
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from './migrations/index.ts'
import { prepareReadOnly } from './read-only.ts'
import { toJsonSafe } from './json-safe.ts'

/** JSON text per INSERT statement (~2,000 access-log events), held once in Node and once in DuckDB. */
const SLICE_BYTES = 1 << 21
/** Rows `query()` returns at most; more asks the user for a LIMIT rather than exhausting memory. */
export const MAX_QUERY_ROWS = 100_000

export interface DuckDbStoreOptions {
  /** Open without write access (and fail instead of creating a missing file). */
  readOnly?: boolean
  /** DuckDB's buffer pool bound (it spills beyond it); default 256MB keeps a whole ingest under 500 MB RSS. */
  memoryLimit?: string
}

export const DEFAULT_MEMORY_LIMIT = '256MB'
const CHECKPOINT_THRESHOLD = '128MB'

function openError(path: string, e: unknown): VigilError {
  const msg = e instanceof Error ? e.message : String(e)
  if (/lock/i.test(msg)) {
    return new VigilError(
      'VIGIL_ERR_STORE_OPEN',
      `The store ${path} is in use by another process (${msg.split('\n')[0]}). Wait for that vigil command to finish, or pass another --db.`,
      { cause: e, exitCode: 4 },
    )
  }
  return new VigilError(
    'VIGIL_ERR_STORE_OPEN',
    `Cannot open the store ${path}: ${msg.split('\n')[0]}. Check the path (--db or VIGIL_DB) points to a DuckDB file written by vigil.`,
    { cause: e, exitCode: 4 },
  )
}

export class DuckDbStore implements Store {
  readonly path: string
  readonly #instance: DuckDBInstance
  readonly #conn: DuckDBConnection
  #queue: Promise<unknown> = Promise.resolve()
  /** Where a slice of JSON rows is written; grows only for a row longer than it. */
  #slice = Buffer.allocUnsafe(SLICE_BYTES)

  private constructor(path: string, instance: DuckDBInstance, conn: DuckDBConnection) {
    this.path = path
    this.#instance = instance
    this.#conn = conn
  }

  /** Opens (creating the file and its directory unless read-only) and migrates. */
  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    const memory = path === ':memory:'
    const full = memory ? path : resolve(path)
    if (!memory && !options.readOnly) mkdirSync(dirname(full), { recursive: true })
    let instance: DuckDBInstance
    let conn: DuckDBConnection
    try {
      instance = await DuckDBInstance.create(full, {
        ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
        // Nothing vigil does needs files beyond the store; queries must not reach any.
        enable_external_access: 'false',
        memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        // DuckDB checkpoints (compresses the WAL into the file) once the WAL passes this; at
        // its 16MB default every ingest batch paid a checkpoint that rewrote the table's last,
        // partly filled row group. A commit is durable in the WAL either way.
        checkpoint_threshold: CHECKPOINT_THRESHOLD,
      })
      conn = await instance.connect()
      await conn.run("SET TimeZone = 'UTC'")
    } catch (e) {
      throw openError(full, e)
    }
    const store = new DuckDbStore(full, instance, conn)
    if (!options.readOnly) await store.migrate()
    return store
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn)
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.#conn.run('BEGIN TRANSACTION')
    try {
      const out = await fn()
      await this.#conn.run('COMMIT')
      return out
    } catch (e) {
      await this.#conn.run('ROLLBACK')
      throw e
    }
  }

  migrate(): Promise<void> {
    return this.#serial(async () => {
      await this.#conn.run(SCHEMA_MIGRATIONS_DDL)
      const done = await this.#conn.runAndReadAll('SELECT version FROM schema_migrations')
      const applied = new Set(done.getRowsJS().map((r) => Number(r[0])))
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue
        await this.#transaction(async () => {
          await this.#conn.run(m.sql)
          await this.#conn.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
        })
      }
    })
  }

  getCheckpoint(sourceKey: string): Promise<SourceCheckpoint | null> {
    return this.#serial(async () => {
      const rows = await this.#readCheckpoints('WHERE source_key = $1', [sourceKey])
      return rows[0] ?? null
    })
  }

  listCheckpoints(): Promise<SourceCheckpoint[]> {
    return this.#serial(() => this.#readCheckpoints('', []))
  }

  async #readCheckpoints(where: string, values: DuckDBValue[]): Promise<SourceCheckpoint[]> {
    const r = await this.#conn.runAndReadAll(
      `SELECT source_key, path, format, lines_done::DOUBLE AS lines_done, prefix_bytes::DOUBLE AS prefix_bytes,
        epoch_ms(updated_at)::DOUBLE AS updated_at FROM ingest_sources ${where} ORDER BY source_key`,
      values,
    )
    return r.getRowObjectsJS() as unknown as SourceCheckpoint[]
  }

  commitBatch(batch: IngestBatch, checkpoint: SourceCheckpoint): Promise<void> {
    return this.#serial(() =>
      this.#transaction(async () => {
        await this.#append('http_events', HTTP_WRITERS, batch.http)
        await this.#append('app_events', APP_WRITERS, batch.app)
        await this.#appendQuarantine(batch.quarantine)
        if (batch.detections?.length) await this.#upsert(batch.detections)
        await this.#conn.run(
          `INSERT OR REPLACE INTO ingest_sources (source_key, path, format, lines_done, prefix_bytes, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            checkpoint.source_key,
            checkpoint.path,
            checkpoint.format,
            BigInt(checkpoint.lines_done),
            BigInt(checkpoint.prefix_bytes ?? 0),
            timestampValue(checkpoint.updated_at),
          ],
        )
      }),
    )
  }

  async #append(table: string, writers: readonly ColumnWriter[], events: readonly object[]): Promise<void> {
    if (events.length === 0) return
    const used = writers.filter((w) => events.some((e) => (e as Record<string, unknown>)[w.name] != null))
    const names = used.map((w) => w.name)
    // A slice of events goes in as one parameter: UTF-8 JSON rows joined by newlines
    // (JSON.stringify escapes every newline inside a value), written into one reused buffer.
    // One crossing into native code per slice, no megabyte strings for V8 to collect (large
    // objects wait for a full collection: RSS swung by ~300 MB), and the statement runs on
    // DuckDB's threads while Node goes on.
    const sql = `INSERT INTO ${table} (${names.join(', ')})
      SELECT ${used.map((w, i) => w.fromText(`r[${i + 1}]`)).join(', ')}
      FROM (SELECT from_json(unnest(string_split(decode($1::BLOB), chr(10))), '["VARCHAR"]') AS r)`
    // Bound onto one prepared statement, destroyed at the end: a parameter passed as a DuckDB
    // value object keeps its native copy until V8 collects the wrapper, memory V8 cannot see.
    const prepared = await this.#conn.prepare(sql)
    // bind_blob copies the bytes: once bound, the buffer takes the next slice while DuckDB inserts.
    let inserting: Promise<unknown> = Promise.resolve()
    const send = async (bytes: number): Promise<void> => {
      await inserting
      prepared.bindBlob(1, this.#slice.subarray(0, bytes))
      inserting = prepared.run()
    }
    try {
      let bytes = 0
      for (const e of events) {
        const row = rowJson(e, names)
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        if (bytes > 0 && bytes + 1 + row.length * 3 > this.#slice.length) {
          await send(bytes)
          bytes = 0
        }
        if (row.length * 3 + 1 > this.#slice.length) {
          await inserting
          this.#slice = Buffer.allocUnsafe(row.length * 3 + 1)
        }
        if (bytes > 0) this.#slice[bytes++] = 10
        bytes += this.#slice.write(row, bytes)
      }
      if (bytes > 0) await send(bytes)
      await inserting
    } finally {
      // A failed insert is already thrown above; only the statement is left to free.
      await inserting.catch(() => undefined)
      prepared.destroySync()
    }
  }

  async #appendQuarantine(records: readonly QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return
    const appender = await this.#conn.createAppender('quarantine')
    for (const q of records) {
      appender.appendVarchar(q.log_file)
      appender.appendBigInt(BigInt(q.log_line))
      appender.appendVarchar(q.log_format)
      appender.appendVarchar(q.reason)
      appender.appendVarchar(q.message)
      appender.appendTimestampTZ(timestampValue(q.ts_ingested))
      appender.endRow()
    }
    appender.flushSync()
    appender.closeSync()
  }

  scanHttpEvents(options: EventScanOptions = {}): AsyncIterable<HttpEvent[]> {
    return this.#scan<HttpEvent>('http_events', HTTP_SPEC, options)
  }

  scanAppEvents(options: EventScanOptions = {}): AsyncIterable<AppEvent[]> {
    return this.#scan<AppEvent>('app_events', APP_SPEC, options)
  }

  async *#scan<E>(table: string, spec: Readonly<Record<string, string>>, options: EventScanOptions): AsyncIterable<E[]> {
    const batchSize = Math.max(1, options.batchSize ?? 10_000)
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
    const select = Object.entries(spec)
      .map(([name, kind]) => selectExpression(name, kind as Kind))
      .join(', ')
    // Each row leaves DuckDB as one JSON text: the binding reads every long string with a
    // native call of its own (a dozen or more per event), which made the scan most of a
    // `vigil detect` run; one text per row and JSON.parse cost under half as much.
    const sql =
      `SELECT to_json(r)::VARCHAR AS j FROM (SELECT ${select} FROM ${table} ` +
      `${where.length ? `WHERE ${where.join(' AND ')}` : ''}) r ORDER BY r.ts, r.event_id`
    // Its own connection: the caller may write (upsert detections) between batches.
    const conn = await this.#instance.connect()
    try {
      await conn.run("SET TimeZone = 'UTC'")
      const result = await conn.stream(sql, values)
      let batch: E[] = []
      for (;;) {
        const chunk = await result.fetchChunk()
        if (chunk === null || chunk.rowCount === 0) break
        const rows = chunk.getColumnVector(0)
        for (let i = 0; i < chunk.rowCount; i++) {
          batch.push(rowToEvent<E>(spec as never, JSON.parse(rows.getItem(i) as string) as Record<string, unknown>))
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

  upsertDetections(detections: Detection[]): Promise<void> {
    if (detections.length === 0) return Promise.resolve()
    return this.#serial(() => this.#transaction(() => this.#upsert(detections)))
  }

  async #upsert(detections: readonly Detection[]): Promise<void> {
    // One statement per detection waited on DuckDB for every row (most of a `vigil detect`
    // run); staging them with the appender and upserting with one INSERT … SELECT does not.
    const latest = new Map<string, Detection>()
    for (const d of detections) latest.set(d.id, d)
    await this.#conn.run(
      `CREATE TEMP TABLE IF NOT EXISTS stage_detections (id VARCHAR, detector VARCHAR, threat VARCHAR,
        category VARCHAR, entity_type VARCHAR, entity_value VARCHAR, score DOUBLE, severity VARCHAR,
        first_seen VARCHAR, last_seen VARCHAR, detected_at VARCHAR, count DOUBLE, explanation VARCHAR, evidence VARCHAR,
        related VARCHAR)`,
    )
    const appender = await this.#conn.createAppender('stage_detections', 'main', 'temp')
    for (const d of latest.values()) {
      appender.appendVarchar(d.id)
      appender.appendVarchar(d.detector)
      appender.appendVarchar(d.threat)
      appender.appendVarchar(d.category)
      appender.appendVarchar(d.entity.type)
      appender.appendVarchar(d.entity.value)
      appender.appendDouble(d.score)
      appender.appendVarchar(d.severity)
      appender.appendVarchar(d.first_seen)
      appender.appendVarchar(d.last_seen)
      appender.appendVarchar(d.detected_at)
      appender.appendDouble(d.count)
      appender.appendVarchar(d.explanation)
      appender.appendVarchar(JSON.stringify(d.evidence))
      appender.appendVarchar(JSON.stringify(d.related))
      appender.endRow()
    }
    appender.flushSync()
    appender.closeSync()
    await this.#conn.run(
      `INSERT OR REPLACE INTO detections (id, detector, threat, category, entity_type, entity_value, score, severity,
        first_seen, last_seen, detected_at, count, explanation, evidence, related)
       SELECT id, detector, threat, category, entity_type, entity_value, score, severity,
         first_seen::TIMESTAMPTZ, last_seen::TIMESTAMPTZ, detected_at::TIMESTAMPTZ, count::BIGINT, explanation, evidence::JSON, related::JSON
       FROM temp.main.stage_detections`,
    )
    await this.#conn.run('DELETE FROM temp.main.stage_detections')
  }

  clearDetections(detectors?: string[]): Promise<void> {
    return this.#serial(async () => {
      if (detectors === undefined) {
        await this.#conn.run('DELETE FROM detections')
      } else if (detectors.length > 0) {
        await this.#conn.run('DELETE FROM detections WHERE list_contains($1::VARCHAR[], detector)', [
          `[${detectors.map((d) => JSON.stringify(d)).join(',')}]`,
        ])
      }
    })
  }

  listDetections(filter: DetectionFilter = {}): Promise<Detection[]> {
    return this.#serial(async () => {
      const where: string[] = []
      const values: DuckDBValue[] = []
      if (filter.entityType !== undefined) {
        values.push(filter.entityType)
        where.push(`entity_type = $${values.length}`)
      }
      if (filter.threat !== undefined) {
        values.push(filter.threat)
        where.push(`threat = $${values.length}`)
      }
      if (filter.minScore !== undefined) {
        values.push(filter.minScore)
        where.push(`score >= $${values.length}`)
      }
      const limit = filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.trunc(filter.limit))}`
      const r = await this.#conn.runAndReadAll(
        `SELECT id, detector, threat, category, entity_type, entity_value, score, severity,
           strftime(first_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS first_seen, strftime(last_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_seen,
           strftime(coalesce(detected_at, first_seen), '%Y-%m-%dT%H:%M:%S.%gZ') AS detected_at,
           count::DOUBLE AS count, explanation, evidence::VARCHAR AS evidence, related::VARCHAR AS related
         FROM detections ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY score DESC, last_seen DESC, id ${limit}`,
        values,
      )
      return r.getRowObjectsJS().map((row) => ({
        id: row.id as string,
        detector: row.detector as string,
        threat: row.threat as string,
        category: row.category as string,
        entity: { type: row.entity_type as EntityType, value: row.entity_value as string },
        score: row.score as number,
        severity: row.severity as Severity,
        first_seen: row.first_seen as string,
        last_seen: row.last_seen as string,
        detected_at: row.detected_at as string,
        count: row.count as number,
        explanation: row.explanation as string,
        evidence: JSON.parse(row.evidence as string),
        related: JSON.parse(row.related as string),
      }))
    })
  }

  query(sql: string): Promise<Record<string, unknown>[]> {
    return this.#serial(async () => {
      const prepared = await prepareReadOnly(this.#conn, sql)
      // EXPLAIN ANALYZE runs its statement: a transaction rolled back undoes anything it did.
      await this.#conn.run('BEGIN TRANSACTION')
      try {
        const reader = await prepared.runAndReadUntil(MAX_QUERY_ROWS + 1)
        if (reader.currentRowCount > MAX_QUERY_ROWS) {
          throw new VigilError(
            'VIGIL_ERR_STORE_QUERY',
            `The query returns more than ${MAX_QUERY_ROWS} rows; add a LIMIT or aggregate.`,
          )
        }
        return reader.getRowObjectsJS().map((row) => toJsonSafe(row) as Record<string, unknown>)
      } catch (e) {
        if (e instanceof VigilError) throw e
        throw new VigilError('VIGIL_ERR_STORE_QUERY', `The query failed: ${(e as Error).message}`, { cause: e })
      } finally {
        await this.#conn.run('ROLLBACK')
        prepared.destroySync()
      }
    })
  }

  close(): Promise<void> {
    return this.#serial(async () => {
      this.#conn.closeSync()
      this.#instance.closeSync()
    })
  }
}
