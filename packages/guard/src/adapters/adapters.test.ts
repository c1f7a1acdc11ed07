import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { text } from 'node:stream/consumers'
import { serve } from '@hono/node-server'
import bodyParser from '@koa/bodyparser'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
import { afterEach, describe, expect, it } from 'vitest'
import { createGuard } from '../decide.ts'
import { MemorySink } from '../sinks.ts'
import { adapterConformance, type RunningApp } from '../testing/conformance.ts'
import { vigilExpress } from './express.ts'
import { vigilFastify } from './fastify.ts'
import { vigilHono } from './hono.ts'
import { vigilKoa } from './koa.ts'
import { withVigil } from './node-http.ts'

async function listen(server: Server): Promise<RunningApp> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

adapterConformance({
  name: 'express',
  start: (guard) => {
    const app = express()
    app.use(express.json())
    app.use(vigilExpress(guard))
    app.use((_req, res) => {
      res.send('ok')
    })
    return listen(createServer(app))
  },
})

adapterConformance({
  name: 'fastify',
  start: async (guard) => {
    const app = Fastify()
    app.addHook('preHandler', vigilFastify(guard))
    app.all('/*', async () => 'ok')
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    return { url, close: () => app.close() }
  },
})

adapterConformance({
  name: 'koa',
  start: (guard) => {
    const app = new Koa()
    app.use(bodyParser())
    app.use(vigilKoa(guard))
    app.use((ctx) => {
      ctx.body = 'ok'
    })
    return listen(createServer(app.callback()))
  },
})

adapterConformance({
  name: 'hono',
  start: async (guard) => {
    const app = new Hono()
    app.use('*', vigilHono(guard, { clientIp: (c) => (c.env as { incoming?: { socket: { remoteAddress?: string } } }).incoming?.socket.remoteAddress }))
    app.all('*', (c) => c.text('ok'))
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
  },
})

adapterConformance({
  name: 'node:http',
  start: (guard) => listen(createServer(withVigil(guard, (_req, res) => res.end('ok')))),
})

describe('node:http adapter body handling', () => {
  let app: RunningApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  /** The handler echoes the body it reads, by events or by async iteration. */
  const startEcho = async (config: Parameters<typeof createGuard>[0], how: 'events' | 'iterate' = 'events'): Promise<string> => {
    const guard = createGuard({ ...config, config: { timeBudgetMs: 10_000, ...config?.config } })
    app = await listen(
      createServer(
        withVigil(guard, (req, res) => {
          if (how === 'iterate') {
            void text(req).then((b) => res.end(`${b.length}:${b.slice(0, 20)}`))
            return
          }
          const chunks: Buffer[] = []
          req.on('data', (c: Buffer) => chunks.push(c))
          req.on('end', () => {
            const b = Buffer.concat(chunks).toString()
            res.end(`${b.length}:${b.slice(0, 20)}`)
          })
        }),
      ),
    )
    return app.url
  }

  it('hands the handler the inspected body unchanged, read by events or by iteration', async () => {
    for (const how of ['events', 'iterate'] as const) {
      const url = await startEcho({ config: { mode: 'block' } }, how)
      const body = JSON.stringify({ review: "Great mug, O'Reilly <3", stars: 5 })
      const res = await fetch(`${url}/api/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      expect(await res.text()).toBe(`${body.length}:${body.slice(0, 20)}`)
      await app?.close()
      app = undefined
    }
  })

  it('streams a body past maxBodyBytes to the handler whole when failing open, and reports it', async () => {
    const sink = new MemorySink()
    const url = await startEcho({ config: { mode: 'block', onError: 'open', limits: { maxBodyBytes: 1024 } }, sink })
    const res = await fetch(`${url}/upload`, { method: 'POST', body: 'a'.repeat(200_000) })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(`200000:${'a'.repeat(20)}`)
    expect(sink.events).toMatchObject([{ action: 'allow', reason: 'fail-open' }])
    expect(sink.events[0]?.error).toMatch(/larger than maxBodyBytes/)
  })

  it('refuses a body past maxBodyBytes when failing closed, and keeps a clean small body working', async () => {
    const url = await startEcho({ config: { mode: 'block', onError: 'closed', limits: { maxBodyBytes: 1024 } } })
    expect((await fetch(`${url}/upload`, { method: 'POST', body: 'a'.repeat(200_000) })).status).toBe(403)
    const res = await fetch(`${url}/upload`, { method: 'POST', body: 'a'.repeat(1024) })
    expect(await res.text()).toBe(`1024:${'a'.repeat(20)}`)
  })

  it('finds an attack in a chunked body', async () => {
    const url = await startEcho({ config: { mode: 'block' } })
    const parts = ['{"user":"admin\' OR ', "'1'='1' --\"}"]
    const body = new ReadableStream({ start: (c) => { for (const p of parts) c.enqueue(new TextEncoder().encode(p)); c.close() } })
    const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit)
    expect(res.status).toBe(403)
  })
})
