/**
 * State shared by populations: the shop's customer base (accounts, their devices, homes and
 * cards) and the order counter. Built from the seed before the run, so an attacker that
 * targets "real accounts" hits the same customers whatever else is enabled.
 * @module
 */
import type { Catalog } from './catalog.ts'
import { type BrowserProfile, deviceId, pickBrowser } from './clients.ts'
import { type Country, mobileIpIn, residentialIpIn } from './net.ts'
import { type Rng, rngFor } from './prng.ts'

const FIRST = ['anna', 'ben', 'carla', 'david', 'emma', 'felix', 'grace', 'hugo', 'ines', 'jonas', 'kate', 'liam',
  'maria', 'noah', 'olga', 'paul', 'rosa', 'sam', 'tina', 'yusuf', 'zoe', 'lena', 'marc', 'nina']
const LAST = ['smith', 'mueller', 'martin', 'garcia', 'rossi', 'brown', 'novak', 'dubois', 'khan', 'jensen',
  'silva', 'weber', 'taylor', 'moreau', 'kowalski', 'larsen', 'meyer', 'lopez', 'walker', 'nguyen']
const MAIL = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr']

export interface CustomerDevice {
  browser: BrowserProfile
  dev: string
}

export interface Customer {
  id: string
  email: string
  devices: CustomerDevice[]
  /** Where the customer lives: home line, phone network, phone number and address are all there. */
  country: Country
  homeIp: string
  addressHash: string
  cardFingerprint: string
  cardBin: string
  phoneHash: string
}

export interface ShopSettings {
  host: string
  ipv6Share: number
  mobileShare: number
  peakHourUtc: number
}

export interface World {
  seed: number
  shop: ShopSettings
  catalog: Catalog
  customers: readonly Customer[]
  /** The customers who live in each country: people who share a home, an office or a phone mast. */
  customersIn: Readonly<Record<Country, readonly Customer[]>>
  nextOrderId(): number
  /** The product whose launch the scalping scenario and a crowd of shoppers wait for. */
  launchProductId: number
  /** Carrier-grade NAT egress addresses per country: mobile shoppers share these heavily. */
  cgnatPools: Readonly<Record<Country, readonly string[]>>
  /**
   * An e-mail address no account of this world has had yet (customers, sign-ups, combo-list
   * entries): two accounts sharing one would merge in the labels, and a login labelled for
   * an unknown account must not name a customer's.
   */
  newEmail(rng: Rng): string
  /**
   * An account id no account of this world has had yet, drawn from `rng` in `[low, high]` as
   * before (so what `rng` draws next is unchanged): shoppers registering at checkout, farms,
   * crews and carders all draw from one range, and a shared id would merge their accounts in the
   * events and the labels.
   */
  newAccountId(rng: Rng, low?: number, high?: number): string
  /**
   * A customer of the shop's whom no other population picks from `customers`: for people whose
   * whereabouts a population plans (a trip), so that another visit cannot put them back home meanwhile.
   */
  newCustomer(rng: Rng): Customer
}

function emailLike(rng: Rng): string {
  const style = rng.int(0, 3)
  const f = rng.pick(FIRST)
  const l = rng.pick(LAST)
  const local = style === 0 ? `${f}.${l}` : style === 1 ? `${f}${l}${rng.int(1, 99)}` : style === 2 ? `${f[0]}${l}` : `${f}_${l}${rng.int(1960, 2006)}`
  return `${local}@${rng.pick(MAIL)}`
}

/**
 * Draws until the address is free; once the plain names run out, digits go on, as people add
 * them. Redraws come from `clashes`, so a clash changes nothing else `rng` goes on to draw.
 */
function uniqueEmail(rng: Rng, taken: Set<string>, clashes: Rng): string {
  let email = emailLike(rng)
  for (let tries = 1; taken.has(email); tries++) {
    email = emailLike(clashes)
    if (tries >= 4) email = email.replace('@', `${clashes.int(1, 9_999)}@`)
  }
  taken.add(email)
  return email
}

/** Where the shop's customers (and its first-time visitors) live. */
const COUNTRY_WEIGHTS: ReadonlyArray<readonly [Country, number]> = [['US', 6], ['GB', 2], ['DE', 2], ['FR', 1]]

