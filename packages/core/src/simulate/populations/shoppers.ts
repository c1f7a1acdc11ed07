/**
 * People: ordinary shoppers, and benign look-alikes built to trip naive thresholds
 * (power shoppers, an office behind one address, a family on one device, support staff,
 * the crowd at a product launch).
 * @module
 */
import { CATEGORIES, listingPath, productPath } from '../catalog.ts'
import { type BrowserProfile, JA4, deviceId, pickBrowser, sessionId } from '../clients.ts'
import type { Actor } from '../emission.ts'
import { COUNTRIES, mobileIpIn, residentialIp, residentialIpIn, vpnExitIp } from '../net.ts'
import type { Rng } from '../prng.ts'
import { Visit } from '../visit.ts'
import { type Customer, type World, addressHash, pickCountry } from '../world.ts'
import { type PopulationContext, type PopulationGenerator, knob, rngOf, scaled, spawnPoisson, spawnSpread } from './context.ts'
import { appSession, appStyle } from './apps.ts'
import { addToCart, authorize, browseStep, listingIds, login, orderAmount, placeOrder } from './shop-flows.ts'

interface Style {
  pagesMean: number
  thinkSeconds: number
  cartRate: number
  checkoutRate: number
  typoRate: number
  resetRate: number
  couponRate: number
  registerRate: number
  mfaShare: number
  reviewRate: number
  /** A product the visitor came for (a launch), viewed again and again. */
  focus?: number
}

function styleOf(ctx: PopulationContext, overrides: Partial<Style> = {}): Style {
  return {
    pagesMean: knob(ctx, 'pages_mean'),
    thinkSeconds: knob(ctx, 'think_seconds'),
    cartRate: knob(ctx, 'cart_rate'),
    checkoutRate: knob(ctx, 'checkout_rate'),
    typoRate: knob(ctx, 'typo_rate'),
    resetRate: knob(ctx, 'reset_rate'),
    couponRate: knob(ctx, 'coupon_rate'),
    registerRate: knob(ctx, 'register_rate'),
    mfaShare: knob(ctx, 'mfa_share'),
    reviewRate: knob(ctx, 'review_rate'),
    ...overrides,
  }
}

interface Who {
  customer: Customer | null
  browser: BrowserProfile
  /** Null for people whose blocker stops the fingerprinting script. */
  dev: string | null
  ip: string
}

const COUPONS = ['WELCOME10', 'FREESHIP', 'AUTUMN15', 'VIP20', 'BLACKFRIDAY']

function signIn(v: Visit, c: Customer, s: Style): void {
  v.page('/login')
  v.think(8)
  if (v.rng.chance(s.typoRate)) {
    login(v, c.email, c.id, 'bad_password')
    v.think(6)
    if (v.rng.chance(s.resetRate * 10)) {
      v.api('POST', '/api/password/reset')
      v.event('account.password_reset_request')
      v.think(90, 0.5)
      v.page('/account/reset')
      v.api('POST', '/api/password/change')
      v.uid = c.id
      v.uname = c.email
      v.event('account.password_change')
      return
    }
  }
  login(v, c.email, c.id, 'success')
  if (v.rng.chance(s.mfaShare)) {
    v.api('POST', '/api/otp/send')
    v.event('otp.send', { 'user.phone_hash': c.phoneHash, 'phone.country': c.country })
    v.think(15, 0.4)
  }
}

