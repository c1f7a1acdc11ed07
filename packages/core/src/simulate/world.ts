/**
 * State shared by populations: the shop's customer base (accounts, their devices, homes and
 * cards) and the order counter. Built from the seed before the run, so an attacker that
 * targets "real accounts" hits the same customers whatever else is enabled.
 * @module
 */
import type { Catalog } from './catalog.ts'
import { type BrowserProfile, deviceId, pickBrowser } from './clients.ts'
import { MOBILE_V4, MOBILE_V6, ipIn, residentialIp } from './net.ts'
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
  homeIp: string
  addressHash: string
  country: string
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
  nextOrderId(): number
  /** The product whose launch the scalping scenario and a crowd of shoppers wait for. */
  launchProductId: number
  /** Carrier-grade NAT egress addresses: mobile shoppers share these heavily. */
  cgnatPool: readonly string[]
  /**
   * An e-mail address no account of this world has had yet (customers, sign-ups, combo-list
   * entries): two accounts sharing one would merge in the labels, and a login labelled for
   * an unknown account must not name a customer's.
   */
  newEmail(rng: Rng): string
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

export function cgnatIp(rng: Rng, ipv6Share: number): string {
  return rng.chance(ipv6Share) ? ipIn(rng.pick(MOBILE_V6), rng) : ipIn(rng.pick(MOBILE_V4), rng)
}

export function addressHash(rng: Rng): string {
  return `a${rng.hex(16)}`
}

const CARD_BINS = ['411111', '424242', '454313', '510510', '522222', '542418', '371449', '601100']

export function cardBin(rng: Rng): string {
  return rng.pick(CARD_BINS)
}

function buildCustomer(rng: Rng, i: number, shop: ShopSettings, emails: Set<string>, clashes: Rng): Customer {
  const nDevices = rng.weighted([[1, 5], [2, 4], [3, 2]] as const)
  const devices: CustomerDevice[] = []
  for (let d = 0; d < nDevices; d++) devices.push({ browser: pickBrowser(rng, shop.mobileShare), dev: deviceId(rng) })
  return {
    id: `u${100_000 + i}`,
    email: uniqueEmail(rng, emails, clashes),
    devices,
    homeIp: residentialIp(rng, shop.ipv6Share),
    addressHash: addressHash(rng),
    country: rng.weighted([['US', 6], ['GB', 2], ['DE', 2], ['FR', 1]] as const),
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
  const cgnatPool: string[] = []
  for (let i = 0; i < cgnatIps; i++) cgnatPool.push(cgnatIp(rng, shop.ipv6Share))
  const emails = new Set<string>()
  const clashes = rngFor(seed, 'email-clashes')
  const list: Customer[] = []
  for (let i = 0; i < customers; i++) list.push(buildCustomer(rng, i, shop, emails, clashes))
  let order = 700_000 + rng.int(0, 50_000)
  return {
    seed,
    shop,
    catalog,
    customers: Object.freeze(list),
    nextOrderId: () => ++order,
    launchProductId: catalog.firstProductId + rng.int(0, catalog.products - 1),
    cgnatPool: Object.freeze(cgnatPool),
    newEmail: (r) => uniqueEmail(r, emails, clashes),
  }
}

