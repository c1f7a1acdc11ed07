import { describe, expect, it } from 'vitest'
import { buildDetection, detectionId } from './detection-record.ts'
import type { StreamDetector } from './detector.ts'
import { createDetectionEngine } from './engine.ts'
import { req, T0 } from './bots/fixtures/traffic.ts'
import { emptyAppEvent } from '../events/app-event.ts'

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
