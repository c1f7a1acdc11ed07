/**
 * A labelled shop's application events (NDJSON, DESIGN.md §2) and the access log they come
 * with, written independently of Vigil's own simulator (packages/core/src/simulate was not
 * read, nor the account detectors' code) so that the account and device detectors can be
 * checked on a world their authors did not shape. The attacks and their benign look-alikes are
 * modelled on public descriptions (OWASP Automated Threats handbook, fraud vendors' write-ups).
 * One seed gives the same bytes every time. See README-accounts.md beside this file.
 *
 *   npx tsx bench/detect/corpora/generate-accounts.ts --out DIR [--seed N] [--hours H]
 *
 * Writes DIR/access.log (nginx `combined` with `sid=` and, on API calls, `uid=` appended),
 * DIR/events.ndjson (application events, nested ECS keys) and DIR/labels.json (the format
 * `vigil eval` reads; population ids are `kind#n`, the kind before the `#`), plus
 * DIR/holdout.json: the population ids kept out of development (~30 %, by FNV-1a).
 * @module
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { PopulationLabel, SimLabels } from '../../../packages/core/src/index.ts'
import { fnv1a, seededText } from '../../waf/corpora/seeded-text.ts'

export interface AccountsCorpusOptions {
  seed: number
  hours: number
}

/** The label file `vigil eval` reads (its format, not the simulator's behaviour). */
export type AccountsLabels = SimLabels
type PopulationMeta = PopulationLabel

export interface AccountsCorpus {
  accessLog: string[]
  events: string[]
  labels: AccountsLabels
  /** Population ids held out of development: their individual misses are not to be studied. */
  holdout: string[]
}

/** The kind of a population id (`kind#n`). */
export const kindOf = (pop: string): string => pop.slice(0, pop.indexOf('#'))

/** ~30 % of populations, fixed by seed and id, independent of generation order. */
export const isHoldout = (seed: number, pop: string): boolean => fnv1a(`${seed}:${pop}`) % 10 < 3

// ---------------------------------------------------------------------------------------------
// What each kind is. Attacks name the class `vigil eval` scores them under and the other
// threats that also count as finding them (a takeover's login IP is a stuffing source too).

interface KindSpec {
  kind: 'benign' | 'attack'
  class?: string
  accepts?: string[]
  lookalike?: boolean
  description: string
}

const KINDS: Record<string, KindSpec> = {
  customer: { kind: 'benign', description: 'an ordinary customer: browses, signs in from their own devices, buys' },
  new_customer: { kind: 'benign', description: 'a visitor who registers while shopping and may use the welcome coupon' },
  stuffing_resi: { kind: 'attack', class: 'OAT-008', description: 'credential stuffing over a residential proxy pool, 1-2 tries per address, hours long, 60-90 % unknown users' },
  stuffing_dc_burst: { kind: 'attack', class: 'OAT-008', description: 'credential stuffing burst from a few hosting addresses' },
  spraying: { kind: 'attack', class: 'OAT-008', description: 'password spraying: one or two common passwords against many existing accounts' },
  stuffing_mobile_api: { kind: 'attack', class: 'OAT-008', description: "stuffing through the mobile app's token endpoint with the app's user agent" },
  ato_stuffed: { kind: 'attack', class: 'ato', accepts: ['OAT-008'], description: 'a hit of a stuffing run, then e-mail, phone, password, address changes and an order to a drop' },
  ato_session_replay: { kind: 'attack', class: 'ato', description: "a stolen session cookie replayed from another address and device, no login, then changes and an order" },
  ato_phished: { kind: 'attack', class: 'ato', description: 'the right password at the first try (phished) from a new device in the victim country, then changes and an order' },
  fake_farm: { kind: 'attack', class: 'OAT-019', description: 'fake account farm: disposable, plus-addressed or dotted Gmail addresses, patterned names, sequential phones, welcome coupons' },
  card_testing: { kind: 'attack', class: 'OAT-001', accepts: ['OAT-010'], description: 'card testing: small authorisations across many cards of one BIN run' },
  card_cracking: { kind: 'attack', class: 'OAT-010', accepts: ['OAT-001'], description: 'card cracking: expiry and CVV guessed on one card' },
  giftcard_checking: { kind: 'attack', class: 'OAT-002', description: 'gift-card balance checking over many numbers' },
  coupon_guessing: { kind: 'attack', class: 'OAT-002', description: 'coupon code guessing in the shop format' },
  sms_pumping: { kind: 'attack', class: 'sms_pumping', description: 'SMS pumping to premium or unusual prefixes through sign-up or login OTP' },
  scalping: { kind: 'attack', class: 'OAT-005', accepts: ['OAT-021'], description: 'scalping bots polling a limited product and buying it through many accounts' },
  bola_walk: { kind: 'attack', class: 'bola', description: "an authenticated customer walking other customers' order and invoice ids" },
  fraud_ring: { kind: 'attack', class: 'fraud_ring', description: 'a fraud ring sharing cards, addresses and phones across its accounts' },
  family_device: { kind: 'benign', lookalike: true, description: 'a family of 3-5 sharing one tablet, one card, one address' },
  office_nat: { kind: 'benign', lookalike: true, description: "an office behind one NAT address: many people's logins and orders" },
  university_nat: { kind: 'benign', lookalike: true, description: 'a university NAT: students register, sign in and buy' },
  carrier_cgnat: { kind: 'benign', lookalike: true, description: "a mobile carrier's CGNAT pool shared by many phones" },
  traveller: { kind: 'benign', lookalike: true, description: 'a customer abroad on a new device, signing in and buying home' },
  typo_reset: { kind: 'benign', lookalike: true, description: 'a customer who mistypes, resets the password, signs in' },
  multi_account: { kind: 'benign', lookalike: true, description: 'a password-manager user with a few accounts on one device' },
  support_staff: { kind: 'benign', lookalike: true, description: "the shop's support agents changing e-mails and addresses for many customers" },
  corporate_buyer: { kind: 'benign', lookalike: true, description: 'a corporate buyer placing many high-value orders to many addresses' },
  campaign_signups: { kind: 'benign', lookalike: true, description: 'a marketing e-mail makes registrations spike, each with the welcome coupon' },
  flash_sale: { kind: 'benign', lookalike: true, description: 'a flash sale: many buyers of one product within minutes' },
  giftcard_owner: { kind: 'benign', lookalike: true, description: 'gift-card owners checking their balance, a typo now and then' },
  mover: { kind: 'benign', lookalike: true, description: 'a customer who moved: address change, then an order to it' },
  new_phone: { kind: 'benign', lookalike: true, description: 'a customer on a new phone who changes phone number and password' },
  coupon_site_shopper: { kind: 'benign', lookalike: true, description: 'a shopper trying dead codes from coupon sites before paying' },
  declined_retry: { kind: 'benign', lookalike: true, description: 'a declined card, then a second or third card that works' },
  otp_abroad: { kind: 'benign', lookalike: true, description: 'customers with phones in high-cost SMS countries signing in by OTP, resending' },
  own_orders: { kind: 'benign', lookalike: true, description: 'customers paging through their own orders and invoices in the API' },
}

// ---------------------------------------------------------------------------------------------
// The world: address pools by country and network, user agents, products, codes.

