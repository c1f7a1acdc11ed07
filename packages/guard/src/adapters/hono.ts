/**
 * Hono. Reads the body through Hono's cached `c.req.text()`, so handlers can still read it.
 * `app.use('*', vigilHono(guard))`.
 * @module
 */
import type { MiddlewareHandler } from 'hono'
import { BLOCKED_BODY, type Guard } from '../decide.ts'

export function vigilHono(guard: Guard, options: { clientIp?: (c: Parameters<MiddlewareHandler>[0]) => string | undefined } = {}): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD'
    const body = hasBody ? await c.req.text() : undefined
    const d = guard.decide({ method: c.req.method, url: url.pathname + url.search, headers: c.req.header(), body, ip: options.clientIp?.(c) })
    if (d.action === 'block') return c.json(BLOCKED_BODY, d.status)
    await next()
  }
}
