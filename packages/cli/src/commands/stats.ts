/**
 * `vigil stats [--db P] [--json]`: what the store holds — rows per table, time range,
 * top formats and files, quarantine reasons.
 * @module
 */
import type { Command } from 'commander'
import { printJson } from '../output/json.ts'
import { printTable } from '../output/table.ts'


interface StatsFlags {
  db?: string
  json?: boolean
}

const TABLES = ['http_events', 'app_events', 'detections', 'quarantine', 'ingest_sources'] as const
const TOP = 10

export function register(program: Command): void {
  program
    .command('stats')
    .description('summarize the store: rows per table, time range, formats, files, quarantine')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', '\nExamples:\n  vigil stats\n  vigil stats --db shop.duckdb --json')
    .action(async (flags: StatsFlags) => {
      const { openReadOnlyStore } = await import('@vigil/runtime')
      const store = await openReadOnlyStore(flags.db)
      try {
        const counts = (
          await store.query(TABLES.map((t) => `SELECT '${t}' AS table_name, count(*) AS rows FROM ${t}`).join(' UNION ALL '))
        ).sort((a, b) => TABLES.indexOf(a.table_name as never) - TABLES.indexOf(b.table_name as never))
        const range = await store.query(
          `SELECT 'http_events' AS table_name, min(ts) AS first, max(ts) AS last FROM http_events
           UNION ALL SELECT 'app_events', min(ts), max(ts) FROM app_events ORDER BY 1 DESC`,
        )
        const formats = await store.query(
          `SELECT log_format AS format, count(*) AS rows FROM (SELECT log_format FROM http_events UNION ALL SELECT log_format FROM app_events)
           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
        )
        const files = await store.query(
          `SELECT log_file AS file, count(*) AS rows FROM (SELECT log_file FROM http_events UNION ALL SELECT log_file FROM app_events)
           GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
        )
        const quarantine = await store.query(
          `SELECT split_part(reason, ':', 1) AS reason, count(*) AS rows FROM quarantine GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
        )
        const stats = {
          tables: Object.fromEntries(counts.map((r) => [r.table_name, r.rows])),
          time_range: Object.fromEntries(range.map((r) => [r.table_name, { first: r.first, last: r.last }])),
          formats,
          files,
          quarantine: { rows: counts.find((r) => r.table_name === 'quarantine')?.rows ?? 0, reasons: quarantine },
        }
        if (flags.json === true) {
          printJson(stats)
          return
        }
        printTable(['table', 'rows'], counts.map((r) => [r.table_name, r.rows]))
        printTable(['events', 'first', 'last'], range.map((r) => [r.table_name, r.first, r.last]))
        if (formats.length) printTable(['format', 'rows'], formats.map((r) => [r.format, r.rows]))
        if (files.length) printTable(['file', 'rows'], files.map((r) => [r.file, r.rows]))
        if (quarantine.length) printTable(['quarantine reason', 'rows'], quarantine.map((r) => [r.reason, r.rows]))
      } finally {
        await store.close()
      }
    })
}
