/**
 * Loads everything enrichment needs from bundled data and installed data packages,
 * and compiles it for the core's enricher.
 * @module
 */
import { join } from 'node:path'
import { parseUaRules, type EnrichmentData } from '@vigil/core'
import { loadAsnTable } from './asn-table-file.ts'
import { loadCountryLookup } from './country-lookup.ts'
import { loadBundledRangeLists, loadExtraRangeLists, type ExtraRangeList } from './ip-range-files.ts'
import { BUNDLED_DATA_DIR, readDataFile } from './package-files.ts'
import { loadRangeIndex } from './range-index-file.ts'

export interface LoadEnrichmentOptions {
  /** More range lists, e.g. `{ name: 'tor-exits', flag: 'tor', file: 'tor-exits.txt' }`. */
  readonly extraLists?: readonly ExtraRangeList[]
  /** Where the binary ASN cache lives (default: <os tmpdir>/vigil-cache). */
  readonly cacheDir?: string
  /** Told about problems that do not stop loading, such as an unwritable cache directory. */
  readonly onWarning?: (message: string) => void
}

export function loadUaRules(): EnrichmentData['uaRules'] {
  const path = join(BUNDLED_DATA_DIR, 'user-agent-rules.yaml')
  return parseUaRules(readDataFile(path), path)
}

/**
 * @example const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
 * @throws VigilError VIGIL_ERR_DATA_MISSING when bundled data cannot be found,
 *   VIGIL_ERR_DATA_INVALID when a data file is malformed.
 */
export async function loadEnrichmentData(options: LoadEnrichmentOptions = {}): Promise<EnrichmentData> {
  const cache = options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }
  const asn = loadAsnTable(cache)
  const lists = [...loadBundledRangeLists(), ...loadExtraRangeLists(options.extraLists ?? [])]
  const ranges = loadRangeIndex(lists, cache)
  for (const error of [asn.cacheError, ranges.cacheError]) if (error !== null) options.onWarning?.(error)
  for (const [name, n] of Object.entries(ranges.value.rejected)) {
    options.onWarning?.(`range list ${name}: ${n} entries are not an IP address or CIDR block and were skipped`)
  }
  return { asn: asn.value, country: loadCountryLookup(), ranges: ranges.value, uaRules: loadUaRules() }
}
