/**
 * IP → country from @ip-location-db/geo-whois-asn-country-mmdb (CC0), read with
 * mmdb-lib. The database is about 10 MB and is searched in place; callers cache per
 * address.
 * @module
 */
import { readFileSync } from 'node:fs'
import { Reader, type Response } from 'mmdb-lib'
import type { CountryLookup } from '@vigil/core/enrich'
import { VigilError } from '@vigil/core/errors'
import { resolvePackageFile } from './package-files.ts'

/** The record shape of the ip-location-db country databases (not MaxMind's GeoIP2 shape). */
interface CountryRecord {
  country_code?: unknown
}

export function loadCountryLookup(): CountryLookup {
  const { path } = resolvePackageFile('@ip-location-db/geo-whois-asn-country-mmdb', 'geo-whois-asn-country.mmdb')
  let reader: Reader<Response>
  try {
    reader = new Reader<Response>(readFileSync(path))
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${path}: not a MaxMind DB file: ${(e as Error).message}`, { cause: e })
  }
  return {
    country(ip) {
      try {
        const code = (reader.get(ip) as CountryRecord | null)?.country_code
        return typeof code === 'string' ? code : null
      } catch {
        // mmdb-lib throws on text that is not an address; that address has no country.
        return null
      }
    },
  }
}
