/**
 * A batch of events as a CSV file that DuckDB loads with `read_csv` and typed columns:
 * the cheapest bulk path measured (bench/RESULTS.md, section ingest; DuckDB's appender fed
 * whole data chunks from Node cost more per row). Each row is encoded straight into a
 * reused byte buffer: strings between two U+0001 bytes, a U+0001 inside doubled, and every
 * other character raw (read_csv keeps it; lone surrogates become U+FFFD, as `toWellFormed`
 * makes them), numbers and booleans as JSON writes them, null as nothing. Log text holds
 * `"` and `\` (every request line is quoted) and almost never U+0001, so with this quote
 * neither side escapes anything: read_csv unescaping the raw line cost ~0.6 µs a row.
 * A text column holding one printable value in every event of a file is not written at
 * all but selected as a constant (the log file and format, mostly the HTTP version), and a
 * column holding another's value in every event (the peer address, without trusted
 * proxies) is selected from that one.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import type { ColumnWriter } from './columns.ts'

/** Bytes buffered per write call; the buffer grows only for a value longer than it. */
const BUFFER_BYTES = 1 << 21
/**
 * read_csv's read buffer. Its default (16 × its 2 MB longest line) takes 32 MB blocks of
 * DuckDB's memory per file and thread; rows here are known, so the bound is their length.
 */
const READ_BUFFER_BYTES = 1 << 22
/**
 * Strings from this length on are encoded by Node and escaped in a pass over their bytes:
 * a JS loop over a string's characters costs ~3 ns each (most of a row's 450), the native
 * call ~50 ns (bench on the 1M file: 1.4 -> 1.1 µs per row).
 */
const NATIVE_FROM = 32
/** Column names become property reads in generated code, so they must be plain identifiers. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/
/** The CSV quote, also its own escape (doubled); see the module comment. */
const QUOTE = 0x01
const QUOTE_CHAR = String.fromCharCode(QUOTE)
/** A value that may be a SQL string constant as it is: printable ASCII, not too long for every row's INSERT. */
const CONSTANT_TEXT = /^[\x20-\x7e]{0,256}$/

/** A text column with one value in every row of a file, selected as a constant instead of read. */
export interface ConstantColumn {
  name: string
  value: string
}

/** A column with the value of its `copyOf` column in every row of a file, selected from that one. */
export interface CopiedColumn {
  name: string
  of: ColumnWriter
}

export interface BatchFile {
  path: string
  table: string
  /** The columns in the file, in its order. */
  columns: readonly ColumnWriter[]
  constants: readonly ConstantColumn[]
  copies: readonly CopiedColumn[]
  /** Table, column names, constants and copies: files with the same one load in one read_csv. */
  shape: string
  rows: number
  longestRow: number
}

/** The bytes of a file being written: one reused buffer, written out when the next value might not fit. */
class RowBytes {
  buf: Buffer
  off = 0
  /** Bytes already written to the file. */
  flushed = 0
  fd = -1
  #lastTs: unknown = null
  #lastTsText = 'null'

  constructor(buf: Buffer) {
    this.buf = buf
  }

