/**
 * A client's visit as a small state machine: it advances its own clock with think times
 * and emits requests, page assets and application events with consistent ip, session,
 * device and user. Actors drain it after each step so a long attack never holds more
 * than one step in memory.
 * @module
 */
import { PAGE_ASSETS, pageBytes, productImage } from './catalog.ts'
import type { AppEmission, Emission, HttpEmission } from './emission.ts'
import type { Rng } from './prng.ts'

export interface ClientIdentity {
  ip: string
  /** Mutable: a scanner switches tools, a person updates a browser. */
  ua: string
  ja4: string | null
  dev: string | null
  /** Whether the client runs the page's scripts and fetches its assets. */
  loadsAssets: boolean
  /** HTTP/2 for browsers, HTTP/1.1 for most scripts. */
  protocol: string
}

export interface RequestOptions {
  status?: number
  bytes?: number
  referrer?: string | null
  rt?: number
}

export class Visit {
  ts: number
  sid: string | null
  uid: string | null = null
  uname: string | null = null
  /** The crew behind the visit, for the labels (see AppEmission.actor). */
  actor: string | null = null
  readonly client: ClientIdentity
  readonly pop: string
  readonly rng: Rng
  readonly host: string
  #lastPage: string | null = null
  #assetsCached = false
  #pendingSid: string | null = null
  /** Latest time already emitted: an actor's output never goes back in time. */
  #horizon = 0
  #out: Emission[] = []

  constructor(opts: {
    ts: number
    pop: string
    rng: Rng
    client: ClientIdentity
    sid: string | null
    host: string
    /** A returning browser may hold the site's assets in its cache from an earlier visit. */
    assetsCached?: boolean
    /** Session cookie the first response sets: sent from the second request on. */
    setsSid?: string
  }) {
    this.ts = opts.ts
    this.pop = opts.pop
    this.rng = opts.rng
    this.client = opts.client
    this.sid = opts.sid
    this.host = opts.host
    this.#assetsCached = opts.assetsCached ?? false
    this.#pendingSid = opts.setsSid ?? null
  }

  /** Waits a human-like pause (log-normal) around `medianSeconds`. */
  think(medianSeconds: number, sigma = 0.8): void {
    this.ts += Math.round(this.rng.logNormal(medianSeconds, sigma) * 1000)
  }

  wait(ms: number): void {
    this.ts += Math.max(0, Math.round(ms))
  }

  request(method: string, target: string, opts: RequestOptions = {}): HttpEmission {
    this.ts = Math.max(this.ts, this.#horizon)
    this.#horizon = this.ts
    const c = this.client
    const e: HttpEmission = {
      kind: 'http',
      ts: this.ts,
      pop: this.pop,
      ip: c.ip,
      method,
      target,
      protocol: c.protocol,
      status: opts.status ?? 200,
      bytes: opts.bytes ?? this.rng.int(200, 1_800),
      referrer: opts.referrer === undefined ? this.#referrer() : opts.referrer,
      ua: c.ua,
      rt: opts.rt ?? Math.round(this.rng.logNormal(0.045, 0.7) * 1000) / 1000,
      sid: this.sid,
      ja4: c.ja4,
      uid: this.uid,
      dev: c.dev,
    }
    this.#out.push(e)
    if (this.#pendingSid !== null) {
      this.sid = this.#pendingSid
      this.#pendingSid = null
    }
    return e
  }

  /** An HTML page, then (for browsers) its assets a few milliseconds later. */
  page(path: string, opts: RequestOptions & { productIds?: readonly number[] } = {}): void {
    this.request('GET', path, { bytes: pageBytes(this.rng), ...opts })
    const referrer = `https://${this.host}${path}`
    if (this.client.loadsAssets) {
      const start = this.ts
      if (!this.#assetsCached) {
        for (const a of PAGE_ASSETS) {
          this.wait(this.rng.int(5, 60))
          this.request('GET', a.path, { bytes: a.bytes, referrer, rt: this.#assetTime() })
        }
        this.#assetsCached = this.rng.chance(0.9)
      }
      for (const id of opts.productIds ?? []) {
        this.wait(this.rng.int(3, 40))
        this.request('GET', productImage(id), { bytes: this.rng.int(9_000, 90_000), referrer, rt: this.#assetTime() })
      }
      this.ts = Math.max(this.ts, start)
    }
    this.#lastPage = path
  }

  /** An XHR/form call to the shop's API; it keeps the current page as referrer. */
  api(method: string, path: string, opts: RequestOptions = {}): void {
    this.request(method, path, { bytes: this.rng.int(90, 900), rt: this.rng.logNormal(0.09, 0.6), ...opts })
  }

  event(action: string, fields: Record<string, string | number> = {}, card: string | null = null): void {
    // The application logs the event while handling the request, within the same second.
    const ts = Math.min(this.ts + this.rng.int(1, 40), Math.floor(this.ts / 1000) * 1000 + 999)
    this.#horizon = Math.max(this.#horizon, ts)
    const e: AppEmission = {
      kind: 'app',
      ts,
      pop: this.pop,
      action,
      ip: this.client.ip,
      ua: this.client.ua,
      sid: this.sid,
      dev: this.client.dev,
      uid: this.uid,
      uname: this.uname,
      card,
      fields,
    }
    if (this.actor !== null) e.actor = this.actor
    this.#out.push(e)
  }

  /** Emissions since the last drain, in time order. */
  drain(): Emission[] {
    const out = this.#out
    this.#out = []
    out.sort((a, b) => a.ts - b.ts)
    return out
  }

  /** Static files come from cache or disk: a few milliseconds, now and then much more. */
  #assetTime(): number {
    return Math.round(this.rng.logNormal(0.003, 0.9) * 1000) / 1000
  }

  #referrer(): string | null {
    return this.#lastPage === null ? null : `https://${this.host}${this.#lastPage}`
  }
}
