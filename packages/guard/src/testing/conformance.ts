/**
 * One conformance suite for every adapter (habit 11): each adapter is mounted in a real
 * server on 127.0.0.1 and driven over HTTP.
 * @module
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createGuard, BLOCKED_BODY, type Guard, type GuardOptions } from '../decide.ts'
import { MemorySink } from '../sinks.ts'

export interface RunningApp {
  url: string
  close(): Promise<void>
}

export interface AdapterUnderTest {
  name: string
  /** Starts an app whose every route answers 200 "ok", guarded by `guard`. */
  start(guard: Guard): Promise<RunningApp>
}

const XSS = '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E'

export function adapterConformance(adapter: AdapterUnderTest): void {
  describe(`${adapter.name} adapter conformance`, () => {
    let app: RunningApp | undefined
    afterEach(async () => {
      await app?.close()
      app = undefined
    })
    const start = async (options: GuardOptions): Promise<RunningApp> => {
      // No timing in these tests: a loaded machine must not turn into fail-open verdicts.
      app = await adapter.start(createGuard({ ...options, config: { timeBudgetMs: 10_000, ...options.config } }))
      return app
    }

    it('lets a clean request through', async () => {
      const a = await start({ config: { mode: 'block' } })
      const res = await fetch(`${a.url}/products?q=O%27Reilly+%3C3`)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('ok')
    })

    it('blocks an attack in block mode with a generic body', async () => {
      const a = await start({ config: { mode: 'block' } })
      const res = await fetch(`${a.url}${XSS}`)
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual(BLOCKED_BODY)
    })

    it('only reports the attack in monitor mode, the default', async () => {
      const sink = new MemorySink()
      const a = await start({ sink })
      const res = await fetch(`${a.url}${XSS}`)
      expect(res.status).toBe(200)
      expect(sink.events).toHaveLength(1)
      expect(sink.events[0]).toMatchObject({ action: 'monitor', reason: 'waf' })
      expect(sink.events[0]?.matches[0]?.category).toBe('xss')
    })

    it('blocks an attack in a JSON body', async () => {
      const a = await start({ config: { mode: 'block' } })
      const res = await fetch(`${a.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: "admin' OR '1'='1' --", password: 'x' }),
      })
      expect(res.status).toBe(403)
    })

    it('denies a denylisted path and lets an allowlisted IP through', async () => {
      let a = await start({ config: { mode: 'block', deny: { paths: ['/admin'] } } })
      expect((await fetch(`${a.url}/admin/users`)).status).toBe(403)
      expect((await fetch(`${a.url}/administrator`)).status).toBe(200)
      await a.close()
      a = await start({ config: { mode: 'block', allow: { ips: ['127.0.0.0/8', '::1'] } } })
      expect((await fetch(`${a.url}${XSS}`)).status).toBe(200)
    })

    it('fails closed or open on an engine error, as configured', async () => {
      const engine = { level: 2 as const, threshold: 5, inspect: () => { throw new Error('rule pack corrupted') } }
      const sink = new MemorySink()
      let a = await start({ config: { onError: 'closed' }, engine, sink })
      expect((await fetch(`${a.url}/`)).status).toBe(403)
      await a.close()
      a = await start({ config: { onError: 'open' }, engine, sink })
      expect((await fetch(`${a.url}/`)).status).toBe(200)
      expect(sink.events.map((e) => e.reason)).toEqual(['fail-closed', 'fail-open'])
      expect(sink.events[0]?.error).toContain('rule pack corrupted')
      // The client's address reaches the event, however the adapter hands it over.
      expect(sink.events[0]?.ip).toMatch(/127\.0\.0\.1$|^::1$/)
    })
  })
}