function checkout(v: Visit, world: World, who: Who, cartItems: number, s: Style): void {
  const rng = v.rng
  const c = who.customer
  v.page('/cart')
  v.think(10)
  if (c !== null && v.uid === null) signIn(v, c, s)
  else if (c === null && rng.chance(s.registerRate)) {
    v.page('/register')
    v.think(40, 0.5)
    v.api('POST', '/api/register', { status: 201 })
    v.uid = world.newAccountId(rng)
    v.uname = world.newEmail(rng)
    v.event('account.register', { 'user.email': v.uname, 'user.phone_hash': `p${rng.hex(16)}` })
  }
  v.page('/checkout')
  v.think(25)
  if (rng.chance(s.couponRate)) {
    const ok = rng.chance(0.8)
    v.api('POST', '/api/coupons/redeem', { status: ok ? 200 : 422 })
    v.event('coupon.redeem', { 'coupon.code': rng.pick(COUPONS), 'event.outcome': ok ? 'success' : 'failure' })
    v.think(5)
  }
  const card = c?.cardFingerprint ?? `c${rng.hex(16)}`
  const bin = c?.cardBin ?? '424242'
  const amount = orderAmount(rng, 65)
  if (c === null) {
    v.api('POST', '/api/payment-methods', { status: 201 })
    v.event('payment.method_add', { 'card.fingerprint': card, 'card.bin': bin, 'card.last4': String(rng.int(1000, 9999)) }, card)
  }
  // A real customer's card is declined now and then and they try again.
  if (rng.chance(0.04)) {
    authorize(v, { card, bin, amount, outcome: 'failure', reason: rng.pick(['declined', 'cvv_mismatch', 'expired'] as const) })
    v.think(20)
  }
  authorize(v, { card, bin, amount, outcome: 'success' })
  placeOrder(v, world, amount, cartItems, c?.addressHash ?? addressHash(rng))
}

function visitFor(ctx: PopulationContext, ts: number, rng: Rng, who: Who): Visit {
  const returning = who.customer !== null
  const sid = sessionId(rng)
  return new Visit({
    ts,
    pop: ctx.id,
    rng,
    // A first-time visitor has no session cookie until the first response sets it.
    sid: returning ? sid : null,
    ...(returning ? {} : { setsSid: sid }),
    host: ctx.world.shop.host,
    client: { ip: who.ip, ua: who.browser.ua, ja4: who.browser.ja4, dev: who.dev, loadsAssets: true, protocol: 'HTTP/2.0' },
    assetsCached: returning && rng.chance(0.5),
  })
}

/** One visit: browse, maybe cart, maybe check out; emits as it goes. `signsIn`: at once, after landing. */
function* shopperVisit(ctx: PopulationContext, ts: number, rng: Rng, who: Who, s: Style, signsIn = false): Actor {
  const world = ctx.world
  const v = visitFor(ctx, ts, rng, who)
  const landing = rng.weighted([['/', 4], ['search', 3], ['product', 3]] as const)
  if (landing === '/') v.page('/', { referrer: null, productIds: [world.launchProductId] })
  else browseStep(v, world, s.focus)
  if (signsIn && who.customer !== null) signIn(v, who.customer, s)
  yield* v.drain()
  const pages = Math.max(1, Math.round(rng.exp(s.pagesMean)))
  let cartItems = 0
  if (who.customer !== null && v.uid === null && rng.chance(0.3)) {
    // Remembered login: the session cookie carries the account.
    v.uid = who.customer.id
    v.uname = who.customer.email
  }
  for (let p = 0; p < pages; p++) {
    v.think(s.thinkSeconds)
    const id = browseStep(v, world, s.focus)
    if (rng.chance(s.cartRate)) {
      v.think(4)
      addToCart(v, id, rng.weighted([[1, 8], [2, 2]] as const))
      cartItems++
    }
    yield* v.drain()
  }
  if (cartItems > 0 && rng.chance(s.checkoutRate)) {
    checkout(v, world, who, cartItems, s)
    yield* v.drain()
  }
  if (v.uid !== null && who.customer !== null && rng.chance(s.reviewRate)) {
    v.think(30)
    v.page('/account/orders')
    v.api('GET', `/api/orders/${world.nextOrderId() - rng.int(50, 5_000)}`, { status: 200, bytes: 1_400 })
    v.api('POST', '/api/reviews', { status: 201 })
    v.event('review.create', { 'product.id': String(world.catalog.firstProductId + rng.int(0, 300)), 'review.rating': rng.int(3, 5) })
    yield* v.drain()
  }
}

/** Filters a category listing offers, as a shop's layered navigation writes them in the query. */
const FACETS = Object.freeze([
  ['color', ['black', 'white', 'red', 'blue', 'green', 'beige', 'grey']],
  ['size', ['xs', 's', 'm', 'l', 'xl', '38', '40', '42', '44']],
  ['brand', ['northpeak', 'urbanrun', 'kestrel', 'lumo', 'fjellby', 'marlow']],
  ['material', ['cotton', 'wool', 'leather', 'recycled']],
] as const)
const FACET_SORTS = Object.freeze(['price_asc', 'price_desc', 'newest', 'rating'])

