import { describe, expect, it } from 'vitest'
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import { createParser } from './create-parser.ts'
import { DEFAULT_PARSER_OPTIONS } from './parser.ts'
import type { RecordParser } from './parser.ts'
import { IngestPipeline } from './pipeline.ts'
import type { PipelineOptions, ReadyBatch } from './pipeline.ts'

const line = (i: number) =>
  `203.0.113.${i % 250} - - [25/Nov/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i}?q=${i} HTTP/1.1" 200 ${i} "-" "Mozilla/5.0"`

function pipeline(overrides: Partial<PipelineOptions> = {}, format = 'combined'): IngestPipeline {
  return new IngestPipeline({
    parser: createParser(format, { ...DEFAULT_PARSER_OPTIONS, file: 'access.log' }),
    file: 'access.log',
    eventIdPrefix: 'abc',
    batchSize: 3,
    maxMessageBytes: 64,
    now: () => 42,
    ...overrides,
  })
}

function drain(p: IngestPipeline): ReadyBatch[] {
  const out: ReadyBatch[] = []
  for (let r = p.takeReady(); r !== null; r = p.takeReady()) out.push(r)
  return out
}

describe('IngestPipeline', () => {
  it('cuts batches every batchSize results, checkpointed at the last line they hold', () => {
    const p = pipeline()
    for (let i = 1; i <= 7; i++) p.feed(line(i), i)
    const ready = drain(p)
    expect(ready.map((r) => [r.linesDone, r.batch.http.map((e) => e.log_line)])).toEqual([
      [3, [1, 2, 3]],
      [6, [4, 5, 6]],
    ])
    const rest = p.finish(7)
    expect(rest.map((r) => [r.linesDone, r.batch.http.length])).toEqual([[7, 1]])
    expect(p.counts).toEqual({ read: 7, stored: 7, quarantined: 0, skipped: 0 })
  })

  it('gives deterministic event ids from the prefix and the line, and splits the URL', () => {
    const p = pipeline()
    p.feed(line(5), 12)
    const [r] = p.finish(12)
    const e = r!.batch.http[0]!
    expect(e.event_id).toBe('abc:12')
    expect([e.url_path, e.url_query]).toEqual(['/p/5', 'q=5'])
  })

  it('quarantines parse errors and over-long lines with their line numbers, bounded', () => {
    const p = pipeline()
    p.feed(line(1), 1)
    p.feed('not a log line '.repeat(20), 2)
    p.quarantineLine(3, 'line is too long', 'x'.repeat(100))
    const [r] = drain(p)
    expect(r!.linesDone).toBe(3)
    expect(r!.batch.quarantine.map((q) => [q.log_line, q.log_file, q.log_format, q.ts_ingested, q.message.length])).toEqual([
      [2, 'access.log', 'combined', 42, 64],
      [3, 'access.log', 'combined', 42, 64],
    ])
    expect(r!.batch.quarantine[1]!.reason).toBe('line is too long')
    expect(p.counts).toEqual({ read: 3, stored: 1, quarantined: 2, skipped: 0 })
  })

  it('counts blank lines as skipped, neither stored nor quarantined', () => {
    const p = pipeline({ batchSize: 100 })
    p.feed('', 1)
    p.feed(line(2), 2)
    const [r] = p.finish(2)
    expect(r!.batch.http).toHaveLength(1)
    expect(r!.batch.quarantine).toHaveLength(0)
    expect(p.counts.skipped).toBe(1)
  })

  it('never cuts inside a record a parser is still buffering (HAR): one commit at the end', () => {
    const har = JSON.stringify(
      {
        log: {
          version: '1.2',
          entries: [1, 2, 3, 4].map((i) => ({
            startedDateTime: `2026-11-25T10:00:0${i}.000Z`,
            request: { method: 'GET', url: `https://shop.example/p/${i}`, httpVersion: 'HTTP/1.1', headers: [], cookies: [] },
            response: { status: 200, headers: [], content: { size: 1 } },
          })),
        },
      },
      null,
      2,
    ).split('\n')
    const p = pipeline({ batchSize: 2 }, 'har')
    har.forEach((l, i) => p.feed(l, i + 1))
    expect(drain(p)).toEqual([])
    const rest = p.finish(har.length)
    expect(rest.map((r) => r.linesDone)).toEqual([har.length])
    expect(rest[0]!.batch.http.map((e) => e.event_id)).toEqual(['abc:1', 'abc:2', 'abc:3', 'abc:4'])
  })

  it('keeps ids apart when a parser emits several records with one line number', () => {
    const twice: RecordParser = {
      format: 'test',
      feed(l, n, emit) {
        const inner = createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: 'f' })
        inner.feed(l, n, emit)
        inner.feed(l, n, emit)
      },
      finish() {},
    }
    const p = pipeline({ parser: twice, batchSize: 10 })
    p.feed(line(1), 1)
    const [r] = p.finish(1)
    expect(r!.batch.http.map((e) => e.event_id)).toEqual(['abc:1', 'abc:1.1'])
  })

  it('enriches every event and hands it to the detectors, whose detections ride with the batch', () => {
    const seen: string[] = []
    const det: Detection[] = []
    const p = pipeline({
      batchSize: 2,
      enricher: {
        enrichHttp: (e: HttpEvent) => {
          e.source_as_number = 64500
        },
        enrichApp: (e: AppEvent) => {
          e.source_as_number = 64501
        },
      },
      detectors: {
        onHttp: (e) => {
          seen.push(`${e.event_id}/${e.source_as_number}`)
          if (seen.length === 2) det.push({ id: 'd1' } as Detection)
        },
        onApp: () => {},
        drain: () => det.splice(0),
      },
    })
    p.feed(line(1), 1)
    p.feed(line(2), 2)
    p.feed(line(3), 3)
    const [first] = drain(p)
    const [last] = p.finish(3)
    expect(seen).toEqual(['abc:1/64500', 'abc:2/64500', 'abc:3/64500'])
    expect(first!.batch.detections?.map((d) => d.id)).toEqual(['d1'])
    expect(last!.batch.detections).toBeUndefined()
  })
})
