/**
 * Scalping (OAT-005) and denial of inventory (OAT-021) on a product: a device, IP or
 * account buying one product again and again (often through several accounts), or
 * holding it in carts that never become orders. A shopper buys once; a launch brings
 * many shoppers, each with a few adds, which stays under the per-source counts. Before
 * the drop, a scalping bot polls the product's stock endpoint and browses nothing else;
 * a person looks at the product page, so polling without browsing is raised at once.
 * Buying again is scalping only while the product is in demand against the shop's own mix of
 * orders (`product-demand.ts`): a drop, not the everyday shirt a company's buyer restocks.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { deviceKeyOf, entityKey, httpFacts, sessionKeyOf, type HttpFacts } from '../signals/http-facts.ts'
import type { RequestKind } from '../signals/request-kind.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { DetectionBook, Members, fmtCount, fmtDuration } from './findings.ts'
import type { Finding } from './findings.ts'
import { accountOf } from './keys.ts'
import { ProductDemand } from './product-demand.ts'
import { routeOf } from './route-template.ts'

export const SCALPING_ID = 'inventory.scalping'
const MAX_ACCOUNTS = 50
/** Pending hold checks; beyond this the oldest are dropped rather than memory growing. */
const MAX_PENDING = 10_000

interface ProductStats {
  start: number
  adds: number
  quantity: number
  orders: number
  accounts: Set<string>
  source: EntityRef
  product: string
  holdQueued: boolean
  /** Devices and delivery addresses of the orders (to MAX_ACCOUNTS each); `crowd` stays true while each order brought its own. */
  orderDevices: Set<string>
  orderAddresses: Set<string>
  crowd: boolean
  /** Sessions and accounts that bought or held through this source. */
  members: Members
}

interface PollStats {
  start: number
  polls: number
  members: Members
}

function quantityOf(e: AppEvent): number {
  const q = e.attributes?.['product.quantity']
  return typeof q === 'number' && Number.isFinite(q) && q > 0 ? Math.min(q, 1_000) : 1
}

/**
 * False when `s.toLowerCase()` cannot end with `suffix` (lower case): its last characters are
 * ASCII and differ from the suffix's. A non-ASCII character there may lower-case to anything,
 * so it leaves the answer to the full comparison.
 */
function mayEndWith(s: string, suffix: string): boolean {
  const offset = s.length - suffix.length
  // Lower-casing may lengthen a string (İ), so a shorter one is left to the full comparison.
  if (offset < 0) return true
  for (let i = suffix.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(offset + i)
    if (c > 127) return true
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== suffix.charCodeAt(i)) return false
  }
  return true
}

