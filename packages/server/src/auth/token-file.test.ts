import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TokenRegistry, hashToken, tokenFilePath } from './token-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'vigil-tokens-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('token registry', () => {
  it('stores SHA-256 hashes only, in a file only the owner can read', () => {
    const path = join(dir, 'a.tokens.json')
    const { token, record } = TokenRegistry.load(path).create('analyst', 'soc')
    const text = readFileSync(path, 'utf8')
    expect(text).not.toContain(token)
    expect(text).toContain(hashToken(token))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(TokenRegistry.load(path).verify(token)).toEqual(record)
  })

  it('rejects tokens it never issued, near misses included', () => {
    const path = join(dir, 'b.tokens.json')
    const { token } = TokenRegistry.load(path).create('viewer', 'x')
    const registry = TokenRegistry.load(path)
    // Change the last character to one it is not, so the near miss is never the token itself.
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    expect(registry.verify(`${token.slice(0, -1)}${last}`)).toBeNull()
    expect(registry.verify(token.slice(4))).toBeNull()
    expect(registry.verify('')).toBeNull()
    expect(registry.verify(`vgl_${'a'.repeat(500)}`)).toBeNull()
  })

  it('reports a malformed file with a registered code instead of crashing', () => {
    const path = join(dir, 'c.tokens.json')
    writeFileSync(path, '{"tokens":[{"id":"x","role":"root"}]}')
    expect(() => TokenRegistry.load(path)).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_DATA_INVALID' }))
    writeFileSync(path, 'not json')
    expect(() => TokenRegistry.load(path)).toThrow(expect.objectContaining({ code: 'VIGIL_ERR_DATA_INVALID' }))
  })

  it('keeps an in-memory store’s tokens in memory', () => {
    expect(tokenFilePath(':memory:')).toBeNull()
    const registry = TokenRegistry.load(null)
    const { token } = registry.create('admin', 'mem')
    expect(registry.verify(token)?.role).toBe('admin')
  })
})
