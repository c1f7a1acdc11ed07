/**
 * Scores detections against simulator labels (docs/simulator.md, "How eval scores").
 *
 * Unit of scoring: a distinct entity (type + value). An entity is positive when any
 * population it appeared in is an attack; a detection counts for a class when its `threat`
 * or `category` is in the `accepts` list of an attack population of that class. Several
 * detections of one entity count once. Entity types the labels do not cover (subnet, asn,
 * request, …) and values that never occur in the data are counted apart, neither right
 * nor wrong.
 * @module
 */
import type { Detection, EntityRef } from '../events/detection.ts'
import { LABELLED_ENTITY_TYPES, type LabelledEntityType, type PopulationLabel, type SimLabels } from '../simulate/labels.ts'
import { type Prf, prf, ratio } from './prf.ts'
import { type RingScore, scoreRings } from './score-rings.ts'

export { prf } from './prf.ts'
export type { Prf } from './prf.ts'

export interface ClassScore extends Prf {
  /** Share of the class's entities of each type that a matching detection found. */
  recall_by_entity_type: Partial<Record<LabelledEntityType, number>>
}

export interface ScenarioScore {
  class: string
  detected: boolean
  entities_detected: number
  entities_total: number
  /**
   * Seconds from the scenario's first request to the earliest matching detection's
   * detected_at (≥ 0): the delay a streaming run would have had.
   */
  time_to_detect_seconds: number | null
}

export interface EvalReport {
  detections: number
  /** Detections on labelled entity types whose value occurs in the data. */
  scored: number
  unscored_by_entity_type: Record<string, number>
  overall: Prf
  by_entity_type: Partial<Record<LabelledEntityType, Prf>>
  by_class: Record<string, ClassScore>
  scenarios: Record<string, ScenarioScore>
  good_bots_flagged: { count: number; entities: EntityRef[] }
  /** Benign population → distinct entities wrongly flagged that appeared only in benign traffic. */
  false_positives_by_population: Record<string, { lookalike: boolean; entities: number }>
  /** Detections on a labelled entity type whose value occurs nowhere in the data; not scored. */
  unknown_entities: number
  /** Threats no population accepts → detections carrying them. */
  unclassified_threats: Record<string, number>
  /**
   * Fraud-ring (actor) detections against the labelled rings; null when there are neither.
   * The class of the ring populations (`fraud_ring`) is scored from it in `by_class`.
   */
  fraud_rings: RingScore | null
}

const MAX_LISTED = 25

function isLabelled(type: string): type is LabelledEntityType {
  return (LABELLED_ENTITY_TYPES as readonly string[]).includes(type)
}

function key(type: string, value: string): string {
  return `${type}\u0000${value}`
}

/** Class (OAT id or category) → the threats that count as finding it. */
function acceptsByClass(pops: Record<string, PopulationLabel>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const p of Object.values(pops)) {
    if (p.kind !== 'attack' || p.class === null) continue
    const set = out.get(p.class) ?? new Set<string>([p.class])
    for (const a of p.accepts) set.add(a)
    out.set(p.class, set)
  }
  return out
}

function claims(d: Detection, accepts: ReadonlySet<string>): boolean {
  return accepts.has(d.threat) || accepts.has(d.category)
}

