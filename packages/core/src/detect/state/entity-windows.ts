/**
 * Per-entity tumbling windows: an entity's window opens at its first event and closes
 * `windowMs` later, when the closing callback scores it. Windows that end with no further
 * event are closed by `sweep` (driven by the engine's ticks); the table is capped like a
 * BoundedMap: past the cap the least recently used window is closed early rather than lost.
 *
 * `sweep` reads a queue of window openings in opening order instead of scanning the table,
 * so a tick costs the windows that ended, not every open one. Openings whose window is
 * already gone are skipped; the queue is compacted against the table when it outgrows it,
 * so it stays bounded too.
 *
 * The window records are themselves the entries of the LRU list (BoundedMap's eviction,
 * without its separate node per entry), and opening a window is one Map miss and one insert.
 * @module
 */
import { LruList, type LruLinks } from './lru-list.ts'

interface Open<P> extends LruLinks {
  key: string
  start: number
  last: number
  profile: P
  /** Size at which `earlyStart` next answers for this window. */
  nextEarly: number
  /** Bumped when the window closes, so queued openings of a reused record read as stale. */
  generation: number
}

export interface EntityWindowsOptions<P> {
  windowMs: number
  maxEntries: number
  create: () => P
  /**
   * Empties a closed window's profile for the next window to reuse, as if `create` had just
   * made it. Without it every window gets a fresh profile; with it the churn of windows that
   * open and close per entity allocates nothing once warm. `onClose` must not keep the profile.
   */
  reset?: (profile: P) => void
  /** Scores a closed window: [start, last] is the span of its events. */
  onClose: (key: string, profile: P, start: number, last: number) => void
}

// Closed windows kept for reuse: enough to absorb a sweep's worth of closings, bounded.
const MAX_FREE = 4096

export class EntityWindows<P> {
  readonly #windowMs: number
  readonly #create: () => P
  readonly #reset: ((profile: P) => void) | undefined
  readonly #map = new Map<string, Open<P>>()
  readonly #lru: LruList<Open<P>>
  readonly #onClose: EntityWindowsOptions<P>['onClose']
  readonly #maxEntries: number
  /** Openings in order: the window record and its generation when it opened. */
  #queue: (Open<P> | null)[] = []
  #generations: number[] = []
  #head = 0
  /**
   * End of the queued openings. The arrays keep their length past it (emptied slots), so a
   * compaction does not shrink them only for the next openings to grow them again.
   */
  #tail = 0
  #free: Open<P>[] = []
  /** The window `touch` returned last, for `earlyStart`. */
  #touched: Open<P> | null = null
  /**
   * The last two windows touched, tried before the Map: an event touches its IP's and its
   * session's, and the next request of the same client (a page's assets) the same two again.
   * A record is still its key's window while it is listed under that key (table and list
   * hold the same records), whatever was closed, evicted or reused in between.
   */
  #recent0: Open<P> | null = null
  #recent1: Open<P> | null = null

