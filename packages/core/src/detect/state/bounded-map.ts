/**
 * Keyed state with a hard cap: least-recently-used eviction when full and idle eviction
 * by event time. Every per-entity table in the detectors is one of these, so memory stays
 * bounded whatever the input (a flood of distinct IPs evicts the oldest, it never grows).
 *
 * Recency is an LruList of the Map's nodes. Re-inserting into the Map to keep it in LRU
 * order looks simpler but leaves deleted slots that `keys().next()` must skip, which made
 * eviction cost grow with the table (measured: 200 µs per insert at 50,000 entries).
 * @module
 */
import type { KeyedEntity } from '../signals/http-facts.ts'
import type { EntitySlot } from './entity-cache.ts'
import { LruList } from './lru-list.ts'
import type { LruLinks } from './lru-list.ts'

class Node<K, V> implements LruLinks {
  lruIndex = -1
  lruStamp = 0

  constructor(
    /** The map it belongs to: an entity's cache slot may hold another map's node. */
    readonly owner: BoundedMap<K, V>,
    public key: K,
    public value: V,
    public lruLast: number,
  ) {}
}

// Nodes of removed entries kept for the next inserts: tables churn (windows close and reopen,
// idle entities come back), and a node that lived for minutes would otherwise be old garbage.
const MAX_FREE_NODES = 1024

export interface BoundedMapOptions<K, V> {
  /** Hard cap on entries. */
  maxEntries: number
  /** Entries idle longer than this (event-time ms) go on `evictIdle`; 0 keeps them until the cap. */
  idleMs?: number
  /** Called for every entry that leaves the map other than by `delete`, so callers can flush it. */
  onEvict?: (key: K, value: V) => void
  /** The entity cache slot `useEntity` and `setEntity` keep entries' nodes in. */
  slot?: EntitySlot
}

export class BoundedMap<K, V> {
  readonly #nodes = new Map<K, Node<K, V>>()
  readonly #lru: LruList<Node<K, V>>
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  readonly #slot: EntitySlot | undefined
  #evicted = 0
  #free: Node<K, V>[] = []

  constructor(options: BoundedMapOptions<K, V>) {
    this.#onEvict = options.onEvict
    this.#slot = options.slot
    this.#lru = new LruList<Node<K, V>>({
      maxEntries: options.maxEntries,
      ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
      onEvict: (node) => this.#evict(node),
    })
  }

  get size(): number {
    return this.#nodes.size
  }

  /** Entries evicted so far (cap or idle), for reports on state pressure. */
  get evicted(): number {
    return this.#evicted
  }

  /** Reads without refreshing recency. */
  peek(key: K): V | undefined {
    return this.#nodes.get(key)?.value
  }

  /** Reads and marks used at `now`; the hot-path lookup (no closure, one Map read). */
  use(key: K, now: number): V | undefined {
    const node = this.#nodes.get(key)
    if (node === undefined) return undefined
    this.#lru.touch(node, now)
    return node.value
  }

  /** `use` for an entity's entry, found through its cache slot while that holds the entry's node. */
  useEntity(this: BoundedMap<string, V>, entity: KeyedEntity, now: number): V | undefined {
    const slot = this.#slot
    if (slot === undefined) return this.use(entity.key, now)
    const cached = entity.cache[slot]
    const node = cached instanceof Node && cached.owner === this && cached.lruIndex >= 0 && cached.key === entity.key ? (cached as Node<string, V>) : this.#nodes.get(entity.key)
    if (node === undefined) return undefined
    if (node !== cached) entity.cache[slot] = node
    this.#lru.touch(node, now)
    return node.value
  }

  /** `set` for an entity, leaving the entry's node in its cache slot. */
  setEntity(this: BoundedMap<string, V>, entity: KeyedEntity, value: V, now: number): void {
    let node = this.#nodes.get(entity.key)
    if (node === undefined) {
      node = this.#insert(entity.key, value, now)
    } else {
      node.value = value
      this.#lru.touch(node, now)
    }
    if (this.#slot !== undefined) entity.cache[this.#slot] = node
  }

  /** The entry for `key`, created with `create` when absent; marks it used at `now`. */
  upsert(key: K, now: number, create: () => V): V {
    const node = this.#nodes.get(key)
    if (node !== undefined) {
      this.#lru.touch(node, now)
      return node.value
    }
    return this.#insert(key, create(), now).value
  }

  /** Stores `value` under `key` (replacing any), marked used at `now`. */
  set(key: K, value: V, now: number): void {
    const node = this.#nodes.get(key)
    if (node === undefined) {
      this.#insert(key, value, now)
      return
    }
    node.value = value
    this.#lru.touch(node, now)
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key)
    if (node === undefined) return false
    this.#lru.remove(node)
    this.#nodes.delete(key)
    this.#release(node)
    return true
  }

  /** Evicts entries not used since `now - idleMs`, oldest first; stops at the first fresh one. */
  evictIdle(now: number): void {
    this.#lru.evictIdle(now)
  }

  /** Evicts everything, oldest first, through `onEvict`. */
  flush(): void {
    this.#lru.flush()
  }

  /** Entries from least to most recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (const n of this.#lru) yield [n.key, n.value]
  }

  #insert(key: K, value: V, now: number): Node<K, V> {
    let node = this.#free.pop()
    if (node === undefined) {
      node = new Node(this, key, value, now)
    } else {
      node.key = key
      node.value = value
    }
    this.#nodes.set(key, node)
    this.#lru.add(node, now)
    return node
  }

  #evict(node: Node<K, V>): void {
    const { key, value } = node
    this.#nodes.delete(key)
    this.#evicted++
    this.#onEvict?.(key, value)
    this.#release(node)
  }

  #release(node: Node<K, V>): void {
    // Not holding on to what the entry held, reused or not: an entity's cache slot may still
    // point at the node, which would otherwise keep the value alive as long as the entity.
    node.key = undefined as K
    node.value = undefined as V
    if (this.#free.length < MAX_FREE_NODES) this.#free.push(node)
  }
}
