import { describe, expect, it } from 'vitest'
import { app, at, detect, only } from './fixtures/events.ts'
import { TOKEN_CRACKING_ID } from './token-cracking.ts'

describe('token cracking', () => {
  it('flags an IP enumerating gift card ids', () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      app({ event_action: 'giftcard.check', ts: at(i * 3), giftcard_id: `GC-0000-${1000 + i}`, event_outcome: 'failure', event_reason: 'not_found', source_ip: '45.9.9.9' }),
    )
    const d = only(detect(events), TOKEN_CRACKING_ID, 'ip')[0]!
    expect(d.threat).toBe('OAT-002')
    expect(d.explanation).toContain('tried 12 distinct gift card codes in 33 s and 100% of 12 attempts were rejected (not_found 12)')
  })

  it('does not flag a shopper trying two coupon codes', () => {
    const events = ['SPRING', 'SPRING10', 'SPRING10'].map((code, i) =>
      app({ event_action: 'coupon.redeem', ts: at(i * 20), coupon_code: code, event_outcome: i === 2 ? 'success' : 'failure', source_ip: '84.1.1.1', user_id: 'ann' }),
    )
    expect(only(detect(events), TOKEN_CRACKING_ID)).toEqual([])
  })
})
