/**
 * Attacks on accounts: credential stuffing (a fast burst from few addresses, and a slow run
 * spread over many), account takeover chains, and fake-account farms.
 * @module
 */
import { productPath } from '../catalog.ts'
import { AUTOMATION_UAS, JA4, deviceId, pickBrowser, sessionId, toolBrowser } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { datacenterIp, neighbourV4, residentialIp } from '../net.ts'
import type { Rng } from '../prng.ts'
import { type ClientIdentity, Visit } from '../visit.ts'
import { addressHash, cardBin } from '../world.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, spawnPoisson, spawnSpread } from './context.ts'
import { authorize, login, orderAmount, placeOrder } from './shop-flows.ts'

/** A combo list entry: mostly addresses the shop has never seen, some real customers. */
function comboTarget(ctx: PopulationContext, rng: Rng): { name: string; id: string | null; works: boolean } {
  if (rng.chance(knob(ctx, 'known_share'))) {
    const c = rng.pick(ctx.world.customers)
    return { name: c.email, id: c.id, works: rng.chance(knob(ctx, 'reuse_rate')) }
  }
  return { name: ctx.world.newEmail(rng), id: null, works: false }
}

function stuffingClient(ctx: PopulationContext, rng: Rng, residential: boolean, browserUa: boolean): ClientIdentity {
  const ip = residential ? residentialIp(rng, 0.05) : datacenterIp(rng)
  if (browserUa) {
    const { ua, ja4 } = toolBrowser(rng, knob(ctx, 'impersonate_share'), 0.3)
    return { ip, ua, ja4, dev: null, loadsAssets: false, protocol: 'HTTP/2.0' }
  }
  return { ip, ua: rng.pick(AUTOMATION_UAS.python_requests), ja4: JA4.python_requests ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }
}

/**
 * Credential stuffing. `ips` addresses share `attempts_per_minute`; `residential` and
 * `browser_ua` switch from a datacenter script to a proxy pool with browser UAs.
 */
export const credentialStuffing: PopulationGenerator = (ctx) => {
  const ips = knob(ctx, 'ips')
  const perMinute = knob(ctx, 'attempts_per_minute')
  const residential = knob(ctx, 'residential') > 0
  const browserUa = knob(ctx, 'browser_ua') > 0
  const clients: ClientIdentity[] = []
  const poolRng = rngOf(ctx, 'pool')
  for (let i = 0; i < ips; i++) clients.push(stuffingClient(ctx, poolRng, residential, browserUa))
  return spawnPoisson(ctx, perMinute * 60, (ts, i) => {
    const rng = rngOf(ctx, `a${i}`)
    const client = clients[i % clients.length] ?? stuffingClient(ctx, rng, residential, browserUa)
    const v = new Visit({ ts, pop: ctx.id, rng, client, sid: rng.chance(0.3) ? sessionId(rng) : null, host: ctx.world.shop.host })
    const t = comboTarget(ctx, rng)
    login(v, t.name, t.id, t.works ? 'success' : t.id === null ? 'unknown_user' : rng.chance(0.03) ? 'locked' : 'bad_password')
    return v.drain()[Symbol.iterator]()
  })
}

/**
 * Account takeover: a verified combo, then the chain that cashes it out — email and
 * address changed, a new card added, a high-value order shipped to the new address.
 */
