/**
 * Fastify: a `preHandler` hook, so the body is already parsed.
 * `app.addHook('preHandler', vigilFastify(guard))`.
 * @module
 */
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import { BLOCKED_BODY, type Guard, type GuardRequest } from '../decide.ts'

/**
 * The request as the guard reads it. The client's address is read only when the guard asks
 * for it (allow and deny lists, bots, events): through the socket it is a chain of getters
 * that cost as much as the rest of this adapter, on every request.
 */
class FastifyGuardRequest implements GuardRequest {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: GuardRequest['headers'],
    readonly body: unknown,
    readonly request: FastifyRequest,
  ) {}

  get ip(): string | undefined {
    return this.request.socket.remoteAddress
  }
}

export function vigilFastify(guard: Guard): preHandlerHookHandler {
  return function vigilPreHandler(request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    const d = guard.decide(new FastifyGuardRequest(request.method, request.url, request.headers, request.body, request))
    if (d.action === 'block') {
      void reply.code(d.status).send(BLOCKED_BODY)
      return
    }
    done()
  }
}
