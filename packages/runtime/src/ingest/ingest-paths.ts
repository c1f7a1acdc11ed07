/**
 * The ingest runner: the Node side of `vigil ingest` (and later the server's ingest
 * endpoint). It owns inputs, source identity, checkpoints, progress and the quarantine
 * file; the core pipeline does parse → normalize → enrich → detect and the Store commits
 * each batch with its checkpoint in one transaction.
 * @module
 */
import type { SourceCheckpoint, Store } from '@vigil/core'
import { VigilError } from '@vigil/core/errors'
import { DEFAULT_INGEST_BATCH_SIZE, DEFAULT_PARSER_OPTIONS, IngestPipeline, createParser, detectFormat } from '@vigil/core/ingest'
import type { EventEnricher, IngestDetectionHooks, ReadyBatch, UnnamedFieldsReport } from '@vigil/core/ingest'
import { expandPaths } from '../sources/expand-paths.ts'
import { eventIdPrefix, matchSource } from '../sources/fingerprint.ts'
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '../sources/line-splitter.ts'
import { openSource } from '../sources/open-source.ts'
import type { OpenedSource } from '../sources/open-source.ts'
import { appendQuarantineFile } from './quarantine-file.ts'

/** The CLI's exit codes for a --format that names no parser, and for a store that fails. */
const USAGE_EXIT = 2
const STORE_EXIT = 4
/**
 * Results per batch handed to the store: about 1–2 MB of events, which V8 collects young
 * (50,000-event batches lived long enough to reach the old generation, where garbage waits
 * for a full collection: the heap swung by hundreds of MB). The store groups them into
 * transactions of up to about `batchSize`.
 */
const HAND_OVER_RESULTS = 2_048
/** Lines of the prefix handed to format detection. */
const SAMPLE_LINES = 50

export interface IngestOptions {
  /** `auto` (default), a format name, or `nginx:<log_format>`. */
  format?: string
  /** Results per transaction, about (default 122,880): batches waiting for DuckDB are committed together. */
  batchSize?: number
  sessionCookies?: readonly string[]
  maxMessageBytes?: number
  maxLineBytes?: number
  enricher?: EventEnricher
  /** Stream detectors; `finish()` is called once after the last input, then drained. */
  detectors?: IngestDetectionHooks & { finish?(): void }
  /** Where rejected lines are appended as NDJSON; none when omitted. */
  quarantineFile?: string
}

export interface FileProgress {
  path: string
  format: string
  bytesRead: number
  bytesTotal: number | null
  lines: number
}

export interface FileSummary {
  path: string
  format: string | null
  read: number
  stored: number
  quarantined: number
  duplicates: number
  skipped: number
  /**
   * Set when lines carried fields the format does not name (stored only as `labels.field_N`):
   * what they look like and a `--format` that names them.
   */
  unnamedFields?: UnnamedFieldsReport
  /** Set when the file could not be read or recognised; what was committed before stays. */
  error?: { code: string; message: string }
}

export interface IngestSummary {
  read: number
  stored: number
  quarantined: number
  duplicates: number
  seconds: number
  skipped: number
  detections: number
  files: FileSummary[]
  /** Files that could not be read or recognised. */
  failed: number
}

export interface IngestCallbacks {
  onFileStart?(p: FileProgress): void
  onProgress?(p: FileProgress): void
  onFileEnd?(s: FileSummary): void
}

function displayPath(path: string): string {
  return path === '-' ? 'stdin' : path
}

/** Complete lines of the prefix (all of it at end of input), for detectFormat. */
function sampleLines(prefix: Buffer, complete: boolean): string[] {
  const end = complete ? prefix.length : prefix.lastIndexOf(10)
  if (end <= 0) return []
  return prefix
    .toString('utf8', 0, end)
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .slice(0, SAMPLE_LINES)
}

function fileError(code: VigilError['code'], message: string): { code: string; message: string } {
  return { code, message }
}

/**
 * @example
 *   const summary = await ingestPaths(store, ['logs/'], { enricher }, { onProgress: bar.update })
 */
