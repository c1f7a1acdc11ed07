/**
 * Decoders that undo the encodings attackers stack to slip past string matching.
 * Each is a single linear pass; `decodeValue` repeats them a bounded number of rounds.
 * @module
 */
import { MAX_DECODE_ROUNDS } from '../limits.ts'
import { HTML_ENTITIES } from './html-entities.ts'

/** The value of one hex digit's character code, -1 for any other character. */
export function hexDigit(c: number): number {
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

/** Bytes of the current run of `%HH` escapes; one buffer, reused (decoding never re-enters). */
const run: number[] = []

/**
 * `%HH` (as UTF-8, overlong allowed) and IIS-style `%uHHHH`. Text without an escape is
 * returned as is; otherwise the text between escapes is copied in slices, not by character.
 */
export function percentDecode(s: string): string {
  let i = s.indexOf('%')
  if (i < 0) return s
  let out = ''
  let last = 0
  for (; i >= 0; i = s.indexOf('%', i)) {
    const h1 = hexDigit(s.charCodeAt(i + 1))
    const h2 = hexDigit(s.charCodeAt(i + 2))
    if (h1 >= 0 && h2 >= 0) {
      out += s.slice(last, i)
      // An ASCII byte is a character of its own wherever it stands in a run (no UTF-8
      // sequence starts with or continues over one), so it skips the run's buffer: most
      // escapes in a query are punctuation (`%27`, `%22`, `%26`), and the buffer took half the time.
      if (h1 < 8) {
        out += String.fromCharCode(h1 * 16 + h2)
        i += 3
        last = i
        continue
      }
      run.length = 0
      while (s.charCodeAt(i) === 37 /* % */) {
        const a = hexDigit(s.charCodeAt(i + 1))
        const b = hexDigit(s.charCodeAt(i + 2))
        if (a < 0 || b < 0) break
        run.push(a * 16 + b)
        i += 3
      }
      out += decodeUtf8Lenient(run)
      last = i
      continue
    }
    const u = s.charCodeAt(i + 1)
    if (u === 117 || u === 85) {
      const a = hexDigit(s.charCodeAt(i + 2))
      const b = hexDigit(s.charCodeAt(i + 3))
      const c = hexDigit(s.charCodeAt(i + 4))
      const d = hexDigit(s.charCodeAt(i + 5))
      if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
        out += s.slice(last, i) + String.fromCharCode(((a * 16 + b) * 16 + c) * 16 + d)
        i += 6
        last = i
        continue
      }
    }
    i++
  }
  return last === 0 ? s : out + s.slice(last)
}

/**
 * IIS and classic ASP drop a `%` that starts no escape, so `%S%E%L%E%C%T` reaches the
 * application as SELECT (sqlmap's `percentage` tamper). Returns the decoded value without such
 * `%`s when it has two or more before a letter that no escape starts with (g–z; one is how
 * people write `50%off`), else null. One linear pass.
 */
export function dropLonePercents(s: string): string | null {
  let lone = 0
  for (let i = s.indexOf('%'); i >= 0 && lone < 2; i = s.indexOf('%', i + 1)) {
    const c = s.charCodeAt(i + 1) | 0x20
    if (c >= 103 && c <= 122) lone++
  }
  if (lone < 2) return null
  let out = ''
  let last = 0
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    if (hexDigit(s.charCodeAt(i + 1)) >= 0 && hexDigit(s.charCodeAt(i + 2)) >= 0) continue
    out += s.slice(last, i)
    last = i + 1
  }
  return out + s.slice(last)
}

