/**
 * Node-side loading of enrichment data: the ASN table (with its binary cache), the
 * country database, IP range lists and user-agent rules.
 * @module
 */
export { loadAsnTable } from './asn-table-file.ts'
export { defaultCacheDir } from './binary-cache.ts'
export type { CacheLoadResult } from './binary-cache.ts'
export { loadCountryLookup } from './country-lookup.ts'
export { describeRangeSources, loadBundledRangeLists, parseRangeListText } from './ip-range-files.ts'
export type { ExtraRangeList, RangeSources } from './ip-range-files.ts'
export { loadEnrichmentData, loadUaRules } from './load-enrichment-data.ts'
export type { LoadEnrichmentOptions } from './load-enrichment-data.ts'
export { BUNDLED_DATA_DIR } from './package-files.ts'
export { loadRangeIndex } from './range-index-file.ts'
