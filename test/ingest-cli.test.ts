import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { combinedLine, inspect, queryJson, vigil } from './ingest-helpers.ts'

const root = mkdtempSync(join(tmpdir(), 'vigil-ingest-e2e-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const BAD_COMBINED = 'this is not an access log line'
const combined = [combinedLine(1), combinedLine(2), BAD_COMBINED, combinedLine(3)]
const ecs = [
  JSON.stringify({ '@timestamp': '2026-11-25T10:00:00.123Z', source: { ip: '203.0.113.7' }, http: { request: { method: 'GET' }, response: { status_code: 200 } }, url: { original: '/cart?x=1' }, user_agent: { original: 'Mozilla/5.0' } }),
  '{"@timestamp": "2026-11-25T10:00:01Z", "source.ip": "203.0.113.8", "http.request.method": "POST", "url.original": "/login", "http.response.status_code": 401}',
  '{"@timestamp": "2026-11-25T10:00:02Z", "source.ip": "203.0.113.9", "url.original": "/tru',
]
const alb = [
  'https 2026-11-25T10:00:00.123456Z app/shop-alb/50dc6c495c0c9188 203.0.113.7:51234 10.0.0.1:80 0.000 0.012 0.001 200 200 312 5123 "GET https://shop.example:443/product/1?ref=home HTTP/1.1" "Mozilla/5.0 (Windows NT 10.0)" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "shop.example" "arn:aws:acm:eu-west-1:123456789012:certificate/12345678" 0 2026-11-25T10:00:00.110000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234',
  'https 2026-11-25T10:00:01.000000Z app/shop-alb/50dc6c495c0c9188 203.0.113.8:40000 10.0.0.1:80 0.000 0.020 0.000 404 404 100 0 "GET https://shop.example:443/missing HTTP/1.1" "curl/8.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe355" "shop.example" "arn:aws:acm:eu-west-1:123456789012:certificate/12345678" 0 2026-11-25T10:00:00.990000Z "forward" "-" "-" "10.0.0.1:80" "404" "-" "-" TID_1235',
]
const gzLines = [combinedLine(100), combinedLine(101), combinedLine(102)]
const NGINX_FORMAT = '$remote_addr - [$time_local] "$request" $status $body_bytes_sent "$http_user_agent" $cookie_sid'
const custom = [
  '203.0.113.20 - [25/Nov/2026:11:00:00 +0000] "GET /account HTTP/1.1" 200 100 "Mozilla/5.0" sess-aaa',
  '203.0.113.21 - [25/Nov/2026:11:00:01 +0000] "GET /cart HTTP/1.1" 200 200 "Mozilla/5.0" sess-bbb',
  'garbage that matches no log_format',
]

const dir = join(root, 'logs')
const db = join(root, 'store', 'vigil.duckdb')
let first: ReturnType<typeof vigil>

beforeAll(() => {
  mkdirSync(join(dir, 'lb'), { recursive: true })
  writeFileSync(join(dir, 'access.log'), `${combined.join('\n')}\n`)
  writeFileSync(join(dir, 'ecs.ndjson'), `${ecs.join('\n')}\n`)
  writeFileSync(join(dir, 'lb', 'alb.log'), `${alb.join('\n')}\n`)
  // Named .1 so only the magic bytes can tell it is gzip.
  writeFileSync(join(dir, 'access.log.1'), gzipSync(`${gzLines.join('\n')}\n`))
  writeFileSync(join(dir, '.hidden.log'), `${combinedLine(999)}\n`)
  writeFileSync(join(dir, 'notes.txt'), 'Shopping list:\n- milk\n- bread\n')
  writeFileSync(join(root, 'custom.log'), `${custom.join('\n')}\n`)
  first = vigil(['ingest', dir, '--db', db, '--json'])
}, 120_000)

// Each case spawns the CLI; on a loaded two-core machine that takes seconds.
describe('vigil ingest (end to end)', { timeout: 240_000 }, () => {
  it('stores every valid line of a mixed directory once and quarantines every bad one with its line', async () => {
    const summary = JSON.parse(first.stdout)
    expect(Object.keys(summary).slice(0, 5)).toEqual(['read', 'stored', 'quarantined', 'duplicates', 'seconds'])
    expect(summary).toMatchObject({ stored: 3 + 2 + 2 + 3, quarantined: 2, duplicates: 0 })
    const n = queryJson(db, 'select count(*) as n, count(distinct event_id) as ids from http_events')
    expect(n).toEqual([{ n: summary.stored, ids: summary.stored }])
    const q = await inspect(db, 'select file, line, format from quarantine order by file')
    expect(q).toEqual([
      { file: join(dir, 'access.log'), line: 3, format: 'combined' },
      { file: join(dir, 'ecs.ndjson'), line: 3, format: 'ecs-json' },
    ])
    const formats = await inspect(db, 'select log_format, count(*) as n from http_events group by 1 order by 1')
    expect(formats).toEqual([
      { log_format: 'alb', n: 2 },
      { log_format: 'combined', n: 6 },
      { log_format: 'ecs-json', n: 2 },
    ])
  })

  it('skips hidden files and reports an unrecognised file without stopping the others', async () => {
    expect(first.status).toBe(3)
    expect(first.stderr).toContain('notes.txt')
    expect(first.stderr).toContain('--format')
    expect(await inspect(db, "select count(*) as n from http_events where log_file like '%hidden%'")).toEqual([{ n: 0 }])
  })

  it('writes the quarantine file beside the store', () => {
    const lines = readFileSync(join(root, 'store', 'quarantine.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.line, l.raw])).toEqual([
      [3, BAD_COMBINED],
      [3, ecs[2]],
    ])
  })

  it('adds nothing on a re-ingest and reports every line as a duplicate', async () => {
    const again = vigil(['ingest', dir, '--db', db, '--json'])
    const s = JSON.parse(again.stdout)
    expect(s).toMatchObject({ stored: 0, quarantined: 0, duplicates: combined.length + ecs.length + alb.length + gzLines.length })
    expect(await inspect(db, 'select count(*) as n from http_events')).toEqual([{ n: 10 }])
  })

  it('ingests a custom nginx log_format with the session cookie as session_id', async () => {
    const r = vigil(['ingest', join(root, 'custom.log'), '--db', db, '--json', '--format', `nginx:${NGINX_FORMAT}`])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 2, quarantined: 1 })
    expect(await inspect(db, "select session_id, url_path from http_events where log_format like 'nginx%' order by ts")).toEqual([
      { session_id: 'sess-aaa', url_path: '/account' },
      { session_id: 'sess-bbb', url_path: '/cart' },
    ])
  })

  it('tells of fields a combined log carries unnamed, with a --format that, its cookie named, reads them into their columns', async () => {
    const ja4 = 't13d1516h2_8daaf6152771_02713d6af862'
    const rich = [1, 2, 3].map((i) => `${combinedLine(i)} 0.01${i} "${i === 2 ? '-' : `k${i}x9v2ms83nd7q01lw5`}" "${ja4}"`)
    writeFileSync(join(root, 'rich.log'), `${rich.join('\n')}\n`)
    const autoDb = join(root, 'rich-auto.duckdb')
    const text = vigil(['ingest', join(root, 'rich.log'), '--db', autoDb])
    expect(text.stdout).toMatch(/3 lines carry fields the combined format does not name/)
    const auto = JSON.parse(vigil(['ingest', join(root, 'rich.log'), '--db', join(root, 'rich-auto-2.duckdb'), '--json']).stdout)
    const format: string = auto.files[0].unnamedFields.format
    const namedDb = join(root, 'rich-named.duckdb')
    const r = vigil(['ingest', join(root, 'rich.log'), '--db', namedDb, '--json', '--format', format.replace('$cookie_NAME', '$cookie_sid')])
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 3, quarantined: 0 })
    const columns = 'select session_id, tls_client_ja4, event_duration from http_events order by log_line'
    expect(await inspect(namedDb, columns)).toEqual([
      { session_id: 'k1x9v2ms83nd7q01lw5', tls_client_ja4: ja4, event_duration: 0.011 },
      { session_id: null, tls_client_ja4: ja4, event_duration: 0.012 },
      { session_id: 'k3x9v2ms83nd7q01lw5', tls_client_ja4: ja4, event_duration: 0.013 },
    ])
    expect(await inspect(autoDb, columns)).toEqual(rich.map(() => ({ session_id: null, tls_client_ja4: ja4, event_duration: null })))
  })

  it('ingests only the new lines of a grown file', async () => {
    const grow = join(root, 'grow.log')
    writeFileSync(grow, `${[1, 2, 3].map((i) => combinedLine(5000 + i)).join('\n')}\n`)
    const ra = vigil(['ingest', grow, '--db', db, '--json'])
    expect(ra.status, ra.stderr).toBe(0)
    const a = JSON.parse(ra.stdout)
    writeFileSync(grow, `${[1, 2, 3, 4, 5].map((i) => combinedLine(5000 + i)).join('\n')}\n`)
    const b = JSON.parse(vigil(['ingest', grow, '--db', db, '--json']).stdout)
    expect([a.stored, b.stored, b.duplicates]).toEqual([3, 2, 3])
    expect(await inspect(db, `select count(distinct event_id) as n from http_events where log_file = '${grow}'`)).toEqual([{ n: 5 }])
  })

  it('reads stdin, CRLF line ends, invalid UTF-8 and a truncated last line', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${combinedLine(7001)}\r\n`),
      Buffer.from(combinedLine(7002).replace('Firefox/132.0"', 'Fire')),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('fox"\r\n'),
      Buffer.from(combinedLine(7003).slice(0, 60)),
    ])
    const r = vigil(['ingest', '-', '--db', db, '--json', '--format', 'combined'], { input: bytes })
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 3, stored: 2, quarantined: 1 })
    const rows = await inspect(db, "select user_agent_original as ua, url_path from http_events where log_file = 'stdin' order by log_line")
    expect(rows).toEqual([
      { ua: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0', url_path: '/product/7001' },
      { ua: 'Mozilla/5.0 (X11; Linux x86_64) Fire\ufffd\ufffdfox', url_path: '/product/7002' },
    ])
  })

  it('answers read-only queries and refuses anything else', () => {
    const table = vigil(['query', '--db', db, 'select count(*) as n from http_events'])
    expect(table.status, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/\bn\b[\s\S]*\(1 row\)/)
    for (const sql of ["copy http_events to '/tmp/vigil-leak.csv'", "select * from read_csv('/etc/passwd')"]) {
      const r = vigil(['query', '--db', db, sql])
      expect(r.status, sql).not.toBe(0)
      expect(r.stderr, sql).toContain('VIGIL_ERR_QUERY_NOT_READ_ONLY')
    }
  })

  it('summarises the store with stats', async () => {
    const s = JSON.parse(vigil(['stats', '--db', db, '--json']).stdout)
    const n = (await inspect(db, 'select count(*) as n from http_events'))[0]!.n
    expect(s.tables.http_events).toBe(n)
    expect(s.quarantine.rows).toBe((await inspect(db, 'select count(*) as n from quarantine'))[0]!.n)
    expect(s.formats.map((f: { format: string }) => f.format)).toContain('alb')
  })

  it('names the key and the line of a bad config, and exits with the usage code', () => {
    const cfg = join(root, 'bad.yaml')
    writeFileSync(cfg, 'ingest:\n  batchSize: 0\n')
    const r = vigil(['ingest', dir, '--db', db, '--config', cfg])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('bad.yaml:2: ingest.batchSize')
  })

  it('explains a missing store and an unknown --format', () => {
    const q = vigil(['query', '--db', join(root, 'nope.duckdb'), 'select 1'])
    expect(q.status).toBe(4)
    expect(q.stderr).toMatch(/vigil ingest/)
    const f = vigil(['ingest', dir, '--db', db, '--format', 'apache-ish'])
    expect(f.stderr).toContain('VIGIL_ERR_INGEST_FORMAT_INVALID')
    expect(f.status).toBe(2)
  })
})
