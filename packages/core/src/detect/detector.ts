/**
 * The streaming detector contract. A detector is a pure object over an ordered stream of
 * normalized events with bounded, windowed state; the same code runs at ingest, in
 * `vigil detect` over the store and inline in the guard. It reports detections through
 * the sink, which merges reports with the same id (one detection per detector, entity
 * and threat, updated as evidence grows).
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { HttpFacts } from './signals/http-facts.ts'
import type { RequestKind } from './signals/request-kind.ts'

export interface DetectionSink {
  /** Report or update a detection; a later report with the same id replaces the earlier one. */
  report(detection: Detection): void
}

/**
 * The HTTP events a detector's `onHttp` reads, by the engine's one classification of each event
 * (`HttpFacts`): the engine calls it for those only. A detector declares only what its `onHttp`
 * returns on at once, before changing anything, so leaving the call out changes no detection.
 */
export interface HttpReads {
  /** The request kinds read (`HttpFacts.kind`); absent, every kind. */
  readonly kinds?: readonly RequestKind[]
  /** Only events that name their session (a cookie or a device id: `HttpFacts.named` not null). */
  readonly named?: boolean
}

export interface StreamDetector {
  /** Stable dotted id, e.g. `bot.scraping`; also `Detection.detector`. */
  readonly id: string
  /** The `Detection.detector` names it writes, when they are not just `id` (a re-run clears these). */
  readonly reports?: readonly string[]
  /**
   * One HTTP event. `facts` are derived once per event by the engine and shared by every
   * detector; a detector called directly without them derives its own (`httpFacts`). They
   * hold for this call only (the engine refills the object for the next event): a detector
   * may keep the entities in them, not the object.
   */
  onHttp?(event: HttpEvent, sink: DetectionSink, facts?: HttpFacts): void
  /** Which HTTP events the engine hands `onHttp`; absent, every one (a detector called directly sees what it is given). */
  readonly httpReads?: HttpReads
  onApp?(event: AppEvent, sink: DetectionSink): void
  /**
   * The stream's clock (event time, epoch ms) has reached `nowMs`: evaluate windows that
   * closed and evict expired state. Called by the engine at least once per simulated second
   * of event time that passes, and before `finish`.
   */
  tick?(nowMs: number, sink: DetectionSink): void
  /** End of the stream: report what is still pending. */
  finish?(sink: DetectionSink): void
}
