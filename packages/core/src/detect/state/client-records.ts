/**
 * One record per client key (an address's, a session's or a rebuilt client's entity key) for all
 * the detectors that keep per-client visit state. Each detector's state is a slot of the record,
 * in a table (`ClientRecords.table`) with the BoundedMap calls and the BoundedMap's own eviction:
 * its own recency order, cap, idle limit and `onEvict`, so what each detector forgets, and when, is
 * what it forgot with a table of its own. What is shared is the key: one Map holds the records, a
 * client's key is looked up once per event for every table (the last two records found are tried
 * first, by key), and a new client is one insert, not one per table. A record leaves the Map when
 * its last slot does, so the Map holds no more keys than the tables together hold entries.
 *
 * A detector whose per-client state is an object of its own (a visit, a poller) keeps it as a part
 * (`ClientRecords.parts`): the object is its own slot, carrying the recency links and its record, so
 * opening one allocates nothing beside it, and its typed `end` hook is called once when it ends.
 * @module
 */
import type { BoundedMapOptions } from './bounded-map.ts'
import { LruList, type LruLinks } from './lru-list.ts'

/** One client's record: its key, and each table's entry or part by table index. */
export interface ClientRecord {
  readonly key: string
  /** Each table's part for this client, by table index (a `ClientTable`'s is a slot holding its value). */
  readonly slots: (RecordPart | undefined)[]
  /** Slots filled. */
  live: number
}

/**
 * What a detector's part of a client record carries besides its own fields: the recency links its
 * table's end order keeps, and the record it is in (null until opened, and once ended). The part is
 * the slot itself, so opening one allocates nothing beside the detector's own object.
 */
export interface RecordPart extends LruLinks {
  record: ClientRecord | null
}

export interface PartTableOptions<P> {
  /** Hard cap on parts; beyond it the least recently used ends. */
  maxEntries: number
  /** A part not used for longer than this (event-time ms) ends at `evictIdle`; 0 keeps it until the cap. */
  idleMs?: number
  /**
   * Called exactly once for each part that ends other than by `delete` (idle, past the cap, or
   * `flush` at the run's end), after it has left its record: it may open another part for the key.
   */
  end?: (part: P, key: string) => void
}

/** A `ClientTable`'s entry: a part that holds the value. */
interface Slot<V> extends RecordPart {
  value: V
}

export class ClientRecords {
  readonly #records = new Map<string, ClientRecord>()
  #tables = 0
  #key0: string | null = null
  #record0: ClientRecord | null = null
  #key1: string | null = null
  #record1: ClientRecord | null = null

  /** Clients with at least one table's entry. */
  get size(): number {
    return this.#records.size
  }

