import { describe, expect, it } from 'vitest'
import { buildDetection, detectionId } from './detection-record.ts'
import type { StreamDetector } from './detector.ts'
import { createDetectionEngine } from './engine.ts'
import { req, shoppers, T0, testConfig } from './bots/fixtures/traffic.ts'
import { buildDetectors } from './registry.ts'
import { emptyAppEvent } from '../events/app-event.ts'
import type { HttpEvent } from '../events/http-event.ts'

/** Reports every event's IP with a score taken from the status code, and records its ticks. */
function echo(ticks: number[]): StreamDetector {
  let n = 0
  return {
    id: 'test.echo',
    onHttp(e, sink) {
      n++
      sink.report(
        buildDetection({
          detector: 'test.echo',
          threat: 'OAT-011',
          category: 'test',
          entity: { type: 'ip', value: e.source_ip ?? '-' },
          score: e.http_response_status_code ?? 0,
          firstSeenMs: e.ts,
          lastSeenMs: e.ts,
          count: n,
          explanation: `event ${n}`,
          evidence: [],
        }),
      )
    },
    tick(now) {
      ticks.push(now)
    },
  }
}

describe('detection engine', () => {
  it('merges reports by id: worst score, widest span, latest explanation and count', () => {
    const engine = createDetectionEngine([echo([])])
    engine.pushHttp(req({ ts: T0, source_ip: '192.0.2.1', http_response_status_code: 80 }))
    engine.pushHttp(req({ ts: T0 + 5000, source_ip: '192.0.2.1', http_response_status_code: 30 }))
    engine.finish()
    const [d, ...rest] = engine.detections()
    expect(rest).toEqual([])
    expect(d?.score).toBe(80)
    expect(d?.severity).toBe('high')
    expect(d?.first_seen).toBe(new Date(T0).toISOString())
    expect(d?.last_seen).toBe(new Date(T0 + 5000).toISOString())
    expect(d?.explanation).toBe('event 2')
    expect(d?.count).toBe(2)
    expect(d?.id).toBe(detectionId('test.echo', 'OAT-011', { type: 'ip', value: '192.0.2.1' }))
  })

  it('stamps a detection with the stream time it was first raised, not when its evidence began', () => {
    const late: StreamDetector = {
      id: 'test.late',
      tick(now, sink) {
        // Raised at a tick, about evidence that began at T0 and ended a while ago, then
        // reported again at every later tick with that evidence time as its own.
        if (now < T0 + 30_000) return
        sink.report(
          buildDetection({
            detector: 'test.late',
            threat: 'OAT-005',
            category: 'test',
            entity: { type: 'ip', value: '192.0.2.7' },
            score: 50,
            firstSeenMs: T0,
            lastSeenMs: T0 + 10_000,
            detectedAtMs: T0 + 10_000,
            count: 3,
            explanation: 'late',
            evidence: [],
          }),
        )
      },
    }
    const engine = createDetectionEngine([late, echo([])])
    for (let t = T0; t <= T0 + 60_000; t += 5_000) engine.pushHttp(req({ ts: t, source_ip: '192.0.2.1' }))
    engine.finish()
    const byDetector = new Map(engine.detections().map((d) => [d.detector, d]))
    const lateOne = byDetector.get('test.late')
    expect(lateOne?.first_seen).toBe(new Date(T0).toISOString())
    expect(lateOne?.detected_at).toBe(new Date(T0 + 30_000).toISOString())
    // Merging later reports keeps the moment it was first raised.
    expect(byDetector.get('test.echo')?.detected_at).toBe(new Date(T0).toISOString())
    expect(byDetector.get('test.echo')?.last_seen).toBe(new Date(T0 + 60_000).toISOString())
  })

  it('drains only what changed since the last drain', () => {
    const engine = createDetectionEngine([echo([])])
    engine.pushHttp(req({ ts: T0, source_ip: 'a' }))
    engine.pushHttp(req({ ts: T0, source_ip: 'b' }))
    expect(engine.drain().map((d) => d.entity.value).sort()).toEqual(['a', 'b'])
    engine.pushHttp(req({ ts: T0 + 1, source_ip: 'b' }))
    expect(engine.drain().map((d) => d.entity.value)).toEqual(['b'])
    expect(engine.drain()).toEqual([])
    expect(engine.detections()).toHaveLength(2)
  })

  it('ticks once per elapsed second of event time, once across an idle gap, and at finish', () => {
    const ticks: number[] = []
    const engine = createDetectionEngine([echo(ticks)])
    for (const dt of [0, 400, 1100, 2500, 3_600_000]) engine.pushHttp(req({ ts: T0 + dt, source_ip: 'a' }))
    engine.pushApp({ ...emptyAppEvent('app.ndjson', 1, ''), ts: T0 + 3_600_500 })
    engine.finish()
    expect(ticks.map((t) => t - T0)).toEqual([1000, 2000, 3_600_000, 3_600_500])
  })

  it('keeps its clock monotonic when an event arrives late', () => {
    const engine = createDetectionEngine([echo([])])
    engine.pushHttp(req({ ts: T0 + 10_000, source_ip: 'a' }))
    engine.pushHttp(req({ ts: T0, source_ip: 'a' }))
    expect(engine.now).toBe(T0 + 10_000)
  })

  it('ignores events after finish', () => {
    const engine = createDetectionEngine([echo([])])
    engine.finish()
    engine.pushHttp(req({ ts: T0, source_ip: 'a' }))
    expect(engine.detections()).toEqual([])
  })
})

