/**
 * `vigil detect`: re-runs the detectors over everything in the store. The store's HTTP
 * and application events are merged into one stream in event-time order (the same order
 * ingest would have seen), the engine's detections replace those of the detectors that
 * ran, and a second run writes the same rows (ids are deterministic, the scan is ordered).
 * The scan goes slice by slice of event time, so the store never sorts the whole table at
 * once (DuckDB ran out of its memory limit sorting a few hundred thousand rows in one go).
 * @module
 */
import { buildDetectors, createDetectionEngine, createWafDetector, defaultDetectConfig, WAF_DETECTOR_ID } from '@vigil/core'
import type { AppEvent, DetectConfig, DetectionEngine, HttpEvent, Store, StreamDetector } from '@vigil/core'
import { createWafEngine, type WafResolvedConfig } from '@vigil/core/waf'

// Events the scan hands over at a time. A batch is alive until the detectors are through it;
// at 20,000 (~30 MB) batches outlived V8's young generation, so every event was copied into
// the old one and collected there: 2,048 and below cost half the scan's CPU per event.
const SCAN_BATCH = 1_024
// Bounded, since a long store can hold very many detections. Each call is a transaction with
// fixed costs: 2,751 detections took 0.36-0.58 CPU-s in batches of 200, 0.17-0.23 in batches of
// 1,000 (2,765 in one call fit in a 64 MB DuckDB limit).
const UPSERT_BATCH = 2_000
/** Events per time slice: each slice is one ordered scan, so the store sorts a slice, not the table. */
const EVENTS_PER_SLICE = 100_000

/**
 * Fields no built-in detector reads (no detector or WAF source names them), so the scan
 * leaves them in the store: the raw line alone was a fifth of every row read. A test
 * records every field the detectors read over simulated traffic and checks it is not here.
 */
export const UNREAD_HTTP_FIELDS = [
  'source_port', 'source_peer_ip', 'http_response_bytes', 'http_request_bytes', 'event_duration',
  'upstream_duration', 'tls_client_ja3', 'http_response_body', 'user_agent_name', 'user_agent_version',
  'user_agent_os_name', 'user_agent_device_type', 'log_format', 'log_file', 'log_line', 'message',
] as const satisfies readonly (keyof HttpEvent)[]
export const UNREAD_APP_FIELDS = [
  'auth_method', 'log_format', 'log_file', 'log_line', 'message',
] as const satisfies readonly (keyof AppEvent)[]
/** Fields only the WAF reads: without it the scan leaves them out too. */
export const WAF_ONLY_HTTP_FIELDS = [
  'event_id', 'http_x_forwarded_for', 'http_request_content_type', 'http_request_body', 'http_request_headers',
] as const satisfies readonly (keyof HttpEvent)[]

export interface DetectRunSummary {
  detections: number
  seconds: number
  events: number
}

export interface DetectRunOptions {
  /** Detectors to run instead of the registry's (tests, a subset). */
  detectors?: StreamDetector[]
  /** Events per ordered scan (default 100,000). */
  eventsPerSlice?: number
  /**
   * The `waf` config section: when given, the WAF inspects every request as one more
   * detector (unless `waf` is in `detect.disabled`).
   */
  waf?: WafResolvedConfig
}

function detectorsFor(config: DetectConfig, waf: WafResolvedConfig | undefined): StreamDetector[] {
  const detectors = buildDetectors(config)
  if (waf !== undefined && !config.disabled.includes(WAF_DETECTOR_ID)) {
    detectors.push(createWafDetector(createWafEngine({ level: waf.level, threshold: waf.threshold, limits: waf.limits })))
  }
  return detectors
}

/** Pulls one batched, ordered stream one event at a time. */
class Cursor<T extends { ts: number }> {
  readonly #it: AsyncIterator<T[]>
  #batch: T[] = []
  #i = 0
  done = false

  constructor(source: AsyncIterable<T[]>) {
    this.#it = source[Symbol.asyncIterator]()
  }

  /** Makes `head` available unless the stream is exhausted. */
  async fill(): Promise<void> {
    while (!this.done && this.#i >= this.#batch.length) {
      const next = await this.#it.next()
      if (next.done === true) this.done = true
      else {
        this.#batch = next.value
        this.#i = 0
      }
    }
  }

  /** Whether `head` is answered without awaiting (an await per event would dominate the run). */
  get ready(): boolean {
    return this.done || this.#i < this.#batch.length
  }

