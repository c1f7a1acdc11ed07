/**
 * The app under load for fastify-guard.ts: a small shop API on Fastify, bare or with the
 * guard's preHandler. Prints its URL on stdout once listening. `guard MODULE` loads the guard
 * from another checkout's packages/guard/src/index.ts (a same-run baseline), so that every arm
 * runs this same server code. Given an IPC channel, it answers each message with its own
 * process.cpuUsage() (µs, all threads), read between rounds.
 * @module
 */
import Fastify from 'fastify'
import type * as GuardModule from '../../packages/guard/src/index.ts'

const withGuard = process.argv[2] === 'guard'
const app = Fastify()
if (withGuard) {
  const { createGuard, vigilFastify } = (await import(process.argv[3] ?? '../../packages/guard/src/index.ts')) as typeof GuardModule
  app.addHook('preHandler', vigilFastify(createGuard({ config: { mode: 'block' } })))
}
app.get('/products', async (req) => ({ q: (req.query as { q?: string }).q ?? '', items: [{ id: 1, name: 'Mug', price: 12.5 }] }))
app.post('/api/cart', async (req) => ({ ok: true, items: (req.body as { items?: unknown[] }).items?.length ?? 0 }))
const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.on('message', () => process.send?.(process.cpuUsage()))
// An orderly exit on SIGINT, so that a profiler given through --node-args writes its profile.
process.once('SIGINT', () => void app.close().then(() => process.exit(0)))
process.stdout.write(`${url}\n`)
