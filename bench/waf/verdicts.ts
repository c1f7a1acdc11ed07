/**
 * Every verdict the engine gives over a fixed set of requests, one JSON line each, so a
 * change meant to make the engine cheaper can be diffed for identical behaviour: GoTestWAF,
 * every payload fixture under packages/core/src/waf, the typical requests, and benign shop
 * traffic (browser and crawler User-Agents, searches, JSON carts as text and as a parsed
 * body, cookies), at every level, with the finding cache on and off.
 * Run: npx tsx bench/waf/verdicts.ts > /tmp/<you>/verdicts.ndjson
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createWafEngine, parseWafRequestLine, WAF_LEVELS, type WafRequest } from '../../packages/core/src/waf/index.ts'

const WAF = new URL('../../packages/core/src/waf/', import.meta.url)
const CORPORA = new URL('../../../shared/corpora/', import.meta.url)
const requests: Array<[string, WafRequest]> = []

for (const line of readFileSync(new URL('gotestwaf/gotestwaf.ndjson', CORPORA), 'utf8').split('\n').filter(Boolean)) {
  const l = JSON.parse(line) as WafRequest & { id: string }
  requests.push([`gotestwaf:${l.id}`, { method: l.method, uri: l.uri, headers: l.headers, body: l.body, body_encoding: l.body_encoding }])
}

const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'
const rulesDir = new URL('rules/', WAF)
for (const cls of readdirSync(rulesDir).filter((d) => existsSync(new URL(`${d}/payloads/attack.txt`, rulesDir)))) {
  for (const kind of ['attack', 'benign']) {
    const lines = readFileSync(new URL(`${cls}/payloads/${kind}.txt`, rulesDir), 'utf8').split('\n').filter((l) => l.trim() !== '')
    lines.forEach((line, i) => {
      const value = line.replaceAll('\\r', '\r').replaceAll('\\n', '\n')
      const headers = { host: 'shop.example', 'user-agent': BROWSER_UA }
      const at = `fixture:${cls}:${kind}:${i}`
      // Each payload in every place it can arrive: query, form body, JSON body, header, cookie, path.
      requests.push([`${at}:query`, { method: 'GET', uri: `/search?q=${/%[0-9a-f]{2}/i.test(value) ? value : encodeURIComponent(value)}`, headers }])
      requests.push([`${at}:form`, { method: 'POST', uri: '/contact', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(value)}` }])
      requests.push([`${at}:json`, { method: 'POST', uri: '/api/login', headers: { ...headers, 'content-type': 'application/json' }, body: value.startsWith('{') ? value : JSON.stringify({ user: value }) }])
      requests.push([`${at}:parsed`, { method: 'POST', uri: '/api/login', headers: { ...headers, 'content-type': 'application/json' }, parsedBody: { user: value, items: [{ note: value }] } }])
      requests.push([`${at}:xml`, { method: 'POST', uri: '/api/order', headers: { ...headers, 'content-type': 'application/xml' }, body: value }])
      requests.push([`${at}:ua`, { method: 'GET', uri: '/', headers: { ...headers, 'user-agent': value } }])
      requests.push([`${at}:referer`, { method: 'GET', uri: '/', headers: { ...headers, referer: value, 'x-forwarded-for': value } }])
      requests.push([`${at}:cookie`, { method: 'GET', uri: '/', headers: { ...headers, cookie: `sid=${value}; pref=${encodeURIComponent(value)}` } }])
      requests.push([`${at}:path`, { method: 'GET', uri: `/${value}`, headers }])
    })
  }
}

readFileSync(new URL('fixtures/benign-requests.ndjson', WAF), 'utf8')
  .split('\n')
  .filter(Boolean)
  .forEach((l, i) => {
    const p = parseWafRequestLine(l)
    if (!p.ok) throw new Error(p.error)
    requests.push([`typical:${i}`, p.request])
  })

/** The `- agent` lines of isbot's fixture lists. */
const agents = (file: string): string[] =>
  readFileSync(new URL(`user-agents/${file}`, CORPORA), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4).replace(/^"(.*)"$/, '$1'))
const SEARCHES = ['shoes', "O'Reilly books", 'rock & roll t-shirt', 'levis 501 "32x34"', 'gift for mum', 'usb-c cable 2m', 'mug', 'café crème', '50% off', 'size 10.5', 'kids (age 4-6)', 'AT&T phone case', 'who is the best #1', 'select a gift', 'drop shipping', 'c# book', '<3 mugs', 'q&a']
const NOTES = ["For Mum & Dad <3 -- O'Brien", 'Leave at door; ring bell', 'Gift wrap please!', 'size: M/L', 'Deliver after 5pm (office)', '日本語のメモ', 'path a/b/c', 'email me at a@b.co']
const ua = [...agents('isbot-fixtures-browsers.yml'), ...agents('isbot-fixtures-crawlers.yml')]
ua.forEach((agent, i) => {
  const q = SEARCHES[i % SEARCHES.length]!
  const headers: Record<string, string> = {
    host: 'shop.example',
    'user-agent': agent,
    accept: 'application/json',
    'accept-language': 'en-GB,en;q=0.9',
    cookie: `_ga=GA1.2.${1000000000 + i}.1700000000; sid=${(i * 2654435761).toString(16)}; cart=${encodeURIComponent(JSON.stringify({ n: i % 4 }))}`,
  }
  requests.push([`benign:${i}:search`, { method: 'GET', uri: `/products?q=${encodeURIComponent(q).replaceAll('%20', '+')}+${i}&page=${i % 5}`, headers }])
  const cart = { items: [{ sku: `mug-${i % 90}`, qty: 1 + (i % 3), note: `${NOTES[i % NOTES.length]} ${i}` }], coupon: 'SPRING10' }
  const json = { ...headers, 'content-type': 'application/json' }
  requests.push([`benign:${i}:cart`, { method: 'POST', uri: '/api/cart', headers: json, body: JSON.stringify(cart) }])
  requests.push([`benign:${i}:cart-parsed`, { method: 'POST', uri: '/api/cart', headers: json, parsedBody: cart }])
})

for (const level of WAF_LEVELS) {
  for (const cacheSize of [undefined, 0]) {
    const engine = createWafEngine({ level, cacheSize })
    // Twice with the cache on: the second pass is answered from it.
    for (const pass of cacheSize === 0 ? [1] : [1, 2]) {
      for (const [id, req] of requests) {
        const v = engine.inspect(req)
        process.stdout.write(`${JSON.stringify({ level, cache: cacheSize !== 0, pass, id, ...v })}\n`)
      }
    }
  }
}
