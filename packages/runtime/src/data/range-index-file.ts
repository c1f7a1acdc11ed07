/**
 * The compiled IP range index, cached as a binary file keyed on a hash of what its lists
 * were read from: compiling some 130,000 CIDR blocks takes a few hundred milliseconds,
 * reading the result back a few.
 * @module
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { buildIpRangeIndex, type IpRangeIndex, type RangeMatch } from '@vigil/core/enrich'
import { IP_FLAGS } from '@vigil/core/events'
import { defaultCacheDir, readCache, writeCache, type CacheLoadResult } from './binary-cache.ts'
import type { RangeSources } from './ip-range-files.ts'

/** Part of the cache file name; bump when the index layout changes. */
const LAYOUT = 'ranges1'

interface Payload {
  sets: { flags: string[]; lists: string[] }[]
  rejected: Record<string, number>
}

export function loadRangeIndex(sources: RangeSources, options: { cacheDir?: string } = {}): CacheLoadResult<IpRangeIndex> {
  const hash = createHash('sha256').update(sources.key).digest('hex').slice(0, 32)
  const cacheFile = join(options.cacheDir ?? defaultCacheDir(), `${LAYOUT}-${hash}.bin`)
  const hit = readCache(cacheFile)
  const cached = hit === null ? null : fromCache(hit.columns, hit.json as Payload)
  if (cached !== null) return { value: cached, from: 'cache', cacheError: null }
  const index = buildIpRangeIndex(sources.load())
  const payload: Payload = {
    sets: index.sets.map((s) => ({ flags: [...s.flags], lists: [...s.lists] })),
    rejected: { ...index.rejected },
  }
  const columns = [index.v4Starts, index.v4Sets, index.v6Starts, index.v6Sets]
  return { value: index, from: 'source', cacheError: writeCache(cacheFile, { columns, json: payload }) }
}

function fromCache(columns: Uint32Array[], payload: Payload): IpRangeIndex | null {
  if (columns.length !== 4 || !Array.isArray(payload?.sets) || typeof payload.rejected !== 'object') return null
  const [v4Starts, v4Sets, v6Starts, v6Sets] = columns as [Uint32Array, Uint32Array, Uint32Array, Uint32Array]
  if (v4Sets.length !== v4Starts.length || v6Starts.length !== 4 * v6Sets.length) return null
  const flagSet = new Set<string>(IP_FLAGS)
  const sets: RangeMatch[] = []
  for (const s of payload.sets) {
    if (!Array.isArray(s.flags) || !Array.isArray(s.lists) || !s.flags.every((f) => flagSet.has(f))) return null
    sets.push(Object.freeze({ flags: Object.freeze(s.flags) as RangeMatch['flags'], lists: Object.freeze(s.lists) }))
  }
  for (const col of [v4Sets, v6Sets]) for (let i = 0; i < col.length; i++) if (col[i]! >= sets.length) return null
  return { v4Starts, v4Sets, v6Starts, v6Sets, sets: Object.freeze(sets), rejected: Object.freeze(payload.rejected) }
}
