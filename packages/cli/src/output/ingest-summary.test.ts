import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { FileSummary } from '@vigil/runtime'
import type { UnnamedFieldsReport } from '@vigil/core/ingest'
import { unnamedFieldsHint } from './ingest-summary.ts'

const file: FileSummary = { path: "/logs/shop's access.log", format: 'combined', read: 3, stored: 3, quarantined: 0, duplicates: 0, skipped: 0 }
const FORMAT = `nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time "$cookie_NAME" lb='$http_x_lb'`
const report: UnnamedFieldsReport = {
  lines: 3,
  fields: [
    { label: 'field_3', lines: 3, sample: '0.100', shape: 'seconds', variable: '$request_time', column: null },
    { label: 'field_4', lines: 2, sample: 'go2fo3ju4sw640qwruyfn7assd', shape: 'token', variable: '$cookie_NAME', column: null },
  ],
  format: FORMAT,
}

/** What a POSIX shell makes of the words after `vigil ingest` in the printed command. */
function shellArgs(command: string): string[] {
  const out = execFileSync('sh', ['-c', `for a in ${command.replace(/^ *vigil ingest /, '')}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' })
  return out.split('\0').slice(0, -1)
}

describe('unnamedFieldsHint', () => {
  const text = unnamedFieldsHint(file, report)

  it('names each label with its line count, a sample and the variable guessed for it', () => {
    expect(text).toMatch(/3 lines carry fields the combined format does not name/)
    expect(text).toMatch(/labels\.field_3 +in 3 lines +e\.g\. 0\.100 +seconds with a fraction → \$request_time/)
    expect(text).toMatch(/labels\.field_4 +in 2 lines +e\.g\. go2fo3ju4sw640qwruyfn7assd +a token → \$cookie_NAME: if it is the session cookie, put its name for NAME/)
  })

  it('prints a command a shell hands over with the format and path intact, into a new store', () => {
    const command = text.split('\n').find((l) => l.trimStart().startsWith('vigil ingest'))!
    expect(shellArgs(command)).toEqual(['--db', 'NEW.duckdb', '--format', FORMAT, "/logs/shop's access.log"])
  })

  it('names a field read as X-Forwarded-For by its column and says its values are not addresses', () => {
    const sid = { label: null, lines: 2, sample: 'go2fo3ju4sw640qwruyfn7assd', shape: 'token', variable: '$cookie_NAME', column: 'http_x_forwarded_for' } as const
    expect(unnamedFieldsHint(file, { ...report, fields: [sid] })).toMatch(/ http_x_forwarded_for +in 2 lines +e\.g\. go2fo3ju4sw640qwruyfn7assd +not addresses: a token → \$cookie_NAME/)
  })

  it('says to give the log_format by hand when no format string read the lines alike', () => {
    expect(unnamedFieldsHint(file, { ...report, format: null })).toMatch(/No format string read these lines as combined; give the file's log_format with --format 'nginx:<log_format>'/)
  })
})
