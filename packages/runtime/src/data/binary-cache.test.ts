import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultCacheDir, readCache, writeCache } from './binary-cache.ts'

const temporary: string[] = []
/** A fresh folder under the system's temporary one, removed after the suite. */
function tempDir(prefix: string): string {
  const made = mkdtempSync(join(tmpdir(), prefix))
  temporary.push(made)
  return made
}
afterAll(() => {
  for (const made of temporary) rmSync(made, { recursive: true, force: true })
})

const dir = tempDir('vigil-cache-test-')
const tables = { columns: [Uint32Array.of(1, 2, 0xffffffff), new Uint32Array(0), Uint32Array.of(7)], json: { names: ['a', 'é'] } }

describe('binary cache', () => {
  it('reads back exactly what it wrote', () => {
    const file = join(dir, 'round-trip.bin')
    expect(writeCache(file, tables)).toBeNull()
    const back = readCache(file)!
    expect(back.columns.map((c) => [...c])).toEqual(tables.columns.map((c) => [...c]))
    expect(back.json).toEqual(tables.json)
  })

  it('reads a missing, truncated, foreign or corrupt file as a miss', () => {
    const good = join(dir, 'good.bin')
    writeCache(good, tables)
    const bytes = readFileSync(good)
    const variants: Record<string, Buffer> = {
      truncated: bytes.subarray(0, bytes.length - 3),
      extended: Buffer.concat([bytes, Buffer.from([0, 0, 0, 0])]),
      foreign: Buffer.from('not a cache file at all, just text'),
      empty: Buffer.alloc(0),
      badJson: Buffer.concat([bytes.subarray(0, bytes.length - 2), Buffer.from('!!')]),
    }
    for (const [name, content] of Object.entries(variants)) {
      const file = join(dir, `${name}.bin`)
      writeFileSync(file, content)
      expect(readCache(file), name).toBeNull()
    }
    expect(readCache(join(dir, 'absent.bin'))).toBeNull()
  })

  it('keeps only the newest few files of a family', () => {
    const pruned = tempDir('vigil-cache-prune-')
    for (let i = 0; i < 7; i++) {
      const file = join(pruned, `ranges1-${i}.bin`)
      writeCache(file, tables)
      utimesSync(file, new Date(), new Date(Date.now() - (10 - i) * 1000))
    }
    writeCache(join(pruned, 'asn1-x.bin'), tables)
    const left = readdirSync(pruned).sort()
    expect(left.filter((f) => f.startsWith('ranges1-')).length).toBe(4)
    expect(left).toContain('ranges1-6.bin')
    expect(left).toContain('asn1-x.bin')
  })

  it('reports an unwritable directory instead of failing', () => {
    const locked = tempDir('vigil-cache-locked-')
    chmodSync(locked, 0o500)
    const error = writeCache(join(locked, 'sub', 'x.bin'), tables)
    chmodSync(locked, 0o700)
    // root ignores permissions; then the write succeeds and there is no error to report.
    if (process.getuid?.() === 0) expect(error).toBeNull()
    else expect(error).toMatch(/cannot write cache/)
  })
})

describe('defaultCacheDir', () => {
  it('is per user: under XDG_CACHE_HOME when set, else under the home directory', () => {
    const saved = process.env['XDG_CACHE_HOME']
    try {
      process.env['XDG_CACHE_HOME'] = '/var/cache/someone'
      expect(defaultCacheDir()).toBe('/var/cache/someone/vigil')
      delete process.env['XDG_CACHE_HOME']
      expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'vigil'))
    } finally {
      if (saved === undefined) delete process.env['XDG_CACHE_HOME']
      else process.env['XDG_CACHE_HOME'] = saved
    }
  })
})