/**
 * One visit of a shopper who narrows a category with filters: adds, changes and drops facets,
 * drags the price slider, re-sorts, pages through the filtered list and opens products from
 * it. Every combination is its own URL, so one person reads dozens of distinct listing pages.
 */
function* facetVisit(ctx: PopulationContext, ts: number, rng: Rng, who: Who, s: Style): Actor {
  const world = ctx.world
  const v = visitFor(ctx, ts, rng, who)
  const base = listingPath(world.catalog, rng.pick(CATEGORIES))
  const filters = new Map<string, string>()
  let price: [number, number] | null = null
  let sort: string | null = null
  let page = 1
  const listing = (): string => {
    const params: string[] = []
    for (const [k, val] of filters) params.push(`${k}=${val}`)
    if (price !== null) params.push(`price_min=${price[0]}`, `price_max=${price[1]}`)
    if (sort !== null) params.push(`sort=${sort}`)
    if (page > 1) params.push(`page=${page}`)
    if (params.length === 0) return base
    return `${base}${base.includes('?') ? '&' : '?'}${params.join('&')}`
  }
  v.page(base, { referrer: rng.chance(0.5) ? 'https://www.google.com/' : null, productIds: listingIds(world, rng) })
  yield* v.drain()
  const steps = Math.max(3, Math.round(rng.exp(s.pagesMean)))
  let cartItems = 0
  for (let i = 0; i < steps; i++) {
    v.think(s.thinkSeconds)
    const move = rng.weighted([['filter', 4], ['unfilter', 1], ['price', 2], ['sort', 1], ['next', 3], ['product', 3]] as const)
    if (move === 'product') {
      const id = listingIds(world, rng)[0] ?? world.catalog.firstProductId
      v.page(productPath(world.catalog, id), { productIds: [id] })
      if (rng.chance(s.cartRate)) {
        v.think(4)
        addToCart(v, id)
        cartItems++
      }
      v.think(s.thinkSeconds)
      // Back to the filtered list, as the browser's back button reloads it.
      v.page(listing(), { productIds: listingIds(world, rng) })
      yield* v.drain()
      continue
    }
    if (move === 'filter') {
      const [name, options] = rng.pick(FACETS)
      filters.set(name, filters.has(name) && rng.chance(0.5) ? `${filters.get(name) ?? ''},${rng.pick(options)}` : rng.pick(options))
      page = 1
    } else if (move === 'unfilter' && filters.size > 0) {
      filters.delete(rng.pick([...filters.keys()]))
      page = 1
    } else if (move === 'price') {
      const low = 5 * rng.int(0, 12)
      price = [low, low + 5 * rng.int(4, 40)]
      page = 1
    } else if (move === 'sort') sort = rng.pick(FACET_SORTS)
    else page++
    v.page(listing(), { productIds: listingIds(world, rng) })
    yield* v.drain()
  }
  if (cartItems > 0 && rng.chance(s.checkoutRate)) {
    checkout(v, world, who, cartItems, s)
    yield* v.drain()
  }
}

/**
 * A visitor and where they connect from: their phone's carrier, their home line, or another
 * line in their country (work, friends, a café). Nobody here is abroad: travel is its own population.
 */
function whoFor(ctx: PopulationContext, rng: Rng, returningShare: number, cgnatShare: number): Who {
  const world = ctx.world
  const customer = rng.chance(returningShare) ? rng.pick(world.customers) : null
  const country = customer?.country ?? pickCountry(rng)
  const device = customer === null ? null : rng.pick(customer.devices)
  const browser = device?.browser ?? pickBrowser(rng, world.shop.mobileShare)
  const dev = rng.chance(0.04) ? null : (device?.dev ?? deviceId(rng))
  const ip =
    browser.kind === 'mobile' && rng.chance(cgnatShare)
      ? rng.pick(world.cgnatPools[country])
      : customer !== null && rng.chance(0.8)
        ? customer.homeIp
        : residentialIpIn(country, rng, world.shop.ipv6Share)
  return { customer, browser, dev, ip }
}

