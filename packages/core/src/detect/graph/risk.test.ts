import { describe, expect, it } from 'vitest'
import { buildDetection } from '../detection-record.ts'
import { assessRisk } from './risk.ts'

const det = (detector: string, score: number, entity: { type: 'account' | 'ip' | 'actor'; value: string }, related: Array<{ type: 'account' | 'device'; value: string }> = []) =>
  buildDetection({ detector, threat: 't', category: 'c', entity, score, firstSeenMs: 0, lastSeenMs: 0, count: 1, explanation: `${detector} says so`, evidence: [], related })

describe('entity risk', () => {
  it('combines direct and related detections as independent evidence, strongest reason first', () => {
    const ds = [
      det('account.takeover', 80, { type: 'account', value: 'alice' }),
      det('graph.fraud_ring', 60, { type: 'actor', value: 'ring:a' }, [{ type: 'account', value: 'alice' }]),
      det('payment.carding', 90, { type: 'account', value: 'bob' }),
    ]
    const r = assessRisk({ type: 'account', value: 'alice' }, ds)
    // 1 - (1 - 0.8)(1 - 0.3) = 0.86
    expect(r.score).toBe(86)
    expect(r.severity).toBe('high')
    expect(r.reasons.map((x) => [x.detector, x.link])).toEqual([['account.takeover', 'direct'], ['graph.fraud_ring', 'related']])
    expect(r.reasons[0]!.explanation).toBe('account.takeover says so')
  })

  it('is zero with no reasons for an entity nothing mentions', () => {
    const r = assessRisk({ type: 'account', value: 'carol' }, [det('x', 99, { type: 'account', value: 'bob' })])
    expect(r).toEqual({ entity: { type: 'account', value: 'carol' }, score: 0, severity: 'info', reasons: [] })
  })
})
