/**
 * The entity graph and fraud rings (threat `fraud_ring`). Accounts are linked to the
 * devices, IPs, cards, addresses, phones and e-mails they use. Rings are connected
 * components over STRONG links — a card, phone, address or e-mail shared by several
 * accounts — and Louvain communities over WEAK links (IP, device), where two accounts
 * count as linked only when they share at least two weak nodes, so an office behind one
 * IP is not a ring. Nodes shared by more accounts than `superNodeAccounts` (a carrier NAT
 * address, a shop's warehouse) link nothing. A household is not a ring either: a few
 * accounts that all ship to one address and all use one device or one connection are a
 * family (a crew spreads over devices and proxies so as not to look like one). A strong
 * ring is judged as soon as a link joins it (its component only, `settleMs` later so the
 * rest of the checkout that made the link is in); weak rings, a whole-graph community pass,
 * are recomputed every `intervalMs` of event time; everything again at the end of the
 * stream. A strong ring also takes in the new accounts a member's device or IP ties to it
 * (see `withWeakTies`). A ring keeps its id as it grows, so its detection is updated rather
 * than raised again. A strong ring held by one shared delivery address only (an office's) is a
 * crew only when all its accounts are new; below the usual size, only when they are also
 * strangers, each paying with a card of its own. Two new accounts that are strangers to each
 * other and share a card or a phone number are an early ring, at a lower score (see `PAIR_KINDS`).
 * @module
 */
import { UndirectedGraph } from 'graphology'
import louvainModule from 'graphology-communities-louvain'
import { connectedComponents } from 'graphology-components'
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { AccountsConfig } from '../accounts/config.ts'
import { DetectionBook, MAX_RELATED, fmtCount, fmtDuration } from '../accounts/findings.ts'
import { isStaff } from '../accounts/keys.ts'
import { sharesFamilyName } from '../accounts/name-shape.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { mulberry32 } from '../../util/mulberry32.ts'

export const FRAUD_RING_ID = 'graph.fraud_ring'

export const NODE_KINDS = ['account', 'device', 'ip', 'card', 'address', 'phone', 'email'] as const
export type NodeKind = (typeof NODE_KINDS)[number]
// CommonJS package typed as an ES module: Node hands over `module.exports` (the function)
// as the default import, while the declarations put it under `.default`.
const louvain = louvainModule as unknown as typeof louvainModule.default

/** Distinct products remembered per account for a ring's description. */
const MAX_PRODUCTS = 8
/**
 * The members' own devices and IPs a ring names, at most: a detection's related entities are
 * capped and merged as the ring grows, so the accounts that join later must still find room.
 */
const MAX_OWN_PLACES = 20

const STRONG: ReadonlySet<NodeKind> = new Set(['card', 'address', 'phone', 'email'])

interface NodeAttributes {
  kind: NodeKind
  value: string
  /** Set once the node has more accounts than the super-node cap; its edges stop growing. */
  superNode: boolean
  /** Accounts only: when the stream saw the account registered. */
  registeredAt?: number
}

/** Smaller strong rings of accounts all registered since `since`, sharing `minShared` nodes or more. */
export interface FreshRule {
  minAccounts: number
  since: number
  minShared: number
  /**
   * The strong nodes on which two accounts registered since `since`, strangers to each other,
   * are an early ring: a card (`cardPairScore`), a phone number (`phonePairScore`).
   */
  pairs: ReadonlySet<PairKind>
}

/** What an early pair of strangers shares, strongest first: a card is one person's, a phone may be a recycled or made-up number. */
export const PAIR_KINDS = ['card', 'phone'] as const
export type PairKind = (typeof PAIR_KINDS)[number]

export interface Ring {
  /** The first member in sort order; `buildEntityGraph` keeps a grown ring's earlier id. */
  anchor: string
  links: 'strong' | 'weak'
  /** Below the usual size, but every account was registered lately (a crew's new accounts). */
  fresh: boolean
  /** A fresh ring held by one delivery address only, whose accounts are strangers each paying with its own card. */
  drop: boolean
  /**
   * Two accounts registered lately that pay with one card (or registered with one phone number),
   * sharing no device, IP or name: a crew's second account on its stolen card or burner phone,
   * raised early at a lower score and grown as the crew adds accounts. Null when not such a pair.
   */
  pair: PairKind | null
  accounts: string[]
  /** Shared non-account nodes, by kind. */
  shared: Partial<Record<NodeKind, string[]>>
}

