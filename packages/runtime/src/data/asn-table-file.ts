/**
 * The IP → AS table from @ip-location-db/asn (CC BY 4.0, RouteViews and DB-IP): parsed
 * once from its CSV files (about 30 MB, a second or more of work) into typed arrays,
 * then cached as a binary file keyed on the package version, so later starts map the
 * arrays straight from disk.
 * @module
 */
import { join } from 'node:path'
import { AsnTableBuilder, type AsnTable } from '@vigil/core/enrich'
import { VigilError } from '@vigil/core/errors'
import { defaultCacheDir, readCache, writeCache, type CacheLoadResult } from './binary-cache.ts'
import { readDataFile, resolvePackageFile } from './package-files.ts'

const PACKAGE = '@ip-location-db/asn'
/** Part of the cache file name; bump when the table layout changes. */
const LAYOUT = 'asn1'

export function loadAsnTable(options: { cacheDir?: string } = {}): CacheLoadResult<AsnTable> {
  const v4 = resolvePackageFile(PACKAGE, 'asn-ipv4-num.csv')
  const v6 = resolvePackageFile(PACKAGE, 'asn-ipv6-num.csv')
  const cacheFile = join(options.cacheDir ?? defaultCacheDir(), `${LAYOUT}-${v4.version}.bin`)
  const hit = readCache(cacheFile)
  const cached = hit === null ? null : fromCache(hit.columns, hit.json)
  if (cached !== null) return { value: cached, from: 'cache', cacheError: null }
  const builder = new AsnTableBuilder()
  parseCsv(readDataFile(v4.path), v4.path, (start, end, asn, org) => builder.addV4(Number(start), Number(end), asn, org))
  parseCsv(readDataFile(v6.path), v6.path, (start, end, asn, org) =>
    builder.addV6(toWords(BigInt(start)), toWords(BigInt(end)), asn, org),
  )
  const table = builder.build()
  const columns = [
    table.v4Starts, table.v4Ends, table.v4Asn, table.v4Org, table.v6Starts, table.v6Ends, table.v6Asn, table.v6Org,
  ]
  return { value: table, from: 'source', cacheError: writeCache(cacheFile, { columns, json: table.orgs }) }
}

function fromCache(columns: Uint32Array[], json: unknown): AsnTable | null {
  if (columns.length !== 8 || !Array.isArray(json) || !json.every((o) => typeof o === 'string')) return null
  const [v4Starts, v4Ends, v4Asn, v4Org, v6Starts, v6Ends, v6Asn, v6Org] = columns as [
    Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
  ]
  const n4 = v4Starts.length
  const n6 = v6Asn.length
  const shapeOk =
    v4Ends.length === n4 && v4Asn.length === n4 && v4Org.length === n4 &&
    v6Starts.length === 4 * n6 && v6Ends.length === 4 * n6 && v6Org.length === n6
  // A foreign file must not yield organisation indexes past the name table.
  if (!shapeOk || maxOf(v4Org) >= json.length || maxOf(v6Org) >= json.length) return null
  return { v4Starts, v4Ends, v4Asn, v4Org, v6Starts, v6Ends, v6Asn, v6Org, orgs: Object.freeze(json as string[]) }
}

/** Rows of `start,end,asn,organisation`; the organisation may be quoted with "" escapes. */
function parseCsv(
  text: string,
  file: string,
  row: (start: string, end: string, asn: number, org: string) => void,
): void {
  let pos = 0
  let line = 0
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos)
    if (eol < 0) eol = text.length
    line++
    const c1 = text.indexOf(',', pos)
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1)
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1)
    if (c3 < 0 || c3 > eol) {
      if (text.slice(pos, eol).trim() !== '') throw new VigilError('VIGIL_ERR_DATA_INVALID', `${file}:${line}: expected 4 fields`)
      pos = eol + 1
      continue
    }
    let org = text.slice(c3 + 1, text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol)
    if (org.length >= 2 && org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"')
    const asn = Number(text.slice(c2 + 1, c3))
    if (!Number.isInteger(asn) || asn < 0 || asn > 0xffffffff) {
      throw new VigilError('VIGIL_ERR_DATA_INVALID', `${file}:${line}: bad AS number`)
    }
    row(text.slice(pos, c1), text.slice(c1 + 1, c2), asn, org)
    pos = eol + 1
  }
}

function toWords(v: bigint): [number, number, number, number] {
  return [Number((v >> 96n) & 0xffffffffn), Number((v >> 64n) & 0xffffffffn), Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)]
}

function maxOf(a: Uint32Array): number {
  let m = 0
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!
  return m
}
