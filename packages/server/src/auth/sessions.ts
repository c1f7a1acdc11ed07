/**
 * Browser sessions, in memory: a restart logs everyone out, which suits a console
 * started from a terminal. Each session carries its own CSRF token, which the page
 * reads from /api/me and echoes in a header on state-changing calls.
 * @module
 */
import { hashToken, newSecret } from './token-file.ts'
import type { Role } from './roles.ts'

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
/** Bounded so a login loop cannot grow memory without end; the oldest session goes first. */
const MAX_SESSIONS = 1000

export interface Session {
  role: Role
  csrf: string
  /** Who logged in: the token's name, or "login link". */
  subject: string
  expiresAt: number
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** Returns the cookie value; only its hash is kept, so a heap dump reveals no live session. */
  create(role: Role, subject: string): { id: string; session: Session } {
    if (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value
      if (oldest !== undefined) this.#sessions.delete(oldest)
    }
    const id = newSecret()
    const session: Session = { role, subject, csrf: newSecret(), expiresAt: this.#now() + SESSION_TTL_MS }
    this.#sessions.set(hashToken(id), session)
    return { id, session }
  }

  get(id: string): Session | null {
    if (id.length > 200) return null
    const key = hashToken(id)
    const session = this.#sessions.get(key)
    if (session === undefined) return null
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(key)
      return null
    }
    return session
  }

  delete(id: string): void {
    this.#sessions.delete(hashToken(id))
  }
}
