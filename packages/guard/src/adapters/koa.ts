/**
 * Koa. Mount after a body parser to have bodies inspected (`ctx.request.body`).
 * `app.use(vigilKoa(guard))`.
 * @module
 */
import type { Middleware } from 'koa'
import { BLOCKED_BODY, type Guard } from '../decide.ts'

export function vigilKoa(guard: Guard): Middleware {
  return async (ctx, next) => {
    const body = (ctx.request as { body?: unknown }).body
    const d = guard.decide({ method: ctx.method, url: ctx.originalUrl, headers: ctx.headers, body, ip: ctx.req.socket.remoteAddress })
    if (d.action === 'block') {
      ctx.status = d.status
      ctx.body = BLOCKED_BODY
      return
    }
    await next()
  }
}
