/**
 * The engine's finding cache: what was found in a value, by value, kind and header name.
 * A fixed table of two-way sets instead of a Map per header name: a Map lookup hashes the
 * whole value, and a server hands over every header, cookie and parameter as a fresh
 * string whose hash V8 has never computed (measured: hashing and Map probing were 40% of
 * the guard's time on a request whose values were all cached). Here a value picks its set
 * by a hash of its length and six of its characters, and a hit is confirmed by comparing the whole
 * value (a memory compare, several times faster than hashing it). The sample only decides
 * where a value lives, never whether it matches, so values that share it only compete for
 * a set's two places: a cost, never a wrong answer.
 * @module
 */
import type { TargetKind } from './detectors/finding.ts'

/**
 * The length and six characters: both ends (where paths, versions and counters differ) and
 * three inside. Fixed work whatever the value, and no more than V8 spends on a Map lookup
 * of a string whose hash it already knows.
 */
function sampleHash(value: string): number {
  const n = value.length
  // A read past either end (NaN) sends charCodeAt off its fast path for every value after;
  // page numbers, quantities and flags are this short.
  if (n < 2) return n === 0 ? 0 : Math.imul(value.charCodeAt(0) + 1, 0x9e3779b1)
  let h = Math.imul(n ^ (value.charCodeAt(0) << 8) ^ (value.charCodeAt(n - 1) << 16), 0x01000193)
  h = Math.imul(h ^ value.charCodeAt(1) ^ (value.charCodeAt(n - 2) << 16), 0x01000193)
  h = Math.imul(h ^ value.charCodeAt(n >> 2) ^ (value.charCodeAt(n >> 1) << 8) ^ (value.charCodeAt(n - 1 - (n >> 2)) << 16), 0x01000193)
  return h ^ (h >>> 15)
}

/** A header name or a kind, told apart cheaply: the same value under another name often waits in the same set otherwise. */
function keyHash(key: string): number {
  return Math.imul(key.length, 0x9e3779b1) ^ (key.charCodeAt(0) << 8) ^ (key.charCodeAt(key.length - 1) << 16)
}

/** Fields of a place in the table: value, kind, header name, findings. */
const FIELDS = 4
/** Two places per set. */
const SET = 2 * FIELDS

export class FindingCache<T> {
  readonly #mask: number
  /**
   * The sets one after another, the more recently stored place first: a lookup reads one
   * set's eight neighbouring fields, so in a busy server it misses the CPU cache once
   * where parallel arrays or a Map would miss several times.
   */
  readonly #table: Array<string | TargetKind | T | null | undefined>

  /** Holds up to `capacity` values, rounded down to a power of two (at least two). */
  constructor(capacity: number) {
    const sets = 2 ** Math.max(0, Math.floor(Math.log2(capacity / 2)))
    this.#mask = sets - 1
    this.#table = Array.from({ length: sets * SET }, () => undefined)
  }

  #set(value: string, kind: TargetKind, header: string | null): number {
    return ((sampleHash(value) ^ keyHash(header ?? kind)) & this.#mask) * SET
  }

  get(value: string, kind: TargetKind, header: string | null): T | undefined {
    const t = this.#table
    const s = this.#set(value, kind, header)
    if (t[s] === value && t[s + 1] === kind && t[s + 2] === header) return t[s + 3] as T
    if (t[s + 4] === value && t[s + 5] === kind && t[s + 6] === header) return t[s + 7] as T
    return undefined
  }

  /** Stores a value not in the cache; the older of its set's two values makes way. */
  set(value: string, kind: TargetKind, header: string | null, found: T): void {
    const t = this.#table
    const s = this.#set(value, kind, header)
    for (let f = 0; f < FIELDS; f++) t[s + FIELDS + f] = t[s + f]
    t[s] = value
    t[s + 1] = kind
    t[s + 2] = header
    t[s + 3] = found
  }
}
