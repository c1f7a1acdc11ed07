import { describe, expect, it } from 'vitest'
import { app, at } from './fixtures/events.ts'
import { OtpConversion } from './otp-conversion.ts'

const LIFETIME = 600_000
const send = (s: number, session: string, phone: string, country = 'LR') =>
  app({ event_action: 'otp.send', ts: at(s), session_id: session, user_phone_hash: phone, phone_country: country })

describe('OtpConversion', () => {
  it('counts a code used when its session signs in within its lifetime, and not when the sign-in comes later', () => {
    const c = new OtpConversion(LIFETIME, 100)
    c.wait(send(0, 'a', 'ph-a'))
    c.wait(send(0, 'b', 'ph-b'))
    c.observe(app({ event_action: 'account.login', event_outcome: 'success', ts: at(40), session_id: 'a' }))
    c.observe(app({ event_action: 'account.login', event_outcome: 'failure', ts: at(50), session_id: 'b' }))
    expect(c.due(at(599))).toEqual([])
    expect(c.due(at(600)).map((x) => [x.send.session_id, x.used])).toEqual([['a', true], ['b', false]])
    c.observe(app({ event_action: 'account.login', event_outcome: 'success', ts: at(700), session_id: 'b' }))
    expect(c.due(at(800))).toEqual([])
  })

  it('counts a code used by the registration that carries its phone, from another session', () => {
    const c = new OtpConversion(LIFETIME, 100)
    c.wait(send(0, 'signup', 'ph-new'))
    c.observe(app({ event_action: 'account.register', ts: at(90), session_id: 'other', user_id: 'u1', user_phone_hash: 'ph-new' }))
    expect(c.due(at(600)).map((x) => x.used)).toEqual([true])
  })

  it('counts customers where they sign in from, where their addresses are and where the codes they used went', () => {
    const c = new OtpConversion(LIFETIME, 100)
    c.observe(app({ event_action: 'account.login', event_outcome: 'success', ts: at(0), source_geo_country_iso_code: 'DE' }))
    c.observe(app({ event_action: 'account.address_change', ts: at(1), address_country: 'at' }))
    c.wait(send(2, 's', 'ph', 'BR'))
    c.observe(app({ event_action: 'account.login', event_outcome: 'success', ts: at(30), session_id: 's', source_geo_country_iso_code: 'DE' }))
    c.due(at(700))
    expect([c.customerShare('DE'), c.customerShare('AT'), c.customerShare('BR'), c.customerShare('LR')]).toEqual([0.5, 0.25, 0.25, 0])
  })
})
