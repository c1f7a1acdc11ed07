/**
 * @vigil/storage-duckdb — the Store port on embedded DuckDB.
 * @module
 */
export { DEFAULT_MEMORY_LIMIT, DuckDbStore, MAX_QUERY_ROWS } from './duckdb-store.ts'
export type { DuckDbStoreOptions } from './duckdb-store.ts'
export { toJsonSafe } from './json-safe.ts'
