import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const BIN = new URL('../../bin/vigil.js', import.meta.url).pathname

/** The README's first command, `vigil demo`, end to end on a small shop (the console left out). */
describe('vigil demo', () => {
  let dir: string
  let stdout: string
  let stderr: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-demo-'))
    const out = await run(process.execPath, [BIN, 'demo', '--no-open', '--hours', '0.25', '--scale', '0.3', '--top', '5', '--db', join(dir, 'demo.duckdb')], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    })
    stdout = out.stdout
    stderr = out.stderr
  }, 180_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('walks through its five steps and stores every simulated request', async () => {
    for (let step = 1; step <= 5; step++) expect(stderr).toContain(`[${step}/5]`)
    const simulated = /([\d,]+) requests, ([\d,]+) application events/.exec(stderr)
    expect(simulated).not.toBeNull()
    const requests = Number(simulated![1]!.replaceAll(',', ''))
    const store = await DuckDbStore.open(join(dir, 'demo.duckdb'), { readOnly: true })
    try {
      const [row] = await store.query('select count(*)::INTEGER as n from http_events')
      expect(row).toEqual({ n: requests })
    } finally {
      await store.close()
    }
  })

  it('scores its detections against the ground truth and shows the top ones', () => {
    const score = /(\d+)\/(\d+) attack scenarios found; precision (\d+)%/.exec(stderr)
    expect(score).not.toBeNull()
    const [found, total, precision] = [Number(score![1]), Number(score![2]), Number(score![3])]
    expect(found).toBeGreaterThanOrEqual(Math.ceil(total * 0.75))
    expect(precision).toBeGreaterThanOrEqual(90)
    expect(stdout).toContain('score')
    expect(stdout.split('\n').filter((l) => /^│ \d+ /.test(l))).toHaveLength(5)
    expect(stdout).toContain(`vigil detections --db ${join(dir, 'demo.duckdb')}`)
  })
})
