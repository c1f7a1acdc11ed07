import { describe, expect, it } from 'vitest'
import type { AppEvent, HttpEvent } from '../../events/index.ts'
import { ACCOUNT_TAKEOVER_ID } from './account-takeover.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'

const DAY = 86_400

interface Place {
  ip: string
  device: string
  asn: number
  country: string
}
const HOME: Place = { ip: '84.12.3.4', device: 'alice-phone', asn: 3320, country: 'DE' }

const login = (ts: number, user: string, p: Place, outcome: 'success' | 'failure' = 'success', reason: string | null = null) =>
  app({
    event_action: 'account.login', ts, user_id: user, user_name: user, event_outcome: outcome, event_reason: reason,
    source_ip: p.ip, device_id: p.device, source_as_number: p.asn, source_geo_country_iso_code: p.country,
  })
const act = (ts: number, user: string, action: string, extra: Partial<AppEvent> = {}) =>
  app({ event_action: action, ts, user_id: user, event_outcome: 'success', ...extra })

/** A week of ordinary logins and an order to the home address. */
function history(user: string, p: Place): AppEvent[] {
  const out = Array.from({ length: 5 }, (_, d) => login(at(d * DAY), user, p))
  out.push(act(at(DAY + 60), user, 'order.create', { order_id: `${user}-o1`, order_amount: 40, address_hash: `${user}-home` }))
  return out
}

