/**
 * The ground truth written beside the traffic (labels.json). Every entity that appears is
 * labelled with the populations that produced it; attack requests are listed as line
 * ranges of access.log. Built from the same emissions as the files, so they cannot drift.
 * @module
 */
import type { PopulationKind } from './config.ts'
import type { AppEmission, HttpEmission } from './emission.ts'

export const LABELLED_ENTITY_TYPES = ['ip', 'session', 'account', 'device', 'card'] as const
export type LabelledEntityType = (typeof LABELLED_ENTITY_TYPES)[number]

export interface PopulationLabel {
  kind: PopulationKind
  /** OAT id or category; attacks only. */
  class: string | null
  /** Detection threats/categories that count as finding this population. */
  accepts: string[]
  lookalike: boolean
  description: string
  /** First and last emission, ISO 8601; null when the population emitted nothing. */
  start: string | null
  end: string | null
  requests: number
  events: number
}

/** A crew's accounts: the unit `vigil eval` scores fraud-ring (actor) detections against. */
export interface RingLabel {
  population: string
  /** Account ids, in order of first appearance. */
  members: string[]
}

export interface SimLabels {
  version: 1
  seed: number
  hours: number
  scale: number
  stealth: boolean
  start: string
  end: string
  files: { access_log: string; events: string }
  populations: Record<string, PopulationLabel>
  /** entity type → value → ids of the populations it appeared in. */
  entities: Record<LabelledEntityType, Record<string, string[]>>
  /** Attack population → inclusive 1-based [first, last] line ranges of access.log. */
  requests: Record<string, [number, number][]>
  /** Ring (actor) id → the population it belongs to and its member accounts. */
  rings: Record<string, RingLabel>
}

export class LabelCollector {
  readonly #labels: SimLabels
  readonly #seen = new Map<string, { first: number; last: number }>()

  constructor(header: Omit<SimLabels, 'entities' | 'requests' | 'rings'>) {
    this.#labels = { ...header, entities: { ip: {}, session: {}, account: {}, device: {}, card: {} }, requests: {}, rings: {} }
    for (const [id, p] of Object.entries(header.populations)) if (p.kind === 'attack') this.#labels.requests[id] = []
  }

  #tag(type: LabelledEntityType, value: string | null, pop: string): void {
    if (value === null) return
    const map = this.#labels.entities[type]
    const pops = map[value]
    if (pops === undefined) map[value] = [pop]
    else if (!pops.includes(pop)) pops.push(pop)
  }

  #span(pop: string, ts: number): void {
    const s = this.#seen.get(pop)
    if (s === undefined) this.#seen.set(pop, { first: ts, last: ts })
    else s.last = ts
  }

  observeHttp(e: HttpEmission, line: number): void {
    this.#tag('ip', e.ip, e.pop)
    this.#tag('session', e.sid, e.pop)
    this.#tag('account', e.uid, e.pop)
    this.#tag('device', e.dev, e.pop)
    this.#span(e.pop, e.ts)
    const p = this.#labels.populations[e.pop]
    if (p !== undefined) p.requests++
    const ranges = this.#labels.requests[e.pop]
    if (ranges === undefined) return
    const last = ranges[ranges.length - 1]
    if (last !== undefined && last[1] === line - 1) last[1] = line
    else ranges.push([line, line])
  }

  observeApp(e: AppEmission): void {
    this.#tag('ip', e.ip, e.pop)
    this.#tag('session', e.sid, e.pop)
    this.#tag('account', e.uid, e.pop)
    this.#tag('account', e.uname, e.pop)
    // An account acted on by someone else (support staff) took part in that population too.
    const target = e.fields['user.target.id']
    this.#tag('account', typeof target === 'string' ? target : null, e.pop)
    this.#tag('device', e.dev, e.pop)
    this.#tag('card', e.card, e.pop)
    if (e.actor !== undefined && e.uid !== null) {
      const ring = (this.#labels.rings[e.actor] ??= { population: e.pop, members: [] })
      if (!ring.members.includes(e.uid)) ring.members.push(e.uid)
    }
    this.#span(e.pop, e.ts)
    const p = this.#labels.populations[e.pop]
    if (p !== undefined) p.events++
  }

  finish(): SimLabels {
    for (const [id, s] of this.#seen) {
      const p = this.#labels.populations[id]
      if (p === undefined) continue
      p.start = new Date(s.first).toISOString()
      p.end = new Date(s.last).toISOString()
    }
    return this.#labels
  }
}
