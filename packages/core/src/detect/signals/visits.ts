/**
 * The visits of the detectors that judge a population of visits (bot.cohort_surge,
 * bot.popularity_blind): per address, the requests no further apart than a visit gap, in a table of
 * the run's client records. What a visit is, what it did (its writes, another user agent, a refusal)
 * and when it ends are the same for both; what each counts in it and does once it ends is its own
 * (the `close` it is made with, told the sink of the event in hand so a flagged cohort names it at once).
 * @module
 */
import type { Detection, EntityRef } from '../../events/detection.ts'
import { buildDetection, type DetectionDraft } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { ClientRecords, PartTable, RecordPart } from '../state/client-records.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from './http-facts.ts'

// Ended visits kept for reuse: a shopper's visit ends minutes after it starts and another's starts,
// so the churn of visits allocates nothing once warm.
const MAX_FREE_VISITS = 4096
// Writes to one path at least this often per page are the pages' own telemetry, not an action (as in bot.scraping).
const TELEMETRY_PER_PAGE = 0.8
// How often idle visits are ended, and cohorts evaluated, in event time.
const SWEEP_EVERY_MS = 10_000
const EVALUATE_EVERY_MS = 60_000
// The addresses a cohort's detection relates: its latest members.
const RELATED_SHOWN = 20

/** A cohort's window is counted in this many tumbling buckets; its members expire with the oldest. */
export const WINDOW_BUCKETS = 6

/** What every visit holds; it is its own part of the address's client record (`RecordPart`), so opening one allocates nothing beside it. */
export interface Visit extends RecordPart {
  ip: KeyedEntity
  ua: string
  start: number
  last: number
  landing: string
  /** The referrer host it landed from, '' for none. */
  from: string
  section: string
  /** `from` and `section`: the cohort it is counted in. */
  shape: string
  /** The visit's pages rendered: an asset, a script call or a beacon sent (each detector adds what else it takes for it). */
  rendered: boolean
  /** Writes to the visit's first write path, and whether another path was written to. */
  writePath: string | null
  writes: number
  otherWrites: boolean
  /** Another user agent at the address within the visit: several people, not judged. */
  mixed: boolean
  /** A page or write refused (4xx, 5xx): probing or acting, left to bot.scanner and bot.headless. */
  refused: boolean
}

/** Sets what every visit holds at its first page, on a visit not open (`VisitTable.blank`); the detector sets its own fields after. */
export function beginVisit<V extends Visit>(v: V, ip: KeyedEntity, ua: string, ts: number, landing: string, from: string, section: string, rendered: boolean): V {
  // The part's links first, so a visit made from `{}` has the layout of a reused one.
  v.lruIndex = -1
  v.lruStamp = 0
  v.lruLast = ts
  v.record = null
  v.ip = ip
  v.ua = ua
  v.start = ts
  v.last = ts
  v.landing = landing
  v.from = from
  v.section = section
  v.shape = `${from}\u0001${section}`
  v.rendered = rendered
  v.writePath = null
  v.writes = 0
  v.otherWrites = false
  v.mixed = false
  v.refused = false
  return v
}

/** A later request of the visit: its time, another user agent (several people at the address), a refusal. */
export function noteRequest(v: Visit, ts: number, ua: string | null, status: number | null): void {
  v.last = ts
  if (ua !== v.ua) v.mixed = true
  if (status !== null && status >= 400) v.refused = true
}

/** A write to `path`: counted against the visit's first write path, any other path is an action. */
export function noteWrite(v: Visit, path: string): void {
  if (v.writePath === null) v.writePath = path
  if (path === v.writePath) v.writes++
  else v.otherWrites = true
}

/** The visit acted (a cart, a login, a form): a write other than its `pages` pages' own telemetry. */
export function acted(v: Visit, pages: number): boolean {
  return v.otherWrites || (v.writes > 0 && v.writes < TELEMETRY_PER_PAGE * pages)
}

/** One detector's visits per address, ended after `gapMs` of quiet (at the next request, the idle sweep, or the run's end). */
export class VisitTable<V extends Visit> {
  readonly #table: PartTable<V>
  readonly #free: V[] = []
  readonly #gapMs: number
  readonly #close: (v: V, sink: DetectionSink | null) => void
  #sink: DetectionSink | null = null
  #lastSweep = Number.NEGATIVE_INFINITY
  #clock = 0

  constructor(records: ClientRecords, maxEntries: number, gapMs: number, close: (v: V, sink: DetectionSink | null) => void) {
    this.#gapMs = gapMs
    this.#close = close
    this.#table = records.parts<V>({ maxEntries, idleMs: gapMs, end: (v) => this.#end(v) })
  }

  get size(): number {
    return this.#table.size
  }

  /** The time of the latest event seen (`see`): where the run's end evaluates the cohorts. */
  get clock(): number {
    return this.#clock
  }