export class EntityGraph {
  readonly graph = new UndirectedGraph<NodeAttributes>()
  readonly #maxNodes: number
  readonly #superNodeAccounts: number
  /** Nodes refused because the graph was full, so a report can say how much was left out. */
  dropped = 0

  constructor(maxNodes: number, superNodeAccounts: number) {
    this.#maxNodes = maxNodes
    this.#superNodeAccounts = superNodeAccounts
  }

  #node(kind: NodeKind, value: string): string | null {
    const key = `${kind}:${value}`
    if (this.graph.hasNode(key)) return key
    if (this.graph.order >= this.#maxNodes) {
      this.dropped++
      return null
    }
    this.graph.addNode(key, { kind, value, superNode: false })
    return key
  }

  /**
   * Links an account to a node. True when the link makes a strong node shared (another
   * account already uses it), so a strong ring may have formed or grown around the account.
   */
  link(account: string, kind: NodeKind, value: string): boolean {
    const a = this.#node('account', account)
    if (a === null) return false
    const n = this.#node(kind, value)
    if (n === null || this.graph.hasEdge(a, n)) return false
    const attrs = this.graph.getNodeAttributes(n)
    if (attrs.superNode) return false
    if (this.graph.degree(n) >= this.#superNodeAccounts) {
      this.graph.setNodeAttribute(n, 'superNode', true)
      return false
    }
    this.graph.addEdge(a, n)
    return STRONG.has(kind) && this.graph.degree(n) >= 2
  }

  /** Records an account's registration, for the fresh-ring rule. */
  registered(account: string, ts: number): void {
    const a = this.#node('account', account)
    if (a !== null) this.graph.setNodeAttribute(a, 'registeredAt', ts)
  }

  /** Accounts linked to a node that is neither a super node nor held by one account only. */
  #sharedAccounts(node: string): string[] | null {
    const attrs = this.graph.getNodeAttributes(node)
    if (attrs.kind === 'account' || attrs.superNode || this.graph.degree(node) < 2) return null
    return this.graph.neighbors(node)
  }

  /**
   * True when every account of the group uses one device or one IP and ships to one
   * address — all of them to it, or those that ordered yet to it alone (rings are judged
   * as links arrive, when a family member has paid with the parents' card but the order
   * with the address is still to come): people living together, not a crew.
   */
  isHousehold(accounts: readonly string[], maxAccounts: number): boolean {
    if (accounts.length > maxAccounts) return false
    const members = new Set(accounts)
    const first = accounts[0]
    if (first === undefined) return false
    let address = false
    let place = false
    for (const n of this.graph.neighbors(first)) {
      const kind = this.graph.getNodeAttribute(n, 'kind')
      if (kind !== 'address' && kind !== 'device' && kind !== 'ip') continue
      const covered = this.graph.neighbors(n).filter((x) => members.has(x)).length === members.size
      if (!covered) continue
      if (kind === 'address') address = true
      else place = true
    }
    return place && (address || this.#addressesOf(accounts).size <= 1)
  }

  #addressesOf(accounts: readonly string[]): Set<string> {
    const out = new Set<string>()
    for (const a of accounts) {
      for (const n of this.graph.neighbors(a)) if (this.graph.getNodeAttribute(n, 'kind') === 'address') out.add(n)
    }
    return out
  }

  /**
   * Components over strong links of at least `minAccounts` accounts, or of at least
   * `fresh.minAccounts` accounts all registered since `fresh.since` and linked by at least
   * `fresh.minShared` shared nodes: a crew's new accounts before it grows, not a family's old ones.
   */
  strongRings(minAccounts: number, fresh?: FreshRule): Ring[] {
    const sub = new UndirectedGraph()
    this.graph.forEachNode((node, attrs) => {
      if (!STRONG.has(attrs.kind)) return
      const accounts = this.#sharedAccounts(node)
      if (accounts === null) return
      sub.mergeNode(node)
      for (const a of accounts) {
        sub.mergeNode(a)
        sub.mergeEdge(node, a)
      }
    })
    return this.#rings(connectedComponents(sub), 'strong', minAccounts, fresh)
  }

  /**
   * The strong component around one account (a walk over shared strong nodes only, so the
   * cost is the component's size, not the graph's), judged like `strongRings` judges
   * components; null when it is not a ring. `seen` collects the accounts visited, so a
   * caller judging several accounts visits each component once.
   */
  strongRingOf(account: string, minAccounts: number, fresh: FreshRule, seen: Set<string>): Ring | null {
    const start = `account:${account}`
    if (!this.graph.hasNode(start) || seen.has(start)) return null
    seen.add(start)
    return this.#rings([this.#strongComponent(start, seen)], 'strong', minAccounts, fresh)[0] ?? null
  }

  /** The nodes reached from `start` (already in `seen`) over shared strong nodes; `seen` collects the accounts. */
  #strongComponent(start: string, seen: Set<string>): string[] {
    const group = [start]
    const visitedNodes = new Set<string>()
    for (let i = 0; i < group.length; i++) {
      for (const n of this.graph.neighbors(group[i]!)) {
        if (visitedNodes.has(n) || !STRONG.has(this.graph.getNodeAttribute(n, 'kind'))) continue
        visitedNodes.add(n)
        const accounts = this.#sharedAccounts(n)
        if (accounts === null) continue
        group.push(n)
        for (const a of accounts) {
          if (seen.has(a)) continue
          seen.add(a)
          group.push(a)
        }
      }
    }
    return group
  }

  /**
   * A strong ring with the accounts its members' devices and IPs tie to it: a device or IP
   * of a member used by at most `maxAccounts` accounts, at least half of them the ring's,
   * brings in its other accounts with their strong components, when every account so brought
   * in was registered since `since`. A crew borrows a device or a proxy now and then between
   * accounts that share no card; an office's or a family's accounts are not new, and a
   * connection many use is not a tie.
   */
  withWeakTies(ring: Ring, since: number, maxAccounts: number): Ring {
    const members = new Set(ring.accounts)
    const seen = new Set(ring.accounts)
    const added: string[] = []
    const ties: string[] = []
    for (let i = 0; i < ring.accounts.length + added.length; i++) {
      const account = ring.accounts[i] ?? added[i - ring.accounts.length]!
      for (const n of this.graph.neighbors(account)) {
        const accounts = this.#sharedAccounts(n)
        if (accounts === null || STRONG.has(this.graph.getNodeAttribute(n, 'kind')) || accounts.length > maxAccounts) continue
        const inRing = accounts.filter((a) => members.has(a)).length
        if (inRing * 2 < accounts.length) continue
        for (const a of accounts) {
          if (seen.has(a)) continue
          seen.add(a)
          const component = this.#strongComponent(a, seen)
          const group = component.filter((x) => this.graph.getNodeAttribute(x, 'kind') === 'account')
          if (!group.every((x) => (this.graph.getNodeAttribute(x, 'registeredAt') ?? -Infinity) >= since)) continue
          ties.push(n, ...component.filter((x) => this.graph.getNodeAttribute(x, 'kind') !== 'account'))
          for (const x of group) {
            members.add(x)
            added.push(x)
          }
        }
      }
    }
    if (added.length === 0) return ring
    const shared: Ring['shared'] = { ...ring.shared }
    for (const n of new Set(ties)) {
      const { kind, value } = this.graph.getNodeAttributes(n)
      if (!shared[kind]?.includes(value)) shared[kind] = [...(shared[kind] ?? []), value]
    }
    return { ...ring, accounts: [...members].sort(), shared }
  }

  /**
   * The devices and IPs the accounts used that no other account did: a crew's own phones and
   * proxies, which the shop blocks with the ring. A device or connection another account used (a
   * family tablet, a carrier NAT address, a super node) is not theirs alone.
   */
  ownPlaces(accounts: readonly string[]): { device: string[]; ip: string[] } {
    const members = new Set(accounts)
    const out: { device: string[]; ip: string[] } = { device: [], ip: [] }
    const seen = new Set<string>()
    for (const a of accounts) {
      for (const n of this.graph.neighbors(a)) {
        if (seen.has(n)) continue
        seen.add(n)
        const { kind, value, superNode } = this.graph.getNodeAttributes(n)
        if ((kind !== 'device' && kind !== 'ip') || superNode) continue
        if (this.graph.neighbors(n).every((x) => members.has(x))) out[kind].push(value)
      }
    }
    return out
  }

  weakRings(minAccounts: number): Ring[] {
    const projection = new UndirectedGraph<Record<string, never>, { weight: number }>()
    this.graph.forEachNode((node, attrs) => {
      if (STRONG.has(attrs.kind)) return
      const accounts = this.#sharedAccounts(node)
      if (accounts === null) return
      for (let i = 0; i < accounts.length; i++) {
        for (let j = i + 1; j < accounts.length; j++) {
          projection.mergeNode(accounts[i]!)
          projection.mergeNode(accounts[j]!)
          projection.updateEdge(accounts[i]!, accounts[j]!, (e) => ({ weight: (e.weight ?? 0) + 1 }))
        }
      }
    })
    // One shared weak node is coincidence (an office IP); two or more is a shared operation.
    projection.filterEdges((_e, attrs) => attrs.weight < 2).forEach((e) => projection.dropEdge(e))
    projection.filterNodes((n) => projection.degree(n) === 0).forEach((n) => projection.dropNode(n))
    if (projection.size === 0) return []
    // Seeded, so Louvain gives the same communities on every run.
    const communities = louvain(projection, { getEdgeWeight: 'weight', rng: mulberry32(7) })
    const groups = new Map<number, string[]>()
    for (const [node, community] of Object.entries(communities)) {
      const group = groups.get(community) ?? []
      group.push(node)
      groups.set(community, group)
    }
    return this.#rings([...groups.values()], 'weak', minAccounts)
  }

  /**
   * True when each account paid with a card of its own and no two of them used one device or
   * one IP or carry e-mail addresses sharing a name other than a first name alone: strangers.
   * People who ship to one address together — a family, flatmates, colleagues — share a
   * connection, a device or a surname,
   * while a crew's new accounts, spread over proxies under made-up names, have only the drop in
   * common, where the goods bought with several cards converge.
   */
  #strangersPaying(accounts: readonly string[]): boolean {
    return this.#strangers(accounts, true)
  }

  /** No two of the accounts used one device or one IP or carry e-mail addresses sharing a family name; with `ownCards`, each paid with a card. */
  #strangers(accounts: readonly string[], ownCards: boolean): boolean {
    const members = new Set(accounts)
    const emails: Array<[string, string]> = []
    for (const a of accounts) {
      let card = false
      for (const n of this.graph.neighbors(a)) {
        const { kind, value } = this.graph.getNodeAttributes(n)
        if (kind === 'card') card = true
        else if (kind === 'email') emails.push([a, value])
        else if ((kind === 'device' || kind === 'ip') && this.graph.neighbors(n).some((x) => x !== a && members.has(x))) return false
      }
      if (ownCards && !card) return false
    }
    return !emails.some(([a, x], i) => emails.slice(i + 1).some(([b, y]) => a !== b && sharesFamilyName(x, y)))
  }

  #rings(groups: string[][], links: Ring['links'], minAccounts: number, fresh?: FreshRule): Ring[] {
    const rings: Ring[] = []
    for (const group of groups) {
      const accounts = group.filter((n) => this.graph.getNodeAttribute(n, 'kind') === 'account').sort()
      const allFresh = fresh !== undefined && accounts.every((a) => (this.graph.getNodeAttribute(a, 'registeredAt') ?? -Infinity) >= fresh.since)
      const small = accounts.length < minAccounts
      let young = allFresh && small && accounts.length >= fresh.minAccounts
      const pairing = allFresh && small && fresh.pairs.size > 0 && accounts.length >= 2
      if (small && !young && !pairing) continue
      const members = new Set(accounts)
      const shared: Ring['shared'] = {}
      const seen = new Set<string>()
      for (const a of accounts) {
        for (const n of this.graph.neighbors(a)) {
          if (seen.has(n)) continue
          seen.add(n)
          const attrs = this.graph.getNodeAttributes(n)
          if (links === 'strong' && !STRONG.has(attrs.kind)) continue
          if (links === 'weak' && STRONG.has(attrs.kind)) continue
          const inRing = this.graph.neighbors(n).filter((x) => members.has(x)).length
          if (attrs.superNode || inRing < 2) continue
          ;(shared[attrs.kind] ??= []).push(attrs.value)
        }
      }
      const sharedNodes = Object.values(shared).reduce((n, values) => n + values.length, 0)
      const drop = young && sharedNodes === 1 && shared.address !== undefined && this.#strangersPaying(accounts)
      if (young && sharedNodes < fresh!.minShared && !drop) young = false
      const pairedBy = young || !pairing ? undefined : PAIR_KINDS.find((kind) => fresh!.pairs.has(kind) && shared[kind] !== undefined)
      const pair = pairedBy !== undefined && this.#strangers(accounts, false) ? pairedBy : null
      if (small && !young && pair === null) continue
      // A star: established customers who share one delivery address and nothing else ship to
      // their workplace, a campus mailroom, a parcel locker; a crew shares more than the drop, or
      // its accounts are new. (A card is one person's: a card many accounts pay with stays a ring.)
      const established = fresh === undefined || accounts.some((a) => (this.graph.getNodeAttribute(a, 'registeredAt') ?? -Infinity) < fresh.since)
      if (links === 'strong' && sharedNodes === 1 && shared.address !== undefined && established) continue
      rings.push({ anchor: accounts[0]!.slice('account:'.length), links, fresh: young || pair !== null, drop, pair, accounts, shared })
    }
    return rings
  }
}

