import { describe, expect, it } from 'vitest'
import type { AppEvent } from '../../events/index.ts'
import { app, at, detect, only } from '../accounts/fixtures/events.ts'
import { EntityGraph, FRAUD_RING_ID } from './entity-graph.ts'

const use = (ts: number, user: string, fields: Partial<AppEvent>) =>
  app({ event_action: 'payment.method_add', ts, user_id: user, event_outcome: 'success', ...fields })

describe('entity graph and fraud rings', () => {
  it('finds a ring of accounts sharing cards and a drop address, members in related', () => {
    const events = ['r1', 'r2', 'r3', 'r4', 'r5'].flatMap((u, i) => [
      use(at(i * 60), u, { card_fingerprint: i < 3 ? 'card-A' : 'card-B', device_id: `dev-${u}`, source_ip: `5.5.5.${i}` }),
      app({ event_action: 'order.create', ts: at(i * 60 + 30), user_id: u, address_hash: i % 2 === 0 ? 'drop-1' : `home-${u}` }),
    ])
    // card-B links r4 and r5; drop-1 links r1, r3, r5 and so joins both card groups.
    const ds = only(detect(events), FRAUD_RING_ID)
    expect(ds).toHaveLength(1)
    const d = ds[0]!
    expect(d.entity).toEqual({ type: 'actor', value: 'ring:r1' })
    expect(d.threat).toBe('fraud_ring')
    expect(d.explanation).toBe('5 accounts (r1, r2, r3, r4, r5) are linked by 2 shared cards, 1 shared address (strong links).')
    expect(d.related.filter((r) => r.type === 'account')).toHaveLength(5)
    expect(d.related).toContainEqual({ type: 'card', value: 'card-A' })
  })

  it('names the devices and IPs that the ring\'s accounts used alone, not a connection a customer shares with a member', () => {
    const events = ['r1', 'r2', 'r3', 'r4'].flatMap((u, i) => [
      use(at(i * 60), u, { card_fingerprint: 'card-A', device_id: `dev-${u}`, source_ip: `5.5.5.${i}` }),
      // r4 also signs in over a carrier address a customer uses too.
      ...(u === 'r4' ? [app({ event_action: 'account.login', ts: at(i * 60 + 20), user_id: u, event_outcome: 'success', device_id: 'dev-r4', source_ip: '100.64.0.1' })] : []),
    ])
    events.push(app({ event_action: 'account.login', ts: at(10), user_id: 'customer', event_outcome: 'success', device_id: 'dev-customer', source_ip: '100.64.0.1' }))
    const [ring] = only(detect(events), FRAUD_RING_ID)
    const named = (type: string) => ring?.related.filter((r) => r.type === type).map((r) => r.value).sort()
    expect(named('device')).toEqual(['dev-r1', 'dev-r2', 'dev-r3', 'dev-r4'])
    expect(named('ip')).toEqual(['5.5.5.0', '5.5.5.1', '5.5.5.2', '5.5.5.3'])
    expect(ring?.evidence).toContainEqual({ field: 'own_ips', value: 4 })
  })

  it('leaves to the scalping detector accounts that share a card and a drop and each bought the one product alone', () => {
    const crew = (prefix: string, product: (i: number) => string) => [0, 1, 2, 3, 4].flatMap((i) => [
      app({ event_action: 'cart.add', ts: at(i * 60), user_id: `${prefix}${i}`, product_id: product(i), device_id: `dev-${prefix}${i}`, source_ip: `5.5.${prefix.length}.${i}` }),
      use(at(i * 60 + 10), `${prefix}${i}`, { card_fingerprint: `card-${prefix}`, device_id: `dev-${prefix}${i}` }),
      // The order names no product: it is the one the account carted.
      app({ event_action: 'order.create', ts: at(i * 60 + 20), user_id: `${prefix}${i}`, address_hash: `drop-${prefix}`, device_id: `dev-${prefix}${i}` }),
    ])
    const rings = (events: AppEvent[]) => only(detect(events), FRAUD_RING_ID)
    // One buyer past a per-customer limit: the scalping, not a ring.
    expect(rings(crew('s', () => 'sneaker-drop'))).toEqual([])
    // A ring most of whose accounts bought one product, but not every one of them only that.
    const [mostly] = rings(crew('m', (i) => (i < 3 ? 'sneaker-drop' : `item-${i}`)))
    expect(mostly?.explanation).toBe(
      '5 accounts (m0, m1, m2, m3, m4) are linked by 1 shared card, 1 shared address (strong links); 3 of them ordered product sneaker-drop ' +
        '(3 orders): one operator buying one product through many accounts, as a scalping crew does.',
    )
    expect(mostly?.evidence).toContainEqual({ field: 'shared_product', value: 'sneaker-drop' })
    // Every account bought the product, and one of them something else too: still a ring.
    const alsoElse = crew('e', () => 'sneaker-drop')
    alsoElse.push(app({ event_action: 'order.create', ts: at(400), user_id: 'e2', product_id: 'tv-55', address_hash: 'drop-e', device_id: 'dev-e2' }))
    expect(rings(alsoElse)).toHaveLength(1)
    const [ring] = rings(crew('rr', (i) => `item-${i}`))
    expect(ring?.explanation).toBe('5 accounts (rr0, rr1, rr2, rr3, rr4) are linked by 1 shared card, 1 shared address (strong links).')
  })

  it('does not call a family sharing a tablet, a card and an address a ring', () => {
    const events = ['mum', 'dad', 'kid'].map((u, i) => use(at(i), u, { card_fingerprint: 'family-card', address_hash: 'home', device_id: 'tablet', source_ip: '84.1.1.1' }))
    expect(only(detect(events), FRAUD_RING_ID)).toEqual([])
  })

  it('does not call a household of five on one tablet, one address and the parents\' card a ring', () => {
    const events = ['mum', 'dad', 'ann', 'ben', 'gran'].flatMap((u, i) => [
      use(at(i * 60), u, { card_fingerprint: 'parents-card', device_id: 'tablet', source_ip: '84.1.1.1', user_phone_hash: `ph-${u}` }),
      app({ event_action: 'order.create', ts: at(i * 60 + 30), user_id: u, address_hash: 'home', device_id: 'tablet', source_ip: '84.1.1.1' }),
    ])
    expect(only(detect(events), FRAUD_RING_ID)).toEqual([])
  })

  it('still finds a crew of five that shares a drop address and cards from separate devices', () => {
    const events = ['c1', 'c2', 'c3', 'c4', 'c5'].flatMap((u, i) => [
      use(at(i * 60), u, { card_fingerprint: `stolen-${i % 2}`, device_id: `dev-${u}`, source_ip: `45.9.${i}.1` }),
      app({ event_action: 'order.create', ts: at(i * 60 + 30), user_id: u, address_hash: 'drop', device_id: `dev-${u}`, source_ip: `45.9.${i}.1` }),
    ])
    expect(only(detect(events), FRAUD_RING_ID)).toHaveLength(1)
  })

  it('calls three accounts registered today that share a card and a drop address a ring, and three old ones not', () => {
    const trio = (prefix: string, registered: boolean) => ['a', 'b', 'c'].flatMap((x, i) => [
      ...(registered ? [app({ event_action: 'account.register', ts: at(i * 60), user_id: `${prefix}${x}`, event_outcome: 'success', device_id: `dev-${prefix}${x}` })] : []),
      use(at(i * 60 + 10), `${prefix}${x}`, { card_fingerprint: i < 2 ? `${prefix}-card` : `${prefix}-own-${x}`, device_id: `dev-${prefix}${x}`, source_ip: `45.7.${i}.${prefix.length}` }),
      app({ event_action: 'order.create', ts: at(i * 60 + 30), user_id: `${prefix}${x}`, address_hash: i > 0 ? `${prefix}-drop` : `${prefix}-home-${x}` }),
    ])
    const ds = only(detect([...trio('new', true), ...trio('old', false)]), FRAUD_RING_ID)
    expect(ds).toHaveLength(1)
    expect(ds[0]!.explanation).toBe('3 accounts (newa, newb, newc) are linked by 1 shared card, 1 shared address (strong links, all registered in the last 24.0 h).')
  })

  /** A crew of four registered today on their own devices, sharing stolen cards and a drop address. */
  const crew = ['k1', 'k2', 'k3', 'k4'].flatMap((u, i) => [
    app({ event_action: 'account.register', ts: at(i * 600), user_id: u, event_outcome: 'success', device_id: `dev-${u}`, source_ip: `45.8.${i}.1` }),
    use(at(i * 600 + 60), u, { card_fingerprint: `stolen-${i % 2}`, device_id: `dev-${u}`, source_ip: `45.8.${i}.1` }),
    app({ event_action: 'order.create', ts: at(i * 600 + 90), user_id: u, address_hash: 'drop-7', device_id: `dev-${u}`, source_ip: `45.8.${i}.1` }),
  ])
  const ringAccounts = (events: AppEvent[]) =>
    only(detect(events), FRAUD_RING_ID).flatMap((d) => d.related.filter((r) => r.type === 'account').map((r) => r.value)).sort()

  it('takes into a ring the new accounts a member\'s device ties to it, with the accounts they share a card with', () => {
    // k5 borrows k2's phone to register and shares a card only with k6, who shares nothing with the crew.
    const pair = [
      app({ event_action: 'account.register', ts: at(3000), user_id: 'k5', event_outcome: 'success', device_id: 'dev-k2', source_ip: '45.8.9.1' }),
      use(at(3060), 'k5', { card_fingerprint: 'stolen-9', device_id: 'dev-k2', source_ip: '45.8.9.1' }),
      app({ event_action: 'account.register', ts: at(3600), user_id: 'k6', event_outcome: 'success', device_id: 'dev-k6', source_ip: '45.8.10.1' }),
      use(at(3660), 'k6', { card_fingerprint: 'stolen-9', device_id: 'dev-k6', source_ip: '45.8.10.1' }),
    ]
    expect(ringAccounts([...crew, ...pair])).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6'])
    const d = only(detect([...crew, ...pair]), FRAUD_RING_ID)[0]!
    expect(d.explanation).toBe('6 accounts (k1, k2, k3, k4, k5, …) are linked by 1 shared device, 3 shared cards, 1 shared address (strong links).')
  })

  it('does not tie to a ring an old account on a member\'s device, nor the new accounts behind a busy connection', () => {
    // A long-standing customer logs in on k3's device (a shared family laptop): not new, not tied.
    const old = [app({ event_action: 'account.login', ts: at(3000), user_id: 'neighbour', event_outcome: 'success', device_id: 'dev-k3', source_ip: '45.8.2.1' })]
    expect(ringAccounts([...crew, ...old])).toEqual(['k1', 'k2', 'k3', 'k4'])
    // Four new customers register behind k1's connection (a café): the ring's is not half its accounts.
    const cafe = ['c1', 'c2', 'c3', 'c4'].map((u, i) =>
      app({ event_action: 'account.register', ts: at(3000 + i * 60), user_id: u, event_outcome: 'success', device_id: `dev-${u}`, source_ip: '45.8.0.1' }))
    expect(ringAccounts([...crew, ...cafe])).toEqual(['k1', 'k2', 'k3', 'k4'])
  })

  it('raises a fresh crew\'s ring seconds after the link that makes it, not at the next whole-graph pass', () => {
    const events = ['x', 'y', 'z'].flatMap((u, i) => [
      app({ event_action: 'account.register', ts: at(i * 300), user_id: `crew-${u}`, event_outcome: 'success', device_id: `dev-${u}` }),
      use(at(i * 300 + 60), `crew-${u}`, { card_fingerprint: 'stolen-9', device_id: `dev-${u}`, source_ip: `45.6.${i}.1` }),
      app({ event_action: 'order.create', ts: at(i * 300 + 61), user_id: `crew-${u}`, address_hash: 'drop-9', device_id: `dev-${u}` }),
    ])
    // Traffic keeps the clock going after the third member's order at 661 s.
    const clock = Array.from({ length: 10 }, (_, i) => app({ event_action: 'account.login', ts: at(662 + i * 5), user_id: `shopper${i}`, event_outcome: 'success' }))
    const d = only(detect([...events, ...clock]), FRAUD_RING_ID)[0]!
    expect(Date.parse(d.detected_at) - at(661)).toBeLessThanOrEqual(15_000)
    expect(d.related.filter((r) => r.type === 'account').map((r) => r.value)).toEqual(['crew-x', 'crew-y', 'crew-z'])
  })

  it('raises two new strangers paying with one card early at a lower score, and grows that detection when a third joins', () => {
    const member = (u: string, i: number, email: string) => [
      app({ event_action: 'account.register', ts: at(i * 600), user_id: u, event_outcome: 'success', user_email: email, device_id: `dev-${u}`, source_ip: `45.7.${i}.1` }),
      use(at(i * 600 + 60), u, { card_fingerprint: 'stolen-4', device_id: `dev-${u}`, source_ip: `45.7.${i}.1` }),
      app({ event_action: 'order.create', ts: at(i * 600 + 61), user_id: u, address_hash: 'drop-4', device_id: `dev-${u}`, source_ip: `45.7.${i}.1` }),
    ]
    const clock = (from: number) => Array.from({ length: 10 }, (_, i) => app({ event_action: 'account.login', ts: at(from + i * 5), user_id: `shopper${i}`, event_outcome: 'success' }))
    const pair = [...member('m1', 0, 'oliver.grant81@gmail.com'), ...member('m2', 1, 'k.ivanova@yahoo.com')]
    const early = only(detect([...pair, ...clock(662)]), FRAUD_RING_ID)
    expect(early).toHaveLength(1)
    expect(early[0]!.score).toBe(45)
    expect(early[0]!.evidence).toContainEqual({ field: 'card_of_strangers', value: true })
    expect(early[0]!.explanation).toBe('2 accounts (m1, m2) are linked by 1 shared card, 1 shared address (strong links, all registered in the last 24.0 h), paying with one card but ' +
      'sharing no device, IP or name with each other, as a crew\'s new accounts on a stolen card do (and, more rarely, a couple\'s): raised early at a lower score, it grows as accounts join.')
    expect(Date.parse(early[0]!.detected_at) - at(661)).toBeLessThanOrEqual(15_000)
    const grown = only(detect([...pair, ...clock(662), ...member('m3', 2, 'dmitri.lund@outlook.com'), ...clock(1262)]), FRAUD_RING_ID)
    expect(grown).toHaveLength(1)
    expect(grown[0]!.entity.value).toBe(early[0]!.entity.value)
    expect(grown[0]!.detected_at).toBe(early[0]!.detected_at)
    expect(grown[0]!.score).toBeGreaterThanOrEqual(65)
    expect(grown[0]!.related.filter((r) => r.type === 'account').map((r) => r.value)).toEqual(['m1', 'm2', 'm3'])
  })

  it.each(['card', 'phone'] as const)('does not raise two accounts on one %s that a connection, a device, a name or an older account ties to one household', (kind) => {
    const link = (ts: number, u: string, tag: string, place: Partial<AppEvent>) => kind === 'card'
      ? use(ts, u, { card_fingerprint: `${tag}-card`, ...place })
      : app({ event_action: 'account.phone_change', ts, user_id: u, event_outcome: 'success', user_phone_hash: `${tag}-phone`, ...place })
    const pair = (tag: string, fields: (i: number) => Partial<AppEvent>, registered = true) => [0, 1].flatMap((i) => {
      const { user_email, ...place } = fields(i)
      const u = `${tag}-${i}`
      return [
        ...(registered ? [app({ event_action: 'account.register', ts: at(i * 600), user_id: u, event_outcome: 'success', user_email, ...place })] : []),
        link(at(i * 600 + 60), u, tag, place),
      ]
    })
    // A couple signing up on their own phones at home, one paying for the other or giving the other's number.
    const couple = pair('couple', (i) => ({ user_email: ['lena.fischer@gmx.de', 'jonas.b@web.de'][i], device_id: `phone-c${i}`, source_ip: '84.2.2.2' }))
    // One person opening a second account on the same laptop (or a parent a child's).
    const again = pair('again', (i) => ({ user_email: ['mark.h@gmail.com', 'marco2011@gmail.com'][i], device_id: 'laptop-a', source_ip: `80.187.${i}.1` }))
    // Mother and son, each on their own network, sharing a surname and the mother's card or number.
    const family = pair('family', (i) => ({ user_email: ['ines.moreau@orange.fr', 'theo.moreau@gmail.com'][i], device_id: `phone-f${i}`, source_ip: `90.${i}.4.4` }))
    // Two long-standing customers (not registered in the stream) on one card or number: no crew's new accounts.
    const old = pair('old', (i) => ({ user_email: ['a.b@mail.test', 'c.d@mail.test'][i], device_id: `dev-o${i}`, source_ip: `91.${i}.5.5` }), false)
    const clock = Array.from({ length: 20 }, (_, i) => app({ event_action: 'account.login', ts: at(700 + i * 5), user_id: `shopper${i}`, event_outcome: 'success' }))
    expect(only(detect([...couple, ...again, ...family, ...old, ...clock]), FRAUD_RING_ID)).toEqual([])
    // The same two accounts on their own networks and devices under unrelated names are an early ring.
    const strangers = pair('strangers', (i) => ({ user_email: ['lena.fischer@gmx.de', 'jonas.b@web.de'][i], device_id: `phone-s${i}`, source_ip: `84.${i}.2.2` }))
    expect(only(detect([...strangers, ...clock]), FRAUD_RING_ID).map((d) => d.score)).toEqual([kind === 'card' ? 45 : 40])
    // So are two who share a first name only: a first name is no family's.
    const namesakes = pair('namesakes', (i) => ({ user_email: ['tina_martin1978.452@orange.fr', 'tina_nguyen1985.629@icloud.com'][i], device_id: `phone-n${i}`, source_ip: `85.${i}.2.2` }))
    expect(only(detect([...namesakes, ...clock]), FRAUD_RING_ID).map((d) => d.score)).toEqual([kind === 'card' ? 45 : 40])
  })

  it('raises two new strangers registered with one phone number early, before any card, and grows it when a third joins on a card', () => {
    const member = (u: string, i: number, email: string, fields: Partial<AppEvent> = {}) =>
      app({ event_action: 'account.register', ts: at(i * 600), user_id: u, event_outcome: 'success', user_email: email, user_phone_hash: 'ph-burner', device_id: `dev-${u}`, source_ip: `45.9.${i}.1`, ...fields })
    const clock = (from: number) => Array.from({ length: 10 }, (_, i) => app({ event_action: 'account.login', ts: at(from + i * 5), user_id: `shopper${i}`, event_outcome: 'success' }))
    const pair = [member('b1', 0, 'nina.park77@gmail.com'), member('b2', 1, 'r.okafor@yahoo.com')]
    const early = only(detect([...pair, ...clock(601)]), FRAUD_RING_ID)
    expect(early).toHaveLength(1)
    expect(early[0]!.score).toBe(40)
    expect(early[0]!.explanation).toBe('2 accounts (b1, b2) are linked by 1 shared phone (strong links, all registered in the last 24.0 h), registered with one phone number ' +
      'but sharing no device, IP or name with each other, as a crew\'s new accounts on its burner phone do (and, more rarely, strangers typing one made-up number): ' +
      'raised early at a lower score, it grows as accounts join.')
    expect(Date.parse(early[0]!.detected_at) - at(600)).toBeLessThanOrEqual(15_000)
    // A third new account pays with the second's card: one detection, grown to a ring.
    const third = [
      member('b3', 2, 'l.fontaine@orange.fr', { user_phone_hash: 'ph-own-b3' }),
      use(at(1230), 'b2', { card_fingerprint: 'stolen-5', device_id: 'dev-b2', source_ip: '45.9.1.1' }),
      use(at(1260), 'b3', { card_fingerprint: 'stolen-5', device_id: 'dev-b3', source_ip: '45.9.2.1' }),
    ]
    const grown = only(detect([...pair, ...clock(601), ...third, ...clock(1261)]), FRAUD_RING_ID)
    expect(grown.map((d) => [d.entity.value, d.detected_at])).toEqual([[early[0]!.entity.value, early[0]!.detected_at]])
    expect(grown[0]!.score).toBeGreaterThanOrEqual(65)
  })

  it('does not call a household a ring while a member\'s order, and so the address, is minutes behind the card', () => {
    const events = ['mum', 'dad', 'ann', 'ben', 'gran'].flatMap((u, i) => [
      use(at(i * 900), u, { card_fingerprint: 'parents-card', device_id: 'tablet', source_ip: '84.1.1.1' }),
      app({ event_action: 'order.create', ts: at(i * 900 + 400), user_id: u, address_hash: 'home', device_id: 'tablet', source_ip: '84.1.1.1' }),
    ])
    const clock = Array.from({ length: 200 }, (_, i) => app({ event_action: 'account.login', ts: at(i * 30), user_id: `shopper${i}`, event_outcome: 'success' }))
    expect(only(detect([...events, ...clock]), FRAUD_RING_ID)).toEqual([])
  })

  it('calls three accounts registered today on one phone number from three places an early ring, a ring when one shared node is set to be enough, and a family on one tablet neither', () => {
    const crew = ['p', 'q', 'r'].map((u, i) =>
      app({ event_action: 'account.register', ts: at(i * 600), user_id: `new-${u}`, event_outcome: 'success', user_phone_hash: 'ph-burner', device_id: `dev-${u}`, source_ip: `45.5.${i}.1` }))
    const family = ['mum', 'dad', 'kid'].flatMap((u, i) => [
      app({ event_action: 'account.register', ts: at(i * 600 + 5), user_id: u, event_outcome: 'success', user_phone_hash: 'ph-home', device_id: 'tablet', source_ip: '84.1.1.1' }),
      app({ event_action: 'order.create', ts: at(i * 600 + 300), user_id: u, address_hash: 'home', device_id: 'tablet', source_ip: '84.1.1.1' }),
    ])
    // By default one shared node among three new accounts may be chance: an early ring at the phone pair's lower score.
    const early = only(detect([...crew, ...family]), FRAUD_RING_ID)
    expect(early.map((d) => [d.score, d.related.filter((r) => r.type === 'account').length])).toEqual([[44, 3]])
    expect(early[0]!.evidence).toContainEqual({ field: 'phone_of_strangers', value: true })
    expect(only(detect([...crew, ...family], { graph: { phonePairScore: 0 } }), FRAUD_RING_ID)).toEqual([])
    const ds = only(detect([...crew, ...family], { graph: { minFreshSharedNodes: 1 } }), FRAUD_RING_ID)
    expect(ds).toHaveLength(1)
    expect(ds[0]!.explanation).toBe('3 accounts (new-p, new-q, new-r) are linked by 1 shared phone (strong links, all registered in the last 24.0 h).')
  })

  it('calls three new strangers paying with their own cards and shipping to one address a ring, and a family, colleagues or a non-payer not', () => {
    /** Three accounts registered today that ship to `address`; `who(i)` sets each one's e-mail, device, IP and card. */
    const trio = (address: string, who: (i: number) => Partial<AppEvent>) => [0, 1, 2].flatMap((i) => {
      const { user_email, ...place } = who(i)
      const u = `${address}-${i}`
      return [
        app({ event_action: 'account.register', ts: at(i * 900), user_id: u, event_outcome: 'success', user_email, device_id: place.device_id, source_ip: place.source_ip }),
        app({ event_action: 'order.create', ts: at(i * 900 + 120), user_id: u, address_hash: address, ...place }),
      ]
    })
    const drop = trio('drop', (i) => ({ user_email: ['davidkowalski62@icloud.com', 'paulnovak99@orange.fr', 'samtaylor61@yahoo.com'][i], device_id: `dev-${i}`, source_ip: `45.${i}.7.1`, card_fingerprint: `card-${i}` }))
    // A family signing up on their own phones over mobile data, each with a card: one surname.
    const family = trio('home', (i) => ({ user_email: ['anna.weber@gmx.de', 'tom.weber@web.de', 'lisaweber07@gmail.com'][i], device_id: `phone-${i}`, source_ip: `80.187.${i}.9`, card_fingerprint: `fam-card-${i}` }))
    // New colleagues shipping to the office, two of them behind its connection.
    const office = trio('reception', (i) => ({ user_email: ['jsmith@corp.example', 'mlee@corp.example', 'kpatel@corp.example'][i], device_id: `laptop-${i}`, source_ip: i < 2 ? '62.153.1.1' : '80.187.4.4', card_fingerprint: `corp-card-${i}` }))
    // Strangers, but one has not paid with a card (a gift-card or invoice order): nothing converges.
    const unpaid = trio('locker', (i) => ({ user_email: ['ben.olsen@mail.test', 'mia.rossi@mail.test', 'ken.sato@mail.test'][i], device_id: `dev-l${i}`, source_ip: `91.${i}.3.3`, card_fingerprint: i === 2 ? null : `card-l${i}` }))
    const ds = only(detect([...drop, ...family, ...office, ...unpaid]), FRAUD_RING_ID)
    expect(ds.map((d) => d.related.filter((r) => r.type === 'account').map((r) => r.value))).toEqual([['drop-0', 'drop-1', 'drop-2']])
    expect(ds[0]!.explanation).toBe('3 accounts (drop-0, drop-1, drop-2) are linked by 1 shared address (strong links, all registered in the last 24.0 h), ' +
      'each paying with a card of its own and sharing no device, IP or name with the others: strangers whose purchases converge on one address, as at a drop.')
    expect(ds[0]!.evidence).toContainEqual({ field: 'drop_of_strangers', value: true })
  })

  it('does not link the customers the shop\'s support staff act on', () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      app({ event_action: 'account.address_change', ts: at(i * 60), user_id: 'staff1', user_name: 'agent1@support.shop.example', address_hash: `new-home-${i}`, device_id: 'support-pc', source_ip: '62.1.1.1', attributes: { 'user.target.id': `cust${i}` } }),
    )
    expect(only(detect(events), FRAUD_RING_ID)).toEqual([])
  })

  it('keeps a ring\'s id as it grows, so its detection is updated, not raised again', () => {
    const member = (t: number, u: string) => use(at(t), u, { card_fingerprint: 'stolen-1', device_id: `dev-${u}`, source_ip: `45.8.${t % 200}.1` })
    const first = ['m2', 'm3', 'm4', 'm5'].map((u, i) => member(i * 60, u))
    // An hour later (past the recompute interval) a member that sorts first joins.
    const later = [member(3600, 'm1'), member(5400, 'm6')]
    const ds = only(detect([...first, ...later]), FRAUD_RING_ID)
    expect(ds).toHaveLength(1)
    expect(ds[0]!.entity.value).toBe('ring:m2')
    expect(ds[0]!.related.filter((r) => r.type === 'account').map((r) => r.value).sort()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
  })

  it('does not link the many customers behind a carrier NAT address or an office IP', () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      app({ event_action: 'account.login', ts: at(i), user_id: `c${i}`, event_outcome: 'success', source_ip: i < 40 ? '100.64.0.1' : '62.1.1.1', device_id: `phone-${i}` }),
    )
    expect(only(detect(events), FRAUD_RING_ID)).toEqual([])
  })

  it('finds a weak ring where accounts share both devices and IPs', () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      app({ event_action: 'account.login', ts: at(i), user_id: `farm${i}`, event_outcome: 'success', device_id: 'rig-1', source_ip: '6.6.6.1' }),
    )
    const d = only(detect(events), FRAUD_RING_ID)[0]!
    expect(d.explanation).toContain('7 accounts (farm0, farm1, farm2, farm3, farm4, …) are linked by 1 shared device, 1 shared ip (weak links)')
    expect(d.evidence).toContainEqual({ field: 'links', value: 'weak' })
  })

  it('stops growing at the node cap and counts what it left out', () => {
    const g = new EntityGraph(10, 30)
    for (let i = 0; i < 20; i++) g.link(`a${i}`, 'ip', `1.1.1.${i}`)
    expect(g.graph.order).toBe(10)
    expect(g.dropped).toBeGreaterThan(0)
  })

  it('does not call established customers who all ship to their office a ring, but does call new accounts doing so one', () => {
    const office = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].map((u, i) =>
      app({ event_action: 'order.create', ts: at(i * 60), user_id: u, address_hash: 'office-reception', card_fingerprint: `card-${u}`, device_id: `laptop-${u}`, source_ip: '62.153.1.1' }),
    )
    expect(only(detect(office), FRAUD_RING_ID)).toEqual([])
    const crew = ['n1', 'n2', 'n3', 'n4', 'n5'].flatMap((u, i) => [
      app({ event_action: 'account.register', ts: at(i * 60), user_id: u, user_email: `${u}@mail.test`, device_id: `dev-${u}`, source_ip: `5.5.5.${i}` }),
      app({ event_action: 'order.create', ts: at(i * 60 + 30), user_id: u, address_hash: 'drop-1', card_fingerprint: `card-${u}`, device_id: `dev-${u}`, source_ip: `5.5.5.${i}` }),
    ])
    expect(only(detect(crew), FRAUD_RING_ID).map((d) => d.explanation)).toEqual(['5 accounts (n1, n2, n3, n4, n5) are linked by 1 shared address (strong links).'])
  })
})
