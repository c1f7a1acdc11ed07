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
import { LruList } from './lru-list.ts'
import type { LruLinks } from './lru-list.ts'

interface Node<K, V> extends LruLinks {
  key: K
  value: V
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
}

export class BoundedMap<K, V> {
  readonly #nodes = new Map<K, Node<K, V>>()
  readonly #lru: LruList<Node<K, V>>
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  #evicted = 0
  #free: Node<K, V>[] = []
  /**
   * The node found or inserted last, tried before the Map: most reads of a table repeat its
   * previous key (a page's assets after the page, a read then a write of the same entry; 58 %
   * of the calls on the throughput bench). It is the key's node while it is listed under it.
   */
  #last: Node<K, V> | undefined = undefined

  constructor(options: BoundedMapOptions<K, V>) {
    this.#onEvict = options.onEvict
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
    return this.#node(key)?.value
  }

  /** Reads and marks used at `now`; the hot-path lookup (no closure, one Map read). */
  use(key: K, now: number): V | undefined {
    const node = this.#node(key)
    if (node === undefined) return undefined
    this.#lru.touch(node, now)
    return node.value
  }

  /** The entry for `key`, created with `create` when absent; marks it used at `now`. */
  upsert(key: K, now: number, create: () => V): V {
    const node = this.#node(key)
    if (node !== undefined) {
      this.#lru.touch(node, now)
      return node.value
    }
    return this.#insert(key, create(), now).value
  }

  /** Stores `value` under `key` (replacing any), marked used at `now`. */
  set(key: K, value: V, now: number): void {
    const node = this.#node(key)
    if (node === undefined) {
      this.#insert(key, value, now)
      return
    }
    node.value = value
    this.#lru.touch(node, now)
  }

  delete(key: K): boolean {
    const node = this.#node(key)
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

  /** The listed node of `key`, if any: the last one found, else the Map's. */
  #node(key: K): Node<K, V> | undefined {
    const last = this.#last
    // A node leaves the list (lruIndex -1) before it is released or reused for another key.
    if (last !== undefined && last.lruIndex >= 0 && last.key === key) return last
    const node = this.#nodes.get(key)
    if (node !== undefined) this.#last = node
    return node
  }

  #insert(key: K, value: V, now: number): Node<K, V> {
    let node = this.#free.pop()
    if (node === undefined) {
      node = { key, value, lruIndex: -1, lruStamp: 0, lruLast: now }
    } else {
      node.key = key
      node.value = value
    }
    this.#nodes.set(key, node)
    this.#lru.add(node, now)
    this.#last = node
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
    if (this.#free.length >= MAX_FREE_NODES) return
    // Not holding on to what the entry held.
    node.key = undefined as K
    node.value = undefined as V
    this.#free.push(node)
  }
}
