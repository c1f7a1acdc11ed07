import { describe, expect, it } from 'vitest'
import type { AppEvent, HttpEvent } from '../../events/index.ts'
import { BOLA_ID } from './bola.ts'
import { app, at, detect, http, only } from './fixtures/events.ts'
import { routeOf } from './route-template.ts'

/** Orders 5000–5059 belong to sixty customers; order 6000 to mallory herself. */
function orders(): AppEvent[] {
  const out = Array.from({ length: 60 }, (_, i) => app({ event_action: 'order.create', ts: at(i), order_id: String(5000 + i), user_id: `cust${i}`, user_name: `cust${i}` }))
  out.push(app({ event_action: 'order.create', ts: at(70), order_id: '6000', user_id: 'mallory', user_name: 'mallory' }))
  return out
}
const read = (ts: number, user: string, id: string, status = 200, labels: Record<string, string> | null = null): HttpEvent =>
  http({ ts, user_name: user, url_path: `/api/orders/${id}`, http_response_status_code: status, source_ip: '203.0.113.77', session_id: `s-${user}`, labels })

describe('BOLA', () => {
  it('flags a user walking through other users\' order ids', () => {
    const events = [...orders(), ...Array.from({ length: 30 }, (_, i) => read(at(100 + i * 4), 'mallory', String(5000 + i), i % 5 === 4 ? 403 : 200))]
    const d = only(detect(events), BOLA_ID, 'account')[0]!
    expect(d.entity).toEqual({ type: 'account', value: 'mallory' })
    expect(d.threat).toBe('bola')
    expect(d.explanation).toContain("requested 30 other users' objects under /api/orders/{id}")
    expect(d.explanation).toContain('24 served, 6 refused, 100% sequential ids')
    expect(d.related).toContainEqual({ type: 'api_asset', value: '/api/orders/{id}' })
    expect(d.score).toBeGreaterThanOrEqual(70)
  })

  it('names the device the walking session signed in from, not the devices of other sessions', () => {
    const login = (user: string, session: string, device: string, ts: number) => app({ event_action: 'auth.login.success', ts, user_id: user, user_name: user, session_id: session, device_id: device })
    const logins = [login('mallory', 's-mallory', 'mallory-laptop', at(80)), login('mallory', 's-mallory-old', 'mallory-old-phone', at(81)), login('bob', 's-bob', 'bob-phone', at(82))]
    const events = [...orders(), ...logins, ...Array.from({ length: 16 }, (_, i) => read(at(100 + i * 4), 'mallory', String(5000 + i)))]
    const d = only(detect(events), BOLA_ID, 'account')[0]!
    expect(d.related.filter((r) => r.type === 'device')).toEqual([{ type: 'device', value: 'mallory-laptop' }])
  })

  it('flags a walk through order ids made before the stream began, owners unknown', () => {
    const events = Array.from({ length: 16 }, (_, i) => read(at(i * 40), 'eve', String(710_449 - i - (i > 8 ? 1 : 0))))
    const d = only(detect(events), BOLA_ID, 'account')[0]!
    expect(d.explanation).toContain("requested 15 other users' objects under /api/orders/{id}")
  })

  it('raises a walk at its second object, at a lower score, when one is another account\'s, and grows the same detection', () => {
    // One read every 10 s, ids 5000, 5001, …; every fourth refused.
    const events = [...orders(), ...Array.from({ length: 20 }, (_, i) => read(at(100 + i * 10), 'mallory', String(5000 + i), i % 4 === 2 ? 403 : 200))]
    const ds = only(detect(events), BOLA_ID, 'account').filter((d) => d.entity.value === 'mallory')
    expect(ds).toHaveLength(1)
    expect(Date.parse(ds[0]!.detected_at)).toBe(at(110))
    expect(ds[0]!.explanation).toContain("requested 20 other users' objects")
    expect(ds[0]!.score).toBeGreaterThanOrEqual(65)
    const early = only(detect(events.slice(0, 61 + 2)), BOLA_ID, 'account')[0]!
    expect(early.explanation).toBe("User mallory requested 2 other users' objects under /api/orders/{id} in 10 s (2 served, 0 refused, 100% sequential ids, 2 created by other accounts).")
    expect(early.score).toBeLessThan(65)
  })

  it('raises a slow walk through ids made before the stream at its second object once one is refused', () => {
    // One read every 40 s: the first, served, could be the principal's own; the next two neighbour it.
    const events = [read(at(0), 'trent', '880410'), read(at(40), 'trent', '880409', 403), read(at(80), 'trent', '880408')]
    const ds = only(detect(events), BOLA_ID, 'account')
    expect(ds).toHaveLength(1)
    expect(Date.parse(ds[0]!.detected_at)).toBe(at(80))
    expect(ds[0]!.explanation).toContain("requested 2 other users' objects")
  })

  it('does not flag a customer who opens their own order and mistypes the next id once', () => {
    // 880410 is theirs from before the stream; 880411 is refused: one foreign object.
    const events = [read(at(0), 'olga', '880410'), read(at(20), 'olga', '880411', 404), read(at(45), 'olga', '880410')]
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag an app polling the status of two neighbouring orders, each many times', () => {
    const poll = (ts: number, id: string): HttpEvent =>
      http({ ts, user_name: 'olga', url_path: `/api/v2/orders/${id}/status`, http_response_status_code: 200, session_id: 's-app' })
    const events = [...orders(), ...Array.from({ length: 12 }, (_, i) => poll(at(100 + i * 30), i < 6 ? '5010' : '5012'))]
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag a signed-in client reading the numbered parts of the sitemap', () => {
    const events = Array.from({ length: 6 }, (_, i) =>
      http({ ts: at(i * 10), user_name: 'olga', url_path: `/sitemap/${i + 1}/products.xml`, http_response_status_code: i === 5 ? 404 : 200, session_id: 's-olga' }))
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag two refused reads of ids far apart', () => {
    const events = [...orders(), read(at(100), 'olga', '5003', 403), read(at(130), 'olga', '5040', 403)]
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag a customer reading two of their own orders with neighbouring ids', () => {
    const own = ['7000', '7001'].map((id, i) => app({ event_action: 'order.create', ts: at(i), order_id: id, user_id: 'olga', user_name: 'olga' }))
    const events = [...own, read(at(100), 'olga', '7000'), read(at(110), 'olga', '7001'), read(at(120), 'olga', '7002', 404)]
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not raise a short walk early when nothing shows the objects are someone else\'s', () => {
    // Six neighbouring ids, owners unknown to the stream, all served: could be a customer's own.
    const events = Array.from({ length: 6 }, (_, i) => read(at(i * 10), 'olga', String(880_100 + i)))
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag a customer opening a few of their old orders, ids far apart', () => {
    const events = ['700120', '703554', '709871', '700120', '712002'].map((id, i) => read(at(i * 30), 'olga', id))
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag a customer re-reading their own order', () => {
    const events = [...orders(), ...Array.from({ length: 30 }, (_, i) => read(at(100 + i * 4), 'mallory', '6000'))]
    expect(only(detect(events), BOLA_ID)).toEqual([])
  })

  it('does not flag support staff, by role label or by name in config', () => {
    const byRole = [...orders(), ...Array.from({ length: 40 }, (_, i) => read(at(100 + i), 'agent7', String(5000 + i), 200, { role: 'support' }))]
    expect(only(detect(byRole), BOLA_ID)).toEqual([])
    const byName = [...orders(), ...Array.from({ length: 40 }, (_, i) => read(at(100 + i), 'agent8', String(5000 + i)))]
    expect(only(detect(byName), BOLA_ID, 'account')).toHaveLength(1)
    expect(only(detect(byName, { staffUsers: ['agent8'] }), BOLA_ID)).toEqual([])
  })

  it('templates routes by character class and refuses oversized paths', () => {
    expect(routeOf('/api/orders/10442/items')).toEqual({ template: '/api/orders/{id}/items', id: '10442' })
    expect(routeOf('/api/users/3f2b8c1e-9a1d-4c1b-8b2a-1c2d3e4f5a6b')?.template).toBe('/api/users/{id}')
    expect(routeOf('/products/red-shoes')).toBeNull()
    expect(routeOf(`/${'9/'.repeat(60_000)}`)).toBeNull()
  })
})