export const shoppers: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const returning = knob(ctx, 'returning_share')
  const cgnat = knob(ctx, 'cgnat_share')
  return spawnPoisson(
    ctx,
    knob(ctx, 'visits_per_hour') * ctx.scale,
    (ts, i) => {
      const rng = rngOf(ctx, `v${i}`)
      return shopperVisit(ctx, ts, rng, whoFor(ctx, rng, returning, cgnat), style)
    },
    { daily: true },
  )
}

/**
 * Customers on a trip: signed in at home, then a flight or a train later (hours, never
 * minutes) signed in again on the same phone or laptop from a hotel's line in another
 * country, where they shop on.
 */
export const travellers: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const journeyHours = knob(ctx, 'journey_hours')
  return spawnSpread(ctx, scaled(ctx, knob(ctx, 'customers')), (ts, i) => {
    const rng = rngOf(ctx, `t${i}`)
    const customer = ctx.world.newCustomer(rng)
    const device = rng.pick(customer.devices)
    const hotel = residentialIpIn(rng.pick(COUNTRIES.filter((c) => c !== customer.country)), rng, 0)
    const arrival = ts + Math.round((journeyHours + rng.exp(journeyHours / 2)) * 3_600_000)
    const who: Who = { customer, browser: device.browser, dev: device.dev, ip: customer.homeIp }
    return (function* (): Actor {
      yield { kind: 'spawn', ts, actor: shopperVisit(ctx, ts, rng, who, style, true) }
      yield { kind: 'spawn', ts: arrival, actor: shopperVisit(ctx, arrival, rngOf(ctx, `t${i}/away`), { ...who, ip: hotel }, style, true) }
    })()
  })
}

/** Loyal customers who browse fast, fill carts and order several times. */
export const powerShoppers: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const count = scaled(ctx, knob(ctx, 'customers'))
  const visits = knob(ctx, 'visits_each')
  return spawnSpread(ctx, count * visits, (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    const owner = rngOf(ctx, `c${i % count}`)
    const customer = owner.pick(ctx.world.customers)
    const device = rng.pick(customer.devices)
    return shopperVisit(ctx, ts, rng, { customer, browser: device.browser, dev: device.dev, ip: customer.homeIp }, style)
  })
}

/** Forty colleagues behind one corporate NAT address, shopping over lunch. */
export const office: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const people = knob(ctx, 'people')
  const site = rngOf(ctx, 'ip')
  // Colleagues live near the office: the customers among them are the office country's.
  const country = site.pick(ctx.world.customers).country
  const locals = ctx.world.customersIn[country]
  const ip = residentialIpIn(country, site, 0)
  const staff: Who[] = []
  for (let p = 0; p < people; p++) {
    const rng = rngOf(ctx, `p${p}`)
    const customer = rng.chance(0.6) ? rng.pick(locals) : null
    // The office's TLS-inspecting proxy terminates every connection: one JA4 for all browsers.
    const browser = { ...pickBrowser(rng, 0), ja4: JA4.tls_proxy ?? '' }
    staff.push({ customer, browser, dev: deviceId(rng), ip })
  }
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour'), (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    return shopperVisit(ctx, ts, rng, rng.pick(staff), style)
  })
}

/** A household sharing one tablet: several accounts log in and out on one device. */
export const familyDevice: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx, { checkoutRate: 1 })
  const rng0 = rngOf(ctx, 'home')
  const first = rng0.pick(ctx.world.customers)
  const ip = first.homeIp
  const browser = pickBrowser(rng0, 1)
  const dev = deviceId(rng0)
  const members: Customer[] = [first]
  for (let m = 1; m < knob(ctx, 'members'); m++) members.push(rng0.pick(ctx.world.customersIn[first.country]))
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour'), (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    return shopperVisit(ctx, ts, rng, { customer: rng.pick(members), browser, dev, ip }, style)
  })
}

/**
 * People who browse through a consumer VPN app: many share each exit address, and some read
 * long (comparing, researching a gift) without putting anything in a cart.
 */
export const vpnShoppers: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const exitRng = rngOf(ctx, 'exits')
  const exits: string[] = []
  for (let i = 0; i < knob(ctx, 'exits'); i++) exits.push(vpnExitIp(exitRng))
  const returning = knob(ctx, 'returning_share')
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour') * ctx.scale, (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    const who = whoFor(ctx, rng, returning, 0)
    return shopperVisit(ctx, ts, rng, { ...who, ip: rng.pick(exits) }, style)
  })
}