/** [first octet, second octet from, second octet to]: blocks of real networks of each kind. */
const RESIDENTIAL: Record<string, Array<[number, number, number]>> = {
  DE: [[87, 128, 191], [91, 0, 63], [79, 192, 255]],
  GB: [[86, 128, 191], [81, 96, 111]],
  FR: [[90, 0, 127], [86, 192, 255]],
  US: [[73, 0, 255], [24, 0, 60]],
  NL: [[84, 80, 95]],
  ES: [[83, 32, 63]],
  IT: [[79, 0, 63]],
  BR: [[177, 0, 127], [179, 96, 127]],
  IN: [[49, 32, 63]],
  VN: [[113, 160, 191]],
  ID: [[36, 64, 95]],
  TH: [[171, 96, 103]],
  JP: [[126, 0, 255]],
  NG: [[102, 88, 91], [105, 112, 127]],
  UZ: [[213, 230, 230]],
}
const MOBILE: Array<[number, number, number]> = [[172, 56, 59], [92, 40, 43]]
const HOSTING: Array<[number, number, number]> = [[159, 89, 89], [167, 99, 99], [95, 216, 217], [65, 21, 21], [51, 89, 89], [3, 120, 127], [52, 28, 29], [172, 105, 105], [37, 120, 120]]
const HOME_COUNTRIES = ['DE', 'DE', 'DE', 'GB', 'GB', 'FR', 'NL', 'US', 'ES', 'IT']
const PROXY_COUNTRIES = ['US', 'US', 'DE', 'GB', 'FR', 'BR', 'IN', 'VN', 'ID', 'NL', 'ES', 'IT', 'TH']
const PHONE_PREFIX: Record<string, string> = { DE: '+4915', GB: '+447', FR: '+336', NL: '+316', US: '+1', ES: '+346', IT: '+393', NG: '+23480', IN: '+9198', BR: '+5511' }
/** Destinations that SMS pumping reports name: premium and small-operator prefixes. */
const PUMP_DESTINATIONS: Array<[string, string]> = [['UZ', '+99890'], ['KG', '+99670'], ['TJ', '+99292'], ['AZ', '+99450'], ['MM', '+959'], ['LK', '+9477'], ['GN', '+22462'], ['SO', '+2526'], ['TM', '+9936'], ['LR', '+23177']]

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/28.0 Chrome/130.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
]
const APP_UAS = ['Northwind/5.12.0 (iPhone; iOS 18.6; Scale/3.00)', 'Northwind/5.12.0 (Android 14; Pixel 8) okhttp/4.12.0', 'Northwind/5.11.2 (Android 13; SM-A546B) okhttp/4.12.0']
const FIRST = ['anna', 'lukas', 'mia', 'jonas', 'emma', 'leon', 'sofia', 'paul', 'lena', 'felix', 'olivia', 'james', 'amelia', 'oliver', 'isla', 'harry', 'chloe', 'lucas', 'ines', 'hugo', 'lea', 'noah', 'sara', 'mateo', 'giulia', 'marco', 'daan', 'fleur', 'ava', 'ethan', 'mason', 'zoe', 'amir', 'fatima', 'yusuf', 'mei', 'hana', 'kenji', 'priya', 'arjun', 'chioma', 'tunde', 'marta', 'pablo', 'elif', 'can', 'nora', 'erik']
const LAST = ['mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'smith', 'jones', 'taylor', 'brown', 'wilson', 'evans', 'martin', 'bernard', 'dubois', 'thomas', 'robert', 'devries', 'jansen', 'garcia', 'lopez', 'rossi', 'russo', 'ferrari', 'johnson', 'williams', 'miller', 'davis', 'khan', 'nguyen', 'tanaka', 'sato', 'patel', 'sharma', 'okafor', 'adeyemi', 'kowalski', 'novak', 'yilmaz', 'demir', 'larsen', 'berg']
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'web.de', 'gmx.de', 'hotmail.co.uk', 'orange.fr', 'proton.me']
const DISPOSABLE = ['mailinator.com', 'guerrillamail.com', '10minutemail.com', 'yopmail.com', 'temp-mail.org', 'sharklasers.com', 'trashmail.com', 'dispostable.com', 'getnada.com', 'maildrop.cc']
const PRODUCTS = ['linen-shirt-navy', 'merino-crew-grey', 'chelsea-boot-tan', 'rain-shell-olive', 'wool-scarf-red', 'denim-jacket-indigo', 'canvas-tote-sand', 'running-tee-black', 'puffer-vest-navy', 'cord-trousers-rust', 'leather-belt-brown', 'beanie-charcoal', 'oxford-shirt-white', 'trail-sneaker-grey', 'silk-tie-green']
const COLLECTIONS = ['new-arrivals', 'men', 'women', 'outerwear', 'shoes', 'accessories', 'sale']
const LIMITED = 'collab-sneaker-2026'
const LIMITED_ID = '8841902'
const VALID_COUPONS = ['WELCOME10', 'FREESHIP', 'BLACKWEEK20', 'NEWSLETTER15']
const DEAD_COUPONS = ['SAVE20', 'TAKE15', 'VIP30', 'EXTRA10', 'HOLIDAY40', 'SPRING25', 'STUDENT10', 'FLASH50', 'BF2025', 'THANKYOU']
const BINS = ['414720', '453201', '476173', '401795', '535522', '520082', '542418', '491682', '446542', '516732']

const sha = (s: string, n = 16): string => createHash('sha256').update(s).digest('hex').slice(0, n)

// ---------------------------------------------------------------------------------------------

interface Card {
  fp: string
  bin: string
  last4: string
}

interface Client {
  ip: string
  ua: string
  device: string | null
  sid: string
}

interface Customer {
  id: string
  email: string
  phone: string
  phoneCountry: string
  country: string
  ip: string
  devices: string[]
  uas: string[]
  card: Card
  address: string
  pop: string
}

/** An order whose id is given once every order is in time order (ids are sequential). */
interface OrderRef {
  t: number
  id: string
}

interface HttpRec {
  t: number
  ip: string
  method: string
  path: string | (() => string)
  status: number
  bytes: number
  ref: string
  ua: string
  sid: string | null
  uid: string | null
}

interface AppRec {
  t: number
  fields: Record<string, unknown>
  order: OrderRef | null
}

type EntityType = 'ip' | 'session' | 'account' | 'device' | 'card'

