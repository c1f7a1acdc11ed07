/**
 * Site-wide shares that decide whether a per-entity signal means anything on this log:
 * "no static assets" says nothing where assets are served by a CDN and never logged, and
 * "no session cookie" nothing where the log format carries no cookie at all.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { RequestKind } from './request-kind.ts'

// Below these shares the log (not the client) explains the absence.
const MIN_STATIC_SHARE = 0.05
const MIN_SESSION_SHARE = 0.3
const MIN_REFERRER_SHARE = 0.3

export class SiteBaseline {
  readonly #minEvents: number
  #events = 0
  #static = 0
  #dynamic = 0
  #withSession = 0
  #pages = 0
  #pagesWithReferrer = 0

  constructor(minEvents: number) {
    this.#minEvents = minEvents
  }

  add(e: HttpEvent, kind: RequestKind): void {
    this.#events++
    if (kind === 'static') {
      this.#static++
      return
    }
    this.#dynamic++
    if (e.session_id !== null) this.#withSession++
    if (kind === 'page') {
      this.#pages++
      if (e.http_request_referrer !== null && e.http_request_referrer !== '-') this.#pagesWithReferrer++
    }
  }

  /** Enough events seen to judge the shares. */
  get ready(): boolean {
    return this.#events >= this.#minEvents
  }

  get assetsLogged(): boolean {
    return this.#events >= this.#minEvents && this.#static / this.#events >= MIN_STATIC_SHARE
  }

  get cookiesLogged(): boolean {
    return this.#dynamic >= this.#minEvents && this.#withSession / this.#dynamic >= MIN_SESSION_SHARE
  }

  get referrersLogged(): boolean {
    return this.#pages >= this.#minEvents && this.#pagesWithReferrer / this.#pages >= MIN_REFERRER_SHARE
  }
}
