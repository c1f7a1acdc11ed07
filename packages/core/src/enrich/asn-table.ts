/**
 * IP → autonomous system lookup over compact typed arrays: sorted, non-overlapping
 * inclusive ranges, an AS number per range and an index into a deduplicated table of
 * organisation names. The runtime fills the table from bundled data and caches it as
 * a binary file; the core only searches it.
 * @module
 */
import { VigilError } from '../errors/index.ts'
import {
  compareV6,
  findLastAtMostV4,
  findLastAtMostV6,
  type ParsedIp,
} from './ip-address.ts'

export interface AsnTable {
  readonly v4Starts: Uint32Array
  readonly v4Ends: Uint32Array
  readonly v4Asn: Uint32Array
  readonly v4Org: Uint32Array
  /** Four words per range, most significant first. */
  readonly v6Starts: Uint32Array
  readonly v6Ends: Uint32Array
  readonly v6Asn: Uint32Array
  readonly v6Org: Uint32Array
  /** Organisation names; index 0 is the empty name (unknown). */
  readonly orgs: readonly string[]
}

export interface AsnMatch {
  readonly asn: number
  readonly organization: string | null
}

export function lookupAsn(table: AsnTable, ip: ParsedIp): AsnMatch | null {
  let i: number
  let asn: number
  let org: number
  if (ip.version === 4) {
    i = findLastAtMostV4(table.v4Starts, ip.value)
    if (i < 0 || table.v4Ends[i]! < ip.value) return null
    asn = table.v4Asn[i]!
    org = table.v4Org[i]!
  } else {
    i = findLastAtMostV6(table.v6Starts, ip.words)
    if (i < 0 || compareV6(ip.words, table.v6Ends, i * 4) > 0) return null
    asn = table.v6Asn[i]!
    org = table.v6Org[i]!
  }
  return { asn, organization: org === 0 ? null : (table.orgs[org] ?? null) }
}

/** Growable column of 32-bit words, so building never holds an array of row objects. */
class WordColumn {
  #data = new Uint32Array(1024)
  #length = 0

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const next = new Uint32Array(this.#data.length * 2)
      next.set(this.#data)
      this.#data = next
    }
    this.#data[this.#length++] = value
  }

  get length(): number {
    return this.#length
  }

  at(i: number): number {
    return this.#data[i]!
  }

  finish(): Uint32Array {
    return this.#data.slice(0, this.#length)
  }
}

/** Collects rows in ascending address order and produces an AsnTable. */
export class AsnTableBuilder {
  readonly #orgIndex = new Map<string, number>([['', 0]])
  readonly #orgs: string[] = ['']
  readonly #v4 = { starts: new WordColumn(), ends: new WordColumn(), asn: new WordColumn(), org: new WordColumn() }
  readonly #v6 = { starts: new WordColumn(), ends: new WordColumn(), asn: new WordColumn(), org: new WordColumn() }

  /**
   * Adds a row; rows must come in ascending order of start. A row that overlaps the
   * previous one (the source has a few) keeps only its part past the previous row.
   */
  addV4(start: number, end: number, asn: number, organization: string): void {
    const n = this.#v4.starts.length
    if (n > 0) {
      if (start < this.#v4.starts.at(n - 1)) {
        throw new VigilError('VIGIL_ERR_DATA_INVALID', `ASN ranges out of order at IPv4 ${start}`)
      }
      start = Math.max(start, this.#v4.ends.at(n - 1) + 1)
    }
    if (end < start) return
    this.#v4.starts.push(start)
    this.#v4.ends.push(end)
    this.#v4.asn.push(asn)
    this.#v4.org.push(this.#org(organization))
  }

  /** As addV4, with addresses as four words, most significant first. */
  addV6(
    start: readonly [number, number, number, number],
    end: readonly [number, number, number, number],
    asn: number,
    organization: string,
  ): void {
    const n = this.#v6.asn.length
    if (n > 0) {
      const last = (col: WordColumn) => Uint32Array.of(col.at(4 * n - 4), col.at(4 * n - 3), col.at(4 * n - 2), col.at(4 * n - 1))
      if (compareV6(start, last(this.#v6.starts), 0) < 0) {
        throw new VigilError('VIGIL_ERR_DATA_INVALID', `ASN ranges out of order at IPv6 ${start.join(':')}`)
      }
      const lastEnd = last(this.#v6.ends)
      if (compareV6(start, lastEnd, 0) <= 0) {
        const next = nextV6(lastEnd)
        if (next === null) return
        start = next
      }
    }
    if (compareV6(end, Uint32Array.from(start), 0) < 0) return
    for (let k = 0; k < 4; k++) {
      this.#v6.starts.push(start[k]!)
      this.#v6.ends.push(end[k]!)
    }
    this.#v6.asn.push(asn)
    this.#v6.org.push(this.#org(organization))
  }

  build(): AsnTable {
    return {
      v4Starts: this.#v4.starts.finish(),
      v4Ends: this.#v4.ends.finish(),
      v4Asn: this.#v4.asn.finish(),
      v4Org: this.#v4.org.finish(),
      v6Starts: this.#v6.starts.finish(),
      v6Ends: this.#v6.ends.finish(),
      v6Asn: this.#v6.asn.finish(),
      v6Org: this.#v6.org.finish(),
      orgs: Object.freeze([...this.#orgs]),
    }
  }

  #org(name: string): number {
    let i = this.#orgIndex.get(name)
    if (i === undefined) {
      i = this.#orgs.length
      this.#orgs.push(name)
      this.#orgIndex.set(name, i)
    }
    return i
  }
}

/** The address after `w`, or null past the end of the address space. */
function nextV6(w: Uint32Array): [number, number, number, number] | null {
  const out: [number, number, number, number] = [w[0]!, w[1]!, w[2]!, w[3]!]
  for (let k = 3; k >= 0; k--) {
    if (out[k] !== 0xffffffff) {
      out[k]!++
      return out
    }
    out[k] = 0
  }
  return null
}
