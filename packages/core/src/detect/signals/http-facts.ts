/**
 * Facts about one HTTP event that several detectors need: its path and kind, and its IP
 * and self-named session as entities with their table keys. The engine derives them once
 * per event and hands the same object to every detector, so the keys are built (and their
 * hashes computed) once rather than once per detector.
 *
 * The engine's deriver also interns the entities: an IP, session or device seen again gets
 * the same object, so its key is the same string every detector's tables already hold (a
 * lookup compares pointers, not characters) and nothing is allocated for it per event.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { requestKind, requestPath, type RequestKind } from './request-kind.ts'

/** An entity with its per-entity table key (`entityKey`). */
export interface KeyedEntity {
  readonly ref: EntityRef
  readonly key: string
}

export interface HttpFacts {
  readonly path: string | null
  readonly kind: RequestKind
  readonly ip: KeyedEntity | null
  /** The session the event names itself (cookie, else device id). */
  readonly named: KeyedEntity | null
  /** The device id as an entity (the same object as `named` when there is no cookie). */
  readonly device: KeyedEntity | null
  /** Without a named session: the client (IP or ja4) and user agent that rebuilt sessions group by. */
  readonly clientKey: string | null
}

/** `ip\u00001.2.3.4`-style keys for per-entity tables; `entityFromKey` reverses them. */
export function entityKey(ref: EntityRef): string {
  return `${ref.type}\u0000${ref.value}`
}

export function entityFromKey(key: string): EntityRef {
  const i = key.indexOf('\u0000')
  return { type: key.slice(0, i) as EntityRef['type'], value: key.slice(i + 1) }
}

/**
 * The table key (`entityKey`) of the event's session id and of its device id, null without one:
 * the facts' interned key where they have it (a look-up by it compares pointers, and no key
 * string is built per event), else built (an empty id names no entity in the facts).
 */
export function sessionKeyOf(e: HttpEvent, f: HttpFacts): string | null {
  if (e.session_id === null) return null
  return e.session_id !== '' && f.named !== null ? f.named.key : entityKey({ type: 'session', value: e.session_id })
}

export function deviceKeyOf(e: HttpEvent, f: HttpFacts): string | null {
  if (e.device_id === null) return null
  return f.device?.key ?? entityKey({ type: 'device', value: e.device_id })
}

export function keyed(ref: EntityRef): KeyedEntity {
  return { ref, key: entityKey(ref) }
}

/** Each entity type's entity for a value. */
interface KeyedOf {
  ip: (value: string) => KeyedEntity
  session: (value: string) => KeyedEntity
  device: (value: string) => KeyedEntity
}

const fresh: KeyedOf = {
  ip: (value) => keyed({ type: 'ip', value }),
  session: (value) => keyed({ type: 'session', value }),
  device: (value) => keyed({ type: 'device', value }),
}

type Writable<T> = { -readonly [K in keyof T]: T[K] }

const blank = (): Writable<HttpFacts> => ({ path: null, kind: 'page', ip: null, named: null, device: null, clientKey: null })

/** Facts for one event, with fresh entity objects (the engine uses `createHttpFactsDeriver`). */
export function httpFacts(e: HttpEvent): HttpFacts {
  return fill(blank(), e, fresh)
}

function fill(f: Writable<HttpFacts>, e: HttpEvent, keyedOf: KeyedOf): HttpFacts {
  const path = requestPath(e)
  const device = e.device_id !== null && e.device_id !== '' ? keyedOf.device(e.device_id) : null
  const named = e.session_id !== null && e.session_id !== '' ? keyedOf.session(e.session_id) : device
  f.path = path
  f.kind = requestKind(e, path)
  f.ip = e.source_ip === null ? null : keyedOf.ip(e.source_ip)
  f.named = named
  f.device = device
  f.clientKey = named === null ? clientKeyOf(e) : null
  return f
}

/**
 * `httpFacts` with interned entities, one table per entity type. A table that reaches
 * `maxPerType` is dropped whole: entities seen after that get new (equal) objects, which
 * costs a little speed, never a different result, since every table compares keys by value.
 * The answer is one object refilled for each event: it holds until the next call, which is
 * how the engine hands it to the detectors of one event (they keep its entities, never it).
 */
export function createHttpFactsDeriver(maxPerType = 100_000): (e: HttpEvent) => HttpFacts {
  const interned: KeyedOf = { ip: internerOf('ip', maxPerType), session: internerOf('session', maxPerType), device: internerOf('device', maxPerType) }
  const out = blank()
  return (e) => fill(out, e, interned)
}

/**
 * One entity type's table, which answers a value equal to the last one asked without a
 * lookup: a client's requests come in bursts (a page, then its assets), and the last answer
 * is the table's for that value (or an equal object, if the table was dropped since).
 */
function internerOf(type: 'ip' | 'session' | 'device', maxPerType: number): (value: string) => KeyedEntity {
  const table = new Map<string, KeyedEntity>()
  let lastValue: string | null = null
  let last: KeyedEntity | null = null
  return (value) => {
    if (value === lastValue && last !== null) return last
    let k = table.get(value)
    if (k === undefined) {
      if (table.size >= maxPerType) table.clear()
      k = keyed({ type, value })
      table.set(value, k)
    }
    lastValue = value
    last = k
    return k
  }
}

function clientKeyOf(e: HttpEvent): string | null {
  const ua = e.user_agent_original ?? ''
  const client = e.source_ip ?? (e.tls_client_ja4 === null ? null : `ja4:${e.tls_client_ja4}`)
  if (client === null && ua === '') return null
  return `${client ?? '-'}|${ua}`
}
