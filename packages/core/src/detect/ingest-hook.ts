/**
 * Ingest-time detection: the object the ingest pipeline calls for every event it stores,
 * draining the detections that changed after each batch so they are stored with it.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { DetectConfig } from './config.ts'
import { createDetectionEngine, type DetectionEngine } from './engine.ts'
import { buildDetectors } from './registry.ts'

export interface DetectionHook {
  onHttp(event: HttpEvent): void
  onApp(event: AppEvent): void
  /** Detections created or updated since the last drain. */
  drain(): Detection[]
  /** End of input: flushes pending windows; call `drain` after it. */
  finish(): void
}

export function createDetectionHook(config?: DetectConfig, engine: DetectionEngine = createDetectionEngine(buildDetectors(config))): DetectionHook {
  return {
    onHttp: (e) => engine.pushHttp(e),
    onApp: (e) => engine.pushApp(e),
    drain: () => engine.drain(),
    finish: () => engine.finish(),
  }
}