const MAX_ENTITY_NAME = 12
const MAX_NUMERIC_DIGITS = 12

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** Named (a table of the ones that matter), decimal and hex entities, with or without `;`. Text without one is returned as is. */
export function htmlEntityDecode(s: string): string {
  let i = s.indexOf('&')
  if (i < 0) return s
  let out = ''
  let last = 0
  for (; i >= 0; i = s.indexOf('&', i + 1)) {
    let decoded: string | undefined
    let end = i
    if (s[i + 1] === '#') {
      const hex = s[i + 2] === 'x' || s[i + 2] === 'X'
      let j = i + (hex ? 3 : 2)
      let value = 0
      const start = j
      while (j < s.length && j - start < MAX_NUMERIC_DIGITS) {
        const d = hex ? hexDigit(s.charCodeAt(j)) : s.charCodeAt(j) - 48
        if (d < 0 || d > (hex ? 15 : 9)) break
        value = value * (hex ? 16 : 10) + d
        j++
      }
      if (j > start && value <= 0x10ffff) {
        decoded = String.fromCodePoint(value)
        end = s[j] === ';' ? j : j - 1
      }
    } else {
      let j = i + 1
      while (j < s.length && j - i <= MAX_ENTITY_NAME && isAlphanumeric(s.charCodeAt(j))) j++
      const name = s.slice(i + 1, j)
      // Browsers accept many entities without the `;`, and so do we.
      const ch = entityText(name) ?? entityText(name.toLowerCase())
      if (ch !== undefined) {
        decoded = ch
        end = s[j] === ';' ? j : j - 1
      }
    }
    if (decoded === undefined) continue
    out += s.slice(last, i) + decoded
    last = end + 1
    i = end
  }
  return last === 0 ? s : out + s.slice(last)
}

/** Own names only: `&constructor;` is not an entity, whatever the object's prototype holds. */
function entityText(name: string): string | undefined {
  return Object.hasOwn(HTML_ENTITIES, name) ? HTML_ENTITIES[name] : undefined
}

/** `\xHH`, `\uHHHH` and `\u{H…}` as JavaScript, JSON and many template languages read them. Text without one is returned as is. */
export function jsUnescape(s: string): string {
  let i = s.indexOf('\\')
  if (i < 0) return s
  let out = ''
  let last = 0
  for (; i >= 0; i = s.indexOf('\\', i + 1)) {
    const kind = s[i + 1]
    let decoded: string | undefined
    let end = i
    if (kind === 'x') {
      const a = hexDigit(s.charCodeAt(i + 2))
      const b = hexDigit(s.charCodeAt(i + 3))
      if (a >= 0 && b >= 0) {
        decoded = String.fromCharCode(a * 16 + b)
        end = i + 3
      }
    } else if (kind === 'u' && s[i + 2] === '{') {
      let j = i + 3
      let v = 0
      while (j < s.length && j - i < 11 && hexDigit(s.charCodeAt(j)) >= 0) v = v * 16 + hexDigit(s.charCodeAt(j++))
      if (s[j] === '}' && j > i + 3 && v <= 0x10ffff) {
        decoded = String.fromCodePoint(v)
        end = j
      }
    } else if (kind === 'u') {
      let v = 0
      let ok = true
      for (let k = 2; k < 6; k++) {
        const h = hexDigit(s.charCodeAt(i + k))
        if (h < 0) ok = false
        v = v * 16 + h
      }
      if (ok) {
        decoded = String.fromCharCode(v)
        end = i + 5
      }
    }
    if (decoded === undefined) continue
    out += s.slice(last, i) + decoded
    last = end + 1
    i = end
  }
  return last === 0 ? s : out + s.slice(last)
}

// NUL, soft hyphen, zero-width and BOM characters: browsers and parsers skip them, so attackers sprinkle them.
const INVISIBLE = /[\u0000\u00ad\u200b-\u200f\u2060\ufeff]/g

/** NUL or any character outside ASCII: what foldUnicode may change. */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[\u0000\u0080-\uffff]/

/** Drops invisible characters and folds compatibility forms (fullwidth, circled letters) to ASCII. */
export function foldUnicode(s: string): string {
  // A regex scans natively: a loop over charCodeAt cost 3.5 % of the engine's time on new values.
  if (!NOT_PLAIN.test(s)) return s
  let out = s.replace(INVISIBLE, '')
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(out)) out = out.normalize('NFKC')
  return out
}

/**
 * Undoes percent, HTML-entity and JS escapes, repeated until stable (double and triple
 * encoding) for at most MAX_DECODE_ROUNDS rounds; NULs and Unicode forms are left as they are.
 */
export function unescapeValue(raw: string): string {
  let s = raw
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = jsUnescape(htmlEntityDecode(percentDecode(s)))
    if (next === s) break
    s = next
  }
  return s
}

/** unescapeValue, then foldUnicode. */
export function decodeValue(raw: string): string {
  return foldUnicode(unescapeValue(raw))
}

const UTF8 = new TextDecoder('utf-8')

