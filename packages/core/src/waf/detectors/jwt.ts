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
import { isShellCommand } from './shell.ts'

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

/** A key id is at most this long to be read for what it holds (real ones are tens of characters). */
const MAX_KID = 1024

/**
 * What a `kid` cannot hold as a key's name. A key id is an opaque token (a hex or base64url
 * thumbprint, a UUID, `key-2024-01`, a file or URL name): no blank, quote or shell separator. A
 * server that looks the key up by running a command or reading a file hands the attacker that
 * command or file, so a shell separator followed by a command name (`/dev/null; echo 9e15f1b9`:
 * the command needs no shell-shaped arguments here, as it does in a message) and a kid that is a
 * device file and nothing else (`/dev/null`, an empty key that signs any token) are the attack itself. SQL and
 * climbs in a `kid` are read by the detectors, as every header field is.
 */
export function kidInjection(header: Record<string, unknown>): Finding | null {
  const kid = header.kid
  if (typeof kid !== 'string' || kid.length > MAX_KID) return null
  const lower = kid.toLowerCase()
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!
    let j: number
    if (c === ';' || c === '|' || c === '&' || c === '`' || c === '\n' || c === '\r') j = i + 1
    else if (c === '$' && lower[i + 1] === '(') j = i + 2
    else continue
    while (lower[j] === ' ' || lower[j] === '\t' || lower[j] === c) j++
    let k = j
    while (k < lower.length && isNameChar(lower.charCodeAt(k))) k++
    const word = lower.slice(j, k)
    if (word !== '' && isShellCommand(word)) {
      return { rule: 'waf.rce.jwt-kid-command', category: 'rce', level: 2, score: 5, excerpt: kid.slice(Math.max(0, i - 20), k + 40), explanation: `The value is a JSON Web Token whose key id runs the shell command "${word}" after "${kid.slice(i, j).trim()}", which a server that looks the key up through a shell would execute.` }
    }
    i = Math.max(i, k - 1)
  }
  return deviceKey(kid)
}

/** The directory of device files: `/dev/null` reads as an empty key, `/dev/zero` as zeros. */
const DEVICES = '/dev/'

/** A finding when the key id is a device file and nothing else (`/dev/null`). */
function deviceKey(kid: string): Finding | null {
  if (!kid.startsWith(DEVICES) || kid.length === DEVICES.length) return null
  for (let k = DEVICES.length; k < kid.length; k++) if (!isNameChar(kid.charCodeAt(k))) return null
  return { rule: 'waf.auth-bypass.jwt-kid-file', category: 'auth_bypass', level: 2, score: 5, excerpt: kid, explanation: `The value is a JSON Web Token whose key id is the device file "${kid}", whose content the attacker knows (/dev/null reads as an empty key), so a server reading the key from it accepts a token the attacker signed.` }
}

/** a-z, 0-9, `.`, `_`, `-`: the characters of a command's name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45
}
