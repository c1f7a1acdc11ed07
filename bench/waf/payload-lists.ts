/**
 * Public payload lists as the WAF corpora read them (bench/waf/corpora/README.md: files,
 * commits, selection rules) and the six places a payload is put in a request; shared by
 * bench/waf/payload-eval.ts (the first corpus) and bench/waf/payload-eval-2.ts (the second).
 * @module
 */
import { readFileSync } from 'node:fs'
import type { WafRequest } from '../../packages/core/src/waf/index.ts'
import { fnv1a } from './corpora/seeded-text.ts'

const CORPORA = new URL('./corpora/', import.meta.url)
const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'

export interface Payload {
  text: string
  cls: string
  file: string
  holdout: boolean
}

const percentDecoded = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }
/**
 * Rules 5 and 6 of the second corpus: a line with no syntax of any language the WAF guards
 * (a lone keyword, a number, words on one line) or one word wrapped only in quotes, brackets and
 * template marks (`'sqlvuln`, `(sqlattempt2)`, `{{Tnn96}}`, `&lt;Tnn96&gt;`) is a probe whose
 * meaning lies in the response, and blocking it would block every apostrophe or placeholder.
 * Line breaks, backticks, `=` and `+` are not in either set: they separate, run or compare.
 */
const ONLY_WORDS = /^[\w \t.+-]+$/
const ONE_WRAPPED_WORD = /^[ \t'"‘’“”()[\]{}<>%@#$]*\w+[ \t'"‘’“”()[\]{}<>%@#$]*$/
export function notAttackAlone(text: string): boolean {
  const plain = percentDecoded(text).replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => XML_ENTITIES[e]!)
  return ONLY_WORDS.test(plain) || ONE_WRAPPED_WORD.test(plain)
}

/**
 * The selection rules of corpora/README.md, applied to the files `sources` names; never a
 * verdict. `second` adds the second corpus' rules: lines not an attack alone, and payloads
 * already in `exclude` (the first corpus), are dropped.
 */
export function readPayloads(sources: string, second?: { exclude: ReadonlySet<string> }): Payload[] {
  const files = JSON.parse(readFileSync(new URL(sources, CORPORA), 'utf8')) as Record<string, Array<{ path: string; class: string }>>
  const seen = new Set<string>()
  const out: Payload[] = []
  for (const [dir, list] of Object.entries(files)) {
    for (const f of list) {
      for (const raw of readFileSync(new URL(`${dir}/${f.path}`, CORPORA), 'utf8').split('\n')) {
        const text = raw.replace(/\r$/, '')
        if (text.trim() === '' || text.startsWith('# ') || percentDecoded(text).length <= 3) continue
        if (second !== undefined && (notAttackAlone(text) || second.exclude.has(text))) continue
        const key = `${f.class}\u0000${text}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ text, cls: f.class, file: `${dir}/${f.path}`, holdout: fnv1a(text) % 10 < 3 })
      }
    }
  }
  return out
}

/**
 * Percent-encodes what cannot travel raw. A payload that already holds `%XX` escapes was
 * written encoded by its author, so its `%` stays; `keep` lists the other characters left raw.
 */
function encodeFor(value: string, keep: RegExp): string {
  const preEncoded = /%[0-9a-f]{2}/i.test(value)
  let out = ''
  for (const ch of value) out += keep.test(ch) || (preEncoded && ch === '%') ? ch : encodeURIComponent(ch)
  return out
}
const UNRESERVED = /^[A-Za-z0-9\-._~]$/
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/

export const POSITIONS = ['query', 'form', 'json', 'cookie', 'header', 'path'] as const
export type Position = (typeof POSITIONS)[number]

export function place(text: string, at: Position): WafRequest {
  const headers: Record<string, string> = { host: 'shop.example', 'user-agent': BROWSER_UA, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en-GB,en;q=0.9' }
  const encoded = encodeFor(text, UNRESERVED)
  switch (at) {
    case 'query':
      return { method: 'GET', uri: `/search?q=${encoded}&page=1`, headers }
    case 'form':
      return { method: 'POST', uri: '/contact', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: `name=Jane&message=${encoded}` }
    case 'json':
      return { method: 'POST', uri: '/api/cart', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ sku: 'A1', qty: 1 }], note: text }) }
    case 'cookie':
      return { method: 'GET', uri: '/account', headers: { ...headers, cookie: `_ga=GA1.2.1234567890.1700000000; pref=${encoded}` } }
    case 'header':
      return { method: 'GET', uri: '/', headers: { ...headers, 'user-agent': text } }
    case 'path':
      return { method: 'GET', uri: `/products/${encodeFor(text, PATH_CHARS)}`, headers }
  }
}
