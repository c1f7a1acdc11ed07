import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DuckDbStore } from '@vigil/storage-duckdb'
import {
  buildDetectors,
  createDetectionEngine,
  createEnricher,
  createWafDetector,
  defaultDetectConfig,
  emptyAppEvent,
  emptyHttpEvent,
  resolveConfig,
  type AppEvent,
  type HttpEvent,
  type StreamDetector,
} from '@vigil/core'
import { createWafEngine } from '@vigil/core/waf'
import { loadEnrichmentData } from '../data/index.ts'
import { ingestPaths } from '../ingest/ingest-paths.ts'
import { loadSimConfig, writeSimulation } from '../simulate/write-simulation.ts'
import { runDetectors, scanHttpInOrder, UNREAD_APP_FIELDS, UNREAD_HTTP_FIELDS, WAF_ONLY_HTTP_FIELDS } from './run-detectors.ts'

const T0 = Date.parse('2026-11-20T10:00:00Z')

function http(i: number, fields: Partial<HttpEvent>): HttpEvent {
  const e = emptyHttpEvent('combined', 'access.log', i, `line ${i}`)
  return Object.assign(e, { event_id: `h${i}`, http_request_method: 'GET', http_response_status_code: 200, user_agent_original: 'python-requests/2.31', user_agent_bot_name: 'python-requests', user_agent_bot_kind: 'automation' }, fields)
}

/** A naive scraper walking product ids, a shopper with assets, and app events in between. */
function traffic(): { http: HttpEvent[]; app: AppEvent[] } {
  const out: HttpEvent[] = []
  for (let i = 0; i < 300; i++) out.push(http(i, { ts: T0 + i * 1000, source_ip: '203.0.113.7', url_path: `/product/${1000 + i}` }))
  for (let i = 0; i < 200; i++) {
    out.push(http(1000 + i, { ts: T0 + i * 1500, source_ip: '198.51.100.4', session_id: 'shopper', url_path: i % 2 === 0 ? '/cart' : '/static/app.js', user_agent_original: 'Mozilla/5.0 Firefox/145.0', user_agent_bot_name: null, user_agent_bot_kind: null }))
  }
  const app = [0, 1, 2].map((i) => Object.assign(emptyAppEvent('events.ndjson', i, ''), { event_id: `a${i}`, ts: T0 + i * 60_000, event_action: 'cart.add', session_id: 'shopper' }))
  return { http: out, app }
}

describe('scanHttpInOrder', () => {
  it('hands over every stored request once, in event-time order, across time slices', async () => {
    const store = await DuckDbStore.open(':memory:')
    try {
      const { http: h } = traffic()
      await store.commitBatch({ http: h, app: [], quarantine: [] }, { source_key: 'k', path: 'access.log', format: 'combined', lines_done: h.length, updated_at: T0 })
      const seen: HttpEvent[] = []
      for await (const batch of scanHttpInOrder(store, ['log_line'], 64)) seen.push(...batch)
      expect(seen.map((e) => e.event_id).sort()).toEqual(h.map((e) => e.event_id).sort())
      expect(seen.every((e, i) => i === 0 || seen[i - 1]!.ts <= e.ts)).toBe(true)
      expect(seen.every((e) => e.log_line === null)).toBe(true)
    } finally {
      await store.close()
    }
  })
})

