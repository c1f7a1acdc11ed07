/**
 * Scores fraud-ring detections (entity type `actor`, threat or category `fraud_ring`,
 * members listed as `account` entries of `related`) against the rings in labels.json.
 *
 * A ring detection is right when more than half of its member accounts belong to one
 * labelled ring; it then finds that ring. Precision is rings found over rings found plus
 * wrong detections (a second detection of a found ring is counted apart), recall is over
 * labelled rings. Members are scored too: every account some ring detection names is
 * right when it is a labelled ring member, and every labelled member no ring detection
 * names is a miss. A wrong detection is attributed to the population most of its members
 * came from, so a family flagged as a ring shows as such.
 * @module
 */
import type { Detection } from '../events/detection.ts'
import type { SimLabels } from '../simulate/labels.ts'
import { type Prf, prf } from './prf.ts'

export const RING_THREAT = 'fraud_ring'

export interface RingMatch {
  detection_id: string
  entity: string
  members: number
  /** The labelled ring most members belong to, or null when none holds a majority. */
  ring: string | null
  /** Share of the members in that ring. */
  purity: number
  detected_at: string
}

export interface RingScore extends Prf {
  /** Accounts named by ring detections versus labelled ring members. */
  members: Prf
  rings: number
  /** Labelled rings found by at least one detection. */
  rings_found: string[]
  /** More detections of a ring already found (not wrong, not counted twice). */
  duplicates: number
  /** Population → wrong ring detections whose members came mostly from it. */
  false_positives_by_population: Record<string, number>
  matches: RingMatch[]
}

export const isRingDetection = (d: Detection): boolean =>
  d.entity.type === 'actor' && (d.threat === RING_THREAT || d.category === RING_THREAT)

function memberAccounts(d: Detection): string[] {
  return [...new Set(d.related.filter((r) => r.type === 'account').map((r) => r.value))]
}

/** Null when the labels hold no rings and no ring was detected. */
export function scoreRings(labels: SimLabels, detections: readonly Detection[]): RingScore | null {
  const ringOfAccount = new Map<string, string>()
  for (const [id, ring] of Object.entries(labels.rings)) for (const m of ring.members) ringOfAccount.set(m, id)
  const ringDetections = detections.filter(isRingDetection)
  const rings = Object.keys(labels.rings).length
  if (rings === 0 && ringDetections.length === 0) return null

  const matches: RingMatch[] = []
  const found = new Set<string>()
  const flagged = new Set<string>()
  const fpByPop: Record<string, number> = {}
  let right = 0
  let duplicates = 0
  for (const d of ringDetections) {
    const members = memberAccounts(d)
    for (const m of members) flagged.add(m)
    const votes = new Map<string, number>()
    for (const m of members) {
      const ring = ringOfAccount.get(m)
      if (ring !== undefined) votes.set(ring, (votes.get(ring) ?? 0) + 1)
    }
    let best: string | null = null
    let most = 0
    for (const [ring, n] of votes) if (n > most) [best, most] = [ring, n]
    const purity = members.length === 0 ? 0 : most / members.length
    const ring = purity > 0.5 ? best : null
    matches.push({ detection_id: d.id, entity: d.entity.value, members: members.length, ring, purity: Math.round(purity * 1000) / 1000, detected_at: d.detected_at })
    if (ring === null) {
      const pop = majorityPopulation(labels, members)
      fpByPop[pop] = (fpByPop[pop] ?? 0) + 1
      continue
    }
    right++
    if (found.has(ring)) duplicates++
    found.add(ring)
  }
  let memberTp = 0
  for (const m of flagged) if (ringOfAccount.has(m)) memberTp++
  return {
    // Rings found, wrong detections, rings missed; a second detection of a found ring is neither.
    ...prf(found.size, ringDetections.length - right, rings - found.size),
    members: prf(memberTp, flagged.size - memberTp, ringOfAccount.size - memberTp),
    rings,
    rings_found: [...found].sort(),
    duplicates,
    false_positives_by_population: fpByPop,
    matches,
  }
}

function majorityPopulation(labels: SimLabels, accounts: readonly string[]): string {
  const votes = new Map<string, number>()
  for (const a of accounts) for (const p of labels.entities.account[a] ?? ['(unlabelled)']) votes.set(p, (votes.get(p) ?? 0) + 1)
  let best = '(none)'
  let most = 0
  for (const [p, n] of votes) if (n > most || (n === most && p < best)) [best, most] = [p, n]
  return best
}
