/**
 * Keyed state with a hard cap: least-recently-used eviction when full and idle eviction
 * by event time. Every per-entity table in the detectors is one of these, so memory stays
 * bounded whatever the input (a flood of distinct IPs evicts the oldest, it never grows).
 *
 * Recency is a doubly linked list beside the Map. Re-inserting into the Map to keep it in
 * LRU order looks simpler but leaves deleted slots that `keys().next()` must skip, which
 * made eviction cost grow with the table (measured: 200 µs per insert at 50,000 entries).
 * @module
 */

interface Node<K, V> {
  key: K
  value: V
  lastSeen: number
  prev: Node<K, V> | null
  next: Node<K, V> | null
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
  readonly #max: number
  readonly #idleMs: number
  readonly #onEvict: ((key: K, value: V) => void) | undefined
  /** Least recently used end. */
  #head: Node<K, V> | null = null
  /** Most recently used end. */
  #tail: Node<K, V> | null = null
  #evicted = 0
  #free: Node<K, V>[] = []

  constructor(options: BoundedMapOptions<K, V>) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`)
    }
    this.#max = options.maxEntries
    this.#idleMs = options.idleMs ?? 0
    this.#onEvict = options.onEvict
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
    this.#touch(node, now)
    return node.value
  }

  /** The entry for `key`, created with `create` when absent; marks it used at `now`. */
  upsert(key: K, now: number, create: () => V): V {
    const node = this.#nodes.get(key)
    if (node !== undefined) {
      this.#touch(node, now)
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
    this.#touch(node, now)
  }

  delete(key: K): boolean {
    const node = this.#nodes.get(key)
    if (node === undefined) return false
    this.#unlink(node)
    this.#nodes.delete(key)
    this.#release(node)
    return true
  }

  /** Evicts entries not used since `now - idleMs`, oldest first; stops at the first fresh one. */
  evictIdle(now: number): void {
    if (this.#idleMs <= 0) return
    const limit = now - this.#idleMs
    while (this.#head !== null && this.#head.lastSeen < limit) this.#evict(this.#head)
  }

  /** Evicts everything, oldest first, through `onEvict`. */
  flush(): void {
    while (this.#head !== null) this.#evict(this.#head)
  }

  /** Entries from least to most recently used. */
  *entries(): IterableIterator<[K, V]> {
    for (let n = this.#head; n !== null; n = n.next) yield [n.key, n.value]
  }

  #insert(key: K, value: V, now: number): Node<K, V> {
    let node = this.#free.pop()
    if (node === undefined) {
      node = { key, value, lastSeen: now, prev: this.#tail, next: null }
    } else {
      node.key = key
      node.value = value
      node.lastSeen = now
      node.prev = this.#tail
    }
    if (this.#tail !== null) this.#tail.next = node
    else this.#head = node
    this.#tail = node
    this.#nodes.set(key, node)
    if (this.#nodes.size > this.#max && this.#head !== null) this.#evict(this.#head)
    return node
  }

  #touch(node: Node<K, V>, now: number): void {
    if (now > node.lastSeen) node.lastSeen = now
    if (node === this.#tail) return
    this.#unlink(node)
    node.prev = this.#tail
    node.next = null
    if (this.#tail !== null) this.#tail.next = node
    else this.#head = node
    this.#tail = node
  }

  #unlink(node: Node<K, V>): void {
    if (node.prev !== null) node.prev.next = node.next
    else this.#head = node.next
    if (node.next !== null) node.next.prev = node.prev
    else this.#tail = node.prev
    node.prev = null
    node.next = null
  }

  #evict(node: Node<K, V>): void {
    const { key, value } = node
    this.#unlink(node)
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
