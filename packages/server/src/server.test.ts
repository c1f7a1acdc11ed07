import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DuckDbStore } from '@vigil/storage-duckdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoginLink } from './auth/login-link.ts'
import { TokenRegistry } from './auth/token-file.ts'
import type { Role } from './auth/roles.ts'
import { HOSTILE_STRINGS } from './fixtures/hostile-strings.ts'
import { SCRAPER_IP, SEED_END, SEED_START, STUFFER_DEVICE, STUFFER_IP, seedStore } from './fixtures/seed-store.ts'
import { buildConsole } from './server.ts'
import { CONTENT_SECURITY_POLICY } from './security-headers.ts'
import type { StaticFile } from './static-files.ts'

const HOST = '127.0.0.1:8080'
const INDEX: StaticFile = { body: Buffer.from('<!doctype html><title>Vigil</title>'), type: 'text/html; charset=utf-8', immutable: false }

let dir: string
let store: DuckDbStore
let app: FastifyInstance
let loginToken: string
const tokens: Record<Role, string> = { viewer: '', analyst: '', admin: '' }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-server-'))
  store = await DuckDbStore.open(join(dir, 'vigil.duckdb'))
  await seedStore(store)
  const registry = TokenRegistry.load(join(dir, 'vigil.duckdb.tokens.json'))
  for (const role of ['viewer', 'analyst', 'admin'] as const) tokens[role] = registry.create(role, `${role} token`).token
  const login = LoginLink.create()
  loginToken = login.token
  app = await buildConsole({
    store,
    tokens: TokenRegistry.load(registry.path),
    loginLink: login.link,
    staticFiles: new Map([['/index.html', INDEX]]),
    allowedHosts: [HOST],
  })
})

afterAll(async () => {
  await app.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

function get(url: string, role: Role | null = 'admin', headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url,
    headers: { host: HOST, ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...headers },
  })
}

function qs(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()
}

describe('authentication and roles', () => {
  it('refuses API calls without credentials', async () => {
    const res = await get('/api/overview', null)
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('unauthenticated')
  })

  it('refuses a wrong bearer token', async () => {
    const res = await get('/api/overview', null, { authorization: 'Bearer vgl_not-a-real-token' })
    expect(res.statusCode).toBe(401)
  })

  it('lets a viewer see aggregates but not raw events or SQL', async () => {
    expect((await get('/api/overview', 'viewer')).statusCode).toBe(200)
    expect((await get('/api/detections', 'viewer')).statusCode).toBe(200)
    const events = await get('/api/events', 'viewer')
    expect(events.statusCode).toBe(403)
    expect(events.json().code).toBe('forbidden')
    const sql = await app.inject({
      method: 'POST',
      url: '/api/sql',
      headers: { host: HOST, authorization: `Bearer ${tokens.viewer}` },
      payload: { sql: 'SELECT 1' },
    })
    expect(sql.statusCode).toBe(403)
  })

  it('lets an analyst read events but not run SQL', async () => {
    expect((await get('/api/events', 'analyst')).statusCode).toBe(200)
    const sql = await app.inject({
      method: 'POST',
      url: '/api/sql',
      headers: { host: HOST, authorization: `Bearer ${tokens.analyst}` },
      payload: { sql: 'SELECT 1' },
    })
    expect(sql.statusCode).toBe(403)
  })

  it('exchanges the one-time login link for an HttpOnly SameSite=Strict session, once', async () => {
    const res = await app.inject({ method: 'GET', url: `/login?token=${loginToken}`, headers: { host: HOST } })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^vigil_session=[A-Za-z0-9_-]{20,};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    const again = await app.inject({ method: 'GET', url: `/login?token=${loginToken}`, headers: { host: HOST } })
    expect(again.statusCode).toBe(401)

    const session = res.cookies.find((c) => c.name === 'vigil_session')!.value
    const me = await get('/api/me', null, { cookie: `vigil_session=${session}` })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ role: 'admin', auth: true })
    expect(me.json().csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/)
  })

  it('logs in with an API token as that token’s role', async () => {
    const res = await app.inject({ method: 'GET', url: `/login?token=${tokens.viewer}`, headers: { host: HOST } })
    const session = res.cookies.find((c) => c.name === 'vigil_session')!.value
    const me = await get('/api/me', null, { cookie: `vigil_session=${session}` })
    expect(me.json().role).toBe('viewer')
  })

  it('keeps only hashes in the token file', async () => {
    const registry = TokenRegistry.load(join(dir, 'vigil.duckdb.tokens.json'))
    const text = JSON.stringify(registry.list())
    for (const t of Object.values(tokens)) expect(text).not.toContain(t)
    expect(registry.verify(tokens.analyst)?.role).toBe('analyst')
  })

  it('refuses a Host it does not serve (DNS rebinding)', async () => {
    const res = await get('/api/overview', 'admin', { host: 'evil.example:8080' })
    expect(res.statusCode).toBe(421)
  })
})