describe('account takeover', () => {
  it('scores a chain: new device on a new network, email change, card, high-value order to a new address', () => {
    const t = 6 * DAY
    const thief: Place = { ip: '185.220.1.9', device: 'dev-x', asn: 9009, country: 'NL' }
    const events = [
      ...history('alice', HOME),
      login(at(t), 'alice', thief),
      act(at(t + 60), 'alice', 'account.email_change'),
      act(at(t + 120), 'alice', 'payment.method_add', { card_fingerprint: 'card-777' }),
      act(at(t + 300), 'alice', 'order.create', { order_id: 'o-9', order_amount: 950, order_currency: 'EUR', address_hash: 'drop-1' }),
    ]
    const all = only(detect(events), ACCOUNT_TAKEOVER_ID)
    const ds = all.filter((x) => x.entity.type === 'account')
    expect(ds).toHaveLength(1)
    const d = ds[0]!
    // The takeover's device, IP and the card it added are flagged with the account.
    expect(all.filter((x) => x.entity.type !== 'account').map((x) => x.entity.value).sort()).toEqual(['185.220.1.9', 'card-777', 'dev-x'])
    expect(all.find((x) => x.entity.value === 'dev-x')?.explanation).toMatch(/^Device dev-x took part in the activity of Account alice: /)
    expect(d.entity).toEqual({ type: 'account', value: 'alice' })
    expect(d.threat).toBe('ato')
    expect(d.score).toBe(100)
    expect(d.severity).toBe('critical')
    expect(d.explanation).toContain('from new device dev-x on new ASN 9009 in new country NL')
    expect(d.explanation).toContain('email change, card added, high-value order of 950 EUR to a new address within 5 min')
    expect(d.evidence.filter((e) => e.field.startsWith('timeline_'))).toHaveLength(4)
    expect(d.related).toEqual(expect.arrayContaining([{ type: 'device', value: 'dev-x' }, { type: 'card', value: 'card-777' }]))
  })

  it('flags the card a takeover\'s session pays with, not the card the owner pays with in their own session', () => {
    const t = 6 * DAY
    const thief: Place = { ip: '185.220.1.9', device: 'dev-y', asn: 9009, country: 'NL' }
    const inThief = { session_id: 's-thief', device_id: thief.device, source_ip: thief.ip }
    const events = [
      ...history('alice', HOME),
      { ...login(at(t), 'alice', thief), session_id: 's-thief' },
      act(at(t + 60), 'alice', 'account.email_change', inThief),
      // The owner, signed in on their phone, pays for their own basket meanwhile.
      { ...login(at(t + 90), 'alice', HOME), session_id: 's-owner' },
      act(at(t + 100), 'alice', 'payment.authorize', { session_id: 's-owner', device_id: HOME.device, card_fingerprint: 'alice-card-2' }),
      act(at(t + 200), 'alice', 'payment.authorize', { ...inThief, card_fingerprint: 'alice-card' }),
      act(at(t + 201), 'alice', 'order.create', { ...inThief, order_id: 'o-8', order_amount: 640, address_hash: 'drop-2' }),
    ]
    const flagged = only(detect(events), ACCOUNT_TAKEOVER_ID).filter((x) => x.entity.type === 'card').map((x) => x.entity.value)
    expect(flagged).toEqual(['alice-card'])
  })

  it('flags a successful login out of a credential-stuffing source by itself', () => {
    const bot = '203.0.113.50'
    const events: AppEvent[] = Array.from({ length: 20 }, (_, i) =>
      app({ event_action: 'account.login', ts: at(i), user_name: `u${i}`, source_ip: bot, event_outcome: 'failure', event_reason: 'unknown_user' }),
    )
    events.push(app({ event_action: 'account.login', ts: at(30), user_name: 'bob', user_id: 'bob', source_ip: bot, event_outcome: 'success' }))
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')[0]!
    expect(d.entity.value).toBe('bob')
    expect(d.score).toBeGreaterThanOrEqual(70)
    expect(d.explanation).toContain(`out of credential-stuffing source ip ${bot}`)
  })

  it('does not flag typos followed by success from the usual device', () => {
    const t = 6 * DAY
    const events = [
      ...history('alice', HOME),
      login(at(t), 'alice', HOME, 'failure', 'bad_password'),
      login(at(t + 20), 'alice', HOME, 'failure', 'bad_password'),
      login(at(t + 45), 'alice', HOME),
      act(at(t + 100), 'alice', 'account.address_change', { address_hash: 'alice-new-flat' }),
      act(at(t + 200), 'alice', 'order.create', { order_amount: 800, address_hash: 'alice-new-flat' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not flag a password reset by the owner, even from a new phone on a new network', () => {
    const t = 6 * DAY
    const newPhone: Place = { ip: '91.4.4.4', device: 'alice-new-phone', asn: 6805, country: 'DE' }
    const events = [
      ...history('alice', HOME),
      act(at(t), 'alice', 'account.password_reset_request'),
      act(at(t + 120), 'alice', 'account.password_change'),
      login(at(t + 130), 'alice', newPhone),
      act(at(t + 400), 'alice', 'account.password_change'),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('raises an e-mail change right after a login from a device, network and country all new to the account, and not a traveller, a mover or a reset owner on a new phone', () => {
    const t = 6 * DAY
    const abroad: Place = { ip: '41.66.7.7', device: 'dev-new', asn: 37963, country: 'GH' }
    const ato = [...history('bob', { ...HOME, device: 'bob-phone' }), login(at(t), 'bob', abroad), act(at(t + 90), 'bob', 'account.email_change', { user_email: 'bob.smith@proton.me' })]
    const raised = only(detect(ato), ACCOUNT_TAKEOVER_ID, 'account')
    expect(raised.map((d) => [d.entity.value, d.score, Date.parse(d.detected_at)])).toEqual([['bob', 60, at(t + 90)]])
    // A traveller with a new phone signs in abroad and orders to the hotel.
    const hotel: Place = { ip: '2.3.4.5', device: 'alice-new-phone', asn: 3215, country: 'FR' }
    const traveller = [...history('alice', HOME), login(at(t), 'alice', hotel), act(at(t + 600), 'alice', 'order.create', { order_amount: 120, address_hash: 'hotel-paris' })]
    // A customer who moved signs in from the usual phone on the new home's network and moves the address.
    const mover = [...history('carol', { ...HOME, device: 'carol-phone' }), login(at(t), 'carol', { ...HOME, device: 'carol-phone', ip: '88.1.1.1', asn: 8881 }),
      act(at(t + 120), 'carol', 'account.address_change', { address_hash: 'carol-new-home' }), act(at(t + 400), 'carol', 'order.create', { order_amount: 80, address_hash: 'carol-new-home' })]
    // An owner who mistyped, reset the password through the mailbox on record, then signed in on a new phone and updated the e-mail.
    const newPhone: Place = { ip: '91.4.4.4', device: 'dan-new-phone', asn: 6805, country: 'AT' }
    const reset = [...history('dan', { ...HOME, device: 'dan-phone' }),
      login(at(t), 'dan', newPhone, 'failure', 'bad_password'), login(at(t + 20), 'dan', newPhone, 'failure', 'bad_password'),
      act(at(t + 60), 'dan', 'account.password_reset_request'), act(at(t + 180), 'dan', 'account.password_change'),
      login(at(t + 200), 'dan', newPhone), act(at(t + 300), 'dan', 'account.email_change', { user_email: 'dan.weber@posteo.de' })]
    expect(only(detect([...traveller, ...mover, ...reset]), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not flag a traveller on the usual device, even across countries within an hour', () => {
    const t = 6 * DAY
    const hotel: Place = { ...HOME, ip: '2.3.4.5', asn: 3215, country: 'FR' }
    const events = [
      ...history('alice', HOME),
      login(at(t), 'alice', hotel),
      act(at(t + 600), 'alice', 'order.create', { order_amount: 120, address_hash: 'hotel-paris' }),
      act(at(t + 900), 'alice', 'account.phone_change'),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not flag a customer on a new phone over a mobile network ordering big to an address never on record', () => {
    const mobile: Place = { ip: '2607:fb90:1::7', device: 'alice-new-phone', asn: 21928, country: 'DE' }
    // Logins on record but no order yet: the shipping address is unknown, not new.
    const events = [
      ...Array.from({ length: 3 }, (_, d) => login(at(d * DAY), 'alice', HOME)),
      login(at(4 * DAY), 'alice', mobile),
      act(at(4 * DAY + 240), 'alice', 'order.create', { order_amount: 469, address_hash: 'alice-home' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not flag a traveller who signs in abroad on a new phone an hour after home, mistypes and orders big to an address never on record; a thief ordering to a new address or a gift card is flagged', () => {
    const abroad: Place = { ip: '172.59.216.53', device: 'new-phone', asn: 21928, country: 'US' }
    const trip = (user: string, order: Partial<AppEvent>, record: AppEvent[] = []) => [
      ...record,
      login(at(6 * DAY), user, { ...HOME, country: 'IL' }),
      login(at(6 * DAY + 3900), user, abroad, 'failure', 'bad_password'),
      login(at(6 * DAY + 3920), user, abroad),
      act(at(6 * DAY + 4100), user, 'order.create', { order_amount: 374, order_currency: 'EUR', ...order }),
    ]
    // Nothing on record says where the owner ships: the order may be theirs.
    expect(only(detect(trip('tara', { address_hash: 'somewhere' })), ACCOUNT_TAKEOVER_ID)).toEqual([])
    // Nor is an order to the home address on record a thief's.
    expect(only(detect(trip('alice', { address_hash: 'alice-home' }, history('alice', HOME))), ACCOUNT_TAKEOVER_ID)).toEqual([])
    const drop = only(detect(trip('alice', { address_hash: 'drop-9' }, history('alice', HOME))), ACCOUNT_TAKEOVER_ID, 'account')[0]
    expect(drop?.explanation).toContain('IL to US in 1.1 h (impossible travel), after 1 failed password then high-value order of 374 EUR to a new address')
    const giftCard = only(detect(trip('tara', { address_hash: null })), ACCOUNT_TAKEOVER_ID, 'account')[0]
    expect(giftCard?.explanation).toContain('then high-value order of 374 EUR within')
  })

  it('learns the owner\'s address from an ordinary order even while a login\'s chain is open', () => {
    const phone: Place = { ip: '2607:fb90:1::8', device: 'bob-new-phone', asn: 21928, country: 'DE' }
    const events = [
      login(at(0), 'bob', HOME),
      act(at(60), 'bob', 'order.create', { order_amount: 30, address_hash: 'bob-home' }),
      login(at(DAY), 'bob', phone),
      act(at(DAY + 300), 'bob', 'order.create', { order_amount: 640, address_hash: 'bob-home' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('keeps a takeover under way as the chain when the owner logs in from a new phone meanwhile', () => {
    const thief: Place = { ip: '185.220.1.9', device: 'dev-x', asn: 9009, country: 'DE' }
    const ownerPhone: Place = { ip: '2607:fb90:1::9', device: 'carol-new-phone', asn: 21928, country: 'DE' }
    const events = [
      login(at(0), 'carol', thief),
      act(at(120), 'carol', 'account.email_change', { device_id: 'dev-x' }),
      act(at(700), 'carol', 'account.address_change', { address_hash: 'drop-9', device_id: 'dev-x' }),
      act(at(1300), 'carol', 'payment.method_add', { card_fingerprint: 'stolen-9', device_id: 'dev-x' }),
      login(at(1400), 'carol', ownerPhone),
      act(at(1700), 'carol', 'order.create', { order_amount: 469, address_hash: 'drop-9', device_id: 'dev-x' }),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID)
    expect(ds.find((d) => d.entity.type === 'account')?.explanation).toContain('high-value order of 469 to a new address')
    expect(ds.map((d) => d.entity.value)).not.toContain('carol-new-phone')
    expect(ds.map((d) => d.entity.value)).toContain('dev-x')
  })

  it('does not flag a family sharing one tablet', () => {
    const tablet: Place = { ip: '84.12.3.4', device: 'family-tablet', asn: 3320, country: 'DE' }
    const events = ['mum', 'dad', 'kid'].flatMap((u) => [
      ...history(u, tablet),
      login(at(6 * DAY + u.length), u, tablet),
      act(at(6 * DAY + 100 + u.length), u, 'account.address_change', { address_hash: 'family-home' }),
    ])
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('flags a first-seen account whose login is followed by lock-out changes and a drop order', () => {
    const events = [
      login(at(0), 'dora', { ip: '86.150.54.200', device: 'attacker-1', asn: 2856, country: 'GB' }),
      act(at(80), 'dora', 'account.email_change'),
      act(at(190), 'dora', 'account.address_change', { address_hash: 'drop-9' }),
      act(at(300), 'dora', 'order.create', { order_amount: 656, address_hash: 'drop-9' }),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')[0]!
    expect(d.explanation).toBe(
      'Account dora: login with no earlier login on record then email change, address change to new address drop-9, ' +
        'high-value order of 656 to a new address within 5 min (chain score 95).',
    )
    // Unverified login, lock-out and a new address are enough: raised at the address change.
    expect(d.detected_at).toBe(new Date(at(190)).toISOString())
  })

  it('raises a first-seen account at the e-mail change when the password was guessed and the new address is a stranger\'s', () => {
    const rig: Place = { ip: '86.150.54.200', device: 'attacker-2', asn: 2856, country: 'GB' }
    const events = [
      login(at(0), 'paul.garcia33@icloud.com', rig, 'failure', 'bad_password'),
      login(at(8), 'paul.garcia33@icloud.com', rig),
      act(at(330), 'paul.garcia33@icloud.com', 'account.email_change', { user_email: 'pwalker@proton.me' }),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')[0]!
    expect(d.detected_at).toBe(new Date(at(330)).toISOString())
    expect(d.explanation).toBe(
      'Account paul.garcia33@icloud.com: login with no earlier login on record, after 1 failed password then ' +
        'email change to an address sharing no name with the old one within 5 min (chain score 60).',
    )
  })

  it('does not flag a first-seen owner who mistypes, then moves to a new mailbox in their own name', () => {
    const laptop: Place = { ip: '86.1.2.3', device: 'paul-laptop', asn: 2856, country: 'GB' }
    const events = [
      login(at(0), 'paul.garcia33@icloud.com', laptop, 'failure', 'bad_password'),
      login(at(8), 'paul.garcia33@icloud.com', laptop),
      act(at(330), 'paul.garcia33@icloud.com', 'account.email_change', { user_email: 'paulgarcia@gmail.com' }),
      act(at(400), 'paul.garcia33@icloud.com', 'order.create', { order_amount: 120, address_hash: 'paul-home' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not flag a first-seen owner on a new phone who mistypes, then changes phone, MFA and password; a thief moving the mailbox is', () => {
    const phone: Place = { ip: '80.187.10.11', device: 'nora-new-phone', asn: 6805, country: 'DE' }
    const setUp = (user: string) => [
      login(at(0), user, phone, 'failure', 'bad_password'),
      login(at(10), user, phone),
      act(at(60), user, 'account.phone_change'),
      act(at(120), user, 'account.mfa_change'),
      act(at(180), user, 'account.password_change'),
    ]
    expect(only(detect(setUp('nora')), ACCOUNT_TAKEOVER_ID)).toEqual([])
    const events = [...setUp('nora@web.de'), act(at(240), 'nora@web.de', 'account.email_change', { user_email: 'zed4f1a2@proton.me' })]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')[0]!
    expect(d.detected_at).toBe(new Date(at(240)).toISOString())
    expect(d.explanation).toContain('then phone change, MFA change, password change, email change to an address sharing no name with the old one')
  })

  it('does not count a new customer\'s first login as unverified: an account registered here changing its e-mail is not flagged', () => {
    const phone: Place = { ip: '86.1.2.4', device: 'nina-phone', asn: 2856, country: 'GB' }
    const events = [
      app({ event_action: 'account.register', ts: at(0), user_id: 'nina', user_name: 'nina', user_email: 'nina.k@gmail.com', device_id: phone.device }),
      login(at(60), 'nina', phone, 'failure', 'bad_password'),
      login(at(70), 'nina', phone),
      act(at(300), 'nina', 'account.email_change', { user_email: 'work-inbox@corp.example' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('forgets failed passwords older than a quarter of an hour before the success', () => {
    const rig: Place = { ip: '86.150.54.201', device: 'attacker-3', asn: 2856, country: 'GB' }
    const events = [
      login(at(0), 'ola@example.net', rig, 'failure', 'bad_password'),
      login(at(1000), 'ola@example.net', rig),
      act(at(1300), 'ola@example.net', 'account.email_change', { user_email: 'zed@proton.me' }),
    ]
    // 15 (unverified) + 35 (e-mail to a stranger's address) = 50: not yet a takeover.
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('flags a login from a device that already took over another account, even before the chain is complete', () => {
    const rig: Place = { ip: '98.207.91.125', device: 'rig-7', asn: 7922, country: 'US' }
    const events = [
      login(at(0), 'vic1', rig),
      act(at(60), 'vic1', 'account.email_change'),
      act(at(120), 'vic1', 'account.address_change', { address_hash: 'drop-3' }),
      act(at(200), 'vic1', 'order.create', { order_amount: 500, address_hash: 'drop-3' }),
      login(at(1800), 'vic2', { ...rig, ip: '90.3.203.176' }),
      act(at(2600), 'vic2', 'account.email_change'),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').find((x) => x.entity.value === 'vic2')!
    expect(d.explanation).toContain('from device rig-7, already used to take over account vic1')
    expect(d.score).toBe(90)
  })

  it('raises a chain whose device is exposed as a takeover device only after its login', () => {
    const rig: Place = { ip: '98.207.91.125', device: 'rig-8', asn: 7922, country: 'US' }
    const events = [
      login(at(0), 'vic1', rig),
      login(at(30), 'vic2', { ...rig, ip: '90.3.203.176' }),
      act(at(60), 'vic1', 'account.email_change'),
      act(at(120), 'vic1', 'account.address_change', { address_hash: 'drop-4' }),
      act(at(200), 'vic1', 'order.create', { order_amount: 500, address_hash: 'drop-4' }),
      act(at(900), 'vic2', 'account.email_change', { device_id: 'rig-8' }),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').find((x) => x.entity.value === 'vic2')!
    expect(d.explanation).toContain('activity from device rig-8, already used to take over account vic1')
    expect(d.score).toBe(90)
  })

  it('raises at the login a device new to two accounts that signs in to them from two networks within the hour', () => {
    const rig: Place = { ip: '86.150.54.200', device: 'rig-9', asn: 2856, country: 'GB' }
    const t = 6 * DAY
    const events = [
      ...history('vic1', HOME),
      ...history('vic2', { ...HOME, ip: '90.3.1.7', device: 'vic2-laptop', asn: 3215, country: 'FR' }),
      login(at(t), 'vic1', rig),
      login(at(t + 1500), 'vic2', { ...rig, ip: '73.12.9.40', asn: 7922, country: 'US' }),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')
    expect(ds.map((d) => d.entity.value).sort()).toEqual(['vic1', 'vic2'])
    const d = ds.find((x) => x.entity.value === 'vic2')!
    expect(d.detected_at).toBe(new Date(at(t + 1500)).toISOString())
    // 45 (the hop) + 35 (a new device on a new network for vic2).
    expect(d.score).toBe(80)
    expect(d.explanation).toContain('from device rig-9, which signed in to account vic1 25 min before on ASN 2856 from another network')
    // vic1, the rig's earlier victim, is raised with it: 35 (a new device on a new network) + 45 (the hop).
    const first = ds.find((x) => x.entity.value === 'vic1')!
    expect(first.detected_at).toBe(new Date(at(t + 1500)).toISOString())
    expect(first.score).toBe(80)
    expect(first.explanation).toContain('then device rig-9 went on to sign in to account vic2 25 min later from another network')
    expect(first.related).toContainEqual({ type: 'ip', value: '86.150.54.200' })
  })

  it('does not take a device buying through accounts with nothing on record for a takeover until it changes one', () => {
    // A scalper's bot signs in to accounts it holds itself over proxies and buys; a thief on
    // accounts the shop knows nothing of shows only in changing them.
    const rig: Place = { ip: '86.150.54.200', device: 'rig-13', asn: 2856, country: 'GB' }
    const proxies: Place[] = [rig, { ...rig, ip: '73.12.9.40', asn: 7922 }, { ...rig, ip: '90.3.1.2', asn: 3215 }, { ...rig, ip: '81.2.69.1', asn: 5089 }]
    const buys = ['bot1', 'bot2', 'bot3'].flatMap((u, i) => [
      login(at(10 * i), u, proxies[i]!),
      act(at(10 * i + 5), u, 'order.create', { order_id: `${u}-o`, order_amount: 378, address_hash: 'bot-drop', device_id: rig.device }),
    ])
    expect(only(detect(buys), ACCOUNT_TAKEOVER_ID)).toEqual([])
    const taken = [
      ...buys,
      login(at(40), 'vic4', proxies[3]!),
      act(at(60), 'vic4', 'account.email_change', { device_id: rig.device }),
    ]
    const d = only(detect(taken), ACCOUNT_TAKEOVER_ID, 'account')
    expect(d.map((x) => x.entity.value)).toEqual(['vic4'])
    expect(d[0]!.explanation).toContain('from device rig-13, which signed in to accounts')
    expect(d[0]!.explanation).toContain('then email change')
  })

  it('raises at the login a device working through accounts with nothing on record when it got a password wrong first', () => {
    // A bot holding its own accounts knows their passwords; a rig trying stolen ones misses some.
    const rig: Place = { ip: '86.150.54.200', device: 'rig-14', asn: 2856, country: 'GB' }
    const events = [
      login(at(0), 'vic1', rig),
      login(at(30), 'vic2', { ...rig, ip: '73.12.9.40', asn: 7922, country: 'US' }, 'failure', 'bad_password'),
      login(at(40), 'vic2', { ...rig, ip: '73.12.9.40', asn: 7922, country: 'US' }),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')
    expect(d.map((x) => x.entity.value).sort()).toEqual(['vic1', 'vic2'])
    expect(d.every((x) => x.detected_at === new Date(at(40)).toISOString())).toBe(true)
    // 45 (the hop) + 15 (nothing on record) + 10 (the failed password); vic1, whose login showed
    // nothing, 15 + 45 once the rig is known.
    expect(d.find((x) => x.entity.value === 'vic2')!.score).toBe(70)
    expect(d.find((x) => x.entity.value === 'vic1')!.score).toBe(60)
  })

  it('scores a device working through three accounts higher, and the chain goes on from the login', () => {
    const rig: Place = { ip: '86.150.54.200', device: 'rig-10', asn: 2856, country: 'GB' }
    const t = 6 * DAY
    const events = [
      ...['vic1', 'vic2', 'vic3'].flatMap((u) => history(u, { ...HOME, device: `${u}-laptop` })),
      login(at(t), 'vic1', rig),
      login(at(t + 600), 'vic2', { ...rig, ip: '73.12.9.40', asn: 7922, country: 'US' }),
      login(at(t + 1200), 'vic3', { ...rig, ip: '90.3.1.2', asn: 3215, country: 'FR' }),
      act(at(t + 1300), 'vic3', 'account.email_change'),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').find((x) => x.entity.value === 'vic3')!
    expect(d.detected_at).toBe(new Date(at(t + 1200)).toISOString())
    // 45 + 10 (a second account) + 35 (new device, new network), and 50 since vic2's login exposed the device: capped at 100.
    expect(d.score).toBe(100)
    expect(d.explanation).toContain('which signed in to accounts vic1 20 min before on ASN 2856, vic2 10 min before on ASN 7922 from another network')
    expect(d.explanation).toContain('from device rig-10, already used to take over account vic2')
    expect(d.explanation).toContain('then email change')
  })

  it('does not raise a device that signs in to two accounts more than an hour apart, or from one network', () => {
    const rig: Place = { ip: '86.150.54.200', device: 'rig-11', asn: 2856, country: 'GB' }
    const library: Place = { ip: '84.12.3.9', device: 'library-pc', asn: 3320, country: 'DE' }
    const events = [
      login(at(0), 'vic1', rig),
      login(at(3700), 'vic2', { ...rig, ip: '73.12.9.40', asn: 7922, country: 'US' }),
      // Several first-seen accounts on one computer in one place: a family tablet, a library.
      ...['ann', 'bob', 'cem'].map((u, i) => login(at(100 + 60 * i), u, library)),
      act(at(400), 'bob', 'account.address_change', { address_hash: 'bob-new' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not raise a family phone that one parent signs in on at home and the other on mobile data', () => {
    const home: Place = { ip: '84.12.3.4', device: 'family-phone', asn: 3320, country: 'DE' }
    const mobile: Place = { ip: '80.187.10.11', device: 'family-phone', asn: 6805, country: 'DE' }
    const events = [
      ...history('mum', home),
      ...history('dad', home),
      login(at(6 * DAY), 'mum', home),
      login(at(6 * DAY + 1200), 'dad', mobile),
      act(at(6 * DAY + 1300), 'dad', 'payment.method_add', { card_fingerprint: 'dad-card' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('does not raise a new family tablet that one parent signs in on at home and the other on mobile data', () => {
    const home: Place = { ip: '84.12.3.4', device: 'new-tablet', asn: 3320, country: 'DE' }
    const mobile: Place = { ip: '80.187.10.11', device: 'new-tablet', asn: 6805, country: 'DE' }
    const events = [
      ...history('mum', { ...home, device: 'mum-phone' }),
      ...history('dad', { ...home, device: 'dad-phone' }),
      login(at(6 * DAY), 'mum', home),
      login(at(6 * DAY + 1200), 'dad', mobile),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('raises at the login a device that already took over another account', () => {
    const rig: Place = { ip: '98.207.91.125', device: 'rig-12', asn: 7922, country: 'US' }
    const events = [
      login(at(0), 'vic1', rig),
      act(at(60), 'vic1', 'account.email_change'),
      act(at(120), 'vic1', 'account.address_change', { address_hash: 'drop-5' }),
      // Three hours later: no hop, but the device is a known takeover device.
      login(at(3 * 3600), 'vic2', { ...rig, ip: '98.207.3.3' }),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').find((x) => x.entity.value === 'vic2')!
    expect(d.detected_at).toBe(new Date(at(3 * 3600)).toISOString())
    expect(d.score).toBe(65)
  })

  it('does not raise at the login an IP that a takeover used: a carrier NAT address is shared', () => {
    const rig: Place = { ip: '172.56.1.1', device: 'rig-13', asn: 21928, country: 'US' }
    const events = [
      login(at(0), 'vic1', rig),
      act(at(60), 'vic1', 'account.email_change'),
      act(at(120), 'vic1', 'account.address_change', { address_hash: 'drop-6' }),
      login(at(600), 'neighbour', { ...rig, device: 'neighbour-phone' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').map((d) => d.entity.value)).toEqual(['vic1'])
  })

  it('keeps the attacker\'s changes on the attacker\'s chain when the owner signs in on their phone minutes later', () => {
    const attacker = { ip: '84.154.20.1', device: 'rig-14', asn: 3320, country: 'DE' }
    const owner = { ip: '82.132.136.77', device: 'owner-phone', asn: 35228, country: 'GB' }
    const events = [
      app({ ...login(at(0), 'vic', attacker), session_id: 's-attacker' }),
      // The owner's login outscores the attacker's clean one (new device, new country, DE to GB in 3 min).
      app({ ...login(at(180), 'vic', owner), session_id: 's-owner' }),
      act(at(300), 'vic', 'account.email_change', { session_id: 's-attacker', device_id: 'rig-14', source_ip: attacker.ip }),
      act(at(600), 'vic', 'account.address_change', { session_id: 's-attacker', device_id: 'rig-14', source_ip: attacker.ip, address_hash: 'drop-7' }),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID)
    expect(ds.find((d) => d.entity.type === 'account')?.explanation).toContain('then email change, address change to new address drop-7')
    const flagged = ds.map((d) => d.entity.value)
    expect(flagged).toEqual(expect.arrayContaining(['vic', 'rig-14', 's-attacker', attacker.ip]))
    for (const o of ['owner-phone', 's-owner', owner.ip]) expect(flagged).not.toContain(o)
  })

  it('does not flag a first-seen account that moves house and buys a sofa (no lock-out step)', () => {
    const events = [
      login(at(0), 'erin', { ip: '86.1.1.1', device: 'erin-laptop', asn: 2856, country: 'GB' }),
      act(at(80), 'erin', 'account.address_change', { address_hash: 'erin-new' }),
      act(at(120), 'erin', 'payment.method_add', { card_fingerprint: 'erin-card' }),
      act(at(300), 'erin', 'order.create', { order_amount: 1200, address_hash: 'erin-new' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('ignores support staff acting on customers (user.target in the event)', () => {
    const desk: Place = { ip: '71.1.1.1', device: 'desk', asn: 7922, country: 'US' }
    const events = [
      login(at(0), 'staff1', desk),
      ...['u1', 'u2', 'u3'].map((target, i) => act(at(60 + i * 60), 'staff1', 'account.email_change', { attributes: { 'user.target.id': target } })),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('ignores staff acting on a customer account', () => {
    const t = 6 * DAY
    const agentDesk: Place = { ip: '10.0.0.5', device: 'support-desk-1', asn: 64512, country: 'IE' }
    const events = [
      ...history('alice', HOME),
      { ...login(at(t), 'alice', agentDesk), attributes: { 'user.roles': 'support' } },
      act(at(t + 60), 'alice', 'account.email_change', { attributes: { 'user.roles': 'support' } }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('scores impossible travel with a new device higher than the new device alone', () => {
    const t = 6 * DAY
    const far: Place = { ip: '41.1.1.1', device: 'dev-far', asn: 37100, country: 'NG' }
    const events = [
      ...history('alice', HOME),
      login(at(t), 'alice', HOME),
      login(at(t + 1200), 'alice', far),
      act(at(t + 1300), 'alice', 'account.email_change'),
    ]
    const d = only(detect(events), ACCOUNT_TAKEOVER_ID, 'account')[0]!
    expect(d.explanation).toContain('DE to NG in 20 min (impossible travel)')
    expect(d.score).toBe(35 + 20 + 25)
  })

  it('takes a session carried on from another device on another network for a replayed cookie, and flags the replaying device, not the owner\'s', () => {
    const t = 6 * DAY
    const own = { ...login(at(t), 'alice', HOME), session_id: 'sess-a' }
    const replay = (dt: number, action: string, extra: Partial<AppEvent>) =>
      act(at(t + dt), 'alice', action, { session_id: 'sess-a', device_id: 'dev-r', source_ip: '45.9.1.1', source_as_number: 9009, ...extra })
    const events = [
      ...history('alice', HOME),
      own,
      replay(900, 'account.address_change', { address_hash: 'drop-9' }),
      replay(1000, 'order.create', { order_id: 'o-9', order_amount: 700, order_currency: 'EUR', address_hash: 'drop-9' }),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID)
    expect(ds.find((d) => d.entity.type === 'account')?.explanation).toContain('session sess-a carried on from device dev-r on ASN 9009 (signed in on device alice-phone, ASN 3320)')
    const flagged = ds.map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['device:dev-r', 'ip:45.9.1.1']))
    expect(flagged).not.toContain('device:alice-phone')
    expect(flagged).not.toContain(`ip:${HOME.ip}`)
  })

  it('does not flag an owner whose phone moves from home Wi-Fi to mobile data in one session before moving house', () => {
    const t = 6 * DAY
    const own = { ...login(at(t), 'alice', HOME), session_id: 'sess-a' }
    const onMobile = (dt: number, action: string, extra: Partial<AppEvent>) =>
      act(at(t + dt), 'alice', action, { session_id: 'sess-a', device_id: HOME.device, source_ip: '172.56.1.1', source_as_number: 21928, ...extra })
    const events = [
      ...history('alice', HOME),
      own,
      onMobile(900, 'account.address_change', { address_hash: 'new-flat' }),
      onMobile(1000, 'order.create', { order_id: 'o-9', order_amount: 700, order_currency: 'EUR', address_hash: 'new-flat' }),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('opens a new chain for a login from a new device minutes after the owner\'s first login on record, so the changes it makes flag its device, not the owner\'s', () => {
    const owner = { ...login(at(0), 'bob', HOME), session_id: 'sess-owner' }
    const thief: Place = { ip: '84.12.9.9', device: 'dev-t', asn: 3320, country: 'DE' }
    const theirs = (dt: number, action: string, extra: Partial<AppEvent> = {}) =>
      act(at(dt), 'bob', action, { session_id: 'sess-t', device_id: thief.device, source_ip: thief.ip, source_as_number: thief.asn, ...extra })
    const events = [
      owner,
      { ...login(at(500), 'bob', thief), session_id: 'sess-t' },
      theirs(600, 'account.email_change', { user_email: 'zed99@proton.me' }),
      theirs(700, 'account.phone_change'),
      theirs(800, 'account.password_change'),
    ]
    const flagged = only(detect(events), ACCOUNT_TAKEOVER_ID).map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:bob', 'device:dev-t', 'ip:84.12.9.9', 'session:sess-t']))
    expect(flagged).not.toContain('device:alice-phone')
    expect(flagged).not.toContain('session:sess-owner')
  })

  it('tells a replayed cookie in the owner\'s second session of the day, which left the first login\'s chain open', () => {
    const t = 6 * DAY
    const events = [
      ...history('alice', HOME),
      { ...login(at(t), 'alice', HOME), session_id: 'sess-1' },
      { ...login(at(t + 120), 'alice', HOME), session_id: 'sess-2' },
      act(at(t + 3000), 'alice', 'account.phone_change', { session_id: 'sess-2', device_id: 'dev-r', source_ip: '45.9.1.1', source_as_number: 9009 }),
      act(at(t + 3100), 'alice', 'account.email_change', { session_id: 'sess-2', device_id: 'dev-r', source_ip: '45.9.1.1', source_as_number: 9009, user_email: 'zed@proton.me' }),
    ]
    const flagged = only(detect(events), ACCOUNT_TAKEOVER_ID).map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:alice', 'device:dev-r', 'ip:45.9.1.1', 'session:sess-2']))
    expect(flagged).not.toContain('device:alice-phone')
    // The first session stayed on the owner's phone: it is the owner's, not the replayed one.
    expect(flagged).not.toContain('session:sess-1')
  })

  it('takes a step in the login\'s session from another network without the device fingerprint for the cookie used elsewhere: it flags that IP and session, not the owner\'s login, and adds no points', () => {
    const events = [
      { ...login(at(0), 'carol', HOME), session_id: 'sess-c' },
      act(at(1800), 'carol', 'account.email_change', { session_id: 'sess-c', device_id: null, source_ip: '51.89.2.2', source_as_number: 16276, user_email: 'qx81@proton.me' }),
      act(at(1850), 'carol', 'account.phone_change', { session_id: 'sess-c', device_id: null, source_ip: '51.89.2.2', source_as_number: 16276 }),
      act(at(2000), 'carol', 'account.address_change', { session_id: 'sess-c', device_id: null, source_ip: '51.89.2.2', source_as_number: 16276, address_hash: 'drop-3' }),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID)
    const account = ds.find((d) => d.entity.type === 'account')!
    expect(account.explanation).toContain('session sess-c carried on from IP 51.89.2.2 without a device fingerprint on ASN 16276 (signed in on device alice-phone, ASN 3320)')
    // Nothing on record (15), e-mail change (25), phone change (20), address change (15 + 5): no points for the move.
    expect(account.score).toBe(80)
    const flagged = ds.map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:carol', 'ip:51.89.2.2', 'session:sess-c']))
    expect(flagged).not.toContain('device:alice-phone')
    expect(flagged).not.toContain(`ip:${HOME.ip}`)
  })

  it('opens its own chain for a login without a device fingerprint from a network the account has not used, so its changes flag its IP and session, not the owner\'s first login', () => {
    const thief = { ip: '36.93.1.72', asn: 7713, country: 'ID' }
    const theirs = (dt: number, action: string, extra: Partial<AppEvent> = {}) =>
      act(at(dt), 'dave', action, { session_id: 'sess-t', device_id: null, source_ip: thief.ip, source_as_number: thief.asn, source_geo_country_iso_code: thief.country, ...extra })
    const events = [
      { ...login(at(0), 'dave', HOME), session_id: 'sess-owner' },
      { ...login(at(2400), 'dave', { ...thief, device: 'x' }), device_id: null, session_id: 'sess-t' },
      theirs(2580, 'account.email_change', { user_email: 'mrx8c3@outlook.com' }),
      theirs(2660, 'account.phone_change'),
      theirs(2860, 'account.password_change'),
    ]
    const ds = only(detect(events), ACCOUNT_TAKEOVER_ID)
    expect(ds.find((d) => d.entity.type === 'account')?.explanation).toContain('login from new ASN 7713 without a device fingerprint, DE to ID in 40 min (impossible travel) then email change')
    const flagged = ds.map((d) => `${d.entity.type}:${d.entity.value}`)
    expect(flagged).toEqual(expect.arrayContaining(['account:dave', `ip:${thief.ip}`, 'session:sess-t']))
    expect(flagged).not.toContain('device:alice-phone')
    expect(flagged).not.toContain(`ip:${HOME.ip}`)
    expect(flagged).not.toContain('session:sess-owner')
  })

  it('leaves an owner seen once who signs in again from their mobile network without a device fingerprint and sets up a new phone unflagged', () => {
    const mobile = { ip: '172.56.1.1', asn: 21928, country: 'DE' }
    const onMobile = (dt: number, action: string) =>
      act(at(dt), 'erin', action, { session_id: 'sess-m', device_id: null, source_ip: mobile.ip, source_as_number: mobile.asn })
    const events = [
      { ...login(at(0), 'erin', HOME), session_id: 'sess-h' },
      { ...login(at(1800), 'erin', { ...mobile, device: 'x' }), device_id: null, session_id: 'sess-m' },
      onMobile(1900, 'account.phone_change'),
      onMobile(2000, 'account.password_change'),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  it('leaves an owner\'s session that goes on from their mobile network with no device fingerprint, changing phone and password, unflagged', () => {
    const t = 6 * DAY
    const onMobile = (dt: number, action: string) =>
      act(at(t + dt), 'alice', action, { session_id: 'sess-a', device_id: null, source_ip: '172.56.1.1', source_as_number: 21928 })
    const events = [
      ...history('alice', HOME),
      { ...login(at(t), 'alice', HOME), session_id: 'sess-a' },
      onMobile(600, 'account.phone_change'),
      onMobile(700, 'account.password_change'),
    ]
    expect(only(detect(events), ACCOUNT_TAKEOVER_ID)).toEqual([])
  })

  describe('a login made the way a stuffing run makes them', () => {
    const RUN = 3600
    /**
     * An hour of customers signing in on their own devices (fingerprinted or not), then a run
     * from thirty residential addresses over ten minutes, mostly for names that do not exist.
     */
    function shopUnderRun(fingerprints = true): Array<AppEvent | HttpEvent> {
      const out: Array<AppEvent | HttpEvent> = []
      for (let i = 0; i < 120; i++) {
        const user = `c${i % 60}`
        out.push(app({
          event_action: 'account.login', ts: at(i * 30), user_id: user, user_name: user, event_outcome: 'success', session_id: `cs${i}`,
          source_ip: `81.2.${i % 60}.1`, device_id: fingerprints ? `${user}-phone` : null, source_as_number: 3320, source_geo_country_iso_code: 'DE',
        }))
      }
      for (let k = 0; k < 30; k++) {
        out.push(app({
          event_action: 'account.login', ts: at(RUN + k * 20), user_name: `combo${k}@mail.example`, event_outcome: 'failure', event_reason: 'unknown_user',
          source_ip: `73.${k}.50.${k + 1}`, device_id: `fp-${k}`, session_id: `s-combo${k}`,
        }))
      }
      return out
    }
    /** A successful login for dora, an account with nothing on record, after the session fetched the login form (and `before`). */
    function doraSignsIn(ts: number, device: string | null, before: string[] = []): Array<AppEvent | HttpEvent> {
      const where = { source_ip: '24.31.77.93', session_id: 's-dora' }
      return [
        ...before.map((path, i) => http({ ts: at(ts - 60 + i * 5), url_path: path, http_request_method: 'GET', ...where })),
        http({ ts: at(ts - 3), url_path: '/account/login', http_request_method: 'GET', ...where }),
        http({ ts: at(ts) - 100, url_path: '/account/login', http_request_method: 'POST', ...where }),
        app({ event_action: 'account.login', ts: at(ts), user_id: 'dora', user_name: 'dora', event_outcome: 'success', device_id: device, source_as_number: 7922, source_geo_country_iso_code: 'DE', ...where }),
      ]
    }
    const doraTakeovers = (events: Array<AppEvent | HttpEvent>) => only(detect(events), ACCOUNT_TAKEOVER_ID, 'account').filter((d) => d.entity.value === 'dora')

    it('raises at the login a success without a device fingerprint, from a session that only posted the login form, while the run fails logins', () => {
      const ds = doraTakeovers([...shopUnderRun(), ...doraSignsIn(RUN + 300, null)])
      expect(ds).toHaveLength(1)
      expect(ds[0]!.detected_at).toBe(new Date(at(RUN + 300)).toISOString())
      expect(ds[0]!.score).toBe(60)
      expect(ds[0]!.explanation).toBe(
        'Account dora: login without a device fingerprint (100% of the shop\'s logins carry one), from a session that requested nothing but ' +
          '/account/login, while a credential-stuffing campaign was failing logins, with no earlier login on record within 0 s (chain score 60).',
      )
      expect(ds[0]!.related).toEqual(expect.arrayContaining([{ type: 'ip', value: '24.31.77.93' }, { type: 'session', value: 's-dora' }]))
    })

    it('does not raise the same login carrying a fingerprint, from a session that browsed first, after the run stopped, or where logins carry none', () => {
      expect(doraTakeovers([...shopUnderRun(), ...doraSignsIn(RUN + 300, 'dora-phone')])).toEqual([])
      expect(doraTakeovers([...shopUnderRun(), ...doraSignsIn(RUN + 300, null, ['/products/oxford-shirt', '/cart'])])).toEqual([])
      // The run's last failure came at +580 s; twenty minutes later it is no longer under way.
      expect(doraTakeovers([...shopUnderRun(), ...doraSignsIn(RUN + 1800, null)])).toEqual([])
      expect(doraTakeovers([...shopUnderRun(false), ...doraSignsIn(RUN + 300, null)])).toEqual([])
    })
  })
})
