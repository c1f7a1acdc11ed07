/** Running the real `vigil` binary against a temporary store, for the end-to-end ingest tests. */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DuckDbStore } from '@vigil/storage-duckdb'

export const VIGIL_BIN = fileURLToPath(new URL('../packages/cli/bin/vigil.js', import.meta.url))

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

export function vigil(args: readonly string[], options: { input?: string | Buffer; cwd?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [VIGIL_BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd,
    env: { ...process.env, VIGIL_DB: '' },
    maxBuffer: 64 * 1024 * 1024,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export function queryJson(db: string, sql: string): Record<string, unknown>[] {
  const r = vigil(['query', '--db', db, '--json', sql])
  if (r.status !== 0) throw new Error(`query failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Record<string, unknown>[]
}

/** The same answer in-process (read-only), cheaper than spawning the CLI for every check. */
export async function inspect(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const store = await DuckDbStore.open(db, { readOnly: true })
  try {
    return await store.query(sql)
  } finally {
    await store.close()
  }
}

/** A realistic combined line; `i` varies the client, path and time. */
export function combinedLine(i: number): string {
  const sec = String(i % 60).padStart(2, '0')
  const min = String(Math.floor(i / 60) % 60).padStart(2, '0')
  return `198.51.100.${i % 200} - - [25/Nov/2026:10:${min}:${sec} +0000] "GET /product/${i}?ref=home HTTP/1.1" 200 ${500 + (i % 300)} "https://shop.example/" "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"`
}
