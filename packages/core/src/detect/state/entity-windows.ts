/**
 * Per-entity tumbling windows: an entity's window opens at its first event and closes
 * `windowMs` later, when the closing callback scores it. Windows that end with no further
 * event are closed by `sweep` (driven by the engine's ticks); the table is a BoundedMap,
 * so an entity pushed out by the cap is closed early rather than lost silently.
 *
 * `sweep` reads a queue of window openings in opening order instead of scanning the table,
 * so a tick costs the windows that ended, not every open one. Openings whose window is
 * already gone are skipped; the queue is compacted against the table when it outgrows it,
 * so it stays bounded too.
 * @module
 */
import { BoundedMap } from './bounded-map.ts'

interface Open<P> {
  start: number
  last: number
  profile: P
  /** Size at which `earlyStart` next answers for this window. */
  nextEarly: number
}

export interface EntityWindowsOptions<P> {
  windowMs: number
  maxEntries: number
  create: () => P
  /** Scores a closed window: [start, last] is the span of its events. */
  onClose: (key: string, profile: P, start: number, last: number) => void
}

export class EntityWindows<P> {
  readonly #windowMs: number
  readonly #create: () => P
  readonly #map: BoundedMap<string, Open<P>>
  readonly #onClose: EntityWindowsOptions<P>['onClose']
  readonly #maxEntries: number
  /** Openings in order: the key and the window object it opened. */
  #queue: { key: string; open: Open<P> }[] = []
  #head = 0
  /** The window `touch` returned last, for `earlyStart`. */
  #touched: Open<P> | null = null

  constructor(options: EntityWindowsOptions<P>) {
    this.#windowMs = options.windowMs
    this.#create = options.create
    this.#onClose = options.onClose
    this.#maxEntries = options.maxEntries
    this.#map = new BoundedMap<string, Open<P>>({
      maxEntries: options.maxEntries,
      onEvict: (key, open) => this.#onClose(key, open.profile, open.start, open.last),
    })
  }

  get size(): number {
    return this.#map.size
  }

  /** The open window's profile for `key` at `ts`, closing an expired one first. */
  touch(key: string, ts: number): P {
    const current = this.#map.use(key, ts)
    if (current !== undefined) {
      if (ts < current.start + this.#windowMs) {
        if (ts > current.last) current.last = ts
        this.#touched = current
        return current.profile
      }
      this.#map.delete(key)
      this.#onClose(key, current.profile, current.start, current.last)
    }
    const open: Open<P> = { start: ts, last: ts, profile: this.#create(), nextEarly: 0 }
    this.#touched = open
    this.#map.set(key, open, ts)
    this.#queue.push({ key, open })
    if (this.#queue.length - this.#head > 2 * this.#maxEntries + 64) this.#compact()
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

  /** Closes every window that has ended by `now`. */
  sweep(now: number): void {
    const q = this.#queue
    let i = this.#head
    for (; i < q.length; i++) {
      const { key, open } = q[i]!
      if (this.#map.peek(key) !== open) continue
      if (now < open.start + this.#windowMs) break
      this.#map.delete(key)
      this.#onClose(key, open.profile, open.start, open.last)
    }
    this.#head = i
    if (this.#head > 1024 && this.#head * 2 > q.length) this.#compact()
  }

  /** Closes every open window (end of stream). */
  flush(): void {
    this.#map.flush()
    this.#queue = []
    this.#head = 0
  }

  #compact(): void {
    this.#queue = this.#queue.slice(this.#head).filter(({ key, open }) => this.#map.peek(key) === open)
    this.#head = 0
  }
}
