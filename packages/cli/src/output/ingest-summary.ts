/** The human summary at the end of `vigil ingest`. */
import type { FieldShape, UnnamedFieldsReport } from '@vigil/core/ingest'
import { COOKIE_PLACEHOLDER } from '@vigil/core/ingest'
import type { FileSummary, IngestSummary } from '@vigil/runtime'
import pc from 'picocolors'
import { printTable } from './table.ts'

const n = (x: number) => x.toLocaleString('en-US')

export function printIngestSummary(s: IngestSummary, dbPath: string, quarantineFile: string | undefined): void {
  if (s.files.length > 1) {
    printTable(
      ['file', 'format', 'read', 'stored', 'quarantined', 'duplicates', 'status'],
      s.files.map((f) => [f.path, f.format ?? '?', n(f.read), n(f.stored), n(f.quarantined), n(f.duplicates), f.error ? 'FAILED' : 'ok']),
    )
  }
  const rate = s.seconds > 0 ? ` (${n(Math.round(s.read / s.seconds))} lines/s)` : ''
  process.stdout.write(
    `${pc.bold('read')} ${n(s.read)}  ${pc.bold('stored')} ${n(s.stored)}  ${pc.bold('quarantined')} ${n(s.quarantined)}  ` +
      `${pc.bold('duplicates')} ${n(s.duplicates)}  ${pc.bold('skipped')} ${n(s.skipped)}  in ${s.seconds.toFixed(1)} s${rate}\n`,
  )
  process.stdout.write(`store: ${dbPath}\n`)
  if (s.quarantined > 0 && quarantineFile) {
    process.stdout.write(`quarantined lines: ${quarantineFile} (or: vigil query "select * from quarantine limit 20")\n`)
  }
  process.stdout.write(unnamedFieldsHints(s.files))
  if (s.failed > 0) {
    process.stdout.write(pc.red(`${s.failed} input${s.failed === 1 ? '' : 's'} could not be read or recognised (see above)\n`))
  }
}

const SHAPE_NOTES: Record<FieldShape, (variable: string) => string> = {
  seconds: (v) => `seconds with a fraction → ${v}`,
  ja4: (v) => `a JA4 TLS fingerprint → ${v} (also stored in tls_client_ja4)`,
  ja3: (v) => `a JA3 fingerprint, or another 32-hex-digit hash → ${v}`,
  token: (v) =>
    v.includes(COOKIE_PLACEHOLDER)
      ? `a token → ${v}: if it is the session cookie, put its name for ${COOKIE_PLACEHOLDER} (and in ingest.sessionCookies if it is not there)`
      : `a token → ${v}`,
  other: (v) => `no known shape → ${v}`,
}

/** A word for a POSIX shell, single-quoted when it needs to be. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`
}

/**
 * Fields files' lines carry past the ones their format names: no detector reads them as what
 * they are, so say which, what they look like, and the command that names them. Files with
 * the same fields (a directory of rotated logs) are told of once. The re-ingest goes to a new
 * store: under another format a file is another source, and the same store would hold its
 * lines twice.
 */
export function unnamedFieldsHints(files: readonly FileSummary[]): string {
  const groups = new Map<string, { format: string | null; paths: string[]; reports: UnnamedFieldsReport[] }>()
  for (const f of files) {
    const u = f.unnamedFields
    if (u === undefined) continue
    const key = JSON.stringify([f.format, u.format, u.fields.map((x) => x.label ?? x.column)])
    const g = groups.get(key) ?? { format: f.format, paths: [], reports: [] }
    g.paths.push(f.path)
    g.reports.push(u)
    groups.set(key, g)
  }
  return [...groups.values()].map((g) => hint(g.format, g.paths, g.reports)).join('')
}

/** Samples, keys and paths come from the logs and the disk: their control characters must not drive the terminal. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
const printable = (s: string): string => s.replace(CONTROL, ' ')

function hint(format: string | null, paths: readonly string[], reports: readonly UnnamedFieldsReport[]): string {
  const u = reports[0]!
  const lines = reports.reduce((t, r) => t + r.lines, 0)
  const fieldLines = u.fields.map((_x, i) => reports.reduce((t, r) => t + r.fields[i]!.lines, 0))
  const samples = u.fields.map((x) => printable(x.sample))
  const width = Math.max(...samples.map((x) => x.length))
  const where = u.fields.map((x) => (x.label === null ? x.column ?? '' : `labels.${x.label}`))
  const whereWidth = Math.max(...where.map((w) => w.length))
  const rows = u.fields.map(
    (x, i) =>
      `  ${where[i]!.padEnd(whereWidth)}  in ${n(fieldLines[i]!).padStart(n(lines).length)} lines  e.g. ${samples[i]!.padEnd(width)}  ` +
      `${x.label === null ? 'not addresses: ' : ''}${SHAPE_NOTES[x.shape](x.variable)}\n`,
  )
  const more = paths.length > 1 ? ` and ${paths.length - 1} more file${paths.length === 2 ? '' : 's'} alike` : ''
  const head = pc.yellow(
    `${printable(paths[0]!)}${more}: ${n(lines)} line${lines === 1 ? '' : 's'} carry fields the ${format ?? ''} format does not name, ` +
      `so no detector reads them as what they are:\n`,
  )
  const next =
    u.format === null
      ? `No format string read these lines as ${format ?? 'detected'}; give the log_format with --format 'nginx:<log_format>'.\n`
      : `To name them, check the variables and ingest again into a new store (under another format a file is a new source, ` +
        `whose lines the same store would hold twice):\n  vigil ingest --db NEW.duckdb --format ${shellWord(printable(u.format))} ${paths.map((p) => shellWord(printable(p))).join(' ')}\n`
  return head + rows.join('') + next
}

/**
 * When `--format` names cookies and none is a session cookie: their values go to labels and
 * session_id stays empty, which is rarely meant (a suggested format's NAME replaced by the
 * shop's cookie, say), so say how to make one count.
 */
export function sessionCookieWarning(cookies: readonly string[], sessionCookies: readonly string[]): string | null {
  if (cookies.length === 0) return null
  const names = cookies.map((c) => `$cookie_${c}`).join(', ')
  return (
    `vigil: warning: --format names ${names}, not a session cookie (ingest.sessionCookies: ${sessionCookies.join(', ')}), ` +
    `so its values go to labels, not session_id; to read it as the session, add ${cookies.length === 1 ? 'it' : 'one'} to ingest.sessionCookies in vigil.config.yaml\n`
  )
}
