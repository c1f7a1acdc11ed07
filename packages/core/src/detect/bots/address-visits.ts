/**
 * What bot.unshared_hops and bot.unknown_links share: the links a shop's clients follow, kept as
 * pairs (page -> page) with the first address that took each, and each address's visit, ended
 * after a session gap of quiet (at its next request, on the sweep, or at the run's end) and handed
 * to the detector's `close` with the sink of the round that ended it.
 * @module
 */
import type { DetectConfig } from '../config.ts'
import type { DetectionSink } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import type { ClientRecords, ClientTable } from '../state/client-records.ts'
import type { KeyedEntity } from '../signals/http-facts.ts'

/** What each detector's visit of an address holds, beside what it counts. */
export interface AddressVisit {
  ip: KeyedEntity
  session: KeyedEntity | null
  landing: string
  /** Landed from outside the shop (no referrer, or another site's). */
  entered: boolean
  first: number
  last: number
}

/** A link pair: the first client that took it, and whether another one did. */
interface Pair {
  client: string
  shared: boolean
}

/** The links clients followed, bounded; a pair no one takes for `idleMs` is forgotten. */
export class LinkPairs {
  readonly #pairs: BoundedMap<string, Pair>

  constructor(maxEntries: number, idleMs: number) {
    this.#pairs = new BoundedMap<string, Pair>({ maxEntries, idleMs })
  }

  /** Notes `client` following `from` -> `to`; true when another client took that link before it (a repeat). */
  take(client: string, from: string, to: string, now: number): boolean {
    const key = `${from}\n${to}`
    const pair = this.#pairs.peek(key)
    if (pair === undefined) {
      this.#pairs.set(key, { client, shared: false }, now)
      return false
    }
    const repeat = pair.shared || pair.client !== client
    if (pair.client !== client) pair.shared = true
    this.#pairs.set(key, pair, now)
    return repeat
  }

  evictIdle(now: number): void {
    this.#pairs.evictIdle(now)
  }
}

/** Each address's open visit in the run's client records; `close` gets every visit that ends, in order. */
export class AddressVisits<V extends AddressVisit> {
  readonly #gapMs: number
  readonly #close: (v: V, sink: DetectionSink) => void
  // Visits ended by the idle sweep wait here for the sink of the round that ended them.
  readonly #ended: V[] = []
  readonly #table: ClientTable<V>

  constructor(config: DetectConfig, records: ClientRecords, close: (v: V, sink: DetectionSink) => void) {
    this.#gapMs = config.sessionGapMinutes * 60_000
    this.#close = close
    this.#table = records.table<V>({ maxEntries: config.maxEntities, idleMs: this.#gapMs, onEvict: (_k, v) => this.#ended.push(v) })
  }

  /** The address's open visit, marked used; one quiet past the gap is closed first and none is returned. */
  current(key: string, now: number, sink: DetectionSink): V | undefined {
    const v = this.#table.use(key, now)
    if (v === undefined || now - v.last <= this.#gapMs) return v
    this.#close(v, sink)
    return undefined
  }

  open(key: string, v: V, now: number): void {
    this.#table.set(key, v, now)
  }

  /** Ends the visits quiet past the gap. */
  sweep(now: number, sink: DetectionSink): void {
    this.#table.evictIdle(now)
    this.#drain(sink)
  }

  /** Ends every visit: the run is over. */
  finish(sink: DetectionSink): void {
    this.#table.flush()
    this.#drain(sink)
  }

  #drain(sink: DetectionSink): void {
    // In order, without shifting: at the end of a run this is every open visit. Closing one ends no other.
    for (const v of this.#ended) this.#close(v, sink)
    this.#ended.length = 0
  }
}
