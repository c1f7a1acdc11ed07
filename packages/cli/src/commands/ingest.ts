/**
 * `vigil ingest PATH… [--format F] [--db P] [--json] [--config FILE]`: parse, enrich,
 * store (DESIGN.md §5). Re-running is safe: checkpoints skip what is already stored.
 * @module
 */
import { setFlagsFromString } from 'node:v8'
import type { Command } from 'commander'
import { FORMAT_NAMES, formatCookiesNotSession } from '@vigil/core/ingest'
import { EXIT } from '../exit-codes.ts'
import { printJson } from '../output/json.ts'
import { printIngestSummary, sessionCookieWarning } from '../output/ingest-summary.ts'
import { createProgressBar } from '../output/progress.ts'

/**
 * DuckDB's buffer pool for an ingest: appends need little of it (what is committed but not
 * yet checkpointed spills beyond it); 64MB instead of 128MB took ~100 MB off the peak RSS of
 * a 1M-line ingest, toward the 500 MB goal (docs/ingest.md).
 */
const INGEST_MEMORY_LIMIT = '64MB'

/**
 * V8's garbage collector, tuned for an ingest (docs/ingest.md). Much of what a line
 * allocates outlives a young collection (a batch's events wait for 2,048 lines), so V8
 * promoted it, or created it straight in the old generation once it judged the allocation
 * site long-lived (pretenuring); there it waits as garbage for a full collection, and old
 * space grew to up to four times the ~35 MB live set between full collections. Without
 * pretenuring and with growth of half the live set, V8's heap peaks at ~90 MB instead of
 * ~160 MB on a 1M-line ingest. Not a limit: a HAR document parsed whole still gets all
 * the heap it needs. Set at run time, so no re-executed child process.
 */
const INGEST_V8_FLAGS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=50']

/**
 * DuckDB's jemalloc, read when its library loads: one arena. Queries run on whichever of
 * libuv's four pool threads takes them, and each thread's arena kept its own freed pages
 * (~60–90 MB more peak RSS on 1M lines). Before, jemalloc's background threads purged
 * them, which cost CPU all through the run (docs/ingest.md). A user's own setting wins.
 */
const INGEST_JEMALLOC_CONF = 'narenas:1'

interface IngestFlags {
  format: string
  db?: string
  json?: boolean
  config?: string
  detect?: boolean
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description('parse, enrich and store access logs and app events (files, directories, .gz, or - for stdin)')
    .argument('<paths...>', 'files, directories (read recursively, hidden files skipped) or - for stdin')
    .option('--format <format>', 'auto, a format name, or nginx:<log_format string>', 'auto')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--json', 'print one JSON summary object instead of text')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .option('--detect', 'also run the stream detectors, storing detections with each batch (input in time order)')
    .addHelpText(
      'after',
      `
Formats: ${FORMAT_NAMES.join(', ')},
or nginx:<log_format>. Gzip input is recognised by content.

Examples:
  vigil ingest /var/log/nginx/
  vigil ingest access.log.1.gz --db shop.duckdb --json
  vigil ingest access.log --detect
  zcat old.log.gz | vigil ingest - --format combined
  vigil ingest app.log --format 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $cookie_sid'

A log read as combined whose lines carry more fields than it names (a log_format with
variables appended) is reported with each field, a sample and a suggested --format.
Lines that cannot be parsed go to the quarantine table and to quarantine.ndjson beside
the store. Re-ingesting stores nothing twice; an interrupted run resumes where it stopped.
Exit code ${EXIT.INPUT_UNREADABLE} when a file could not be read or recognised (the others are still ingested).`,
    )
    .action(async (paths: string[], flags: IngestFlags) => {
      for (const flag of INGEST_V8_FLAGS) setFlagsFromString(flag)
      process.env.DUCKDB_JE_MALLOC_CONF ??= INGEST_JEMALLOC_CONF
      // Only what an ingest uses: the package entries also load the simulator, the detectors
      // and the WAF engine (~30 MB of RSS and a second or two of start-up; docs/ingest.md).
      const { ingestPaths, loadConfig, loadEnrichmentData, quarantineFilePath, resolveDbPath } = await import('@vigil/runtime/ingest')
      const { DuckDbStore } = await import('@vigil/storage-duckdb')
      const { createEnricher } = await import('@vigil/core/enrich')
      const { config } = loadConfig(flags.config)
      const cookieWarning = sessionCookieWarning(formatCookiesNotSession(flags.format, config.ingest.sessionCookies), config.ingest.sessionCookies)
      if (cookieWarning !== null) process.stderr.write(cookieWarning)
      const dbPath = resolveDbPath(flags.db)
      const data = await loadEnrichmentData({ onWarning: (m) => process.stderr.write(`vigil: warning: ${m}\n`) })
      const enricher = createEnricher(data, { trustedProxies: config.ingest.trustedProxies })
      // One DuckDB thread: a second one cost the same or more CPU per row, and Node parses on the other core.
      // Transactions of batchSize rows (DuckDB's row group by default) skip the WAL and leave whole row groups.
      const store = await DuckDbStore.open(dbPath, {
        memoryLimit: INGEST_MEMORY_LIMIT,
        threads: 1,
        commitRows: config.ingest.batchSize,
      })
      // Opt-in: detectors need the input in event-time order, which several files or rotated
      // logs given in any order do not guarantee (`vigil detect` reads the store in order).
      const detect = flags.detect === true ? await import('@vigil/core') : null
      const engine = detect === null ? null : detect.createDetectionEngine(detect.buildDetectors(config.detect))
      const bar = createProgressBar()
      const quarantineFile = quarantineFilePath(dbPath)
      let summary
      try {
        summary = await ingestPaths(
          store,
          paths,
          {
            format: flags.format,
            batchSize: config.ingest.batchSize,
            sessionCookies: config.ingest.sessionCookies,
            maxMessageBytes: config.ingest.maxMessageBytes,
            enricher,
            ...(quarantineFile ? { quarantineFile } : {}),
            ...(detect === null || engine === null ? {} : { detectors: detect.createDetectionHook(config.detect, engine) }),
          },
          {
            onProgress: (p) =>
              bar.update({
                label: p.path,
                done: p.bytesRead,
                total: p.bytesTotal,
                detail: `${p.lines.toLocaleString('en-US')} lines (${p.format})`,
              }),
            onFileEnd: (s) => {
              bar.finish()
              if (s.error) process.stderr.write(`vigil: ${s.error.message} [${s.error.code}]\n`)
            },
          },
        )
      } finally {
        await store.close()
      }
      // Detections are updated as evidence grows, so the count is of distinct ones held, not of writes.
      if (engine !== null) summary.detections = engine.detections().length
      if (flags.json === true) {
        const { read, stored, quarantined, duplicates, seconds, ...rest } = summary
        printJson({ read, stored, quarantined, duplicates, seconds, ...rest })
      } else {
        printIngestSummary(summary, dbPath, quarantineFile)
        if (engine !== null) process.stdout.write(`${summary.detections.toLocaleString('en-US')} detections stored (list them with vigil detections)\n`)
      }
      if (summary.failed > 0) process.exitCode = EXIT.INPUT_UNREADABLE
    })
}