describe('CSRF', () => {
  it('refuses a cookie-authenticated POST without the CSRF header', async () => {
    const { cookie } = await sessionOnFreshConsole()
    const res = await fresh!.inject({ method: 'POST', url: '/api/sql', headers: { host: HOST, cookie }, payload: { sql: 'SELECT 1' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('csrf')
  })

  it('refuses a POST from another origin even with the token', async () => {
    const { cookie, csrf } = await sessionOnFreshConsole()
    const res = await fresh!.inject({
      method: 'POST',
      url: '/api/sql',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf, origin: 'http://evil.example' },
      payload: { sql: 'SELECT 1' },
    })
    expect(res.statusCode).toBe(403)
  })

  it('accepts a same-origin POST with the session’s CSRF token', async () => {
    const { cookie, csrf } = await sessionOnFreshConsole()
    const res = await fresh!.inject({
      method: 'POST',
      url: '/api/sql',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf, origin: `http://${HOST}` },
      payload: { sql: 'SELECT 41 + 1 AS answer' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().rows).toEqual([{ answer: 42 }])
  })

  it('refuses another session’s CSRF token', async () => {
    const a = await sessionOnFreshConsole()
    const b = await sessionOnFreshConsole()
    const res = await fresh!.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { host: HOST, cookie: a.cookie, 'x-csrf-token': b.csrf },
    })
    expect(res.statusCode).toBe(403)
  })

  let fresh: FastifyInstance | null = null
  let freshToken = ''
  async function sessionOnFreshConsole(): Promise<{ cookie: string; csrf: string }> {
    if (fresh === null) {
      const registry = TokenRegistry.load(join(dir, 'vigil.duckdb.tokens.json'))
      freshToken = registry.create('admin', 'csrf test').token
      fresh = await buildConsole({ store, tokens: TokenRegistry.load(registry.path), allowedHosts: [HOST] })
    }
    const res = await fresh.inject({ method: 'GET', url: `/login?token=${freshToken}`, headers: { host: HOST } })
    const cookie = `vigil_session=${res.cookies.find((c) => c.name === 'vigil_session')!.value}`
    const me = await fresh.inject({ method: 'GET', url: '/api/me', headers: { host: HOST, cookie } })
    return { cookie, csrf: me.json().csrf }
  }
  afterAll(async () => {
    await fresh?.close()
  })
})

describe('--no-auth', () => {
  it('lets anyone in as admin but still demands the CSRF token on POST', async () => {
    const open = await buildConsole({ store, tokens: null, allowedHosts: [HOST] })
    try {
      const me = await open.inject({ method: 'GET', url: '/api/me', headers: { host: HOST } })
      expect(me.json()).toMatchObject({ role: 'admin', auth: false })
      const post = (headers: Record<string, string>): Promise<LightMyRequestResponse> =>
        open.inject({ method: 'POST', url: '/api/sql', headers: { host: HOST, ...headers }, payload: { sql: 'SELECT 1 AS one' } })
      expect((await post({})).statusCode).toBe(403)
      expect((await post({ 'x-csrf-token': 'guess' })).statusCode).toBe(403)
      expect((await post({ 'x-csrf-token': me.json().csrf })).json().rows).toEqual([{ one: 1 }])
      const login = await open.inject({ method: 'GET', url: '/login?token=x', headers: { host: HOST } })
      expect(login.statusCode).toBe(303)
      expect(login.headers['set-cookie']).toBeUndefined()
    } finally {
      await open.close()
    }
  })
})

describe('security headers', () => {
  it('sends a strict CSP and the other headers on API and page responses', async () => {
    for (const res of [await get('/api/overview'), await get('/', null), await get('/api/overview', null)]) {
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
    }
    const csp = CONTENT_SECURITY_POLICY
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("base-uri 'none'")
  })

  it('serves the page to anyone but no data, and never caches API answers', async () => {
    const page = await get('/', null)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<title>Vigil</title>')
    expect((await get('/api/overview')).headers['cache-control']).toBe('no-store')
    expect((await get('/api/nope')).statusCode).toBe(404)
  })
})

describe('overview and series', () => {
  it('counts events, blocked requests and detections', async () => {
    const o = (await get('/api/overview')).json()
    expect(o.http.events).toBe(240 + 180 + HOSTILE_STRINGS.length)
    expect(o.http.blocked).toBe(60 + HOSTILE_STRINGS.length)
    expect(o.http.allowed).toBe(o.http.events - o.http.blocked)
    expect(o.app.failed_logins).toBe(50)
    expect(o.detections.total).toBe(4)
    expect(o.detections.by_severity).toEqual({ critical: 1, high: 2, medium: 1 })
    expect(o.data_range.from).toBe(SEED_START)
  })

  it('gives the stored data range on its own, for the time pickers', async () => {
    expect((await get('/api/range', 'viewer')).json()).toEqual({ data_range: { from: SEED_START, to: (await get('/api/overview')).json().data_range.to } })
  })

  it('narrows the overview to a time range', async () => {
    const o = (await get(`/api/overview?${qs({ from: SEED_START, to: SEED_START + 1800_000 })}`)).json()
    expect(o.http.events).toBe(60)
    expect(o.http.blocked).toBe(0)
  })

  it('buckets traffic without gaps, blocked and allowed summing to the total', async () => {
    const s = (await get(`/api/series/traffic?${qs({ from: SEED_START, to: SEED_END })}`)).json()
    expect(s.bucket_seconds).toBe(60)
    expect(s.buckets).toHaveLength(120)
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0)
    expect(sum(s.series.blocked) + sum(s.series.allowed)).toBe(240 + 180 + HOSTILE_STRINGS.length)
    expect(s.buckets[1] - s.buckets[0]).toBe(60_000)
  })

  it('splits detections over time by severity or category', async () => {
    const bySeverity = (await get('/api/series/detections')).json()
    expect(Object.keys(bySeverity.series).sort()).toEqual(['critical', 'high', 'medium'])
    const byCategory = (await get('/api/series/detections?split=category')).json()
    expect(byCategory.series.credential_stuffing.reduce((a: number, b: number) => a + b, 0)).toBe(2)
    expect((await get('/api/series/detections?split=nope')).statusCode).toBe(400)
  })
})

