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

  it('adds an address with a single rejected guess while several others enumerate, but not a shopper mistyping a real code', () => {
    const guess = (ts: number, ip: string, code: string, ok = false) =>
      app({ event_action: 'coupon.redeem', ts, coupon_code: code, event_outcome: ok ? 'success' : 'failure', source_ip: ip })
    const events = [
      guess(at(0), '84.1.1.1', 'WELCOME10', true),
      ...Array.from({ length: 10 }, (_, i) => guess(at(10 + i * 5), '45.1.1.1', `SAVE${1000 + i}`)),
      ...Array.from({ length: 10 }, (_, i) => guess(at(12 + i * 5), '45.1.1.2', `SAVE${2000 + i}`)),
      guess(at(100), '45.1.1.3', 'SAVE3001'),
      guess(at(110), '84.1.1.9', 'WELCOME10'),
    ]
    const ips = only(detect(events), TOKEN_CRACKING_ID, 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(['45.1.1.1', '45.1.1.2', '45.1.1.3'])
    const member = only(detect(events), TOKEN_CRACKING_ID, 'ip').find((d) => d.entity.value === '45.1.1.3')!
    expect(member.explanation).toBe('IP 45.1.1.3 had all 1 of its coupon code attempts rejected (the last for a code nobody has redeemed) while 2 IPs were enumerating coupon codes.')
  })
})
