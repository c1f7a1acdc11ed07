/**
 * The `vigil waf check` line contract (DESIGN.md §3): one JSON request in, one JSON
 * verdict or `{"error":…}` out, never a throw.
 * @module
 */
import sjson from 'secure-json-parse'
import type { WafRequest, WafVerdict } from './types.ts'

export type WafCheckLine = { ok: true; request: WafRequest } | { ok: false; error: string }

const MAX_LINE = 8 << 20

export function parseWafRequestLine(line: string): WafCheckLine {
  if (line.length > MAX_LINE) return { ok: false, error: `line longer than ${MAX_LINE} characters` }
  let data: unknown
  try {
    data = sjson.parse(line, undefined, { protoAction: 'remove', constructorAction: 'remove' })
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${(e as Error).message}` }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'expected a JSON object' }
  const o = data as Record<string, unknown>
  const method = o.method ?? 'GET'
  if (typeof method !== 'string' || method.length === 0 || method.length > 32) return { ok: false, error: '"method" must be a short string' }
  if (typeof o.uri !== 'string' || o.uri.length === 0) return { ok: false, error: '"uri" must be a non-empty string' }
  const headers: Record<string, string | string[]> = {}
  if (o.headers !== undefined) {
    if (o.headers === null || typeof o.headers !== 'object' || Array.isArray(o.headers)) return { ok: false, error: '"headers" must be an object' }
    for (const [k, v] of Object.entries(o.headers)) {
      if (typeof v === 'string') headers[k] = v
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) headers[k] = v as string[]
      else if (typeof v === 'number') headers[k] = String(v)
      else return { ok: false, error: `header "${k.slice(0, 40)}" must be a string` }
    }
  }
  if (o.body !== undefined && o.body !== null && typeof o.body !== 'string') return { ok: false, error: '"body" must be a string' }
  const enc = o.body_encoding
  if (enc !== undefined && enc !== 'base64' && enc !== 'utf8') return { ok: false, error: '"body_encoding" must be "base64" or "utf8"' }
  const request: WafRequest = { method, uri: o.uri, headers }
  if (typeof o.body === 'string') request.body = o.body
  if (enc !== undefined) request.body_encoding = enc
  return { ok: true, request }
}

/** The verdict as the contract prints it: action, score, matches (with explanations), and truncation when any. */
export function verdictToJson(v: WafVerdict): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: v.action,
    score: v.score,
    matches: v.matches.map((m) => ({ rule: m.rule, category: m.category, target: m.target, excerpt: m.excerpt, explanation: m.explanation })),
  }
  if (v.truncated.length > 0) out.truncated = v.truncated
  return out
}