/** Records the paths its `onHttp` is handed, in `seen` (shared, so the order across detectors shows). */
function recorder(id: string, seen: string[], httpReads?: StreamDetector['httpReads']): StreamDetector {
  return {
    id,
    ...(httpReads === undefined ? {} : { httpReads }),
    onHttp(e) {
      seen.push(`${id} ${e.url_path}`)
    },
  }
}

// A page, its asset, an API call and robots.txt, first without a session, then with a cookie, then with only a device id.
const mixed = (): HttpEvent[] =>
  [{ session_id: null }, { session_id: 's1' }, { session_id: null, device_id: 'd1' }].flatMap((who, i) =>
    ['/product/1', '/static/app.js', '/api/cart', '/robots.txt'].map((url_path, j) => req({ ts: T0 + i * 1000 + j, source_ip: '192.0.2.9', url_path, ...who })),
  )

describe('dispatch by what a detector reads (httpReads)', () => {
  it('hands a detector that reads pages only its pages, never an asset or an API call', () => {
    const seen: string[] = []
    const engine = createDetectionEngine([recorder('pages', seen, { kinds: ['page'] })])
    for (const e of mixed()) engine.pushHttp(e)
    expect(seen).toEqual(['pages /product/1', 'pages /product/1', 'pages /product/1'])
  })

  it('hands a detector that declares nothing every event, in stream order', () => {
    const seen: string[] = []
    const engine = createDetectionEngine([recorder('all', seen)])
    const events = mixed()
    for (const e of events) engine.pushHttp(e)
    expect(seen).toEqual(events.map((e) => `all ${e.url_path}`))
  })

  it('hands a detector that reads named sessions only the events with a cookie or a device id', () => {
    const seen: string[] = []
    const engine = createDetectionEngine([recorder('named', seen, { kinds: ['page', 'api'], named: true })])
    for (const e of mixed()) engine.pushHttp(e)
    expect(seen).toEqual(['named /product/1', 'named /api/cart', 'named /product/1', 'named /api/cart'])
  })

  it('keeps the detectors in their given order on each event they read', () => {
    const seen: string[] = []
    const engine = createDetectionEngine([recorder('a', seen), recorder('b', seen, { kinds: ['static'] }), recorder('c', seen)])
    engine.pushHttp(req({ ts: T0, source_ip: '192.0.2.9', url_path: '/static/app.js' }))
    engine.pushHttp(req({ ts: T0 + 1, source_ip: '192.0.2.9', url_path: '/' }))
    expect(seen).toEqual(['a /static/app.js', 'b /static/app.js', 'c /static/app.js', 'a /', 'c /'])
  })

  it('gives the registry detectors that declare what they read the detections they give when handed every event', () => {
    // A flood (bot.dos), one cookie across networks (bot.session_hop) and one device id across addresses (bot.device_spread), among shoppers.
    const flood = Array.from({ length: 1500 }, (_, i) => req({ ts: T0 + 600_000 + i * 20, source_ip: '203.0.113.30', session_id: 'flood', url_path: '/search', url_query: `q=${i}` }))
    const hopping = Array.from({ length: 18 }, (_, i) =>
      req({ ts: T0 + 60_000 + i * 300_000, source_ip: `100.${60 + (i >> 1)}.7.9`, source_as_number: 64_500 + (i >> 1), source_geo_country_iso_code: i % 3 === 0 ? 'US' : 'GB', session_id: 'hopper', url_path: `/product/${1000 + i}/` }),
    )
    const device = Array.from({ length: 30 }, (_, i) => req({ ts: T0 + 60_000 + i * 90_000, source_ip: `100.${70 + (i % 9)}.${i}.9`, source_as_number: 64_500 + (i % 9), device_id: 'dev-farm', session_id: null, url_path: `/product/${3000 + i}` }))
    const events = [...shoppers(30, 1), ...flood, ...hopping, ...device].sort((a, b) => a.ts - b.ts)
    const declared = buildDetectors(testConfig())
    const detectAll = (detectors: StreamDetector[]): string => {
      const engine = createDetectionEngine(detectors)
      for (const e of events) engine.pushHttp(e)
      engine.finish()
      return JSON.stringify(engine.detections())
    }
    const withReads = detectAll(declared)
    const everyEvent = detectAll(buildDetectors(testConfig()).map((d) => ({ ...d, httpReads: undefined })))
    expect(declared.filter((d) => d.httpReads !== undefined).map((d) => d.id)).toEqual(expect.arrayContaining(['bot.dos', 'bot.session_hop', 'bot.device_spread']))
    for (const id of ['bot.dos', 'bot.session_hop', 'bot.device_spread']) expect(withReads).toContain(`"detector":"${id}"`)
    expect(withReads).toBe(everyEvent)
  })
})
