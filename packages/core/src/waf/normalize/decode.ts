/**
 * Decoders that undo the encodings attackers stack to slip past string matching.
 * Each is a single linear pass; `decodeValue` repeats them a bounded number of rounds.
 * @module
 */
import { MAX_DECODE_ROUNDS } from '../limits.ts'
import { HTML_ENTITIES } from './html-entities.ts'

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 65 && c <= 70) return c - 55
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

/**
 * Lenient UTF-8: overlong forms (`C0 AE` for `.`) decode to the character they spell,
 * because some servers accept them; a byte that starts no valid sequence stays as itself.
 */
function decodeUtf8Lenient(bytes: number[]): string {
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    let need = 0
    let cp = 0
    if (b < 0x80) {
      out += String.fromCharCode(b)
      i++
      continue
    } else if (b >= 0xc0 && b < 0xe0) {
      need = 1
      cp = b & 0x1f
    } else if (b >= 0xe0 && b < 0xf0) {
      need = 2
      cp = b & 0x0f
    } else if (b >= 0xf0 && b < 0xf8) {
      need = 3
      cp = b & 0x07
    } else {
      out += String.fromCharCode(b)
      i++
      continue
    }
    let ok = i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false
      else cp = (cp << 6) | (c & 0x3f)
    }
    if (!ok || cp > 0x10ffff) {
      out += String.fromCharCode(b)
      i++
      continue
    }
    out += String.fromCodePoint(cp)
    i += need + 1
  }
  return out
}

/** `%HH` (as UTF-8, overlong allowed) and IIS-style `%uHHHH`. Text without `%` is returned as is. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s
  let out = ''
  let bytes: number[] = []
  const flush = (): void => {
    if (bytes.length > 0) {
      out += decodeUtf8Lenient(bytes)
      bytes = []
    }
  }
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    if (ch === 37 /* % */) {
      const h1 = hexValue(s.charCodeAt(i + 1))
      const h2 = hexValue(s.charCodeAt(i + 2))
      if (h1 >= 0 && h2 >= 0) {
        bytes.push(h1 * 16 + h2)
        i += 2
        continue
      }
      const u = s.charCodeAt(i + 1)
      if (u === 117 || u === 85) {
        const a = hexValue(s.charCodeAt(i + 2))
        const b = hexValue(s.charCodeAt(i + 3))
        const c = hexValue(s.charCodeAt(i + 4))
        const d = hexValue(s.charCodeAt(i + 5))
        if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
          flush()
          out += String.fromCharCode(((a * 16 + b) * 16 + c) * 16 + d)
          i += 5
          continue
        }
      }
    }
    flush()
    out += s[i]
  }
  flush()
  return out
}

const MAX_ENTITY_NAME = 12
const MAX_NUMERIC_DIGITS = 12

/** Named (a table of the ones that matter), decimal and hex entities, with or without `;`. */
export function htmlEntityDecode(s: string): string {
  if (!s.includes('&')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 38 /* & */) {
      out += s[i]
      continue
    }
    if (s[i + 1] === '#') {
      const hex = s[i + 2] === 'x' || s[i + 2] === 'X'
      let j = i + (hex ? 3 : 2)
      let value = 0
      const start = j
      while (j < s.length && j - start < MAX_NUMERIC_DIGITS) {
        const d = hex ? hexValue(s.charCodeAt(j)) : s.charCodeAt(j) - 48
        if (d < 0 || d > (hex ? 15 : 9)) break
        value = value * (hex ? 16 : 10) + d
        j++
      }
      if (j > start && value <= 0x10ffff) {
        out += String.fromCodePoint(value)
        i = s[j] === ';' ? j : j - 1
        continue
      }
    } else {
      let j = i + 1
      while (j < s.length && j - i <= MAX_ENTITY_NAME && /[A-Za-z0-9]/.test(s[j]!)) j++
      const name = s.slice(i + 1, j)
      // Browsers accept many entities without the `;`, and so do we.
      const ch = HTML_ENTITIES[name] ?? HTML_ENTITIES[name.toLowerCase()]
      if (ch !== undefined) {
        out += ch
        i = s[j] === ';' ? j : j - 1
        continue
      }
    }
    out += '&'
  }
  return out
}

/** `\xHH`, `\uHHHH` and `\u{H…}` as JavaScript, JSON and many template languages read them. */
export function jsUnescape(s: string): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 92 /* \ */) {
      const kind = s[i + 1]
      if (kind === 'x') {
        const a = hexValue(s.charCodeAt(i + 2))
        const b = hexValue(s.charCodeAt(i + 3))
        if (a >= 0 && b >= 0) {
          out += String.fromCharCode(a * 16 + b)
          i += 3
          continue
        }
      } else if (kind === 'u' && s[i + 2] === '{') {
        let j = i + 3
        let v = 0
        while (j < s.length && j - i < 11 && hexValue(s.charCodeAt(j)) >= 0) v = v * 16 + hexValue(s.charCodeAt(j++))
        if (s[j] === '}' && j > i + 3 && v <= 0x10ffff) {
          out += String.fromCodePoint(v)
          i = j
          continue
        }
      } else if (kind === 'u') {
        let v = 0
        let ok = true
        for (let k = 2; k < 6; k++) {
          const h = hexValue(s.charCodeAt(i + k))
          if (h < 0) ok = false
          v = v * 16 + h
        }
        if (ok) {
          out += String.fromCharCode(v)
          i += 5
          continue
        }
      }
    }
    out += s[i]
  }
  return out
}

// NUL, soft hyphen, zero-width and BOM characters: browsers and parsers skip them, so attackers sprinkle them.
const INVISIBLE = /[\u0000\u00ad\u200b-\u200f\u2060\ufeff]/g

/** Drops invisible characters and folds compatibility forms (fullwidth, circled letters) to ASCII. */
export function foldUnicode(s: string): string {
  let out = s.replace(INVISIBLE, '')
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(out)) out = out.normalize('NFKC')
  return out
}

/**
 * Undoes percent, HTML-entity and JS escapes, repeated until stable (double and triple
 * encoding) for at most MAX_DECODE_ROUNDS rounds, then folds Unicode.
 */
export function decodeValue(raw: string): string {
  let s = raw
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = jsUnescape(htmlEntityDecode(percentDecode(s)))
    if (next === s) break
    s = next
  }
  return foldUnicode(s)
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })
const BASE64_SHAPE = /^[A-Za-z0-9+/_-]{8,}={0,2}$/

/**
 * Decodes a value that is base64 (standard or URL alphabet, padding optional) to text,
 * or returns null when it is not base64 or does not decode to mostly printable UTF-8 —
 * images and random tokens decode to binary and are left alone.
 */
export function decodeBase64Text(value: string): string | null {
  // Form and query decoding turned `+` into a space; base64 never contains spaces.
  const s = value.replaceAll(' ', '+')
  if (s.length % 4 === 1 || !BASE64_SHAPE.test(s)) return null
  // A word made only of letters is more likely a word than base64.
  if (/^[A-Za-z]+$/.test(s) && !/[A-Z].*[a-z].*[A-Z]/.test(s)) return null
  let binary: string
  try {
    binary = atob(s.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, ''))
  } catch {
    return null
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  let text: string
  try {
    text = STRICT_UTF8.decode(bytes)
  } catch {
    return null
  }
  let printable = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 32 && c !== 127) || c === 9 || c === 10 || c === 13) printable++
  }
  return text.length > 0 && printable / text.length >= 0.95 ? text : null
}
