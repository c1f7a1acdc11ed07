import { describe, expect, it } from 'vitest'
import type { AppEvent } from '../../events/index.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'
import { SCALPING_ID } from './scalping.ts'

const ev = (action: string, ts: number, user: string, device: string, product = 'sneaker-launch') =>
  app({ event_action: action, ts, user_id: user, device_id: device, source_ip: `ip-of-${device}`, product_id: product, order_amount: 180 })

const CATALOGUE = ['tee', 'shirt', 'tie', 'scarf', 'belt', 'tote', 'boot', 'cap']

/** The shop's everyday orders from `from` to `to` (seconds): one every 40 s across the catalogue, each customer on their own phone. */
function shopOrders(from: number, to: number): AppEvent[] {
  const out: AppEvent[] = []
  for (let t = from, i = 0; t < to; t += 40, i++) {
    const who = { user_id: `cust${i}`, device_id: `cust-phone-${i}`, source_ip: `84.3.${i >> 8}.${i & 255}`, product_id: CATALOGUE[i % CATALOGUE.length]!, order_amount: 60 }
    out.push(app({ event_action: 'cart.add', ts: at(t), ...who }), app({ event_action: 'order.create', ts: at(t + 20), ...who, address_hash: `home-${i}` }))
  }
  return out
}

/** A launch: `n` fans each buying one of the product from their own phone, from `from` on. */
function launchCrowd(from: number, n: number, product = 'sneaker-launch'): AppEvent[] {
  return Array.from({ length: n }, (_, i) => [ev('cart.add', at(from + 6 * i), `fan${i}`, `fan-phone-${i}`, product), ev('order.create', at(from + 6 * i + 4), `fan${i}`, `fan-phone-${i}`, product)]).flat()
}

/** An hour of everyday orders before the scenario and during it, and a launch crowd at its start. */
const shopAtLaunch = (): AppEvent[] => [...shopOrders(-3600, 600), ...launchCrowd(0, 8)]