  /** Room for `n` more bytes. */
  room(n: number): void {
    if (this.off + n <= this.buf.length) return
    this.flush()
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n)
  }

  flush(): void {
    writeSync(this.fd, this.buf, 0, this.off)
    this.flushed += this.off
    this.off = 0
  }

  byte(b: number): void {
    this.room(1)
    this.buf[this.off++] = b
  }

  /** A value as a column writer gives it: a string, a finite number, a boolean or null (nothing). */
  value(v: unknown): void {
    if (typeof v === 'string') this.string(v)
    else if (v !== null && v !== undefined) this.ascii(String(v))
  }

  /** Consecutive events mostly share their timestamp; its digits are kept. */
  timestamp(v: unknown): void {
    if (v !== this.#lastTs) {
      this.#lastTs = v
      this.#lastTsText = v === null || v === undefined ? '' : String(v)
    }
    this.ascii(this.#lastTsText)
  }

  /** Digits of a 32-bit integer, without the string String() would make (~5 per row). */
  int32(n: number): void {
    this.room(11)
    const buf = this.buf
    let o = this.off
    if (n < 0) {
      buf[o++] = 45
      n = -n
    }
    let digits = 1
    for (let t = n; t >= 10; t = (t / 10) | 0) digits++
    o += digits
    for (let w = o - 1; digits > 0; digits--, w--) {
      buf[w] = 48 + (n % 10)
      n = (n / 10) | 0
    }
    this.off = o
  }

  ascii(s: string): void {
    this.room(s.length)
    const buf = this.buf
    let o = this.off
    for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i)
    this.off = o
  }

  string(s: string): void {
    // A UTF-16 unit takes at most 3 bytes, escaped or encoded; two quotes around.
    this.room(s.length * 3 + 2)
    if (s.length >= NATIVE_FROM) {
      this.#native(s)
      return
    }
    const buf = this.buf
    let o = this.off
    buf[o++] = QUOTE
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c < 0x80) {
        if (c === QUOTE) buf[o++] = QUOTE
        buf[o++] = c
      } else if (c < 0x800) {
        buf[o++] = 0xc0 | (c >> 6)
        buf[o++] = 0x80 | (c & 0x3f)
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[o++] = 0xe0 | (c >> 12)
        buf[o++] = 0x80 | ((c >> 6) & 0x3f)
        buf[o++] = 0x80 | (c & 0x3f)
      } else {
        const d = c <= 0xdbff ? s.charCodeAt(i + 1) : 0
        if (d >= 0xdc00 && d <= 0xdfff) {
          const p = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000
          buf[o++] = 0xf0 | (p >> 18)
          buf[o++] = 0x80 | ((p >> 12) & 0x3f)
          buf[o++] = 0x80 | ((p >> 6) & 0x3f)
          buf[o++] = 0x80 | (p & 0x3f)
          i++
        } else {
          buf[o++] = 0xef
          buf[o++] = 0xbf
          buf[o++] = 0xbd
        }
      }
    }
    buf[o++] = QUOTE
    this.off = o
  }

  /**
   * Node encodes the string (lone surrogates as U+FFFD, as `toWellFormed` makes them); a
   * quote, which the string's own native search almost never finds, is then doubled in
   * place: ASCII bytes never occur inside a multi-byte character, so they are the string's own.
   */
  #native(s: string): void {
    const buf = this.buf
    const from = this.off + 1
    buf[this.off] = QUOTE
    const end = from + buf.write(s, from, 'utf8')
    let last = end
    if (s.indexOf(QUOTE_CHAR) >= 0) {
      let escapes = 0
      for (let i = from; i < end; i++) if (buf[i] === QUOTE) escapes++
      last = end + escapes
      // From the end, each byte moves right by the escapes still before it; none are left once i meets w.
      for (let i = end - 1, w = last - 1; i < w; i--) {
        const b = buf[i]!
        buf[w--] = b
        if (b === QUOTE) buf[w--] = QUOTE
      }
    }
    buf[last] = QUOTE
    this.off = last + 1
  }
}

type RowWriter = (event: object, out: RowBytes) => void
/**
 * Per column: whether some event fills it, for text columns the string every event holds
 * (else undefined), and for a column with `copyOf` whether every event holds that column's value.
 */
type Presence = (events: readonly object[]) => { filled: boolean[]; same: (string | undefined)[]; copied: boolean[] }

/**
 * Code for the columns of one file, generated once per table and column set: each column
 * is then a property read of a known name and a call of its own value function, both
 * monomorphic. A loop over the columns made every read and call site megamorphic, which
 * cost ~1.5–2.3 µs per 45-column row.
 */
function compiled<F>(columns: readonly ColumnWriter[], body: string): F {
  for (const c of columns) if (!IDENTIFIER.test(c.name)) throw new Error(`column name ${JSON.stringify(c.name)} is not an identifier`)
  const values = columns.map((_, i) => `v${i}`)
  // The names are the table's own (columns.ts), never input; they are checked above all the same.
  const make = new Function(...values, `"use strict"; return ${body}`) as (...fs: ColumnWriter['value'][]) => F
  return make(...columns.map((c) => c.value))
}

/**
 * One column's value into `out`: strings, most of a row, and 32-bit integers skip the value
 * function and the type dispatch. -2^31 is left to the value function: out of range for an
 * INTEGER column by its rule (|n| <= 2^31 - 1).
 */
function field(c: ColumnWriter, i: number): string {
  const value = `v${i}(e.${c.name})`
  switch (c.kind) {
    case 'text':
      return `{ const x = e.${c.name}; if (typeof x === 'string') out.string(x); else out.value(v${i}(x)); }`
    case 'int':
    case 'bigint':
      return `{ const x = e.${c.name}; if (typeof x === 'number' && (x | 0) === x && x !== -2147483648) out.int32(x); else out.value(v${i}(x)); }`
    case 'ts':
      return `out.timestamp(${value});`
    default:
      return `out.value(${value});`
  }
}

function rowWriter(columns: readonly ColumnWriter[]): RowWriter {
  const fields = columns.map((c, i) => `${i > 0 ? 'out.byte(44); ' : ''}${field(c, i)}`)
  return compiled<RowWriter>(columns, `function (e, out) {\n${fields.join('\n')}\nout.byte(10)\n}`)
}

