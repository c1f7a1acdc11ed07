/**
 * Source identity. A source is its content, not its path: the key is a hash of the
 * format and the first bytes of the decompressed content, so a renamed, rotated or
 * gzipped copy of a file is the same source, and a grown file is matched through the
 * prefix length recorded with its checkpoint.
 * @module
 */
import { createHash } from 'node:crypto'
import type { SourceCheckpoint } from '@vigil/core'

export function sourceKey(format: string, prefix: Buffer): string {
  return createHash('sha256').update(format).update('\n').update(prefix).digest('hex').slice(0, 32)
}

/** The event_id prefix: short, still 64 bits of the key. */
export function eventIdPrefix(key: string): string {
  return key.slice(0, 16)
}

export interface SourceMatch {
  key: string
  prefixBytes: number
  checkpoint: SourceCheckpoint | null
}

/**
 * The longest recorded prefix of this content with the same format wins; otherwise the
 * content is a new source keyed on all of `prefix`.
 */
export function matchSource(format: string, prefix: Buffer, known: readonly SourceCheckpoint[]): SourceMatch {
  const byKey = new Map(known.filter((c) => c.format === format).map((c) => [c.source_key, c]))
  const lengths = [...new Set([...byKey.values()].map((c) => c.prefix_bytes ?? 0))]
    .filter((n) => n > 0 && n <= prefix.length)
    .sort((a, b) => b - a)
  for (const n of lengths) {
    const key = sourceKey(format, prefix.subarray(0, n))
    const checkpoint = byKey.get(key)
    if (checkpoint) return { key, prefixBytes: n, checkpoint }
  }
  return { key: sourceKey(format, prefix), prefixBytes: prefix.length, checkpoint: null }
}