/** Well-formed UTF-8 as the Encoding Standard's decoder defines it: no overlongs, surrogates or code points past U+10FFFF. */
function isUtf8(bytes: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; ) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0
    if (need === 0 || i + need >= length) return false
    const second = bytes[i + 1]!
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf
    if (second < low || second > high) return false
    for (let k = 2; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false
    i += need + 1
  }
  return true
}

/** Sextet of each base64 character, standard and URL alphabets alike; -1 for anything else. */
const SEXTETS = new Int8Array(128).fill(-1)
for (let i = 0; i < 64; i++) SEXTETS['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i
SEXTETS[45 /* - */] = 62
SEXTETS[95 /* _ */] = 63
SEXTETS[32 /* space */] = 62 // form and query decoding turned `+` into a space; base64 never contains spaces

/** Decoded bytes of decodeBase64Text; decoding never re-enters. */
let scratch = new Uint8Array(256)

/** A word made only of letters is more likely a word than base64, unless its case flips like base64's (`aBcD`). */
function isPlainWord(s: string): boolean {
  let seen = 0 // 1: an upper-case letter, 2: then a lower-case one
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    const upper = c >= 65 && c <= 90
    if (!upper && !(c >= 97 && c <= 122)) return false
    if (upper && seen === 2) return false
    if (upper && seen === 0) seen = 1
    else if (!upper && seen === 1) seen = 2
  }
  return true
}

/** A data: URL of text in base64 (no media type, which means text/plain, or a text/ one); `//` as PHP's wrapper allows. */
const TEXT_DATA_URL = /^\s*data:(?:\/\/)?(?:text\/[\w.+-]{1,40})?(?:;[\w.=-]{1,40}){0,4};base64,/i

/**
 * The base64 content of a data: URL of text, or null. PHP's data: wrapper hands an include the
 * content whatever its type; text only is read, since images and fonts decode to binary.
 */
export function textDataUrlBase64(s: string): string | null {
  let i = 0
  while (i < s.length && s.charCodeAt(i) <= 32) i++
  if ((s.charCodeAt(i) | 0x20) !== 100 /* d */) return null
  const m = TEXT_DATA_URL.exec(s)
  return m === null ? null : s.slice(m[0].length)
}

/**
 * Decodes a value that is base64 (standard or URL alphabet, padding optional) to text,
 * or returns null when it is not base64 or does not decode to mostly printable UTF-8 —
 * images and random tokens decode to binary and are left alone. One linear pass, and
 * most values are turned away by their first characters.
 */
export function decodeBase64Text(value: string): string | null {
  let end = value.length
  if (end < 8 || end % 4 === 1) return null
  while (end > value.length - 2 && value.charCodeAt(end - 1) === 61 /* = */) end--
  if (end < 8 || end % 4 === 1) return null
  if (isPlainWord(value)) return null
  // Most candidates (words and numbers with spaces) decode to binary and are turned away:
  // one buffer, grown as needed, spares a typed array per value.
  const size = (end * 6) >> 3
  // Each control byte is a non-printable character, and there are at most as many characters as
  // bytes: past this many of the `size` bytes the value is binary, known as soon as they are decoded.
  const maxControls = 0.05 * size
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, 2 * scratch.length))
  const bytes = scratch
  let bits = 0
  let acc = 0
  let n = 0
  let controls = 0
  let ascii = true
  // Checked and decoded in one pass: any character outside the alphabets turns the value away.
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i)
    const sextet = c < 128 ? SEXTETS[c]! : -1
    if (sextet < 0) return null
    acc = (acc << 6) | sextet
    bits += 6
    if (bits >= 8) {
      bits -= 8
      const b = (acc >> bits) & 0xff
      bytes[n++] = b
      if (b >= 0x80) ascii = false
      else if (((b < 32 && b !== 9 && b !== 10 && b !== 13) || b === 127) && ++controls > maxControls) return null
    }
  }
  if (ascii) {
    let text = ''
    for (let i = 0; i < n; i += 4096) text += String.fromCharCode(...bytes.subarray(i, Math.min(i + 4096, n)))
    return text
  }
  // Random tokens decode to invalid UTF-8; checking first spares the decoder's exception.
  if (!isUtf8(bytes, n)) return null
  const text = UTF8.decode(bytes.subarray(0, n))
  let printable = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 32 && c !== 127) || c === 9 || c === 10 || c === 13) printable++
  }
  return text.length > 0 && printable / text.length >= 0.95 ? text : null
}