export function scoreDetections(labels: SimLabels, detections: readonly Detection[]): EvalReport {
  const pops = labels.populations
  const classes = acceptsByClass(pops)
  const unscored: Record<string, number> = {}
  const unclassified: Record<string, number> = {}
  /** Scored entity key → detections on it. */
  const byEntity = new Map<string, { type: LabelledEntityType; value: string; dets: Detection[] }>()
  let scored = 0
  let unknown = 0
  for (const d of detections) {
    if (![...classes.values()].some((acc) => claims(d, acc))) {
      unclassified[d.threat] = (unclassified[d.threat] ?? 0) + 1
    }
    if (!isLabelled(d.entity.type)) {
      unscored[d.entity.type] = (unscored[d.entity.type] ?? 0) + 1
      continue
    }
    // A value that never occurs in the data (a detector's derived key, e.g. a synthetic
    // session for a cookieless client) can be judged neither right nor wrong.
    if (labels.entities[d.entity.type][d.entity.value] === undefined) {
      unknown++
      continue
    }
    scored++
    const k = key(d.entity.type, d.entity.value)
    const slot = byEntity.get(k) ?? { type: d.entity.type, value: d.entity.value, dets: [] }
    slot.dets.push(d)
    byEntity.set(k, slot)
  }

  const attackPopsOf = (type: LabelledEntityType, value: string): string[] =>
    (labels.entities[type][value] ?? []).filter((p) => pops[p]?.kind === 'attack')

  // Per entity type, class-agnostic: is a detected entity an attacker's?
  const byType: Partial<Record<LabelledEntityType, Prf>> = {}
  let totTp = 0
  let totFp = 0
  let totFn = 0
  for (const type of LABELLED_ENTITY_TYPES) {
    let positives = 0
    let tp = 0
    for (const value of Object.keys(labels.entities[type])) {
      if (attackPopsOf(type, value).length === 0) continue
      positives++
      if (byEntity.has(key(type, value))) tp++
    }
    let detected = 0
    for (const e of byEntity.values()) if (e.type === type) detected++
    const fp = detected - tp
    const fn = positives - tp
    if (positives + detected > 0) byType[type] = prf(tp, fp, fn)
    totTp += tp
    totFp += fp
    totFn += fn
  }

  // Per class. A detection is tallied under the class its threat (or category) names when
  // that is a class id, else under every class that accepts it; it is right when the entity
  // took part in an attack whose population accepts the threat.
  const classOf = (d: Detection): string[] => {
    if (classes.has(d.threat)) return [d.threat]
    if (classes.has(d.category)) return [d.category]
    return [...classes].filter(([, acc]) => claims(d, acc)).map(([c]) => c)
  }
  const acceptedOn = (d: Detection, type: LabelledEntityType, value: string): boolean =>
    (labels.entities[type][value] ?? []).some((p) => {
      const label = pops[p]
      return label?.kind === 'attack' && label.class !== null && claims(d, new Set([label.class, ...label.accepts]))
    })
  const byClass: Record<string, ClassScore> = {}
  for (const [cls, accepts] of classes) {
    const classPops = new Set(Object.entries(pops).filter(([, p]) => p.class === cls).map(([id]) => id))
    let tp = 0
    let fn = 0
    const perType: Partial<Record<LabelledEntityType, [number, number]>> = {}
    for (const type of LABELLED_ENTITY_TYPES) {
      for (const [value, ps] of Object.entries(labels.entities[type])) {
        if (!ps.some((p) => classPops.has(p))) continue
        const found = byEntity.get(key(type, value))?.dets.some((d) => claims(d, accepts)) === true
        const t = perType[type] ?? [0, 0]
        t[1]++
        if (found) {
          t[0]++
          tp++
        } else fn++
        perType[type] = t
      }
    }
    let fp = 0
    for (const e of byEntity.values()) {
      const mine = e.dets.filter((d) => classOf(d).includes(cls))
      if (mine.length > 0 && !mine.some((d) => acceptedOn(d, e.type, e.value))) fp++
    }
    const recallByType: Partial<Record<LabelledEntityType, number>> = {}
    for (const [type, [found, total]] of Object.entries(perType) as [LabelledEntityType, [number, number]][]) {
      recallByType[type] = ratio(found, total) ?? 0
    }
    byClass[cls] = { ...prf(tp, fp, fn), recall_by_entity_type: recallByType }
  }

  // Rings are actors: their class is scored over rings, and over members as accounts.
  const rings = scoreRings(labels, detections)
  const ringPops = new Set(Object.values(labels.rings).map((r) => r.population))
  for (const cls of new Set([...ringPops].map((p) => pops[p]?.class).filter((c): c is string => typeof c === 'string'))) {
    if (rings === null) continue
    byClass[cls] = { ...prf(rings.tp, rings.fp, rings.fn), recall_by_entity_type: { account: rings.members.recall ?? 0 } }
  }

  // Per scenario: found at all, how much of it, and how soon.
  const scenarios: Record<string, ScenarioScore> = {}
  for (const [id, p] of Object.entries(pops)) {
    if (p.kind !== 'attack' || p.class === null) continue
    const accepts = new Set([p.class, ...p.accepts])
    let total = 0
    let found = 0
    let earliest: number | null = null
    for (const type of LABELLED_ENTITY_TYPES) {
      for (const [value, ps] of Object.entries(labels.entities[type])) {
        if (!ps.includes(id)) continue
        total++
        const matching = byEntity.get(key(type, value))?.dets.filter((d) => claims(d, accepts)) ?? []
        if (matching.length === 0) continue
        found++
        for (const d of matching) {
          const t = Date.parse(d.detected_at)
          if (!Number.isNaN(t) && (earliest === null || t < earliest)) earliest = t
        }
      }
    }
    if (rings !== null && ringPops.has(id)) {
      // A ring population is found through its rings: members named by right detections.
      const mine = new Set(Object.entries(labels.rings).filter(([, r]) => r.population === id).map(([ring]) => ring))
      const right = detections.filter((d) => rings.matches.some((m) => m.detection_id === d.id && m.ring !== null && mine.has(m.ring)))
      const members = new Set(Object.entries(labels.rings).filter(([ring]) => mine.has(ring)).flatMap(([, r]) => r.members))
      total = members.size
      found = new Set(right.flatMap((d) => d.related.filter((r) => r.type === 'account' && members.has(r.value)).map((r) => r.value))).size
      earliest = null
      for (const d of right) {
        const t = Date.parse(d.detected_at)
        if (!Number.isNaN(t) && (earliest === null || t < earliest)) earliest = t
      }
    }
    const start = p.start === null ? null : Date.parse(p.start)
    scenarios[id] = {
      class: p.class,
      detected: found > 0,
      entities_detected: found,
      entities_total: total,
      time_to_detect_seconds: earliest === null || start === null ? null : Math.max(0, Math.round((earliest - start) / 1000)),
    }
  }

  // Benign entities wrongly flagged, by who they were.
  const goodBots: EntityRef[] = []
  let goodBotCount = 0
  const fpByPop: Record<string, { lookalike: boolean; entities: number }> = {}
  for (const e of byEntity.values()) {
    const ps = labels.entities[e.type][e.value] ?? []
    if (ps.some((p) => pops[p]?.kind === 'attack')) continue
    if (ps.every((p) => pops[p]?.kind === 'good_bot')) {
      goodBotCount++
      if (goodBots.length < MAX_LISTED) goodBots.push({ type: e.type, value: e.value })
    }
    for (const p of ps) {
      const label = pops[p]
      if (label === undefined) continue
      const slot = fpByPop[p] ?? { lookalike: label.lookalike, entities: 0 }
      slot.entities++
      fpByPop[p] = slot
    }
  }

  return {
    detections: detections.length,
    scored,
    unscored_by_entity_type: unscored,
    overall: prf(totTp, totFp, totFn),
    by_entity_type: byType,
    by_class: byClass,
    scenarios,
    good_bots_flagged: { count: goodBotCount, entities: goodBots },
    false_positives_by_population: fpByPop,
    unknown_entities: unknown,
    unclassified_threats: unclassified,
    fraud_rings: rings,
  }
}
