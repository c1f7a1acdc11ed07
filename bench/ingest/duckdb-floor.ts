/**
 * DuckDB's own cost for the rows of an ingest, apart from vigil: the same log parsed and
 * enriched in-process and written as the store writes its batch files (timed: the Node
 * side of an ingest), then loaded by one INSERT … SELECT FROM read_csv into the same
 * schema in a fresh file-backed store, committed and checkpointed (timed: DuckDB alone).
 * @module
 */
import { createReadStream, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { DuckDBInstance } from '@duckdb/node-api'
import { DEFAULT_PARSER_OPTIONS, IngestPipeline, createEnricher, createParser } from '../../packages/core/src/index.ts'
import { loadEnrichmentData } from '../../packages/runtime/src/index.ts'
import { BatchFileWriter, fileRuns, insertFromFiles } from '../../packages/storage-duckdb/src/batch-file.ts'
import type { BatchFile } from '../../packages/storage-duckdb/src/batch-file.ts'
import { HTTP_WRITERS } from '../../packages/storage-duckdb/src/columns.ts'
import { MIGRATIONS } from '../../packages/storage-duckdb/src/migrations/index.ts'

export interface CpuWall {
  cpu: number
  wall: number
}

export interface FloorVariant extends CpuWall {
  label: string
}

async function measure(fn: () => Promise<void>): Promise<CpuWall> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await fn()
  const c = process.cpuUsage(c0)
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 }
}

/** Parses and enriches `log` as `vigil ingest` does and writes the rows as its batch files (of 50,000). */
export async function writeRowFiles(log: string, dir: string): Promise<{ files: BatchFile[]; rows: number; node: CpuWall }> {
  mkdirSync(dir, { recursive: true })
  const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
  const files: BatchFile[] = []
  let rows = 0
  const node = await measure(async () => {
    const parser = createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: log })
    const pipeline = new IngestPipeline({ parser, file: log, eventIdPrefix: 'floor', batchSize: 50_000, maxMessageBytes: DEFAULT_PARSER_OPTIONS.maxMessageBytes, enricher })
    const writer = new BatchFileWriter()
    const write = (events: readonly object[]): void => {
      const f = writer.write(join(dir, `rows-${files.length}.csv`), 'http_events', HTTP_WRITERS, events)
      if (f !== null) {
        files.push(f)
        rows += f.rows
      }
    }
    let n = 0
    for await (const line of createInterface({ input: createReadStream(log), crlfDelay: Infinity })) {
      pipeline.feed(line, ++n)
      for (let r = pipeline.takeReady(); r !== null; r = pipeline.takeReady()) write(r.batch.http)
    }
    for (const r of pipeline.finish(n)) write(r.batch.http)
  })
  return { files, rows, node }
}

/** One load of the files into a fresh store with DuckDB `settings`: INSERT, COMMIT, CHECKPOINT. */
export async function loadRows(files: readonly BatchFile[], dir: string, label: string, settings: Record<string, string>): Promise<FloorVariant> {
  const db = join(dir, 'floor.duckdb')
  rmSync(db, { force: true })
  rmSync(`${db}.wal`, { force: true })
  const instance = await DuckDBInstance.create(db, { memory_limit: '128MB', ...settings })
  const conn = await instance.connect()
  try {
    await conn.run("SET TimeZone = 'UTC'")
    await conn.run(MIGRATIONS[0]!.sql)
    const t = await measure(async () => {
      await conn.run('BEGIN TRANSACTION')
      for (const run of fileRuns(files)) await conn.run(insertFromFiles(run))
      await conn.run('COMMIT')
      await conn.run('CHECKPOINT')
    })
    return { label, ...t }
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}