  /** Notes the event's time; returns its facts. */
  see(e: HttpEvent, facts: HttpFacts | undefined): HttpFacts {
    if (e.ts > this.#clock) this.#clock = e.ts
    return facts ?? httpFacts(e)
  }

  /** The visit open at the address, without refreshing it (a page's assets come within seconds of it). */
  peek(key: string): V | undefined {
    return this.#table.size === 0 ? undefined : this.#table.get(key)
  }

  /** The visit a request at `ts` continues, if any: one quiet for longer than the gap is ended first. */
  continued(key: string, ts: number, sink: DetectionSink): V | undefined {
    const v = this.#table.get(key)
    if (v === undefined) return v
    this.#table.touch(v, ts)
    if (ts - v.last <= this.#gapMs) return v
    this.#sink = sink
    this.#table.delete(v)
    this.#end(v)
    this.#sink = null
    return undefined
  }

  /** A visit object to begin (`beginVisit`), reused from an ended one when there is one. */
  blank(make: () => V): V {
    return this.#free.pop() ?? make()
  }

  /** Opens `v` (begun with `beginVisit`) at the address, which has no visit open (`continued` answered none). */
  open(key: string, v: V, ts: number): void {
    this.#table.open(key, v, ts)
  }

  /** Ends the visits idle past the gap, every ten seconds of event time; true when it swept, for the detector's own tables. */
  sweep(now: number, sink: DetectionSink): boolean {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return false
    this.#lastSweep = now
    this.#sink = sink
    this.#table.evictIdle(now)
    this.#sink = null
    return true
  }

  /** Ends every visit (the run's end). */
  flush(sink: DetectionSink): void {
    this.#sink = sink
    this.#table.flush()
    this.#sink = null
  }

  #end(v: V): void {
    this.#close(v, this.#sink)
    if (this.#free.length < MAX_FREE_VISITS) this.#free.push(v)
  }
}

/**
 * The `tick` and `finish` of a detector of visits: idle visits end every ten seconds of event time
 * (then `sweep` ends what the detector keeps beside them), its cohorts are evaluated every minute,
 * and at the run's end every visit ends and the cohorts are evaluated as of its latest event.
 */
export function visitRounds<V extends Visit>(
  visits: VisitTable<V>,
  own: { sweep: (now: number) => void; evaluate: (now: number, sink: DetectionSink) => void },
): Pick<StreamDetector, 'tick' | 'finish'> {
  let lastEvaluate = Number.NEGATIVE_INFINITY
  return {
    tick(now, sink) {
      if (visits.sweep(now, sink)) own.sweep(now)
      if (now - lastEvaluate >= EVALUATE_EVERY_MS) {
        lastEvaluate = now
        own.evaluate(now, sink)
      }
    },
    finish(sink) {
      visits.flush(sink)
      own.evaluate(visits.clock, sink)
    },
  }
}

/** A visit a cohort names: its address, and when it began and ended. */
export interface Member {
  ip: EntityRef
  first: number
  last: number
}

/**
 * The visits each cohort of a detector may name, in the order they ended: at most `perCohort` per
 * cohort and `held` over all of them (a farm's cohort is named by its latest visits; a detector's
 * memory stays bounded however many cohorts it counts).
 */
export class CohortMembers {
  readonly #max: number
  readonly #perCohort: number
  #held = 0

  constructor(max: number, perCohort: number) {
    this.#max = max
    this.#perCohort = perCohort
  }

  /** Keeps `m` among a cohort's `members` while the caps allow. */
  add<M extends Member>(members: M[], m: M): void {
    if (this.#held >= this.#max || members.length >= this.#perCohort) return
    members.push(m)
    this.#held++
  }

  /** Forgets the members of a cohort that is gone. */
  release(members: readonly Member[]): void {
    this.#held -= members.length
  }

  /** Drops the members whose visits ended before `since`, the start of the cohort's window. */
  expire(members: Member[], since: number): void {
    let drop = 0
    while (drop < members.length && (members[drop] as Member).last < since) drop++
    if (drop === 0) return
    members.splice(0, drop)
    this.#held -= drop
  }
}

/** How many addresses the members come from. */
export function addressesOf(members: readonly Member[]): number {
  const addresses = new Set<string>()
  for (const m of members) addresses.add(m.ip.value)
  return addresses.size
}

/**
 * A named member's detections: one for its address and, where its visit carried a session,
 * one for the session related to the address; both related to the cohort's `actor`.
 */
export function memberDetections(
  m: Member & { session: EntityRef | null },
  actor: string,
  d: Omit<DetectionDraft, 'entity' | 'firstSeenMs' | 'lastSeenMs' | 'related'>,
): Detection[] {
  const cohort: EntityRef = { type: 'actor', value: actor }
  const out = [buildDetection({ ...d, entity: m.ip, firstSeenMs: m.first, lastSeenMs: m.last, related: [cohort] })]
  if (m.session !== null) out.push(buildDetection({ ...d, entity: m.session, firstSeenMs: m.first, lastSeenMs: m.last, related: [cohort, m.ip] }))
  return out
}

/** A cohort's own detection (entity `actor`, its value), related to the addresses of its latest members. */
export function cohortDetection(
  cohort: { value: string; first: number; last: number; members: readonly Member[] },
  d: Omit<DetectionDraft, 'entity' | 'firstSeenMs' | 'lastSeenMs' | 'related'>,
): Detection {
  return buildDetection({
    ...d,
    entity: { type: 'actor', value: cohort.value },
    firstSeenMs: cohort.first,
    lastSeenMs: cohort.last,
    related: cohort.members.slice(-RELATED_SHOWN).map((m) => m.ip),
  })
}
