/**
 * The ingest pipeline: parse → normalize → enrich → detect, cut into batches that the
 * caller commits to the Store port together with the source's checkpoint. Pure: the
 * caller (runtime's ingest runner, the server) owns files, stdin and the store.
 *
 * A batch is only ever cut right after a line whose results have all been emitted, so
 * its checkpoint (`linesDone`) never claims a line whose events are not in that batch or
 * an earlier one. Line formats emit one result per line and are cut every `batchSize`
 * results; document formats (HAR) emit at the end, so their whole file is one commit.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { Detection } from '../events/detection.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { QuarantineRecord } from '../events/quarantine.ts'
import type { IngestBatch } from '../ports/store.ts'
import type { ParseResult, RecordParser } from './parser.ts'
import { splitUrl } from './url.ts'

/** Enrichment as the pipeline needs it; `createEnricher` from enrich/ satisfies it. */
export interface EventEnricher {
  enrichHttp(e: HttpEvent): void
  enrichApp(e: AppEvent): void
}

/** Stream detectors as the pipeline needs them; `createDetectionHook` from detect/ satisfies it. */
export interface IngestDetectionHooks {
  onHttp(e: HttpEvent): void
  onApp(e: AppEvent): void
  /** Detections created or updated since the last drain. */
  drain(): Detection[]
}

export interface PipelineOptions {
  parser: RecordParser
  /** The source as recorded in quarantine records (parsers record it in `log_file`). */
  file: string
  /** Events get `${eventIdPrefix}:${log_line}`, so a re-ingest yields the same ids. */
  eventIdPrefix: string
  /** Results (events, quarantined and skipped lines) per batch. */
  batchSize: number
  /** Longest raw line kept in a quarantine record. */
  maxMessageBytes: number
  enricher?: EventEnricher
  detectors?: IngestDetectionHooks
  /** Epoch ms for `ts_ingested`; injectable for tests. */
  now?: () => number
}

export interface ReadyBatch {
  batch: IngestBatch
  /** Lines of the source consumed once this batch is committed. */
  linesDone: number
}

export interface PipelineCounts {
  /** Lines handed to the pipeline (fed or quarantined before parsing). */
  read: number
  /** Events stored (http + app). */
  stored: number
  quarantined: number
  /** Blank, comment and header lines: consumed, neither stored nor quarantined. */
  skipped: number
}

function emptyBatch(): IngestBatch {
  return { http: [], app: [], quarantine: [] }
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function bound(s: string, max: number): string {
  if (s.length <= max) return s
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max
  return s.slice(0, end)
}

export class IngestPipeline {
  readonly counts: PipelineCounts = { read: 0, stored: 0, quarantined: 0, skipped: 0 }
  readonly #o: PipelineOptions
  readonly #now: () => number
  readonly #emit: (r: ParseResult) => void
  readonly #ready: ReadyBatch[] = []
  #batch: IngestBatch = emptyBatch()
  #size = 0
  #emitted = 0
  #lastIdLine = -1
  #repeat = 0

  constructor(options: PipelineOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#emit = (r) => this.#accept(r)
  }

  /** One line of the source, without its newline; `lineNo` counts from 1. */
  feed(line: string, lineNo: number): void {
    this.counts.read++
    const before = this.#emitted
    this.#o.parser.feed(line, lineNo, this.#emit)
    if (this.#emitted !== before) this.#cutIfFull(lineNo)
  }

  /** A line rejected before parsing (e.g. longer than the reader's bound). */
  quarantineLine(lineNo: number, reason: string, raw: string): void {
    this.counts.read++
    this.#accept({ kind: 'error', line: lineNo, reason, raw })
    this.#cutIfFull(lineNo)
  }

  /** The next batch cut at a safe point, if any. */
  takeReady(): ReadyBatch | null {
    return this.#ready.shift() ?? null
  }

  /** End of the source: flushes the parser and returns everything left, checkpointed at `totalLines`. */
  finish(totalLines: number): ReadyBatch[] {
    this.#o.parser.finish(this.#emit)
    this.#cut(totalLines)
    return this.#ready.splice(0)
  }

  #cutIfFull(lineNo: number): void {
    if (this.#size >= this.#o.batchSize) this.#cut(lineNo)
  }

  #cut(linesDone: number): void {
    const detections = this.#o.detectors?.drain() ?? []
    if (detections.length > 0) this.#batch.detections = detections
    this.#ready.push({ batch: this.#batch, linesDone })
    this.#batch = emptyBatch()
    this.#size = 0
  }

  #eventId(line: number): string {
    // A parser may emit several records for one line number; keep their ids apart.
    if (line === this.#lastIdLine) return `${this.#o.eventIdPrefix}:${line}.${++this.#repeat}`
    this.#lastIdLine = line
    this.#repeat = 0
    return `${this.#o.eventIdPrefix}:${line}`
  }

  #accept(r: ParseResult): void {
    this.#emitted++
    this.#size++
    switch (r.kind) {
      case 'http': {
        const e = r.event
        e.event_id = this.#eventId(e.log_line)
        if (e.url_original !== null && e.url_path === null) Object.assign(e, splitUrl(e.url_original))
        this.#o.enricher?.enrichHttp(e)
        this.#o.detectors?.onHttp(e)
        this.#batch.http.push(e)
        this.counts.stored++
        return
      }
      case 'app': {
        const e = r.event
        e.event_id = this.#eventId(e.log_line)
        this.#o.enricher?.enrichApp(e)
        this.#o.detectors?.onApp(e)
        this.#batch.app.push(e)
        this.counts.stored++
        return
      }
      case 'skip':
        this.counts.skipped++
        return
      case 'error': {
        const q: QuarantineRecord = {
          ts_ingested: this.#now(),
          log_file: this.#o.file,
          log_line: r.line,
          log_format: this.#o.parser.format,
          reason: r.reason,
          message: bound(r.raw, this.#o.maxMessageBytes),
        }
        this.#batch.quarantine.push(q)
        this.counts.quarantined++
        return
      }
    }
  }
}
