/**
 * Loads everything enrichment needs from bundled data and installed data packages,
 * and compiles it for the core's enricher.
 * @module
 */
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { compileUaRules, readUaRulesDocument, type EnrichmentData, type UaRules } from '@vigil/core/enrich'
import { VigilError } from '@vigil/core/errors'
import { loadAsnTable } from './asn-table-file.ts'
import { defaultCacheDir, readCache, writeCache, type CacheLoadResult } from './binary-cache.ts'
import { loadCountryLookup } from './country-lookup.ts'
import { describeRangeSources, type ExtraRangeList } from './ip-range-files.ts'
import { BUNDLED_DATA_DIR, readDataFile } from './package-files.ts'
import { loadRangeIndex } from './range-index-file.ts'

export interface LoadEnrichmentOptions {
  /** More range lists, e.g. `{ name: 'tor-exits', flag: 'tor', file: 'tor-exits.txt' }`. */
  readonly extraLists?: readonly ExtraRangeList[]
  /** Where the binary caches of parsed data live (default: defaultCacheDir(), per user). */
  readonly cacheDir?: string
  /** Told about problems that do not stop loading, such as an unwritable cache directory. */
  readonly onWarning?: (message: string) => void
}

/**
 * The shipped user-agent rules. Parsing the YAML costs more than the rest of loading,
 * so the parsed document is cached as JSON, keyed on the file's size and mtime.
 */
export function loadUaRules(options: { cacheDir?: string } = {}): CacheLoadResult<UaRules> {
  const path = join(BUNDLED_DATA_DIR, 'user-agent-rules.yaml')
  let stamp: string
  try {
    const st = statSync(path)
    stamp = `${st.size}:${st.mtimeMs}`
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_MISSING', `cannot read ${path}: ${(e as Error).message}`, { cause: e })
  }
  const key = createHash('sha256').update(`${path}\0${stamp}`).digest('hex').slice(0, 32)
  const cacheFile = join(options.cacheDir ?? defaultCacheDir(), `ua-rules1-${key}.bin`)
  const cached = readCache(cacheFile)
  if (cached !== null) return { value: compileUaRules(cached.json, path), from: 'cache', cacheError: null }
  const doc = readUaRulesDocument(readDataFile(path), path)
  const rules = compileUaRules(doc, path)
  // Only a document that compiled is cached, so a cache hit never hides a bad file.
  return { value: rules, from: 'source', cacheError: writeCache(cacheFile, { columns: [], json: doc }) }
}

/**
 * @example const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
 * @throws VigilError VIGIL_ERR_DATA_MISSING when bundled data cannot be found,
 *   VIGIL_ERR_DATA_INVALID when a data file is malformed.
 */
export async function loadEnrichmentData(options: LoadEnrichmentOptions = {}): Promise<EnrichmentData> {
  const cache = options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }
  const asn = loadAsnTable(cache)
  const ranges = loadRangeIndex(describeRangeSources(options.extraLists ?? []), cache)
  const uaRules = loadUaRules(cache)
  for (const r of [asn, ranges, uaRules]) if (r.cacheError !== null) options.onWarning?.(r.cacheError)
  for (const [name, n] of Object.entries(ranges.value.rejected)) {
    options.onWarning?.(`range list ${name}: ${n} entries are not an IP address or CIDR block and were skipped`)
  }
  return { asn: asn.value, country: loadCountryLookup(), ranges: ranges.value, uaRules: uaRules.value }
}
