/**
 * Fraud at checkout and on promotions: carding, coupon and gift-card cracking, SMS pumping
 * and scalping a product launch.
 * @module
 */
import { AUTOMATION_UAS, JA4, deviceId, pickBrowser, sessionId } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { datacenterIp, residentialIp } from '../net.ts'
import type { Rng } from '../prng.ts'
import { type ClientIdentity, Visit } from '../visit.ts'
import { addressHash, cardBin } from '../world.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, spawnSpread } from './context.ts'
import { addToCart, authorize, login, orderAmount, placeOrder } from './shop-flows.ts'

function browserClient(rng: Rng, ip: string, dev: string | null): ClientIdentity {
  const b = pickBrowser(rng, 0.3)
  return { ip, ua: b.ua, ja4: b.ja4, dev, loadsAssets: true, protocol: 'HTTP/2.0' }
}

function scriptClient(rng: Rng, ip: string): ClientIdentity {
  return { ip, ua: rng.pick(AUTOMATION_UAS.go_http), ja4: JA4.go_http ?? null, dev: null, loadsAssets: false, protocol: 'HTTP/1.1' }
}

/** A worker that holds one session and repeats `attempt` at `per_minute` until the window ends. */
function worker(ctx: PopulationContext, v: Visit, perMinute: number, attempt: () => void): Actor {
  const rng = v.rng
  return (function* (): Actor {
    while (v.ts < ctx.end) {
      attempt()
      yield* v.drain()
      v.wait(rng.exp(60_000 / perMinute))
    }
  })()
}

/** Card testing: stolen card numbers tried one after another with small amounts. */
export const carding: PopulationGenerator = (ctx) =>
  spawnSpread(ctx, knob(ctx, 'workers'), (ts, w) => {
    const rng = rngOf(ctx, `w${w}`)
    const ip = knob(ctx, 'residential') > 0 ? residentialIp(rng, 0) : datacenterIp(rng)
    const v = new Visit({ ts, pop: ctx.id, rng, client: browserClient(rng, ip, deviceId(rng)), sid: sessionId(rng), host: ctx.world.shop.host })
    const account = ctx.world.newEmail(rng)
    login(v, account, ctx.world.newAccountId(rng), 'success')
    const successRate = knob(ctx, 'success_rate')
    return worker(ctx, v, knob(ctx, 'attempts_per_minute'), () => {
      const card = `c${rng.hex(16)}`
      const bin = cardBin(rng)
      if (rng.chance(0.5)) {
        v.api('POST', '/api/payment-methods', { status: 201 })
        v.event('payment.method_add', { 'card.fingerprint': card, 'card.bin': bin, 'card.last4': String(rng.int(1000, 9999)) }, card)
      }
      const ok = rng.chance(successRate)
      authorize(v, {
        card,
        bin,
        amount: Math.round(rng.int(100, 900)) / 100,
        outcome: ok ? 'success' : 'failure',
        ...(ok ? {} : { reason: rng.weighted([['declined', 6], ['cvv_mismatch', 2], ['expired', 2], ['fraud', 1]] as const) }),
      })
    })
  })

/** Guessing codes: coupon codes in the shop's pattern, or gift-card numbers. */
function tokenCracking(action: 'coupon.redeem' | 'giftcard.check'): PopulationGenerator {
  return (ctx) =>
    spawnSpread(ctx, knob(ctx, 'workers'), (ts, w) => {
      const rng = rngOf(ctx, `w${w}`)
      const ip = knob(ctx, 'residential') > 0 ? residentialIp(rng, 0.05) : datacenterIp(rng)
      const client = knob(ctx, 'browser_ua') > 0 ? browserClient(rng, ip, null) : scriptClient(rng, ip)
      const v = new Visit({ ts, pop: ctx.id, rng, client: { ...client, loadsAssets: false }, sid: sessionId(rng), host: ctx.world.shop.host })
      const hitRate = knob(ctx, 'hit_rate')
      return worker(ctx, v, knob(ctx, 'attempts_per_minute'), () => {
        const ok = rng.chance(hitRate)
        if (action === 'coupon.redeem') {
          v.api('POST', '/api/coupons/redeem', { status: ok ? 200 : 422 })
          const code = `${rng.pick(['SAVE', 'VIP', 'GIFT', 'WELCOME'])}${rng.int(10, 99)}${rng.hex(2).toUpperCase()}`
          v.event('coupon.redeem', { 'coupon.code': code, 'event.outcome': ok ? 'success' : 'failure' })
        } else {
          v.api('POST', '/api/giftcards/check', { status: ok ? 200 : 404 })
          v.event('giftcard.check', { 'giftcard.id': `6006${rng.int(100_000_000, 999_999_999)}${rng.int(100, 999)}`, 'event.outcome': ok ? 'success' : 'failure' })
        }
      })
    })
}

