import { describe, expect, it } from 'vitest'
import type { AppEvent, HttpEvent } from '../../events/index.ts'
import { CREDENTIAL_STUFFING_ID } from './credential-stuffing.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'

const login = (ts: number, user: string, ip: string, outcome: 'success' | 'failure', reason: string | null = null, extra: Partial<AppEvent> = {}) =>
  app({ event_action: 'account.login', ts, user_name: user, source_ip: ip, event_outcome: outcome, event_reason: reason, ...extra })

describe('credential stuffing', () => {
  it('flags a burst of failures for many accounts from one IP, with the numbers in the sentence', () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      login(at(i * 10), `user${i}`, '203.0.113.7', i % 10 === 9 ? 'success' : 'failure', 'unknown_user', { device_id: 'bot-1' }),
    )
    const ds = only(detect(events), CREDENTIAL_STUFFING_ID, 'ip')
    expect(ds).toHaveLength(1)
    const d = ds[0]!
    expect(d.entity).toEqual({ type: 'ip', value: '203.0.113.7' })
    expect(d.threat).toBe('OAT-008')
    expect(d.score).toBeGreaterThanOrEqual(70)
    expect(d.explanation).toContain('27 distinct accounts')
    expect(d.explanation).toContain('90% of 30 attempts failed')
    expect(d.related).toContainEqual({ type: 'device', value: 'bot-1' })
    // The first report comes with the threshold-crossing event, not at the end of the run.
    expect(Date.parse(d.first_seen)).toBe(at(0))
  })

  it('names password spraying when each account fails about once', () => {
    const events = Array.from({ length: 20 }, (_, i) => login(at(i * 30), `member${i}`, '198.51.100.23', 'failure', 'bad_password'))
    const d = only(detect(events), CREDENTIAL_STUFFING_ID, 'ip')[0]!
    expect(d.explanation).toContain('password-spraying')
    expect(d.evidence).toContainEqual({ field: 'pattern', value: 'password_spraying' })
  })

  it('does not flag a carrier NAT address where many people log in with the odd typo', () => {
    const events: AppEvent[] = []
    for (let i = 0; i < 80; i++) {
      if (i % 8 === 0) events.push(login(at(i * 20), `customer${i}`, '100.64.12.1', 'failure', 'bad_password'))
      events.push(login(at(i * 20 + 5), `customer${i}`, '100.64.12.1', 'success'))
    }
    expect(only(detect(events), CREDENTIAL_STUFFING_ID)).toEqual([])
  })

  it('flags no sessions or accounts through a TLS fingerprint real browsers share', () => {
    const chrome = 't13d1516h2_8daaf6152771_d8a2da3f94cd'
    const events: Array<AppEvent | HttpEvent> = []
    for (let i = 0; i < 30; i++) {
      // A stuffing tool impersonating Chrome's hello from rotating addresses…
      const ip = `45.${20 + i}.8.${i}`
      events.push(http({ ts: at(i * 10) - 1, source_ip: ip, session_id: `bot-s${i}`, url_path: '/api/login', tls_client_ja4: chrome }))
      events.push(login(at(i * 10), `combo${i}`, ip, 'failure', 'bad_password', { session_id: `bot-s${i}` }))
      // …and real Chrome users logging in, two of them with a typo first: one before the
      // window has seen more than two of their successes, one after.
      const home = `84.7.${i}.1`
      events.push(http({ ts: at(i * 10 + 4), source_ip: home, session_id: `real-s${i}`, url_path: '/api/login', tls_client_ja4: chrome }))
      if (i === 2 || i === 20) events.push(login(at(i * 10 + 4), `shopper${i}`, home, 'failure', 'bad_password', { session_id: `real-s${i}` }))
      if (i < 6) events.push(login(at(i * 10 + 5), `shopper${i}`, home, 'success', null, { session_id: `real-s${i}` }))
    }
    const ds = only(detect(events), CREDENTIAL_STUFFING_ID)
    expect(ds.find((d) => d.entity.value === `ja4:${chrome}`)?.explanation).toContain('failed logins for')
    const members = ds.filter((d) => d.explanation.includes(`Actor ja4:${chrome}`))
    expect(members.filter((d) => d.entity.value.startsWith('real-') || d.entity.value.startsWith('shopper'))).toEqual([])
  })

  it('does not flag a family tablet where four people log in, typos included', () => {
    const events = ['mum', 'dad', 'kid', 'gran'].flatMap((u, i) => [
      login(at(i * 300), u, '84.12.3.4', 'failure', 'bad_password', { device_id: 'family-tablet' }),
      login(at(i * 300 + 20), u, '84.12.3.4', 'success', null, { device_id: 'family-tablet' }),
    ])
    expect(only(detect(events), CREDENTIAL_STUFFING_ID)).toEqual([])
  })

  it('does not flag a traveller logging in from hotels in three countries', () => {
    const events = ['2.3.4.5', '81.2.69.160', '185.86.151.11'].flatMap((ip, i) => [
      login(at(i * 3600), 'alice', ip, 'failure', 'bad_password', { device_id: 'alice-phone' }),
      login(at(i * 3600 + 30), 'alice', ip, 'success', null, { device_id: 'alice-phone' }),
    ])
    expect(only(detect(events), CREDENTIAL_STUFFING_ID)).toEqual([])
  })

  it('links IPs rotating under one TLS fingerprint to an actor', () => {
    const events: Array<AppEvent | HttpEvent> = []
    for (let i = 0; i < 40; i++) {
      const ip = `45.${10 + i}.7.${i}`
      events.push(http({ ts: at(i * 15) - 1, source_ip: ip, url_path: '/login', tls_client_ja4: 't13d1516h2_8daaf6152771_b0da82dd1658' }))
      events.push(login(at(i * 15), `victim${i}`, ip, 'failure', 'unknown_user'))
    }
    const ds = detect(events)
    // Each IP tried one account: they are flagged only as members of the unknown-account surge.
    const ips = only(ds, CREDENTIAL_STUFFING_ID, 'ip')
    expect(ips.every((d) => d.explanation.includes('a member of a distributed credential-stuffing run'))).toBe(true)
    const actor = only(ds, CREDENTIAL_STUFFING_ID, 'actor').find((d) => d.entity.value.startsWith('ja4:'))
    expect(actor?.explanation).toContain('TLS fingerprint t13d1516h2_8daaf6152771_b0da82dd1658 failed logins for 40 distinct accounts')
  })

  it('opens a campaign when the endpoint success rate collapses under a low-and-slow run', () => {
    const events: AppEvent[] = []
    // An hour of normal traffic: about 90% of logins succeed.
    for (let t = 0; t < 3600; t += 6) {
      const i = t / 6
      events.push(login(at(t), `shopper${i % 300}`, `81.2.${i % 250}.${(i * 7) % 250}`, i % 10 === 0 ? 'failure' : 'success', 'bad_password'))
    }
    // Then many IPs, each failing for two or three real accounts (no unknown-account burst) and never succeeding.
    for (let k = 0; k < 300; k++) {
      const ip = `92.${k % 200}.${Math.floor(k / 200)}.${k % 97}`
      for (let j = 0; j < 2 + (k % 2); j++) {
        events.push(login(at(3600 + k * 4 + j), `leaked${k}_${j}`, ip, 'failure', 'bad_password'))
      }
    }
    for (let t = 3600; t < 4800; t += 6) events.push(login(at(t), `shopper${t % 300}`, '81.2.3.4', 'success'))
    const ds = detect(events)
    const campaign = only(ds, CREDENTIAL_STUFFING_ID, 'actor').find((d) => d.entity.value.startsWith('credential-stuffing:'))
    expect(campaign).toBeDefined()
    expect(campaign!.explanation).toMatch(/^Logins for unknown accounts made up \d+% of the last \d+ attempts and the success rate was \d+% against a baseline of (8\d|9\d)%/)
    expect(campaign!.related.length).toBeGreaterThan(40)
    const members = only(ds, CREDENTIAL_STUFFING_ID, 'ip')
    expect(members.length).toBeGreaterThan(100)
    expect(members.every((d) => d.entity.value.startsWith('92.'))).toBe(true)
    expect(members[0]!.explanation).toContain('while a login-wide campaign was under way')
    // The shoppers' IPs (81.2.x.x), some with a typo, are not members.
    expect(members.some((d) => d.entity.value.startsWith('81.'))).toBe(false)
  })

  /** An hour of a shop's logins: one every 6 s, a tenth of them typos, some for names that do not exist. */
  function shopHour(unknownEvery: number): AppEvent[] {
    const events: AppEvent[] = []
    for (let t = 0; t < 3600; t += 6) {
      const i = t / 6
      const typo = i % 10 === 0
      const reason = typo && i % unknownEvery === 0 ? 'unknown_user' : 'bad_password'
      events.push(login(at(t), `shopper${i % 300}`, `81.2.${i % 250}.${(i * 7) % 250}`, typo ? 'failure' : 'success', typo ? reason : null))
    }
    return events
  }

  it('opens a campaign within a minute of a slow run across many IPs, from its first logins for unknown accounts', () => {
    // A shop whose typos are mostly wrong passwords: one login for an unknown name in the hour.
    const events = shopHour(600)
    // Three attempts a minute, each from a new residential IP, mostly for accounts that do not exist.
    const start = 3600
    for (let k = 0; k < 30; k++) {
      events.push(login(at(start + k * 20), k % 12 === 5 ? `shopper${k}` : `combo${k}@mail.example`, `73.${k}.50.${k + 1}`, 'failure',
        k % 12 === 5 ? 'bad_password' : 'unknown_user', { session_id: `s-combo${k}` }))
    }
    const ds = detect(events)
    const ips = only(ds, CREDENTIAL_STUFFING_ID, 'ip')
    const first = Math.min(...ips.map((d) => Date.parse(d.detected_at)))
    expect(first - at(start)).toBeLessThanOrEqual(60_000)
    // The burst's first IPs, seen before the campaign opened, are its members too.
    expect(ips.map((d) => d.entity.value)).toContain('73.0.50.1')
    expect(ips.every((d) => d.entity.value.startsWith('73.'))).toBe(true)
    const campaign = only(ds, CREDENTIAL_STUFFING_ID, 'actor').find((d) => d.entity.value.startsWith('credential-stuffing:'))
    expect(campaign?.explanation).toMatch(/^It opened with 4 logins for unknown accounts from 4 sources in 1 min \(0\.033 expected at this shop's rate of such logins\)/)
  })

  it('joins to a campaign an IP whose one wrong password for a real account came from a session that requested nothing but the login, not a customer who browsed and mistyped', () => {
    const events: Array<AppEvent | HttpEvent> = shopHour(600)
    const start = 3600
    for (let k = 0; k < 30; k++) {
      events.push(login(at(start + k * 20), `combo${k}@mail.example`, `73.${k}.50.${k + 1}`, 'failure', 'unknown_user', { session_id: `s-combo${k}` }))
    }
    // The run's hits on real accounts: a form fetched and posted, nothing else.
    for (let k = 0; k < 5; k++) {
      const ip = `77.${k}.9.${k + 1}`
      const sid = `s-real${k}`
      events.push(http({ ts: at(start + 100 + k * 30) - 2000, source_ip: ip, session_id: sid, url_path: '/account/login', http_request_method: 'GET' }))
      events.push(http({ ts: at(start + 100 + k * 30) - 100, source_ip: ip, session_id: sid, url_path: '/account/login', http_request_method: 'POST' }))
      events.push(login(at(start + 100 + k * 30), `shopper${k}`, ip, 'failure', 'bad_password', { session_id: sid }))
    }
    // A customer who looked at a product and the login page, and mistyped once.
    const mine = { source_ip: '84.7.7.7', session_id: 's-customer' }
    events.push(http({ ts: at(start + 200), url_path: '/products/oxford-shirt', http_request_method: 'GET', ...mine }))
    events.push(http({ ts: at(start + 210), url_path: '/account/login', http_request_method: 'GET', ...mine }))
    events.push(login(at(start + 215), 'shopper77', '84.7.7.7', 'failure', 'bad_password', { session_id: 's-customer' }))
    const ips = only(detect(events), CREDENTIAL_STUFFING_ID, 'ip')
    const bare = ips.filter((d) => d.entity.value.startsWith('77.'))
    expect(bare.map((d) => d.entity.value).sort()).toEqual(['77.0.9.1', '77.1.9.2', '77.2.9.3', '77.3.9.4', '77.4.9.5'])
    expect(bare[0]!.explanation).toContain('from a session that requested nothing but /account/login while a login-wide campaign was under way')
    expect(ips.map((d) => d.entity.value)).not.toContain('84.7.7.7')
  })

  it('does not open a campaign when typos for unknown names cluster at a busy shop\'s usual rate', () => {
    // One unknown-name typo a minute for an hour, then four of them in 40 s: a fluctuation, not a run.
    const events = shopHour(1)
    for (let k = 0; k < 4; k++) events.push(login(at(3600 + k * 10), `newcomer${k}@mail.example`, `84.9.${k}.1`, 'failure', 'unknown_user'))
    for (let t = 3600; t < 4200; t += 6) events.push(login(at(t + 1), `shopper${t % 300}`, `81.3.${t % 250}.1`, 'success'))
    expect(only(detect(events), CREDENTIAL_STUFFING_ID)).toEqual([])
  })

  it('names the fresh fingerprint of each failed login of a flagged IP, but no device of a customer mistyping elsewhere', () => {
    const run = Array.from({ length: 12 }, (_, i) => login(at(i * 10), `combo${i}@mail.test`, '203.0.113.8', 'failure', 'unknown_user', { device_id: `fp-${i}` }))
    const customer = [login(at(30), 'ann@mail.test', '84.1.1.1', 'failure', 'bad_password', { device_id: 'ann-phone' }), login(at(50), 'ann@mail.test', '84.1.1.1', 'success', null, { device_id: 'ann-phone' })]
    const devices = only(detect([...run, ...customer]), CREDENTIAL_STUFFING_ID, 'device').map((d) => d.entity.value).sort()
    expect(devices).toEqual(Array.from({ length: 12 }, (_, i) => `fp-${i}`).sort())
  })
})
