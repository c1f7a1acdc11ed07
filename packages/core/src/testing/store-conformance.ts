/**
 * The conformance suite every Store implementation passes (DuckDB now, ClickHouse later):
 * call `storeConformance(name, open)` from a `*.test.ts` beside the implementation.
 * `open` must return a fresh, empty, migrated store each time.
 * @module
 */
import { afterEach, describe, expect, it } from 'vitest'
import { emptyAppEvent } from '../events/app-event.ts'
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import { emptyHttpEvent } from '../events/http-event.ts'
import type { HttpEvent } from '../events/http-event.ts'
import { isVigilError } from '../errors/vigil-error.ts'
import type { SourceCheckpoint, Store } from '../ports/store.ts'

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0)

export function sampleHttpEvent(line: number, overrides: Partial<HttpEvent> = {}): HttpEvent {
  const e = emptyHttpEvent('combined', 'access.log', line, `line ${line}`)
  return Object.assign(e, {
    event_id: `k:${line}`,
    ts: T0 + line * 1000,
    source_ip: `203.0.113.${line % 250}`,
    http_request_method: 'GET',
    url_original: `/p/${line}?q=1`,
    url_path: `/p/${line}`,
    url_query: 'q=1',
    url_is_static: false,
    http_response_status_code: 200,
    http_response_bytes: 1234 + line,
    event_duration: 0.012,
    user_agent_original: 'Mozilla/5.0',
    ...overrides,
  })
}

export function sampleAppEvent(line: number, overrides: Partial<AppEvent> = {}): AppEvent {
  const e = emptyAppEvent('events.ndjson', line, `{"n":${line}}`)
  return Object.assign(e, {
    event_id: `a:${line}`,
    ts: T0 + line * 1000,
    event_action: 'account.login',
    event_outcome: 'failure',
    event_reason: 'bad_password',
    user_name: `user${line}`,
    source_ip: '198.51.100.1',
    order_amount: 12.5,
    ...overrides,
  })
}

export function sampleDetection(id: string, overrides: Partial<Detection> = {}): Detection {
  return {
    id,
    detector: 'bot.scraping',
    threat: 'OAT-011',
    category: 'scraping',
    entity: { type: 'ip', value: '203.0.113.7' },
    score: 87,
    severity: 'high',
    first_seen: '2026-11-25T10:00:00.000Z',
    last_seen: '2026-11-25T10:09:00.000Z',
    detected_at: '2026-11-25T10:02:30.000Z',
    count: 1542,
    explanation: '1,542 product pages in 9 min, no static assets',
    evidence: [{ field: 'pages', value: 1542 }],
    related: [{ type: 'device', value: 'd1' }],
    ...overrides,
  }
}

function checkpoint(key: string, linesDone: number): SourceCheckpoint {
  return { source_key: key, path: 'access.log', format: 'combined', lines_done: linesDone, prefix_bytes: 100, updated_at: T0 }
}

async function collect<E>(it: AsyncIterable<E[]>): Promise<{ events: E[]; batches: number }> {
  const events: E[] = []
  let batches = 0
  for await (const b of it) {
    events.push(...b)
    batches++
  }
  return { events, batches }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the promise to reject')
}

