/**
 * The console's HTTP server: the JSON API under /api, the login exchange, and the
 * built web UI, with security headers on every response and the Host header checked
 * so a DNS-rebinding page cannot reach a console bound to loopback.
 * @module
 */
import cookie from '@fastify/cookie'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ENTITY_TYPES, isVigilError } from '@vigil/core'
import type { Store } from '@vigil/core'
import { z } from 'zod'
import { ApiError } from './api/api-error.ts'
import { EVENT_TABLES, SCALAR_COLUMNS } from './api/columns.ts'
import { DetectionQuerySchema, detectionFacets, listDetections } from './api/detections.ts'
import { entityProfile } from './api/entity.ts'
import { EventQuerySchema, listEvents } from './api/events.ts'
import { dataRange, overview } from './api/overview.ts'
import { TimeRangeSchema, parseParams } from './api/params.ts'
import { DETECTION_SPLITS, detectionSeries, trafficSeries } from './api/series.ts'
import { SqlBodySchema, runSql } from './api/sql.ts'
import { topValues } from './api/top.ts'
import { SESSION_COOKIE, checkCsrf, identify, requireRole } from './auth/guard.ts'
import type { AuthState, Principal } from './auth/guard.ts'
import type { LoginLink } from './auth/login-link.ts'
import type { Role } from './auth/roles.ts'
import { SESSION_TTL_MS, SessionStore } from './auth/sessions.ts'
import type { TokenRegistry } from './auth/token-file.ts'
import { newSecret } from './auth/token-file.ts'
import { SECURITY_HEADERS } from './security-headers.ts'
import type { StaticFile } from './static-files.ts'

export interface ConsoleOptions {
  store: Store
  /** API tokens; null turns authentication off (`--no-auth`). */
  tokens: TokenRegistry | null
  /** The one-time link printed at start; absent when auth is off. */
  loginLink?: LoginLink
  /** Built UI files by URL path (see loadStaticFiles); empty serves the API only. */
  staticFiles?: ReadonlyMap<string, StaticFile>
  /**
   * Host header values accepted (`127.0.0.1:8080`, `localhost:8080`). Empty accepts
   * any, for a console deliberately exposed behind a proxy that checks Host itself.
   */
  allowedHosts?: readonly string[]
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
  }
}

const MAX_BODY_BYTES = 64 * 1024

