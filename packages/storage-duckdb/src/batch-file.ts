/**
 * A batch of events as a CSV file that DuckDB loads with `read_csv` and typed columns:
 * the cheapest bulk path measured (bench/RESULTS.md, section ingest). Per event, V8's
 * native JSON.stringify of the column values is already a CSV row (strings quoted, `"`
 * and `\` escaped by a backslash, `null` unquoted), as long as it holds no other JSON
 * escape: its brackets land in two throwaway columns. The rare row whose strings hold
 * control characters or lone surrogates is written field by field, with the raw
 * character inside quotes, where read_csv keeps it.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { ColumnWriter } from './columns.ts'
import { wellFormed } from './columns.ts'

/** Bytes buffered per write call; the buffer grows only for a row longer than it. */
const BUFFER_BYTES = 1 << 21
/**
 * read_csv's read buffer. Its default (16 × its 2 MB longest line) takes 32 MB blocks of
 * DuckDB's memory per file and thread; rows here are known, so the bound is their length.
 */
const READ_BUFFER_BYTES = 1 << 22
const FIRST = '_open'
const LAST = '_close'

export interface BatchFile {
  path: string
  table: string
  columns: readonly ColumnWriter[]
  /** Table and column names: files with the same one load in one read_csv. */
  shape: string
  rows: number
  longestRow: number
}

/** True when every backslash in the JSON text escapes a quote or a backslash, which read_csv undoes. */
function onlyQuoteEscapes(text: string): boolean {
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i + 2)) {
    const next = text.charCodeAt(i + 1)
    if (next !== 0x22 && next !== 0x5c) return false
  }
  return true
}

function quoted(s: string): string {
  return `"${wellFormed(s).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

function fieldByField(values: readonly unknown[]): string {
  let row = ''
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i > 0) row += ','
    row += typeof v === 'string' ? quoted(v) : JSON.stringify(v)
  }
  return row
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}

/** Writes batches into files with one reused buffer (no megabyte strings for V8 to collect). */
export class BatchFileWriter {
  #buf = Buffer.allocUnsafe(BUFFER_BYTES)

  /** Writes the columns of `writers` that some event fills; null when there are no events. */
  write(path: string, table: string, writers: readonly ColumnWriter[], events: readonly object[]): BatchFile | null {
    if (events.length === 0) return null
    const rows = events as readonly Record<string, unknown>[]
    const columns = writers.filter((w) => rows.some((e) => e[w.name] != null))
    const values = new Array<unknown>(columns.length + 2).fill(0)
    const fd = openSync(path, 'w')
    let longestRow = 0
    try {
      let bytes = 0
      for (const e of rows) {
        for (let i = 0; i < columns.length; i++) values[i + 1] = columns[i]!.value(e[columns[i]!.name])
        const json = JSON.stringify(values)
        const row = onlyQuoteEscapes(json) ? json : fieldByField(values)
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        const most = row.length * 3 + 1
        if (bytes + most > this.#buf.length) {
          writeSync(fd, this.#buf, 0, bytes)
          bytes = 0
          if (most > this.#buf.length) this.#buf = Buffer.allocUnsafe(most)
        }
        const n = this.#buf.write(row, bytes)
        this.#buf[bytes + n] = 10
        bytes += n + 1
        if (n > longestRow) longestRow = n
      }
      writeSync(fd, this.#buf, 0, bytes)
    } finally {
      closeSync(fd)
    }
    return { path, table, columns, shape: `${table}(${columns.map((c) => c.name).join(',')})`, rows: rows.length, longestRow }
  }
}

/** Consecutive files of the same table and columns, which one read_csv loads together. */
export function fileRuns(files: readonly BatchFile[]): BatchFile[][] {
  const runs: BatchFile[][] = []
  for (const f of files) {
    const last = runs[runs.length - 1]
    if (last !== undefined && last[0]!.shape === f.shape) last.push(f)
    else runs.push([f])
  }
  return runs
}

/** The INSERT loading a run of batch files (same table and columns) into their table. */
export function insertFromFiles(run: readonly BatchFile[]): string {
  const f = run[0]!
  const longestRow = Math.max(...run.map((x) => x.longestRow))
  const csvColumns = [
    `${sqlString(FIRST)}: 'VARCHAR'`,
    ...f.columns.map((c) => `${sqlString(c.name)}: '${c.csvType}'`),
    `${sqlString(LAST)}: 'VARCHAR'`,
  ]
  return `INSERT INTO ${f.table} (${f.columns.map((c) => c.name).join(', ')})
    SELECT ${f.columns.map((c) => c.select).join(', ')}
    FROM read_csv([${run.map((x) => sqlString(x.path)).join(', ')}], header = false, auto_detect = false, delim = ',',
      quote = '"', escape = '\\', new_line = '\\n', nullstr = 'null', allow_quoted_nulls = false,
      max_line_size = ${longestRow + 2}, buffer_size = ${Math.max(READ_BUFFER_BYTES, 2 * (longestRow + 2))}, columns = {${csvColumns.join(', ')}})`
}