export function storeConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store | null = null
    const fresh = async () => {
      store = await open()
      return store
    }
    afterEach(async () => {
      await store?.close()
      store = null
    })

    it('migrates idempotently', async () => {
      const s = await fresh()
      await s.migrate()
      await s.migrate()
      expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 0 }])
    })

    it('round-trips every http field, ordered by ts then event_id', async () => {
      const s = await fresh()
      const full = sampleHttpEvent(3, {
        source_port: 51234,
        labels: { host: 'shop.example', rt: '0.012' },
        http_request_headers: { 'x-forwarded-proto': 'https' },
        source_ip_flags: ['cloud', 'vpn'],
        url_is_static: true,
        source_as_number: 4_200_000_000,
        upstream_duration: 0.5,
        session_id: 's1',
        tls_client_ja4: 't13d1516h2_8daaf6152771_02713d6af862',
      })
      const sameTs = sampleHttpEvent(1, { event_id: 'k:0b', ts: full.ts })
      const early = sampleHttpEvent(2)
      await s.commitBatch({ http: [full, sameTs, early], app: [], quarantine: [] }, checkpoint('src', 3))
      const { events } = await collect(s.scanHttpEvents())
      expect(events.map((e) => e.event_id)).toEqual(['k:2', 'k:0b', 'k:3'])
      expect(events[2]).toEqual(full)
    })

    it('round-trips hostile and unusual text unchanged', async () => {
      const s = await fresh()
      const odd = sampleHttpEvent(4, {
        message: 'GET /?q=\\"\'); DROP TABLE x;-- \u0000\u0001\n\r\t\u2028 <script>alert(1)</script> {"a":[1]}',
        user_agent_original: 'Mozilla/5.0 ☕ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \\u0041 "quoted"',
        url_original: '/%00%ff/..\\..\\etc/passwd?x=${jndi:ldap://x}',
        http_request_headers: { 'x-odd': '"\\\n', 'x-empty': '' },
        labels: { note: '[not, json' },
        event_duration: 0.1,
      })
      await s.commitBatch({ http: [odd], app: [], quarantine: [] }, checkpoint('odd', 1))
      const { events } = await collect(s.scanHttpEvents())
      expect(events).toEqual([odd])
    })

    it('round-trips app events with their attributes', async () => {
      const s = await fresh()
      const a = sampleAppEvent(1, { attributes: { 'cart.total': 99.5, tags: ['x'] }, source_ip_flags: ['tor'] })
      await s.commitBatch({ http: [], app: [a, sampleAppEvent(2)], quarantine: [] }, checkpoint('app', 2))
      const { events } = await collect(s.scanAppEvents())
      expect(events).toHaveLength(2)
      expect(events[0]).toEqual(a)
    })

    it('scans within [from, to) in batches of the asked size', async () => {
      const s = await fresh()
      const http = Array.from({ length: 10 }, (_, i) => sampleHttpEvent(i + 1))
      await s.commitBatch({ http, app: [], quarantine: [] }, checkpoint('src', 10))
      const { events, batches } = await collect(s.scanHttpEvents({ from: http[2]!.ts, to: http[7]!.ts, batchSize: 2 }))
      expect(events.map((e) => e.log_line)).toEqual([3, 4, 5, 6, 7])
      expect(batches).toBe(3)
    })

    it('stores quarantine records and advances the checkpoint with the batch', async () => {
      const s = await fresh()
      expect(await s.getCheckpoint('src')).toBeNull()
      const q = { ts_ingested: T0, log_file: 'access.log', log_line: 2, log_format: 'combined', reason: 'bad line', message: 'garbage' }
      await s.commitBatch({ http: [sampleHttpEvent(1)], app: [], quarantine: [q] }, checkpoint('src', 2))
      await s.commitBatch({ http: [sampleHttpEvent(3)], app: [], quarantine: [] }, checkpoint('src', 3))
      expect(await s.getCheckpoint('src')).toMatchObject({ source_key: 'src', lines_done: 3, format: 'combined', prefix_bytes: 100 })
      expect((await s.listCheckpoints()).map((c) => c.source_key)).toEqual(['src'])
      expect(await s.query('select file, line, format, reason, message from quarantine')).toEqual([
        { file: 'access.log', line: 2, format: 'combined', reason: 'bad line', message: 'garbage' },
      ])
    })

    it('commits nothing of a batch that fails, checkpoint included', async () => {
      const s = await fresh()
      await s.commitBatch({ http: [sampleHttpEvent(1)], app: [], quarantine: [] }, checkpoint('src', 1))
      // event_action is required: the whole batch must be refused.
      const broken = sampleAppEvent(3, { event_action: null as unknown as string })
      await rejection(s.commitBatch({ http: [sampleHttpEvent(2)], app: [broken], quarantine: [] }, checkpoint('src', 3)))
      expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 1 }])
      expect((await s.getCheckpoint('src'))?.lines_done).toBe(1)
    })

    it('upserts detections by id, filters and clears them', async () => {
      const s = await fresh()
      await s.upsertDetections([sampleDetection('d1'), sampleDetection('d2', { detector: 'waf.sqli', threat: 'sqli', score: 30, severity: 'low', entity: { type: 'request', value: 'r1' } })])
      await s.upsertDetections([sampleDetection('d1', { count: 2000, score: 95, severity: 'critical' })])
      const all = await s.listDetections()
      expect(all.map((d) => [d.id, d.count])).toEqual([['d1', 2000], ['d2', 1542]])
      expect(all[0]).toEqual(sampleDetection('d1', { count: 2000, score: 95, severity: 'critical' }))
      expect((await s.listDetections({ entityType: 'request' })).map((d) => d.id)).toEqual(['d2'])
      expect((await s.listDetections({ minScore: 50 })).map((d) => d.id)).toEqual(['d1'])
      expect((await s.listDetections({ threat: 'sqli', limit: 5 })).map((d) => d.id)).toEqual(['d2'])
      await s.clearDetections(['waf.sqli'])
      expect((await s.listDetections()).map((d) => d.id)).toEqual(['d1'])
      await s.clearDetections()
      expect(await s.listDetections()).toEqual([])
    })

    it('stores detections that come with a batch', async () => {
      const s = await fresh()
      await s.commitBatch({ http: [sampleHttpEvent(1)], app: [], quarantine: [], detections: [sampleDetection('d9')] }, checkpoint('src', 1))
      expect((await s.listDetections()).map((d) => d.id)).toEqual(['d9'])
    })

    it('answers read-only SQL with JSON-safe values', async () => {
      const s = await fresh()
      await s.commitBatch({ http: [sampleHttpEvent(1)], app: [], quarantine: [] }, checkpoint('src', 1))
      const rows = await s.query("select ts, http_response_bytes, labels, 12345678901234567890::HUGEINT as big from http_events where ts > TIMESTAMPTZ '2000-01-01 00:00:00+00'")
      expect(rows).toEqual([{ ts: '2026-11-25T10:00:01.000Z', http_response_bytes: 1235, labels: null, big: '12345678901234567890' }])
      expect((await s.query('describe http_events')).length).toBeGreaterThan(40)
    })

    it('refuses every statement that is not read-only, and changes nothing', async () => {
      const s = await fresh()
      for (const sql of [
        'insert into http_events (event_id) values (1)',
        'delete from http_events',
        'drop table http_events',
        'select 1; select 2',
        "attach '/tmp/vigil-conformance-other.db' as o",
        "copy http_events to '/tmp/vigil-conformance.csv'",
        "select * from read_csv('/etc/passwd')",
        "select * from read_parquet('/tmp/x.parquet')",
        'install httpfs',
        'load httpfs',
        'set threads = 1',
        'pragma enable_profiling',
        'checkpoint',
      ]) {
        const e = await rejection(s.query(sql))
        expect(isVigilError(e) && e.code, sql).toBe('VIGIL_ERR_QUERY_NOT_READ_ONLY')
      }
      expect(await s.query('select count(*) as n from http_events')).toEqual([{ n: 0 }])
    })

    it('reports a bad query as a store query error', async () => {
      const s = await fresh()
      const e = await rejection(s.query('select nope from nowhere'))
      expect(isVigilError(e) && e.code).toBe('VIGIL_ERR_STORE_QUERY')
    })
  })
}