describe('scalping and denial of inventory', () => {
  it('flags one device buying the launch product through several accounts', () => {
    const rig = ['s1', 's2', 's3', 's4'].flatMap((u, i) => [ev('cart.add', at(i * 10), u, 'scalper-rig'), ev('order.create', at(i * 10 + 3), u, 'scalper-rig')])
    const events = [...shopAtLaunch(), ...rig]
    const d = only(detect(events), SCALPING_ID, 'device')[0]!
    expect(d.threat).toBe('OAT-005')
    expect(d.explanation).toContain('placed 4 orders for product sneaker-launch through 4 accounts')
    expect(d.explanation).toMatch(/while the product drew \d+ of the shop's last \d+ orders \([\d.]+ expected from its earlier share\)/)
    expect(d.related).toHaveLength(4)
  })

  it('does not flag one device buying an everyday product through several new accounts, which the same rig at a launch is', () => {
    const farm = (product: string) => ['f1', 'f2', 'f3', 'f4'].flatMap((u, i) => [ev('cart.add', at(i * 60), u, 'farm-rig', product), ev('order.create', at(i * 60 + 30), u, 'farm-rig', product)])
    expect(only(detect([...shopOrders(-3600, 600), ...farm('tee')]), SCALPING_ID)).toEqual([])
    expect(only(detect([...shopAtLaunch(), ...farm('sneaker-launch')]), SCALPING_ID, 'device').map((d) => d.entity.value)).toEqual(['farm-rig'])
  })

  it('does not flag a company buyer ordering an everyday shirt three times in a quarter of an hour', () => {
    const buyer = [0, 300, 700].flatMap((t) => [ev('cart.add', at(t), 'acme-purchasing', 'acme-laptop', 'shirt'), ev('order.create', at(t + 60), 'acme-purchasing', 'acme-laptop', 'shirt')])
    expect(only(detect([...shopOrders(-3600, 1200), ...buyer]), SCALPING_ID)).toEqual([])
  })

  it('takes in the card of each account checking out on the rig at once, not a card paying for another product', () => {
    const step = (action: string, ts: number, user: string, extra: Partial<AppEvent> = {}) =>
      app({ event_action: action, ts, user_id: user, device_id: 'rig', source_ip: '45.9.9.9', product_id: action === 'payment.authorize' ? null : 'sneaker-launch', ...extra })
    const crew = ['c1', 'c2', 'c3'].flatMap((u, i) => [step('cart.add', at(i), u), step('payment.authorize', at(10 + 2 * i), u, { card_fingerprint: `card-${u}` }), step('order.create', at(11 + 2 * i), u)])
    const shopper = [app({ event_action: 'cart.add', ts: at(30), user_id: 'other', device_id: 'own-phone', source_ip: '84.1.1.1', product_id: 'socks' }), app({ event_action: 'payment.authorize', ts: at(31), user_id: 'other', device_id: 'own-phone', source_ip: '84.1.1.1', card_fingerprint: 'card-other' })]
    const cards = only(detect([...shopAtLaunch(), ...crew, ...shopper]), SCALPING_ID, 'card').map((d) => d.entity.value).sort()
    expect(cards).toEqual(['card-c1', 'card-c2', 'card-c3'])
  })

  it('flags an address spending its orders on one product, not a carrier NAT where a popular one is bought now and then', () => {
    const order = (ts: number, user: string, ip: string, product: string) => [
      app({ event_action: 'cart.add', ts, user_id: user, device_id: `d-${user}`, source_ip: ip, product_id: product }),
      app({ event_action: 'order.create', ts: ts + 5, user_id: user, device_id: `d-${user}`, source_ip: ip, order_amount: 180 }),
    ]
    const scalper = ['a', 'b', 'c'].flatMap((u, i) => order(at(i * 300), `sc-${u}`, '45.77.2.2', 'sneaker-launch'))
    const mast = Array.from({ length: 12 }, (_, i) => order(at(i * 200), `m${i}`, '172.56.3.3', i % 4 === 0 ? 'sneaker-launch' : `item-${i}`)).flat()
    const ips = only(detect([...shopAtLaunch(), ...scalper, ...mast]), SCALPING_ID, 'ip').filter((d) => !d.explanation.includes('took part')).map((d) => d.entity.value)
    expect(ips).toEqual(['45.77.2.2'])
  })

  it('flags one account buying the launch product again and again, not a company buyer repeating products across the catalogue', () => {
    const order = (ts: number, user: string, device: string, product: string) => [ev('cart.add', ts, user, device, product), ev('order.create', ts + 5_000, user, device, product)]
    const scalper = [0, 1, 2].flatMap((i) => order(at(i * 60), 'drop-buyer', 'rig', 'sneaker-launch'))
    const catalogue = ['tee', 'shirt', 'tie', 'tee', 'scarf', 'belt', 'tote', 'tee']
    const company = catalogue.flatMap((p, i) => order(at(i * 120), 'acme-purchasing', 'acme-laptop', p))
    const flagged = only(detect([...shopAtLaunch(), ...scalper, ...company]), SCALPING_ID).filter((d) => !d.explanation.includes('took part'))
    expect(new Set(flagged.map((d) => d.entity.value))).toEqual(new Set(['drop-buyer', 'rig', 'ip-of-rig']))
    expect(flagged.find((d) => d.entity.type === 'account')!.explanation).toContain('placed 3 orders for product sneaker-launch through 1 account')
  })

  it('does not flag as scalping a device whose new accounts each buy something else from the catalogue', () => {
    const catalogue = ['tee', 'shirt', 'tie', 'tee', 'scarf', 'belt', 'tee', 'tote', 'boot', 'cap']
    const events = catalogue.flatMap((p, i) => [ev('cart.add', at(i * 90), `farm${i}`, 'farm-rig', p), ev('order.create', at(i * 90 + 20), `farm${i}`, 'farm-rig', p)])
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })

  it('flags carts held without orders once the hold time passes', () => {
    const events: AppEvent[] = Array.from({ length: 12 }, (_, i) => ev('cart.add', at(i * 5), `hold${i}`, 'hoarder'))
    // Someone else's event much later moves the clock past the hold time.
    events.push(ev('cart.add', at(3600), 'other', 'other-dev', 'socks'))
    const d = only(detect(events), SCALPING_ID, 'device').find((x) => x.threat === 'OAT-021')!
    expect(d.entity.value).toBe('hoarder')
    // The IPs are not held to account for it: behind a carrier NAT many people hold carts.
    expect(only(detect(events), SCALPING_ID, 'ip').filter((x) => x.threat === 'OAT-021' && !x.explanation.includes('took part'))).toEqual([])
    expect(d.explanation).toContain('added product sneaker-launch to carts 12 times (12 units) and ordered none')
  })

  it('raises a device polling the launch product\'s stock without browsing, before it buys', () => {
    const polls = Array.from({ length: 6 }, (_, i) =>
      http({ ts: at(i * 7), url_path: '/api/products/10042/stock', http_request_method: 'GET', http_response_status_code: 200, device_id: 'bot-7', session_id: 's-7', source_ip: '45.1.1.7', user_name: 'drop.buyer@gmail.com' }),
    )
    const ds = only(detect(polls), SCALPING_ID)
    const device = ds.find((d) => d.entity.type === 'device')!
    expect(device.threat).toBe('OAT-005')
    expect(device.explanation).toBe('device bot-7 polled the stock of product 10042 6 times in 35 s without browsing the shop.')
    // Raised with the fourth poll, not at the end of the stream; later polls update it.
    expect(device.detected_at).toBe(new Date(at(21)).toISOString())
    expect(ds.map((d) => `${d.entity.type}:${d.entity.value}`)).toEqual(expect.arrayContaining(['session:s-7', 'ip:45.1.1.7', 'account:drop.buyer@gmail.com']))
  })

  it('flags the one purchase of a device that polled the product\'s stock without browsing, not a fan\'s whose page polled it, nor the bot\'s of another product', () => {
    const poll = (ts: number, device: string, user: string) =>
      http({ ts, url_path: '/api/products/10042/stock', http_request_method: 'GET', http_response_status_code: 200, device_id: device, session_id: `s-${device}`, source_ip: `ip-of-${device}`, user_name: user })
    const page = (ts: number, device: string) => http({ ts, url_path: '/p/10042', http_request_method: 'GET', http_response_status_code: 200, device_id: device, session_id: `s-${device}`, source_ip: `ip-of-${device}` })
    const buy = (t: number, device: string, user: string, product: string) => [
      app({ event_action: 'cart.add', ts: at(t), user_id: user, user_name: `${user}@gmail.com`, device_id: device, source_ip: `ip-of-${device}`, product_id: product }),
      app({ event_action: 'payment.authorize', ts: at(t + 1), user_id: user, device_id: device, source_ip: `ip-of-${device}`, card_fingerprint: `card-${user}`, order_amount: 180, event_outcome: 'success' }),
      app({ event_action: 'order.create', ts: at(t + 2), user_id: user, device_id: device, source_ip: `ip-of-${device}`, order_amount: 180, address_hash: `addr-${user}` }),
    ]
    const bot = [...Array.from({ length: 6 }, (_, i) => poll(at(i * 8), 'bot-1', 'u901')), ...buy(60, 'bot-1', 'u901', '10042')]
    const fan = [...Array.from({ length: 6 }, (_, i) => [page(at(i * 8), 'fan-phone'), poll(at(i * 8 + 1), 'fan-phone', 'u500')]).flat(), ...buy(62, 'fan-phone', 'u500', '10042')]
    const other = [...Array.from({ length: 6 }, (_, i) => poll(at(i * 8), 'bot-2', 'u902')), ...buy(64, 'bot-2', 'u902', 'socks')]
    const ds = only(detect([...bot, ...fan, ...other]), SCALPING_ID)
    const device = ds.find((d) => d.entity.type === 'device' && d.entity.value === 'bot-1' && d.explanation.includes('placed'))!
    expect(device.explanation).toContain('device bot-1 placed 1 order for product 10042 through 1 account in 2 s (1 cart add, 1 unit), and polled its stock without browsing.')
    const named = (type: string) => ds.filter((d) => d.entity.type === type).map((d) => d.entity.value).sort()
    expect(named('card')).toEqual(['card-u901'])
    expect(named('account')).toEqual(['u901', 'u901@gmail.com', 'u902'])
    expect(ds.some((d) => d.entity.value === 'fan-phone' || d.entity.value === 'card-u902')).toBe(false)
  })

  it('raises a session polling a product\'s record (/products/handle.js) without browsing, not a fan whose product page fetches it', () => {
    const get = (ts: number, path: string, session: string) => http({ ts, url_path: path, http_request_method: 'GET', http_response_status_code: 200, session_id: session, source_ip: `ip-${session}` })
    const bot = Array.from({ length: 6 }, (_, i) => get(at(i * 5), '/products/collab-sneaker.js', 'monitor'))
    const fan = Array.from({ length: 6 }, (_, i) => [get(at(i * 20), '/products/collab-sneaker', 'fan'), get(at(i * 20 + 1), '/products/collab-sneaker.js', 'fan'), get(at(i * 20 + 2), '/assets/theme.js', 'fan')]).flat()
    const ds = only(detect([...bot, ...fan]), SCALPING_ID).filter((d) => !d.explanation.includes('took part'))
    expect(ds.map((d) => d.explanation)).toEqual(['session monitor polled the stock of product collab-sneaker 6 times in 25 s without browsing the shop.'])
  })

  it('does not flag a fan reloading the product page, whose page asks for the stock', () => {
    const events = Array.from({ length: 10 }, (_, i) => [
      http({ ts: at(i * 20), url_path: '/p/10042', http_request_method: 'GET', http_response_status_code: 200, device_id: 'fan-phone', session_id: 'fan-s' }),
      http({ ts: at(i * 20 + 1), url_path: '/api/products/10042/stock', http_request_method: 'GET', http_response_status_code: 200, device_id: 'fan-phone', session_id: 'fan-s' }),
    ]).flat()
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })

  it('does not flag two parents buying the launch product on the family tablet', () => {
    const events = [ev('cart.add', at(0), 'mum', 'family-tablet'), ev('order.create', at(60), 'mum', 'family-tablet'), ev('cart.add', at(120), 'dad', 'family-tablet'), ev('order.create', at(180), 'dad', 'family-tablet')]
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })

  it('counts an order without a product id for what was carted since the last order only', () => {
    const order = (ts: number) => app({ event_action: 'order.create', ts, user_id: 'loyal', device_id: 'loyal-phone', source_ip: '84.2.2.2', order_amount: 40 })
    const events = [ev('cart.add', at(0), 'loyal', 'loyal-phone', 'socks'), order(at(60)), order(at(600)), order(at(1200))]
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })

  it('does not flag a launch crowd of shoppers buying one pair each', () => {
    const events = Array.from({ length: 60 }, (_, i) => [ev('cart.add', at(i), `fan${i}`, `phone-${i}`), ev('order.create', at(i + 30), `fan${i}`, `phone-${i}`)]).flat()
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })

  it('does not flag a campus address where students each buy the launch from their own device to their own address, but flags a rig shipping there twice', () => {
    const order = (ts: number, user: string, device: string, ip: string, address: string) => [
      app({ event_action: 'cart.add', ts, user_id: user, device_id: device, source_ip: ip, product_id: 'sneaker-launch' }),
      app({ event_action: 'order.create', ts: ts + 5, user_id: user, device_id: device, source_ip: ip, address_hash: address, order_amount: 180 }),
    ]
    const students = Array.from({ length: 6 }, (_, i) => order(at(i * 60), `student${i}`, `laptop-${i}`, '128.232.1.1', `dorm-${i}`)).flat()
    const rig = Array.from({ length: 3 }, (_, i) => order(at(i * 60), `bot${i}`, `rig-${i}`, '45.77.9.9', i === 2 ? 'drop-1' : `drop-${i}`)).flat()
    const ips = only(detect([...shopAtLaunch(), ...students, ...rig]), SCALPING_ID, 'ip').filter((d) => !d.explanation.includes('took part')).map((d) => d.entity.value)
    expect(ips).toEqual(['45.77.9.9'])
  })
})
