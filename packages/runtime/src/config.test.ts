import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isVigilError } from '@vigil/core'
import { loadConfig } from './config.ts'

const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn()
  } catch (e) {
    if (isVigilError(e)) return { code: e.code, message: e.message }
    throw e
  }
  throw new Error('expected loadConfig to fail')
}

describe('loadConfig', () => {
  it('uses the defaults when there is no file in the directory', () => {
    const r = loadConfig(undefined, mkdtempSync(join(dir, 'empty-')))
    expect(r.path).toBeNull()
    expect(r.config.ingest.batchSize).toBe(122_880)
  })

  it('reads vigil.config.yaml from the directory', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'))
    writeFileSync(join(cwd, 'vigil.config.yaml'), 'ingest:\n  batchSize: 1000\n  trustedProxies: [10.0.0.0/8]\n')
    const r = loadConfig(undefined, cwd)
    expect(r.config.ingest.batchSize).toBe(1000)
    expect(r.config.ingest.trustedProxies).toEqual(['10.0.0.0/8'])
  })

  it('names the key and the line of a bad value', () => {
    const p = write('bad-value.yaml', '# comment\ningest:\n  sessionCookies: [sid]\n  batchSize: -5\n')
    const f = failure(() => loadConfig(p))
    expect(f.code).toBe('VIGIL_ERR_CONFIG_INVALID')
    expect(f.message).toContain('bad-value.yaml:4: ingest.batchSize')
  })

  it('names the key and the line of an unknown key', () => {
    const p = write('unknown.yaml', 'ingest:\n  batchSize: 10\n  bachSize: 5\n')
    const f = failure(() => loadConfig(p))
    expect(f.message).toContain('unknown.yaml:3: ingest.bachSize')
  })

  it('gives the line of a YAML syntax error', () => {
    const p = write('syntax.yaml', 'ingest:\n  batchSize: 10\n   bad: [\n')
    const f = failure(() => loadConfig(p))
    expect(f.code).toBe('VIGIL_ERR_CONFIG_INVALID')
    expect(f.message).toMatch(/syntax\.yaml:\d+: not valid YAML/)
  })

  it('refuses a --config path that does not exist', () => {
    expect(failure(() => loadConfig(join(dir, 'missing.yaml'))).code).toBe('VIGIL_ERR_CONFIG_NOT_FOUND')
  })
})
