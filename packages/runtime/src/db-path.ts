/**
 * Where the store lives: `--db`, else `VIGIL_DB`, else `./.vigil/vigil.duckdb`
 * (DESIGN.md §4), resolved against the working directory.
 * @module
 */
import { dirname, join, resolve } from 'node:path'

export const DEFAULT_DB_PATH = join('.vigil', 'vigil.duckdb')

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? (env.VIGIL_DB !== undefined && env.VIGIL_DB !== '' ? env.VIGIL_DB : DEFAULT_DB_PATH)
  return chosen === ':memory:' ? chosen : resolve(chosen)
}

/** The quarantine file beside the store; none for an in-memory store. */
export function quarantineFilePath(dbPath: string): string | undefined {
  return dbPath === ':memory:' ? undefined : join(dirname(dbPath), 'quarantine.ndjson')
}
