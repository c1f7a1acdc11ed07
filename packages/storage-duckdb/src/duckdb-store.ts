/**
 * The Store port on embedded DuckDB (@duckdb/node-api). One read-write connection,
 * with operations serialized so transactions never interleave; scans use connections
 * of their own so a detector run can upsert while it reads.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api'
import { VigilError } from '@vigil/core/errors'
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
import { BatchFileWriter, fileRuns, insertFromFiles } from './batch-file.ts'
import type { BatchFile } from './batch-file.ts'
import { APP_SPEC, APP_WRITERS, HTTP_SPEC, HTTP_WRITERS, timestampValue } from './columns.ts'
import { scanEvents } from './event-scan.ts'
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from './migrations/index.ts'
import { prepareReadOnly } from './read-only.ts'
import { toJsonSafe } from './json-safe.ts'

/** Rows `query()` returns at most; more asks the user for a LIMIT rather than exhausting memory. */
export const MAX_QUERY_ROWS = 100_000

export interface DuckDbStoreOptions {
  /** Open without write access (and fail instead of creating a missing file). */
  readOnly?: boolean
  /** DuckDB's buffer pool bound (it spills beyond it); default 256MB (`vigil ingest` asks for 64MB). */
  memoryLimit?: string
  /**
   * DuckDB's worker threads (default: one per core). An ingest asks for one: on the shared
   * 2-core machine a second thread cost from about the same to 2.6× the CPU per row, and
   * Node's parsing needs the other core (docs/ingest.md).
   */
  threads?: number
  /**
   * Rows a transaction of `commitBatch` batches holds (default 0: whatever waits when
   * DuckDB is free): fewer wait for more batches or `flush()`, and a batch that would take
   * a transaction past it starts the next one (unless it is larger alone). At DuckDB's row
   * group size (122,880), a transaction's rows are compressed straight into the store file
   * as whole row groups. Transactions just over it (one row group and a partial one each,
   * as batches joining a waiting transaction made them) left the table a run of half-empty
   * row groups that DuckDB's checkpoint then rewrote whole, on closing the store: ~5 CPU-s
   * of a 1M-line ingest (docs/ingest.md).
   */
  commitRows?: number
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

/**
 * Where batch files wait for their commit: beside the store, emptied on every writable
 * open (after DuckDB holds the file lock, so no other writer is using it), which removes
 * what a crash left, and removed on close, so a finished run leaves no folder behind; a
 * store in memory gets a directory of its own.
 */
function stagingDir(full: string): string {
  if (full === ':memory:') return mkdtempSync(join(tmpdir(), 'vigil-staging-'))
  const dir = `${full}.staging`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  return dir
}

/** A batch once its events are in files: what the commit still needs, not the events. */
interface StagedBatch {
  quarantine: IngestBatch['quarantine']
  detections: IngestBatch['detections']
  files: readonly BatchFile[]
  checkpoint: SourceCheckpoint
}

interface CommitGroup {
  batches: StagedBatch[]
  rows: number
  generation: number
  /** True once the group is in the queue of operations (more batches may join until it runs). */
  queued: boolean
  done: Promise<void>
  start(): void
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}

export class DuckDbStore implements Store {
  readonly path: string
  readonly #instance: DuckDBInstance
  readonly #conn: DuckDBConnection
  #queue: Promise<unknown> = Promise.resolve()
  readonly #staging: string | null
  readonly #files = new BatchFileWriter()
  #fileSeq = 0
  /** Bumped when a commit fails: batches queued before it was reported are refused, never committed past the gap. */
  #generation = 0
  /** The group of batches still waiting for its turn, which a new batch joins. */
  #openGroup: CommitGroup | null = null
  readonly #commitRows: number

  private constructor(
    path: string,
    instance: DuckDBInstance,
    conn: DuckDBConnection,
    staging: string | null,
    commitRows: number,
  ) {
    this.path = path
    this.#instance = instance
    this.#conn = conn
    this.#staging = staging
    this.#commitRows = commitRows
  }

