/**
 * Migrations in the order they apply. Each runs once, in its own transaction, and is
 * recorded in `schema_migrations`; their SQL is also written to be re-runnable.
 * @module
 */
import * as m0001 from './0001-initial.ts'
import * as m0002 from './0002-detected-at.ts'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  { version: 1, name: m0001.name, sql: m0001.sql },
  { version: 2, name: m0002.name, sql: m0002.sql },
])

export const SCHEMA_MIGRATIONS_DDL = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`
