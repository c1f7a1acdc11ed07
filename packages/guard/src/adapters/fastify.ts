/**
 * Fastify: a `preHandler` hook, so the body is already parsed.
 * `app.addHook('preHandler', vigilFastify(guard))`.
 * @module
 */
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { BLOCKED_BODY, type Guard } from '../decide.ts'

export function vigilFastify(guard: Guard): preHandlerHookHandler {
  return function vigilPreHandler(request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    const d = guard.decide({ method: request.method, url: request.url, headers: request.headers, body: request.body, ip: request.socket.remoteAddress })
    if (d.action === 'block') {
      void reply.code(d.status).send(BLOCKED_BODY)
      return
    }
    done()
  }
}
