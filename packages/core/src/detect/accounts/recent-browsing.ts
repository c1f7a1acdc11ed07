/**
 * Sessions and devices that viewed a page of the shop lately. A shopper checks a code or pays
 * for an order while shopping, so a single failed try from a client that was browsing is a
 * shopper's; a tool's session posts its attempt and nothing else.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { BoundedMap } from '../state/bounded-map.ts'

export class RecentBrowsing {
  readonly #viewed: BoundedMap<string, number>
  readonly #windowMs: number
  /** Whether the stream carried a page view with a session or device: without one, no client can be told bare. */
  seenAny = false

  constructor(maxKeys: number, windowMs: number) {
    this.#viewed = new BoundedMap({ maxEntries: maxKeys })
    this.#windowMs = windowMs
  }

  observe(e: HttpEvent, facts?: HttpFacts): void {
    if (e.http_request_method !== 'GET' || (e.session_id === null && e.device_id === null)) return
    if ((facts ?? httpFacts(e)).kind !== 'page') return
    this.seenAny = true
    if (e.session_id !== null) this.#viewed.set(`s:${e.session_id}`, e.ts, e.ts)
    if (e.device_id !== null) this.#viewed.set(`d:${e.device_id}`, e.ts, e.ts)
  }

  /** True when the event's session or device viewed a page of the shop within the window before it. */
  lately(e: AppEvent): boolean {
    return [e.session_id === null ? undefined : this.#viewed.peek(`s:${e.session_id}`), e.device_id === null ? undefined : this.#viewed.peek(`d:${e.device_id}`)]
      .some((at) => at !== undefined && e.ts - at < this.#windowMs)
  }
}
