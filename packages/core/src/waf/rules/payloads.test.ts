/**
 * One test per line of every rules/<class>/payloads/{attack,benign}.txt: attacks are
 * blocked at the default level with a match of their class, benign lines are allowed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import type { WafRequest } from '../types.ts'

const CLASS_CATEGORY: Record<string, string> = {
  sqli: 'sqli', xss: 'xss', rce: 'rce', 'path-traversal': 'path_traversal', ssrf: 'ssrf', xxe: 'xxe',
  ssti: 'ssti', nosqli: 'nosqli', ldapi: 'ldapi', xpathi: 'xpathi', crlf: 'crlf', jndi: 'jndi', ssi: 'ssi',
  'mail-injection': 'mail_injection', rfi: 'rfi', scanner: 'scanner', 'prototype-pollution': 'prototype_pollution', 'open-redirect': 'open_redirect',
}
const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'

/** Places a fixture line where that class of attack arrives in real traffic. */
function requestFor(cls: string, line: string): WafRequest {
  const value = line.replaceAll('\\r', '\r').replaceAll('\\n', '\n')
  const headers: Record<string, string> = { host: 'shop.example', 'user-agent': BROWSER_UA }
  if (cls === 'scanner') return { method: 'GET', uri: '/', headers: { ...headers, 'user-agent': value } }
  if (cls === 'xxe') return { method: 'POST', uri: '/api/order', headers: { ...headers, 'content-type': 'application/xml' }, body: value }
  if (cls === 'crlf') return { method: 'GET', uri: `/${value}`, headers }
  if (value.startsWith('{')) return { method: 'POST', uri: '/api/login', headers: { ...headers, 'content-type': 'application/json' }, body: value }
  if (cls === 'mail-injection') {
    return { method: 'POST', uri: '/contact', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(value)}` }
  }
  // Prototype pollution travels in parameter names (`__proto__[x]=1`), open redirects in a return URL.
  if (cls === 'prototype-pollution') return { method: 'GET', uri: `/products?${value}`, headers }
  const encoded = /%[0-9a-f]{2}/i.test(value) ? value : encodeURIComponent(value)
  if (cls === 'open-redirect') return { method: 'GET', uri: `/account/login?next=${encoded}`, headers }
  return { method: 'GET', uri: `/search?q=${encoded}`, headers }
}

const engine = createWafEngine()
const root = new URL('./', import.meta.url)
for (const cls of readdirSync(root).filter((d) => existsSync(new URL(`${d}/payloads/attack.txt`, root)))) {
  const read = (kind: string): string[] =>
    readFileSync(new URL(`${cls}/payloads/${kind}.txt`, root), 'utf8').split('\n').filter((l) => l.trim() !== '')
  describe(`${cls} payloads`, () => {
    it.each(read('attack'))('blocks %s', (line) => {
      const v = engine.inspect(requestFor(cls, line))
      expect(v.action).toBe('block')
      expect(v.matches.map((m) => m.category)).toContain(CLASS_CATEGORY[cls])
    })
    it.each(read('benign'))('allows %s', (line) => {
      const v = engine.inspect(requestFor(cls, line))
      expect(v.matches).toEqual([])
      expect(v.action).toBe('allow')
    })
  })
}
