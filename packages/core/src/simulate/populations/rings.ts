/**
 * Fraud rings and their benign look-alike. A ring is a crew running several accounts: it
 * pays with a small pool of stolen cards, verifies with a few phone numbers and ships to a
 * few drop addresses (strong links), while spreading over devices and residential proxies
 * so that devices and IPs link its accounts only now and then (weak links). A household is
 * the honest counterpart: a family whose accounts share one tablet, one home connection,
 * one delivery address and the parents' card.
 * @module
 */
import { deviceId, pickBrowser, sessionId } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { residentialIp } from '../net.ts'
import type { Rng } from '../prng.ts'
import { addressHash, cardBin } from '../world.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, spawnPoisson, spawnSpread, visitOf } from './context.ts'
import { addToCart, authorize, browseStep, login, orderAmount, placeOrder } from './shop-flows.ts'

interface RingPool {
  id: string
  cards: Array<{ card: string; bin: string }>
  phones: string[]
  addresses: string[]
  devices: string[]
  ips: string[]
}

const fill = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make)

function ringPool(ctx: PopulationContext, r: number): RingPool {
  const rng = rngOf(ctx, `ring${r}`)
  return {
    id: `${ctx.id}-${r + 1}`,
    cards: fill(knob(ctx, 'cards'), () => ({ card: `c${rng.hex(16)}`, bin: cardBin(rng) })),
    phones: fill(knob(ctx, 'phones'), () => `p${rng.hex(16)}`),
    addresses: fill(knob(ctx, 'addresses'), () => addressHash(rng)),
    devices: fill(knob(ctx, 'devices'), () => deviceId(rng)),
    ips: fill(knob(ctx, 'ips'), () => residentialIp(rng, 0.05)),
  }
}

/** From the ring's pool with probability `share`, else one of the member's own. */
function pooled<T>(rng: Rng, share: number, pool: readonly T[], own: () => T): T {
  return pool.length > 0 && rng.chance(share) ? rng.pick(pool) : own()
}

/**
 * `rings` crews of `members` accounts each. Every member registers, browses a little, adds
 * a card and orders one to `orders` times; `*_share` knobs are the chance that a member
 * takes a card, phone, address, device or IP from the ring's pool rather than its own.
 */
export const fraudRing: PopulationGenerator = (ctx) => {
  const rings = knob(ctx, 'rings')
  const members = knob(ctx, 'members')
  const pools = Array.from({ length: rings }, (_, r) => ringPool(ctx, r))
  return spawnSpread(ctx, rings * members, (ts, i) => {
    const pool = pools[i % rings]!
    const rng = rngOf(ctx, `m${i}`)
    const browser = pickBrowser(rng, 0.5)
    const dev = pooled(rng, knob(ctx, 'device_share'), pool.devices, () => deviceId(rng))
    const ip = pooled(rng, knob(ctx, 'ip_share'), pool.ips, () => residentialIp(rng, 0.05))
    const phone = pooled(rng, knob(ctx, 'phone_share'), pool.phones, () => `p${rng.hex(16)}`)
    const payment = pooled(rng, knob(ctx, 'card_share'), pool.cards, () => ({ card: `c${rng.hex(16)}`, bin: cardBin(rng) }))
    const address = pooled(rng, knob(ctx, 'address_share'), pool.addresses, () => addressHash(rng))
    const orders = Math.max(1, Math.round(knob(ctx, 'orders')))
    const v = visitOf(ctx, ts, rng, { ip, ua: browser.ua, ja4: browser.ja4, dev, loadsAssets: true, protocol: 'HTTP/2.0' }, sessionId(rng))
    v.actor = pool.id
    return (function* (): Actor {
      v.page('/', { referrer: null })
      for (let p = rng.int(1, 4); p > 0; p--) {
        v.think(8)
        browseStep(v, ctx.world)
      }
      v.page('/register')
      v.think(30, 0.5)
      v.api('POST', '/api/register', { status: 201 })
      v.uid = ctx.world.newAccountId(rng)
      // A shop keeps e-mails unique; a crew's made-up addresses carry a number to get past that.
      v.uname = ctx.world.newEmail(rng).replace('@', `.${rng.int(100, 999)}@`)
      v.event('account.register', { 'user.email': v.uname, 'user.phone_hash': phone })
      yield* v.drain()
      for (let o = 0; o < orders; o++) {
        // Later orders come back hours later, as a crew works through its accounts.
        if (o > 0) v.wait(rng.exp(3_600_000))
        const id = browseStep(v, ctx.world)
        v.think(5)
        addToCart(v, id, 1)
        v.page('/checkout')
        v.think(20)
        if (o === 0) {
          v.api('POST', '/api/payment-methods', { status: 201 })
          v.event('payment.method_add', { 'card.fingerprint': payment.card, 'card.bin': payment.bin, 'card.last4': String(rng.int(1000, 9999)) }, payment.card)
        }
        const amount = orderAmount(rng, knob(ctx, 'order_median'))
        authorize(v, { card: payment.card, bin: payment.bin, amount, outcome: 'success' })
        placeOrder(v, ctx.world, amount, 1, address)
        yield* v.drain()
      }
    })()
  })
}

/**
 * A family of `members` accounts on one tablet and one home connection, shipping to one
 * address and paying with the parents' card; each member also has a phone of their own.
 */
export const household: PopulationGenerator = (ctx) => {
  const home = rngOf(ctx, 'home')
  const browser = pickBrowser(home, 1)
  const dev = deviceId(home)
  const ip = residentialIp(home, ctx.world.shop.ipv6Share)
  const address = addressHash(home)
  const familyCard = { card: `c${home.hex(16)}`, bin: cardBin(home) }
  const people = fill(knob(ctx, 'members'), () => ({ id: ctx.world.newAccountId(home, 100_000, 899_999), email: ctx.world.newEmail(home) }))
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour'), (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    const who = rng.pick(people)
    const v = visitOf(ctx, ts, rng, { ip, ua: browser.ua, ja4: browser.ja4, dev, loadsAssets: true, protocol: 'HTTP/2.0' }, sessionId(rng))
    return (function* (): Actor {
      v.page('/login', { referrer: null })
      v.think(8)
      if (rng.chance(0.15)) {
        login(v, who.email, who.id, 'bad_password')
        v.think(6)
      }
      login(v, who.email, who.id, 'success')
      yield* v.drain()
      let carted = 0
      for (let p = rng.int(2, 6); p > 0; p--) {
        v.think(12)
        const id = browseStep(v, ctx.world)
        if (rng.chance(0.3)) {
          addToCart(v, id, 1)
          carted++
        }
        yield* v.drain()
      }
      if (carted === 0) return
      v.page('/checkout')
      v.think(20)
      const amount = orderAmount(rng, 60)
      authorize(v, { card: familyCard.card, bin: familyCard.bin, amount, outcome: 'success' })
      placeOrder(v, ctx.world, amount, carted, address)
      yield* v.drain()
    })()
  })
}