/** Shoppers who narrow categories with filters, sorts and the price slider; some through a VPN app. */
export const facetShoppers: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const exitRng = rngOf(ctx, 'exits')
  const exits: string[] = []
  for (let i = 0; i < knob(ctx, 'exits'); i++) exits.push(vpnExitIp(exitRng))
  const returning = knob(ctx, 'returning_share')
  const vpn = knob(ctx, 'vpn_share')
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour') * ctx.scale, (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    const who = whoFor(ctx, rng, returning, 0.5)
    return facetVisit(ctx, ts, rng, rng.chance(vpn) ? { ...who, ip: rng.pick(exits) } : who, style)
  })
}

/**
 * One carrier-grade NAT address of a mobile network: hundreds of phones share it, in their
 * browsers and in the shop's app, as one line after another of an access log.
 */
export const carrierNat: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx)
  const apps = appStyle(ctx)
  // The phones behind one mast's NAT are that country's subscribers.
  const country = rngOf(ctx, 'ip').pick(ctx.world.customers).country
  const locals = ctx.world.customersIn[country]
  const ip = mobileIpIn(country, rngOf(ctx, 'host'), 0)
  const appShare = knob(ctx, 'app_share')
  return spawnPoisson(
    ctx,
    knob(ctx, 'visits_per_hour') * ctx.scale,
    (ts, i) => {
      const rng = rngOf(ctx, `v${i}`)
      if (rng.chance(appShare)) return appSession(ctx, ts, rng, rng.pick(locals), ip, apps)
      const customer = rng.chance(0.4) ? rng.pick(locals) : null
      const browser = pickBrowser(rng, 1)
      return shopperVisit(ctx, ts, rng, { customer, browser, dev: rng.chance(0.04) ? null : deviceId(rng), ip }, style)
    },
    { daily: true },
  )
}

/** Fans waiting for a launch: they hit the product page again and again, like scalpers do. */
export const launchCrowd: PopulationGenerator = (ctx) => {
  const style = styleOf(ctx, { focus: ctx.world.launchProductId })
  const returning = knob(ctx, 'returning_share')
  return spawnPoisson(ctx, knob(ctx, 'visits_per_hour') * ctx.scale, (ts, i) => {
    const rng = rngOf(ctx, `v${i}`)
    return shopperVisit(ctx, ts, rng, whoFor(ctx, rng, returning, knob(ctx, 'cgnat_share')), style)
  })
}

const SUPPORT_ACTIONS = [
  ['account.address_change', '/address'],
  ['account.email_change', '/email'],
  ['account.phone_change', '/phone'],
  ['account.password_reset_request', '/password-reset'],
] as const

/** Support agents acting on many customers' accounts from the office, in one session each. */
export const supportStaff: PopulationGenerator = (ctx) => {
  const agents = knob(ctx, 'agents')
  const perHour = knob(ctx, 'actions_per_hour')
  const ip = residentialIp(rngOf(ctx, 'ip'), 0)
  return spawnSpread(ctx, agents, (ts, a) => {
    const rng = rngOf(ctx, `agent${a}`)
    const browser = pickBrowser(rng, 0)
    const v = new Visit({
      ts,
      pop: ctx.id,
      rng,
      sid: sessionId(rng),
      host: ctx.world.shop.host,
      client: { ip, ua: browser.ua, ja4: browser.ja4, dev: deviceId(rng), loadsAssets: true, protocol: 'HTTP/2.0' },
    })
    v.uid = `staff${a + 1}`
    v.uname = `agent${a + 1}@support.shop.example`
    return (function* (): Actor {
      while (v.ts < ctx.end) {
        const c = rng.pick(ctx.world.customers)
        v.page(`/admin/customers/${c.id}`)
        v.think(40)
        const [action, suffix] = rng.pick(SUPPORT_ACTIONS)
        v.api('POST', `/api/admin/customers/${c.id}${suffix}`)
        const fields: Record<string, string> = { 'user.target.id': c.id }
        if (action === 'account.address_change') {
          fields['address.hash'] = addressHash(rng)
          fields['address.country'] = c.country
        }
        v.event(action, fields)
        yield* v.drain()
        v.wait(rng.exp(3_600_000 / perHour))
      }
    })()
  })
}