export async function ingestPaths(
  store: Store,
  paths: readonly string[],
  options: IngestOptions = {},
  callbacks: IngestCallbacks = {},
): Promise<IngestSummary> {
  const started = performance.now()
  const format = options.format ?? 'auto'
  if (format !== 'auto') {
    // Fails fast, before any input is touched, as a usage error.
    try {
      createParser(format, { ...DEFAULT_PARSER_OPTIONS, file: '' })
    } catch (e) {
      if (e instanceof VigilError) throw new VigilError(e.code, e.message, { cause: e, exitCode: USAGE_EXIT })
      throw e
    }
  }
  const files: FileSummary[] = []
  for (const entry of await expandPaths(paths)) {
    if (entry.kind === 'error') {
      const s = emptySummary(entry.path, null)
      s.error = fileError('VIGIL_ERR_INGEST_SOURCE_UNREADABLE', `cannot read ${entry.path}: ${entry.message}`)
      files.push(s)
      callbacks.onFileEnd?.(s)
      continue
    }
    const s = await ingestOne(store, entry.path, format, options, callbacks)
    files.push(s)
    callbacks.onFileEnd?.(s)
  }
  let detections = 0
  if (options.detectors) {
    options.detectors.finish?.()
    const last = options.detectors.drain()
    detections += last.length
    await store.upsertDetections(last)
  }
  const sum = (k: 'read' | 'stored' | 'quarantined' | 'duplicates' | 'skipped') => files.reduce((n, f) => n + f[k], 0)
  return {
    read: sum('read'),
    stored: sum('stored'),
    quarantined: sum('quarantined'),
    duplicates: sum('duplicates'),
    seconds: Math.round(performance.now() - started) / 1000,
    skipped: sum('skipped'),
    detections,
    files,
    failed: files.filter((f) => f.error).length,
  }
}

function emptySummary(path: string, format: string | null): FileSummary {
  return { path: displayPath(path), format, read: 0, stored: 0, quarantined: 0, duplicates: 0, skipped: 0 }
}

async function ingestOne(
  store: Store,
  path: string,
  forced: string,
  options: IngestOptions,
  callbacks: IngestCallbacks,
): Promise<FileSummary> {
  const name = displayPath(path)
  const summary = emptySummary(path, null)
  let source: OpenedSource
  try {
    source = await openSource(path)
  } catch (e) {
    summary.error = fileError('VIGIL_ERR_INGEST_SOURCE_UNREADABLE', `cannot read ${name}: ${(e as Error).message}`)
    return summary
  }
  try {
    const prefixIsAll = source.prefix.length < 64 * 1024
    const format = forced === 'auto' ? detectFormat(sampleLines(source.prefix, prefixIsAll), name) : forced
    if (format === null) {
      summary.error = fileError(
        'VIGIL_ERR_INGEST_FORMAT_UNKNOWN',
        `${name}: no parser recognises this content; name the format with --format (e.g. --format combined or --format 'nginx:<log_format>')`,
      )
      return summary
    }
    summary.format = format
    if (source.prefix.length === 0) return summary
    const match = matchSource(format, source.prefix, await store.listCheckpoints())
    await runSource(store, source, name, format, match, options, callbacks, summary)
  } catch (e) {
    if (e instanceof VigilError && e.code !== 'VIGIL_ERR_INGEST_SOURCE_UNREADABLE') throw e
    summary.error = fileError('VIGIL_ERR_INGEST_SOURCE_UNREADABLE', `${name}: reading stopped: ${(e as Error).message}`)
  } finally {
    source.close()
  }
  return summary
}

