/**
 * Opening the store the way every command does: path from `--db` / `VIGIL_DB` / default,
 * and for reading, a clear error when there is nothing to read yet.
 * @module
 */
import { existsSync } from 'node:fs'
import { VigilError } from '@vigil/core'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { resolveDbPath } from './db-path.ts'

/** Read-write, created (with its directory) when missing, migrated. */
export function openStore(dbFlag?: string): Promise<DuckDbStore> {
  return DuckDbStore.open(resolveDbPath(dbFlag))
}

/** Read-only; fails with VIGIL_ERR_STORE_OPEN when the store does not exist. */
export function openReadOnlyStore(dbFlag?: string): Promise<DuckDbStore> {
  const dbPath = resolveDbPath(dbFlag)
  if (dbPath !== ':memory:' && !existsSync(dbPath)) {
    throw new VigilError(
      'VIGIL_ERR_STORE_OPEN',
      `There is no store at ${dbPath}. Run \`vigil ingest PATH\` first, or point --db / VIGIL_DB at an existing store.`,
      { exitCode: 4 },
    )
  }
  return DuckDbStore.open(dbPath, { readOnly: true })
}