export function buildScalping(config: AccountsConfig): StreamDetector {
  const c = config.scalping
  const book = new DetectionBook(SCALPING_ID, config.maxKeys)
  /** Orders of every product per source (`type:value`) in the window. */
  const sourceOrders = new KeyedWindows(config.maxKeys, c.windowMs, (start) => ({ start, orders: 0 }))
  const windows = new KeyedWindows<ProductStats>(config.maxKeys, c.windowMs, (start) => ({
    start,
    adds: 0,
    quantity: 0,
    orders: 0,
    accounts: new Set(),
    source: { type: 'ip', value: '' },
    product: '',
    holdQueued: false,
    orderDevices: new Set(),
    orderAddresses: new Set(),
    crowd: true,
    members: new Members(),
  }))
  const lastProduct = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  const demand = new ProductDemand({ windowMs: c.demandWindowMs, minOrders: c.demandMinOrders, pValue: c.demandPValue, maxKeys: config.maxKeys })
  /** Product → sources (window keys) that bought it again before its demand was seen to surge. */
  const awaitingDemand = new BoundedMap<string, Set<string>>({ maxEntries: config.maxKeys })
  const pending: Array<{ key: string; due: number }> = []
  const stockSegments = new Set(c.stockPathSegments.map((x) => x.toLowerCase()))
  const polls = new KeyedWindows<PollStats>(config.maxKeys, c.pollWindowMs, (start) => ({ start, polls: 0, members: new Members() }))
  /** Last time each device or session browsed: a page, or a GET that is not a stock poll; by `entityKey`. */
  const browsedAt = new BoundedMap<string, number>({ maxEntries: config.maxKeys })
  /**
   * Devices and sessions raised for polling stock without browsing (`type:value`), and each
   * with the product it polled (`type:value:product`, the key of its purchases of it).
   */
  const polledWithoutBrowsing = new BoundedMap<string, number>({ maxEntries: config.maxKeys })

  const recordDirs = new Set(c.productRecordDirs.map((x) => x.toLowerCase()))
  const recordExtensions = c.productRecordExtensions.map((x) => x.toLowerCase())

  /**
   * The handle of a product's own record (`/products/sneaker-x.js`), else null. Every static
   * request of the stream comes here, so a path whose ending rules out every record extension
   * is turned away before any string is cut.
   */
  function recordedProduct(path: string): string | null {
    if (!recordExtensions.some((x) => mayEndWith(path, x))) return null
    const slash = path.lastIndexOf('/')
    const dirStart = path.lastIndexOf('/', slash - 1)
    if (slash <= 0 || !recordDirs.has(path.slice(dirStart + 1, slash).toLowerCase())) return null
    const name = path.slice(slash + 1).toLowerCase()
    const ext = recordExtensions.find((x) => name.endsWith(x) && name.length > x.length)
    return ext === undefined ? null : name.slice(0, -ext.length)
  }

  /** The product id of a stock endpoint (`/api/products/10042/stock`) or record, else null. */
  function polledProduct(path: string | null, kind: RequestKind): string | null {
    if (path === null) return null
    if (kind !== 'api') return recordedProduct(path)
    const route = routeOf(path)
    if (route === null) return null
    const last = route.template.slice(route.template.lastIndexOf('/') + 1).toLowerCase()
    return stockSegments.has(last) ? route.id : null
  }

  function polled(client: EntityRef, product: string, e: HttpEvent, sink: DetectionSink): void {
    const key = `${client.type}:${client.value}`
    const s = polls.at(`${key}:${product}`, e.ts)
    s.polls++
    if (e.session_id !== null) s.members.add({ type: 'session', value: e.session_id })
    if (e.device_id !== null) s.members.add({ type: 'device', value: e.device_id })
    if (e.user_name !== null) s.members.add({ type: 'account', value: e.user_name })
    if (e.source_ip !== null) s.members.add({ type: 'ip', value: e.source_ip })
    const browsed = browsedAt.peek(entityKey(client))
    if (s.polls < c.pollsPerClient || (browsed !== undefined && e.ts - browsed < c.pollWindowMs)) return
    const finding: Finding = {
      entity: client,
      threat: 'OAT-005',
      category: 'scalping',
      score: Math.min(90, 55 + 2 * (s.polls - c.pollsPerClient)),
      ts: e.ts,
      windowStart: s.start,
      count: s.polls,
      explanation:
        `${client.type} ${client.value} polled the stock of product ${product} ${fmtCount(s.polls)} times ` +
        `in ${fmtDuration(e.ts - s.start)} without browsing the shop.`,
      evidence: [
        { field: 'product', value: product },
        { field: 'stock_polls', value: s.polls },
        { field: 'pages', value: 0 },
      ],
      related: [],
    }
    polledWithoutBrowsing.set(key, e.ts, e.ts)
    polledWithoutBrowsing.set(`${key}:${product}`, e.ts, e.ts)
    book.record(finding, sink)
    book.recordMembers(finding, s.members.refs, sink)
  }

  function originOf(e: AppEvent): EntityRef[] {
    const out: EntityRef[] = []
    if (e.device_id !== null) out.push({ type: 'device', value: e.device_id })
    if (e.source_ip !== null) out.push({ type: 'ip', value: e.source_ip })
    const account = accountOf(e)
    if (account !== null) out.push({ type: 'account', value: account })
    return out
  }

  function statsFor(source: EntityRef, product: string, e: AppEvent): ProductStats {
    const s = windows.at(`${source.type}:${source.value}:${product}`, e.ts)
    s.source = source
    s.product = product
    const account = accountOf(e)
    if (account !== null && s.accounts.size < MAX_ACCOUNTS) s.accounts.add(account)
    if (account !== null) s.members.add({ type: 'account', value: account })
    if (e.user_name !== null && e.user_name !== account) s.members.add({ type: 'account', value: e.user_name })
    if (e.card_fingerprint !== null) s.members.add({ type: 'card', value: e.card_fingerprint })
    if (e.session_id !== null) s.members.add({ type: 'session', value: e.session_id })
    if (source.type !== 'ip' && e.source_ip !== null) s.members.add({ type: 'ip', value: e.source_ip })
    return s
  }

  function noteBuyer(s: ProductStats, e: AppEvent): void {
    if (!s.crowd) return
    const { device_id: device, address_hash: address } = e
    if (device === null || address === null || s.orderDevices.has(device) || s.orderAddresses.has(address) || s.orderDevices.size >= MAX_ACCOUNTS) {
      s.crowd = false
      return
    }
    s.orderDevices.add(device)
    s.orderAddresses.add(address)
  }

  function scalped(s: ProductStats, ts: number, sink: DetectionSink): void {
    const accounts = s.accounts.size
    // Behind one IP several people may buy the launch product; a device or account buying it
    // through several accounts is one buyer. Two accounts are a couple on one tablet, unless
    // the device polled stock like a bot.
    // A scalper spends its orders on the product it resells. Behind a shared address (a carrier
    // NAT) people buy many products, a popular one a few times an hour; a company's buyer
    // ordering across the catalogue repeats a product now and then; a farm's new accounts on one
    // device each take a welcome offer on whatever they pick (that is OAT-019's to report).
    if (2 * s.orders < (sourceOrders.peek(`${s.source.type}:${s.source.value}`)?.orders ?? 0)) return
    // A launch behind a carrier NAT or a campus address: every order from its own device to its
    // own address is another person. One rig buying again shows a device or an address twice.
    if (s.source.type === 'ip' && s.crowd) return
    const automated = polledWithoutBrowsing.peek(`${s.source.type}:${s.source.value}`) !== undefined
    const viaAccounts = s.source.type !== 'ip' && s.orders >= 2 &&
      (accounts >= c.accountsPerSource || (automated && accounts >= 2))
    // A client that polled this product's stock without browsing is a bot, and what it buys of
    // that product is the bot's first purchase: its account and card are the scalper's.
    const pollersPurchase = polledWithoutBrowsing.peek(`${s.source.type}:${s.source.value}:${s.product}`) !== undefined
    if (s.orders < c.ordersPerSource && !viaAccounts && !pollersPurchase) return
    // Goods of limited availability are what a scalper buys up: a product the shop sells all day
    // bought again by one buyer is a company's restock or a farm's welcome offer, unless the
    // buyer polled its stock like a bot.
    const surge = demand.lastSurge(s.product)
    const inDemand = surge !== undefined && ts - surge.ts <= c.windowMs
    if (!inDemand && !automated) {
      // A rig buys at the drop's first second; the crowd that shows the demand comes after.
      const waiting = awaitingDemand.upsert(s.product, ts, () => new Set())
      if (waiting.size < MAX_ACCOUNTS) waiting.add(`${s.source.type}:${s.source.value}:${s.product}`)
      return
    }
    const finding: Finding = {
      entity: s.source,
      threat: 'OAT-005',
      category: 'scalping',
      score: Math.min(97, 60 + 6 * (s.orders - 1) + 3 * Math.max(0, accounts - 1)),
      ts,
      windowStart: s.start,
      count: s.orders,
      explanation:
        `${s.source.type === 'ip' ? 'IP' : s.source.type} ${s.source.value} placed ${fmtCount(s.orders)} ${s.orders === 1 ? 'order' : 'orders'} ` +
        `for product ${s.product} through ${fmtCount(accounts)} ${accounts === 1 ? 'account' : 'accounts'} in ${fmtDuration(ts - s.start)} ` +
        `(${fmtCount(s.adds)} ${s.adds === 1 ? 'cart add' : 'cart adds'}, ${fmtCount(s.quantity)} ${s.quantity === 1 ? 'unit' : 'units'})` +
        (inDemand ? `, while the product drew ${fmtCount(surge.orders)} of the shop's last ${fmtCount(surge.shopOrders)} orders (${surge.expected.toFixed(1)} expected from its earlier share).` : ', and polled its stock without browsing.'),
      evidence: [
        { field: 'product', value: s.product },
        { field: 'orders', value: s.orders },
        { field: 'accounts', value: accounts },
        { field: 'cart_adds', value: s.adds },
        { field: 'units', value: s.quantity },
      ],
      related: [...s.accounts].map((a) => ({ type: 'account' as const, value: a })),
    }
    book.record(finding, sink)
    book.recordMembers(finding, s.members.refs, sink)
  }

  function held(s: ProductStats, ts: number, sink: DetectionSink): void {
    const finding: Finding = {
      entity: s.source,
      threat: 'OAT-021',
      category: 'denial_of_inventory',
      score: Math.min(95, 60 + 2 * (s.adds - c.heldCartAdds) + s.accounts.size),
      ts,
      windowStart: s.start,
      count: s.adds,
      explanation:
        `${s.source.type === 'ip' ? 'IP' : s.source.type} ${s.source.value} added product ${s.product} to carts ` +
        `${fmtCount(s.adds)} times (${fmtCount(s.quantity)} units) and ordered none in ${fmtDuration(ts - s.start)}.`,
      evidence: [
        { field: 'product', value: s.product },
        { field: 'cart_adds', value: s.adds },
        { field: 'units', value: s.quantity },
        { field: 'orders', value: 0 },
      ],
      related: [...s.accounts].map((a) => ({ type: 'account' as const, value: a })),
    }
    book.record(finding, sink)
    book.recordMembers(finding, s.members.refs, sink)
  }

  return {
    id: SCALPING_ID,
    onHttp(e: HttpEvent, sink: DetectionSink, facts?: HttpFacts) {
      if (e.http_request_method !== 'GET' || (e.device_id === null && e.session_id === null)) return
      const f = facts ?? httpFacts(e)
      const product = polledProduct(f.path, f.kind)
      if (product === null && f.kind === 'static') return
      if (product === null) {
        // Most requests are browsing: marked under the engine's interned entity keys (no key
        // string built, no entity objects) where the facts have them; an empty id has none.
        const device = deviceKeyOf(e, f)
        const session = sessionKeyOf(e, f)
        if (device !== null) browsedAt.set(device, e.ts, e.ts)
        if (session !== null) browsedAt.set(session, e.ts, e.ts)
        return
      }
      const clients: EntityRef[] = []
      if (e.device_id !== null) clients.push({ type: 'device', value: e.device_id })
      if (e.session_id !== null) clients.push({ type: 'session', value: e.session_id })
      for (const client of clients) polled(client, product, e, sink)
    },
    onApp(e: AppEvent, sink: DetectionSink) {
      if (e.event_action === 'cart.add' && e.product_id !== null) {
        for (const source of originOf(e)) {
          lastProduct.set(`${source.type}:${source.value}`, e.product_id, e.ts)
          const s = statsFor(source, e.product_id, e)
          s.adds++
          s.quantity += quantityOf(e)
          // Behind one IP (a carrier NAT at a launch) many people hold carts at once.
          if (source.type !== 'ip' && s.adds >= c.heldCartAdds && s.orders === 0 && !s.holdQueued) {
            s.holdQueued = true
            pending.push({ key: `${source.type}:${source.value}:${e.product_id}`, due: s.start + c.holdMs })
            if (pending.length > MAX_PENDING) pending.shift()
          }
        }
        return
      }
      if (e.event_action === 'payment.authorize' && e.card_fingerprint !== null) {
        // The card paying for a product the source just carted goes with the source's purchases.
        // On a rig's device several accounts check out at once, so the payer's own cart names
        // the product where it is known, not whichever account on the device ordered last.
        const account = accountOf(e)
        const payers = account === null ? undefined : lastProduct.peek(`account:${account}`)
        for (const source of originOf(e)) {
          const product = payers ?? lastProduct.peek(`${source.type}:${source.value}`)
          if (product !== undefined) statsFor(source, product, e)
        }
        return
      }
      if (e.event_action !== 'order.create') return
      const origin = originOf(e)
      // The shop's demand counts each order once, for what its account (else its IP or device) carted.
      const ordered = e.product_id ?? [...origin].reverse().map((o) => lastProduct.peek(`${o.type}:${o.value}`)).find((p) => p !== undefined)
      if (ordered !== undefined && demand.order(e.ts, ordered) !== null) {
        for (const key of awaitingDemand.peek(ordered) ?? []) {
          const s = windows.peek(key)
          if (s !== undefined) scalped(s, e.ts, sink)
        }
        awaitingDemand.delete(ordered)
      }
      for (const source of origin) {
        // An order without a product id is for what the source carted since its last order.
        const sourceKey = `${source.type}:${source.value}`
        sourceOrders.at(sourceKey, e.ts).orders++
        const product = e.product_id ?? lastProduct.peek(sourceKey)
        lastProduct.delete(sourceKey)
        if (product === undefined) continue
        const s = statsFor(source, product, e)
        s.orders++
        noteBuyer(s, e)
        scalped(s, e.ts, sink)
      }
    },
    tick(nowMs: number, sink: DetectionSink) {
      while (pending.length > 0 && pending[0]!.due <= nowMs) {
        const { key } = pending.shift()!
        const s = windows.peek(key)
        if (s !== undefined && s.orders === 0) held(s, nowMs, sink)
      }
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
