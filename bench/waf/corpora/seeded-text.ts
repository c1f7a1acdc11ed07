/**
 * Seeded random text for the benign corpus generators: one stream per corpus, so each
 * writes the same file on every run.
 * @module
 */
import { readFileSync } from 'node:fs'
import { mulberry32 } from '../../../packages/core/src/util/mulberry32.ts'

export function seededText(seed: number) {
  const rand = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1))
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('')
  const alnum = (n: number): string =>
    Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[int(0, 61)]).join('')
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
  /** Runs makers drawn by weight until `done()`: a corpus's mix of request shapes. */
  const drawWeighted = (shapes: ReadonlyArray<readonly [number, () => void]>, done: () => boolean): void => {
    const total = shapes.reduce((s, [w]) => s + w, 0)
    while (!done()) {
      let r = rand() * total
      for (const [w, make] of shapes) {
        r -= w
        if (r < 0) {
          make()
          break
        }
      }
    }
  }
  return { rand, pick, int, hex, alnum, uuid, drawWeighted }
}

export const b64url = (s: string): string => Buffer.from(s).toString('base64url')

/** Form encoding as browsers send it: spaces as `+`, everything else outside the unreserved set escaped. */
export const form = (pairs: Array<[string, string]>): string =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replaceAll('%20', '+')}`).join('&')

/** What a browser submits for an HTML form (application/x-www-form-urlencoded, the WHATWG serializer: `'`, `(`, `)`, `!`, `*` escaped too). */
export const formBody = (pairs: Array<[string, string]>): string => new URLSearchParams(pairs).toString()

/** Every User-Agent of isbot's browser fixture list (the `- agent` lines), old and new. */
export function fixtureUserAgents(): string[] {
  return readFileSync(new URL('../../../../shared/corpora/user-agents/isbot-fixtures-browsers.yml', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4).replace(/^"(.*)"$/, '$1'))
}

/** Browser User-Agents from isbot's browser fixture list (those starting Mozilla/5.0). */
export const browserUserAgents = (): string[] => fixtureUserAgents().filter((ua) => ua.startsWith('Mozilla/5.0'))

/** Browser User-Agents of ordinary shoppers: isbot's browser list also holds page-speed testers and headless builds. */
export const shopperUserAgents = (): string[] =>
  browserUserAgents().filter((ua) => /Chrome\/|Firefox\/|Safari\//.test(ua) && !/gtmetrix|lighthouse|headless|phantom/i.test(ua))

/** FNV-1a, 32 bits: the fixed hold-out split of the attack corpora (`hash % 10 < 3`), independent of file order. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}
