/**
 * Named IP range lists (cloud, CDN, VPN, crawler, scanner … ranges) compiled into one
 * sorted segmentation of the address space per family: each segment start carries the
 * id of the exact set of lists covering it, so a lookup is one binary search whatever
 * the number of lists, and answers both the flags and the list names (a detector needs
 * to know that an address is in `googlebot`, not just in some crawler list).
 * @module
 */
import { IP_FLAGS, type IpFlag } from '../events/http-event.ts'
import { findLastAtMostV4, findLastAtMostV6, parseCidr, type ParsedIp } from './ip-address.ts'

export interface IpRangeList {
  readonly name: string
  readonly flag: IpFlag
  readonly cidrs: readonly string[]
}

/** The lists covering one segment of the address space. */
export interface RangeMatch {
  readonly flags: readonly IpFlag[]
  readonly lists: readonly string[]
}

export interface IpRangeIndex {
  readonly v4Starts: Uint32Array
  readonly v4Sets: Uint32Array
  /** Four words per segment start, most significant first. */
  readonly v6Starts: Uint32Array
  readonly v6Sets: Uint32Array
  /** Set 0 is the empty set. */
  readonly sets: readonly RangeMatch[]
  /** Entries that were not an address or CIDR block, per list name. */
  readonly rejected: Readonly<Record<string, number>>
}

/** Most lists one index holds; the sweep packs a list number into each event key. */
const MAX_LISTS = 1024

export const NO_RANGE_MATCH: RangeMatch = Object.freeze({
  flags: Object.freeze([]) as readonly IpFlag[],
  lists: Object.freeze([]) as readonly string[],
})

/**
 * Compiles the lists. Malformed entries are skipped and counted in `rejected`, since a
 * list (especially a user-supplied one) with one bad line is still worth using.
 * @example buildIpRangeIndex([{ name: 'googlebot', flag: 'crawler', cidrs: ['66.249.64.0/27'] }])
 */
export function buildIpRangeIndex(lists: readonly IpRangeList[]): IpRangeIndex {
  if (lists.length > MAX_LISTS) throw new RangeError(`at most ${MAX_LISTS} range lists, got ${lists.length}`)
  const rejected: Record<string, number> = {}
  // Event keys: position × 2 × MAX_LISTS + list × 2 + (0 = range ends before position, 1 = starts).
  const v4Events: number[] = []
  const v6Events: { pos: bigint; key: number }[] = []
  lists.forEach((list, li) => {
    for (const cidr of list.cidrs) {
      const range = parseCidr(cidr.trim())
      if (range === null) {
        rejected[list.name] = (rejected[list.name] ?? 0) + 1
        continue
      }
      if (range.version === 4) {
        v4Events.push(range.start * 2 * MAX_LISTS + li * 2 + 1)
        if (range.end < 0xffffffff) v4Events.push((range.end + 1) * 2 * MAX_LISTS + li * 2)
      } else {
        v6Events.push({ pos: wordsToBigInt(range.start), key: li * 2 + 1 })
        const after = wordsToBigInt(range.end) + 1n
        if (after < 1n << 128n) v6Events.push({ pos: after, key: li * 2 })
      }
    }
  })

  const sets = new SetTable(lists)
  const v4Sorted = Float64Array.from(v4Events).sort()
  const v4 = sweep(
    v4Sorted.length,
    (i) => Math.floor(v4Sorted[i]! / (2 * MAX_LISTS)),
    (i) => v4Sorted[i]! % (2 * MAX_LISTS),
    sets,
  )
  v6Events.sort((a, b) => (a.pos < b.pos ? -1 : a.pos > b.pos ? 1 : a.key - b.key))
  const v6 = sweep(v6Events.length, (i) => v6Events[i]!.pos, (i) => v6Events[i]!.key, sets)

  const v6Starts = new Uint32Array(v6.starts.length * 4)
  v6.starts.forEach((pos, i) => v6Starts.set(bigIntToWords(pos), i * 4))
  return {
    v4Starts: Uint32Array.from(v4.starts),
    v4Sets: Uint32Array.from(v4.sets),
    v6Starts,
    v6Sets: Uint32Array.from(v6.sets),
    sets: Object.freeze(sets.entries),
    rejected: Object.freeze(rejected),
  }
}

export function matchIpRanges(index: IpRangeIndex, ip: ParsedIp): RangeMatch {
  const i = ip.version === 4 ? findLastAtMostV4(index.v4Starts, ip.value) : findLastAtMostV6(index.v6Starts, ip.words)
  if (i < 0) return NO_RANGE_MATCH
  const set = ip.version === 4 ? index.v4Sets[i]! : index.v6Sets[i]!
  return index.sets[set] ?? NO_RANGE_MATCH
}

/** Interns each distinct combination of lists as a small integer. */
class SetTable {
  readonly entries: RangeMatch[] = [NO_RANGE_MATCH]
  readonly #ids = new Map<string, number>([['', 0]])
  readonly #lists: readonly IpRangeList[]

  constructor(lists: readonly IpRangeList[]) {
    this.#lists = lists
  }

  get listCount(): number {
    return this.#lists.length
  }

  idOf(active: Int32Array): number {
    const members: number[] = []
    for (let i = 0; i < active.length; i++) if (active[i]! > 0) members.push(i)
    const key = members.join(',')
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.entries.length
      const flags = new Set(members.map((m) => this.#lists[m]!.flag))
      this.entries.push(
        Object.freeze({
          flags: Object.freeze(IP_FLAGS.filter((f) => flags.has(f))),
          lists: Object.freeze([...new Set(members.map((m) => this.#lists[m]!.name))]),
        }),
      )
      this.#ids.set(key, id)
    }
    return id
  }
}

/**
 * Walks range boundaries in address order, keeping a count of open ranges per list
 * (lists may overlap themselves), and emits a segment whenever the covering set changes.
 */
function sweep<P>(
  count: number,
  positionAt: (i: number) => P,
  keyAt: (i: number) => number,
  sets: SetTable,
): { starts: P[]; sets: number[] } {
  const active = new Int32Array(sets.listCount)
  const starts: P[] = []
  const ids: number[] = []
  let current = 0
  let i = 0
  while (i < count) {
    const pos = positionAt(i)
    while (i < count && positionAt(i) === pos) {
      const key = keyAt(i)
      active[key >> 1]! += key & 1 ? 1 : -1
      i++
    }
    const id = sets.idOf(active)
    if (id !== current) {
      starts.push(pos)
      ids.push(id)
      current = id
    }
  }
  return { starts, sets: ids }
}

function wordsToBigInt(w: readonly [number, number, number, number]): bigint {
  return (BigInt(w[0]) << 96n) | (BigInt(w[1]) << 64n) | (BigInt(w[2]) << 32n) | BigInt(w[3])
}

function bigIntToWords(v: bigint): number[] {
  return [Number((v >> 96n) & 0xffffffffn), Number((v >> 64n) & 0xffffffffn), Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)]
}
