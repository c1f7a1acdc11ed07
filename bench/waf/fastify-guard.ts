/**
 * Requests per second of a Fastify app with the guard (block mode, default level) and
 * without, same run, alternating rounds. The server runs in a child process; the load
 * generator is a bounded keep-alive loop on node:http. Run: npx tsx bench/waf/fastify-guard.ts
 * @module
 */
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { machineLine, writeResultsSection } from '../results-file.ts'

const CONNECTIONS = 16
const ROUND_MS = 5000
const ROUNDS = 3
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
const HEADERS = { 'user-agent': UA, accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9', cookie: '_ga=GA1.2.1234567890.1700000000; sid=3f9a8c7e6d5b4a39' }
const CART = JSON.stringify({ items: [{ sku: 'mug-01', qty: 2, note: "For Mum & Dad <3 -- O'Brien" }], coupon: 'SPRING10' })
const QUERIES = ['shoes', 'O%27Reilly+books', 'rock+%26+roll+t-shirt', 'levis+501+%2232x34%22', 'gift+for+mum']

async function startServer(mode: 'bare' | 'guard'): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fastify-server.ts', import.meta.url).pathname, mode], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { url, stop: () => child.kill() }
}

function once(agent: Agent, base: URL, i: number): Promise<void> {
  const post = i % 4 === 3
  const path = post ? '/api/cart' : `/products?q=${QUERIES[i % QUERIES.length]}&page=${i % 7}`
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, method: post ? 'POST' : 'GET', path, headers: post ? { ...HEADERS, 'content-type': 'application/json' } : HEADERS }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode} for ${path}`))
      res.resume()
      res.on('end', resolve)
    })
    req.on('error', reject)
    req.end(post ? CART : undefined)
  })
}

async function load(url: string, ms: number): Promise<number> {
  const base = new URL(url)
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const until = performance.now() + ms
  let done = 0
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = c; performance.now() < until; i += CONNECTIONS) {
        await once(agent, base, i)
        done++
      }
    }),
  )
  agent.destroy()
  return done / (ms / 1000)
}

const results: Record<'bare' | 'guard', number[]> = { bare: [], guard: [] }
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of ['bare', 'guard'] as const) {
    const server = await startServer(mode)
    try {
      await load(server.url, 1000)
      results[mode].push(await load(server.url, ROUND_MS))
    } finally {
      server.stop()
    }
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const bare = median(results.bare)
const guarded = median(results.guard)
const body = `## Fastify with the guard vs bare Fastify (bench/waf/fastify-guard.ts)

${machineLine()}

Same run, server in a child process, ${CONNECTIONS} keep-alive connections from a node:http load loop in
this process, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s (after a 1 s warm-up each), median reported. Mix: 3 GET
/products?q=… (browser headers, cookies) to 1 POST /api/cart (JSON). Guard: preHandler, block mode, level 2.
Goal: guarded ≥ 0.85 × bare. Load generator and server share the machine's cores, so absolute numbers are low.
Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores (other work on the machine makes rounds vary).

| server | req/s (median) | rounds |
| --- | --- | --- |
| bare Fastify | ${bare.toFixed(0)} | ${results.bare.map((x) => x.toFixed(0)).join(', ')} |
| Fastify + guard | ${guarded.toFixed(0)} | ${results.guard.map((x) => x.toFixed(0)).join(', ')} |
| ratio | ${(guarded / bare).toFixed(2)} × | |
`
console.log(body)
writeResultsSection('waf-fastify', body)