  /** A new table of per-client entries; tables are made before the first event (a record has a slot per table made). */
  table<V>(options: BoundedMapOptions<string, V>): ClientTable<V> {
    return new ClientTable<V>(this, this.#tables++, options)
  }

  /** A new table of per-client parts (objects that are their own slot); made before the first event, like `table`. */
  parts<P extends RecordPart>(options: PartTableOptions<P>): PartTable<P> {
    return new PartTable<P>(this, this.#tables++, options)
  }

  /** The record of `key`, if any table holds an entry for it. */
  find(key: string): ClientRecord | undefined {
    if (key === this.#key0) return this.#record0 as ClientRecord
    if (key === this.#key1) {
      const r = this.#record1 as ClientRecord
      this.#remember(key, r)
      return r
    }
    const r = this.#records.get(key)
    if (r !== undefined) this.#remember(key, r)
    return r
  }

  /** The record of `key`, made when absent. */
  obtain(key: string): ClientRecord {
    const found = this.find(key)
    if (found !== undefined) return found
    const r: ClientRecord = { key, slots: new Array<RecordPart | undefined>(this.#tables).fill(undefined), live: 0 }
    this.#records.set(key, r)
    this.#remember(key, r)
    return r
  }

  /**
   * Drops a record no table holds an entry in any more. Called once a part has left it, so the
   * record is still the Map's: the Map holds one record per key (`obtain` makes one only when
   * `find` has none) and lets it go only here, once no part is in it to call this again.
   */
  release(r: ClientRecord): void {
    if (r.live > 0) return
    this.#records.delete(r.key)
    if (this.#record0 === r) {
      this.#key0 = this.#key1
      this.#record0 = this.#record1
      this.#key1 = null
      this.#record1 = null
    } else if (this.#record1 === r) {
      this.#key1 = null
      this.#record1 = null
    }
  }

  #remember(key: string, r: ClientRecord): void {
    if (this.#record0 === r) return
    this.#key1 = this.#key0
    this.#record1 = this.#record0
    this.#key0 = key
    this.#record0 = r
  }
}

/** One detector's per-client entries: BoundedMap<string, V>'s calls and eviction, its keys shared through the records. */
export class ClientTable<V> {
  // Each entry is a part holding the value: the parts' table keeps the recency, cap, idle limit and eviction.
  readonly #parts: PartTable<Slot<V>>

  constructor(records: ClientRecords, index: number, options: BoundedMapOptions<string, V>) {
    const onEvict = options.onEvict
    this.#parts = new PartTable<Slot<V>>(records, index, {
      maxEntries: options.maxEntries,
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
      ...(onEvict === undefined ? {} : { end: (slot: Slot<V>, key: string) => onEvict(key, slot.value) }),
    })
  }

  get size(): number {
    return this.#parts.size
  }

  /** Reads without refreshing recency. */
  peek(key: string): V | undefined {
    return this.#parts.get(key)?.value
  }

  /** Reads and marks used at `now`. */
  use(key: string, now: number): V | undefined {
    const slot = this.#parts.get(key)
    if (slot === undefined) return undefined
    this.#parts.touch(slot, now)
    return slot.value
  }

  /** Stores `value` under `key` (replacing any), marked used at `now`. */
  set(key: string, value: V, now: number): void {
    const slot = this.#parts.get(key)
    if (slot !== undefined) {
      slot.value = value
      this.#parts.touch(slot, now)
      return
    }
    this.#parts.open(key, { record: null, value, lruIndex: -1, lruStamp: 0, lruLast: now }, now)
  }

  delete(key: string): boolean {
    const slot = this.#parts.get(key)
    if (slot === undefined) return false
    this.#parts.delete(slot)
    return true
  }

  /** Evicts entries not used since `now - idleMs`, oldest first. */
  evictIdle(now: number): void {
    this.#parts.evictIdle(now)
  }

  /** Evicts everything, oldest first, through `onEvict`. */
  flush(): void {
    this.#parts.flush()
  }
}

/**
 * One detector's parts of the client records: what a `ClientTable` keeps, with the part as its own
 * slot. Its recency order, cap, idle limit and end hook are the table's own, as a `ClientTable`'s
 * are, so a detector moved onto parts forgets what it forgot before, when it did, in the same order.
 * A detector that holds the event's record (`ClientRecords.find`, once per event for all its parts)
 * reads its part with `of`, without a key look-up.
 */
export class PartTable<P extends RecordPart> {
  readonly #records: ClientRecords
  readonly #index: number
  readonly #lru: LruList<P>
  readonly #end: ((part: P, key: string) => void) | undefined

  constructor(records: ClientRecords, index: number, options: PartTableOptions<P>) {
    this.#records = records
    this.#index = index
    this.#end = options.end
    this.#lru = new LruList<P>({
      maxEntries: options.maxEntries,
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
      onEvict: (part) => this.#ended(part),
    })
  }

  get size(): number {
    return this.#lru.size
  }

  /** The record's part, if it has one (no recency change). */
  of(record: ClientRecord | undefined): P | undefined {
    return record?.slots[this.#index] as P | undefined
  }

  /** The part of `key`, if any (no recency change). */
  get(key: string): P | undefined {
    return this.of(this.#records.find(key))
  }

  /** Marks an open part used at `now`. */
  touch(part: P, now: number): void {
    this.#lru.touch(part, now)
  }

  /** Opens `part` (not open anywhere) as the part of `key`, used at `now`; `key` must have none. */
  open(key: string, part: P, now: number): void {
    const record = this.#records.obtain(key)
    part.record = record
    record.slots[this.#index] = part
    record.live++
    // After the part is in, as ClientTable does: past the cap this ends the least recently used other one.
    this.#lru.add(part, now)
  }

  /** Closes an open part without its end hook: the detector dropped it. */
  delete(part: P): void {
    const record = part.record
    if (record === null) return
    this.#lru.remove(part)
    this.#vacate(part, record)
    this.#records.release(record)
  }

  /** Ends the parts not used since `now - idleMs`, least recently used first. */
  evictIdle(now: number): void {
    this.#lru.evictIdle(now)
  }

  /** Ends every part, least recently used first (the run's end). */
  flush(): void {
    this.#lru.flush()
  }

  #vacate(part: P, record: ClientRecord): void {
    record.slots[this.#index] = undefined
    record.live--
    part.record = null
  }

  #ended(part: P): void {
    const record = part.record as ClientRecord
    this.#vacate(part, record)
    // Before the record is dropped: the hook may give the client a part in another table (or this one).
    this.#end?.(part, record.key)
    this.#records.release(record)
  }
}