export function pickCountry(rng: Rng): Country {
  return rng.weighted(COUNTRY_WEIGHTS)
}

export function addressHash(rng: Rng): string {
  return `a${rng.hex(16)}`
}

const CARD_BINS = ['411111', '424242', '454313', '510510', '522222', '542418', '371449', '601100']

export function cardBin(rng: Rng): string {
  return rng.pick(CARD_BINS)
}

/**
 * Keeps the first draw when it is free; redraws come from `clashes`, and past a few of them from
 * a range ten times wider, so a full range cannot stall the run.
 */
function uniqueAccountId(rng: Rng, taken: Set<string>, clashes: Rng, low: number, high: number): string {
  let id = `u${rng.int(low, high)}`
  for (let tries = 1; taken.has(id); tries++) id = `u${tries < 4 ? clashes.int(low, high) : clashes.int(high + 1, high * 10)}`
  taken.add(id)
  return id
}

function buildCustomer(rng: Rng, id: string, shop: ShopSettings, emails: Set<string>, clashes: Rng): Customer {
  const nDevices = rng.weighted([[1, 5], [2, 4], [3, 2]] as const)
  const devices: CustomerDevice[] = []
  for (let d = 0; d < nDevices; d++) devices.push({ browser: pickBrowser(rng, shop.mobileShare), dev: deviceId(rng) })
  const country = pickCountry(rng)
  return {
    id,
    email: uniqueEmail(rng, emails, clashes),
    devices,
    country,
    homeIp: residentialIpIn(country, rng, shop.ipv6Share),
    addressHash: addressHash(rng),
    cardFingerprint: `c${rng.hex(16)}`,
    cardBin: cardBin(rng),
    phoneHash: `p${rng.hex(16)}`,
  }
}

export function buildWorld(
  seed: number,
  shop: ShopSettings,
  catalog: Catalog,
  customers: number,
  cgnatIps: number,
): World {
  const rng = rngFor(seed, 'world')
  // Each country's carriers get a share of the pool by its share of customers, two at least.
  const total = COUNTRY_WEIGHTS.reduce((n, [, w]) => n + w, 0)
  const cgnatPools = {} as Record<Country, readonly string[]>
  for (const [country, weight] of COUNTRY_WEIGHTS) {
    const pool: string[] = []
    for (let i = Math.max(2, Math.round((cgnatIps * weight) / total)); i > 0; i--) pool.push(mobileIpIn(country, rng, shop.ipv6Share))
    cgnatPools[country] = Object.freeze(pool)
  }
  const emails = new Set<string>()
  const clashes = rngFor(seed, 'email-clashes')
  const ids = new Set<string>()
  const idClashes = rngFor(seed, 'account-id-clashes')
  // Customers are numbered in order; a number a new account already took is skipped.
  let nextCustomer = 100_000
  const customerId = (): string => {
    while (ids.has(`u${nextCustomer}`)) nextCustomer++
    const id = `u${nextCustomer++}`
    ids.add(id)
    return id
  }
  const list: Customer[] = []
  for (let i = 0; i < customers; i++) list.push(buildCustomer(rng, customerId(), shop, emails, clashes))
  const customersIn = {} as Record<Country, readonly Customer[]>
  for (const [country] of COUNTRY_WEIGHTS) customersIn[country] = Object.freeze(list.filter((c) => c.country === country))
  let order = 700_000 + rng.int(0, 50_000)
  return {
    seed,
    shop,
    catalog,
    customers: Object.freeze(list),
    customersIn: Object.freeze(customersIn),
    nextOrderId: () => ++order,
    launchProductId: catalog.firstProductId + rng.int(0, catalog.products - 1),
    cgnatPools: Object.freeze(cgnatPools),
    newEmail: (r) => uniqueEmail(r, emails, clashes),
    newAccountId: (r, low = 900_000, high = 999_999) => uniqueAccountId(r, ids, idClashes, low, high),
    newCustomer: (r) => buildCustomer(r, customerId(), shop, emails, clashes),
  }
}

