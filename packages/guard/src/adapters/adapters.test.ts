import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import bodyParser from '@koa/bodyparser'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
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
  inspectsBody: true,
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
  inspectsBody: true,
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
  inspectsBody: true,
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
  inspectsBody: true,
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
  inspectsBody: false,
  start: (guard) => listen(createServer(withVigil(guard, (_req, res) => res.end('ok')))),
})
