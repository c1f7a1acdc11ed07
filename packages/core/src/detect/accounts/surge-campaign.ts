/**
 * A campaign opened by a surge of rare events (card tests, OTP sends to high-risk
 * destinations) and joined by every later one of its kind until it has been idle for a while:
 * a crew that spreads its attempts over hundreds of proxies and fresh browsers shows no source
 * with more than an attempt or two, but its attempts together are far more than the shop's own
 * rate of them. The campaign's own events stay out of the learned rate.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef, Evidence } from '../../events/detection.ts'
import type { Finding } from './findings.ts'
import { RareEventSurge } from './rare-event-surge.ts'
import type { Surge, SurgeOptions } from './rare-event-surge.ts'

export interface Campaign {
  actor: EntityRef
  start: number
  /** Time of the latest event that joined. */
  last: number
  /** Events that joined, the opening surge's included. */
  events: number
  /** One sentence on the surge that opened it. */
  opening: string
  /** The scopes (e.g. destination countries) the opening surge was made of: later events join only within them; empty for any. */
  scopes: ReadonlySet<string>
}

export interface SurgeCampaignOptions<T> extends SurgeOptions<T> {
  /** The actor's id is `${name}:<first event's time>`. */
  name: string
  /** A campaign ends once no event joined it for this long. */
  idleMs: number
  tsOf: (item: T) => number
  /** A later event joins only a campaign whose opening surge had its scope; null scopes join any. */
  scopeOf: (item: T) => string | null
  describe: (surge: Surge<T>) => string
  /**
   * When given, the events of the campaign's scopes this long before its opening surge join it
   * too, as later ones do: a campaign decided on its fewest events leaves the crew's first ones
   * out otherwise.
   */
  earlierMs?: number
}

/** Campaigns open at once (over distinct scopes); beyond, the one idle longest is dropped. */
const MAX_OPEN = 8

export class SurgeCampaign<T> {
  readonly #o: SurgeCampaignOptions<T>
  readonly #surge: RareEventSurge<T>
  #open: Campaign[] = []

  constructor(options: SurgeCampaignOptions<T>) {
    this.#o = options
    this.#surge = new RareEventSurge<T>(options)
  }

  /** The stream's first event: hours without any rare event are history too. */
  watchFrom(ts: number): void {
    this.#surge.watchFrom(ts)
  }

  attempt(ts: number): void {
    this.#surge.attempt(ts)
  }

  /** The campaign open at `ts` for events of `scope` (null: any), without counting an event. */
  openAt(ts: number, scope: string | null): Campaign | null {
    return this.#open.find((c) => ts - c.last <= this.#o.idleMs && (c.scopes.size === 0 || (scope !== null && c.scopes.has(scope)))) ?? null
  }

  /**
   * Joins `item` to the open campaign joined last, whatever its scopes; null when none is open.
   * For an event whose own shape, not its scope, ties it to the crew at work.
   */
  joinLatest(item: T): { campaign: Campaign; joined: T[] } | null {
    const ts = this.#o.tsOf(item)
    let latest: Campaign | null = null
    for (const c of this.#open) if (ts - c.last <= this.#o.idleMs && (latest === null || c.last > latest.last)) latest = c
    if (latest === null) return null
    latest.last = ts
    latest.events++
    return { campaign: latest, joined: [item] }
  }

  /**
   * A rare event: the campaign it joins and the events joining now (this one, or the surge
   * that opens a campaign); null when it joins none. An event outside every open campaign's
   * scopes is history for the rate, and may open a campaign of its own (another crew pumping
   * other destinations).
   */
  rare(item: T): { campaign: Campaign; joined: T[] } | null {
    const ts = this.#o.tsOf(item)
    this.#open = this.#open.filter((c) => ts - c.last <= this.#o.idleMs)
    const scope = this.#o.scopeOf(item)
    const open = this.#open.find((c) => c.scopes.size === 0 || (scope !== null && c.scopes.has(scope)))
    if (open !== undefined) {
      open.last = ts
      open.events++
      return { campaign: open, joined: [item] }
    }
    const surge = this.#surge.rare(ts, item)
    if (surge === null) return null
    // The scopes the surge is made of: those of two of its events or more. A lone event of
    // another scope that fell among them (a customer abroad) is not the campaign's, nor is one
    // of a campaign already open.
    const counts = new Map<string, number>()
    for (const x of surge.items) {
      const s = this.#o.scopeOf(x)
      if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1)
    }
    const scopes = new Set([...counts].filter(([s, n]) => n >= 2 && !this.#open.some((c) => c.scopes.has(s))).map(([s]) => s))
    const inScope = (x: T): boolean => {
      const s = this.#o.scopeOf(x)
      return s === null ? counts.size === 0 : scopes.has(s)
    }
    const opening = surge.items.filter(inScope)
    // What is left must still be a surge's worth: two resends of a customer abroad are not one.
    if (opening.length < this.#o.minEvents) return null
    const from = this.#o.tsOf(opening[0]!)
    const members = [...(this.#o.earlierMs === undefined ? [] : this.#surge.between(from - this.#o.earlierMs, from).filter(inScope)), ...opening]
    const first = members[0]!
    const opened: Campaign = {
      actor: { type: 'actor', value: `${this.#o.name}:${new Date(this.#o.tsOf(first)).toISOString()}` },
      start: this.#o.tsOf(first),
      last: ts,
      events: members.length,
      opening: this.#o.describe(surge),
      scopes,
    }
    this.#open.push(opened)
    if (this.#open.length > MAX_OPEN) this.#open.sort((a, b) => b.last - a.last).pop()
    return { campaign: opened, joined: members }
  }
}

/** The campaign's own finding as of event `e`, its score growing with the events that joined. */
export function campaignFinding(cam: Campaign, e: AppEvent, what: { threat: string; category: string; explanation: string; evidence: Evidence[] }): Finding {
  return { ...what, entity: cam.actor, score: Math.min(90, 65 + cam.events), ts: e.ts, windowStart: cam.start, count: cam.events, related: [] }
}
