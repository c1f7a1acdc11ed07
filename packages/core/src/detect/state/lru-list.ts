/**
 * A capped least-recently-used list whose bookkeeping lives in its entries: for state that is
 * always reached through its owner (never looked up by key), so it needs neither a Map nor
 * a node per entry. Eviction is BoundedMap's: the least recently used beyond the cap, and
 * by event time those idle longer than `idleMs`.
 *
 * Recency is a use stamp, not a linked list: `touch` is on the hot path of every table (many
 * per event), and moving a node rewrote two neighbours the event had no other reason to visit.
 * The order is only needed to evict, and there it stays exact: the entries are sorted once
 * by stamp into a snapshot, evicted from its front, and an entry used (or removed) since the
 * snapshot is skipped, since anything used later is more recent than every untouched entry in
 * it. A snapshot is taken again only when used up, so sorting costs O(log n) per touch or
 * eviction, amortised.
 * @module
 */

/** The fields an entry carries for the list; a new entry starts unlisted (`lruIndex` -1). */
export interface LruLinks {
  /** Position in the list's entries, -1 while not listed. */
  lruIndex: number
  /** Order of its last use (unique, increasing). */
  lruStamp: number
  /** Event time of its last use. */
  lruLast: number
}

export interface LruListOptions<T> {
  maxEntries: number
  /** Entries idle longer than this (event-time ms) go on `evictIdle`; 0 keeps them until the cap. */
  idleMs?: number
  /** Called for every entry that leaves the list; it is unlisted by then and may be reused. */
  onEvict: (entry: T) => void
}

// Positions packed under the stamp when sorting: lists this long sort by comparator.
const PACK = 2 ** 21

export class LruList<T extends LruLinks> {
  readonly #max: number
  readonly #idleMs: number
  readonly #onEvict: (entry: T) => void
  /** Listed entries in no order (removal moves the last into the gap). */
  readonly #entries: T[] = []
  #stamps = 0
  /** Entries by stamp when the snapshot was taken, with their stamps then; read from `#at`. */
  readonly #order: T[] = []
  readonly #orderStamps: number[] = []
  #at = 0
  /** Sort keys, kept between snapshots. */
  #keys = new Float64Array(16)

  constructor(options: LruListOptions<T>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`)
    }
    this.#max = options.maxEntries
    this.#idleMs = options.idleMs ?? 0
    this.#onEvict = options.onEvict
  }

  get size(): number {
    return this.#entries.length
  }

  /** Lists an unlisted entry as the most recently used, evicting the least recently used beyond the cap. */
  add(entry: T, now: number): void {
    entry.lruLast = now
    entry.lruStamp = ++this.#stamps
    entry.lruIndex = this.#entries.length
    this.#entries.push(entry)
    if (this.#entries.length > this.#max) this.#evict(this.#leastRecent())
  }

  /** Marks a listed entry used at `now`. */
  touch(entry: T, now: number): void {
    if (entry.lruIndex < 0) return
    if (now > entry.lruLast) entry.lruLast = now
    entry.lruStamp = ++this.#stamps
  }

  /** Unlists an entry without calling `onEvict`: the owner dropped it. */
  remove(entry: T): void {
    if (entry.lruIndex < 0) return
    this.#unlist(entry)
  }

  /** Entries from least to most recently used. */
  *[Symbol.iterator](): IterableIterator<T> {
    yield* this.#sorted()
  }

  /** Evicts entries not used since `now - idleMs`, oldest first; stops at the first fresh one. */
  evictIdle(now: number): void {
    if (this.#idleMs <= 0) return
    const limit = now - this.#idleMs
    while (this.#entries.length > 0) {
      const entry = this.#leastRecent()
      if (entry.lruLast >= limit) return
      this.#evict(entry)
    }
  }

  /** Evicts everything, oldest first. */
  flush(): void {
    while (this.#entries.length > 0) this.#evict(this.#leastRecent())
  }

  /** The least recently used listed entry; the list must not be empty. */
  #leastRecent(): T {
    for (;;) {
      if (this.#at >= this.#order.length) this.#snapshot()
      const entry = this.#order[this.#at]!
      // Used since the snapshot (a new stamp), or removed (unlisted, or listed again with a new stamp).
      if (entry.lruIndex >= 0 && entry.lruStamp === this.#orderStamps[this.#at]) return entry
      this.#at++
    }
  }

  // Into the same arrays each time: a snapshot of a big table was two arrays and a typed array
  // of its size, taken again every time the previous one was used up.
  #snapshot(): void {
    const stamps = this.#orderStamps
    const n = this.#sortInto(this.#order, stamps)
    stamps.length = n
    this.#at = 0
  }

  #sorted(): T[] {
    const out: T[] = []
    this.#sortInto(out, null)
    return out
  }

  /**
   * Writes the entries into `out` from least to most recently used, and their stamps into
   * `stamps` when given; returns how many. The stamps come from the sort keys where there
   * are any: the entries are cold by the time a snapshot is taken (minutes since most were
   * used), and reading each one's stamp a second time cost a cache miss per entry.
   */
  #sortInto(out: T[], stamps: number[] | null): number {
    const entries = this.#entries
    const n = entries.length
    out.length = n
    // Stamps are unique integers: packed with the entry's position into one double each, a
    // typed array sorts them natively, without a comparator call per comparison.
    if (n >= PACK || this.#stamps >= Number.MAX_SAFE_INTEGER / PACK) {
      for (let i = 0; i < n; i++) out[i] = entries[i]!
      out.sort((a, b) => a.lruStamp - b.lruStamp)
      if (stamps !== null) for (let i = 0; i < n; i++) stamps[i] = out[i]!.lruStamp
      return n
    }
    if (this.#keys.length < n) this.#keys = new Float64Array(Math.max(n, 2 * this.#keys.length))
    const keys = this.#keys.subarray(0, n)
    for (let i = 0; i < n; i++) keys[i] = entries[i]!.lruStamp * PACK + i
    keys.sort()
    for (let i = 0; i < n; i++) {
      const key = keys[i]!
      const position = key % PACK
      out[i] = entries[position]!
      if (stamps !== null) stamps[i] = (key - position) / PACK
    }
    return n
  }

  #unlist(entry: T): void {
    const entries = this.#entries
    const last = entries.pop() as T
    if (last !== entry) {
      entries[entry.lruIndex] = last
      last.lruIndex = entry.lruIndex
    }
    entry.lruIndex = -1
  }

  #evict(entry: T): void {
    this.#unlist(entry)
    this.#onEvict(entry)
  }
}
