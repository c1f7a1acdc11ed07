/**
 * Session rebuilding: the session cookie where the log has one, else the device id, else
 * IP + user agent split by inactivity gaps. Works without any IP (cookie, device or user
 * agent + TLS fingerprint), so logs that carry no address still get session-level detection.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { ClientRecords, type PartTable, type RecordPart } from '../state/client-records.ts'
import { SharedEntityWindows } from '../state/entity-windows.ts'
import { hash32 } from '../state/hash.ts'
import { httpFacts, keyed, type HttpFacts, type KeyedEntity } from './http-facts.ts'

export { entityFromKey, entityKey } from './http-facts.ts'

/** A rebuilt session: its own part of the client's record (`RecordPart`), so opening one allocates nothing beside it. */
interface Rebuilt extends RecordPart {
  start: number
  last: number
  /** The entity, rebuilt only when a gap starts a new session. */
  entity: KeyedEntity
}

export class Sessionizer {
  readonly #gapMs: number
  readonly #open: PartTable<Rebuilt>

  /** `records`: the per-client records its table is made in (the bot detectors' shared ones in a run). */
  constructor(gapMs: number, maxEntries: number, records: ClientRecords = new ClientRecords()) {
    this.#gapMs = gapMs
    this.#open = records.parts<Rebuilt>({ maxEntries, idleMs: gapMs })
  }

  /** The session entity of an event, or null when nothing identifies the client. */
  sessionOf(e: HttpEvent): EntityRef | null {
    return this.entityOf(e, httpFacts(e))?.ref ?? null
  }

  /** The session of an event with its table key, from the facts the engine derived. */
  entityOf(e: HttpEvent, f: HttpFacts): KeyedEntity | null {
    if (f.named !== null) return f.named
    const key = f.clientKey
    if (key === null) return null
    let s = this.#open.get(key)
    if (s === undefined) {
      s = { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, start: e.ts, last: e.ts, entity: rebuilt(e, e.ts) }
      this.#open.open(key, s, e.ts)
    } else {
      this.#open.touch(s, e.ts)
      if (e.ts - s.last > this.#gapMs) {
        s.start = e.ts
        s.entity = rebuilt(e, e.ts)
      }
    }
    if (e.ts > s.last) s.last = e.ts
    return s.entity
  }

  /** Forgets rebuilt sessions idle past the gap. */
  evictIdle(now: number): void {
    this.#open.evictIdle(now)
  }
}

/** What bot.scraping and bot.scanner keep per client: windows (each its own profile in them) and rebuilt sessions. */
export interface ClientState {
  readonly windows: SharedEntityWindows
  readonly sessions: Sessionizer
}

/**
 * The per-client state (windows per IP, session and device, `windowMinutes` long; sessions
 * rebuilt where the log names none) that bot.scraping and bot.scanner keep: both see every
 * event but a verified crawler's, so they rebuild the same sessions and touch their shared
 * keys at the same events, and one table of each serves both.
 */
export function createClientState(config: DetectConfig, records: ClientRecords = new ClientRecords()): ClientState {
  return {
    windows: new SharedEntityWindows(config.windowMinutes * 60_000, config.maxEntities),
    sessions: new Sessionizer(config.sessionGapMinutes * 60_000, config.maxEntities, records),
  }
}

// Every detector that rebuilds sessions (scraping, scanner, DoS, headless) asks for the same
// event's in turn: the last answer is kept, by the values it is built from, so a new client's
// key is built once rather than once per detector.
let last: { ip: string | null; ja4: string | null; ua: string | null; start: number; entity: KeyedEntity } | null = null

function rebuilt(e: HttpEvent, start: number): KeyedEntity {
  if (last !== null && last.start === start && last.ip === e.source_ip && last.ua === e.user_agent_original && last.ja4 === e.tls_client_ja4) return last.entity
  const entity = build(e, start)
  last = { ip: e.source_ip, ja4: e.tls_client_ja4, ua: e.user_agent_original, start, entity }
  return entity
}

// The tag of the last user agent: clients without a cookie (a rotating pool, a scraper's
// workers) mostly share a few builds, and the tag hashed the whole user agent per new session.
let lastUa: string | null = null
let lastUaTag = ''

function build(e: HttpEvent, start: number): KeyedEntity {
  const client = e.source_ip ?? (e.tls_client_ja4 === null ? null : `ja4:${e.tls_client_ja4}`)
  const ua = e.user_agent_original ?? ''
  if (ua !== lastUa) {
    lastUaTag = hash32(ua).toString(16).padStart(8, '0')
    lastUa = ua
  }
  return keyed({ type: 'session', value: `${client ?? '-'} ua:${lastUaTag} from ${new Date(start).toISOString()}` })
}
