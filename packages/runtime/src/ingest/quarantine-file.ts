/**
 * The quarantine file beside the store (`<db dir>/quarantine.ndjson`): one JSON object per
 * rejected line, for people and scripts that do not want SQL. Written after the batch
 * that holds the same records has committed; the `quarantine` table is the record of
 * truth if a crash falls between the two.
 * @module
 */
import { appendFile } from 'node:fs/promises'
import type { QuarantineRecord } from '@vigil/core'

export async function appendQuarantineFile(path: string, records: readonly QuarantineRecord[]): Promise<void> {
  if (records.length === 0) return
  const text = records
    .map((q) => JSON.stringify({ file: q.log_file, line: q.log_line, format: q.log_format, reason: q.reason, raw: q.message }))
    .join('\n')
  await appendFile(path, `${text}\n`)
}
