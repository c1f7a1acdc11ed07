import { spawn } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { VIGIL_BIN, combinedLine, inspect, vigil } from './ingest-helpers.ts'

const root = mkdtempSync(join(tmpdir(), 'vigil-crash-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const LINES = 60_000
/** Every BAD_EVERY-th line is garbage, so the quarantine file shows commits as they happen. */
const BAD_EVERY = 200
const BATCH = 1_000

async function writeLog(path: string): Promise<void> {
  const out = createWriteStream(path)
  for (let i = 1; i <= LINES; i++) {
    if (!out.write(i % BAD_EVERY === 0 ? `garbage ${i}\n` : `${combinedLine(i)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((r) => out.end(r))
}

function quarantinedSoFar(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0
}

describe('kill -9 in the middle of an ingest', () => {
  it('resumes to exactly the right rows with no duplicate event_id', async () => {
    const log = join(root, 'big.log')
    const db = join(root, 'store', 'vigil.duckdb')
    const qfile = join(root, 'store', 'quarantine.ndjson')
    const config = join(root, 'vigil.config.yaml')
    writeFileSync(config, `ingest:\n  batchSize: ${BATCH}\n`)
    await writeLog(log)

    const child = spawn(process.execPath, [VIGIL_BIN, 'ingest', log, '--db', db, '--config', config], { stdio: 'ignore' })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    // Wait until a few batches are committed (their quarantined lines are in the file), then kill.
    while (quarantinedSoFar(qfile) < 10 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    const bad = Math.floor(LINES / BAD_EVERY)
    const partial = (await inspect(db, 'select count(*) as n from http_events'))[0]!.n as number
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(LINES - bad)

    const r = vigil(['ingest', log, '--db', db, '--config', config, '--json'])
    expect(r.status).toBe(0)
    const summary = JSON.parse(r.stdout)
    expect(summary.duplicates).toBeGreaterThan(0)
    expect(summary.duplicates + summary.stored + summary.quarantined).toBe(LINES)

    expect(await inspect(db, 'select count(*) as n, count(distinct event_id) as ids from http_events')).toEqual([
      { n: LINES - bad, ids: LINES - bad },
    ])
    expect(await inspect(db, 'select count(*) as n, count(distinct line) as lines from quarantine')).toEqual([{ n: bad, lines: bad }])
  }, 900_000)
})
