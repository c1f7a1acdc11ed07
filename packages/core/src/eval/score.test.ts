import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Detection, EntityType } from '../events/detection.ts'
import { isVigilError } from '../errors/vigil-error.ts'
import { parseLabels } from './labels-schema.ts'
import { prf, scoreDetections } from './score.ts'

const labels = parseLabels(readFileSync(new URL('./fixtures/labels-small.json', import.meta.url), 'utf8'), 'labels-small.json')

function det(type: EntityType, value: string, threat: string, firstSeen = '2026-11-02T12:31:00.000Z', category = 'x'): Detection {
  return {
    id: `${type}:${value}:${threat}`,
    detector: 'test',
    threat,
    category,
    entity: { type, value },
    score: 80,
    severity: 'high',
    first_seen: firstSeen,
    last_seen: firstSeen,
    detected_at: firstSeen,
    count: 1,
    explanation: 'test',
    evidence: [],
    related: [],
  }
}

describe('prf', () => {
  it('computes precision, recall and F1, null when undefined', () => {
    expect(prf(3, 1, 1)).toEqual({ tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 })
    expect(prf(0, 0, 4)).toEqual({ tp: 0, fp: 0, fn: 4, precision: null, recall: 0, f1: null })
    expect(prf(0, 2, 2).f1).toBe(0)
  })
})

describe('scoreDetections', () => {
  const detections = [
    det('ip', '203.0.113.10', 'OAT-011', '2026-11-02T12:22:00.000Z'), // TP scraping
    det('ip', '203.0.113.10', 'OAT-011'), // same entity again: counts once
    det('ip', '203.0.113.20', 'OAT-008', '2026-11-02T12:30:30.000Z'), // TP stuffing
    det('ip', '198.51.100.3', 'OAT-011'), // FP on the office look-alike
    det('ip', '66.249.66.1', 'OAT-011'), // FP on Googlebot
    det('ip', '198.51.100.9', 'scraping'), // attack entity (stuffing), wrong class for it
    det('account', 'victim@example.com', 'x', '2026-11-02T12:33:00.000Z', 'ato'), // TP stuffing via category
    det('subnet', '203.0.113.0/24', 'OAT-008'), // unscored type
    det('ip', '192.0.2.99', 'OAT-004'), // entity not in the data, threat nobody accepts
  ]
  const r = scoreDetections(labels, detections)

  it('scores each entity type class-agnostically', () => {
    // ip positives: .10, .20, .21, .9 → 4; scored detected: .10 .20 .3 66.249 .9 → 5, 3 of them attackers
    // (192.0.2.99 never occurs in the data and is set apart)
    expect(r.by_entity_type.ip).toEqual(prf(3, 2, 1))
    expect(r.by_entity_type.ip?.precision).toBe(0.6)
    expect(r.by_entity_type.ip?.recall).toBe(0.75)
    // accounts: positives victim + nobody; detected victim
    expect(r.by_entity_type.account).toEqual(prf(1, 0, 1))
    expect(r.overall).toEqual(prf(4, 2, 2))
  })

  it('scores each class by the threats its populations accept', () => {
    // OAT-011 claimers: .10 (TP), .3 (FP), 66.249 (FP), .9 via "scraping" (FP: .9 is not a scraper)
    expect(r.by_class['OAT-011']).toMatchObject({ tp: 1, fp: 3, fn: 0, precision: 0.25, recall: 1 })
    // OAT-008 entities: ips .20 .21 .9, accounts victim, nobody = 5; found .20 and victim
    expect(r.by_class['OAT-008']).toMatchObject({ tp: 2, fp: 0, fn: 3, precision: 1, recall: 0.4 })
    expect(r.by_class['OAT-008']?.recall_by_entity_type).toEqual({ ip: 0.3333, account: 0.5 })
  })

  it('times detection from when it was raised (detected_at), not from when its evidence began', () => {
    const late = { ...det('ip', '203.0.113.10', 'OAT-011', '2026-11-02T12:22:00.000Z'), detected_at: '2026-11-02T12:25:00.000Z' }
    expect(scoreDetections(labels, [late]).scenarios['scraper-naive']?.time_to_detect_seconds).toBe(300)
  })

  it('reports scenarios, time to detection, good bots and look-alike false positives', () => {
    expect(r.scenarios['scraper-naive']).toEqual({ class: 'OAT-011', detected: true, entities_detected: 1, entities_total: 1, time_to_detect_seconds: 120 })
    expect(r.scenarios.stuffing).toEqual({ class: 'OAT-008', detected: true, entities_detected: 2, entities_total: 5, time_to_detect_seconds: 30 })
    expect(r.good_bots_flagged).toEqual({ count: 1, entities: [{ type: 'ip', value: '66.249.66.1' }] })
    expect(r.false_positives_by_population).toEqual({ office: { lookalike: true, entities: 1 }, googlebot: { lookalike: false, entities: 1 } })
    expect(r.unscored_by_entity_type).toEqual({ subnet: 1 })
    expect(r.unknown_entities).toBe(1)
    expect(r.unclassified_threats).toEqual({ 'OAT-004': 1 })
    expect(r.detections).toBe(9)
    expect(r.scored).toBe(7)
  })

  it('gives perfect scores when every attacker entity is found with its class and nothing else', () => {
    const perfect = [
      det('ip', '203.0.113.10', 'OAT-011'),
      ...['203.0.113.20', '203.0.113.21', '198.51.100.9'].map((ip) => det('ip', ip, 'OAT-008')),
      det('account', 'victim@example.com', 'OAT-008'),
      det('account', 'nobody@example.com', 'OAT-008'),
    ]
    const p = scoreDetections(labels, perfect)
    expect(p.overall).toEqual(prf(6, 0, 0))
    expect(p.by_class['OAT-008']?.f1).toBe(1)
    expect(p.good_bots_flagged.count).toBe(0)
  })
})

describe('parseLabels', () => {
  it('rejects a file that is not a labels file, naming the problem', () => {
    const err = (text: string): string => {
      try {
        parseLabels(text, 'x.json')
      } catch (e) {
        if (isVigilError(e)) return e.message
      }
      return 'no error'
    }
    expect(err('{')).toMatch(/x\.json is not valid JSON/)
    expect(err('{"version": 2}')).toMatch(/version/)
    expect(err('{"__proto__": {"a": 1}}')).toMatch(/not valid JSON/)
  })
})