  get head(): T | undefined {
    return this.#batch[this.#i]
  }

  take(): T {
    return this.#batch[this.#i++] as T
  }
}

/**
 * The stored requests in event-time order, one ordered scan per time slice, for readers of
 * HTTP events alone (`vigil waf scan`): one ordered scan of the whole table ran out of the
 * store's memory limit on a few hundred thousand rows.
 */
export async function* scanHttpInOrder(
  store: Store,
  omit: readonly (keyof HttpEvent)[] = [],
  eventsPerSlice = EVENTS_PER_SLICE,
): AsyncIterable<HttpEvent[]> {
  for (const { from, to } of await timeSlices(store, eventsPerSlice)) {
    yield* store.scanHttpEvents({ from, to, batchSize: SCAN_BATCH, omit })
  }
}

/** Consecutive [from, to) ranges covering every event, each holding about EVENTS_PER_SLICE of them. */
async function timeSlices(store: Store, eventsPerSlice: number): Promise<{ from: number; to: number }[]> {
  const [row] = await store.query(
    'select min(lo) as lo, max(hi) as hi, sum(n) as n from (' +
      'select min(ts) as lo, max(ts) as hi, count(*) as n from http_events union all ' +
      'select min(ts) as lo, max(ts) as hi, count(*) as n from app_events)',
  )
  const lo = toMs(row?.['lo'])
  const hi = toMs(row?.['hi'])
  const n = Number(row?.['n'] ?? 0)
  if (lo === null || hi === null || !(n > 0)) return []
  const slices = Math.max(1, Math.ceil(n / eventsPerSlice))
  const step = Math.max(1, Math.ceil((hi + 1 - lo) / slices))
  const out: { from: number; to: number }[] = []
  for (let from = lo; from <= hi; from += step) out.push({ from, to: Math.min(from + step, hi + 1) })
  return out
}

function toMs(v: unknown): number | null {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string') {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  if (v instanceof Date) return v.getTime()
  return null
}

/** Pushes one slice's two ordered streams into the engine in ts order; returns the events pushed. */
async function mergeInto(engine: DetectionEngine, http: Cursor<HttpEvent>, app: Cursor<AppEvent>): Promise<number> {
  let n = 0
  for (;;) {
    if (!http.ready) await http.fill()
    if (!app.ready) await app.fill()
    const h = http.head
    const a = app.head
    if (h === undefined && a === undefined) return n
    // On equal timestamps the request goes first: an app event is the result of its request.
    if (h !== undefined && (a === undefined || h.ts <= a.ts)) engine.pushHttp(http.take())
    else engine.pushApp(app.take())
    n++
  }
}

export async function runDetectors(
  store: Store,
  config: DetectConfig = defaultDetectConfig(),
  options: DetectRunOptions = {},
): Promise<DetectRunSummary> {
  const started = performance.now()
  const detectors = options.detectors ?? detectorsFor(config, options.waf)
  const engine = createDetectionEngine(detectors)
  // Detectors of the caller's may read anything; the built-in ones are known.
  const builtIn = options.detectors === undefined
  const omitHttp = !builtIn ? [] : detectors.some((d) => d.id === WAF_DETECTOR_ID) ? UNREAD_HTTP_FIELDS : [...UNREAD_HTTP_FIELDS, ...WAF_ONLY_HTTP_FIELDS]
  const omitApp = builtIn ? UNREAD_APP_FIELDS : []
  let events = 0
  for (const { from, to } of await timeSlices(store, options.eventsPerSlice ?? EVENTS_PER_SLICE)) {
    const http = new Cursor<HttpEvent>(store.scanHttpEvents({ from, to, batchSize: SCAN_BATCH, omit: omitHttp }))
    const app = new Cursor<AppEvent>(store.scanAppEvents({ from, to, batchSize: SCAN_BATCH, omit: omitApp }))
    events += await mergeInto(engine, http, app)
  }
  engine.finish()
  const detections = engine.detections()
  await store.clearDetections(detectors.flatMap((d) => d.reports ?? [d.id]))
  for (let i = 0; i < detections.length; i += UPSERT_BATCH) {
    await store.upsertDetections(detections.slice(i, i + UPSERT_BATCH))
  }
  return { detections: detections.length, events, seconds: (performance.now() - started) / 1000 }
}
