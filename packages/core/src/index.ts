/**
 * @vigil/core — the pure core: event model, parsers, enrichment logic, detectors and
 * the WAF engine. Nothing here touches the file system, the network or a database.
 * @module
 */
export * from './events/index.ts'
export * from './errors/index.ts'
export { mulberry32 } from './util/mulberry32.ts'
export type * from './ports/index.ts'
export * from './config/index.ts'
export type * from './ingest/parser.ts'
export { DEFAULT_PARSER_OPTIONS } from './ingest/parser.ts'
export * from './enrich/index.ts'
export * from './ingest/index.ts'
export * from './simulate/index.ts'
export * from './eval/index.ts'
export * from './detect/graph/index.ts'
export { buildAccountDetectors, resolveAccountsConfig, accountsConfigSchema } from './detect/accounts/index.ts'
export type { AccountsConfig, AccountsUserConfig } from './detect/accounts/index.ts'
export * from './detect/index.ts'