async function runSource(
  store: Store,
  source: OpenedSource,
  name: string,
  format: string,
  match: ReturnType<typeof matchSource>,
  options: IngestOptions,
  callbacks: IngestCallbacks,
  summary: FileSummary,
): Promise<void> {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_PARSER_OPTIONS.maxMessageBytes
  const batchSize = options.batchSize ?? DEFAULT_INGEST_BATCH_SIZE
  const parser = createParser(format, {
    file: name,
    sessionCookies: options.sessionCookies ?? DEFAULT_PARSER_OPTIONS.sessionCookies,
    maxMessageBytes,
  })
  const pipeline = new IngestPipeline({
    parser,
    file: name,
    eventIdPrefix: eventIdPrefix(match.key),
    batchSize: Math.min(batchSize, HAND_OVER_RESULTS),
    maxMessageBytes,
    ...(options.enricher ? { enricher: options.enricher } : {}),
    ...(options.detectors ? { detectors: options.detectors } : {}),
  })
  const done = match.checkpoint?.lines_done ?? 0
  const splitter = new LineSplitter(
    {
      line(text, lineNo) {
        if (lineNo <= done) summary.duplicates++
        else pipeline.feed(text, lineNo)
      },
      tooLong(lineNo, bytes, head) {
        if (lineNo <= done) summary.duplicates++
        else pipeline.quarantineLine(lineNo, `line is ${bytes} bytes, longer than the ${options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES}-byte limit`, head)
      },
    },
    options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
  )
  const progress = (): FileProgress => ({
    path: name,
    format,
    bytesRead: source.bytesRead(),
    bytesTotal: source.bytesTotal,
    lines: splitter.lines,
  })
  let queuedLines = done
  // What the store acknowledged: a file that fails part-way reports only that.
  const committed = { stored: 0, quarantined: 0 }
  const settle = async (commit: Promise<void>, stored: number, quarantine: ReadyBatch['batch']['quarantine']): Promise<void> => {
    try {
      await commit
    } catch (e) {
      if (e instanceof VigilError) throw e
      throw new VigilError('VIGIL_ERR_STORE_QUERY', `Storing a batch of ${name} failed: ${(e as Error).message}`, {
        cause: e,
        exitCode: STORE_EXIT,
      })
    }
    committed.stored += stored
    committed.quarantined += quarantine.length
    if (options.quarantineFile) await appendQuarantineFile(options.quarantineFile, quarantine)
  }
  // The store writes a batch's events to a file as soon as it is handed over, and commits
  // what waits as one transaction on DuckDB's threads while the next events are parsed.
  // Nothing here keeps a batch's events once handed over (only its counts and quarantined
  // lines), and batches are cut small (HAND_OVER_RESULTS), so they die young in V8's heap;
  // up to two transactions' worth (`batchSize` each) wait on disk before parsing waits.
  const queue: { commit: Promise<void>; results: number }[] = []
  let queued = 0
  const handOver = (r: ReadyBatch): void => {
    const results = r.batch.http.length + r.batch.app.length + r.batch.quarantine.length
    if (results === 0 && !r.batch.detections?.length && r.linesDone <= queuedLines) return
    queuedLines = r.linesDone
    const checkpoint: SourceCheckpoint = {
      source_key: match.key,
      path: name,
      format,
      lines_done: r.linesDone,
      prefix_bytes: match.prefixBytes,
      updated_at: Date.now(),
    }
    const commit = settle(store.commitBatch(r.batch, checkpoint), r.batch.http.length + r.batch.app.length, r.batch.quarantine)
    // Observed when awaited; until then a failure must not count as unhandled.
    commit.catch(() => undefined)
    queue.push({ commit, results })
    queued += results
  }
  /** A function of its own so no suspended frame keeps a handed-over batch alive. */
  const handOverAll = (ready: () => readonly ReadyBatch[]): void => {
    for (const r of ready()) handOver(r)
  }
  const takeAll = (): ReadyBatch[] => {
    const all: ReadyBatch[] = []
    for (let r = pipeline.takeReady(); r !== null; r = pipeline.takeReady()) all.push(r)
    return all
  }
  /** Waits, oldest first (so the first failure is the one thrown), until at most `results` wait. */
  const drainTo = async (results: number): Promise<void> => {
    // The store may hold the newest batches back for a larger transaction; waited on, they must go.
    if (queue.length > 0 && queued > results) store.flush()
    while (queue.length > 0 && queued > results) {
      const oldest = queue.shift()!
      queued -= oldest.results
      await oldest.commit
    }
  }
  callbacks.onFileStart?.(progress())
  try {
    for await (const chunk of source.chunks) {
      splitter.push(chunk)
      handOverAll(takeAll)
      await drainTo(2 * batchSize)
      callbacks.onProgress?.(progress())
    }
    splitter.end()
    // A parser that saw no new line has nothing to flush (and a HAR parser would call it empty).
    handOverAll(() => (pipeline.counts.read > 0 ? pipeline.finish(splitter.lines) : []))
    await drainTo(-1)
    callbacks.onProgress?.(progress())
  } finally {
    // Never leave a commit running unobserved, even when reading failed; the first failure is the one reported.
    store.flush()
    await Promise.allSettled(queue.map((q) => q.commit))
    summary.read = splitter.lines
    summary.stored = committed.stored
    summary.quarantined = committed.quarantined
    summary.skipped = pipeline.counts.skipped
    const unnamed = parser.unnamedFields?.() ?? null
    if (unnamed !== null) summary.unnamedFields = unnamed
  }
}
