/**
 * The storage port. The core composes parse → normalize → enrich → detect and hands
 * batches here; DuckDB (embedded) and ClickHouse implement it. Detectors never need
 * the store to decide, so the guard runs without one.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { QuarantineRecord } from '../events/quarantine.ts'

/**
 * How far a source has been ingested. The key identifies the content (a fingerprint of
 * its first bytes), not the path, so a renamed or rotated file is recognised.
 */
export interface SourceCheckpoint {
  source_key: string
  /** Path as last seen, for people. */
  path: string
  format: string
  /** Lines (or records) consumed and committed, counting quarantined and skipped ones. */
  lines_done: number
  /**
   * Length of the content prefix the key was computed from (64 KiB, or the whole content
   * when it was shorter), so a file that has grown since is still recognised.
   */
  prefix_bytes?: number
  updated_at: number
}

export interface IngestBatch {
  http: HttpEvent[]
  app: AppEvent[]
  quarantine: QuarantineRecord[]
  /** Detections the stream detectors reported while this batch was built (upserted by id). */
  detections?: Detection[]
}

export interface EventScanOptions {
  /** Inclusive lower bound, epoch ms. */
  from?: number
  /** Exclusive upper bound, epoch ms. */
  to?: number
  batchSize?: number
  /**
   * Fields the caller never reads: they come back null (or not: a store may ignore this),
   * and a store need not read them. Omitting a wide text nobody looks at saves its transfer.
   */
  omit?: readonly string[]
}

export interface Store {
  /** Create or upgrade the schema; safe to call on every open. */
  migrate(): Promise<void>
  getCheckpoint(sourceKey: string): Promise<SourceCheckpoint | null>
  /** Every checkpoint, for matching a grown source by its recorded prefix length. */
  listCheckpoints(): Promise<SourceCheckpoint[]>
  /**
   * Append a batch and advance the source's checkpoint in one transaction, so a crash
   * between batches loses nothing acknowledged and stores nothing twice on resume.
   */
  commitBatch(batch: IngestBatch, checkpoint: SourceCheckpoint): Promise<void>
  /**
   * Start committing batches a store holds back to gather larger transactions; their
   * `commitBatch` promises settle once that is done. Call before awaiting the last ones.
   */
  flush(): void
  /** Ordered by ts, then event_id. */
  scanHttpEvents(options?: EventScanOptions): AsyncIterable<HttpEvent[]>
  scanAppEvents(options?: EventScanOptions): AsyncIterable<AppEvent[]>
  /** Insert or replace by detection id. */
  upsertDetections(detections: Detection[]): Promise<void>
  /** Remove detections of the named detectors (all when omitted), before a full re-run. */
  clearDetections(detectors?: string[]): Promise<void>
  listDetections(filter?: DetectionFilter): Promise<Detection[]>
  /** Read-only SQL; rejects statements that write, attach or read files. */
  query(sql: string): Promise<Record<string, unknown>[]>
  close(): Promise<void>
}

export interface DetectionFilter {
  entityType?: string
  threat?: string
  minScore?: number
  limit?: number
}