/** Why an early pair of strangers may be a crew, and what else it may be. */
const PAIR_SENTENCE: Record<PairKind, string> = {
  card: 'paying with one card but sharing no device, IP or name with each other, as a crew\'s new accounts on a stolen card do (and, more rarely, a couple\'s)',
  phone: 'registered with one phone number but sharing no device, IP or name with each other, as a crew\'s new accounts on its burner phone do ' +
    '(and, more rarely, strangers typing one made-up number)',
}

function describeShared(shared: Ring['shared']): string {
  const parts: string[] = []
  for (const kind of NODE_KINDS) {
    const n = shared[kind]?.length ?? 0
    if (n > 0) parts.push(`${fmtCount(n)} shared ${kind}${n === 1 ? '' : kind === 'address' ? 'es' : 's'}`)
  }
  return parts.join(', ')
}

export function buildEntityGraph(config: AccountsConfig): StreamDetector {
  const c = config.graph
  const graph = new EntityGraph(c.maxNodes, c.superNodeAccounts)
  const book = new DetectionBook(FRAUD_RING_ID, config.maxKeys)
  let nextRun = -1
  let firstTs = -1
  let lastTs = 0

  /** The ring id each account was last reported under, so a growing ring keeps its id. */
  const ringOf = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  /** Ring ids last reported as an early pair of strangers on one card or phone. */
  const pairIds = new BoundedMap<string, true>({ maxEntries: config.maxKeys })
  const isRingMember = (account: string): boolean => {
    const id = ringOf.peek(account)
    return id !== undefined && pairIds.peek(id) === undefined
  }

  function ringId(ring: Ring, taken: ReadonlySet<string>): string {
    const votes = new Map<string, number>()
    for (const a of ring.accounts) {
      const id = ringOf.peek(a)
      if (id !== undefined && !taken.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1)
    }
    let best = `ring:${ring.anchor}`
    let most = 0
    for (const [id, n] of votes) {
      if (n > most || (n === most && id < best)) [best, most] = [id, n]
    }
    return best
  }

  /**
   * Per account, the products it ordered (an order without a product id counts for the product
   * it carted last): a ring whose accounts mostly bought one product is one operator buying
   * through many accounts, the shape of a scalping crew, and its detection says so.
   */
  const ordered = new BoundedMap<string, Map<string, number>>({ maxEntries: config.maxKeys })
  const carted = new BoundedMap<string, string>({ maxEntries: config.maxKeys })

  function onOrder(account: string, e: AppEvent): void {
    if (e.event_action === 'cart.add') {
      if (e.product_id !== null) carted.set(account, e.product_id, e.ts)
      return
    }
    const product = e.product_id ?? carted.peek(account)
    if (e.event_action !== 'order.create' || product === undefined) return
    const products = ordered.upsert(account, e.ts, () => new Map())
    if (products.has(product) || products.size < MAX_PRODUCTS) products.set(product, (products.get(product) ?? 0) + 1)
  }

  /** The product most of the ring's accounts ordered, when at least half of them (and three) did. */
  function sharedProduct(accounts: readonly string[]): { product: string; accounts: number; orders: number } | null {
    const byProduct = new Map<string, { accounts: number; orders: number }>()
    for (const a of accounts) {
      for (const [product, n] of ordered.peek(a) ?? []) {
        const x = byProduct.get(product) ?? { accounts: 0, orders: 0 }
        x.accounts++
        x.orders += n
        byProduct.set(product, x)
      }
    }
    let best: { product: string; accounts: number; orders: number } | null = null
    for (const [product, x] of byProduct) if (best === null || x.accounts > best.accounts) best = { product, ...x }
    return best !== null && best.accounts >= 3 && 2 * best.accounts >= accounts.length ? best : null
  }

  /**
   * True when every account ordered `product` and nothing else: one buyer getting past a
   * per-customer limit through accounts that share its card and its address — a scalping crew,
   * which `inventory.scalping` names for what it bought. A ring buys what it can resell across
   * the catalogue, or at least not one item alone on every account. An account that has paid
   * but whose order is still to come counts for the product it carted.
   */
  function oneProductBuyer(accounts: readonly string[], product: string): boolean {
    return accounts.every((a) => {
      const products = ordered.peek(a)
      return products === undefined ? carted.peek(a) === product : products.size === 1 && products.has(product)
    })
  }

  const pairs: ReadonlySet<PairKind> = new Set(PAIR_KINDS.filter((kind) => (kind === 'card' ? c.cardPairScore : c.phonePairScore) > 0))
  const freshRule = (): FreshRule => ({
    minAccounts: c.minFreshRing, since: lastTs - c.freshAccountMs, minShared: c.minFreshSharedNodes, pairs,
  })

  /** Accounts a strong link was just added to → when, judged `settleMs` later. */
  const pending = new Map<string, number>()

  function report(sink: DetectionSink): void {
    pending.clear()
    const fresh = freshRule()
    record([...graph.strongRings(c.minStrongRing, fresh), ...graph.weakRings(c.minWeakRing)], sink)
  }

  /** Judges the strong components around the accounts whose links have settled. */
  function reportSettled(nowMs: number, sink: DetectionSink): void {
    const fresh = freshRule()
    const seen = new Set<string>()
    const rings: Ring[] = []
    for (const [account, ts] of pending) {
      // Insertion order is time order, so the first unsettled account ends the pass.
      if (nowMs - ts < c.settleMs) break
      pending.delete(account)
      const ring = graph.strongRingOf(account, c.minStrongRing, fresh, seen)
      if (ring !== null) rings.push(ring)
    }
    if (rings.length > 0) record(rings, sink)
  }

  // The engine stamps a detection with its clock when first raised, so a ring judged at a
  // tick is raised then, though its evidence time (`ts`) is the latest event's.
  function record(found: Ring[], sink: DetectionSink): void {
    const since = lastTs - c.freshAccountMs
    // An early pair is judged after the rings, and only while none of them holds its accounts:
    // a crew's ring that grew over them is the one detection to update.
    const rings = found
      .filter((ring) => !graph.isHousehold(ring.accounts, c.maxHouseholdAccounts))
      .map((ring) => (ring.links === 'strong' && ring.pair === null ? graph.withWeakTies(ring, since, c.maxTieAccounts) : ring))
      .sort((a, b) => Number(a.pair !== null) - Number(b.pair !== null))
    const taken = new Set<string>()
    const inRings = new Set<string>()
    for (const ring of rings) {
      if (ring.pair !== null && ring.accounts.some((a) => inRings.has(a) || isRingMember(a))) continue
      if (ring.pair === null) for (const a of ring.accounts) inRings.add(a)
      const accounts = ring.accounts.map((a) => a.slice('account:'.length))
      const product = sharedProduct(accounts)
      if (product !== null && oneProductBuyer(accounts, product.product)) continue
      const id = ringId(ring, taken)
      if (ring.pair !== null) pairIds.set(id, true, lastTs)
      else pairIds.delete(id)
      taken.add(id)
      for (const a of ring.accounts) ringOf.set(a, id, lastTs)
      const related: EntityRef[] = accounts.map((value) => ({ type: 'account', value }))
      for (const value of ring.shared.card ?? []) related.push({ type: 'card', value })
      for (const value of ring.shared.device ?? []) related.push({ type: 'device', value })
      for (const value of ring.shared.ip ?? []) related.push({ type: 'ip', value })
      const own = graph.ownPlaces(ring.accounts)
      const places: EntityRef[] = [
        ...own.device.filter((value) => !ring.shared.device?.includes(value)).map((value): EntityRef => ({ type: 'device', value })),
        ...own.ip.filter((value) => !ring.shared.ip?.includes(value)).map((value): EntityRef => ({ type: 'ip', value })),
      ]
      related.push(...places.slice(0, MAX_OWN_PLACES))
      const size = accounts.length
      const min = ring.pair !== null ? 2 : ring.fresh ? c.minFreshRing : ring.links === 'strong' ? c.minStrongRing : c.minWeakRing
      const base = ring.pair === 'card' ? c.cardPairScore : ring.pair === 'phone' ? c.phonePairScore : ring.links === 'strong' ? 65 : 55
      const listed = accounts.slice(0, 5).join(', ') + (size > 5 ? ', …' : '')
      book.record(
        {
          entity: { type: 'actor', value: id },
          threat: 'fraud_ring',
          category: 'fraud_ring',
          score: Math.min(95, base + 4 * (size - min)),
          ts: lastTs,
          windowStart: firstTs,
          count: size,
          explanation:
            `${fmtCount(size)} accounts (${listed}) are linked by ${describeShared(ring.shared)} ` +
            `(${ring.links} links${ring.fresh ? `, all registered in the last ${fmtDuration(c.freshAccountMs)}` : ''})` +
            (ring.pair === null ? '' : `, ${PAIR_SENTENCE[ring.pair]}: raised early at a lower score, it grows as accounts join`) +
            (ring.drop ? `, each paying with a card of its own and sharing no device, IP or name with the others: strangers whose purchases converge on one address, as at a drop` : '') +
            (product === null ? '.' : `; ${fmtCount(product.accounts)} of them ordered product ${product.product} ` +
              `(${fmtCount(product.orders)} orders): one operator buying one product through many accounts, as a scalping crew does.`),
          evidence: [
            { field: 'accounts', value: size },
            { field: 'links', value: ring.links },
            { field: 'all_fresh', value: ring.fresh },
            ...(ring.drop ? [{ field: 'drop_of_strangers', value: true }] : []),
            ...(ring.pair === null ? [] : [{ field: `${ring.pair}_of_strangers`, value: true }]),
            { field: 'own_devices', value: own.device.length },
            { field: 'own_ips', value: own.ip.length },
            ...(product === null ? [] : [
              { field: 'shared_product', value: product.product },
              { field: 'shared_product_accounts', value: product.accounts },
            ]),
            ...Object.entries(ring.shared).map(([kind, values]) => ({
              field: `shared_${kind}`,
              value: values.slice(0, MAX_RELATED).join(','),
            })),
          ],
          related,
        },
        sink,
      )
    }
    book.flush(sink)
  }

  return {
    id: FRAUD_RING_ID,
    onApp(e: AppEvent) {
      const account = e.user_id ?? e.user_name
      if (account === null) return
      // Logins that fail say nothing about who uses what; staff devices touch every account.
      if (e.event_action === 'account.login' && e.event_outcome !== 'success') return
      if (isStaff(e.user_name, e.attributes, config)) return
      if (firstTs < 0) firstTs = e.ts
      lastTs = Math.max(lastTs, e.ts)
      if (e.event_action === 'account.register' && e.event_outcome !== 'failure') graph.registered(account, e.ts)
      onOrder(account, e)
      if (e.device_id !== null) graph.link(account, 'device', e.device_id)
      if (e.source_ip !== null) graph.link(account, 'ip', e.source_ip)
      let joined = false
      if (e.card_fingerprint !== null) joined = graph.link(account, 'card', e.card_fingerprint) || joined
      if (e.address_hash !== null) joined = graph.link(account, 'address', e.address_hash) || joined
      if (e.user_phone_hash !== null) joined = graph.link(account, 'phone', e.user_phone_hash) || joined
      if (e.user_email !== null) joined = graph.link(account, 'email', e.user_email.toLowerCase()) || joined
      // Bounded like the graph: past the cap the periodic pass covers what is not judged here.
      if (joined && !pending.has(account) && pending.size < config.maxKeys) pending.set(account, e.ts)
    },
    tick(nowMs: number, sink: DetectionSink) {
      if (nextRun < 0) nextRun = nowMs + c.intervalMs
      if (nowMs < nextRun) {
        if (pending.size > 0) reportSettled(nowMs, sink)
        return
      }
      nextRun = nowMs + c.intervalMs
      report(sink)
    },
    finish(sink: DetectionSink) {
      if (firstTs >= 0) report(sink)
    },
  }
}