export function generateAccountsCorpus(opts: AccountsCorpusOptions): AccountsCorpus {
  const R = seededText(opts.seed)
  const { rand, pick, int, hex } = R
  const START = Date.parse('2026-11-20T07:00:00.000Z')
  const SPAN = opts.hours * 3_600_000
  const chance = (p: number): boolean => rand() < p
  const sec = (lo: number, hi: number): number => Math.round((lo + rand() * (hi - lo)) * 1000)
  /** A start time that leaves `need` ms of the run after it. */
  const startIn = (need: number): number => START + Math.floor(rand() * Math.max(1, SPAN - need))

  const http: HttpRec[] = []
  const apps: AppRec[] = []
  const orders: OrderRef[] = []
  /** Where each BOLA walk starts: the newest order id when it begins. */
  const bolaAnchors: OrderRef[] = []
  const pops: Record<string, PopulationMeta> = {}
  const counters: Record<string, number> = {}
  const entities: AccountsLabels['entities'] = { ip: {}, session: {}, account: {}, device: {}, card: {} }
  const rings: AccountsLabels['rings'] = {}
  const usedIps = new Set<string>()

  const newPop = (kind: string): string => {
    const spec = KINDS[kind]
    if (spec === undefined) throw new Error(`unknown kind ${kind}`)
    const n = (counters[kind] = (counters[kind] ?? 0) + 1)
    const id = `${kind}#${n}`
    pops[id] = { kind: spec.kind, class: spec.class ?? null, accepts: spec.accepts ?? [], lookalike: spec.lookalike ?? false, description: spec.description, start: null, end: null, requests: 0, events: 0 }
    return id
  }
  const tag = (pop: string, type: EntityType, value: string | null | undefined): void => {
    if (value === null || value === undefined || value === '') return
    const list = (entities[type][value] ??= [])
    if (!list.includes(pop)) list.push(pop)
  }
  const touch = (pop: string, t: number, what: 'requests' | 'events'): void => {
    const p = pops[pop] as PopulationMeta
    p[what]++
    const iso = new Date(t).toISOString()
    if (p.start === null || iso < p.start) p.start = iso
    if (p.end === null || iso > p.end) p.end = iso
  }

  // Addresses -------------------------------------------------------------------------------
  const inBlock = ([a, lo, hi]: [number, number, number]): string => `${a}.${int(lo, hi)}.${int(0, 255)}.${int(1, 254)}`
  const fresh = (blocks: Array<[number, number, number]>): string => {
    for (;;) {
      const ip = inBlock(pick(blocks))
      if (!usedIps.has(ip)) {
        usedIps.add(ip)
        return ip
      }
    }
  }
  const homeIp = (country: string): string => fresh(RESIDENTIAL[country] ?? (RESIDENTIAL.DE as Array<[number, number, number]>))
  const proxyIp = (): string => homeIp(pick(PROXY_COUNTRIES))
  const hostingIp = (): string => fresh(HOSTING)
  const mobileIp = (): string => fresh(MOBILE)

  const device = (): string => hex(16)
  const session = (): string => hex(24)
  const client = (ip: string, ua: string, dev: string | null): Client => ({ ip, ua, device: dev, sid: session() })
  const phoneOf = (prefix: string): string => `${prefix}${int(1_000_000, 9_999_999)}`
  const newCard = (bin = pick(BINS)): Card => {
    const last4 = String(int(0, 9999)).padStart(4, '0')
    return { fp: `cf_${sha(`${bin}${hex(10)}${last4}`)}`, bin, last4 }
  }
  const address = (): string => `ah_${sha(hex(20))}`
  let nextUserId = 3_100_000 + int(0, 50_000)
  const userId = (): string => String(nextUserId++)
  const personName = (): [string, string] => [pick(FIRST), pick(LAST)]
  const plainEmail = ([f, l]: [string, string]): string => {
    const style = int(0, 4)
    const local = style === 0 ? `${f}.${l}` : style === 1 ? `${f}${l}` : style === 2 ? `${f[0]}${l}` : style === 3 ? `${f}.${l}${int(1960, 2006)}` : `${f}_${l}${int(1, 99)}`
    return `${local}@${pick(MAIL_DOMAINS)}`
  }

  const newCustomer = (pop: string, country = pick(HOME_COUNTRIES)): Customer => {
    const name = personName()
    const id = userId()
    const c: Customer = {
      id,
      email: plainEmail(name),
      phone: `ph_${sha(phoneOf(PHONE_PREFIX[country] ?? '+49'))}`,
      phoneCountry: country,
      country,
      ip: homeIp(country),
      devices: [device(), ...(chance(0.5) ? [device()] : [])],
      uas: [pick(BROWSERS), pick(BROWSERS)],
      card: newCard(),
      address: address(),
      pop,
    }
    tag(pop, 'account', id)
    return c
  }
  /** A customer who registered in this stream on client `c`. */
  const registered = (pop: string, id: string, email: string, c: Client, country = 'DE'): Customer => ({ id, email, phone: '', phoneCountry: country, country, ip: c.ip, devices: c.device === null ? [] : [c.device], uas: [c.ua], card: newCard(), address: address(), pop })
  const homeClient = (c: Customer, which = int(0, c.devices.length - 1)): Client => client(c.ip, c.uas[which] ?? (c.uas[0] as string), c.devices[which] ?? null)

  // Emission ----------------------------------------------------------------------------------
  const req = (pop: string, c: Client, t: number, method: string, path: HttpRec['path'], status: number, extra: { uid?: string | null; ref?: string; bytes?: number; noSession?: boolean } = {}): void => {
    const sid = extra.noSession === true ? null : c.sid
    http.push({ t, ip: c.ip, method, path, status, bytes: extra.bytes ?? int(300, 40_000), ref: extra.ref ?? '-', ua: c.ua, sid, uid: extra.uid ?? null })
    tag(pop, 'ip', c.ip)
    tag(pop, 'session', sid)
    touch(pop, t, 'requests')
  }
  const ev = (pop: string, c: Client, t: number, action: string, fields: Record<string, unknown>, order: OrderRef | null = null): void => {
    const base: Record<string, unknown> = { '@timestamp': new Date(t).toISOString(), 'event.action': action, 'source.ip': c.ip, 'user_agent.original': c.ua, 'session.id': c.sid }
    if (c.device !== null) base['device.id'] = c.device
    apps.push({ t, fields: { ...base, ...fields }, order })
    tag(pop, 'ip', c.ip)
    tag(pop, 'session', c.sid)
    tag(pop, 'device', c.device)
    const uid = fields['user.id']
    if (typeof uid === 'string') tag(pop, 'account', uid)
    const fp = fields['card.fingerprint']
    if (typeof fp === 'string') tag(pop, 'card', fp)
    touch(pop, t, 'events')
  }
  const who = (c: Customer): Record<string, unknown> => ({ 'user.id': c.id, 'user.name': c.email, 'user.email': c.email })

  /** Page views with their theme script, a person's pace. Returns the time after. */
  const browse = (pop: string, c: Client, t: number, pages: number, ref = 'https://www.google.com/'): number => {
    let prev = ref
    for (let i = 0; i < pages; i++) {
      const r = rand()
      const path = r < 0.15 ? '/' : r < 0.35 ? `/collections/${pick(COLLECTIONS)}${chance(0.3) ? `?page=${int(2, 5)}` : ''}` : r < 0.9 ? `/products/${pick(PRODUCTS)}` : `/search?q=${pick(['shirt', 'boots', 'jacket', 'scarf', 'gift'])}`
      req(pop, c, t, 'GET', path, 200, { ref: prev })
      req(pop, c, t + int(80, 400), 'GET', `/cdn/shop/t/12/assets/theme.js?v=${17_000_000 + (i % 3)}`, chance(0.6) ? 304 : 200, { ref: `https://www.northwind-outfitters.com${path}` })
      prev = `https://www.northwind-outfitters.com${path}`
      t += sec(6, 70)
    }
    return t
  }
  const loginAttempt = (pop: string, c: Client, t: number, user: Customer | { name: string }, outcome: 'success' | 'failure', reason?: string, opts: { api?: boolean; method?: string } = {}): number => {
    const known = 'id' in user
    const fields: Record<string, unknown> = known ? { 'user.id': user.id, 'user.name': user.email } : { 'user.name': user.name }
    fields['event.outcome'] = outcome
    if (reason !== undefined) fields['event.reason'] = reason
    fields['auth.method'] = opts.method ?? 'password'
    if (opts.api === true) req(pop, c, t, 'POST', '/api/mobile/v2/auth/token', outcome === 'success' ? 200 : 401, { bytes: int(90, 900) })
    else {
      req(pop, c, t - int(2_000, 9_000), 'GET', '/account/login', 200, { ref: 'https://www.northwind-outfitters.com/' })
      req(pop, c, t, 'POST', '/account/login', outcome === 'success' ? 302 : 200, { ref: 'https://www.northwind-outfitters.com/account/login' })
    }
    ev(pop, c, t + int(5, 60), 'account.login', fields)
    return t + sec(2, 10)
  }
  const order = (pop: string, c: Client, t: number, user: Customer | null, o: { amount: number; card: Card; address: string; product?: string; coupon?: string; qty?: number; guestEmail?: string }): number => {
    const product = o.product ?? pick(PRODUCTS)
    const u = user === null ? (o.guestEmail === undefined ? {} : { 'user.email': o.guestEmail }) : who(user)
    req(pop, c, t, 'POST', '/cart/add.js', 200, { ref: `https://www.northwind-outfitters.com/products/${product}` })
    ev(pop, c, t + 40, 'cart.add', { ...u, 'product.id': product, 'product.quantity': o.qty ?? 1 })
    t += sec(20, 120)
    const token = hex(32)
    if (o.coupon !== undefined) {
      req(pop, c, t, 'POST', `/checkouts/${token}/discount`, 200)
      ev(pop, c, t + 30, 'coupon.redeem', { ...u, 'coupon.code': o.coupon, 'event.outcome': 'success' })
      t += sec(5, 30)
    }
    req(pop, c, t, 'POST', `/checkouts/${token}/payments`, 200)
    ev(pop, c, t + 50, 'payment.authorize', { ...u, 'event.outcome': 'success', 'card.fingerprint': o.card.fp, 'card.bin': o.card.bin, 'card.last4': o.card.last4, 'order.amount': o.amount })
    const ref: OrderRef = { t: t + 900, id: '' }
    orders.push(ref)
    ev(pop, c, t + 900, 'order.create', { ...u, 'order.amount': o.amount, 'order.currency': 'EUR', 'order.items': o.qty ?? 1, 'address.hash': o.address, 'product.id': product }, ref)
    req(pop, c, t + 1_500, 'GET', `/checkouts/${token}/thank_you`, 200)
    return t + sec(3, 20)
  }
  const amount = (): number => Math.round((25 + rand() * rand() * 280) * 100) / 100
  const visit = (pop: string, cu: Customer, t: number, buy: boolean, c = homeClient(cu)): number => {
    t = browse(pop, c, t, int(2, 8))
    t = loginAttempt(pop, c, t, cu, 'success')
    t = browse(pop, c, t, int(1, 5), 'https://www.northwind-outfitters.com/account')
    if (buy) t = order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address })
    return t
  }

  // Benign background -------------------------------------------------------------------------
  const customers: Customer[] = []
  const nCustomers = Math.round(300 * opts.hours)
  for (let i = 0; i < nCustomers; i++) {
    const pop = newPop('customer')
    const cu = newCustomer(pop)
    customers.push(cu)
    const visits = chance(0.25) ? 2 : 1
    for (let v = 0; v < visits; v++) {
      const t0 = startIn(1_800_000)
      if (chance(0.3)) browse(pop, homeClient(cu), t0, int(1, 6))
      else visit(pop, cu, t0, chance(0.45))
    }
  }
  /** Customers not otherwise used, so a look-alike or victim does not collide with another story. */
  const spare = [...customers]
  const takeCustomer = (): Customer => spare.splice(int(0, spare.length - 1), 1)[0] as Customer

  for (let i = 0; i < Math.round(12 * opts.hours); i++) {
    const pop = newPop('new_customer')
    const country = pick(HOME_COUNTRIES)
    const name = personName()
    const c = client(homeIp(country), pick(BROWSERS), device())
    let t = browse(pop, c, startIn(1_800_000), int(3, 10))
    const id = userId()
    const email = plainEmail(name)
    req(pop, c, t, 'POST', '/account', 302, { ref: 'https://www.northwind-outfitters.com/account/register' })
    ev(pop, c, t + 60, 'account.register', { 'user.id': id, 'user.name': email, 'user.email': email, 'user.phone_hash': chance(0.5) ? `ph_${sha(phoneOf(PHONE_PREFIX[country] ?? '+49'))}` : undefined })
    t = browse(pop, c, t + sec(5, 20), int(1, 5))
    if (chance(0.5)) {
      const cu = registered(pop, id, email, c, country)
      order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address, coupon: chance(0.7) ? 'WELCOME10' : undefined })
    }
  }

  // Benign look-alikes ------------------------------------------------------------------------
  const times = (n: number, f: () => void): void => {
    for (let i = 0; i < n; i++) f()
  }
  const H = opts.hours

  times(Math.round(2 * H), () => {
    const pop = newPop('family_device')
    const n = int(3, 5)
    const tablet = client(homeIp(pick(HOME_COUNTRIES)), pick(BROWSERS), device())
    const card = newCard()
    const home = address()
    let t = startIn(5_400_000)
    for (let i = 0; i < n; i++) {
      const cu = newCustomer(pop)
      const c = { ...tablet, sid: session() }
      t = browse(pop, c, t, int(2, 6))
      if (chance(0.2)) t = loginAttempt(pop, c, t, cu, 'failure', 'bad_password')
      t = loginAttempt(pop, c, t + sec(5, 30), cu, 'success')
      if (chance(0.6)) t = order(pop, c, t, cu, { amount: amount(), card, address: home })
      t += sec(60, 900)
    }
  })

  const sharedAddressCrowd = (kind: string, ips: string[], people: number, span: number, registerShare: number): void => {
    const pop = newPop(kind)
    const t0 = startIn(span)
    for (let i = 0; i < people; i++) {
      const c = client(pick(ips), pick(BROWSERS), device())
      let t = t0 + Math.floor(rand() * span)
      if (chance(registerShare)) {
        const name = personName()
        const id = userId()
        const email = kind === 'university_nat' ? `${name[0]}.${name[1]}${int(10, 99)}@student.uni-example.edu` : plainEmail(name)
        t = browse(pop, c, t, int(2, 6))
        req(pop, c, t, 'POST', '/account', 302)
        ev(pop, c, t + 50, 'account.register', { 'user.id': id, 'user.name': email, 'user.email': email })
        t = browse(pop, c, t + sec(5, 30), int(1, 4))
        const cu = registered(pop, id, email, c)
        if (chance(0.4)) order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address, coupon: 'WELCOME10' })
      } else {
        const cu = newCustomer(pop)
        cu.ip = c.ip
        t = browse(pop, c, t, int(1, 5))
        if (chance(0.12)) t = loginAttempt(pop, c, t, cu, 'failure', 'bad_password')
        if (chance(0.03)) t = loginAttempt(pop, c, t, { name: cu.email.replace('@', `${int(1, 9)}@`) }, 'failure', 'unknown_user')
        t = loginAttempt(pop, c, t + sec(3, 20), cu, 'success')
        if (chance(0.5)) order(pop, c, t, cu, { amount: amount(), card: cu.card, address: chance(0.5) ? cu.address : `ah_office_${kind}` })
      }
    }
  }
  times(Math.max(1, Math.round(H / 2)), () => sharedAddressCrowd('office_nat', [fresh([[62, 153, 153]])], int(30, 60), 7_200_000, 0.05))
  sharedAddressCrowd('university_nat', [fresh([[128, 232, 232]]), fresh([[128, 232, 232]])], int(60, 90), 10_800_000, 0.4)
  times(Math.max(1, Math.round(H / 2)), () => sharedAddressCrowd('carrier_cgnat', Array.from({ length: 4 }, mobileIp), int(80, 140), SPAN - 600_000, 0.08))

  times(Math.round(2 * H), () => {
    const pop = newPop('traveller')
    const cu = newCustomer(pop)
    let t = visit(pop, cu, startIn(9_000_000), chance(0.5))
    t += sec(1_800, 5_400)
    const away = pick(['US', 'ES', 'TH', 'JP', 'IT', 'FR'].filter((x) => x !== cu.country))
    const c = client(chance(0.5) ? homeIp(away) : mobileIp(), pick(BROWSERS.filter((u) => u.includes('Mobile'))), device())
    t = browse(pop, c, t, int(1, 4))
    if (chance(0.3)) t = loginAttempt(pop, c, t, cu, 'failure', 'bad_password')
    t = loginAttempt(pop, c, t + sec(5, 40), cu, 'success')
    t = browse(pop, c, t, int(1, 4))
    order(pop, c, t, cu, { amount: amount() + (chance(0.3) ? 300 : 0), card: cu.card, address: cu.address })
  })

  times(Math.round(4 * H), () => {
    const pop = newPop('typo_reset')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = browse(pop, c, startIn(3_600_000), int(1, 4))
    for (let i = int(1, 4); i > 0; i--) t = loginAttempt(pop, c, t + sec(5, 40), cu, 'failure', 'bad_password')
    if (chance(0.2)) t = loginAttempt(pop, c, t, cu, 'failure', 'locked')
    req(pop, c, t, 'POST', '/account/recover', 302)
    ev(pop, c, t + 30, 'account.password_reset_request', who(cu))
    t += sec(60, 600)
    req(pop, c, t, 'POST', '/account/reset', 302)
    ev(pop, c, t + 30, 'account.password_change', who(cu))
    t = loginAttempt(pop, c, t + sec(5, 30), cu, 'success')
    if (chance(0.4)) order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address })
  })

  times(Math.round(H), () => {
    const pop = newPop('multi_account')
    const owner = newCustomer(pop)
    const c0 = homeClient(owner, 0)
    let t = startIn(3_600_000)
    for (let i = int(2, 4); i > 0; i--) {
      const cu = i === 1 ? owner : newCustomer(pop)
      cu.ip = owner.ip
      const c = { ...c0, sid: session() }
      t = loginAttempt(pop, c, t, cu, 'success')
      t = browse(pop, c, t, int(1, 3))
      if (chance(0.5)) t = order(pop, c, t, cu, { amount: amount(), card: chance(0.5) ? owner.card : cu.card, address: owner.address })
      req(pop, c, t, 'GET', '/account/logout', 302)
      ev(pop, c, t + 20, 'account.logout', who(cu))
      t += sec(30, 600)
    }
  })

  times(Math.max(1, Math.round(H / 2)), () => {
    const pop = newPop('support_staff')
    const office = fresh([[62, 154, 154]])
    const roles = chance(0.5)
    for (let a = 0; a < 2; a++) {
      const [f, l] = personName()
      const staff = { id: userId(), email: `${f}.${l}@northwind-outfitters.com` }
      const c = client(office, BROWSERS[0] as string, device())
      let t = startIn(SPAN * 0.8)
      tag(pop, 'account', staff.id)
      ev(pop, c, t, 'account.login', { 'user.id': staff.id, 'user.name': staff.email, 'event.outcome': 'success', 'auth.method': 'sso', ...(roles ? { 'user.roles': ['support'] } : {}) })
      for (let i = int(12, 30); i > 0; i--) {
        const target = pick(customers)
        const action = pick(['account.email_change', 'account.address_change', 'account.phone_change', 'account.password_reset_request', 'account.mfa_change'])
        t += sec(60, 480)
        req(pop, c, t, 'POST', `/admin/api/customers/${target.id}`, 200, { uid: staff.id })
        ev(pop, c, t + 40, action, { 'user.id': staff.id, 'user.name': staff.email, 'user.target.id': target.id, 'user.target.name': target.email, ...(roles ? { 'user.roles': ['support'] } : {}), ...(action === 'account.address_change' ? { 'address.hash': address(), 'address.country': target.country } : {}) })
      }
    }
  })

  times(Math.max(1, Math.round(H / 2)), () => {
    const pop = newPop('corporate_buyer')
    const cu = newCustomer(pop)
    const c = homeClient(cu, 0)
    let t = loginAttempt(pop, c, startIn(5_400_000), cu, 'success')
    for (let i = int(8, 20); i > 0; i--) t = order(pop, c, t + sec(30, 300), cu, { amount: Math.round(200 + rand() * 900), card: cu.card, address: address(), qty: int(1, 5) })
  })

  {
    const pop = newPop('campaign_signups')
    const t0 = startIn(3_600_000)
    for (let i = Math.round(25 * H); i > 0; i--) {
      const country = pick(HOME_COUNTRIES)
      const c = client(chance(0.3) ? mobileIp() : homeIp(country), pick(BROWSERS), device())
      let t = t0 + Math.floor(rand() * rand() * 3_600_000)
      req(pop, c, t, 'GET', '/pages/welcome?utm_source=newsletter&utm_medium=email&utm_campaign=blackweek', 200, { ref: '-' })
      t = browse(pop, c, t + sec(5, 20), int(0, 4), 'https://www.northwind-outfitters.com/pages/welcome')
      const name = personName()
      const id = userId()
      const email = plainEmail(name)
      req(pop, c, t, 'POST', '/account', 302)
      ev(pop, c, t + 40, 'account.register', { 'user.id': id, 'user.name': email, 'user.email': email })
      const cu = registered(pop, id, email, c, country)
      if (chance(0.6)) order(pop, c, t + sec(30, 300), cu, { amount: amount(), card: cu.card, address: cu.address, coupon: 'WELCOME10' })
    }
  }

  {
    const pop = newPop('flash_sale')
    const t0 = startIn(1_800_000)
    const cgnat = [mobileIp(), mobileIp()]
    for (let i = Math.round(20 * H); i > 0; i--) {
      const cu = newCustomer(pop)
      if (chance(0.25)) cu.ip = pick(cgnat)
      const c = homeClient(cu)
      let t = t0 + Math.floor(rand() * 600_000)
      req(pop, c, t, 'GET', `/products/${LIMITED}`, 200, { ref: 'https://www.instagram.com/' })
      for (let k = int(0, 3); k > 0; k--) req(pop, c, (t += sec(2, 15)), 'GET', `/products/${LIMITED}.js`, 200, { ref: `https://www.northwind-outfitters.com/products/${LIMITED}` })
      t = loginAttempt(pop, c, t + sec(3, 20), cu, 'success')
      if (chance(0.8)) order(pop, c, t, cu, { amount: 189, card: cu.card, address: cu.address, product: LIMITED })
    }
  }

  const giftcards = Array.from({ length: 400 }, () => String(int(6000_0000, 6999_9999)) + String(int(1000_0000, 9999_9999)))
  times(Math.round(3 * H), () => {
    const pop = newPop('giftcard_owner')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = browse(pop, c, startIn(1_800_000), int(1, 3))
    const mine = pick(giftcards)
    for (let i = int(1, 3); i > 0; i--) {
      const typo = chance(0.25)
      const id = typo ? `${mine.slice(0, 10)}${String(int(100_000, 999_999))}` : mine
      req(pop, c, t, 'POST', '/gift_cards/balance', typo ? 404 : 200)
      ev(pop, c, t + 20, 'giftcard.check', { 'giftcard.id': id, 'event.outcome': typo ? 'failure' : 'success', ...(typo ? { 'event.reason': 'not_found' } : {}) })
      t += sec(20, 400)
    }
  })

  times(Math.round(2 * H), () => {
    const pop = newPop('mover')
    const cu = newCustomer(pop)
    let t = visit(pop, cu, startIn(5_400_000), false)
    const c = homeClient(cu)
    const moved = address()
    req(pop, c, t, 'POST', '/account/addresses', 302)
    ev(pop, c, t + 30, 'account.address_change', { ...who(cu), 'address.hash': moved, 'address.country': cu.country })
    t += sec(20, 200)
    if (chance(0.3)) {
      req(pop, c, t, 'POST', '/account/profile', 302)
      ev(pop, c, t + 30, 'account.phone_change', who(cu))
    }
    order(pop, c, t + sec(30, 300), cu, { amount: amount() + (chance(0.4) ? 350 : 0), card: cu.card, address: moved })
  })

  times(Math.round(2 * H), () => {
    const pop = newPop('new_phone')
    const cu = newCustomer(pop)
    const c = client(chance(0.5) ? mobileIp() : cu.ip, pick(BROWSERS.filter((u) => u.includes('Mobile'))), device())
    let t = browse(pop, c, startIn(3_600_000), int(1, 3))
    if (chance(0.4)) t = loginAttempt(pop, c, t, cu, 'failure', 'bad_password')
    t = loginAttempt(pop, c, t + sec(5, 30), cu, 'success')
    req(pop, c, t, 'POST', '/account/profile', 302)
    ev(pop, c, t + 30, 'account.phone_change', who(cu))
    if (chance(0.5)) {
      req(pop, c, (t += sec(20, 120)), 'POST', '/account/profile', 302)
      ev(pop, c, t + 30, 'account.mfa_change', who(cu))
    }
    if (chance(0.3)) {
      req(pop, c, (t += sec(20, 120)), 'POST', '/account/password', 302)
      ev(pop, c, t + 30, 'account.password_change', who(cu))
    }
  })

  times(Math.round(3 * H), () => {
    const pop = newPop('coupon_site_shopper')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = visit(pop, cu, startIn(3_600_000), false, c)
    for (let i = int(2, 6); i > 0; i--) {
      req(pop, c, t, 'POST', '/cart/discount', 422, { ref: 'https://www.retailmenot.com/' })
      ev(pop, c, t + 20, 'coupon.redeem', { ...who(cu), 'coupon.code': pick(DEAD_COUPONS), 'event.outcome': 'failure', 'event.reason': 'invalid' })
      t += sec(10, 90)
    }
    order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address, coupon: chance(0.5) ? pick(VALID_COUPONS) : undefined })
  })

  times(Math.round(2.5 * H), () => {
    const pop = newPop('declined_retry')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = visit(pop, cu, startIn(3_600_000), false, c)
    const cards = [cu.card, newCard(), newCard()]
    const tries = int(2, 3)
    const amt = amount()
    for (let i = 0; i < tries; i++) {
      const card = cards[i] as Card
      const ok = i === tries - 1
      req(pop, c, t, 'POST', `/checkouts/${hex(32)}/payments`, ok ? 200 : 402)
      if (ok) {
        t = order(pop, c, t, cu, { amount: amt, card, address: cu.address })
        break
      }
      ev(pop, c, t + 50, 'payment.authorize', { ...who(cu), 'event.outcome': 'failure', 'event.reason': pick(['declined', 'declined', 'cvv_mismatch', 'expired']), 'card.fingerprint': card.fp, 'card.bin': card.bin, 'card.last4': card.last4, 'order.amount': amt })
      t += sec(30, 180)
    }
  })

  times(Math.round(2.5 * H), () => {
    const pop = newPop('otp_abroad')
    const country = pick(['NG', 'IN', 'BR'])
    const cu = newCustomer(pop, country)
    const c = client(chance(0.6) ? homeIp(country) : mobileIp(), pick(BROWSERS.filter((u) => u.includes('Mobile'))), device())
    let t = browse(pop, c, startIn(1_800_000), int(1, 3))
    for (let i = int(1, 3); i > 0; i--) {
      req(pop, c, t, 'POST', '/api/otp/send', 200)
      ev(pop, c, t + 20, 'otp.send', { 'user.name': cu.email, 'user.phone_hash': cu.phone, 'phone.country': country })
      t += sec(40, 120)
    }
    loginAttempt(pop, c, t, cu, 'success', undefined, { method: 'sms_otp' })
  })

  times(Math.round(2 * H), () => {
    const pop = newPop('own_orders')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = startIn(5_400_000)
    const mine: OrderRef[] = []
    for (let i = int(3, 6); i > 0; i--) {
      t = order(pop, c, t, cu, { amount: amount(), card: cu.card, address: cu.address })
      mine.push(orders.at(-1) as OrderRef)
      t += sec(600, 1_800)
    }
    t = loginAttempt(pop, c, t, cu, 'success')
    for (const o of mine) {
      req(pop, c, (t += sec(3, 20)), 'GET', () => `/api/v1/orders/${o.id}`, 200, { uid: cu.id })
      if (chance(0.5)) req(pop, c, (t += sec(2, 10)), 'GET', () => `/api/v1/invoices/${o.id}`, 200, { uid: cu.id })
    }
  })

  // Attacks ----------------------------------------------------------------------------------
  const comboUser = (): { name: string } => {
    const [f, l] = personName()
    return { name: `${f}${pick(['', '.', '_'])}${l}${chance(0.6) ? int(1, 999) : ''}@${pick(['gmail.com', 'yahoo.com', 'hotmail.com', 'aol.com', 'mail.ru', 'outlook.com'])}` }
  }
  /** The stuffing runs' pools; takeovers after a hit reuse them. */
  const stuffingPools: Array<{ ips: string[]; t0: number; t1: number }> = []

  const stuffing = (kind: 'stuffing_resi' | 'stuffing_dc_burst' | 'stuffing_mobile_api'): void => {
    const pop = newPop(kind)
    const resi = kind !== 'stuffing_dc_burst'
    const api = kind === 'stuffing_mobile_api'
    const dur = resi ? sec(3_600, 9_000) : sec(300, 900)
    const t0 = startIn(dur)
    const attempts = resi ? int(300, 700) : int(150, 400)
    const unknownShare = 0.6 + rand() * 0.3
    const ips = resi ? [] : Array.from({ length: int(2, 5) }, hostingIp)
    const ua = api ? pick(APP_UAS) : pick(BROWSERS)
    const rotatingDevice = chance(0.5)
    const fixedDevice = rotatingDevice ? null : chance(0.5) ? device() : null
    let ip = ''
    let left = 0
    for (let i = 0; i < attempts; i++) {
      if (resi && left-- <= 0) {
        ip = proxyIp()
        ips.push(ip)
        left = chance(0.6) ? 0 : 1
      } else if (!resi) ip = pick(ips)
      const c = client(ip, ua, rotatingDevice ? device() : fixedDevice)
      const t = t0 + Math.floor((dur * i) / attempts) + int(0, 3_000)
      if (chance(unknownShare)) loginAttempt(pop, c, t, comboUser(), 'failure', 'unknown_user', { api })
      else {
        const victim = pick(customers)
        loginAttempt(pop, c, t, victim, 'failure', chance(0.05) ? 'locked' : 'bad_password', { api })
      }
    }
    stuffingPools.push({ ips, t0, t1: t0 + dur })
  }
  times(Math.max(2, Math.round(H / 2)), () => stuffing('stuffing_resi'))
  stuffing('stuffing_dc_burst')
  times(2, () => stuffing('stuffing_mobile_api'))

  times(2, () => {
    const pop = newPop('spraying')
    const dur = sec(1_800, 7_200)
    const t0 = startIn(dur)
    const ips = chance(0.5) ? Array.from({ length: int(3, 8) }, hostingIp) : Array.from({ length: int(40, 120) }, proxyIp)
    const ua = pick(BROWSERS)
    const targets = Array.from({ length: int(120, 300) }, () => pick(customers))
    targets.forEach((victim, i) => {
      const c = client(pick(ips), ua, null)
      loginAttempt(pop, c, t0 + Math.floor((dur * i) / targets.length), chance(0.1) ? comboUser() : victim, 'failure', chance(0.1) ? 'unknown_user' : 'bad_password')
    })
  })

  /** A takeover's changes after access: contact details, password, a card, an order to a drop. */
  const cashOut = (pop: string, c: Client, t: number, victim: Customer): void => {
    const steps = chance(0.5) ? ['email', 'phone', 'password', 'address'] : pick([['email', 'address'], ['password', 'address'], ['phone', 'email'], ['address']])
    const drop = address()
    t = browse(pop, c, t, int(0, 3), 'https://www.northwind-outfitters.com/account')
    for (const s of steps) {
      t += sec(10, 240)
      const [path, action, extra] =
        s === 'email'
          ? ['/account/profile', 'account.email_change', { 'user.email': `${pick(['xk', 'qq', 'mrx', 'zed'])}${hex(5)}@${pick(['proton.me', 'outlook.com', 'gmail.com', 'tutanota.com'])}` }]
          : s === 'phone'
            ? ['/account/profile', 'account.phone_change', { 'user.phone_hash': `ph_${sha(phoneOf('+44'))}` }]
            : s === 'password'
              ? ['/account/password', 'account.password_change', {}]
              : ['/account/addresses', 'account.address_change', { 'address.hash': drop, 'address.country': victim.country }]
      req(pop, c, t, 'POST', path, 302)
      ev(pop, c, t + 30, action, { 'user.id': victim.id, 'user.name': victim.email, ...extra })
    }
    const card = chance(0.4) ? newCard() : victim.card
    if (card !== victim.card) {
      req(pop, c, (t += sec(20, 120)), 'POST', '/account/payment_methods', 200)
      ev(pop, c, t + 30, 'payment.method_add', { 'user.id': victim.id, 'user.name': victim.email, 'card.fingerprint': card.fp, 'card.bin': card.bin, 'card.last4': card.last4 })
    }
    if (chance(0.85)) order(pop, c, t + sec(30, 300), victim, { amount: Math.round(300 + rand() * 1200), card, address: drop, product: pick(PRODUCTS) })
  }

  times(Math.round(1.5 * H), () => {
    const pop = newPop('ato_stuffed')
    const pool = pick(stuffingPools)
    const victim = takeCustomer()
    const t = pool.t0 + Math.floor(rand() * (pool.t1 - pool.t0))
    const c = client(pick(pool.ips), pick(BROWSERS), chance(0.5) ? device() : null)
    cashOut(pop, c, loginAttempt(pop, c, t, victim, 'success'), victim)
  })

  times(Math.round(H), () => {
    const pop = newPop('ato_session_replay')
    const victim = takeCustomer()
    const own = homeClient(victim)
    const t = visit(victim.pop, victim, startIn(7_200_000), false, own)
    const c: Client = { ip: chance(0.5) ? proxyIp() : hostingIp(), ua: own.ua, device: chance(0.5) ? device() : null, sid: own.sid }
    cashOut(pop, c, t + sec(300, 3_000), victim)
  })

  times(Math.round(1.5 * H), () => {
    const pop = newPop('ato_phished')
    const victim = takeCustomer()
    const c = client(homeIp(victim.country), pick(BROWSERS), device())
    cashOut(pop, c, loginAttempt(pop, c, startIn(3_600_000), victim, 'success'), victim)
  })

  times(Math.max(2, Math.round(H / 1.5)), () => {
    const pop = newPop('fake_farm')
    const style = int(0, 2)
    const n = int(15, 45)
    const dur = sec(1_800, 10_800)
    const t0 = startIn(dur)
    const base = pick(FIRST) + pick(LAST)
    const rootGmail = `${pick(FIRST)}${pick(LAST)}${int(10, 99)}`
    const phoneBase = int(1_000_000, 9_000_000)
    const rigs = Array.from({ length: style === 2 ? n : int(1, 4) }, device)
    const ua = pick(BROWSERS)
    for (let i = 0; i < n; i++) {
      const t = t0 + Math.floor((dur * i) / n) + int(0, 20_000)
      const c = client(style === 0 ? hostingIp() : proxyIp(), ua, pick(rigs))
      const id = userId()
      const email =
        style === 0
          ? `${base}${int(100, 9999)}@${pick(DISPOSABLE)}`
          : style === 1
            ? `${rootGmail}+${hex(4)}@gmail.com`
            : `${rootGmail.split('').map((ch, k) => (k > 0 && k < rootGmail.length - 2 && chance(0.35) ? `.${ch}` : ch)).join('')}@gmail.com`
      req(pop, c, t - int(3_000, 12_000), 'GET', '/account/register', 200)
      req(pop, c, t, 'POST', '/account', 302, { ref: 'https://www.northwind-outfitters.com/account/register' })
      ev(pop, c, t + 40, 'account.register', { 'user.id': id, 'user.name': email, 'user.email': email, 'user.phone_hash': `ph_${sha(`+4479${phoneBase + i}`)}` })
      if (chance(0.3)) {
        req(pop, c, t + 5_000, 'POST', '/api/otp/send', 200)
        ev(pop, c, t + 5_020, 'otp.send', { 'user.id': id, 'user.name': email, 'user.phone_hash': `ph_${sha(`+4479${phoneBase + i}`)}`, 'phone.country': 'GB' })
      }
      const cu = registered(pop, id, email, c, 'GB')
      if (chance(0.7)) order(pop, c, t + sec(20, 90), cu, { amount: Math.round(20 + rand() * 30), card: cu.card, address: cu.address, coupon: 'WELCOME10' })
    }
  })

  times(Math.max(2, Math.round(H / 1.5)), () => {
    const pop = newPop('card_testing')
    const via = int(0, 2)
    const n = int(25, 90)
    const dur = sec(600, 5_400)
    const t0 = startIn(dur)
    const bin = pick(BINS)
    const buyer = via === 1 ? newCustomer(pop) : null
    const rig = via === 2 ? device() : null
    const ua = pick(BROWSERS)
    for (let i = 0; i < n; i++) {
      const t = t0 + Math.floor((dur * i) / n) + int(0, 5_000)
      const c = client(via === 1 ? (buyer as Customer).ip : proxyIp(), ua, via === 2 ? rig : via === 1 ? ((buyer as Customer).devices[0] as string) : device())
      const card = newCard(chance(0.8) ? bin : pick(BINS))
      const ok = chance(0.12)
      const amt = pick([0.5, 1, 1, 1.99, 2.5, 5])
      req(pop, c, t, 'POST', `/checkouts/${hex(32)}/payments`, ok ? 200 : 402)
      ev(pop, c, t + 50, 'payment.authorize', { ...(buyer === null ? { 'user.email': `${hex(6)}@${pick(DISPOSABLE)}` } : who(buyer)), 'event.outcome': ok ? 'success' : 'failure', ...(ok ? {} : { 'event.reason': pick(['declined', 'declined', 'declined', 'fraud', 'expired', 'cvv_mismatch']) }), 'card.fingerprint': card.fp, 'card.bin': card.bin, 'card.last4': card.last4, 'order.amount': amt })
    }
  })

  times(2, () => {
    const pop = newPop('card_cracking')
    const card = newCard()
    const t0 = startIn(1_800_000)
    const n = int(8, 25)
    const ua = pick(BROWSERS)
    for (let i = 0; i < n; i++) {
      const c = client(proxyIp(), ua, chance(0.5) ? device() : null)
      const ok = i === n - 1 && chance(0.5)
      const t = t0 + i * sec(15, 120)
      req(pop, c, t, 'POST', `/checkouts/${hex(32)}/payments`, ok ? 200 : 402)
      ev(pop, c, t + 50, 'payment.authorize', { 'user.email': `${hex(6)}@gmail.com`, 'event.outcome': ok ? 'success' : 'failure', ...(ok ? {} : { 'event.reason': i % 3 === 0 ? 'expired' : 'cvv_mismatch' }), 'card.fingerprint': card.fp, 'card.bin': card.bin, 'card.last4': card.last4, 'order.amount': pick([1, 9.99, 24.9]) })
    }
  })

  times(2, () => {
    const pop = newPop('giftcard_checking')
    const n = int(60, 250)
    const dur = sec(1_200, 7_200)
    const t0 = startIn(dur)
    const prefix = String(int(6000, 6999))
    const ua = chance(0.5) ? pick(BROWSERS) : 'python-requests/2.32.3'
    for (let i = 0; i < n; i++) {
      const c = client(proxyIp(), ua, null)
      const hit = chance(0.03)
      const id = hit ? pick(giftcards) : `${prefix}${String(int(0, 9999_9999)).padStart(8, '0')}${String(int(1000, 9999))}`
      const t = t0 + Math.floor((dur * i) / n)
      req(pop, c, t, 'POST', '/gift_cards/balance', hit ? 200 : 404, { noSession: true })
      ev(pop, c, t + 20, 'giftcard.check', { 'giftcard.id': id, 'event.outcome': hit ? 'success' : 'failure', ...(hit ? {} : { 'event.reason': 'not_found' }) })
    }
  })

  times(2, () => {
    const pop = newPop('coupon_guessing')
    const n = int(50, 200)
    const dur = sec(900, 5_400)
    const t0 = startIn(dur)
    const stem = pick(['BLACKWEEK', 'WELCOME', 'VIP', 'NW'])
    const ips = Array.from({ length: int(5, 40) }, proxyIp)
    const ua = pick(BROWSERS)
    for (let i = 0; i < n; i++) {
      const c = client(pick(ips), ua, null)
      const hit = chance(0.02)
      const code = hit ? pick(VALID_COUPONS) : `${stem}${int(10, 99)}${chance(0.5) ? R.alnum(2).toUpperCase() : ''}`
      const t = t0 + Math.floor((dur * i) / n)
      req(pop, c, t, 'POST', '/cart/discount', hit ? 200 : 422)
      ev(pop, c, t + 20, 'coupon.redeem', { 'coupon.code': code, 'event.outcome': hit ? 'success' : 'failure', ...(hit ? {} : { 'event.reason': 'invalid' }) })
    }
  })

  times(Math.max(2, Math.round(H / 1.5)), () => {
    const pop = newPop('sms_pumping')
    const viaLogin = chance(0.4)
    const n = int(30, 150)
    const dur = sec(600, 7_200)
    const t0 = startIn(dur)
    const dests = Array.from({ length: int(1, 3) }, () => pick(PUMP_DESTINATIONS))
    const ua = pick(BROWSERS)
    const rig = chance(0.5) ? device() : null
    const holders = viaLogin ? Array.from({ length: int(3, 10) }, () => newCustomer(pop)) : []
    for (let i = 0; i < n; i++) {
      const [country, prefix] = pick(dests)
      const c = client(chance(0.7) ? proxyIp() : hostingIp(), ua, rig ?? (chance(0.5) ? device() : null))
      const t = t0 + Math.floor((dur * i) / n)
      const phone = `ph_${sha(`${prefix}${int(1_000_000, 9_999_999)}`)}`
      req(pop, c, t, 'POST', viaLogin ? '/api/otp/send' : '/api/otp/send?purpose=signup', 200)
      const holder = viaLogin ? pick(holders) : null
      ev(pop, c, t + 20, 'otp.send', { ...(holder === null ? {} : { 'user.name': holder.email }), 'user.phone_hash': phone, 'phone.country': country })
    }
  })

  times(2, () => {
    const pop = newPop('scalping')
    const drop = startIn(2_400_000)
    const accounts = Array.from({ length: int(6, 20) }, () => newCustomer(pop))
    const rigs = Array.from({ length: int(1, 4) }, () => ({ ip: chance(0.5) ? hostingIp() : proxyIp(), dev: device() }))
    const ua = pick(BROWSERS)
    const stockPath = chance(0.5) ? `/products/${LIMITED}.js` : `/api/v1/products/${LIMITED_ID}/inventory`
    for (const rig of rigs) {
      const c = client(rig.ip, ua, rig.dev)
      for (let k = int(20, 60); k > 0; k--) req(pop, c, drop - k * sec(3, 8), 'GET', stockPath, 200)
    }
    accounts.forEach((acct, i) => {
      const rig = rigs[i % rigs.length] as { ip: string; dev: string }
      const c = client(chance(0.5) ? rig.ip : proxyIp(), ua, rig.dev)
      acct.ip = c.ip
      const t = loginAttempt(pop, c, drop + int(0, 20_000), acct, 'success')
      order(pop, c, t, acct, { amount: 189 * 2, card: chance(0.5) ? acct.card : (accounts[0] as Customer).card, address: chance(0.6) ? (accounts[0] as Customer).address : address(), product: LIMITED, qty: 2 })
    })
  })

  times(Math.max(2, Math.round(H / 1.5)), () => {
    const pop = newPop('bola_walk')
    const cu = newCustomer(pop)
    const c = homeClient(cu)
    let t = loginAttempt(pop, c, startIn(2_400_000), cu, 'success')
    const resource = pick(['orders', 'invoices'])
    const n = int(25, 120)
    const step = chance(0.7) ? 1 : int(2, 3)
    const anchor: OrderRef = { t, id: '' }
    for (let i = 0; i < n; i++) {
      const k = i
      req(pop, c, (t += sec(1, 20)), 'GET', () => `/api/v1/${resource}/${Number(anchor.id) - k * step}`, chance(0.85) ? 200 : 404, { uid: cu.id })
    }
    bolaAnchors.push(anchor)
  })

  times(Math.max(2, Math.round(H / 1.5)), () => {
    const pop = newPop('fraud_ring')
    const n = int(4, 8)
    const cards = Array.from({ length: int(1, 3) }, () => newCard())
    const drops = Array.from({ length: int(1, 2) }, address)
    const phone = `ph_${sha(phoneOf('+4477'))}`
    const members: string[] = []
    const dur = sec(3_600, 10_800)
    const t0 = startIn(dur)
    for (let i = 0; i < n; i++) {
      const c = client(proxyIp(), pick(BROWSERS), device())
      const name = personName()
      const id = userId()
      const email = plainEmail(name)
      let t = t0 + Math.floor((dur * i) / n)
      t = browse(pop, c, t, int(1, 4))
      req(pop, c, t, 'POST', '/account', 302)
      ev(pop, c, t + 40, 'account.register', { 'user.id': id, 'user.name': email, 'user.email': email, 'user.phone_hash': chance(0.6) ? phone : `ph_${sha(phoneOf('+4477'))}` })
      members.push(id)
      const cu = registered(pop, id, email, c, 'GB')
      for (let k = int(1, 2); k > 0; k--) t = order(pop, c, t + sec(60, 600), cu, { amount: Math.round(150 + rand() * 600), card: pick(cards), address: pick(drops) })
    }
    rings[pop] = { population: pop, members }
  })

  // Order ids are sequential in time; a BOLA walk starts below the newest order it could know.
  orders.sort((a, b) => a.t - b.t)
  // Every seventh id is skipped: orders of the shop's other channels, never in this log.
  orders.forEach((o, i) => (o.id = String(4_200_000 + i + Math.floor(i / 7))))
  for (const a of bolaAnchors) {
    const before = orders.filter((o) => o.t <= a.t)
    a.id = before.at(-1)?.id ?? '4200000'
  }
  for (const a of apps) if (a.order !== null) a.fields['order.id'] = a.order.id

  http.sort((a, b) => a.t - b.t)
  apps.sort((a, b) => a.t - b.t)
  const accessLog = http.map((h) => {
    const d = new Date(h.t)
    const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`
    const path = typeof h.path === 'function' ? h.path() : h.path
    return `${h.ip} - - [${stamp}] "${h.method} ${path} HTTP/1.1" ${h.status} ${h.bytes} "${h.ref}" "${h.ua}" sid=${h.sid ?? '-'}${h.uid === null ? '' : ` uid=${h.uid}`}`
  })
  const events = apps.map((a) => JSON.stringify(nest(a.fields)))
  const labels: AccountsLabels = {
    version: 1,
    seed: opts.seed,
    hours: opts.hours,
    scale: 1,
    stealth: false,
    start: new Date(START).toISOString(),
    end: new Date(START + SPAN).toISOString(),
    files: { access_log: 'access.log', events: 'events.ndjson' },
    populations: pops,
    entities,
    requests: {},
    rings,
  }
  return { accessLog, events, labels, holdout: Object.keys(pops).filter((p) => isHoldout(opts.seed, p)) }
}

/** Dotted ECS keys into nested objects; undefined values dropped. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(flat)) {
    if (v === undefined) continue
    if (k === '@timestamp') {
      out[k] = v
      continue
    }
    const parts = k.split('.')
    let node = out
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>
    node[parts.at(-1) as string] = v
  }
  return out
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string', default: '1' }, hours: { type: 'string', default: '4' } }, strict: true })
  if (values.out === undefined) {
    process.stderr.write('usage: generate-accounts.ts --out DIR [--seed N] [--hours H]\n')
    process.exit(2)
  }
  const corpus = generateAccountsCorpus({ seed: Number(values.seed), hours: Number(values.hours) })
  mkdirSync(values.out, { recursive: true })
  writeFileSync(join(values.out, 'access.log'), `${corpus.accessLog.join('\n')}\n`)
  writeFileSync(join(values.out, 'events.ndjson'), `${corpus.events.join('\n')}\n`)
  writeFileSync(join(values.out, 'labels.json'), `${JSON.stringify(corpus.labels)}\n`)
  writeFileSync(join(values.out, 'holdout.json'), `${JSON.stringify(corpus.holdout)}\n`)
  process.stdout.write(`${JSON.stringify({ lines: corpus.accessLog.length, events: corpus.events.length, populations: Object.keys(corpus.labels.populations).length, holdout: corpus.holdout.length })}\n`)
}