  constructor(options: EntityWindowsOptions<P>) {
    this.#windowMs = options.windowMs
    this.#create = options.create
    this.#reset = options.reset
    this.#onClose = options.onClose
    this.#maxEntries = options.maxEntries
    this.#lru = new LruList<Open<P>>({
      maxEntries: options.maxEntries,
      onEvict: (open) => {
        this.#map.delete(open.key)
        this.#close(open)
        this.#release(open)
      },
    })
  }

  get size(): number {
    return this.#map.size
  }

  /**
   * The open window's profile for `key` at `ts`, closing an expired one first. Without
   * `refresh` an open window keeps its place in the recency order (`refreshTouched` moves it).
   */
  touch(key: string, ts: number, refresh = true): P {
    const current = this.#lookup(key)
    if (current !== undefined) {
      if (ts < current.start + this.#windowMs) {
        if (refresh) this.#lru.touch(current, ts)
        if (ts > current.last) current.last = ts
        this.#touched = current
        return current.profile
      }
      const reset = this.#reset
      if (reset !== undefined) {
        // The entity's next window takes over its record where it stands: taking it out of the
        // table and the list only to put it back was a Map delete and insert per reopening.
        this.#close(current)
        reset(current.profile)
        current.start = ts
        current.last = ts
        current.nextEarly = 0
        this.#lru.touch(current, ts)
        return this.#queued(current)
      }
      this.#drop(current)
    }
    const open = this.#open(key, ts)
    this.#map.set(key, open)
    // After the insert, as BoundedMap did: past the cap this closes the least recently used other window.
    this.#lru.add(open, ts)
    return this.#queued(open)
  }

  /** The open window of `key`, if any: one of the last two touched, else the table's. */
  #lookup(key: string): Open<P> | undefined {
    const r0 = this.#recent0
    if (r0 !== null && r0.key === key && r0.lruIndex >= 0) return r0
    const r1 = this.#recent1
    let found: Open<P> | undefined
    if (r1 !== null && r1.key === key && r1.lruIndex >= 0) found = r1
    else found = this.#map.get(key)
    if (found !== undefined) this.#remember(found)
    return found
  }

  #remember(open: Open<P>): void {
    this.#recent1 = this.#recent0
    this.#recent0 = open
  }

  /** Queues the opening of `open` for `sweep` and makes it the window `earlyStart` reads. */
  #queued(open: Open<P>): P {
    this.#touched = open
    if (this.#recent0 !== open) this.#remember(open)
    const t = this.#tail
    if (t < this.#queue.length) {
      this.#queue[t] = open
      this.#generations[t] = open.generation
    } else {
      this.#queue.push(open)
      this.#generations.push(open.generation)
    }
    this.#tail = t + 1
    if (this.#tail - this.#head > 2 * this.#maxEntries + 64) this.#compact()
    return open.profile
  }

  /**
   * For scoring an open window before it closes: the start of the window `touch` just
   * returned when its `size` has reached `from`, and again each time it has grown by half
   * since; otherwise NaN. So a long window is scored a logarithmic number of times.
   */
  earlyStart(size: number, from: number): number {
    const open = this.#touched
    if (open === null || size < from || size < open.nextEarly) return Number.NaN
    open.nextEarly = Math.ceil(size * 1.5)
    return open.start
  }

  /** Marks the window `touch` returned last as the most recently used, at `ts`. */
  refreshTouched(ts: number): void {
    if (this.#touched !== null) this.#lru.touch(this.#touched, ts)
  }

  /** Start of the window `touch` returned last; NaN once it has closed. */
  get touchedStart(): number {
    return this.#touched === null ? Number.NaN : this.#touched.start
  }

  /** Closes every window that has ended by `now`. */
  sweep(now: number): void {
    const q = this.#queue
    const g = this.#generations
    let i = this.#head
    for (; i < this.#tail; i++) {
      const open = q[i] as Open<P>
      if (open.generation !== g[i]) continue
      if (now < open.start + this.#windowMs) break
      this.#drop(open)
    }
    this.#head = i
    if (this.#head > 1024 && this.#head * 2 > this.#tail) this.#compact()
  }

  /** Closes every open window (end of stream). */
  flush(): void {
    this.#lru.flush()
    this.#queue = []
    this.#generations = []
    this.#head = 0
    this.#tail = 0
  }

  #open(key: string, ts: number): Open<P> {
    const reused = this.#free.pop()
    if (reused === undefined) {
      return { lruIndex: -1, lruStamp: 0, lruLast: ts, key, start: ts, last: ts, profile: this.#create(), nextEarly: 0, generation: 0 }
    }
    reused.key = key
    reused.start = ts
    reused.last = ts
    reused.nextEarly = 0
    return reused
  }

  /** Takes an ended window out of the table and the list, then closes it. */
  #drop(open: Open<P>): void {
    this.#map.delete(open.key)
    this.#lru.remove(open)
    this.#close(open)
    this.#release(open)
  }

  /** The window has ended: score it. */
  #close(open: Open<P>): void {
    open.generation++
    if (this.#touched === open) this.#touched = null
    this.#onClose(open.key, open.profile, open.start, open.last)
  }

  /** A closed window that has left the table: keep its record for reuse. */
  #release(open: Open<P>): void {
    if (this.#reset !== undefined && this.#free.length < MAX_FREE) {
      this.#reset(open.profile)
      this.#free.push(open)
    }
  }

  // In place: new arrays per compaction were a steady share of this table's garbage.
  #compact(): void {
    const q = this.#queue
    const g = this.#generations
    let kept = 0
    for (let i = this.#head; i < this.#tail; i++) {
      const open = q[i] as Open<P>
      if (open.generation !== g[i]) continue
      q[kept] = open
      g[kept] = open.generation
      kept++
    }
    // Emptied, not cut: the slots are reused, and must not keep closed records alive.
    q.fill(null, kept, this.#tail)
    this.#tail = kept
    this.#head = 0
  }
}

/** What a detector sharing windows keeps per window: `EntityWindowsOptions` without the table's sizes. */
export interface WindowShareOptions<P> {
  create: () => P
  reset: (profile: P) => void
  onClose: (key: string, profile: P, start: number, last: number) => void
}

/** One key's window as the detectors sharing it see it. */
interface Shares {
  /** By detector (join order); created at a detector's first touch, then reused with the record. */
  profiles: unknown[]
  /** By detector: size at which its `earlyStart` next answers for this window. */
  nextEarly: number[]
  /** Bit i set: detector i touched this window, so it scores it when it closes. */
  used: number
}

// Bits of `Shares.used`.
const MAX_SHARES = 31

/**
 * One table of per-entity windows for several detectors that window the same keys over the
 * same events (bot.scraping and bot.scanner: per IP and per session, the same length, swept
 * at the same ticks): a key's window is looked up, opened, queued, swept and closed once for
 * all of them instead of once each, and each keeps its own profile in it. Every detector
 * scores exactly the windows it touched. A detector's window of a key is the shared record's,
 * opened by whichever touched the key first, so sharing only gives each the windows it would
 * have had alone when they touch the keys they share at the same events; the cap counts
 * records, whichever detectors touched them.
 */
export class SharedEntityWindows {
  readonly #windows: EntityWindows<Shares>
  readonly #shares: WindowShareOptions<unknown>[] = []

  constructor(windowMs: number, maxEntries: number) {
    const shares = this.#shares
    this.#windows = new EntityWindows<Shares>({
      windowMs,
      maxEntries,
      // Sized for the detectors that joined (all of them by the first touch): filling empty arrays
      // index by index reserved room for sixteen in each, for every window the table holds.
      create: () => ({ profiles: new Array<unknown>(shares.length).fill(undefined), nextEarly: new Array<number>(shares.length).fill(0), used: 0 }),
      reset: (s) => {
        for (let i = 0; s.used !== 0; i++, s.used >>>= 1) {
          if ((s.used & 1) === 0) continue
          shares[i]?.reset(s.profiles[i])
          s.nextEarly[i] = 0
        }
      },
      onClose: (key, s, start, last) => {
        for (let i = 0, used = s.used; used !== 0; i++, used >>>= 1) {
          if ((used & 1) !== 0) shares[i]?.onClose(key, s.profiles[i], start, last)
        }
      },
    })
  }

  get size(): number {
    return this.#windows.size
  }

  /** A detector's view of the table. */
  join<P>(options: WindowShareOptions<P>): WindowShare<P> {
    const index = this.#shares.length
    if (index >= MAX_SHARES) throw new RangeError(`at most ${MAX_SHARES} detectors can share windows`)
    this.#shares.push(options as WindowShareOptions<unknown>)
    return new WindowShare<P>(this.#windows, index, options.create)
  }
}