describe('top values', () => {
  it('ranks IPs by requests with their blocked counts', async () => {
    const { rows } = (await get('/api/top?field=source_ip&limit=3')).json()
    expect(rows[0]).toMatchObject({ value: SCRAPER_IP, events: 180, blocked: 60 })
  })

  it('limits to attacking IPs and labels ASNs with their organisation', async () => {
    const { rows } = (await get('/api/top?field=source_as_number&scope=attacking')).json()
    expect(rows.map((r: { value: number }) => r.value).sort()).toEqual([14061, 64500])
    expect(rows.find((r: { value: number }) => r.value === 14061).label).toBe('DigitalOcean, LLC')
  })

  it('refuses a column outside the whitelist, including SQL in the name', async () => {
    for (const field of ['password', 'source_ip; DROP TABLE detections', 'labels', '1']) {
      const res = await get(`/api/top?${qs({ field })}`)
      expect(res.statusCode).toBe(400)
    }
    expect((await get('/api/overview')).json().detections.total).toBe(4)
  })
})

describe('detections', () => {
  it('lists detections by score with parsed evidence and related entities', async () => {
    const body = (await get('/api/detections')).json()
    expect(body.total).toBe(4)
    expect(body.rows.map((d: { score: number }) => d.score)).toEqual([93, 87, 75, 55])
    expect(body.rows[0].related).toContainEqual({ type: 'device', value: STUFFER_DEVICE })
    expect(body.rows[0].explanation).toContain(HOSTILE_STRINGS[0])
  })

  it('filters by entity type, threat, severity, minimum score and text', async () => {
    const ids = async (params: Record<string, string | number>): Promise<string[]> =>
      (await get(`/api/detections?${qs(params)}`)).json().rows.map((d: { id: string }) => d.id)
    expect(await ids({ entity_type: 'device' })).toEqual(['d-device'])
    expect(await ids({ threat: 'OAT-008' })).toEqual(['d-stuff', 'd-device'])
    expect(await ids({ severity: 'high' })).toEqual(['d-scrape', 'd-device'])
    expect(await ids({ min_score: 80 })).toEqual(['d-stuff', 'd-scrape'])
    expect(await ids({ q: 'product pages' })).toEqual(['d-scrape'])
    expect(await ids({ q: "' OR 1=1 --" })).toEqual([])
    expect(await ids({ q: '%' })).toEqual([])
  })

  it('pages', async () => {
    const page = (await get('/api/detections?limit=2&offset=2')).json()
    expect(page.total).toBe(4)
    expect(page.rows.map((d: { id: string }) => d.id)).toEqual(['d-device', 'd-xss'])
  })

  it('offers facet values for the filters', async () => {
    const f = (await get('/api/detections/facets')).json()
    expect(f.threat).toContainEqual({ value: 'OAT-008', count: 2 })
    expect(f.entity_type.map((x: { value: string }) => x.value).sort()).toEqual(['device', 'ip', 'request'])
  })

  it('rejects out-of-range parameters', async () => {
    expect((await get('/api/detections?min_score=101')).statusCode).toBe(400)
    expect((await get('/api/detections?entity_type=planet')).statusCode).toBe(400)
    expect((await get('/api/detections?limit=100000')).statusCode).toBe(400)
  })
})

