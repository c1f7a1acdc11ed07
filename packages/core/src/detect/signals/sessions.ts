/**
 * Session rebuilding: the session cookie where the log has one, else the device id, else
 * IP + user agent split by inactivity gaps. Works without any IP (cookie, device or user
 * agent + TLS fingerprint), so logs that carry no address still get session-level detection.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { hash32 } from '../state/hash.ts'

interface Rebuilt {
  start: number
  last: number
  /** The entity value, rebuilt only when a gap starts a new session. */
  value: string
}

export class Sessionizer {
  readonly #gapMs: number
  readonly #open: BoundedMap<string, Rebuilt>

  constructor(gapMs: number, maxEntries: number) {
    this.#gapMs = gapMs
    this.#open = new BoundedMap<string, Rebuilt>({ maxEntries, idleMs: gapMs })
  }

  /** The session entity of an event, or null when nothing identifies the client. */
  sessionOf(e: HttpEvent): EntityRef | null {
    if (e.session_id !== null && e.session_id !== '') return { type: 'session', value: e.session_id }
    if (e.device_id !== null && e.device_id !== '') return { type: 'device', value: e.device_id }
    const ua = e.user_agent_original ?? ''
    const client = e.source_ip ?? (e.tls_client_ja4 === null ? null : `ja4:${e.tls_client_ja4}`)
    if (client === null && ua === '') return null
    const key = `${client ?? '-'}|${ua}`
    const s = this.#open.upsert(key, e.ts, () => ({ start: e.ts, last: e.ts, value: rebuiltValue(client, ua, e.ts) }))
    if (e.ts - s.last > this.#gapMs) {
      s.start = e.ts
      s.value = rebuiltValue(client, ua, e.ts)
    }
    if (e.ts > s.last) s.last = e.ts
    return { type: 'session', value: s.value }
  }

  /** Forgets rebuilt sessions idle past the gap. */
  evictIdle(now: number): void {
    this.#open.evictIdle(now)
  }
}

function rebuiltValue(client: string | null, ua: string, start: number): string {
  const uaTag = hash32(ua).toString(16).padStart(8, '0')
  return `${client ?? '-'} ua:${uaTag} from ${new Date(start).toISOString()}`
}

/** `ip:1.2.3.4`-style keys for per-entity tables, and back. */
export function entityKey(ref: EntityRef): string {
  return `${ref.type}\u0000${ref.value}`
}

export function entityFromKey(key: string): EntityRef {
  const i = key.indexOf('\u0000')
  return { type: key.slice(0, i) as EntityRef['type'], value: key.slice(i + 1) }
}
