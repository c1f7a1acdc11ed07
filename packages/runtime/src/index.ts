/**
 * @vigil/runtime — Node-side I/O shared by the CLI and the server: inputs, the ingest
 * runner, config files, the store location and bundled data.
 * @module
 */
export * from './data/index.ts'
export * from './simulate/index.ts'
export { loadConfig, CONFIG_FILE_NAME } from './config.ts'
export type { LoadedConfig } from './config.ts'
export { resolveDbPath, quarantineFilePath, DEFAULT_DB_PATH } from './db-path.ts'
export { ingestPaths } from './ingest/ingest-paths.ts'
export type {
  FileProgress,
  FileSummary,
  IngestCallbacks,
  IngestOptions,
  IngestSummary,
} from './ingest/ingest-paths.ts'
export { openSource, PREFIX_BYTES } from './sources/open-source.ts'
export type { OpenedSource } from './sources/open-source.ts'
export { LineSplitter, DEFAULT_MAX_LINE_BYTES } from './sources/line-splitter.ts'
export type { LineSink } from './sources/line-splitter.ts'
export { expandPaths } from './sources/expand-paths.ts'
export * from './entity/index.ts'
export { openStore, openReadOnlyStore } from './open-store.ts'
export { runDetectors, scanHttpInOrder, UNREAD_HTTP_FIELDS } from './detect/run-detectors.ts'
export type { DetectRunOptions, DetectRunSummary } from './detect/run-detectors.ts'