describe('entity profile', () => {
  it('gives the risk, the timeline and the related-entity graph of an IP', async () => {
    const p = (await get(`/api/entity?${qs({ type: 'ip', value: STUFFER_IP })}`)).json()
    expect(p.risk.score).toBeGreaterThanOrEqual(93)
    expect(p.risk.reasons.map((r: { detection_id: string; link: string }) => [r.detection_id, r.link])).toEqual([
      ['d-stuff', 'direct'],
      ['d-device', 'related'],
      ['d-xss', 'related'],
    ])
    expect(p.detections.map((d: { id: string }) => d.id)).toEqual(['d-stuff', 'd-device', 'd-xss'])
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0)
    expect(sum(p.timeline.http)).toBe(HOSTILE_STRINGS.length)
    expect(sum(p.timeline.app)).toBe(60)
    const device = p.graph.nodes.find((n: { id: string }) => n.id === `device:${STUFFER_DEVICE}`)
    expect(device).toMatchObject({ type: 'device', score: 75, center: false })
    expect(p.graph.edges).toContainEqual({ source: `ip:${STUFFER_IP}`, target: `device:${STUFFER_DEVICE}`, weight: 72, via: 'events' })
    expect(p.graph.nodes.filter((n: { type: string }) => n.type === 'account').length).toBeGreaterThan(1)
    expect(p.recent.length).toBe(72)
  })

  it('answers for an entity with no events from its detections alone', async () => {
    const p = (await get(`/api/entity?${qs({ type: 'request', value: HOSTILE_STRINGS[1]! })}`)).json()
    expect(p.risk.score).toBe(55)
    expect(p.risk.severity).toBe('medium')
    expect(p.timeline.buckets).toEqual([])
    expect(p.graph.nodes.map((n: { id: string }) => n.id)).toContain(`ip:${STUFFER_IP}`)
  })

  it('validates the entity type', async () => {
    expect((await get('/api/entity?type=planet&value=x')).statusCode).toBe(400)
  })
})

