import { describe, expect, it } from 'vitest'
import { COUNTRIES, NETS_BY_COUNTRY, ipIn, rngFor } from '@vigil/core'
import { loadCountryLookup } from '../data/index.ts'

describe('the simulator\'s networks per country', () => {
  const lookup = loadCountryLookup()

  it('places every address of a country\'s home lines and carriers in that country', () => {
    const rng = rngFor(1, 'geography')
    for (const country of COUNTRIES) {
      for (const ranges of Object.values(NETS_BY_COUNTRY[country])) {
        expect(ranges.length).toBeGreaterThan(0)
        for (const range of ranges) {
          const countries = new Set<string | null>()
          for (let i = 0; i < 2_000; i++) countries.add(lookup.country(ipIn(range, rng)))
          expect([range.cidr, [...countries]]).toEqual([range.cidr, [country]])
        }
      }
    }
  })
})
