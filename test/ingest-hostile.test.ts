import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { queryJson, vigil } from './ingest-helpers.ts'

const root = mkdtempSync(join(tmpdir(), 'vigil-ingest-hostile-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// What the store's CSV batch files must carry through: delimiters, quotes, escapes, the
// CSV null marker, control characters, SQL, JSON look-alikes, astral characters.
const NASTY = 'a,b\t"c"\\d\\\\"e\\n(not a newline)\nreal newline\r\u0000nul \u0001\u001f\u007f null "null" [0,"x"] {"k":1} \'); DROP TABLE http_events;-- 😀 \u2028'

const fields = {
  url: `/search?q=${'%22"\\\t\n'.repeat(1170)}&end=1`,
  ua: `Mozilla/5.0 ${NASTY}`,
  referrer: NASTY,
  user: `u${NASTY}`,
  session: 'null',
  device: 'd',
  body: NASTY.repeat(10),
}
const record = {
  '@timestamp': '2026-11-25T10:00:00.123Z',
  source: { ip: '203.0.113.7' },
  http: { request: { method: 'POST', referrer: fields.referrer, body: { content: fields.body } }, response: { status_code: 200 } },
  url: { original: fields.url },
  user_agent: { original: fields.ua },
  user: { name: fields.user },
  session: { id: fields.session },
  device: { id: fields.device },
  labels: { [NASTY]: NASTY },
}
const line = JSON.stringify(record)
// Invalid UTF-8 inside a string: read as U+FFFD, like every invalid byte.
const cut = line.indexOf('Mozilla/5.0 ') + 'Mozilla/5.0 '.length
const invalid = Buffer.concat([Buffer.from(line.slice(0, cut)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(line.slice(cut))])

describe('hostile text through vigil ingest and vigil query', { timeout: 120_000 }, () => {
  it('gives back every field of a nasty line byte for byte', () => {
    // Within the default 16 KiB kept in message, so the raw line comes back whole.
    expect(Buffer.byteLength(line)).toBeLessThan(16 * 1024)
    const log = join(root, 'hostile.ndjson')
    const db = join(root, 'store', 'vigil.duckdb')
    writeFileSync(log, Buffer.concat([Buffer.from(`${line}\n`), invalid, Buffer.from('\n')]))
    const r = vigil(['ingest', log, '--db', db, '--json', '--format', 'ecs-json'])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 2, stored: 2, quarantined: 0 })
    const rows = queryJson(
      db,
      `select message, url_original, user_agent_original, http_request_referrer, user_name, session_id, device_id,
        http_request_body, http_request_method, labels::VARCHAR as labels from http_events order by log_line`,
    )
    expect(rows[0]).toEqual({
      message: line,
      url_original: fields.url,
      user_agent_original: fields.ua,
      http_request_referrer: fields.referrer,
      user_name: fields.user,
      session_id: 'null',
      device_id: 'd',
      http_request_body: fields.body,
      http_request_method: 'POST',
      labels: JSON.stringify({ [NASTY]: NASTY }),
    })
    expect(rows[1]!.message).toBe(invalid.toString('utf8'))
    expect(rows[1]!.user_agent_original).toBe(`Mozilla/5.0 \ufffd(\ufffd${NASTY}`)
    expect(rows[1]!.url_original).toBe(fields.url)
  })
})
