/**
 * What `vigil ingest` needs from the runtime: the ingest runner, the config, the store
 * location and the enrichment data. Apart from the package's main entry, which also loads
 * the simulator and the detectors (and through them all of @vigil/core): ~30 MB of RSS
 * and a second or two of start-up that an ingest never uses.
 * @module
 */
export { ingestPaths } from './ingest-paths.ts'
export type { FileProgress, FileSummary, IngestCallbacks, IngestOptions, IngestSummary } from './ingest-paths.ts'
export { loadConfig } from '../config.ts'
export { resolveDbPath, quarantineFilePath } from '../db-path.ts'
export { loadEnrichmentData } from '../data/load-enrichment-data.ts'