describe('runDetectors over DuckDB', () => {
  it('finds the scraper and writes the same rows when run twice', async () => {
    const store = await DuckDbStore.open(':memory:')
    try {
      const { http: h, app } = traffic()
      await store.commitBatch({ http: h, app, quarantine: [] }, { source_key: 'k', path: 'access.log', format: 'combined', lines_done: h.length, updated_at: T0 })
      const first = await runDetectors(store)
      expect(first.events).toBe(h.length + app.length)
      const rows1 = await store.listDetections()
      const scraping = rows1.find((d) => d.detector === 'bot.scraping' && d.entity.type === 'ip')
      expect(scraping?.entity.value).toBe('203.0.113.7')
      expect(scraping?.explanation).toContain('sequential ids')
      expect(rows1.some((d) => d.entity.value === '198.51.100.4' || d.entity.value === 'shopper')).toBe(false)
      const second = await runDetectors(store)
      expect(second.detections).toBe(first.detections)
      const rows2 = await store.listDetections()
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
      expect([...rows2].sort(byId)).toEqual([...rows1].sort(byId))
      // Scanning in many small time slices sees the same stream, so finds the same.
      const sliced = await runDetectors(store, undefined, { eventsPerSlice: 50 })
      expect(sliced.events).toBe(first.events)
      expect([...(await store.listDetections())].sort(byId)).toEqual([...rows1].sort(byId))
    } finally {
      await store.close()
    }
  })

  it('runs the WAF as one more detector when given its config, and a re-run replaces its rows', async () => {
    const store = await DuckDbStore.open(':memory:')
    try {
      const { http: h, app } = traffic()
      const attack = [0, 1, 2].map((i) =>
        http(5000 + i, { ts: T0 + 400_000 + i * 1000, source_ip: '192.0.2.66', session_id: 'sqli-session', url_path: '/search', url_query: `q=1' UNION SELECT password FROM users--${i}`, user_agent_original: 'Mozilla/5.0 Firefox/145.0', user_agent_bot_name: null, user_agent_bot_kind: null }),
      )
      await store.commitBatch({ http: [...h, ...attack], app, quarantine: [] }, { source_key: 'k', path: 'access.log', format: 'combined', lines_done: h.length + 3, updated_at: T0 })
      const { waf } = resolveConfig({})
      const withoutWaf = await runDetectors(store, defaultDetectConfig())
      expect((await store.listDetections()).some((d) => d.detector.startsWith('waf.'))).toBe(false)
      const first = await runDetectors(store, defaultDetectConfig(), { waf })
      const sqli = (await store.listDetections()).filter((d) => d.detector === 'waf.sqli')
      expect(sqli.map((d) => `${d.entity.type}:${d.entity.value}`).sort()).toEqual(['ip:192.0.2.66', 'session:sqli-session'])
      expect(sqli[0]).toMatchObject({ threat: 'sqli', count: 3, detected_at: new Date(T0 + 400_000).toISOString() })
      expect(sqli[0]?.explanation).toMatch(/SQL injection/)
      // The shopper's and the scraper's plain requests carry no payload.
      expect(sqli.some((d) => d.entity.value === '198.51.100.4' || d.entity.value === '203.0.113.7')).toBe(false)
      expect(first.detections).toBe(withoutWaf.detections + sqli.length)
      const again = await runDetectors(store, defaultDetectConfig(), { waf })
      expect(again.detections).toBe(first.detections)
      expect((await store.listDetections()).length).toBe(first.detections)
      // Disabled by id, the WAF does not run, and its earlier rows are left as they were.
      await runDetectors(store, { ...defaultDetectConfig(), disabled: ['waf'] }, { waf })
      expect((await store.listDetections()).filter((d) => d.detector === 'waf.sqli')).toHaveLength(2)
    } finally {
      await store.close()
    }
  })

  it('leaves out only fields no detector reads, and finds exactly what a scan of every field finds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-detect-fields-'))
    const store = await DuckDbStore.open(':memory:')
    try {
      const sim = await writeSimulation(dir, await loadSimConfig(), { seed: 3, hours: 1, scale: 0.1 })
      const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
      await ingestPaths(store, [sim.files.accessLog, sim.files.events], { enricher })
      const http: HttpEvent[] = []
      const app: AppEvent[] = []
      for await (const b of store.scanHttpEvents()) http.push(...b)
      for await (const b of store.scanAppEvents()) app.push(...b)
      const { waf } = resolveConfig({})
      // Every field each detector set reads, recorded on the events themselves.
      const reads = (detectors: StreamDetector[]): { http: Set<string>; app: Set<string>; found: string[] } => {
        const seen = { http: new Set<string>(), app: new Set<string>() }
        const watch = <T extends object>(e: T, into: Set<string>): T =>
          new Proxy(e, {
            get: (t, k, r) => (typeof k === 'string' && into.add(k), Reflect.get(t, k, r)),
            has: (t, k) => (typeof k === 'string' && into.add(k), Reflect.has(t, k)),
            ownKeys: (t) => (into.add('*'), Reflect.ownKeys(t)),
          })
        const engine = createDetectionEngine(detectors)
        let i = 0
        let j = 0
        while (i < http.length || j < app.length) {
          if (i < http.length && (j >= app.length || http[i]!.ts <= app[j]!.ts)) engine.pushHttp(watch(http[i++]!, seen.http))
          else engine.pushApp(watch(app[j++]!, seen.app))
        }
        engine.finish()
        return { ...seen, found: engine.detections().map((d) => `${d.id} ${d.score} ${d.count}`).sort() }
      }
      const wafDetector = () => createWafDetector(createWafEngine({ level: waf.level, threshold: waf.threshold, limits: waf.limits }))
      const behavioural = reads(buildDetectors(defaultDetectConfig()))
      const wafOnly = reads([wafDetector()])
      expect(behavioural.found.length).toBeGreaterThan(10)
      for (const f of [...UNREAD_HTTP_FIELDS, ...WAF_ONLY_HTTP_FIELDS]) expect(behavioural.http.has(f), f).toBe(false)
      for (const f of UNREAD_APP_FIELDS) expect(behavioural.app.has(f), f).toBe(false)
      for (const f of UNREAD_HTTP_FIELDS) expect(wafOnly.http.has(f), f).toBe(false)
      expect(behavioural.http.has('*') || behavioural.app.has('*') || wafOnly.http.has('*')).toBe(false)
      // The same detections from `vigil detect`'s narrower scan, with and without the WAF.
      const all = reads([...buildDetectors(defaultDetectConfig()), wafDetector()])
      for (const [options, expected] of [[{}, behavioural.found], [{ waf }, all.found]] as const) {
        await runDetectors(store, defaultDetectConfig(), options)
        expect((await store.listDetections()).map((d) => `${d.id} ${d.score} ${d.count}`).sort()).toEqual(expected)
        await store.clearDetections()
      }
    } finally {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    }
    // Runs every detector three times over a simulated hour plus two store scans: ~40 s alone on two
    // cores, so the suite's 60 s default is too close when the other worker is busy.
  }, 180_000)
})
