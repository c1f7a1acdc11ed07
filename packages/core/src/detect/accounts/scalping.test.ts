import { describe, expect, it } from 'vitest'
import type { AppEvent } from '../../events/index.ts'
import { app, at, detect, only } from './fixtures/events.ts'
import { SCALPING_ID } from './scalping.ts'

const ev = (action: string, ts: number, user: string, device: string, product = 'sneaker-launch') =>
  app({ event_action: action, ts, user_id: user, device_id: device, source_ip: `ip-of-${device}`, product_id: product, order_amount: 180 })

describe('scalping and denial of inventory', () => {
  it('flags one device buying the launch product through several accounts', () => {
    const events = ['s1', 's2', 's3', 's4'].flatMap((u, i) => [ev('cart.add', at(i * 10), u, 'scalper-rig'), ev('order.create', at(i * 10 + 3), u, 'scalper-rig')])
    const d = only(detect(events), SCALPING_ID, 'device')[0]!
    expect(d.threat).toBe('OAT-005')
    expect(d.explanation).toContain('placed 4 orders for product sneaker-launch through 4 accounts')
    expect(d.related).toHaveLength(4)
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

  it('does not flag a launch crowd of shoppers buying one pair each', () => {
    const events = Array.from({ length: 60 }, (_, i) => [ev('cart.add', at(i), `fan${i}`, `phone-${i}`), ev('order.create', at(i + 30), `fan${i}`, `phone-${i}`)]).flat()
    expect(only(detect(events), SCALPING_ID)).toEqual([])
  })
})
