import { describe, expect, it } from 'vitest'
import { CARDING_ID } from './carding.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'

const authorize = (ts: number, card: string, bin: string, outcome: 'success' | 'failure', reason: string | null, who = { user: 'acct-9', device: 'dev-9', ip: '198.51.100.9' }) =>
  app({ event_action: 'payment.authorize', ts, card_fingerprint: card, card_bin: bin, event_outcome: outcome, event_reason: reason, user_id: who.user, device_id: who.device, source_ip: who.ip, order_amount: 1 })

describe('carding and card cracking', () => {
  it('flags card testing across many cards of one BIN on the account, device and IP', () => {
    const events = Array.from({ length: 8 }, (_, i) => authorize(at(i * 20), `card-${i}`, '414720', i === 5 ? 'success' : 'failure', 'declined'))
    const all = only(detect(events), CARDING_ID).filter((d) => d.threat === 'OAT-001')
    const ds = all.filter((d) => d.entity.type !== 'card')
    expect(ds.map((d) => d.entity.type).sort()).toEqual(['account', 'device', 'ip'])
    // The cards it tried are flagged with it, so the shop can block them.
    expect(all.filter((d) => d.entity.type === 'card')).toHaveLength(8)
    const ip = ds.find((d) => d.entity.type === 'ip')!
    expect(ip.score).toBeGreaterThanOrEqual(65)
    expect(ip.explanation).toContain('tried 8 distinct cards')
    expect(ip.explanation).toContain('88% of 8 authorizations failed (declined 7)')
    expect(ip.explanation).toContain('8 of them from BIN 414720')
  })

  it('flags card cracking on one card with CVV and expiry failures', () => {
    const reasons = ['cvv_mismatch', 'expired', 'cvv_mismatch', 'cvv_mismatch', 'expired']
    const events = reasons.map((r, i) => authorize(at(i * 5), 'card-victim', '535522', 'failure', r))
    const card = only(detect(events), CARDING_ID, 'card')[0]!
    expect(card.threat).toBe('OAT-010')
    expect(card.explanation).toContain('failed 5 CVV or expiry checks on card card-victim')
    expect(card.related).toContainEqual({ type: 'ip', value: '198.51.100.9' })
  })

  it('does not flag a family tablet paying with each member\'s own card', () => {
    const family = ['mum', 'dad', 'kid', 'gran', 'aunt'].map((u, i) =>
      authorize(at(i * 600), `card-${u}`, ['414720', '535522', '401200', '455600', '520000'][i]!, 'success', null, { user: u, device: 'family-tablet', ip: '84.12.3.4' }),
    )
    expect(only(detect(family), CARDING_ID)).toEqual([])
  })

  it('raises three failed tiny authorizations on three cards at the third, at a lower score', () => {
    const events = ['card-x', 'card-y', 'card-z'].map((card, i) => authorize(at(i * 40), card, '414720', 'failure', 'declined'))
    const ip = only(detect(events), CARDING_ID, 'ip')[0]!
    expect(Date.parse(ip.detected_at)).toBe(at(80))
    expect(ip.explanation).toBe('IP 198.51.100.9 tried 3 distinct cards in 1 min, 100% of 3 authorizations failed (declined 3), 3 of them from BIN 414720, every one for at most 10.')
    expect(ip.score).toBeLessThan(65)
  })

  it('does not flag a customer trying three cards on a small order until one works, or on an ordinary one', () => {
    const small = [
      authorize(at(0), 'card-a', '414720', 'failure', 'declined'),
      authorize(at(40), 'card-b', '535522', 'failure', 'declined'),
      authorize(at(80), 'card-c', '401200', 'success', null),
    ]
    const ordinary = ['card-d', 'card-e', 'card-f'].map((card, i) =>
      ({ ...authorize(at(200 + i * 40), card, '455600', 'failure', 'declined', { user: 'bob', device: 'bob-phone', ip: '84.3.3.3' }), order_amount: 59 }))
    expect(only(detect([...small, ...ordinary]), CARDING_ID)).toEqual([])
  })

  it('raises a source that goes on to a new card after one went through, and not a customer who stops there or retries the card that worked', () => {
    // A tester's list goes on after a live card: declined, passed, declined on three cards in 26 s.
    const tester = [
      authorize(at(0), 'card-a', '411111', 'failure', 'declined'),
      authorize(at(2), 'card-b', '542418', 'success', null),
      authorize(at(26), 'card-c', '424242', 'failure', 'declined'),
    ]
    const ip = only(detect(tester), CARDING_ID, 'ip')[0]!
    expect(Date.parse(ip.detected_at)).toBe(at(26))
    expect(ip.explanation).toBe('IP 198.51.100.9 tried 3 distinct cards in 26 s, 67% of 3 authorizations failed (declined 2), every one for at most 10.')
    // Two cards declined, the third works, then a second small order on the card that worked is declined (over its limit).
    const customer = [
      authorize(at(0), 'card-d', '414720', 'failure', 'declined', { user: 'eva', device: 'eva-phone', ip: '84.4.4.4' }),
      authorize(at(40), 'card-e', '535522', 'failure', 'declined', { user: 'eva', device: 'eva-phone', ip: '84.4.4.4' }),
      authorize(at(80), 'card-f', '401200', 'success', null, { user: 'eva', device: 'eva-phone', ip: '84.4.4.4' }),
      authorize(at(900), 'card-f', '401200', 'failure', 'declined', { user: 'eva', device: 'eva-phone', ip: '84.4.4.4' }),
    ]
    expect(only(detect(customer), CARDING_ID)).toEqual([])
  })

  it('does not flag a shopper whose card is declined twice before a second card works', () => {
    const events = [
      authorize(at(0), 'card-a', '414720', 'failure', 'declined'),
      authorize(at(30), 'card-a', '414720', 'failure', 'cvv_mismatch'),
      authorize(at(90), 'card-b', '535522', 'success', null),
    ]
    expect(only(detect(events), CARDING_ID)).toEqual([])
  })

  /** Two hours of customers' authorizations, one a minute, an ordinary amount, one in ten declined. */
  const shop = () => Array.from({ length: 120 }, (_, i) =>
    app({ event_action: 'payment.authorize', ts: at(i * 60), card_fingerprint: `cust-card-${i}`, card_bin: '453201', event_outcome: i % 10 === 3 ? 'failure' : 'success', event_reason: i % 10 === 3 ? 'declined' : null, user_id: `cust-${i}`, device_id: `cust-dev-${i}`, source_ip: `84.1.${i}.1`, order_amount: 30 + i }))
  /** Tiny tests, one card each, every one from its own proxy address and browser. */
  const spreadTests = (from: number, n: number, every: number) => Array.from({ length: n }, (_, i) =>
    app({ event_action: 'payment.authorize', ts: at(from + i * every), card_fingerprint: `stolen-${i}`, card_bin: '414720', event_outcome: 'failure', event_reason: 'declined', device_id: `fresh-${i}`, source_ip: `73.9.${i}.7`, session_id: `s-${i}`, order_amount: 1 }))

  it('opens a card-testing campaign when tiny declines surge from many addresses, one card each, and flags each test\'s address, device and card', () => {
    const ds = only(detect([...shop(), ...spreadTests(7300, 12, 15)]), CARDING_ID)
    const actor = ds.find((d) => d.entity.type === 'actor')!
    expect(actor.threat).toBe('OAT-001')
    expect(actor.explanation).toMatch(/^A card-testing campaign: 12 failed authorizations of at most 10 from 12 addresses on 12 cards in 3 min\. It opened with 5 failed authorizations of at most 10 within 1 min/)
    const flagged = new Set(ds.map((d) => `${d.entity.type}:${d.entity.value}`))
    for (let i = 0; i < 12; i++) for (const ref of [`ip:73.9.${i}.7`, `device:fresh-${i}`, `card:stolen-${i}`, `session:s-${i}`]) expect(flagged).toContain(ref)
    // The customers, declines included, are not.
    expect([...flagged].filter((f) => f.includes('cust-') || f.includes('84.1.'))).toEqual([])
  })

  it('leaves out of a campaign a shopper whose small order is declined after browsing the shop, and takes in a test from a session that posted nothing else', () => {
    const small = (ts: number, who: string, outcome: 'success' | 'failure') =>
      app({ event_action: 'payment.authorize', ts: at(ts), card_fingerprint: `card-${who}`, card_bin: '414720', event_outcome: outcome, event_reason: outcome === 'failure' ? 'declined' : null, device_id: `dev-${who}`, source_ip: `91.7.${who.length}.1`, session_id: `s-${who}`, order_amount: 4.5 })
    // The shopper looked at a product and the cart before paying 4.50 for socks; the same amounts
    // come from a tester's session that requested nothing but the payment.
    const pages = ['/p/socks-3', '/cart', '/checkout'].map((path, i) => http({ ts: at(7330 + i * 20), session_id: 's-shopper', source_ip: '91.7.7.1', http_request_method: 'GET', url_path: path }))
    const events = [...shop(), ...spreadTests(7300, 12, 15), ...pages, small(7400, 'shopper', 'failure'), small(7405, 'tester', 'failure'), small(7420, 'shopper', 'success')]
    const flagged = new Set(only(detect(events), CARDING_ID).map((d) => `${d.entity.type}:${d.entity.value}`))
    for (const ref of ['card:card-tester', 'session:s-tester', 'device:dev-tester']) expect(flagged).toContain(ref)
    expect([...flagged].filter((f) => f.includes('shopper'))).toEqual([])
  })

  it('flags a tiny authorization that went through during a campaign on a BIN its tests keep failing on, not a customer\'s small order on another BIN', () => {
    const pass = (ts: number, card: string, bin: string, ip: string) =>
      app({ event_action: 'payment.authorize', ts: at(ts), card_fingerprint: card, card_bin: bin, event_outcome: 'success', device_id: `dev-${card}`, source_ip: ip, session_id: `s-${card}`, order_amount: 1.99 })
    const events = [...shop(), ...spreadTests(7300, 12, 15), pass(7400, 'live-card', '414720', '73.9.99.7'), pass(7420, 'gift-wrap', '535522', '84.1.200.1')]
    const ds = only(detect(events), CARDING_ID)
    const card = ds.find((d) => d.entity.type === 'card' && d.entity.value === 'live-card')!
    expect(card.explanation).toMatch(/^Card live-card passed an authorization of 1\.99 during a card-testing campaign \(card-testing:[^)]+\) on BIN 414720, which 7 of its 7 failed tests of the last 2 min carried\.$/)
    const flagged = new Set(ds.map((d) => `${d.entity.type}:${d.entity.value}`))
    for (const ref of ['ip:73.9.99.7', 'device:dev-live-card', 'session:s-live-card']) expect(flagged).toContain(ref)
    // A customer's small order on another bank's card during the campaign is not a passed test.
    expect([...flagged].filter((f) => f.includes('gift-wrap') || f.includes('84.1.200.1'))).toEqual([])
  })

  it('reads the BIN a long campaign works through from its last hour of tests: a pass on the new dump is flagged, a customer on the dump it left is not', () => {
    const test = (ts: number, i: number, bin: string) =>
      app({ event_action: 'payment.authorize', ts: at(ts), card_fingerprint: `stolen-${i}`, card_bin: bin, event_outcome: 'failure', event_reason: 'declined', device_id: `fresh-${i}`, source_ip: `73.9.${i >> 8}.${i & 255}`, session_id: `s-${i}`, order_amount: 1 })
    const pass = (ts: number, card: string, bin: string, ip: string) =>
      app({ event_action: 'payment.authorize', ts: at(ts), card_fingerprint: card, card_bin: bin, event_outcome: 'success', device_id: `dev-${card}`, source_ip: ip, session_id: `s-${card}`, order_amount: 1.99 })
    const firstDump = Array.from({ length: 40 }, (_, i) => test(7300 + i * 45, i, '401795'))
    // Half an hour later another tester starts on another issuer's cards, then slows down.
    const nextDump = [...Array.from({ length: 12 }, (_, i) => test(11000 + i * 30, 100 + i, '516732')), ...Array.from({ length: 6 }, (_, i) => test(11630 + i * 300, 200 + i, '516732'))]
    const events = [...shop(), ...firstDump, ...nextDump, pass(11350, 'live-card', '516732', '73.9.99.7'), pass(13200, 'gift-wrap', '401795', '84.1.200.1')]
    const cards = only(detect(events), CARDING_ID, 'card').filter((d) => d.explanation.includes('passed'))
    expect(cards.map((d) => d.entity.value)).toEqual(['live-card'])
    expect(cards[0]!.explanation).toContain('on BIN 516732, which 12 of its 42 failed tests of the last 1.0 h carried.')
  })

  it('does not take a customer\'s small order for a passed test when the campaign spreads its tests over many BINs', () => {
    const bins = ['454313', '424242', '371449', '522222', '510510', '601100', '411111', '542418']
    const tests = spreadTests(7300, 16, 15).map((e, i) => ({ ...e, card_bin: bins[i % bins.length]! }))
    const customer = app({ event_action: 'payment.authorize', ts: at(7600), card_fingerprint: 'vpn-card', card_bin: '522222', event_outcome: 'success', user_id: 'vpn-shopper', device_id: 'vpn-laptop', source_ip: '146.70.1.94', order_amount: 8.45 })
    const ds = only(detect([...shop(), ...tests, customer]), CARDING_ID)
    expect(ds.some((d) => d.entity.type === 'actor')).toBe(true)
    expect(ds.filter((d) => d.entity.value.startsWith('vpn-') || d.entity.value === '146.70.1.94')).toEqual([])
  })

  it('does not open a campaign for a few customers whose small orders are declined over an afternoon', () => {
    expect(only(detect([...shop(), ...spreadTests(600, 4, 1500)]), CARDING_ID)).toEqual([])
  })

  it('flags every proxy and session a card cracker spread its guesses over, not only the last', () => {
    const events = ['cvv_mismatch', 'expired', 'cvv_mismatch', 'cvv_mismatch', 'expired'].map((r, i) =>
      app({ event_action: 'payment.authorize', ts: at(i * 40), card_fingerprint: 'card-victim', card_bin: '535522', event_outcome: 'failure', event_reason: r, source_ip: `73.5.${i}.1`, session_id: `s-${i}`, order_amount: 1 }))
    const flagged = new Set(only(detect(events), CARDING_ID).map((d) => `${d.entity.type}:${d.entity.value}`))
    for (let i = 0; i < 5; i++) {
      expect(flagged).toContain(`ip:73.5.${i}.1`)
      expect(flagged).toContain(`session:s-${i}`)
    }
  })
})