export const accountTakeover: PopulationGenerator = (ctx) => {
  const devices: string[] = []
  const devRng = rngOf(ctx, 'devices')
  for (let d = 0; d < knob(ctx, 'attacker_devices'); d++) devices.push(deviceId(devRng))
  return spawnSpread(ctx, knob(ctx, 'victims'), (ts, i) => {
    const rng = rngOf(ctx, `victim${i}`)
    const victim = rng.pick(ctx.world.customers)
    const browser = pickBrowser(rng, 0.2)
    const client: ClientIdentity = { ip: residentialIp(rng, 0.05), ua: browser.ua, ja4: browser.ja4, dev: rng.pick(devices), loadsAssets: true, protocol: 'HTTP/2.0' }
    const v = new Visit({ ts, pop: ctx.id, rng, client, sid: sessionId(rng), host: ctx.world.shop.host })
    return (function* (): Actor {
      v.page('/login', { referrer: null })
      for (let f = rng.int(0, 2); f > 0; f--) {
        v.think(3, 0.4)
        login(v, victim.email, victim.id, 'bad_password')
      }
      v.think(4, 0.4)
      login(v, victim.email, victim.id, 'success')
      yield* v.drain()
      v.think(knob(ctx, 'step_seconds'))
      v.page('/account/settings')
      v.api('POST', '/api/account/email')
      v.event('account.email_change', { 'user.email': ctx.world.newEmail(rng).replace(/@.*/, '@proton.me') })
      v.think(knob(ctx, 'step_seconds'))
      const newAddress = addressHash(rng)
      v.api('POST', '/api/account/address')
      v.event('account.address_change', { 'address.hash': newAddress, 'address.country': rng.pick(['US', 'US', 'GB', 'NL']) })
      v.think(knob(ctx, 'step_seconds'))
      const card = `c${rng.hex(16)}`
      const bin = cardBin(rng)
      v.api('POST', '/api/payment-methods', { status: 201 })
      v.event('payment.method_add', { 'card.fingerprint': card, 'card.bin': bin, 'card.last4': String(rng.int(1000, 9999)) }, card)
      yield* v.drain()
      v.think(knob(ctx, 'step_seconds'))
      v.page(productPath(ctx.world.catalog, ctx.world.catalog.firstProductId + rng.int(0, 50)))
      v.api('POST', '/api/cart')
      v.event('cart.add', { 'product.id': String(ctx.world.catalog.firstProductId + rng.int(0, 50)), 'product.quantity': rng.int(2, 5) })
      v.page('/checkout')
      v.think(10)
      const amount = orderAmount(rng, knob(ctx, 'order_median'))
      authorize(v, { card, bin, amount, outcome: 'success' })
      placeOrder(v, ctx.world, amount, rng.int(2, 5), newAddress)
      yield* v.drain()
    })()
  })
}

const DISPOSABLE = ['mailinator.com', 'guerrillamail.com', 'yopmail.com', 'sharklasers.com', 'temp-mail.org', '10minutemail.com']
const STEMS = ['john', 'mike', 'sarah', 'alex', 'kim', 'lucy', 'tom', 'eva']

/** A farm registering accounts from few devices and one rented subnet, with patterned names. */
export const fakeAccounts: PopulationGenerator = (ctx) => {
  const poolRng = rngOf(ctx, 'pool')
  const base = datacenterIp(poolRng)
  const devices: string[] = []
  for (let d = 0; d < knob(ctx, 'devices'); d++) devices.push(deviceId(poolRng))
  const browser = pickBrowser(poolRng, 0)
  const disposable = knob(ctx, 'disposable_share')
  const residential = knob(ctx, 'residential') > 0
  return spawnPoisson(ctx, knob(ctx, 'accounts_per_hour'), (ts, i) => {
    const rng = rngOf(ctx, `r${i}`)
    const ip = residential ? residentialIp(rng, 0) : neighbourV4(base, rng)
    const v = new Visit({ ts, pop: ctx.id, rng, sid: sessionId(rng), host: ctx.world.shop.host,
      client: { ip, ua: browser.ua, ja4: browser.ja4, dev: rng.pick(devices), loadsAssets: rng.chance(0.5), protocol: 'HTTP/2.0' } })
    const email = rng.chance(disposable)
      ? `${rng.pick(STEMS)}${rng.pick(STEMS)}${rng.int(1000, 9999)}@${rng.pick(DISPOSABLE)}`
      : `${rng.pick(STEMS)}.${rng.pick(STEMS)}${rng.int(100, 999)}@gmail.com`
    return (function* (): Actor {
      v.page('/register', { referrer: null })
      v.think(6, 0.3)
      v.api('POST', '/api/register', { status: 201 })
      v.uid = ctx.world.newAccountId(rng)
      v.uname = email
      v.event('account.register', { 'user.email': email, 'user.phone_hash': `p${rng.hex(16)}` })
      if (rng.chance(0.5)) {
        v.think(3, 0.3)
        v.api('POST', '/api/otp/send')
        v.event('otp.send', { 'user.phone_hash': `p${rng.hex(16)}`, 'phone.country': rng.pick(['US', 'GB', 'ID', 'VN']) })
      }
      yield* v.drain()
    })()
  })
}
