/**
 * Each session's first requested path, and whether it requested any other: a tool's session
 * asks for one endpoint (the login form fetched and posted, a token endpoint, an OTP endpoint)
 * and nothing else, while a person's session loads the shop's pages and assets around it. A
 * session the HTTP log never showed is unknown, not bare. One table serves the detectors of a run
 * that read it (credential stuffing, SMS pumping): each observes every event, and the second
 * observation of one finds it recorded already and changes nothing.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import { BoundedMap } from '../state/bounded-map.ts'

export class SessionPaths {
  readonly #paths: BoundedMap<string, { path: string; more: boolean }>

  constructor(maxKeys: number) {
    this.#paths = new BoundedMap({ maxEntries: maxKeys })
  }

  observe(e: HttpEvent): void {
    if (e.session_id === null || e.url_path === null) return
    // A browsing session is settled after its second path: a read, no recency to keep up.
    const seen = this.#paths.peek(e.session_id)
    if (seen === undefined) this.#paths.set(e.session_id, { path: e.url_path, more: false }, e.ts)
    else if (!seen.more && seen.path !== e.url_path) seen.more = true
  }

  /** The one path the session requested, when it requested nothing else; null otherwise or when unseen. */
  only(sessionId: string | null): string | null {
    const seen = sessionId === null ? undefined : this.#paths.peek(sessionId)
    return seen === undefined || seen.more ? null : seen.path
  }
}
