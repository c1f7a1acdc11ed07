/**
 * Who is calling, and may they. A request authenticates with an API token
 * (`Authorization: Bearer vgl_…`) or the session cookie; state-changing calls made
 * with a cookie must also carry the session's CSRF token in `x-csrf-token` and, when
 * the browser sends one, an Origin of this server.
 * @module
 */
import type { FastifyRequest } from 'fastify'
import { timingSafeEqual } from 'node:crypto'
import { ApiError } from '../api/api-error.ts'
import { roleAllows } from './roles.ts'
import type { Role } from './roles.ts'
import type { SessionStore } from './sessions.ts'
import type { TokenRegistry } from './token-file.ts'

export const SESSION_COOKIE = 'vigil_session'

export interface Principal {
  role: Role
  subject: string
  via: 'token' | 'session' | 'open'
  /** The CSRF token to expect on state-changing calls; null for bearer tokens. */
  csrf: string | null
  sessionId: string | null
}

export interface AuthState {
  tokens: TokenRegistry
  sessions: SessionStore
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** `auth === null` is `--no-auth`: everyone is admin, CSRF still applies with `openCsrf`. */
export function identify(req: FastifyRequest, auth: AuthState | null, openCsrf: string): Principal | null {
  if (auth === null) return { role: 'admin', subject: 'anyone (--no-auth)', via: 'open', csrf: openCsrf, sessionId: null }
  const header = req.headers.authorization
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const record = auth.tokens.verify(header.slice('Bearer '.length).trim())
    return record === null ? null : { role: record.role, subject: record.name, via: 'token', csrf: null, sessionId: null }
  }
  const sessionId = req.cookies[SESSION_COOKIE]
  if (typeof sessionId !== 'string' || sessionId === '') return null
  const session = auth.sessions.get(sessionId)
  if (session === null) return null
  return { role: session.role, subject: session.subject, via: 'session', csrf: session.csrf, sessionId }
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

export function checkCsrf(req: FastifyRequest, principal: Principal): void {
  if (SAFE_METHODS.has(req.method) || principal.csrf === null) return
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host ?? ''}`) {
    throw new ApiError(403, 'csrf', 'Cross-origin request refused.')
  }
  const sent = req.headers['x-csrf-token']
  if (typeof sent !== 'string' || !safeEqual(sent, principal.csrf)) {
    throw new ApiError(403, 'csrf', 'Missing or wrong x-csrf-token header; reload the page.')
  }
}

export function requireRole(principal: Principal | null, needed: Role): Principal {
  if (principal === null) throw new ApiError(401, 'unauthenticated', 'Log in with the link `vigil serve` printed, or send an API token.')
  if (!roleAllows(principal.role, needed)) {
    throw new ApiError(403, 'forbidden', `This needs the ${needed} role; you have ${principal.role}.`)
  }
  return principal
}
