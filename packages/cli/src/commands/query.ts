/**
 * `vigil query [--json] [--db P] "SQL"`: one read-only statement over the store.
 * @module
 */
import type { Command } from 'commander'
import { printJson } from '../output/json.ts'
import { printRowObjects } from '../output/table.ts'


interface QueryFlags {
  db?: string
  json?: boolean
}

export function register(program: Command): void {
  program
    .command('query')
    .description('run one read-only SQL statement over the store')
    .argument('<sql>', 'SELECT, WITH, DESCRIBE, SHOW, EXPLAIN or a reading PRAGMA')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--json', 'print an array of row objects')
    .addHelpText(
      'after',
      `
Tables: http_events, app_events, detections, quarantine, ingest_sources (docs/ingest.md).
Writes, ATTACH, COPY, INSTALL/LOAD and reading files are refused.

Examples:
  vigil query "select source_ip, count(*) n from http_events group by 1 order by n desc limit 10"
  vigil query --json "select * from http_events where ts > now() - interval 1 hour limit 100"
  vigil query "describe http_events"
  vigil query "select labels->>'host' as host, count(*) from http_events group by 1"`,
    )
    .action(async (sql: string, flags: QueryFlags) => {
      const { openReadOnlyStore } = await import('@vigil/runtime')
      const store = await openReadOnlyStore(flags.db)
      try {
        const rows = await store.query(sql)
        if (flags.json === true) printJson(rows)
        else printRowObjects(rows)
      } finally {
        await store.close()
      }
    })
}
