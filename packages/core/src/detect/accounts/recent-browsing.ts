/**
 * Sessions and devices that viewed a page of the shop lately. A shopper checks a code or pays
 * for an order while shopping, so a single failed try from a client that was browsing is a
 * shopper's; a tool's session posts its attempt and nothing else.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { deviceKeyOf, entityKey, httpFacts, sessionKeyOf, type HttpFacts } from '../signals/http-facts.ts'
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
    const f = facts ?? httpFacts(e)
    if (f.kind !== 'page') return
    this.seenAny = true
    // By the engine's interned entity keys: a key string built per page view was a new string
    // hashed and compared character by character in a table of every client.
    const session = sessionKeyOf(e, f)
    const device = deviceKeyOf(e, f)
    if (session !== null) this.#viewed.set(session, e.ts, e.ts)
    if (device !== null) this.#viewed.set(device, e.ts, e.ts)
  }

  /** True when the event's session or device viewed a page of the shop within the window before it. */
  lately(e: AppEvent): boolean {
    return this.#within(e.ts, e.session_id === null ? undefined : this.#viewed.peek(entityKey({ type: 'session', value: e.session_id }))) ||
      this.#within(e.ts, e.device_id === null ? undefined : this.#viewed.peek(entityKey({ type: 'device', value: e.device_id })))
  }

  #within(ts: number, at: number | undefined): boolean {
    return at !== undefined && ts - at < this.#windowMs
  }
}
