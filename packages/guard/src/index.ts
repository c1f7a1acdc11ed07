/**
 * @vigil/guard — the inline WAF for Node apps: one framework-neutral decision and thin
 * adapters, plus a reverse proxy. Depends on @vigil/core's WAF only: no database, no server.
 * @module
 */
export { createGuard, BLOCKED_BODY, type Decision, type Guard, type GuardOptions, type GuardRequest } from './decide.ts'
export { createBotGuard, type BotGuard, type GuardBotOptions } from './bots.ts'
export { MemorySink, NdjsonFileSink, type GuardEvent, type GuardSink } from './sinks.ts'
export { createGuardProxy, type ProxyOptions } from './proxy.ts'
export { vigilExpress } from './adapters/express.ts'
export { vigilFastify } from './adapters/fastify.ts'
export { vigilKoa } from './adapters/koa.ts'
export { vigilHono } from './adapters/hono.ts'
export { withVigil } from './adapters/node-http.ts'
