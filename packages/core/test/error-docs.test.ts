import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../src/errors/vigil-error.ts'

const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')
const documented = new Set([...docs.matchAll(/`(VIGIL_ERR_[A-Z_]+)`/g)].map((m) => m[1]))

describe('error registry', () => {
  it.each(Object.keys(ERROR_CODES))('documents %s in docs/errors.md', (code) => {
    expect(documented.has(code)).toBe(true)
  })

  it('documents no code that the registry lacks', () => {
    expect([...documented].filter((c) => !(c! in ERROR_CODES))).toEqual([])
  })
})
