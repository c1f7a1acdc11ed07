/**
 * Tables for people (cli-table3). Cells are bounded so one huge value (a raw log line,
 * a body) cannot flood the terminal; `--json` gives the full values.
 * @module
 */
import Table from 'cli-table3'

const MAX_CELL = 120

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
  // Control characters from logs must not drive the terminal.
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
  return clean.length > MAX_CELL ? `${clean.slice(0, MAX_CELL - 1)}…` : clean
}

export function renderTable(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] } })
  for (const row of rows) table.push(row.map(formatCell))
  return table.toString()
}

export function printTable(head: readonly string[], rows: readonly (readonly unknown[])[]): void {
  process.stdout.write(`${renderTable(head, rows)}\n`)
}

/** Rows of objects (query results) as a table with the keys of the first row as the head. */
export function printRowObjects(rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) {
    process.stdout.write('(no rows)\n')
    return
  }
  const head = Object.keys(rows[0]!)
  printTable(
    head,
    rows.map((r) => head.map((k) => r[k])),
  )
  process.stdout.write(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`)
}
