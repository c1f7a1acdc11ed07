/**
 * From a detector's finding to the Detection record (DESIGN.md §3): a stable id from
 * detector, threat and entity, counts carried across windows, and a first report sent
 * at once (time to first detection) while later updates wait for the next tick.
 * @module
 */
import type { DetectionSink } from '../detector.ts'
import { severityForScore } from '../../events/detection.ts'
import type { Detection, EntityRef, Evidence } from '../../events/detection.ts'
import { buildDetection } from '../detection-record.ts'
import { BoundedMap } from '../state/bounded-map.ts'

/** Related entities kept per detection; a ring or campaign lists its largest members first. */
export const MAX_RELATED = 50

export interface Finding {
  entity: EntityRef
  threat: string
  category: string
  score: number
  /** Event time of the newest evidence. */
  ts: number
  /** Start of the window `count` covers; a new window adds to the total instead of replacing it. */
  windowStart: number
  count: number
  explanation: string
  evidence: Evidence[]
  related: EntityRef[]
}

/**
 * The book's own key for (threat, entity): detector is fixed per book, and hashing a
 * detection id on every lookup (members are looked up on every event of a flagged source)
 * was the costliest step of `vigil detect` on login traffic.
 */
function bookKey(threat: string, entity: EntityRef): string {
  return `${threat}\u0000${entity.type}\u0000${entity.value}`
}

interface Entry {
  detection: Detection
  windowStart: number
  windowCount: number
  baseCount: number
}

export class DetectionBook {
  readonly #detector: string
  readonly #entries: BoundedMap<string, Entry>
  readonly #dirty = new Set<string>()

  constructor(detector: string, maxKeys: number) {
    this.#detector = detector
    this.#entries = new BoundedMap({ maxEntries: maxKeys })
  }

  has(threat: string, entity: EntityRef): boolean {
    return this.#entries.peek(bookKey(threat, entity)) !== undefined
  }

  record(finding: Finding, sink: DetectionSink): void {
    const key = bookKey(finding.threat, finding.entity)
    const score = Math.max(0, Math.min(100, Math.round(finding.score)))
    const entry = this.#entries.peek(key)
    if (entry === undefined) {
      const detection = buildDetection({
        ...finding,
        detector: this.#detector,
        score,
        firstSeenMs: finding.windowStart,
        lastSeenMs: finding.ts,
        related: finding.related.slice(0, MAX_RELATED),
      })
      this.#entries.set(
        key,
        { detection, windowStart: finding.windowStart, windowCount: finding.count, baseCount: 0 },
        finding.ts,
      )
      sink.report({ ...detection })
      return
    }
    if (finding.windowStart !== entry.windowStart) {
      entry.baseCount += entry.windowCount
      entry.windowStart = finding.windowStart
    }
    entry.windowCount = finding.count
    const d = entry.detection
    d.count = entry.baseCount + finding.count
    d.last_seen = new Date(Math.max(Date.parse(d.last_seen), finding.ts)).toISOString()
    if (score >= d.score) {
      d.score = score
      d.severity = severityForScore(score)
      d.explanation = finding.explanation
      d.evidence = finding.evidence
    }
    d.related = mergeRelated(d.related, finding.related)
    this.#dirty.add(key)
  }

  /**
   * Detections for the entities that acted with a flagged one (its sessions, the accounts
   * it tried, the cards it used), each once, pointing back at the flagged entity.
   */
  recordMembers(primary: Finding, members: readonly EntityRef[], sink: DetectionSink): void {
    const name = describeEntity(primary.entity)
    for (const m of members) {
      if (m.type === primary.entity.type && m.value === primary.entity.value) continue
      if (this.has(primary.threat, m)) continue
      this.record(
        {
          ...primary,
          entity: m,
          score: Math.max(15, primary.score - 15),
          count: 1,
          explanation: `${describeEntity(m)} took part in the activity of ${name}: ${primary.explanation}`,
          related: [primary.entity],
        },
        sink,
      )
    }
  }

  /** Report every detection updated since the last flush. */
  flush(sink: DetectionSink): void {
    for (const key of this.#dirty) {
      const entry = this.#entries.peek(key)
      if (entry !== undefined) sink.report({ ...entry.detection, related: [...entry.detection.related] })
    }
    this.#dirty.clear()
  }
}

function mergeRelated(current: EntityRef[], more: EntityRef[]): EntityRef[] {
  if (current.length >= MAX_RELATED) return current
  const seen = new Set(current.map((r) => `${r.type}\u0000${r.value}`))
  const out = [...current]
  for (const r of more) {
    const k = `${r.type}\u0000${r.value}`
    if (seen.has(k)) continue
    seen.add(k)
    out.push(r)
    if (out.length >= MAX_RELATED) break
  }
  return out
}

const ENTITY_NAMES: Partial<Record<EntityRef['type'], string>> = { ip: 'IP', asn: 'ASN' }

function describeEntity(e: EntityRef): string {
  const type = ENTITY_NAMES[e.type] ?? e.type
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} ${e.value}`
}

/**
 * The entities that acted through one source — bounded, de-duplicated, in arrival order —
 * so that when the source is flagged its sessions and targets are flagged with it.
 */
export class Members {
  readonly #refs: EntityRef[] = []
  readonly #max: number
  #recorded = 0

  constructor(max = 256) {
    this.#max = max
  }

  add(ref: EntityRef | null): void {
    if (ref === null || this.#refs.length >= this.#max) return
    if (this.#refs.some((r) => r.type === ref.type && r.value === ref.value)) return
    this.#refs.push(ref)
  }

  get refs(): readonly EntityRef[] {
    return this.#refs
  }

  /**
   * The members added since the last call, for `recordMembers` with this list's one source:
   * the earlier ones are in the book already, and checking all of them again on every event of
   * a flagged source made it the costliest step of a detect run on login traffic.
   */
  takeUnrecorded(): readonly EntityRef[] {
    const fresh = this.#refs.slice(this.#recorded)
    this.#recorded = this.#refs.length
    return fresh
  }
}

/** A score that starts at `min` when a measure meets its threshold and nears `max` as it grows. */
export function scoreOver(value: number, threshold: number, min = 60, max = 95): number {
  if (value < threshold || threshold <= 0) return 0
  return min + (max - min) * (1 - threshold / value)
}

export const fmtCount = (n: number): string => Math.round(n).toLocaleString('en-US')
export const fmtPct = (r: number): string => `${Math.round(r * 100)}%`

export function fmtDuration(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}
