/**
 * `vigil detections [--json] [--entity-type T] [--threat X] [--min-score N] [--limit N] [--db P]`:
 * list detections, worst first — NDJSON (DESIGN.md §3) with --json, else a table.
 * @module
 */
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { ENTITY_TYPES } from '@vigil/core/events'
import { EXIT } from '../exit-codes.ts'
import { printJson } from '../output/json.ts'
import { printTable } from '../output/table.ts'

interface DetectionsFlags {
  db?: string
  json?: boolean
  entityType?: string
  threat?: string
  minScore?: string
  limit?: string
}

function usage(message: string): VigilError {
  return new VigilError('VIGIL_ERR_CLI_USAGE', message, { exitCode: EXIT.USAGE })
}

function parseNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max) throw usage(`${flag} must be a number from ${min} to ${max}, got "${value}"`)
  return n
}

export function register(program: Command): void {
  program
    .command('detections')
    .description('list detections, worst first')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--json', 'NDJSON, one detection per line')
    .option('--entity-type <type>', `only this entity type (${ENTITY_TYPES.join(', ')})`)
    .option('--threat <id>', 'only this threat, e.g. OAT-011')
    .option('--min-score <n>', 'only scores at or above n (0-100)')
    .option('--limit <n>', 'at most n detections')
    .action(async (flags: DetectionsFlags) => {
      if (flags.entityType !== undefined && !(ENTITY_TYPES as readonly string[]).includes(flags.entityType)) {
        throw usage(`--entity-type must be one of ${ENTITY_TYPES.join(', ')}, got "${flags.entityType}"`)
      }
      const minScore = parseNumber('--min-score', flags.minScore, 0, 100)
      const limit = parseNumber('--limit', flags.limit, 1, 10_000_000)
      const { openReadOnlyStore } = await import('@vigil/runtime')
      const store = await openReadOnlyStore(flags.db)
      try {
        const found = await store.listDetections({
          ...(flags.entityType === undefined ? {} : { entityType: flags.entityType }),
          ...(flags.threat === undefined ? {} : { threat: flags.threat }),
          ...(minScore === undefined ? {} : { minScore }),
          ...(limit === undefined ? {} : { limit: Math.floor(limit) }),
        })
        if (flags.json === true) {
          for (const d of found) printJson(d)
          return
        }
        if (found.length === 0) {
          process.stdout.write('(no detections)\n')
          return
        }
        printTable(
          ['score', 'severity', 'entity', 'threat', 'explanation'],
          found.map((d) => [d.score, d.severity, `${d.entity.type} ${d.entity.value}`, `${d.threat} ${d.detector}`, d.explanation]),
        )
        process.stdout.write(`(${found.length} detection${found.length === 1 ? '' : 's'})\n`)
      } finally {
        await store.close()
      }
    })
}