describe('events explorer', () => {
  const events = async (params: Record<string, string | number>): Promise<{ total: number; rows: Record<string, unknown>[] }> => {
    const res = await get(`/api/events?${qs(params)}`)
    expect(res.statusCode).toBe(200)
    return res.json()
  }

  it('pages newest first', async () => {
    const first = await events({ limit: 5 })
    expect(first.total).toBe(240 + 180 + HOSTILE_STRINGS.length)
    expect(first.rows).toHaveLength(5)
    const ts = first.rows.map((r) => Number(r.ts))
    expect([...ts].sort((a, b) => b - a)).toEqual(ts)
    const second = await events({ limit: 5, offset: 5 })
    expect(Number(second.rows[0]!.ts)).toBeLessThanOrEqual(ts[4]!)
  })

  it('includes and excludes on any column value, null included', async () => {
    const only = await events({ filters: JSON.stringify([{ field: 'source_ip', value: SCRAPER_IP }]) })
    expect(only.total).toBe(180)
    const without = await events({ filters: JSON.stringify([{ field: 'source_ip', value: SCRAPER_IP, exclude: true }]) })
    expect(without.total).toBe(240 + HOSTILE_STRINGS.length)
    const status = await events({ filters: JSON.stringify([{ field: 'http_response_status_code', value: 403 }]) })
    expect(status.total).toBe(60 + HOSTILE_STRINGS.length)
    const noUser = await events({ filters: JSON.stringify([{ field: 'user_name', value: null }]) })
    expect(noUser.total).toBe(240 + 180)
    const both = await events({
      filters: JSON.stringify([
        { field: 'source_ip', value: SCRAPER_IP },
        { field: 'http_response_status_code', value: '403', exclude: true },
      ]),
    })
    expect(both.total).toBe(120)
  })

  it('matches hostile values exactly, as data', async () => {
    for (const s of HOSTILE_STRINGS) {
      const r = await events({ filters: JSON.stringify([{ field: 'user_agent_original', value: s }]) })
      expect(r.total).toBe(1)
      expect(r.rows[0]!.user_agent_original).toBe(s)
    }
  })

  it('bounds by time range and searches the raw line', async () => {
    const r = await events({ from: SEED_START, to: SEED_START + 600_000 })
    expect(r.total).toBe(20)
    const q = await events({ q: 'seed line 42' })
    expect(q.total).toBe(1)
  })

  it('reads app events too', async () => {
    const r = await events({ table: 'app', filters: JSON.stringify([{ field: 'event_outcome', value: 'failure' }]) })
    expect(r.total).toBe(50)
  })

  it('refuses unknown columns, malformed filters and injection attempts', async () => {
    const bad: Record<string, string>[] = [
      { filters: JSON.stringify([{ field: 'nope', value: 'x' }]) },
      { filters: JSON.stringify([{ field: 'source_ip = source_ip OR 1', value: 'x' }]) },
      { filters: '{not json' },
      { filters: JSON.stringify([{ field: 'source_ip', value: { $ne: 1 } }]) },
      { filters: JSON.stringify(Array.from({ length: 21 }, () => ({ field: 'source_ip', value: 'x' }))) },
      { table: 'quarantine' },
    ]
    for (const params of bad) expect((await get(`/api/events?${qs(params)}`)).statusCode).toBe(400)
    const inj = await events({ filters: JSON.stringify([{ field: 'source_ip', value: "x' OR '1'='1" }]) })
    expect(inj.total).toBe(0)
  })
})

describe('read-only SQL', () => {
  const sql = (statement: string): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url: '/api/sql',
      headers: { host: HOST, authorization: `Bearer ${tokens.admin}` },
      payload: { sql: statement },
    })

  it('runs a read query', async () => {
    const res = await sql('SELECT count(*) AS n FROM detections')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ columns: ['n'], rows: [{ n: 4 }], truncated: false })
  })

  it('cannot write, attach or read files', async () => {
    for (const s of [
      'DELETE FROM detections',
      'DROP TABLE http_events',
      "ATTACH '/tmp/x.duckdb' AS x",
      "SELECT * FROM read_csv('/etc/passwd')",
      "COPY detections TO '/tmp/out.csv'",
      'SELECT 1; DELETE FROM detections',
      "INSTALL httpfs",
    ]) {
      const res = await sql(s)
      expect(res.statusCode, s).toBe(400)
      expect(res.json().code, s).toMatch(/^VIGIL_ERR_(QUERY_NOT_READ_ONLY|STORE_QUERY)$/)
    }
    expect((await sql('SELECT count(*) AS n FROM detections')).json().rows).toEqual([{ n: 4 }])
  })

  it('caps the rows it returns', async () => {
    const res = await sql('SELECT * FROM range(5000)')
    expect(res.json().rows).toHaveLength(1000)
    expect(res.json().truncated).toBe(true)
  })

  it('refuses an empty or oversized body', async () => {
    expect((await sql('')).statusCode).toBe(400)
    const big = await sql('SELECT 1 -- '.padEnd(70_000, 'x'))
    expect(big.statusCode, big.body).toBe(413)
  })
})
