/**
 * `vigil serve` and `vigil token` as a user runs them: the first stdout line holding
 * `http://` is the login URL, tokens created on the command line work against the API,
 * and the console answers on 127.0.0.1 only.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStore } from '../../packages/server/src/fixtures/seed-store.ts'

const VIGIL_BIN = fileURLToPath(new URL('../../packages/cli/bin/vigil.js', import.meta.url))
/** Each test spawns the CLI (tsx compiles it on start); on a busy two-core machine that is slow. */
const CLI_TIMEOUT = 240_000

let dir: string
let db: string
let child: ChildProcess
let url: URL

function vigil(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [VIGIL_BIN, ...args], { encoding: 'utf8', env: { ...process.env, VIGIL_DB: '' } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Resolves with the first stdout line that holds `http://`, as a script would read it. */
function firstUrlLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = ''
    let err = ''
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()))
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString()
      const line = buf.split('\n').find((l, i, all) => i < all.length - 1 && l.includes('http://'))
      if (line !== undefined) resolve(line)
    })
    proc.once('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${err}`)))
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'))
  db = join(dir, 'shop.duckdb')
  const store = await DuckDbStore.open(db)
  await seedStore(store)
  await store.close()
})

afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

describe('vigil token', { timeout: CLI_TIMEOUT }, () => {
  it('prints a token once and stores only its hash beside the store', () => {
    const r = vigil(['token', 'create', '--role', 'viewer', '--name', 'grafana', '--db', db])
    expect(r.status).toBe(0)
    const token = r.stdout.trim()
    expect(token).toMatch(/^vgl_[A-Za-z0-9_-]{43}$/)
    const file = readFileSync(`${db}.tokens.json`, 'utf8')
    expect(file).not.toContain(token)
    expect(JSON.parse(file).tokens[0]).toMatchObject({ name: 'grafana', role: 'viewer' })
    const list = vigil(['token', 'list', '--db', db])
    expect(list.stdout).toContain('grafana')
    expect(list.stdout).not.toContain(token)
  })

  it('refuses an unknown role with a usage error', () => {
    const r = vigil(['token', 'create', '--role', 'root', '--db', db])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('VIGIL_ERR_CLI_USAGE')
  })
})

describe('vigil serve', { timeout: CLI_TIMEOUT }, () => {
  let viewerToken: string

  beforeAll(async () => {
    viewerToken = vigil(['token', 'create', '--role', 'viewer', '--db', db]).stdout.trim()
    child = spawn(process.execPath, [VIGIL_BIN, 'serve', '--db', db, '--port', '0'], { env: { ...process.env, VIGIL_DB: '' } })
    const line = await firstUrlLine(child)
    url = new URL(line.slice(line.indexOf('http://')).trim())
  }, CLI_TIMEOUT)

  it('prints a loopback URL carrying a one-time login token', async () => {
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.pathname).toBe('/login')
    const login = await fetch(url, { redirect: 'manual' })
    expect(login.status).toBe(303)
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/)
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(401)
  })

  it('answers API calls made with a token from `vigil token create`', async () => {
    const res = await fetch(new URL('/api/overview', url), { headers: { authorization: `Bearer ${viewerToken}` } })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { detections: { total: number } }).detections.total).toBe(4)
    const events = await fetch(new URL('/api/events', url), { headers: { authorization: `Bearer ${viewerToken}` } })
    expect(events.status).toBe(403)
  })

  it('holds the store read-only, so others can still read it', async () => {
    const reader = await DuckDbStore.open(db, { readOnly: true })
    try {
      expect(await reader.query('SELECT count(*) AS n FROM detections')).toEqual([{ n: 4 }])
    } finally {
      await reader.close()
    }
  })

  it('serves the built UI with its CSP', async () => {
    const res = await fetch(new URL('/', url))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await res.text()
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/)
    expect(html).not.toMatch(/<script>|<script type="module">[^<]/)
  })

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
