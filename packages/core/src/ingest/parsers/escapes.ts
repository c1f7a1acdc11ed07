/**
 * Undoing the escaping access logs apply to quoted values: nginx writes `"`, `\` and
 * non-printable bytes as `\xHH`; Apache writes `\"` and `\\`. Escaped bytes are
 * collected and decoded as UTF-8, so a logged `\xC3\xA9` reads back as `é` and invalid
 * sequences become U+FFFD rather than an exception.
 * @module
 */

const decoder = new TextDecoder()

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 65 && c <= 70) return c - 55
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

/** Decodes `\xHH`, `\"` and `\\`; any other backslash is kept as written. */
export function unescapeLogValue(s: string): string {
  if (s.indexOf('\\') < 0) return s
  let out = ''
  let bytes: number[] = []
  const flush = (): void => {
    if (bytes.length > 0) {
      out += decoder.decode(Uint8Array.from(bytes))
      bytes = []
    }
  }
  let i = 0
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c === 92 && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1)
      if ((next === 120 || next === 88) && i + 3 < s.length) {
        const hi = hexValue(s.charCodeAt(i + 2))
        const lo = hexValue(s.charCodeAt(i + 3))
        if (hi >= 0 && lo >= 0) {
          bytes.push(hi * 16 + lo)
          i += 4
          continue
        }
      }
      flush()
      if (next === 34 || next === 92) {
        out += s[i + 1]
        i += 2
        continue
      }
      out += '\\'
      i++
      continue
    }
    flush()
    // The character at i is plain text or a lone trailing backslash: either way it is
    // taken as written, and consuming it first is what keeps this loop moving.
    const start = i
    i++
    while (i < s.length && s.charCodeAt(i) !== 92) i++
    out += s.slice(start, i)
  }
  flush()
  return out
}

/**
 * Index of the quote that closes a value opened just before `from`: an unescaped `"`
 * followed by a space or the end of the line. A bare quote inside the value (some
 * loggers do not escape) is taken as text. Linear: each backslash run is counted once.
 * Returns -1 when the value is not closed (a truncated line).
 */
export function findClosingQuote(s: string, from: number): number {
  let i = from
  for (;;) {
    const q = s.indexOf('"', i)
    if (q < 0) return -1
    let backslashes = 0
    for (let j = q - 1; j >= from && s.charCodeAt(j) === 92; j--) backslashes++
    if (backslashes % 2 === 0 && (q + 1 === s.length || s.charCodeAt(q + 1) === 32)) return q
    i = q + 1
  }
}
