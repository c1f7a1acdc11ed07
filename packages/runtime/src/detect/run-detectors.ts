/**
 * `vigil detect`: re-runs the detectors over everything in the store. The store's HTTP
 * and application events are merged into one stream in event-time order (the same order
 * ingest would have seen), the engine's detections replace those of the detectors that
 * ran, and a second run writes the same rows (ids are deterministic, the scan is ordered).
 * @module
 */
import { buildDetectors, createDetectionEngine, defaultDetectConfig } from '@vigil/core'
import type { AppEvent, DetectConfig, HttpEvent, Store, StreamDetector } from '@vigil/core'

const SCAN_BATCH = 20_000
const UPSERT_BATCH = 5_000

export interface DetectRunSummary {
  detections: number
  seconds: number
  events: number
}

export interface DetectRunOptions {
  /** Detectors to run instead of the registry's (tests, a subset). */
  detectors?: StreamDetector[]
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

export async function runDetectors(
  store: Store,
  config: DetectConfig = defaultDetectConfig(),
  options: DetectRunOptions = {},
): Promise<DetectRunSummary> {
  const started = performance.now()
  const detectors = options.detectors ?? buildDetectors(config)
  const engine = createDetectionEngine(detectors)
  const http = new Cursor<HttpEvent>(store.scanHttpEvents({ batchSize: SCAN_BATCH }))
  const app = new Cursor<AppEvent>(store.scanAppEvents({ batchSize: SCAN_BATCH }))
  let events = 0
  for (;;) {
    if (!http.ready) await http.fill()
    if (!app.ready) await app.fill()
    const h = http.head
    const a = app.head
    if (h === undefined && a === undefined) break
    // On equal timestamps the request goes first: an app event is the result of its request.
    if (h !== undefined && (a === undefined || h.ts <= a.ts)) engine.pushHttp(http.take())
    else engine.pushApp(app.take())
    events++
  }
  engine.finish()
  const detections = engine.detections()
  await store.clearDetections(detectors.map((d) => d.id))
  for (let i = 0; i < detections.length; i += UPSERT_BATCH) {
    await store.upsertDetections(detections.slice(i, i + UPSERT_BATCH))
  }
  return { detections: detections.length, events, seconds: (performance.now() - started) / 1000 }
}
