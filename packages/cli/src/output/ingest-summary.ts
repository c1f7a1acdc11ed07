/** The human summary at the end of `vigil ingest`. */
import type { IngestSummary } from '@vigil/runtime'
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
  if (s.failed > 0) {
    process.stdout.write(pc.red(`${s.failed} input${s.failed === 1 ? '' : 's'} could not be read or recognised (see above)\n`))
  }
}
