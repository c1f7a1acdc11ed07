import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { ingestPaths } from './ingest-paths.ts'

const dir = mkdtempSync(join(tmpdir(), 'vigil-runner-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const line = (i: number) => `198.51.100.${i % 200} - - [25/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i} HTTP/1.1" 200 ${i} "-" "Mozilla/5.0"`
const lines = (from: number, n: number) => Array.from({ length: n }, (_, k) => line(from + k)).join('\n') + '\n'

describe('ingestPaths', () => {
  it('keeps what a corrupt gzip yielded, reports the file, and goes on with the next', async () => {
    const store = await DuckDbStore.open(':memory:')
    const good = gzipSync(lines(1, 2000))
    // Cut the stream short and flip bytes near the end: the decompressor fails mid-file.
    const broken = Buffer.from(good.subarray(0, good.length - 8))
    broken[broken.length - 20] ^= 0xff
    writeFileSync(join(dir, 'a.gz'), broken)
    writeFileSync(join(dir, 'b.log'), lines(5000, 3))
    const s = await ingestPaths(store, [join(dir, 'a.gz'), join(dir, 'b.log'), join(dir, 'missing.log')], { batchSize: 100 })
    expect(s.files.map((f) => [f.path.split('/').pop(), f.error?.code ?? 'ok'])).toEqual([
      ['a.gz', 'VIGIL_ERR_INGEST_SOURCE_UNREADABLE'],
      ['b.log', 'ok'],
      ['missing.log', 'VIGIL_ERR_INGEST_SOURCE_UNREADABLE'],
    ])
    expect(s.failed).toBe(2)
    const [row] = await store.query(`select count(*) as n, count(distinct event_id) as ids from http_events`)
    expect(row!.n).toBe(row!.ids)
    expect(row!.n).toBe(s.stored)
    expect(s.files[1]!.stored).toBe(3)
    await store.close()
  })

  it('quarantines an over-long line through the runner and writes the quarantine file', async () => {
    const store = await DuckDbStore.open(':memory:')
    const qfile = join(dir, 'q.ndjson')
    writeFileSync(join(dir, 'long.log'), `${line(1)}\n${'x'.repeat(5000)}\n${line(3)}\n`)
    const s = await ingestPaths(store, [join(dir, 'long.log')], { format: 'combined', maxLineBytes: 1000, quarantineFile: qfile })
    expect([s.stored, s.quarantined]).toEqual([2, 1])
    const q = readFileSync(qfile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(q).toHaveLength(1)
    expect(q[0]).toMatchObject({ line: 2, format: 'combined' })
    expect(q[0].reason).toMatch(/5000 bytes/)
    await store.close()
  })

  it('reports fields the detected format does not name, and a re-ingest stores nothing and keeps the ids', async () => {
    const ja4 = 't13d1516h2_8daaf6152771_02713d6af862'
    writeFileSync(join(dir, 'rich.log'), Array.from({ length: 300 }, (_, i) => `${line(i)} 0.${String(i).padStart(3, '0')} "s${i % 7}q2fo3ju4sw640qwruyfn" "${ja4}"`).join('\n') + '\n')
    writeFileSync(join(dir, 'plain.log'), lines(1, 50))
    const store = await DuckDbStore.open(':memory:')
    const first = await ingestPaths(store, [join(dir, 'rich.log'), join(dir, 'plain.log')], { batchSize: 100 })
    expect(first.files.map((f) => [f.format, f.stored, f.unnamedFields?.lines])).toEqual([
      ['combined', 300, 300],
      ['combined', 50, undefined],
    ])
    expect(first.files[0]!.unnamedFields!.fields.map((f) => f.variable)).toEqual(['$request_time', '$cookie_NAME', '$http_x_ja4'])
    const ids = async () => store.query(`select event_id, tls_client_ja4, session_id from http_events where log_file like '%rich.log' order by log_line`)
    const before = await ids()
    expect(before.every((r) => r.tls_client_ja4 === ja4 && r.session_id === null)).toBe(true)
    const again = await ingestPaths(store, [join(dir, 'rich.log')], { batchSize: 100 })
    expect([again.stored, again.duplicates]).toEqual([0, 300])
    expect(await ids()).toEqual(before)
    await store.close()
  })

  it('refuses an unknown --format before reading anything, as a usage error', async () => {
    const store = await DuckDbStore.open(':memory:')
    await expect(ingestPaths(store, [join(dir, 'long.log')], { format: 'nope' })).rejects.toMatchObject({
      code: 'VIGIL_ERR_INGEST_FORMAT_INVALID',
      exitCode: 2,
    })
    await store.close()
  })
})
