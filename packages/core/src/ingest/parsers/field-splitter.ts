/**
 * Splitting a space-separated log line whose fields may be `"quoted"` (with escapes)
 * or `[bracketed]`, as ALB and Envoy write them. One linear pass.
 * @module
 */
import { findClosingQuote, unescapeLogValue } from './escapes.ts'

export type SplitFields = { ok: true; fields: string[] } | { ok: false; reason: string }

/** Splits at most `maxFields` fields; the rest of the line is ignored (formats grow new trailing fields). */
export function splitFields(line: string, maxFields: number): SplitFields {
  const fields: string[] = []
  const n = line.length
  let p = 0
  while (p < n && fields.length < maxFields) {
    const c = line.charCodeAt(p)
    if (c === 32) {
      p++
      continue
    }
    if (c === 34) {
      const end = findClosingQuote(line, p + 1)
      if (end < 0) return { ok: false, reason: `field ${fields.length + 1} is not closed by a quote (truncated line?)` }
      fields.push(unescapeLogValue(line.slice(p + 1, end)))
      p = end + 1
      continue
    }
    if (c === 91) {
      const end = line.indexOf(']', p + 1)
      // `[2001:db8::1]:443` is an address, not a bracketed field.
      if (end > 0 && (end + 1 === n || line.charCodeAt(end + 1) === 32)) {
        fields.push(line.slice(p + 1, end))
        p = end + 1
        continue
      }
    }
    let end = line.indexOf(' ', p)
    if (end < 0) end = n
    fields.push(line.slice(p, end))
    p = end
  }
  return { ok: true, fields }
}
