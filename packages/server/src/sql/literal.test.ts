import { DuckDbStore } from '@vigil/storage-duckdb'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_SQL_STRING, sqlContainsPattern, sqlNumber, sqlString } from './literal.ts'

describe('SQL literals', () => {
  let store: DuckDbStore
  beforeAll(async () => {
    store = await DuckDbStore.open(':memory:')
  })
  afterAll(() => store.close())

  it('round-trips any string through DuckDB unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !s.includes('\u0000')),
        async (s) => {
          const [row] = await store.query(`SELECT ${sqlString(s)} AS v`)
          expect(row?.v).toBe(s)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('keeps quote-breaking payloads inside the literal', async () => {
    for (const s of ["' OR 1=1 --", "'; DROP TABLE detections; --", "\\'", "''''", "x'||(SELECT 1)||'"]) {
      const [row] = await store.query(`SELECT ${sqlString(s)} AS v`)
      expect(row?.v).toBe(s)
    }
  })

  it('refuses NUL and over-long values', () => {
    expect(() => sqlString('a\u0000b')).toThrow(RangeError)
    expect(() => sqlString('x'.repeat(MAX_SQL_STRING + 1))).toThrow(RangeError)
  })

  it('makes LIKE wildcards literal in contains patterns', async () => {
    const [row] = await store.query(
      `SELECT 'a_b%c' ILIKE ${sqlContainsPattern('_b%')} AS hit, 'axbyc' ILIKE ${sqlContainsPattern('_b%')} AS miss,
        'back\\slash' ILIKE ${sqlContainsPattern('k\\s')} AS slash`,
    )
    expect(row).toEqual({ hit: true, miss: false, slash: true })
  })

  it('refuses non-finite numbers', () => {
    expect(sqlNumber(42.5)).toBe('42.5')
    expect(() => sqlNumber(Number.NaN)).toThrow(RangeError)
    expect(() => sqlNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})
