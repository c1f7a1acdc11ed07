/**
 * The shop's own mobile app: JSON API calls only (no HTML, no static files, no referrer, no
 * cookie), an app user agent, and timers that poll the cart, notifications and order status
 * at fixed intervals while the app is open. Most phones come through carrier-grade NAT.
 * @module
 */
import { CATEGORIES, productId, searchTerm } from '../catalog.ts'
import { JA4, deviceId } from '../clients.ts'
import type { Actor } from '../emission.ts'
import type { Rng } from '../prng.ts'
import { Visit } from '../visit.ts'
import type { Customer } from '../world.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, spawnPoisson } from './context.ts'

export interface AppClient {
  ua: string
  ja4: string
}

/** The shop's app on iOS (Apple's TLS stack, as Safari) or Android (OkHttp's own hello). */
export function appClient(rng: Rng): AppClient {
  const version = rng.pick(['5.2.1', '5.2.1', '5.3.0', '5.1.4'])
  if (rng.chance(0.55)) {
    const ios = rng.pick(['18.1', '18.2', '18.3', '17.6.1'])
    const cf = rng.pick(['1568.200.51 Darwin/24.1.0', '1568.300.101 Darwin/24.2.0', '1498.700.2 Darwin/23.6.0'])
    return { ua: `ShopApp/${version} (iPhone; iOS ${ios}; Scale/3.00) CFNetwork/${cf}`, ja4: JA4.safari ?? '' }
  }
  return {
    ua: rng.chance(0.5) ? 'okhttp/4.12.0' : `ShopApp/${version} (Android ${rng.pick(['14', '15'])}; ${rng.pick(['Pixel 8', 'SM-S921B', 'moto g84'])}) okhttp/4.12.0`,
    ja4: JA4.okhttp ?? '',
  }
}

interface AppStyle {
  screensMean: number
  thinkSeconds: number
  pollSeconds: number
  /** Share of sessions left open on a screen that polls (order tracking) for minutes. */
  idleShare: number
  idleMinutes: number
  cartRate: number
}

/** Every timer the app runs fires at its period, give or take the radio's wake-up latency. */
function poll(v: Visit, period: number, until: number, orderId: number | null): void {
  while (v.ts + period * 1000 < until) {
    v.wait(period * 1000 + v.rng.int(-150, 150))
    v.request('GET', '/api/v2/notifications/unread', { bytes: v.rng.int(40, 300), referrer: null })
    v.wait(v.rng.int(5, 40))
    v.request('GET', '/api/v2/cart', { bytes: v.rng.int(200, 2_400), referrer: null })
    if (orderId !== null) {
      v.wait(v.rng.int(5, 40))
      v.request('GET', `/api/v2/orders/${orderId}/status`, { bytes: v.rng.int(150, 600), referrer: null })
    }
  }
}

/** One app session of `customer`: screens that each load JSON, timers polling in between, now and then a cart. */
export function* appSession(ctx: PopulationContext, ts: number, rng: Rng, customer: Customer, ip: string, s: AppStyle): Actor {
  const { ua, ja4 } = appClient(rng)
  const v = new Visit({ ts, pop: ctx.id, rng, sid: null, host: ctx.world.shop.host, client: { ip, ua, ja4, dev: deviceId(rng), loadsAssets: false, protocol: 'HTTP/2.0' } })
  // The app keeps its user signed in with a token: every call is that user's.
  v.uid = customer.id
  v.uname = customer.email
  const api = (path: string, bytes: number): void => {
    v.request('GET', path, { bytes: rng.int(bytes / 2, bytes * 2), referrer: null, rt: rng.logNormal(0.06, 0.6) })
  }
  api('/api/v2/home', 6_000)
  api('/api/v2/cart', 900)
  api('/api/v2/notifications/unread', 150)
  yield* v.drain()
  const orderId = rng.chance(0.3) ? ctx.world.nextOrderId() - rng.int(1, 400) : null
  const screens = Math.max(1, Math.round(rng.exp(s.screensMean)))
  const category = rng.pick(CATEGORIES)
  let listPage = 1
  for (let i = 0; i < screens; i++) {
    const until = v.ts + Math.round(rng.logNormal(s.thinkSeconds, 0.7) * 1000)
    poll(v, s.pollSeconds, until, orderId)
    v.ts = Math.max(v.ts, until)
    const screen = rng.weighted([['list', 3], ['product', 5], ['search', 1]] as const)
    if (screen === 'list') api(`/api/v2/products?category=${category}&page=${listPage++}&per_page=24`, 9_000)
    else if (screen === 'search') api(`/api/v2/search?q=${encodeURIComponent(searchTerm(rng))}`, 9_000)
    else {
      const id = productId(ctx.world.catalog, rng)
      api(`/api/v2/products/${id}`, 3_500)
      if (rng.chance(0.4)) api(`/api/v2/products/${id}/reviews?page=1`, 2_500)
      if (rng.chance(s.cartRate)) {
        v.think(3)
        v.request('POST', '/api/v2/cart/items', { bytes: rng.int(200, 900), referrer: null })
        v.event('cart.add', { 'product.id': String(id), 'product.quantity': 1 })
      }
    }
    yield* v.drain()
  }
  if (rng.chance(s.idleShare)) {
    // Left open on the order-tracking screen: only the timers run.
    poll(v, s.pollSeconds, v.ts + s.idleMinutes * 60_000 * rng.next(), orderId ?? ctx.world.nextOrderId() - rng.int(1, 400))
    yield* v.drain()
  }
}

export function appStyle(ctx: PopulationContext): AppStyle {
  return {
    screensMean: knob(ctx, 'screens_mean'),
    thinkSeconds: knob(ctx, 'think_seconds'),
    pollSeconds: knob(ctx, 'poll_seconds'),
    idleShare: knob(ctx, 'idle_share'),
    idleMinutes: knob(ctx, 'idle_minutes'),
    cartRate: knob(ctx, 'cart_rate'),
  }
}

/** App users, most of them on mobile data behind their country's carriers' NAT addresses. */
export const appClients: PopulationGenerator = (ctx) => {
  const style = appStyle(ctx)
  const cgnat = knob(ctx, 'cgnat_share')
  return spawnPoisson(
    ctx,
    knob(ctx, 'sessions_per_hour') * ctx.scale,
    (ts, i) => {
      const rng = rngOf(ctx, `s${i}`)
      const customer = rng.pick(ctx.world.customers)
      // On mobile data, or on the home Wi-Fi.
      const ip = rng.chance(cgnat) ? rng.pick(ctx.world.cgnatPools[customer.country]) : customer.homeIp
      return appSession(ctx, ts, rng, customer, ip, style)
    },
    { daily: true },
  )
}
