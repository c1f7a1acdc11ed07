import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { FileSummary } from '@vigil/runtime'
import type { UnnamedFieldsReport } from '@vigil/core/ingest'
import { sessionCookieWarning, unnamedFieldsHints } from './ingest-summary.ts'

const base: FileSummary = { path: "/logs/shop's access.log", format: 'combined', read: 3, stored: 3, quarantined: 0, duplicates: 0, skipped: 0 }
const FORMAT = `nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time "$cookie_NAME" lb='$http_x_lb'`
const report: UnnamedFieldsReport = {
  lines: 3,
  fields: [
    { label: 'field_3', lines: 3, sample: '0.100', shape: 'seconds', variable: '$request_time', column: null },
    { label: 'field_4', lines: 2, sample: 'go2fo3ju4sw640qwruyfn7assd', shape: 'token', variable: '$cookie_NAME', column: null },
  ],
  format: FORMAT,
}
const file: FileSummary = { ...base, unnamedFields: report }

/** What a POSIX shell makes of the words after `vigil ingest` in the printed command. */
function shellArgs(command: string): string[] {
  const out = execFileSync('sh', ['-c', `for a in ${command.replace(/^ *vigil ingest /, '')}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' })
  return out.split('\0').slice(0, -1)
}

describe('unnamedFieldsHints', () => {
  const text = unnamedFieldsHints([file])

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
    expect(unnamedFieldsHints([{ ...base, unnamedFields: { ...report, fields: [sid] } }])).toMatch(/ http_x_forwarded_for +in 2 lines +e\.g\. go2fo3ju4sw640qwruyfn7assd +not addresses: a token → \$cookie_NAME/)
  })

  it('says to give the log_format by hand when no format string read the lines alike', () => {
    expect(unnamedFieldsHints([{ ...base, unnamedFields: { ...report, format: null } }])).toMatch(
      /No format string read these lines as combined; give the log_format with --format 'nginx:<log_format>'/,
    )
  })

  it('tells of files with the same fields once, with their lines added up and every path in the command', () => {
    const rotated = { ...file, path: '/logs/access.log.1' }
    const plain = { ...base, path: '/logs/other.log' }
    const text = unnamedFieldsHints([file, plain, rotated])
    expect(text.match(/carry fields/g)).toHaveLength(1)
    expect(text).toMatch(/shop's access\.log and 1 more file alike: 6 lines carry fields/)
    expect(text).toMatch(/labels\.field_4 +in 4 lines/)
    const command = text.split('\n').find((l) => l.trimStart().startsWith('vigil ingest'))!
    expect(shellArgs(command).slice(4)).toEqual(["/logs/shop's access.log", '/logs/access.log.1'])
  })

  it('prints no control character a log put in a sample or a key', () => {
    const hostile = { ...report, fields: [{ ...report.fields[0]!, sample: '\u001b]0;owned\u0007\u001b[2J' }], format: `${FORMAT} k\u001b[31m=$x` }
    const out = unnamedFieldsHints([{ ...base, unnamedFields: hostile }])
    expect(out).toContain('e.g.  ]0;owned  [2J')
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  })

  it('tells of files with other fields apart', () => {
    const other = { ...base, path: '/logs/api.log', unnamedFields: { ...report, fields: report.fields.slice(0, 1) } }
    expect(unnamedFieldsHints([file, other]).match(/carry fields/g)).toHaveLength(2)
  })
})

describe('sessionCookieWarning', () => {
  it('says a named cookie is not a session cookie and where to make it one', () => {
    expect(sessionCookieWarning(['shop_session'], ['sid', 'session'])).toBe(
      'vigil: warning: --format names $cookie_shop_session, not a session cookie (ingest.sessionCookies: sid, session), ' +
        'so its values go to labels, not session_id; to read it as the session, add it to ingest.sessionCookies in vigil.config.yaml\n',
    )
  })

  it('says nothing when the format names no such cookie', () => {
    expect(sessionCookieWarning([], ['sid'])).toBeNull()
  })
})
