/**
 * The shop traffic of the guard's cost benches: 3 GET searches (browser headers, cookies) to 1 POST
 * of a JSON cart, as is (its searches and cart repeat, as a shop's popular ones do) or with every
 * search and cart note made distinct by a counter (values never seen before). fastify-guard.ts sends
 * it to Fastify; latency.ts hands it to the engine as Fastify hands a request to the guard.
 * @module
 */
import type { WafRequest } from '../../packages/core/src/waf/index.ts'

export interface ShopRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
const HEADERS = { 'user-agent': UA, accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9', cookie: '_ga=GA1.2.1234567890.1700000000; sid=3f9a8c7e6d5b4a39' }
const CART = JSON.stringify({ items: [{ sku: 'mug-01', qty: 2, note: "For Mum & Dad <3 -- O'Brien" }], coupon: 'SPRING10' })
const QUERIES = ['shoes', 'O%27Reilly+books', 'rock+%26+roll+t-shirt', 'levis+501+%2232x34%22', 'gift+for+mum', 'usb-c+cable+2m', 'mug']

/** 7 searches and 2 carts: a cart after every third search. */
export const SHOP_MIX: readonly ShopRequest[] = QUERIES.flatMap((q, i): ShopRequest[] => [
  { method: 'GET', path: `/products?q=${q}&page=${i % 5}`, headers: HEADERS },
  ...(i % 3 === 2 ? [{ method: 'POST' as const, path: '/api/cart', headers: { ...HEADERS, 'content-type': 'application/json' }, body: CART }] : []),
])

/** The request with its search or its cart note made distinct by `serial` (appended to it). */
export function distinctRequest(r: ShopRequest, serial: number): ShopRequest {
  return r.body === undefined ? { ...r, path: r.path.replace('&', `+${serial}&`) } : { ...r, body: r.body.replace('Dad', `Dad ${serial}`) }
}

/** The request as a client writes it on a keep-alive connection to `host` (Node's parser adds the same header fields for asParsedRequest). */
export function rawRequest(r: ShopRequest, host: string): Buffer {
  let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`
  for (const [name, value] of Object.entries(r.headers)) head += `${name}: ${value}\r\n`
  if (r.body === undefined) return Buffer.from(`${head}\r\n`, 'latin1')
  const body = Buffer.from(r.body)
  return Buffer.concat([Buffer.from(`${head}content-length: ${body.length}\r\n\r\n`, 'latin1'), body])
}

/**
 * The request as Fastify hands it to the guard's preHandler and the guard to the engine: the
 * headers as Node's parser adds them, the body parsed; every string fresh, as a server's are.
 */
export function asParsedRequest(r: ShopRequest): WafRequest {
  const headers: Record<string, string> = JSON.parse(JSON.stringify({ host: '127.0.0.1:3000', connection: 'keep-alive', ...r.headers, ...(r.body === undefined ? {} : { 'content-length': String(r.body.length) }) }))
  const uri: string = JSON.parse(JSON.stringify(r.path))
  return r.body === undefined ? { method: r.method, uri, headers } : { method: r.method, uri, headers, parsedBody: JSON.parse(r.body) }
}
