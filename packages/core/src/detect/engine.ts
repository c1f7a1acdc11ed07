/**
 * The streaming detection engine: feeds events in event-time order to the detectors that read them,
 * advances the detectors' clock (ticks) as event time passes, and merges their reports
 * into one detection per id. The same engine runs at ingest, in `vigil detect` and
 * inline in the guard.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import { mergeDetection } from './detection-record.ts'
import type { DetectionSink, HttpReads, StreamDetector } from './detector.ts'
import { createHttpFactsDeriver, type HttpFacts } from './signals/http-facts.ts'
import type { RequestKind } from './signals/request-kind.ts'
import { BoundedMap } from './state/bounded-map.ts'

export interface DetectionEngineOptions {
  /** Event-time period of detector ticks (ms). */
  tickMs?: number
  /** Cap on detections held for merging; the least recently updated are forgotten beyond it. */
  maxDetections?: number
}

export interface DetectionEngine {
  pushHttp(event: HttpEvent): void
  pushApp(event: AppEvent): void
  /** End of stream: a last tick, then every detector's `finish`. Further pushes are ignored. */
  finish(): void
  /** Every detection held, ordered by first_seen then id. */
  detections(): Detection[]
  /** Detections created or updated since the last drain. */
  drain(): Detection[]
  /** Event time of the latest event (epoch ms), or NaN before the first. */
  readonly now: number
}

export function createDetectionEngine(
  detectors: readonly StreamDetector[],
  options: DetectionEngineOptions = {},
): DetectionEngine {
  const tickMs = options.tickMs ?? 1000
  const held = new BoundedMap<string, Detection>({ maxEntries: options.maxDetections ?? 200_000 })
  const changed = new Map<string, Detection>()
  let now = Number.NaN
  let nextTick = Number.NaN
  let finished = false

  const sink: DetectionSink = {
    report(d) {
      const prev = held.peek(d.id)
      // A detector may report from a tick or at finish with an older last_seen; what
      // streaming time-to-detect measures is the stream's clock when it was raised.
      // Once held, its detected_at is the stream's clock when first raised; a later report
      // carrying its evidence time must not roll that back.
      const merged = prev === undefined ? raisedNow(d) : { ...mergeDetection(prev, d), detected_at: prev.detected_at }
      // Recency only orders what the cap forgets (the table has no idle limit): the stream's
      // clock serves, with no ISO date parsed per report.
      held.set(d.id, merged, now)
      changed.set(d.id, merged)
    },
  }

  function raisedNow(d: Detection): Detection {
    if (Number.isNaN(now)) return d
    const at = new Date(now).toISOString()
    return at > d.detected_at ? { ...d, detected_at: at } : d
  }

  const readers = httpReaders(detectors)
  const withApp = detectors.filter((d) => d.onApp !== undefined)
  const withTick = detectors.filter((d) => d.tick !== undefined)
  const httpFacts = createHttpFactsDeriver()

  // One tick per elapsed period; after an idle gap a single tick covers it, since no event
  // happened in between that a per-second tick could have acted on.
  function advance(ts: number): void {
    if (!Number.isFinite(ts)) return
    if (Number.isNaN(now)) {
      now = ts
      nextTick = Math.floor(ts / tickMs) * tickMs + tickMs
      return
    }
    if (ts <= now) return
    now = ts
    if (ts < nextTick) return
    const tickAt = Math.floor(ts / tickMs) * tickMs
    nextTick = tickAt + tickMs
    for (const d of withTick) d.tick?.(tickAt, sink)
  }

  return {
    pushHttp(event) {
      if (finished) return
      advance(event.ts)
      const facts = httpFacts(event)
      for (const d of readers[classOf(facts)] as StreamDetector[]) d.onHttp?.(event, sink, facts)
    },
    pushApp(event) {
      if (finished) return
      advance(event.ts)
      for (const d of withApp) d.onApp?.(event, sink)
    },
    finish() {
      if (finished) return
      finished = true
      if (!Number.isNaN(now)) for (const d of withTick) d.tick?.(now, sink)
      for (const d of detectors) d.finish?.(sink)
    },
    detections() {
      return [...held.entries()].map(([, d]) => d).sort(byFirstSeenThenId)
    },
    drain() {
      const out = [...changed.values()]
      changed.clear()
      return out.sort(byFirstSeenThenId)
    },
    get now() {
      return now
    },
  }
}

// An HTTP event's class for dispatch: its kind, and whether it names its session.
const KIND_INDEX: Readonly<Record<RequestKind, number>> = { page: 0, static: 1, api: 2, robots: 3, sitemap: 4 }
const KINDS = Object.keys(KIND_INDEX) as RequestKind[]

function classOf(f: HttpFacts): number {
  return KIND_INDEX[f.kind] * 2 + (f.named === null ? 0 : 1)
}

function reads(r: HttpReads | undefined, kind: RequestKind, named: boolean): boolean {
  return r === undefined || ((r.kinds === undefined || r.kinds.includes(kind)) && (r.named !== true || named))
}

/** For each class of event, the detectors with an `onHttp` that read it, in the order given. */
function httpReaders(detectors: readonly StreamDetector[]): StreamDetector[][] {
  const out: StreamDetector[][] = []
  for (const kind of KINDS) {
    for (const named of [false, true]) out[KIND_INDEX[kind] * 2 + (named ? 1 : 0)] = detectors.filter((d) => d.onHttp !== undefined && reads(d.httpReads, kind, named))
  }
  return out
}

function byFirstSeenThenId(a: Detection, b: Detection): number {
  if (a.first_seen !== b.first_seen) return a.first_seen < b.first_seen ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
