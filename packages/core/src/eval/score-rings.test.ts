import { describe, expect, it } from 'vitest'
import type { Detection, EntityRef } from '../events/detection.ts'
import type { PopulationLabel, SimLabels } from '../simulate/labels.ts'
import { prf } from './prf.ts'
import { scoreDetections } from './score.ts'
import { scoreRings } from './score-rings.ts'

const pop = (kind: PopulationLabel['kind'], cls: string | null, lookalike = false): PopulationLabel => ({
  kind, class: cls, accepts: cls === null ? [] : [cls], lookalike, description: 'test', start: '2026-11-02T12:00:00.000Z', end: '2026-11-02T18:00:00.000Z', requests: 1, events: 1,
})

const crew = ['a1', 'a2', 'a3', 'a4']
const other = ['b1', 'b2', 'b3', 'b4']
const family = ['h1', 'h2', 'h3', 'h4']
const labels: SimLabels = {
  version: 1, seed: 1, hours: 6, scale: 1, stealth: false, start: '2026-11-02T12:00:00.000Z', end: '2026-11-02T18:00:00.000Z',
  files: { access_log: 'access.log', events: 'events.ndjson' },
  populations: { 'fraud-ring': pop('attack', 'fraud_ring'), household: pop('benign', null, true), shoppers: pop('benign', null) },
  entities: {
    ip: {}, session: {}, device: {}, card: {},
    account: Object.fromEntries([
      ...[...crew, ...other].map((a) => [a, ['fraud-ring']]),
      ...family.map((a) => [a, ['household']]),
      ['x', ['shoppers']],
    ]),
  },
  requests: { 'fraud-ring': [] },
  rings: { 'ring-a': { population: 'fraud-ring', members: crew }, 'ring-b': { population: 'fraud-ring', members: other } },
}

function ring(id: string, members: string[], detectedAt = '2026-11-02T13:00:00.000Z'): Detection {
  const related: EntityRef[] = [...members.map((value) => ({ type: 'account' as const, value })), { type: 'card', value: 'c1' }]
  return {
    id, detector: 'graph.fraud_ring', threat: 'fraud_ring', category: 'fraud_ring', entity: { type: 'actor', value: id }, score: 70, severity: 'high',
    first_seen: '2026-11-02T12:10:00.000Z', last_seen: detectedAt, detected_at: detectedAt, count: members.length, explanation: 'test', evidence: [], related,
  }
}

describe('scoreRings', () => {
  const detections = [
    ring('ring:a1', ['a1', 'a2', 'a3', 'x']), // three of four from ring-a: right
    ring('ring:a2', ['a2', 'a4'], '2026-11-02T12:40:00.000Z'), // ring-a again: a duplicate, not wrong
    ring('ring:h1', family), // the household: wrong
    ring('ring:mix', ['a1', 'b1', 'x', 'h1']), // no majority: wrong
  ]

  it('counts rings found, wrong detections and missed rings, and members apart', () => {
    const r = scoreRings(labels, detections)!
    expect({ tp: r.tp, fp: r.fp, fn: r.fn }).toEqual({ tp: 1, fp: 2, fn: 1 })
    expect(r.rings_found).toEqual(['ring-a'])
    expect(r.duplicates).toBe(1)
    // The mixed group is mostly crew accounts of two rings: wrong, and attributed to the crews' population.
    expect(r.false_positives_by_population).toEqual({ household: 1, 'fraud-ring': 1 })
    // Flagged accounts: a1 a2 a3 a4 b1 x h1..h4 → 5 ring members right, 5 wrong; b2 b3 b4 missed.
    expect(r.members).toEqual(prf(5, 5, 3))
    expect(r.matches.find((m) => m.entity === 'ring:a1')).toMatchObject({ ring: 'ring-a', purity: 0.75, members: 4 })
    expect(r.matches.find((m) => m.entity === 'ring:mix')?.ring).toBeNull()
  })

  it('is null when there are no rings to find and none detected', () => {
    expect(scoreRings({ ...labels, rings: {} }, [])).toBeNull()
  })

  it('scores the ring class over rings in the eval report, timed from the earliest right detection', () => {
    const report = scoreDetections(labels, detections)
    expect(report.by_class.fraud_ring).toEqual({ ...prf(1, 2, 1), recall_by_entity_type: { account: report.fraud_rings!.members.recall } })
    expect(report.scenarios['fraud-ring']).toEqual({
      class: 'fraud_ring', detected: true, entities_detected: 4, entities_total: 8, time_to_detect_seconds: 40 * 60,
    })
  })
})
