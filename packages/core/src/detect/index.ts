/**
 * The detection engine's public surface: the engine, the registry, the ingest hook, the
 * `detect` config section and the record helpers detectors use.
 * @module
 */
export type { DetectionSink, StreamDetector } from './detector.ts'
export { createDetectionEngine } from './engine.ts'
export type { DetectionEngine, DetectionEngineOptions } from './engine.ts'
export { BOT_DETECTORS, buildDetectors, DETECTOR_FACTORIES } from './registry.ts'
export type { DetectorFactory } from './registry.ts'
export { createDetectionHook } from './ingest-hook.ts'
export { createWafDetector, WAF_DETECTOR_ID } from './web-attacks.ts'
export type { DetectionHook } from './ingest-hook.ts'
export { detectConfigSchema, defaultDetectConfig } from './config.ts'
export type { DetectConfig } from './config.ts'
export { buildDetection, detectionId, mergeDetection } from './detection-record.ts'
export type { DetectionDraft } from './detection-record.ts'
export { BoundedMap } from './state/bounded-map.ts'
export type { BoundedMapOptions } from './state/bounded-map.ts'
export { entityFromKey, entityKey, httpFacts } from './signals/http-facts.ts'
export type { HttpFacts, KeyedEntity } from './signals/http-facts.ts'