export const couponCracking = tokenCracking('coupon.redeem')
export const giftcardCracking = tokenCracking('giftcard.check')

/** Destinations where premium-rate SMS termination fees are paid out (toll fraud). */
const PREMIUM_COUNTRIES = ['LV', 'UZ', 'KG', 'TJ', 'AZ', 'MM', 'GN', 'SO', 'LK']

/** SMS pumping: OTP requests to premium-rate numbers, revenue shared with the carrier. */
export const smsPumping: PopulationGenerator = (ctx) =>
  spawnSpread(ctx, knob(ctx, 'workers'), (ts, w) => {
    const rng = rngOf(ctx, `w${w}`)
    const ip = knob(ctx, 'residential') > 0 ? residentialIp(rng, 0) : datacenterIp(rng)
    const v = new Visit({ ts, pop: ctx.id, rng, client: { ...browserClient(rng, ip, deviceId(rng)), loadsAssets: false }, sid: sessionId(rng), host: ctx.world.shop.host })
    const country = rng.pick(PREMIUM_COUNTRIES)
    return worker(ctx, v, knob(ctx, 'sends_per_minute'), () => {
      if (rng.chance(0.1)) v.sid = sessionId(rng)
      v.api('POST', '/api/otp/send')
      v.event('otp.send', { 'user.phone_hash': `p${rng.hex(16)}`, 'phone.country': rng.chance(0.85) ? country : rng.pick(PREMIUM_COUNTRIES) })
    })
  })

/** Scalpers at a launch: poll the product page, then cart and buy the limit on many accounts. */
export const scalping: PopulationGenerator = (ctx) =>
  spawnSpread(ctx, knob(ctx, 'bots'), (ts, b) => {
    const rng = rngOf(ctx, `b${b}`)
    const ip = knob(ctx, 'residential') > 0 ? residentialIp(rng, 0.05) : datacenterIp(rng)
    const v = new Visit({ ts, pop: ctx.id, rng, client: { ...browserClient(rng, ip, deviceId(rng)), loadsAssets: false }, sid: sessionId(rng), host: ctx.world.shop.host })
    const launch = ctx.world.launchProductId
    const poll = knob(ctx, 'polls_per_minute')
    const accounts = knob(ctx, 'accounts_per_bot')
    return (function* (): Actor {
      for (let a = 0; a < accounts && v.ts < ctx.end; a++) {
        v.sid = sessionId(rng)
        login(v, ctx.world.newEmail(rng), ctx.world.newAccountId(rng), 'success')
        for (let p = rng.int(5, 30); p > 0; p--) {
          v.wait(rng.exp(60_000 / poll))
          v.api('GET', `/api/products/${launch}/stock`, { bytes: 120 })
          yield* v.drain()
        }
        addToCart(v, launch, 2)
        v.wait(rng.int(300, 1_500))
        const amount = orderAmount(rng, 180)
        const card = `c${rng.hex(16)}`
        authorize(v, { card, bin: cardBin(rng), amount, outcome: 'success' })
        placeOrder(v, ctx.world, amount, 2, addressHash(rng))
        yield* v.drain()
      }
    })()
  })
