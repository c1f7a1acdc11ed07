/**
 * What DuckDB's load of an ingest's rows costs per column group and per loader: the same
 * generated combined log, parsed and enriched once, then loaded by each variant into a
 * fresh file-backed store as `vigil ingest` opens it (1 thread, its memory limit), in
 * transactions of about a row group, committed and checkpointed. Variants change one
 * thing each against `all` (the 45-column table as the store writes it, from its batch
 * files with read_csv); the appenders load the events from Node without a CSV file.
 * Figures are CPU-seconds of this process (DuckDB runs on the calling thread with one
 * thread) per row, each variant repeated in alternating rounds, medians and spread.
 * Run: npx tsx bench/ingest/load-variants.ts [--lines N] [--rounds R] [--only a,b]
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DuckDBDataChunk, DuckDBInstance, DuckDBTimestampTZValue, listValue } from '@duckdb/node-api'
import type { DuckDBAppender, DuckDBConnection, DuckDBType } from '@duckdb/node-api'
import { BatchFileWriter, CSV_DIALECT, fileRuns } from '../../packages/storage-duckdb/src/batch-file.ts'
import type { BatchFile } from '../../packages/storage-duckdb/src/batch-file.ts'
import { HTTP_WRITERS } from '../../packages/storage-duckdb/src/columns.ts'
import type { ColumnWriter } from '../../packages/storage-duckdb/src/columns.ts'
import { MIGRATIONS } from '../../packages/storage-duckdb/src/migrations/index.ts'
import { machineLine } from '../results-file.ts'
import { batchReader } from './duckdb-floor.ts'
import { generate } from './generate-combined.ts'

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    baseline: { type: 'string' },
  },
})
const LINES = Number(values.lines)
const ROUNDS = Number(values.rounds)
/** Batch files per transaction: 60 × 2,048 rows is at most one row group, as `vigil ingest` commits. */
const FILES_PER_TRANSACTION = 60
/** As `vigil ingest` opens the store. */
const STORE_SETTINGS = { threads: '1', memory_limit: '64MB' }

const HTTP_DDL = (() => {
  const ddl = MIGRATIONS[0]!.sql
  return ddl.slice(ddl.indexOf('CREATE TABLE IF NOT EXISTS http_events'), ddl.indexOf(');', ddl.indexOf('http_events')) + 2)
})()

/** Column name → its DDL line's type, as migration 0001 declares it. */
const TABLE_TYPES = new Map(
  [...HTTP_DDL.matchAll(/^\s+([a-z_0-9]+) ([A-Z\[\]]+(?: NOT NULL)?),?$/gm)].map((m) => [m[1]!, m[2]!] as const),
)

interface CsvVariant {
  kind: 'csv'
  label: string
  /** Columns left out of the table and the load. */
  drop?: readonly string[]
  /** Table type and select expression replacing the column's. */
  retype?: Readonly<Record<string, { type: string; select: string }>>
  /** read_csv finds the types itself (sniffing) and the select casts. */
  sniff?: boolean
  settings?: Record<string, string>
  /** Statements run after the table is made. */
  setup?: readonly string[]
}

/** `all` as an earlier checkout writes and loads its batch files (--baseline DIR). */
interface BaselineVariant {
  kind: 'baseline'
  label: string
}

interface AppenderVariant {
  kind: 'chunk' | 'row'
  label: string
}

/**
 * The yardstick: DuckDB loading the raw log itself, its fields cut by
 * regexp_extract, into a table of those 9 columns (and the raw line, with `message`).
 */
interface RegexpVariant {
  kind: 'regexp'
  label: string
  message: boolean
}

type Variant = CsvVariant | BaselineVariant | AppenderVariant | RegexpVariant
type BatchFileModule = typeof import('../../packages/storage-duckdb/src/batch-file.ts')

