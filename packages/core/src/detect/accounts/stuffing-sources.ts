/**
 * Sources (IPs, devices) the credential-stuffing detector has flagged, shared with the
 * takeover detector: a successful login out of a stuffing run is a takeover by itself. It also
 * keeps when a login-wide campaign last failed a login, since a run's hit may come from an
 * address that made no other attempt, and is then known by its shape only while the run goes on.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { refKey } from './keys.ts'

export class StuffingSources {
  readonly #flagged: BoundedMap<string, number>
  readonly #ttlMs: number
  #campaignFailureAt = -Infinity

  constructor(maxKeys: number, ttlMs: number) {
    this.#flagged = new BoundedMap({ maxEntries: maxKeys })
    this.#ttlMs = ttlMs
  }

  flag(source: EntityRef, ts: number): void {
    this.#flagged.set(refKey(source), ts, ts)
  }

  /** A failed login counted in an open login-wide campaign. */
  noteCampaignFailure(ts: number): void {
    this.#campaignFailureAt = ts
  }

  /** Whether a campaign failed a login within `withinMs` before `ts`: a run under way. */
  campaignUnderWay(ts: number, withinMs: number): boolean {
    return ts - this.#campaignFailureAt < withinMs
  }

  /** The first of `sources` flagged within the ttl before `ts`, if any. */
  find(sources: readonly EntityRef[], ts: number): EntityRef | null {
    for (const s of sources) {
      const at = this.#flagged.peek(refKey(s))
      if (at !== undefined && ts - at < this.#ttlMs) return s
    }
    return null
  }
}
