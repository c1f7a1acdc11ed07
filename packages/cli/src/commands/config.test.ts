import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { resolveConfig } from '@vigil/core'
import { loadConfig } from '@vigil/runtime'
import { main } from '../main.ts'

const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const write = { out: process.stdout.write, err: process.stderr.write }
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write
  try {
    const code = await main(argv)
    return { code, out, err }
  } finally {
    process.stdout.write = write.out
    process.stderr.write = write.err
  }
}

describe('vigil config', () => {
  it('prints the file over the defaults, every key present', async () => {
    const file = join(dir, 'one.yaml')
    writeFileSync(file, 'waf:\n  level: 3\ndetect:\n  scraping:\n    minRequests: 80\n')
    const { code, out } = await capture(['config', '--config', file])
    expect(code).toBe(0)
    const printed = parse(out) as ReturnType<typeof resolveConfig>
    expect(printed.waf.level).toBe(3)
    expect(printed.detect.scraping.minRequests).toBe(80)
    const defaults = resolveConfig({})
    expect(printed.detect.scanner).toEqual(defaults.detect.scanner)
    expect(printed.ingest).toEqual(defaults.ingest)
    // The printed settings are themselves a valid config that means the same.
    expect(JSON.parse(JSON.stringify(resolveConfig(printed)))).toEqual(JSON.parse(JSON.stringify(printed)))
  })

  it('prints JSON with --json', async () => {
    const { code, out } = await capture(['config', '--json', '--config', join(dir, 'one.yaml')])
    expect(code).toBe(0)
    expect(JSON.parse(out).waf.level).toBe(3)
  })

  it('names the key and the line of a bad value, with the usage exit code', async () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'waf:\n  level: 2\ndetect:\n  scraping:\n    minRequests: -4\n')
    const { code, err } = await capture(['config', '--config', file])
    expect(code).toBe(2)
    expect(err).toMatch(/bad\.yaml:5: detect\.scraping\.minRequests/)
  })

  it('accepts the example in docs/config.md as written', () => {
    const doc = readFileSync(new URL('../../../../docs/config.md', import.meta.url), 'utf8')
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
    expect(blocks.length).toBeGreaterThan(0)
    for (const [i, yaml] of blocks.entries()) {
      const file = join(dir, `doc-${i}.yaml`)
      writeFileSync(file, yaml)
      const { config } = loadConfig(file)
      const written = parse(yaml) as { waf?: { mode?: string } }
      if (written.waf?.mode !== undefined) expect(config.waf.mode).toBe(written.waf.mode)
    }
  })
})
