import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createGuard } from './decide.ts'
import { createGuardProxy } from './proxy.ts'
import { MemorySink } from './sinks.ts'

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('reverse proxy', () => {
  const servers: Server[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))))
  })

  async function setup(maxBodyBytes = 1 << 20, onError: 'open' | 'closed' = 'open'): Promise<{ proxy: string; sink: MemorySink; seen: Array<{ url: string; body: string; xff: string }> }> {
    const seen: Array<{ url: string; body: string; xff: string }> = []
    const upstream = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString(), xff: String(req.headers['x-forwarded-for']) })
        res.writeHead(201, { 'x-upstream': 'yes' })
        res.end('from upstream')
      })
    })
    servers.push(upstream)
    const sink = new MemorySink()
    const proxy = createGuardProxy({ guard: createGuard({ config: { mode: 'block', onError, timeBudgetMs: 10_000, limits: { maxBodyBytes } }, sink }), upstream: await listen(upstream) })
    servers.push(proxy)
    return { proxy: await listen(proxy), sink, seen }
  }

  it('forwards a clean request with its body and returns the upstream response', async () => {
    const { proxy, seen } = await setup()
    const res = await fetch(`${proxy}/cart?x=1`, { method: 'POST', body: '{"qty":2}', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(201)
    expect(res.headers.get('x-upstream')).toBe('yes')
    expect(await res.text()).toBe('from upstream')
    expect(seen).toEqual([{ url: '/cart?x=1', body: '{"qty":2}', xff: '127.0.0.1' }])
  })

  it('blocks an attack in the body before it reaches the upstream', async () => {
    const { proxy, seen, sink } = await setup()
    const res = await fetch(`${proxy}/login`, { method: 'POST', body: 'user=admin%27+OR+%271%27%3D%271&pw=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(403)
    expect(seen).toEqual([])
    expect(sink.events[0]?.matches[0]?.category).toBe('sqli')
  })

  it('streams a body larger than the inspection window through whole', async () => {
    const { proxy, seen } = await setup(1024)
    const body = 'a'.repeat(50_000)
    const res = await fetch(`${proxy}/upload`, { method: 'POST', body })
    expect(res.status).toBe(201)
    expect(seen[0]?.body.length).toBe(50_000)
  })

  it('refuses a body larger than the inspection window when failing closed', async () => {
    const { proxy, seen, sink } = await setup(1024, 'closed')
    const res = await fetch(`${proxy}/upload`, { method: 'POST', body: 'a'.repeat(50_000) })
    expect(res.status).toBe(403)
    expect(seen).toEqual([])
    expect(sink.events[0]).toMatchObject({ action: 'block', reason: 'fail-closed' })
  })
})
