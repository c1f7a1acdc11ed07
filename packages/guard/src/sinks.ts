/**
 * Where the guard reports. The NDJSON file sink appends without blocking the request
 * path; a Vigil store (or anything else) plugs in through the same one-method interface.
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import type { Detection } from '@vigil/core'
import type { WafMatch } from '@vigil/core/waf'

export interface GuardEvent {
  ts: string
  ip: string | null
  method: string
  uri: string
  action: 'allow' | 'monitor' | 'block'
  reason: string
  score: number | null
  matches: WafMatch[]
  error?: string
  /** A bot detection raised or grown by this request (reason `bot`). */
  detection?: Detection
}

export interface GuardSink {
  write(event: GuardEvent): void
}

/** Keeps events in memory; for tests and for callers that forward them in batches. */
export class MemorySink implements GuardSink {
  readonly events: GuardEvent[] = []
  write(event: GuardEvent): void {
    this.events.push(event)
  }
}

/** Appends one JSON line per event. Drops (and counts) events while the file is not keeping up. */
export class NdjsonFileSink implements GuardSink {
  #stream: WriteStream
  #backlogged = false
  dropped = 0

  constructor(path: string) {
    this.#stream = createWriteStream(path, { flags: 'a' })
    this.#stream.on('drain', () => {
      this.#backlogged = false
    })
  }

  write(event: GuardEvent): void {
    if (this.#backlogged) {
      this.dropped++
      return
    }
    if (!this.#stream.write(`${JSON.stringify(event)}\n`)) this.#backlogged = true
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#stream.end((e?: Error | null) => (e ? reject(e) : resolve())))
  }
}
