import { describe, expect, it } from 'vitest'
import type { AppEvent } from '../../events/app-event.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'
import { SMS_PUMPING_ID } from './sms-pumping.ts'

describe('SMS pumping', () => {
  it('flags OTP sends to many phones in high-risk destinations from one IP', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      app({ event_action: 'otp.send', ts: at(i * 6), user_phone_hash: `ph-${i}`, phone_country: i % 2 === 0 ? 'PK' : 'UZ', source_ip: '102.1.1.1' }),
    )
    const d = only(detect(events), SMS_PUMPING_ID, 'ip')[0]!
    expect(d.threat).toBe('sms_pumping')
    expect(d.explanation).toContain('requested 10 OTP SMS to 10 distinct phones in 54 s, 100% to high-risk destinations (PK 5, UZ 5)')
    expect(d.score).toBeGreaterThanOrEqual(70)
  })

  it('flags a few codes sent to distinct high-risk numbers with no account signed in', () => {
    const events = Array.from({ length: 4 }, (_, i) => app({ event_action: 'otp.send', ts: at(i * 30), user_phone_hash: `prem-${i}`, phone_country: 'KG', device_id: 'pump-1' }))
    const d = only(detect(events), SMS_PUMPING_ID, 'device')[0]!
    expect(d.explanation).toBe('device pump-1 requested 4 OTP SMS to 4 distinct phones in 2 min, 100% to high-risk destinations (KG 4), 4 with no account signed in.')
  })

  it('flags a device cycling through numbers anywhere with no account signed in, at its sixth number', () => {
    const events = Array.from({ length: 8 }, (_, i) =>
      app({ event_action: 'otp.send', ts: at(i * 9), user_phone_hash: `num-${i}`, phone_country: i === 3 ? 'SO' : 'LV', device_id: 'pump-2', source_ip: '90.3.126.216' }))
    const d = only(detect(events), SMS_PUMPING_ID, 'device')[0]!
    expect(Date.parse(d.detected_at)).toBe(at(45))
    expect(d.explanation).toBe('device pump-2 requested 8 OTP SMS to 8 distinct phones in 1 min, 13% to high-risk destinations (LV 7, SO 1), 8 with no account signed in.')
    // The IP is not flagged on this signal: behind a carrier NAT address many people sign in by SMS.
    expect(only(detect(events), SMS_PUMPING_ID, 'ip')).toEqual([])
  })

  it('does not flag people signing in by SMS behind one carrier address, or a person fixing a mistyped number', () => {
    const crowd = Array.from({ length: 10 }, (_, i) =>
      app({ event_action: 'otp.send', ts: at(i * 20), user_phone_hash: `ph-${i}`, phone_country: 'DE', device_id: `phone-${i}`, source_ip: '172.56.1.1' }))
    const typo = ['ph-wrong1', 'ph-wrong2', 'ph-right', 'ph-right'].map((ph, i) =>
      app({ event_action: 'otp.send', ts: at(i * 30), user_phone_hash: ph, phone_country: 'DE', device_id: 'ann-phone', source_ip: '84.2.2.2' }))
    expect(only(detect([...crowd, ...typo]), SMS_PUMPING_ID)).toEqual([])
  })

  it('does not call a sign-up farm verifying one phone per new account pumping', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      app({ event_action: 'otp.send', ts: at(i * 90), user_id: `new-${i}`, user_phone_hash: `ph-${i}`, phone_country: i % 2 === 0 ? 'VN' : 'ID', device_id: 'farm-dev' }),
    )
    expect(only(detect(events), SMS_PUMPING_ID)).toEqual([])
  })

  it('flags a device asking, at the login form, for codes to more high-risk numbers than the names it typed, and not a family signing in by SMS on one tablet', () => {
    const send = (i: number, name: string, phone: string, device: string) =>
      app({ event_action: 'otp.send', ts: at(i * 48), user_name: name, user_phone_hash: phone, phone_country: 'GN', device_id: device, source_ip: `87.133.${i}.15` })
    const pump = [send(0, 'ines_ferrari65@icloud.com', 'p-1', 'pump-3'), send(1, 'ethan.martin2006@gmail.com', 'p-2', 'pump-3'), send(2, 'ines_ferrari65@icloud.com', 'p-3', 'pump-3')]
    const d = only(detect(pump), SMS_PUMPING_ID, 'device')[0]!
    expect(Date.parse(d.detected_at)).toBe(at(96))
    expect(d.explanation).toBe('device pump-3 requested 3 OTP SMS to 3 distinct phones in 2 min, 100% to high-risk destinations (GN 3), 3 with no account signed in.')
    // Each member types their own name, and the code goes to their own phone, again on a retry.
    const family = ['mum', 'dad', 'kid', 'kid'].map((u, i) => send(i, u, `ph-${u}`, 'family-tablet'))
    expect(only(detect(family), SMS_PUMPING_ID)).toEqual([])
  })

  it('does not flag a family tablet where each member verifies their own phone', () => {
    const events = ['mum', 'dad', 'kid', 'gran'].map((u, i) => app({ event_action: 'otp.send', ts: at(i * 120), user_id: u, user_phone_hash: `ph-${u}`, phone_country: 'PK', device_id: 'family-tablet' }))
    expect(only(detect(events), SMS_PUMPING_ID)).toEqual([])
  })

  it('does not flag a user re-sending codes to their own phone', () => {
    const events = Array.from({ length: 4 }, (_, i) =>
      app({ event_action: 'otp.send', ts: at(i * 40), user_phone_hash: 'ph-own', phone_country: 'DE', source_ip: '84.1.1.1', user_id: 'ann' }),
    )
    expect(only(detect(events), SMS_PUMPING_ID)).toEqual([])
  })

  it('opens a campaign when sends to high-risk destinations surge from many addresses, one each, and leaves a customer verifying a phone elsewhere alone', () => {
    const otp = (ts: number, ip: string, phone: string, country: string) => app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: ip, session_id: `s-${ip}` })
    // Two hours of customers signing in by SMS, one every two minutes, a Nigerian customer now and then.
    const day = Array.from({ length: 60 }, (_, i) => otp(at(i * 120), `84.1.${i}.1`, `cust-${i}`, i % 15 === 7 ? 'NG' : 'DE'))
    const pump = Array.from({ length: 10 }, (_, i) => otp(at(7300 + i * 18), `73.9.${i}.7`, `prem-${i}`, i % 2 === 0 ? 'UZ' : 'KG'))
    const nigerian = otp(at(7320), '105.112.4.4', 'cust-ng', 'NG')
    const ds = only(detect([...day, ...pump, nigerian]), SMS_PUMPING_ID)
    const actor = ds.find((d) => d.entity.type === 'actor')!
    // The customer's send fell among the first five; without it they are no surge yet, so the
    // campaign opens at the next send, with the five latest, and the crew's two sends before
    // them join it as its later ones do; the customer in Nigeria does not.
    expect(actor.explanation).toMatch(/^An SMS-pumping campaign: 10 OTP sends to KG, UZ in 3 min\. It opened with 5 OTP sends to high-risk destinations within/)
    const ips = ds.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value).sort()
    expect(ips).toEqual(pump.map((e) => e.source_ip).sort())
  })

  it('takes into a campaign a single code to another listed destination asked for by a session that requested nothing else, and not a customer\'s from the sign-up page', () => {
    const otp = (ts: number, ip: string, phone: string, country: string) => app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: ip, session_id: `s-${ip}`, device_id: `d-${ip}` })
    const hit = (e: AppEvent, path: string, before: number) => http({ ts: e.ts - before, session_id: e.session_id, source_ip: e.source_ip, http_request_method: 'POST', url_path: path })
    const day = Array.from({ length: 60 }, (_, i) => otp(at(i * 120), `84.1.${i}.1`, `cust-${i}`, 'DE'))
    const pump = Array.from({ length: 8 }, (_, i) => otp(at(7300 + i * 20), `73.9.${i}.7`, `prem-${i}`, 'UZ'))
    // A worker starting as the campaign winds down: one code, to Azerbaijan, by a script.
    const stray = otp(at(7500), '73.9.99.7', 'prem-az', 'AZ')
    // A customer with a phone from Azerbaijan signing up meanwhile: the page, then the code.
    const customer = otp(at(7510), '84.7.7.7', 'cust-az', 'AZ')
    const requests = [...pump, stray].map((e) => hit(e, '/api/otp/send', 300))
    requests.push(hit(customer, '/account/register', 30_000), hit(customer, '/api/otp/send', 300))
    const ds = only(detect([...day, ...pump, stray, customer, ...requests]), SMS_PUMPING_ID)
    const flagged = (type: string) => ds.filter((d) => d.entity.type === type).map((d) => d.entity.value)
    expect(flagged('ip')).toContain('73.9.99.7')
    expect(flagged('device')).toContain('d-73.9.99.7')
    expect(flagged('ip')).not.toContain('84.7.7.7')
    expect(ds.find((d) => d.entity.type === 'actor')!.explanation).toMatch(/^An SMS-pumping campaign: 9 OTP sends to UZ in /)
  })

  it('opens a second campaign for another crew pumping other destinations while the first goes on', () => {
    const otp = (ts: number, ip: string, phone: string, country: string) => app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: ip })
    const day = Array.from({ length: 60 }, (_, i) => otp(at(i * 120), `84.1.${i}.1`, `cust-${i}`, 'DE'))
    const first = Array.from({ length: 20 }, (_, i) => otp(at(7300 + i * 30), `73.9.${i}.7`, `uz-${i}`, 'UZ'))
    const second = Array.from({ length: 10 }, (_, i) => otp(at(7500 + i * 12), `49.2.${i}.5`, `mm-${i}`, 'MM'))
    const ds = only(detect([...day, ...first, ...second]), SMS_PUMPING_ID)
    expect(ds.filter((d) => d.entity.type === 'actor').map((d) => d.explanation.replace(/ in .*/, '')).sort()).toEqual([
      'An SMS-pumping campaign: 10 OTP sends to MM',
      'An SMS-pumping campaign: 20 OTP sends to UZ',
    ])
    expect(ds.filter((d) => d.entity.type === 'ip')).toHaveLength(30)
  })


  it('does not open a campaign for a burst of signed-in new accounts each verifying its own high-risk phone', () => {
    const day = Array.from({ length: 60 }, (_, i) => app({ event_action: 'otp.send', ts: at(i * 120), user_phone_hash: `cust-${i}`, phone_country: 'DE', source_ip: `84.1.${i}.1` }))
    const signups = Array.from({ length: 10 }, (_, i) => app({ event_action: 'otp.send', ts: at(7300 + i * 15), user_id: `new-${i}`, user_phone_hash: `uz-${i}`, phone_country: 'UZ', source_ip: `73.9.${i}.7` }))
    expect(only(detect([...day, ...signups]), SMS_PUMPING_ID)).toEqual([])
  })

  it('opens a campaign after a second crew, slower than one already pumping, surges to other high-risk destinations', () => {
    const otp = (ts: number, ip: string, phone: string, country: string) => app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: ip })
    const day = Array.from({ length: 60 }, (_, i) => otp(at(i * 120), `84.1.${i}.1`, `cust-${i}`, 'DE'))
    const first = Array.from({ length: 90 }, (_, i) => otp(at(7300 + i * 10), `73.9.${i}.7`, `uz-${i}`, 'UZ'))
    // One send in three while the first crew goes on: its sends are not the shop's traffic.
    const second = Array.from({ length: 20 }, (_, i) => otp(at(7400 + i * 20), `49.2.${i}.5`, `gn-${i}`, 'GN'))
    const actors = only(detect([...day, ...first, ...second]), SMS_PUMPING_ID, 'actor').map((d) => d.explanation.replace(/ in .*/, '')).sort()
    expect(actors).toEqual(['An SMS-pumping campaign: 20 OTP sends to GN', 'An SMS-pumping campaign: 90 OTP sends to UZ'])
  })

  it('judges a crew against the shop\'s rate of sends to its own destinations, not those of customers verifying phones in another listed country', () => {
    const otp = (ts: number, ip: string, phone: string, country: string) => app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: ip })
    // Two hours in which a customer with a Nigerian phone (listed) verifies it every ten minutes.
    const day = Array.from({ length: 60 }, (_, i) => otp(at(i * 120), `84.1.${i}.1`, `cust-${i}`, i % 5 === 0 ? 'NG' : 'DE'))
    // A crew pumping Uzbekistan, one send every 45 s from another address, as slow crews go.
    const pump = Array.from({ length: 8 }, (_, i) => otp(at(7300 + i * 45), `73.9.${i}.7`, `uz-${i}`, 'UZ'))
    const actor = only(detect([...day, ...pump]), SMS_PUMPING_ID, 'actor')[0]!
    // At the shop's rate of all listed sends (six an hour) five in 3 min are 1 in 40,000; at its rate of
    // sends to Uzbekistan (none) they are a surge at the fifth.
    expect(Date.parse(actor.detected_at)).toBe(at(7300 + 4 * 45))
    expect(actor.explanation).toContain('It opened with 5 OTP sends to high-risk destinations within 3 min')
    // The Nigerian customers' own sends, however they bunch, are judged against Nigeria's rate.
    const bunched = [0, 40, 80].map((s, i) => otp(at(7300 + s), `105.112.${i}.4`, `ng-late-${i}`, 'NG'))
    expect(only(detect([...day, ...bunched]), SMS_PUMPING_ID)).toEqual([])
    // Nor do they add up to one over hours: after a quiet first 40 min, one every 8 min is a drift
    // of customers abroad, not a burst, though it is six times the rate the quiet start suggests.
    const home = Array.from({ length: 10 }, (_, i) => otp(at(i * 1200), `84.2.${i}.1`, `de-${i}`, 'DE'))
    const abroad = Array.from({ length: 20 }, (_, i) => otp(at(2400 + i * 480), `105.113.${i}.4`, `ng-${i}`, 'NG'))
    expect(only(detect([...home, ...abroad]), SMS_PUMPING_ID)).toEqual([])
  })

  describe('codes to a destination off the list', () => {
    // Two hours of the shop's customers signing in from home, one a minute, each in a session of their own.
    const home = (from: number, to: number) =>
      Array.from({ length: Math.floor((to - from) / 60) }, (_, i) =>
        app({ event_action: 'account.login', event_outcome: 'success', ts: at(from + i * 60), user_name: `cust-${from + i}`, source_ip: `84.1.${i % 250}.${1 + Math.floor(i / 250)}`, source_geo_country_iso_code: 'DE', session_id: `home-${from + i}` }))
    const otp = (ts: number, i: number, country: string, session: string, phone = `${country}-${i}`) =>
      app({ event_action: 'otp.send', ts, user_phone_hash: phone, phone_country: country, source_ip: `73.${i % 200}.9.7`, session_id: session })
    const signIn = (ts: number, session: string, country: string) =>
      app({ event_action: 'account.login', event_outcome: 'success', auth_method: 'sms_otp', ts, user_name: `user-${session}`, session_id: session, source_geo_country_iso_code: country })

    it('opens a campaign once codes to many numbers there went unused for their lifetime, and names their addresses', () => {
      const pump = Array.from({ length: 12 }, (_, i) => otp(at(7200 + i * 20), i, 'LR', `pump-${i}`))
      const ds = only(detect([...home(0, 9000), ...pump]), SMS_PUMPING_ID)
      const actor = ds.find((d) => d.entity.type === 'actor')!
      expect(actor.explanation).toMatch(
        /^An SMS-pumping campaign: 12 OTP sends to LR in [^.]+\. It opened with 5 codes within 1 min that nobody used within 10 min, to destinations where the shop has next to no customers \(LR 0% of them\), [0-9.e-]+ expected at this shop's rate of such codes\.$/,
      )
      // Judged when the codes' lifetime is over, not before.
      expect(Date.parse(actor.detected_at)).toBeGreaterThanOrEqual(at(7280 + 600))
      expect(ds.filter((d) => d.entity.type === 'ip').map((d) => d.entity.value).sort()).toEqual(pump.map((e) => e.source_ip).sort())
    })

    it('opens a campaign at once when the codes are asked for by sessions that request nothing else, and not for a launch whose customers browse first', () => {
      const post = (e: AppEvent) => http({ ts: e.ts - 500, session_id: e.session_id, source_ip: e.source_ip, http_request_method: 'POST', url_path: '/api/otp/send' })
      // A script posting to the OTP endpoint, one send a minute from another proxy each.
      const pump = Array.from({ length: 8 }, (_, i) => otp(at(7200 + i * 60), i, 'LR', `pump-${i}`))
      const actor = only(detect([...home(0, 9000), ...pump, ...pump.map(post)]), SMS_PUMPING_ID, 'actor')[0]!
      expect(Date.parse(actor.detected_at)).toBe(at(7200 + 4 * 60))
      expect(actor.explanation).toMatch(/It opened with 5 codes within 4 min asked for by sessions that requested nothing else, to destinations where the shop has next to no customers \(LR 0% of them\)/)
      // The same sends from sessions that loaded the sign-up page first wait for their codes' lifetime, and are used.
      const launch = Array.from({ length: 8 }, (_, i) => otp(at(7200 + i * 60), i, 'PL', `pl-${i}`))
      const page = (e: AppEvent) => http({ ts: e.ts - 20_000, session_id: e.session_id, source_ip: e.source_ip, http_request_method: 'GET', url_path: '/account/register' })
      const used = launch.map((e) => signIn(e.ts + 45_000, e.session_id!, 'PL'))
      expect(only(detect([...home(0, 9000), ...launch, ...launch.map(page), ...launch.map(post), ...used]), SMS_PUMPING_ID)).toEqual([])
    })

    it('does not flag a shop opening in a new country: its codes rise, and most of them are used', () => {
      const launch = Array.from({ length: 40 }, (_, i) => otp(at(7200 + i * 30), i, 'PL', `pl-${i}`))
      const used = launch.filter((_, i) => i % 5 !== 0).map((e) => signIn(e.ts + 45_000, e.session_id!, 'PL'))
      expect(only(detect([...home(0, 9600), ...launch, ...used]), SMS_PUMPING_ID)).toEqual([])
    })

    it('does not flag customers with phones from abroad resending their codes before signing in from here', () => {
      const abroad = Array.from({ length: 8 }, (_, i) => [
        otp(at(7200 + i * 60), i, 'BR', `br-${i}`),
        otp(at(7260 + i * 60), i, 'BR', `br-${i}`),
        signIn(at(7300 + i * 60), `br-${i}`, 'DE'),
      ]).flat()
      expect(only(detect([...home(0, 9000), ...abroad]), SMS_PUMPING_ID)).toEqual([])
    })

    it('does not flag a marketing push at home where half the sign-ups are never finished', () => {
      const push = Array.from({ length: 40 }, (_, i) => otp(at(7200 + i * 10), i, 'DE', `promo-${i}`))
      const finished = push.filter((_, i) => i % 2 === 0).map((e) =>
        app({ event_action: 'account.register', ts: e.ts + 60_000, user_id: `new-${e.session_id}`, user_phone_hash: e.user_phone_hash, session_id: e.session_id }))
      expect(only(detect([...home(0, 9000), ...push, ...finished]), SMS_PUMPING_ID)).toEqual([])
    })

    it('does not flag an SMS provider outage whose retries repeat codes to the same numbers, listed destination or not', () => {
      const retries = ['PK', 'IN'].flatMap((country) =>
        Array.from({ length: 4 }, (_, n) => Array.from({ length: 5 }, (_, k) => otp(at(7200 + k * 30 + n), n, country, `${country}-out-${n}`, `${country}-ph-${n}`))).flat())
      expect(only(detect([...home(0, 9000), ...retries]), SMS_PUMPING_ID)).toEqual([])
    })
  })
})
