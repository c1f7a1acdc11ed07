import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleAppEvent, sampleHttpEvent, storeConformance } from '@vigil/core/testing'
import { isVigilError } from '@vigil/core'
import type { HttpEvent, SourceCheckpoint } from '@vigil/core'
import { DuckDbStore } from './duckdb-store.ts'
import { HTTP_SPEC, APP_SPEC } from './columns.ts'
import { DuckDBInstance } from '@duckdb/node-api'
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from './migrations/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

storeConformance('DuckDB in memory', () => DuckDbStore.open(':memory:'))
let n = 0
storeConformance('DuckDB file', () => DuckDbStore.open(join(dir, `s${n++}`, 'vigil.duckdb')))

describe('DuckDbStore', () => {
  it('has a column for every event field, with the same name', async () => {
    const s = await DuckDbStore.open(':memory:')
    for (const [table, spec] of [['http_events', HTTP_SPEC], ['app_events', APP_SPEC]] as const) {
      const cols = (await s.query(`select column_name from information_schema.columns where table_name = '${table}' order by ordinal_position`)).map((r) => r.column_name)
      expect(cols).toEqual(Object.keys(spec))
    }
    await s.close()
  })

  it('stores odd values as the event holds them: lone surrogates, NUL, quotes; a number out of range or not a number is NULL', async () => {
    const s = await DuckDbStore.open(':memory:')
    const odd = sampleHttpEvent(1, {
      user_agent_original: 'a\ud800b "q" \\ud800',
      url_original: 'x\u0000y\n\t😀',
      http_response_status_code: 1e12,
      source_port: 443.9,
      http_response_bytes: 2 ** 40,
      event_duration: 'slow' as unknown as number,
      labels: { k: 'v"\\', n: '\udc00' },
      source_ip_flags: ['tor', 'cloud'],
    })
    await s.commitBatch({ http: [odd, sampleHttpEvent(2)], app: [], quarantine: [] }, { source_key: 'k', path: 'p', format: 'combined', lines_done: 2, prefix_bytes: 0, updated_at: 0 })
    const rows = await s.query(`select user_agent_original ua, url_original u, http_response_status_code st, source_port p,
      http_response_bytes b, event_duration d, labels->>'k' k, labels->>'n' n, source_ip_flags f from http_events order by log_line`)
    expect(rows[0]).toEqual({ ua: 'a\ufffdb "q" \\ud800', u: 'x\u0000y\n\t😀', st: null, p: 443, b: 2 ** 40, d: null, k: 'v"\\', n: '\ufffd', f: ['tor', 'cloud'] })
    expect(rows[1]).toMatchObject({ ua: 'Mozilla/5.0', st: 200, b: 1236 })
    await s.close()
  })

  it('loads hostile text in every column byte for byte, across batch files, read buffers and rows longer than a buffer', async () => {
    const s = await DuckDbStore.open(join(dir, 'hostile', 'vigil.duckdb'))
    const nasty = [
      'tab\there', 'new\nline', 'cr\r\nlf', '"quoted"', 'back\\slash\\', '\\"', '\\n literally', 'null', 'NULL', '',
      ',', '"', '\\', 'nul\u0000byte', '\u0001\u001f\u007f', 'lone \ud800 high', 'lone \udfff low', '😀 ☕ 𝔘', '\u2028\u2029',
      "'); DROP TABLE http_events;--", '[0,"x"]', '{"a":1}',
    ]
    const textFields = (Object.keys(HTTP_SPEC) as (keyof HttpEvent)[]).filter((k) => HTTP_SPEC[k] === 'text' && k !== 'event_id')
    const events: HttpEvent[] = []
    for (let i = 1; i <= 1200; i++) {
      const e = sampleHttpEvent(i, { labels: { note: nasty[i % nasty.length]!, [nasty[(i + 1) % nasty.length]!]: 'k' }, source_ip_flags: [nasty[i % nasty.length]! as never] })
      // Every other row in long strings, which the writer encodes another way.
      const text = (x: string) => (i % 2 === 0 ? x : `${x}${'.'.repeat(40)}${x}`)
      textFields.forEach((k, j) => Object.assign(e, { [k]: text(nasty[(i + j) % nasty.length]!) }))
      // An 8 KB URL in every row makes each file span several of read_csv's buffers.
      e.url_original = `/${'a\n"\\'.repeat(2048)}${i}`
      events.push(e)
    }
    // Longer than read_csv's default line bound and than its default buffer.
    events[5]!.message = `big ${'x\n'.repeat(3_000_000)}`
    const checkpoint = (n: number): SourceCheckpoint => ({ source_key: 'h', path: 'p', format: 'combined', lines_done: n, prefix_bytes: 0, updated_at: 0 })
    // Handed over without waiting: the batches wait together and load as one group.
    await Promise.all([0, 400, 800].map((from) => s.commitBatch({ http: events.slice(from, from + 400), app: [], quarantine: [] }, checkpoint(from + 400))))
    const stored: HttpEvent[] = []
    for await (const batch of s.scanHttpEvents()) stored.push(...batch)
    const wellFormed = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replaceAll('\\ud800', '\ufffd').replaceAll('\\udfff', '\ufffd'))
    expect(stored).toHaveLength(events.length)
    for (let i = 0; i < events.length; i++) expect(stored[i]).toEqual(wellFormed(events[i]))
    expect((await s.getCheckpoint('h'))?.lines_done).toBe(1200)
    await s.close()
  }, 60_000)

  it('stores integers digit for digit at and around the 32-bit bounds, in integer and bigint columns', async () => {
    const s = await DuckDbStore.open(':memory:')
    const ints = [0, -0, 1, -1, 9, 10, 99, 100, 65_535, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 1_234_567_890]
    const http = ints.map((n, i) => sampleHttpEvent(i + 1, { source_port: n, http_response_bytes: n, source_as_number: -n }))
    await s.commitBatch({ http, app: [], quarantine: [] }, { source_key: 'i', path: 'p', format: 'combined', lines_done: ints.length, prefix_bytes: 0, updated_at: 0 })
    const rows = await s.query('select source_port p, http_response_bytes b, source_as_number a from http_events order by log_line')
    const int32 = (n: number) => (Math.abs(n) <= 2 ** 31 - 1 ? n + 0 : null)
    expect(rows).toEqual(ints.map((n) => ({ p: int32(n), b: n + 0, a: -n + 0 })))
    await s.close()
  })

  it('stores a text value every event of a batch shares as each row holds it, batch by batch, with the null rows and odd values of others', async () => {
    const s = await DuckDbStore.open(join(dir, 'constants', 'vigil.duckdb'))
    const batch = (from: number, overrides: (line: number) => Partial<HttpEvent>) =>
      Array.from({ length: 4 }, (_, i) => sampleHttpEvent(from + i, overrides(from + i)))
    const batches = [
      batch(1, () => ({ log_file: 'a.log', http_version: 'HTTP/1.1', user_name: '' })),
      batch(5, () => ({ log_file: "b'); DROP TABLE http_events;--.log", http_version: 'HTTP/1.1', user_name: '' })),
      // Shared by all but one row, which has none; shared but not printable ASCII; shared and empty.
      batch(9, (line) => ({ log_file: 'c\u0001\n😀.log', http_version: line === 10 ? null : 'HTTP/2.0', user_name: '' })),
      batch(13, (line) => ({ log_file: 'a.log', http_version: line === 16 ? 'HTTP/1.0' : 'HTTP/1.1', user_name: null })),
    ]
    const checkpoint = (n: number): SourceCheckpoint => ({ source_key: 'c', path: 'p', format: 'combined', lines_done: n, prefix_bytes: 0, updated_at: 0 })
    // Handed over together: the files load in one transaction, runs of the same constants in one read_csv.
    await Promise.all(batches.map((http, i) => s.commitBatch({ http, app: [], quarantine: [] }, checkpoint(4 * i + 4))))
    const rows = await s.query('select log_line, log_file, http_version, user_name from http_events order by log_line')
    expect(rows).toEqual(
      batches.flat().map((e) => ({ log_line: e.log_line, log_file: e.log_file, http_version: e.http_version, user_name: e.user_name })),
    )
    await s.close()
  })

  it('stores the peer address as each row holds it, whether a batch has it equal to the client address in every row, some rows or none', async () => {
    const s = await DuckDbStore.open(join(dir, 'copies', 'vigil.duckdb'))
    const batch = (from: number, peer: (line: number, ip: string) => string | null) =>
      Array.from({ length: 4 }, (_, i) => {
        const e = sampleHttpEvent(from + i)
        e.source_peer_ip = peer(from + i, e.source_ip!)
        return e
      })
    const batches = [
      batch(1, (_, ip) => ip),
      batch(5, (line, ip) => (line === 6 ? '10.0.0.1' : ip)),
      batch(9, () => null),
      batch(13, (line, ip) => (line === 14 ? null : ip)),
      batch(17, (_, ip) => `${ip}`.replace('203', '198')),
    ]
    const checkpoint = (n: number): SourceCheckpoint => ({ source_key: 'p', path: 'p', format: 'combined', lines_done: n, prefix_bytes: 0, updated_at: 0 })
    await Promise.all(batches.map((http, i) => s.commitBatch({ http, app: [], quarantine: [] }, checkpoint(4 * i + 4))))
    const rows = await s.query('select log_line, source_ip, source_peer_ip from http_events order by log_line')
    expect(rows).toEqual(batches.flat().map((e) => ({ log_line: e.log_line, source_ip: e.source_ip, source_peer_ip: e.source_peer_ip })))
    await s.close()
  })

  it('refuses batches queued behind a failed commit, and takes new ones after it', async () => {
    const s = await DuckDbStore.open(':memory:')
    const checkpoint = (n: number): SourceCheckpoint => ({ source_key: 'f', path: 'p', format: 'combined', lines_done: n, prefix_bytes: 0, updated_at: 0 })
    await s.commitBatch({ http: [sampleHttpEvent(1)], app: [], quarantine: [] }, checkpoint(1))
    const broken = s.commitBatch({ http: [sampleHttpEvent(2)], app: [sampleAppEvent(2, { event_action: null as unknown as string })], quarantine: [] }, checkpoint(2))
    // A query in between puts the next batch in a transaction of its own.
    const between = s.query('select 1 as one')
    const behind = s.commitBatch({ http: [sampleHttpEvent(3)], app: [], quarantine: [] }, checkpoint(3))
    await expect(broken).rejects.toThrow()
    await expect(between).resolves.toEqual([{ one: 1 }])
    await expect(behind).rejects.toThrow(/earlier batch failed/)
    expect((await s.getCheckpoint('f'))?.lines_done).toBe(1)
    await s.commitBatch({ http: [sampleHttpEvent(2), sampleHttpEvent(3)], app: [], quarantine: [] }, checkpoint(3))
    expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 3 }])
    await s.close()
  })

  it('with commitRows, gathers batches into one transaction until the rows are there, a flush or another operation, and never past them', async () => {
    const s = await DuckDbStore.open(join(dir, 'min-rows', 'vigil.duckdb'), { commitRows: 6 })
    const checkpoint = (n: number): SourceCheckpoint => ({ source_key: 'm', path: 'p', format: 'combined', lines_done: n, prefix_bytes: 0, updated_at: 0 })
    const batch = (from: number, rows: number) => ({ http: Array.from({ length: rows }, (_, i) => sampleHttpEvent(from + i)), app: [], quarantine: [] })
    const first = s.commitBatch(batch(1, 3), checkpoint(3))
    const second = s.commitBatch(batch(4, 3), checkpoint(6))
    // Three rows were too few: the second batch joined the first one's transaction.
    expect(second).toBe(first)
    // Six are enough: the next batch waits for a transaction of its own.
    const third = s.commitBatch(batch(7, 2), checkpoint(8))
    expect(third).not.toBe(first)
    let thirdDone = false
    third.then(() => (thirdDone = true), () => undefined)
    await second
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(thirdDone).toBe(false)
    // Two rows wait; five more would make seven: the two go alone, without a flush.
    const fourth = s.commitBatch(batch(9, 5), checkpoint(13))
    expect(fourth).not.toBe(third)
    await third
    let fourthDone = false
    fourth.then(() => (fourthDone = true), () => undefined)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fourthDone).toBe(false)
    s.flush()
    await fourth
    expect(await s.query('select count(*) as n, max(log_line) as last from http_events')).toEqual([{ n: 13, last: 13 }])
    expect((await s.getCheckpoint('m'))?.lines_done).toBe(13)
    // A batch larger than commitRows alone is still one transaction.
    await s.commitBatch(batch(14, 8), checkpoint(21))
    expect((await s.getCheckpoint('m'))?.lines_done).toBe(21)
    // An operation handed over after a held batch sees it.
    s.commitBatch(batch(22, 1), checkpoint(22)).catch(() => undefined)
    expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 22 }])
    await s.close()
  })

  it('empties the staging directory on open (what a crash left) and after each commit, and removes it on close', async () => {
    const path = join(dir, 'staging', 'vigil.duckdb')
    await (await DuckDbStore.open(path)).close()
    const staging = `${path}.staging`
    expect(existsSync(staging)).toBe(false)
    mkdirSync(staging)
    writeFileSync(join(staging, 'http_events-1-1.csv'), 'left by a crash')
    const s = await DuckDbStore.open(path)
    expect(readdirSync(staging)).toEqual([])
    await s.commitBatch({ http: [sampleHttpEvent(1)], app: [sampleAppEvent(1)], quarantine: [] }, { source_key: 's', path: 'p', format: 'combined', lines_done: 1, prefix_bytes: 0, updated_at: 0 })
    expect(readdirSync(staging)).toEqual([])
    await s.close()
    expect(existsSync(staging)).toBe(false)
    // A read-only open neither creates nor empties it.
    mkdirSync(join(dir, 'ro-staging'))
    const ro = join(dir, 'ro-staging', 'vigil.duckdb')
    await (await DuckDbStore.open(ro)).close()
    await (await DuckDbStore.open(ro, { readOnly: true })).close()
    expect(existsSync(`${ro}.staging`)).toBe(false)
  })

  it('records each migration once', async () => {
    const path = join(dir, 'mig', 'vigil.duckdb')
    await (await DuckDbStore.open(path)).close()
    const s = await DuckDbStore.open(path)
    expect(await s.query('select version, name from schema_migrations order by version')).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'detected-at' },
    ])
    await s.close()
  })

  it('upgrades a store made before detected_at: old detections read their first_seen for it', async () => {
    const path = join(dir, 'v1', 'vigil.duckdb')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(join(dir, 'v1'))
    const db = await DuckDBInstance.create(path)
    const conn = await db.connect()
    await conn.run(SCHEMA_MIGRATIONS_DDL)
    await conn.run(MIGRATIONS[0]!.sql)
    await conn.run(`INSERT INTO schema_migrations (version, name) VALUES (1, 'initial')`)
    await conn.run(`INSERT INTO detections VALUES ('old', 'bot.scraping', 'OAT-011', 'scraping', 'ip', '192.0.2.9', 80, 'high',
      '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z', 5, 'stored before the upgrade', '[]', '[]')`)
    conn.closeSync()
    db.closeSync()
    const s = await DuckDbStore.open(path)
    const [old] = await s.listDetections()
    expect(old).toMatchObject({ id: 'old', first_seen: '2026-11-01T10:00:00.000Z', detected_at: '2026-11-01T10:00:00.000Z' })
    await s.close()
  })

  it('refuses writes when opened read-only', async () => {
    const path = join(dir, 'ro', 'vigil.duckdb')
    await (await DuckDbStore.open(path)).close()
    const s = await DuckDbStore.open(path, { readOnly: true })
    expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 0 }])
    await expect(s.upsertDetections([{ id: 'x' } as never])).rejects.toThrow()
    await s.close()
  })

  it('says what to do when the file is not a DuckDB store', async () => {
    const path = join(dir, 'bad.duckdb')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path, 'not a database at all, just text '.repeat(200))
    const e = await DuckDbStore.open(path).catch((x: unknown) => x)
    expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_STORE_OPEN')
    expect((e as Error).message).toMatch(/--db/)
  })
})