const LONG_STRINGS = ['message', 'url_original', 'user_agent_original', 'http_request_referrer', 'event_id', 'log_file']
const PLAIN = {
  http_request_headers: { type: 'VARCHAR', select: 'http_request_headers' },
  labels: { type: 'VARCHAR', select: 'labels' },
  source_ip_flags: { type: 'VARCHAR', select: 'source_ip_flags' },
  ts: { type: 'BIGINT NOT NULL', select: 'ts' },
}

const VARIANTS: readonly Variant[] = [
  { kind: 'csv', label: 'all' },
  { kind: 'baseline', label: 'baseline-all' },
  { kind: 'csv', label: 'json-as-varchar', retype: { http_request_headers: PLAIN.http_request_headers, labels: PLAIN.labels } },
  { kind: 'csv', label: 'flags-as-varchar', retype: { source_ip_flags: PLAIN.source_ip_flags } },
  { kind: 'csv', label: 'ts-bigint', retype: { ts: PLAIN.ts } },
  { kind: 'csv', label: 'no-casts', retype: PLAIN },
  { kind: 'csv', label: 'no-message', drop: ['message'] },
  { kind: 'csv', label: 'no-long-strings', drop: LONG_STRINGS },
  { kind: 'csv', label: 'sniffing', sniff: true },
  { kind: 'csv', label: 'no-insertion-order', settings: { preserve_insertion_order: 'false' } },
  { kind: 'csv', label: 'memory-128MB', settings: { memory_limit: '128MB' } },
  { kind: 'csv', label: 'memory-1GB', settings: { memory_limit: '1GB' } },
  { kind: 'csv', label: 'uncompressed', setup: ["SET force_compression = 'uncompressed'"] },
  { kind: 'regexp', label: 'regexp-extract-9', message: false },
  { kind: 'regexp', label: 'regexp-extract-9+message', message: true },
  { kind: 'chunk', label: 'appender-chunks' },
  { kind: 'row', label: 'appender-rows' },
]

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}

function tableDdl(v: CsvVariant): string {
  const lines = [...TABLE_TYPES].filter(([name]) => !v.drop?.includes(name)).map(([name, type]) => `  ${name} ${v.retype?.[name]?.type ?? type}`)
  return `CREATE TABLE http_events (\n${lines.join(',\n')}\n)`
}

function insert(v: CsvVariant, run: readonly BatchFile[]): string {
  const f = run[0]!
  const columns = f.columns.filter((c) => !v.drop?.includes(c.name))
  const constants = f.constants.filter((c) => !v.drop?.includes(c.name))
  const copies = f.copies.filter((c) => !v.drop?.includes(c.name))
  const longest = Math.max(...run.map((x) => x.longestRow)) + 2
  const paths = `[${run.map((x) => sqlString(x.path)).join(', ')}]`
  const select = columns.map((c) => v.retype?.[c.name]?.select ?? c.select)
  const names = [...columns, ...constants, ...copies].map((c) => c.name).join(', ')
  const derived = [...constants.map((c) => sqlString(c.value)), ...copies.map((c) => c.of.select)]
  const values = [...select, ...derived].join(', ')
  const common = `${CSV_DIALECT}, max_line_size = ${longest}, buffer_size = ${Math.max(1 << 22, 2 * longest)}`
  if (v.sniff) {
    // Names only; read_csv sniffs the types, the select casts to the CSV type the store gives.
    const cast = columns.map((c, i) => select[i]!.replace(new RegExp(`^(make_timestamp\\()?${c.name}\\b`), (m) => `${m}::${c.csvType}`))
    const sniffed = [...cast, ...derived].join(', ')
    return `INSERT INTO http_events (${names}) SELECT ${sniffed} FROM read_csv(${paths}, ${common}, names = [${f.columns.map((c) => sqlString(c.name)).join(', ')}])`
  }
  const types = f.columns.map((c) => `${sqlString(c.name)}: '${c.csvType}'`).join(', ')
  return `INSERT INTO http_events (${names}) SELECT ${values} FROM read_csv(${paths}, ${common}, auto_detect = false, columns = {${types}})`
}

