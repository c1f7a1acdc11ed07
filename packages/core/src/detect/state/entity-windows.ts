/**
 * Per-entity tumbling windows: an entity's window opens at its first event and closes
 * `windowMs` later, when the closing callback scores it. Windows that end with no further
 * event are closed by `sweep` (driven by the engine's ticks); the table is a BoundedMap,
 * so an entity pushed out by the cap is closed early rather than lost silently.
 * @module
 */
import { BoundedMap } from './bounded-map.ts'

interface Open<P> {
  start: number
  last: number
  profile: P
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

  constructor(options: EntityWindowsOptions<P>) {
    this.#windowMs = options.windowMs
    this.#create = options.create
    this.#onClose = options.onClose
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
    const current = this.#map.peek(key)
    if (current !== undefined && ts >= current.start + this.#windowMs) {
      this.#map.delete(key)
      this.#onClose(key, current.profile, current.start, current.last)
    }
    const open = this.#map.upsert(key, ts, () => ({ start: ts, last: ts, profile: this.#create() }))
    if (ts > open.last) open.last = ts
    return open.profile
  }

  /** Closes every window that has ended by `now`. */
  sweep(now: number): void {
    const ended: [string, Open<P>][] = []
    for (const [key, open] of this.#map.entries()) {
      if (now >= open.start + this.#windowMs) ended.push([key, open])
    }
    for (const [key, open] of ended) {
      this.#map.delete(key)
      this.#onClose(key, open.profile, open.start, open.last)
    }
  }

  /** Closes every open window (end of stream). */
  flush(): void {
    this.#map.flush()
  }
}
