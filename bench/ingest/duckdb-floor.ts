/**
 * DuckDB's own cost for the rows of an ingest, apart from vigil: the same log read, parsed
 * and enriched in-process and written as the store writes its batch files, in the batches
 * `vigil ingest` hands over (timed: the Node side of an ingest), then loaded by one
 * INSERT … SELECT FROM read_csv into the same schema in a fresh file-backed store,
 * committed and checkpointed (timed: DuckDB alone).
 * @module
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDBInstance } from '@duckdb/node-api'
import { fileRuns, insertFromFiles } from '../../packages/storage-duckdb/src/batch-file.ts'
import type { BatchFile } from '../../packages/storage-duckdb/src/batch-file.ts'
import { MIGRATIONS } from '../../packages/storage-duckdb/src/migrations/index.ts'

type IngestModule = typeof import('../../packages/core/src/ingest/index.ts')
type EnrichModule = typeof import('../../packages/core/src/enrich/index.ts')
type DataModule = typeof import('../../packages/runtime/src/ingest/index.ts')
type SourceModule = typeof import('../../packages/runtime/src/sources/open-source.ts')
type SplitterModule = typeof import('../../packages/runtime/src/sources/line-splitter.ts')
type BatchFileModule = typeof import('../../packages/storage-duckdb/src/batch-file.ts')
type ColumnsModule = typeof import('../../packages/storage-duckdb/src/columns.ts')

/** This checkout. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Events per batch file: what `vigil ingest` hands the store at a time (HAND_OVER_RESULTS in ingest-paths.ts). */
const HAND_OVER = 2_048

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

/**
 * A reader of `log` that reads, parses and enriches it as `vigil ingest` does (its reader,
 * line splitter, pipeline and batch size), handing each batch of HTTP events to `onBatch`,
 * with the code of the checkout at `root` (default this one), so an earlier commit is
 * measured the same way. Modules and enrichment data are loaded before it is returned,
 * outside what a caller times.
 */
export async function batchReader(log: string, root = ROOT): Promise<(onBatch: (events: readonly object[]) => void) => Promise<void>> {
  const load = <M>(path: string) => import(join(root, path)) as Promise<M>
  const ingest = await load<IngestModule>('packages/core/src/ingest/index.ts')
  const { createEnricher } = await load<EnrichModule>('packages/core/src/enrich/index.ts')
  const { loadEnrichmentData } = await load<DataModule>('packages/runtime/src/ingest/index.ts')
  const { openSource } = await load<SourceModule>('packages/runtime/src/sources/open-source.ts')
  const { LineSplitter } = await load<SplitterModule>('packages/runtime/src/sources/line-splitter.ts')
  const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
  return async (onBatch) => {
    const { DEFAULT_PARSER_OPTIONS, IngestPipeline, createParser } = ingest
    const parser = createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: log })
    const pipeline = new IngestPipeline({ parser, file: log, eventIdPrefix: 'floor', batchSize: HAND_OVER, maxMessageBytes: DEFAULT_PARSER_OPTIONS.maxMessageBytes, enricher })
    const splitter = new LineSplitter({
      line(text, lineNo) {
        pipeline.feed(text, lineNo)
        for (let r = pipeline.takeReady(); r !== null; r = pipeline.takeReady()) onBatch(r.batch.http)
      },
      tooLong() {
        throw new Error('no line of the bench file is over the bound')
      },
    })
    const source = await openSource(log)
    try {
      for await (const chunk of source.chunks) splitter.push(chunk)
    } finally {
      source.close()
    }
    splitter.end()
    for (const r of pipeline.finish(splitter.lines)) onBatch(r.batch.http)
  }
}

/** The Node side of an ingest of `log` (see batchReader), timed, writing the rows as the store's batch files. */
export async function writeRowFiles(log: string, dir: string, root = ROOT): Promise<{ files: BatchFile[]; rows: number; node: CpuWall }> {
  const load = <M>(path: string) => import(join(root, path)) as Promise<M>
  const { BatchFileWriter } = await load<BatchFileModule>('packages/storage-duckdb/src/batch-file.ts')
  const { HTTP_WRITERS } = await load<ColumnsModule>('packages/storage-duckdb/src/columns.ts')
  mkdirSync(dir, { recursive: true })
  const files: BatchFile[] = []
  let rows = 0
  const read = await batchReader(log, root)
  const writer = new BatchFileWriter()
  const node = await measure(() =>
    read((events) => {
      const f = writer.write(join(dir, `rows-${files.length}.csv`), 'http_events', HTTP_WRITERS, events)
      if (f !== null) {
        files.push(f)
        rows += f.rows
      }
    }),
  )
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