interface Measured {
  label: string
  cpu: number
  wall: number
  fileMb: number
}

function cpuNow(): number {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1e6
}

async function freshStore(dir: string, settings: Record<string, string>): Promise<{ db: string; instance: DuckDBInstance; conn: DuckDBConnection }> {
  const db = join(dir, 'variant.duckdb')
  for (const f of [db, `${db}.wal`]) rmSync(f, { force: true })
  const instance = await DuckDBInstance.create(db, { ...STORE_SETTINGS, ...settings })
  const conn = await instance.connect()
  await conn.run("SET TimeZone = 'UTC'")
  return { db, instance, conn }
}

async function fileMb(conn: DuckDBConnection): Promise<number> {
  const r = await conn.runAndReadAll('SELECT total_blocks * block_size AS b FROM pragma_database_size()')
  return Number(r.getRowsJS()[0]![0]) / 2 ** 20
}

async function loadCsv(v: CsvVariant, files: readonly BatchFile[], dir: string, base?: BatchFileModule): Promise<Measured> {
  const { instance, conn } = await freshStore(dir, v.settings ?? {})
  try {
    await conn.run(tableDdl(v))
    for (const s of v.setup ?? []) await conn.run(s)
    const c0 = cpuNow()
    const t0 = performance.now()
    for (let i = 0; i < files.length; i += FILES_PER_TRANSACTION) {
      await conn.run('BEGIN TRANSACTION')
      const group = files.slice(i, i + FILES_PER_TRANSACTION)
      if (base !== undefined) for (const run of base.fileRuns(group)) await conn.run(base.insertFromFiles(run))
      else for (const run of fileRuns(group)) await conn.run(insert(v, run))
      await conn.run('COMMIT')
    }
    await conn.run('CHECKPOINT')
    const out = { label: v.label, cpu: cpuNow() - c0, wall: (performance.now() - t0) / 1000, fileMb: await fileMb(conn) }
    const n = await conn.runAndReadAll('SELECT count(*)::DOUBLE FROM http_events')
    if (Number(n.getRowsJS()[0]![0]) !== LINES) throw new Error(`${v.label}: stored ${String(n.getRowsJS()[0]![0])} rows`)
    return out
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

const COMBINED_FIELDS = ['ip', 'ts', 'method', 'target', 'protocol', 'status', 'bytes', 'referrer', 'ua']
const COMBINED = String.raw`^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d+) (\d+) "([^"]*)" "([^"]*)"`

async function loadRegexp(v: RegexpVariant, log: string, dir: string): Promise<Measured> {
  const { instance, conn } = await freshStore(dir, {})
  try {
    const types = COMBINED_FIELDS.map((f) => `${f} ${f === 'status' ? 'INTEGER' : f === 'bytes' ? 'BIGINT' : 'VARCHAR'}`)
    await conn.run(`CREATE TABLE access (${[...types, ...(v.message ? ['message VARCHAR'] : [])].join(', ')})`)
    const fields = COMBINED_FIELDS.map((f) => (f === 'status' ? 'r.status::INTEGER' : f === 'bytes' ? 'r.bytes::BIGINT' : `r.${f}`))
    const c0 = cpuNow()
    const t0 = performance.now()
    await conn.run(
      `INSERT INTO access SELECT ${[...fields, ...(v.message ? ['line'] : [])].join(', ')}
       FROM (SELECT line, regexp_extract(line, ${sqlString(COMBINED)}, [${COMBINED_FIELDS.map(sqlString).join(', ')}]) AS r
             FROM read_csv(${sqlString(log)}, header = false, auto_detect = false, delim = ${sqlString('\u0002')}, quote = '', escape = '',
               new_line = '\\n', max_line_size = 1048576, buffer_size = 4194304, columns = {'line': 'VARCHAR'}))`,
    )
    await conn.run('CHECKPOINT')
    const out = { label: v.label, cpu: cpuNow() - c0, wall: (performance.now() - t0) / 1000, fileMb: await fileMb(conn) }
    const n = await conn.runAndReadAll("SELECT count(*)::DOUBLE, count(*) FILTER (WHERE ip <> '')::DOUBLE FROM access")
    const [rows, matched] = n.getRowsJS()[0]!.map(Number)
    if (rows !== LINES || matched !== LINES) throw new Error(`${v.label}: ${rows} rows, ${matched} matched`)
    return out
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

/** A column's value as the appender takes it, from the event field (the store's CSV value rules, then the table's type). */
function chunkPut(c: ColumnWriter): (v: unknown) => unknown {
  switch (c.kind) {
    case 'ts':
      return (v) => {
        const x = c.value(v)
        return x === null ? null : new DuckDBTimestampTZValue(BigInt(x as number))
      }
    case 'bigint':
      return (v) => {
        const x = c.value(v)
        return x === null ? null : BigInt(x as number)
      }
    case 'list':
      return (v) => (Array.isArray(v) ? listValue(v as string[]) : null)
    default:
      return (v) => c.value(v)
  }
}

/**
 * Loads the events of each batch with the appender: whole data chunks (each column set as a
 * typed vector) or value by value. Timed only around what the appender path adds: making
 * the chunk or appending values, and DuckDB's append, commit and checkpoint.
 */
async function loadAppender(v: AppenderVariant, read: Awaited<ReturnType<typeof batchReader>>, dir: string): Promise<Measured & { nodeCpu: number }> {
  const { instance, conn } = await freshStore(dir, {})
  try {
    await conn.run(HTTP_DDL)
    let cpu = 0
    let nodeCpu = 0
    const t0 = performance.now()
    const puts = HTTP_WRITERS.map(chunkPut)
    // One transaction: the appender is synchronous, and transaction size made no difference to read_csv's load (RESULTS).
    await conn.run('BEGIN TRANSACTION')
    const appender: DuckDBAppender = await conn.createAppender('http_events')
    const types: DuckDBType[] = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i))
    const chunk = DuckDBDataChunk.create(types)
    await read((events) => {
      const c0 = cpuNow()
      if (v.kind === 'chunk') {
        chunk.reset()
        chunk.rowCount = events.length
        for (let col = 0; col < HTTP_WRITERS.length; col++) {
          const name = HTTP_WRITERS[col]!.name
          const put = puts[col]!
          const vector = chunk.getColumnVector(col) as unknown as { setItem(i: number, v: unknown): void; flush(): void }
          for (let r = 0; r < events.length; r++) vector.setItem(r, put((events[r] as Record<string, unknown>)[name]))
          vector.flush()
        }
        const c1 = cpuNow()
        nodeCpu += c1 - c0
        appender.appendDataChunk(chunk)
      } else {
        for (const e of events as Record<string, unknown>[]) {
          for (let col = 0; col < HTTP_WRITERS.length; col++) {
            const x = puts[col]!(e[HTTP_WRITERS[col]!.name])
            if (x === null || x === undefined) appender.appendNull()
            else appender.appendValue(x as never, types[col])
          }
          appender.endRow()
        }
      }
      cpu += cpuNow() - c0
    })
    const c0 = cpuNow()
    appender.flushSync()
    appender.closeSync()
    await conn.run('COMMIT')
    await conn.run('CHECKPOINT')
    cpu += cpuNow() - c0
    const n = await conn.runAndReadAll('SELECT count(*)::DOUBLE FROM http_events')
    if (Number(n.getRowsJS()[0]![0]) !== LINES) throw new Error(`${v.label}: stored ${String(n.getRowsJS()[0]![0])} rows`)
    return { label: v.label, cpu, nodeCpu, wall: (performance.now() - t0) / 1000, fileMb: await fileMb(conn) }
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-variants-'))
const load0 = loadavg()[0]!
try {
  const log = join(dir, 'access.log')
  await generate(log, LINES)
  const read = await batchReader(log)
  const filesDir = join(dir, 'files')
  mkdirSync(filesDir)
  const files: BatchFile[] = []
  const writer = new BatchFileWriter()
  let csvCpu = 0
  // The baseline's writer and loader, from its checkout (its columns module: the same table).
  const base = values.baseline === undefined ? undefined : ((await import(join(values.baseline, 'packages/storage-duckdb/src/batch-file.ts'))) as BatchFileModule)
  const baseColumns = values.baseline === undefined ? undefined : ((await import(join(values.baseline, 'packages/storage-duckdb/src/columns.ts'))) as { HTTP_WRITERS: typeof HTTP_WRITERS })
  const baseWriter = base === undefined ? undefined : new base.BatchFileWriter()
  const baseFiles: BatchFile[] = []
  let baseCsvCpu = 0
  await read((events) => {
    // Alternating which writes first, batch by batch.
    const ours = (): void => {
      const c0 = cpuNow()
      const f = writer.write(join(filesDir, `rows-${files.length}.csv`), 'http_events', HTTP_WRITERS, events)
      csvCpu += cpuNow() - c0
      if (f !== null) files.push(f)
    }
    const theirs = (): void => {
      if (baseWriter === undefined) return
      const c0 = cpuNow()
      const f = baseWriter.write(join(filesDir, `base-${baseFiles.length}.csv`), 'http_events', baseColumns!.HTTP_WRITERS, events)
      baseCsvCpu += cpuNow() - c0
      if (f !== null) baseFiles.push(f as unknown as BatchFile)
    }
    if (files.length % 2 === 0) {
      ours()
      theirs()
    } else {
      theirs()
      ours()
    }
  })
  const only = values.only?.split(',')
  const chosen = VARIANTS.filter((v) => (only === undefined || only.includes(v.label)) && (v.kind !== 'baseline' || base !== undefined))
  const runs = new Map<string, (Measured & { nodeCpu?: number })[]>()
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? chosen : [...chosen].reverse()
    for (const v of order) {
      const m =
        v.kind === 'csv'
          ? await loadCsv(v, files, dir)
          : v.kind === 'baseline'
            ? await loadCsv({ kind: 'csv', label: v.label }, baseFiles, dir, base)
            : v.kind === 'regexp'
              ? await loadRegexp(v, log, dir)
              : await loadAppender(v, read, dir)
      runs.set(v.label, [...(runs.get(v.label) ?? []), m])
      process.stderr.write(`${v.label}: ${((m.cpu * 1e6) / LINES).toFixed(2)} µs/row CPU, ${m.fileMb.toFixed(0)} MB\n`)
    }
  }
  const us = (s: number) => ((s * 1e6) / LINES).toFixed(2)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const out = [
    machineLine(),
    `Command: \`npx tsx bench/ingest/load-variants.ts --lines ${LINES} --rounds ${ROUNDS}\`; load average ${load0.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
    `Writing the batch files (the store's CSV writer, Node): ${us(csvCpu)} µs per row` +
      (base === undefined ? '.' : `; the baseline's writer (${values.baseline}), batch by batch alternating with it: ${us(baseCsvCpu)} µs per row.`),
    '',
    '| variant | µs per row (CPU, median) | spread | store MB |',
    '| --- | ---: | --- | ---: |',
    ...chosen.map((v) => {
      const r = runs.get(v.label)!
      const cpu = r.map((x) => x.cpu)
      const node = r.map((x) => x.nodeCpu ?? 0)
      const extra = v.kind === 'chunk' ? ` (of which making the chunks in Node ${us(median(node))})` : ''
      return `| ${v.label}${extra} | ${us(median(cpu))} | ${us(Math.min(...cpu))}–${us(Math.max(...cpu))} | ${median(r.map((x) => x.fileMb)).toFixed(0)} |`
    }),
  ].join('\n')
  process.stdout.write(`${out}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
