import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Detection, EvalReport, SimLabels } from '@vigil/core'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const BIN = new URL('../../bin/vigil.js', import.meta.url).pathname

async function vigil(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 32 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string }
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }
  }
}

function detection(type: Detection['entity']['type'], value: string, threat: string): Detection {
  return {
    id: `${type}-${value}-${threat}`,
    detector: 'test.fixture',
    threat,
    category: 'test',
    entity: { type, value },
    score: 90,
    severity: 'critical',
    first_seen: '2026-11-03T12:30:00.000Z',
    last_seen: '2026-11-03T12:31:00.000Z',
    detected_at: '2026-11-03T12:30:40.000Z',
    count: 1,
    explanation: 'fixture',
    evidence: [],
    related: [],
  }
}

describe('vigil simulate and vigil eval', () => {
  let dir: string
  let labels: SimLabels

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-cli-sim-'))
    const r = await vigil(['simulate', '--out', join(dir, 'sim'), '--hours', '1', '--scale', '0.1', '--seed', '3', '--json'])
    expect(r.code, r.stderr).toBe(0)
    labels = JSON.parse(await readFile(join(dir, 'sim', 'labels.json'), 'utf8')) as SimLabels
  }, 180_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes the three files and reports what it wrote', async () => {
    const log = await readFile(join(dir, 'sim', 'access.log'), 'utf8')
    expect(log.split('\n').filter((l) => l !== '').length).toBe(Object.values(labels.populations).reduce((n, p) => n + p.requests, 0))
    expect(labels.seed).toBe(3)
  })

  it('rejects bad options with the usage exit code', async () => {
    const [hours, scenario, labelsMissing] = await Promise.all([
      vigil(['simulate', '--out', join(dir, 'x'), '--hours', 'ten']),
      vigil(['simulate', '--out', join(dir, 'x'), '--scenario', 'no-such-attack']),
      vigil(['eval']),
    ])
    expect(hours.code).toBe(2)
    expect(hours.stderr).toMatch(/--hours expects a number/)
    expect(scenario.code).toBe(2)
    expect(scenario.stderr).toMatch(/unknown scenario "no-such-attack"/)
    expect(labelsMissing.code).toBe(2)
  }, 180_000)

  it('scores the detections in a store against the labels', async () => {
    const scraperIp = Object.entries(labels.entities.ip).find(([, p]) => p.includes('scraper-naive'))?.[0]
    const shopperIp = Object.entries(labels.entities.ip).find(([, p]) => p.length === 1 && p[0] === 'shoppers')?.[0]
    const botIp = Object.entries(labels.entities.ip).find(([, p]) => p.length === 1 && p[0] === 'googlebot')?.[0]
    if (scraperIp === undefined || shopperIp === undefined || botIp === undefined) throw new Error('fixture entities missing')
    const db = join(dir, 'store.duckdb')
    const store = await DuckDbStore.open(db)
    await store.upsertDetections([
      detection('ip', scraperIp, 'OAT-011'),
      detection('ip', shopperIp, 'OAT-011'),
      detection('ip', botIp, 'OAT-011'),
    ])
    await store.close()
    const r = await vigil(['eval', '--labels', join(dir, 'sim', 'labels.json'), '--db', db, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as EvalReport
    expect(report.by_class['OAT-011']).toMatchObject({ tp: 1, fp: 2, precision: 0.3333 })
    expect(report.good_bots_flagged.count).toBe(1)
    expect(report.false_positives_by_population).toMatchObject({ shoppers: { entities: 1 }, googlebot: { entities: 1 } })
    expect(report.scenarios['scraper-naive']?.detected).toBe(true)
    const text = await vigil(['eval', '--labels', join(dir, 'sim', 'labels.json'), '--db', db])
    expect(text.stdout).toMatch(/Good bots flagged: 1 \(should be 0\)/)
  }, 180_000)
})
