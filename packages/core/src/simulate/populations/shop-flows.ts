/**
 * The shop's flows as a client walks them: browsing, login (with its failures), checkout,
 * payment and order. Benign shoppers and attackers call the same flows, so a login by a
 * bot looks, line for line, like a login by a person; only behaviour differs.
 * @module
 */
import { categoryPath, productId, productPath, searchPath } from '../catalog.ts'
import type { Rng } from '../prng.ts'
import type { Visit } from '../visit.ts'
import type { World } from '../world.ts'

export function listingIds(world: World, rng: Rng): number[] {
  const ids: number[] = []
  for (let i = 0; i < 6; i++) ids.push(productId(world.catalog, rng))
  return ids
}

/** One page of browsing: a search, a category or a product page. */
export function browseStep(v: Visit, world: World, focus?: number): number {
  const rng = v.rng
  const roll = rng.next()
  if (focus !== undefined && roll < 0.5) {
    v.page(productPath(world.catalog, focus), { productIds: [focus] })
    return focus
  }
  if (roll < 0.25) {
    v.page(searchPath(world.catalog, rng), { productIds: listingIds(world, rng) })
  } else if (roll < 0.4) {
    v.page(categoryPath(world.catalog, rng), { productIds: listingIds(world, rng) })
  }
  const id = productId(world.catalog, rng)
  v.think(6)
  // Old links and shared URLs to products taken off sale.
  if (rng.chance(0.01)) v.request('GET', productPath(world.catalog, id + world.catalog.products), { status: 404, bytes: 3_200 })
  else v.page(productPath(world.catalog, id), { productIds: [id] })
  if (rng.chance(0.15)) v.api('GET', `/api/products/${id}/stock`, { bytes: 120 })
  return id
}

export function addToCart(v: Visit, id: number, quantity = 1): void {
  v.api('POST', '/api/cart', { status: 200 })
  v.event('cart.add', { 'product.id': String(id), 'product.quantity': quantity })
}

export type LoginOutcome = 'success' | 'bad_password' | 'unknown_user' | 'locked' | 'mfa_failed'

/** POST /api/login and its account.login event; sets the visit's user on success. */
export function login(v: Visit, userName: string, userId: string | null, outcome: LoginOutcome): void {
  const ok = outcome === 'success'
  v.api('POST', '/api/login', { status: ok ? 200 : outcome === 'locked' ? 423 : 401, bytes: ok ? 512 : 96 })
  v.uname = userName
  if (ok) v.uid = userId
  const fields: Record<string, string> = {
    'event.outcome': ok ? 'success' : 'failure',
    'auth.method': 'password',
  }
  if (!ok) fields['event.reason'] = outcome
  const saved = v.uid
  if (!ok && userId !== null) v.uid = userId
  v.event('account.login', fields)
  if (!ok) v.uid = saved
}

export interface Payment {
  card: string
  bin: string
  amount: number
  outcome: 'success' | 'failure'
  reason?: 'declined' | 'cvv_mismatch' | 'expired' | 'fraud'
}

export function authorize(v: Visit, p: Payment): void {
  v.api('POST', '/api/checkout/pay', { status: p.outcome === 'success' ? 200 : 402 })
  const fields: Record<string, string | number> = {
    'event.outcome': p.outcome,
    'card.fingerprint': p.card,
    'card.bin': p.bin,
    'order.amount': p.amount,
  }
  if (p.reason !== undefined) fields['event.reason'] = p.reason
  v.event('payment.authorize', fields, p.card)
}

export function placeOrder(v: Visit, world: World, amount: number, items: number, address: string): number {
  const orderId = world.nextOrderId()
  v.api('POST', '/api/orders', { status: 201, bytes: 640 })
  v.event('order.create', {
    'order.id': String(orderId),
    'order.amount': amount,
    'order.currency': 'USD',
    'order.items': items,
    'address.hash': address,
  })
  v.think(2, 0.4)
  v.page(`/order/${orderId}/confirmation`)
  return orderId
}

export function orderAmount(rng: Rng, median: number): number {
  return Math.round(rng.logNormal(median, 0.6) * 100) / 100
}
