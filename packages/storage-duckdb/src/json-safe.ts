/**
 * Query results as plain JSON values: BigInt becomes a number when it fits exactly
 * (else its decimal string), timestamps become ISO 8601 strings, bytes become base64.
 * @module
 */
export function toJsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString()
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString()
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  if (Array.isArray(v)) return v.map(toJsonSafe)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = toJsonSafe(x)
    return out
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
  return v
}
