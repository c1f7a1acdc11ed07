/**
 * Reading one JSON record from untrusted input: bounded in size, rejecting
 * `__proto__`/`constructor.prototype` keys (secure-json-parse), and flattened so that
 * nested (`{"source":{"ip":…}}`) and dotted (`{"source.ip":…}`) keys read alike.
 * @module
 */
import sjson from 'secure-json-parse'
import type { ParseResult, ParserOptions, RecordParser } from '../parser.ts'
import { createLineParser, errorResult, quoteForReason } from './line-parser.ts'

/** A JSON line longer than this is quarantined without parsing. */
export const MAX_JSON_RECORD_CHARS = 1 << 20
const MAX_DEPTH = 16
const MAX_KEYS = 2000

export type JsonObject = Record<string, unknown>
export type JsonParse = { ok: true; value: JsonObject } | { ok: false; reason: string }

export function parseJsonObject(text: string, maxChars: number = MAX_JSON_RECORD_CHARS): JsonParse {
  if (text.length > maxChars) return { ok: false, reason: `JSON record is ${text.length} characters, over the ${maxChars} limit` }
  let value: unknown
  try {
    value = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' })
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${(e as Error).message}` }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : quoteForReason(String(value))}` }
  }
  return { ok: true, value: value as JsonObject }
}

/** Dotted-key view of a record. Arrays are leaves; nesting deeper than 16 levels stays an object. */
export function flattenRecord(obj: JsonObject): Map<string, unknown> {
  const out = new Map<string, unknown>()
  flattenInto(out, obj, '', 0)
  return out
}

// At module level, not a closure in flattenRecord: tsx (esbuild keepNames) names a named
// closure with Object.defineProperty each time it is created, about 0.5 us, once per record.
function flattenInto(out: Map<string, unknown>, o: JsonObject, prefix: string, depth: number): void {
  for (const key of Object.keys(o)) {
    if (out.size >= MAX_KEYS) return
    const value = o[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < MAX_DEPTH) {
      flattenInto(out, value as JsonObject, path, depth + 1)
    } else {
      out.set(path, value)
    }
  }
}

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** A string or a finite number as a string; empty strings count as absent. */
export function jsonString(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 0 ? v : null
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}

/** A finite number, or a numeric string as JSON exporters write int64 values. */
export function jsonNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim().length > 0 && v.length < 40) {
    const n = Number(v)
    if (Number.isFinite(n)) return n
  }
  return null
}

/** A non-negative integer (a port, a byte count), from a number or a digit string. */
export function jsonCount(v: unknown): number | null {
  const n = jsonNumber(v)
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null
}

/** First of `keys` holding a string or a finite number, as a string; empty strings count as absent. */
export function stringField(m: ReadonlyMap<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = jsonString(m.get(k))
    if (v !== null) return v
  }
  return null
}

/** First of `keys` holding a finite number or a numeric string. */
export function numberField(m: ReadonlyMap<string, unknown>, ...keys: string[]): number | null {
  for (const k of keys) {
    const v = jsonNumber(m.get(k))
    if (v !== null) return v
  }
  return null
}

/** A leaf as a label value: strings as they are, everything else as JSON, bounded. */
export function labelValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)
  return s.length > 4096 ? s.slice(0, 4096) : s
}

/** A line parser for one JSON object per line: the frame, the size limit and the JSON parse are shared. */
export function createJsonLineParser(
  format: string,
  options: ParserOptions,
  parseRecord: (record: JsonObject, line: string, lineNo: number) => ParseResult,
): RecordParser {
  return createLineParser(format, options, (line, lineNo) => {
    const parsed = parseJsonObject(line)
    if (!parsed.ok) return errorResult(lineNo, parsed.reason, line, options)
    return parseRecord(parsed.value, line, lineNo)
  })
}