/** One detector's windows in a `SharedEntityWindows`: EntityWindows' methods over its own profiles. */
export class WindowShare<P> {
  readonly #windows: EntityWindows<Shares>
  readonly #index: number
  readonly #bit: number
  /** The bits of the detectors that joined before this one. */
  readonly #before: number
  readonly #create: () => P
  #touched: Shares | null = null

  constructor(windows: EntityWindows<Shares>, index: number, create: () => P) {
    this.#windows = windows
    this.#index = index
    this.#bit = 1 << index
    this.#before = this.#bit - 1
    this.#create = create
  }

  /** This detector's profile of the open window for `key` at `ts`, closing an expired one first. */
  touch(key: string, ts: number): P {
    const s = this.#windows.touch(key, ts, false)
    // The window's recency is kept by the first detector (in join order) that touched it: the
    // same event's touch by a later one must not move it past the keys the first touched
    // since (a device after an IP), or the cap and the end-of-stream flush would close the
    // first detector's windows in another order than it alone would.
    if ((s.used & this.#before) === 0) this.#windows.refreshTouched(ts)
    s.used |= this.#bit
    this.#touched = s
    let p = s.profiles[this.#index] as P | undefined
    if (p === undefined) {
      p = this.#create()
      s.profiles[this.#index] = p
      s.nextEarly[this.#index] = 0
    }
    return p
  }

  /** `EntityWindows.earlyStart` for the window `touch` returned last, by this detector's own sizes. */
  earlyStart(size: number, from: number): number {
    const s = this.#touched
    const i = this.#index
    if (s === null || size < from || size < (s.nextEarly[i] as number)) return Number.NaN
    const start = this.#windows.touchedStart
    if (Number.isNaN(start)) return start
    s.nextEarly[i] = Math.ceil(size * 1.5)
    return start
  }

  /** Closes every window of the table that has ended by `now`, for every detector sharing it. */
  sweep(now: number): void {
    this.#windows.sweep(now)
  }

  /** Closes every open window of the table (end of stream), for every detector sharing it. */
  flush(): void {
    this.#windows.flush()
  }
}