  /** Opens (creating the file and its directory unless read-only) and migrates. */
  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    const memory = path === ':memory:'
    const full = memory ? path : resolve(path)
    if (!memory && !options.readOnly) mkdirSync(dirname(full), { recursive: true })
    let instance: DuckDBInstance
    let conn: DuckDBConnection
    let staging: string | null = null
    try {
      instance = await DuckDBInstance.create(full, {
        // Nothing vigil does needs files beyond the store and its staging directory; queries
        // must not reach any. A writable store turns external access off once that directory
        // is allowed (DuckDB takes the list only while access is still on).
        ...(options.readOnly ? { access_mode: 'READ_ONLY', enable_external_access: 'false' } : {}),
        memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
        ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        // DuckDB checkpoints (compresses the WAL into the file) once the WAL passes this; at
        // its 16MB default every ingest batch paid a checkpoint that rewrote the table's last,
        // partly filled row group. A commit is durable in the WAL either way.
        checkpoint_threshold: CHECKPOINT_THRESHOLD,
      })
      conn = await instance.connect()
      if (!options.readOnly) {
        staging = stagingDir(full)
        await conn.run(`SET allowed_directories = [${sqlString(`${staging}/`)}]`)
        await conn.run('SET enable_external_access = false')
      }
      await conn.run("SET TimeZone = 'UTC'")
    } catch (e) {
      throw openError(full, e)
    }
    const store = new DuckDbStore(full, instance, conn, staging, options.commitRows ?? 0)
    if (!options.readOnly) await store.migrate()
    return store
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    // Anything queued after a group of batches commits it first and keeps later batches
    // from joining it, so every operation sees exactly the batches handed over before it.
    this.flush()
    this.#openGroup = null
    return this.#enqueue(fn)
  }

  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn)
    this.#queue = next.catch(() => undefined)
    return next
  }

  /** Queues the batches held back for `commitRows` for their commit. */
  flush(): void {
    const group = this.#openGroup
    if (group !== null && !group.queued) group.start()
  }

  async #transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.#conn.run('BEGIN TRANSACTION')
    try {
      const out = await fn()
      await this.#conn.run('COMMIT')
      return out
    } catch (e) {
      // A failed COMMIT has already rolled back; the first error is the one to report.
      await this.#conn.run('ROLLBACK').catch(() => undefined)
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

  /**
   * The batch's events are written to files right away (the caller may drop them). Batches
   * handed over while DuckDB is busy wait as one group and are committed in one transaction
   * (rows, quarantine, detections, checkpoints), in order: a caller handing over small
   * batches gets few, large transactions. With `commitRows`, a group waits for that
   * many rows or `flush()` before it is queued, and takes no batch that would pass it. If a commit fails, the batches queued
   * behind it fail too, so no checkpoint ever passes lines that were not stored.
   */
  commitBatch(batch: IngestBatch, checkpoint: SourceCheckpoint): Promise<void> {
    let files: BatchFile[]
    try {
      files = this.#stage(batch)
    } catch (e) {
      return Promise.reject(e)
    }
    const staged: StagedBatch = { quarantine: batch.quarantine, detections: batch.detections, files, checkpoint }
    const rows = batch.http.length + batch.app.length
    let group = this.#openGroup
    if (group !== null && this.#commitRows > 0 && group.rows > 0 && group.rows + rows > this.#commitRows) {
      this.flush()
      group = null
    }
    group ??= this.#newGroup()
    group.batches.push(staged)
    group.rows += rows
    if (group.rows >= this.#commitRows) this.flush()
    return group.done
  }

  #newGroup(): CommitGroup {
    let settle!: { resolve(): void; reject(e: unknown): void }
    const group: CommitGroup = {
      batches: [],
      rows: 0,
      generation: this.#generation,
      queued: false,
      done: new Promise<void>((resolve, reject) => (settle = { resolve, reject })),
      start: () => {
        group.queued = true
        this.#enqueue(() => this.#commitGroup(group)).then(settle.resolve, settle.reject)
      },
    }
    this.#openGroup = group
    return group
  }

  async #commitGroup(group: CommitGroup): Promise<void> {
    if (this.#openGroup === group) this.#openGroup = null
    const { batches } = group
    try {
      if (group.generation !== this.#generation) {
        const last = batches[batches.length - 1]!.checkpoint
        throw new VigilError(
          'VIGIL_ERR_STORE_QUERY',
          `Batches up to line ${last.lines_done} of ${last.path} not stored: an earlier batch failed to commit.`,
        )
      }
      await this.#transaction(async () => {
        for (const run of fileRuns(batches.flatMap((b) => b.files))) await this.#conn.run(insertFromFiles(run))
        await this.#appendQuarantine(batches.flatMap((b) => b.quarantine))
        for (const b of batches) if (b.detections?.length) await this.#upsert(b.detections)
        const latest = new Map<string, SourceCheckpoint>()
        for (const b of batches) latest.set(b.checkpoint.source_key, b.checkpoint)
        for (const checkpoint of latest.values()) {
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
        }
      })
    } catch (e) {
      if (group.generation === this.#generation) this.#generation++
      throw e
    } finally {
      for (const b of batches) for (const f of b.files) rmSync(f.path, { force: true })
    }
  }

  #stage(batch: IngestBatch): BatchFile[] {
    const staged: BatchFile[] = []
    if (batch.http.length + batch.app.length === 0) return staged
    if (this.#staging === null) throw new VigilError('VIGIL_ERR_STORE_QUERY', 'The store is open read-only; it cannot store events.')
    const write = (table: string, writers: typeof HTTP_WRITERS, events: readonly object[]): void => {
      const path = join(this.#staging!, `${table}-${process.pid}-${++this.#fileSeq}.csv`)
      try {
        const f = this.#files.write(path, table, writers, events)
        if (f !== null) staged.push(f)
      } catch (e) {
        for (const f of [...staged.map((x) => x.path), path]) rmSync(f, { force: true })
        throw e
      }
    }
    write('http_events', HTTP_WRITERS, batch.http)
    write('app_events', APP_WRITERS, batch.app)
    return staged
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
    return scanEvents<HttpEvent>(this.#instance, 'http_events', HTTP_SPEC, options)
  }

  scanAppEvents(options: EventScanOptions = {}): AsyncIterable<AppEvent[]> {
    return scanEvents<AppEvent>(this.#instance, 'app_events', APP_SPEC, options)
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
      if (this.#staging !== null) rmSync(this.#staging, { recursive: true, force: true })
    })
  }
}
