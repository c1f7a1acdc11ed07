import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Detection } from '@vigil/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const BIN = new URL('../../bin/vigil.js', import.meta.url).pathname

async function vigil(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

const lines = (s: string): Detection[] => s.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Detection)

describe('vigil ingest --detect', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-cli-ingest-detect-'))
    await vigil(['simulate', '--out', join(dir, 'sim'), '--hours', '1', '--scale', '0.1', '--seed', '5', '--json'])
  }, 120_000)
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores detections with the batches, the same ones vigil detect finds over the store', async () => {
    const log = join(dir, 'sim', 'access.log')
    const plain = JSON.parse(await vigil(['ingest', log, '--db', join(dir, 'plain.duckdb'), '--json'])) as { stored: number; detections: number }
    expect(plain.detections).toBe(0)
    expect(lines(await vigil(['detections', '--db', join(dir, 'plain.duckdb'), '--json']))).toEqual([])

    const db = join(dir, 'detect.duckdb')
    const summary = JSON.parse(await vigil(['ingest', log, '--db', db, '--json', '--detect'])) as { stored: number; detections: number }
    expect(summary.stored).toBe(plain.stored)
    const atIngest = lines(await vigil(['detections', '--db', db, '--json', '--limit', '100000']))
    expect(atIngest.length).toBe(summary.detections)
    expect(atIngest.some((d) => d.detector === 'bot.scraping' && d.threat === 'OAT-011')).toBe(true)

    await vigil(['detect', '--db', join(dir, 'plain.duckdb'), '--json'])
    const overStore = lines(await vigil(['detections', '--db', join(dir, 'plain.duckdb'), '--json', '--limit', '100000']))
    const ids = (ds: Detection[]) => new Set(ds.filter((d) => d.detector.startsWith('bot.')).map((d) => d.id))
    expect(ids(atIngest)).toEqual(ids(overStore))
  }, 180_000)
})
