/**
 * GraphQL documents: the values a GraphQL server hands its resolvers are the document's
 * string literals (and its variables, which arrive as JSON), not its braces, field names and
 * `#` comments. A document is read whole like any value, and each string literal again on its
 * own, unescaped as the GraphQL lexer unescapes it (`\"`, `\u0027`, block strings), so that a
 * payload in an inline argument is seen as the resolver sees it.
 * @module
 */
import { hexDigit } from '../normalize/decode.ts'

/** String literals read from one document at most: a document of aliased calls holds one per call. */
export const MAX_GRAPHQL_STRINGS = 256

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 44 /* , */ || c === 0xfeff
const isNameChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95

/** Past whitespace, commas and `#` comments (GraphQL's ignored tokens) from `i`. */
function skipIgnored(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (isSpace(c)) i++
    else if (c === 35 /* # */) {
      while (i < s.length && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++
    } else break
  }
  return i
}

const OPERATION_WORDS = ['query', 'mutation', 'subscription', 'fragment']

/**
 * Whether the value is a GraphQL document: its first token is `{` (a query's shorthand) or an
 * operation or fragment keyword, and it holds a selection (`{`). Prose that starts with "query"
 * holds no brace.
 */
export function isGraphqlDocument(value: string): boolean {
  const i = skipIgnored(value, 0)
  const c = value.charCodeAt(i)
  if (c === 123 /* { */) {
    // A selection starts with a field name or a fragment spread, not a JSON key or a template tag (`{%`, `{{`).
    const f = value.charCodeAt(skipIgnored(value, i + 1))
    return (f >= 97 && f <= 122) || (f >= 65 && f <= 90) || f === 95 || f === 46
  }
  for (const w of OPERATION_WORDS) {
    if (value.startsWith(w, i) && !isNameChar(value.charCodeAt(i + w.length))) return value.includes('{', i + w.length)
  }
  return false
}

/** The number written by one to six hex digits, -1 for anything else. */
function hexNumber(s: string): number {
  if (s.length === 0 || s.length > 6) return -1
  let n = 0
  for (let k = 0; k < s.length; k++) {
    const d = hexDigit(s.charCodeAt(k))
    if (d < 0) return -1
    n = n * 16 + d
  }
  return n
}

/**
 * The escaped string literal whose opening quote is at `start`: its text unescaped and the index
 * after its closing quote (the value's end when it has none: the text up to there).
 */
function readString(s: string, start: number): [string, number] {
  let out = ''
  let i = start + 1
  let last = i
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c === 34 /* " */) return [out + s.slice(last, i), i + 1]
    if (c === 10 || c === 13) break
    if (c !== 92 /* \ */) {
      i++
      continue
    }
    out += s.slice(last, i)
    const e = s[i + 1]
    let step = 2
    if (e === 'u') {
      const braced = s[i + 2] === '{'
      // `\u{…}` holds at most six digits: its `}` is looked for that far and no farther.
      let end = braced ? -1 : i + 6
      for (let k = i + 3; braced && k < s.length && k <= i + 9; k++) {
        if (s.charCodeAt(k) === 125 /* } */) {
          end = k
          break
        }
      }
      const code = braced ? (end > 0 ? hexNumber(s.slice(i + 3, end)) : -1) : hexNumber(s.slice(i + 2, i + 6))
      if (code >= 0 && code <= 0x10ffff && (braced || s.slice(i + 2, i + 6).length === 4)) {
        out += String.fromCodePoint(code)
        step = braced ? end + 1 - i : 6
      } else out += '\\u'
    } else out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'f' ? '\f' : (e ?? '')
    i += step
    last = i
  }
  return [out + s.slice(last, i), i]
}

/**
 * The string literals of a GraphQL document, unescaped, in order (at most MAX_GRAPHQL_STRINGS;
 * literals of fewer than two characters are left out: nothing fits in them). One pass: names,
 * punctuation and numbers are skipped, comments to the end of their line.
 */
export function graphqlStrings(doc: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < doc.length && out.length < MAX_GRAPHQL_STRINGS) {
    const c = doc.charCodeAt(i)
    if (c === 35 /* # */) {
      i = skipIgnored(doc, i)
      continue
    }
    if (c !== 34 /* " */) {
      i++
      continue
    }
    if (doc.startsWith('"""', i)) {
      // A block string: raw text up to the next `"""` not escaped as `\"""`.
      let end = doc.indexOf('"""', i + 3)
      while (end > 0 && doc.charCodeAt(end - 1) === 92) end = doc.indexOf('"""', end + 3)
      const text = doc.slice(i + 3, end < 0 ? doc.length : end).replaceAll('\\"""', '"""')
      if (text.trim().length >= 2) out.push(text.trim())
      i = end < 0 ? doc.length : end + 3
      continue
    }
    const [text, next] = readString(doc, i)
    if (text.length >= 2) out.push(text)
    i = next
  }
  return out
}