const EntityQuerySchema = z.object({ type: z.enum(ENTITY_TYPES), value: z.string().min(1).max(1000) })
const TopQuerySchema = z.object({
  ...TimeRangeSchema.shape,
  table: z.enum(['http', 'app']).default('http'),
  field: z.string().min(1).max(64),
  scope: z.enum(['all', 'attacking']).default('all'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
})
const SeriesQuerySchema = z.object({
  ...TimeRangeSchema.shape,
  split: z.enum(Object.keys(DETECTION_SPLITS) as [keyof typeof DETECTION_SPLITS]).default('severity'),
})
const LoginQuerySchema = z.object({ token: z.string().min(1).max(200) })

function sendError(reply: FastifyReply, e: unknown, log: FastifyRequest['log']): void {
  if (e instanceof ApiError) {
    void reply.code(e.statusCode).send({ code: e.code, message: e.message })
  } else if (isVigilError(e) && (e.code === 'VIGIL_ERR_QUERY_NOT_READ_ONLY' || e.code === 'VIGIL_ERR_STORE_QUERY')) {
    void reply.code(400).send({ code: e.code, message: e.message })
  } else if (e instanceof Error && 'statusCode' in e && Number(e.statusCode) < 500) {
    // Fastify's own client errors: bad JSON body, body too large, unsupported media type.
    void reply.code(Number(e.statusCode)).send({ code: 'bad_request', message: e.message })
  } else if (e instanceof RangeError) {
    // A value the SQL literal helpers refuse (too long, NUL).
    void reply.code(400).send({ code: 'bad_request', message: e.message })
  } else {
    log.error({ err: e }, 'console request failed')
    void reply.code(500).send({ code: 'internal', message: 'The server failed; see its log.' })
  }
}

export async function buildConsole(options: ConsoleOptions): Promise<FastifyInstance> {
  const { store } = options
  const auth: AuthState | null = options.tokens === null ? null : { tokens: options.tokens, sessions: new SessionStore() }
  const openCsrf = newSecret()
  // Read live, not copied: startConsole learns its port only after listening.
  const allowedHosts = options.allowedHosts ?? []
  const files = options.staticFiles ?? new Map<string, StaticFile>()

  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, onProtoPoisoning: 'error', onConstructorPoisoning: 'error' })
  await app.register(cookie)
  app.decorateRequest('principal', null)

  app.addHook('onRequest', async (req) => {
    if (allowedHosts.length > 0 && !allowedHosts.includes(req.headers.host ?? '')) {
      throw new ApiError(421, 'bad_host', 'This console does not answer to that Host name.')
    }
    req.principal = identify(req, auth, openCsrf)
  })
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v)
    if (req.url.startsWith('/api/') || req.url.startsWith('/login')) void reply.header('cache-control', 'no-store')
    return payload
  })
  app.setErrorHandler((e, req, reply) => sendError(reply, e, req.log))

  /** Registers a handler behind a role check (and CSRF for state-changing methods). */
  const guarded = (role: Role, handler: (req: FastifyRequest) => Promise<unknown>) => async (req: FastifyRequest) => {
    const principal = requireRole(req.principal, role)
    checkCsrf(req, principal)
    return handler(req)
  }

  app.get('/login', async (req, reply) => {
    if (auth === null) return reply.redirect('/', 303)
    const { token } = parseParams(LoginQuerySchema, req.query)
    let grant: { role: Role; subject: string } | null = null
    if (options.loginLink?.redeem(token)) grant = { role: 'admin', subject: 'login link' }
    else {
      const record = auth.tokens.verify(token)
      if (record !== null) grant = { role: record.role, subject: record.name }
    }
    if (grant === null) throw new ApiError(401, 'unauthenticated', 'That login token is wrong or already used.')
    const { id } = auth.sessions.create(grant.role, grant.subject)
    void reply.setCookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
      maxAge: SESSION_TTL_MS / 1000,
    })
    // 303 to a URL without the token, so it leaves the address bar and the history.
    return reply.redirect('/', 303)
  })

  app.post(
    '/api/logout',
    guarded('viewer', async (req) => {
      if (auth !== null && req.principal?.sessionId) auth.sessions.delete(req.principal.sessionId)
      return { ok: true }
    }),
  )
  app.get(
    '/api/me',
    guarded('viewer', async (req) => ({
      role: req.principal!.role,
      subject: req.principal!.subject,
      csrf: req.principal!.csrf,
      auth: auth !== null,
    })),
  )
  app.get(
    '/api/overview',
    guarded('viewer', async (req) => overview(store, parseParams(TimeRangeSchema, req.query))),
  )
  app.get(
    '/api/range',
    guarded('viewer', async () => ({ data_range: await dataRange(store) })),
  )
  app.get(
    '/api/series/traffic',
    guarded('viewer', async (req) => trafficSeries(store, parseParams(TimeRangeSchema, req.query))),
  )
  app.get(
    '/api/series/detections',
    guarded('viewer', async (req) => {
      const q = parseParams(SeriesQuerySchema, req.query)
      return detectionSeries(store, q, q.split)
    }),
  )
  app.get(
    '/api/top',
    guarded('viewer', async (req) => {
      const q = parseParams(TopQuerySchema, req.query)
      if (!SCALAR_COLUMNS[q.table].includes(q.field)) {
        throw new ApiError(400, 'bad_request', `field: unknown column for ${q.table} events`)
      }
      return { rows: await topValues(store, q.table, q.field, q, q.scope, q.limit) }
    }),
  )
  app.get(
    '/api/detections',
    guarded('viewer', async (req) => listDetections(store, parseParams(DetectionQuerySchema, req.query))),
  )
  app.get(
    '/api/detections/facets',
    guarded('viewer', async () => detectionFacets(store)),
  )
  app.get(
    '/api/entity',
    guarded('viewer', async (req) => {
      const q = parseParams(EntityQuerySchema, req.query)
      return entityProfile(store, q.type, q.value)
    }),
  )
  app.get(
    '/api/columns',
    guarded('viewer', async () => ({ tables: EVENT_TABLES, columns: SCALAR_COLUMNS })),
  )
  app.get(
    '/api/events',
    guarded('analyst', async (req) => listEvents(store, parseParams(EventQuerySchema, req.query))),
  )
  app.post(
    '/api/sql',
    guarded('admin', async (req) => runSql(store, parseParams(SqlBodySchema, req.body).sql)),
  )

  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    if (path.startsWith('/api/')) throw new ApiError(404, 'not_found', 'No such API endpoint.')
    // The UI routes with the hash, so every other path is the single page itself.
    const file = files.get(path) ?? files.get('/index.html')
    if (file === undefined) throw new ApiError(404, 'not_found', 'The web UI is not built.')
    void reply.type(file.type)
    void reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    return reply.send(file.body)
  })

  return app
}
