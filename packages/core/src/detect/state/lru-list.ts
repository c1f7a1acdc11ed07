/**
 * A capped least-recently-used list whose links live in its entries: for state that is
 * always reached through its owner (never looked up by key), so it needs neither a Map nor
 * a node per entry. Eviction is BoundedMap's: the least recently used beyond the cap, and
 * by event time those idle longer than `idleMs`.
 * @module
 */

/** The fields an entry carries for the list; a new entry starts unlinked (`lruListed` false). */
export interface LruLinks {
  lruPrev: LruLinks | null
  lruNext: LruLinks | null
  /** Event time of its last use. */
  lruLast: number
  lruListed: boolean
}

export interface LruListOptions<T> {
  maxEntries: number
  /** Entries idle longer than this (event-time ms) go on `evictIdle`; 0 keeps them until the cap. */
  idleMs?: number
  /** Called for every entry that leaves the list; it is unlinked by then and may be reused. */
  onEvict: (entry: T) => void
}

export class LruList<T extends LruLinks> {
  readonly #max: number
  readonly #idleMs: number
  readonly #onEvict: (entry: T) => void
  #head: LruLinks | null = null
  #tail: LruLinks | null = null
  #size = 0

  constructor(options: LruListOptions<T>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`)
    }
    this.#max = options.maxEntries
    this.#idleMs = options.idleMs ?? 0
    this.#onEvict = options.onEvict
  }

  get size(): number {
    return this.#size
  }

  /** Appends an unlinked entry as the most recently used, evicting the least recently used beyond the cap. */
  add(entry: T, now: number): void {
    entry.lruLast = now
    entry.lruListed = true
    this.#append(entry)
    this.#size++
    if (this.#size > this.#max && this.#head !== null) this.#evict(this.#head)
  }

  /** Marks a listed entry used at `now`. */
  touch(entry: T, now: number): void {
    if (!entry.lruListed) return
    if (now > entry.lruLast) entry.lruLast = now
    if (entry === this.#tail) return
    this.#unlink(entry)
    this.#append(entry)
  }

  /** Unlinks a listed entry without calling `onEvict`: the owner dropped it. */
  remove(entry: T): void {
    if (!entry.lruListed) return
    this.#unlink(entry)
    entry.lruListed = false
    this.#size--
  }

  /** Entries from least to most recently used. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let e = this.#head; e !== null; e = e.lruNext) yield e as T
  }

  /** Evicts entries not used since `now - idleMs`, oldest first; stops at the first fresh one. */
  evictIdle(now: number): void {
    if (this.#idleMs <= 0) return
    const limit = now - this.#idleMs
    while (this.#head !== null && this.#head.lruLast < limit) this.#evict(this.#head)
  }

  /** Evicts everything, oldest first. */
  flush(): void {
    while (this.#head !== null) this.#evict(this.#head)
  }

  #append(entry: LruLinks): void {
    entry.lruPrev = this.#tail
    entry.lruNext = null
    if (this.#tail !== null) this.#tail.lruNext = entry
    else this.#head = entry
    this.#tail = entry
  }

  #unlink(entry: LruLinks): void {
    if (entry.lruPrev !== null) entry.lruPrev.lruNext = entry.lruNext
    else this.#head = entry.lruNext
    if (entry.lruNext !== null) entry.lruNext.lruPrev = entry.lruPrev
    else this.#tail = entry.lruPrev
    entry.lruPrev = null
    entry.lruNext = null
  }

  #evict(entry: LruLinks): void {
    this.#unlink(entry)
    entry.lruListed = false
    this.#size--
    this.#onEvict(entry as T)
  }
}
