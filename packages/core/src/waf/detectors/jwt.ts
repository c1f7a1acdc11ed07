/**
 * JSON Web Tokens a client presents. The server reads a token's header before it checks the
 * signature, so the header is attacker data: an algorithm of `none` (nothing to check, and
 * libraries that honour it accept the token), and the fields a key is looked up by (`kid` as a
 * file path, a database key or a command line in vulnerable servers). The engine inspects the
 * header's string fields as JSON values and reports an unsigned token here.
 * @module
 */
import { decodeBase64Text } from '../normalize/decode.ts'
import type { Finding } from './finding.ts'

/** The header fields of the JWT that `value` is (bare, or after `Bearer `); null when it is no JWT. */
export function jwtHeader(value: string): Record<string, unknown> | null {
  const token = value.length > 7 && value.slice(0, 7).toLowerCase() === 'bearer ' ? value.slice(7).trimStart() : value
  // The header is base64url of a JSON object, so it starts `eyJ` (`{"`); a JWS has three segments, a JWE five.
  if (!token.startsWith('eyJ')) return null
  const dot = token.indexOf('.')
  if (dot < 0 || token.indexOf('.', dot + 1) < 0) return null
  const text = decodeBase64Text(token.slice(0, dot))
  if (text === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
}

/** A finding when the token's header declares no signature (`"alg":"none"` in any case). */
export function unsignedJwt(header: Record<string, unknown>): Finding | null {
  const alg = header.alg
  if (typeof alg !== 'string' || alg.trim().toLowerCase() !== 'none') return null
  return {
    rule: 'waf.auth-bypass.jwt-alg-none',
    category: 'auth_bypass',
    level: 1,
    score: 5,
    excerpt: JSON.stringify(header).slice(0, 120),
    explanation: `The value is a JSON Web Token whose header declares the algorithm "${alg}", an unsigned token that a library honouring it accepts as anyone.`,
  }
}
