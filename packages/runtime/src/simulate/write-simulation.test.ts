import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SimLabels } from '@vigil/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSimConfig, writeSimulation } from './write-simulation.ts'

const SMALL = { hours: 2, scale: 0.15 }
const dirs: string[] = []

async function run(seed: number, extra: { stealth?: boolean; scenarios?: string[] } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-sim-'))
  dirs.push(dir)
  await writeSimulation(dir, await loadSimConfig(), { seed, ...SMALL, ...extra })
  return dir
}

async function digest(dir: string): Promise<string> {
  const h = createHash('sha256')
  for (const f of ['access.log', 'events.ndjson', 'labels.json']) h.update(await readFile(join(dir, f)))
  return h.digest('hex')
}

interface AccessLine {
  ip: string
  method: string
  path: string
  second: string
  kv: Record<string, string>
}

/** Parses this simulator's own lines (combined + trailing key=value fields). */
function parseAccess(line: string): AccessLine {
  const m = /^(\S+) - - \[([^\]]+)\] "(\S+) (\S+) [^"]+" \d+ \d+ "[^"]*" "[^"]*" (.*)$/.exec(line)
  if (m === null) throw new Error(`unparsable line: ${line}`)
  const kv: Record<string, string> = {}
  for (const pair of (m[5] ?? '').split(' ')) {
    const i = pair.indexOf('=')
    kv[pair.slice(0, i)] = pair.slice(i + 1)
  }
  return { ip: m[1] ?? '', second: m[2] ?? '', method: m[3] ?? '', path: m[4] ?? '', kv }
}

function nginxSecond(iso: string): string {
  const d = new Date(iso)
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

describe('writeSimulation', () => {
  let dir: string
  let access: AccessLine[]
  let rawAccess: string[]
  let events: Record<string, string | number>[]
  let labels: SimLabels

  beforeAll(async () => {
    dir = await run(7)
    rawAccess = (await readFile(join(dir, 'access.log'), 'utf8')).trimEnd().split('\n')
    access = rawAccess.map(parseAccess)
    events = (await readFile(join(dir, 'events.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string | number>)
    labels = JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as SimLabels
  }, 60_000)

  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  it('gives the same bytes for the same seed and different bytes for another seed', async () => {
    const again = await run(7)
    const other = await run(8)
    expect(await digest(again)).toBe(await digest(dir))
    expect(await digest(other)).not.toBe(await digest(dir))
  }, 60_000)

  it('labels every ip, session, account and device that appears in either file', () => {
    const missing: string[] = []
    const check = (type: keyof SimLabels['entities'], value: unknown): void => {
      if (typeof value !== 'string' || value === '-') return
      if (labels.entities[type][value] === undefined) missing.push(`${type}:${value}`)
    }
    for (const a of access) {
      check('ip', a.ip)
      check('session', a.kv.sid)
      check('account', a.kv.uid)
      check('device', a.kv.dev)
    }
    for (const e of events) {
      check('ip', e['source.ip'])
      check('session', e['session.id'])
      check('account', e['user.id'])
      check('account', e['user.name'])
      check('account', e['user.target.id'])
      check('device', e['device.id'])
      check('card', e['card.fingerprint'])
    }
    expect(missing).toEqual([])
    expect(Object.keys(labels.entities.ip).length).toBeGreaterThan(100)
  })

  it('has a POST /api/login line with the same ip, session and second for every login event', () => {
    const posts = new Set(
      access.filter((a) => a.method === 'POST' && a.path === '/api/login').map((a) => `${a.ip}|${a.kv.sid}|${a.second}`),
    )
    const logins = events.filter((e) => e['event.action'] === 'account.login')
    expect(logins.length).toBeGreaterThan(50)
    const orphans = logins.filter(
      (e) => !posts.has(`${String(e['source.ip'])}|${String(e['session.id'] ?? '-')}|${nginxSecond(String(e['@timestamp']))}`),
    )
    expect(orphans).toEqual([])
  })

  it('writes both files in time order', () => {
    const times = events.map((e) => Date.parse(String(e['@timestamp'])))
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true)
    const seconds = access.map((a) => Date.parse(a.second.replace(/^(\d+)\/(\w+)\/(\d+):/, '$2 $1 $3 ')))
    expect(seconds.every((t, i) => i === 0 || t >= (seconds[i - 1] ?? 0))).toBe(true)
  })

  it('runs every enabled population, and every attack has labelled request lines', () => {
    for (const [id, p] of Object.entries(labels.populations)) {
      expect(p.requests + p.events, id).toBeGreaterThanOrEqual(5)
      if (p.kind === 'attack') expect(labels.requests[id]?.length, id).toBeGreaterThan(0)
    }
    expect(Object.values(labels.populations).filter((p) => p.kind === 'attack').length).toBeGreaterThanOrEqual(16)
  })

  it('labels each attack line with an ip that the same attack used', () => {
    for (const [id, ranges] of Object.entries(labels.requests)) {
      let n = 0
      for (const [from, to] of ranges) {
        for (let line = from; line <= to; line++) {
          const a = access[line - 1]
          expect(a, `${id} line ${line}`).toBeDefined()
          expect(labels.entities.ip[a?.ip ?? '']).toContain(id)
          n++
        }
      }
      expect(n).toBe(labels.populations[id]?.requests)
    }
  })

  it('uses the published ranges and official user agents for verified crawlers', () => {
    const google = access.filter((a, i) => rawAccess[i]?.includes('Googlebot/2.1') && labels.entities.ip[a.ip]?.includes('googlebot'))
    expect(google.length).toBeGreaterThan(0)
    expect(google.every((a) => /^66\.249\.(6[4-9]|[78]\d|9[0-5])\./.test(a.ip))).toBe(true)
    const fakes = access.filter((a) => labels.entities.ip[a.ip]?.includes('fake-googlebot'))
    expect(fakes.some((a) => a.ip.startsWith('66.249.'))).toBe(false)
  })

  it('runs only the named scenarios, with stealth knobs when asked', async () => {
    const only = await run(7, { scenarios: ['scraper-naive', 'bola'], stealth: true })
    const l = JSON.parse(await readFile(join(only, 'labels.json'), 'utf8')) as SimLabels
    const attacks = Object.entries(l.populations).filter(([, p]) => p.kind === 'attack').map(([id]) => id)
    expect(attacks.sort()).toEqual(['bola', 'scraper-naive'])
    expect(l.stealth).toBe(true)
    // The stealth knobs slow the naive scraper down.
    expect(l.populations['scraper-naive']?.requests ?? 0).toBeLessThan(labels.populations['scraper-naive']?.requests ?? 0)
  }, 60_000)
})