function presence(columns: readonly ColumnWriter[]): Presence {
  const text = columns.flatMap((c, i) => (c.kind === 'text' ? [[c, i] as const] : []))
  const first = text.map(([c, i]) => `k[${i}] = typeof e0.${c.name} === 'string' ? e0.${c.name} : undefined;`)
  const seen = columns.map((c, i) => `if (!s[${i}] && e.${c.name} != null) s[${i}] = true;`)
  const same = text.map(([c, i]) => `if (k[${i}] !== undefined && e.${c.name} !== k[${i}]) k[${i}] = undefined;`)
  const copies = columns.flatMap((c, i) => (c.copyOf === undefined ? [] : [[c, i, c.copyOf] as const]))
  for (const [, , of] of copies) if (!IDENTIFIER.test(of)) throw new Error(`column name ${JSON.stringify(of)} is not an identifier`)
  const copied = copies.map(([c, i, of]) => `if (a[${i}] && e.${c.name} !== e.${of}) a[${i}] = false;`)
  return compiled<Presence>(
    columns,
    `function (events) {
const s = new Array(${columns.length}).fill(false)
const k = new Array(${columns.length}).fill(undefined)
const a = new Array(${columns.length}).fill(false)
${copies.map(([, i]) => `a[${i}] = true`).join('\n')}
const e0 = events[0]
${first.join('\n')}
for (const e of events) {
${seen.join('\n')}
${same.join('\n')}
${copied.join('\n')}
}
return { filled: s, same: k, copied: a }
}`,
  )
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}

/** Writes batches into files with one reused buffer (no megabyte strings for V8 to collect). */
export class BatchFileWriter {
  readonly #out = new RowBytes(Buffer.allocUnsafe(BUFFER_BYTES))
  readonly #presence = new Map<readonly ColumnWriter[], Presence>()
  /** By table and columns; a table has few column sets (those its events fill). */
  readonly #rowWriters = new Map<string, RowWriter>()

  /** Writes the columns of `writers` that some event fills; null when there are no events. */
  write(path: string, table: string, writers: readonly ColumnWriter[], events: readonly object[]): BatchFile | null {
    if (events.length === 0) return null
    let present = this.#presence.get(writers)
    if (present === undefined) this.#presence.set(writers, (present = presence(writers)))
    const { filled, same, copied } = present(events)
    const constant = (i: number): boolean => same[i] !== undefined && CONSTANT_TEXT.test(same[i]!)
    const written = (i: number): boolean => filled[i]! && !constant(i)
    // Copied from a column written in the file (one that is constant or empty makes this one so too).
    const source = (c: ColumnWriter, i: number): ColumnWriter | undefined => {
      if (!copied[i] || !written(i)) return undefined
      const j = writers.findIndex((w) => w.name === c.copyOf)
      return j >= 0 && written(j) && writers[j]!.copyOf === undefined ? writers[j] : undefined
    }
    let columns = writers.filter((c, i) => written(i) && source(c, i) === undefined)
    let constants = writers.flatMap((c, i) => (constant(i) ? [{ name: c.name, value: same[i]! }] : []))
    let copies = writers.flatMap((c, i) => {
      const of = source(c, i)
      return of === undefined ? [] : [{ name: c.name, of }]
    })
    // A file needs a column; the tables always have a non-text one, so this is for safety only.
    if (columns.length === 0) [columns, constants, copies] = [writers.filter((_, i) => filled[i]), [], []]
    const names = `${table}(${columns.map((c) => c.name).join(',')})`
    const derived = [...constants, ...copies.map((c) => ({ name: c.name, of: c.of.name }))]
    const shape = derived.length === 0 ? names : `${names} ${JSON.stringify(derived)}`
    let row = this.#rowWriters.get(names)
    if (row === undefined) this.#rowWriters.set(names, (row = rowWriter(columns)))
    const out = this.#out
    out.fd = openSync(path, 'w')
    out.off = 0
    out.flushed = 0
    let longestRow = 0
    try {
      for (const e of events) {
        const start = out.flushed + out.off
        row(e, out)
        // Without its newline.
        const n = out.flushed + out.off - start - 1
        if (n > longestRow) longestRow = n
      }
      out.flush()
    } finally {
      closeSync(out.fd)
      out.fd = -1
    }
    return { path, table, columns, constants, copies, shape, rows: events.length, longestRow }
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

/** read_csv's options for the files this module writes, apart from their paths, columns and line lengths. */
export const CSV_DIALECT = `header = false, delim = ',', quote = ${sqlString(QUOTE_CHAR)}, escape = ${sqlString(QUOTE_CHAR)}, new_line = '\\n', nullstr = '', allow_quoted_nulls = false`

/** The INSERT loading a run of batch files (same table, columns, constants and copies) into their table. */
export function insertFromFiles(run: readonly BatchFile[]): string {
  const f = run[0]!
  const longestRow = Math.max(...run.map((x) => x.longestRow))
  const csvColumns = f.columns.map((c) => `${sqlString(c.name)}: '${c.csvType}'`)
  return `INSERT INTO ${f.table} (${[...f.columns, ...f.constants, ...f.copies].map((c) => c.name).join(', ')})
    SELECT ${[...f.columns.map((c) => c.select), ...f.constants.map((c) => sqlString(c.value)), ...f.copies.map((c) => c.of.select)].join(', ')}
    FROM read_csv([${run.map((x) => sqlString(x.path)).join(', ')}], ${CSV_DIALECT}, auto_detect = false,
      max_line_size = ${longestRow + 2}, buffer_size = ${Math.max(READ_BUFFER_BYTES, 2 * (longestRow + 2))}, columns = {${csvColumns.join(', ')}})`
}
