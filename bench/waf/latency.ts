/**
 * Engine latency per request: p50/p99 over typical shop requests, and the worst cases
 * the limits bound. Run: npx tsx bench/waf/latency.ts
 * @module
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { createWafEngine, parseWafRequestLine, type WafRequest } from '../../packages/core/src/waf/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const engine = createWafEngine()
const typical: WafRequest[] = readFileSync(new URL('../../packages/core/src/waf/fixtures/benign-requests.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => {
    const p = parseWafRequestLine(l)
    if (!p.ok) throw new Error(p.error)
    return p.request
  })

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function measure(requests: WafRequest[], iterations: number): { p50: number; p99: number; max: number; n: number } {
  for (let i = 0; i < Math.min(iterations, 200); i++) engine.inspect(requests[i % requests.length]!)
  const times: number[] = []
  for (let i = 0; i < iterations; i++) {
    const req = requests[i % requests.length]!
    const t = performance.now()
    engine.inspect(req)
    times.push((performance.now() - t) * 1000)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1]!, n: iterations }
}

const worst: Array<[string, WafRequest, number]> = [
  ['1 MB text body', { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: 'lorem ipsum dolor sit amet, '.repeat(40_000).slice(0, 1 << 20) }, 20],
  ['1 MB JSON body (10k leaves)', { method: 'POST', uri: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `item ${i} O'Reilly <3`, note: 'x'.repeat(60) }))) }, 20],
  ['10,000 query parameters', { method: 'GET', uri: `/?${Array.from({ length: 10_000 }, (_, i) => `p${i}=v${i}`).join('&')}` }, 50],
  ['1000-deep JSON', { method: 'POST', uri: '/', headers: { 'content-type': 'application/json' }, body: `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}` }, 50],
  ["100 KB of quotes", { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: "'".repeat(100_000) }, 20],
  ['100 KB of "<a on"', { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: '<a on'.repeat(20_000) }, 20],
  ['100 KB of nested "${"', { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: '${'.repeat(50_000) }, 20],
  ['100 KB of "%25"', { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: '%25'.repeat(33_000) }, 20],
  ['100 KB of ";$("', { method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: ';$('.repeat(33_000) }, 20],
]

const cpuStart = process.cpuUsage()
const t = measure(typical, 20_000)
const cpu = process.cpuUsage(cpuStart)
const cpuPerRequest = (cpu.user + cpu.system) / (t.n + 200)
const rows = [`| typical shop requests (${typical.length} kinds, ${t.n} runs) | ${t.p50.toFixed(0)} µs | ${t.p99.toFixed(0)} µs | ${t.max.toFixed(0)} µs |`]
for (const [name, req, n] of worst) {
  const m = measure([req], n)
  rows.push(`| ${name} (${n} runs) | ${(m.p50 / 1000).toFixed(2)} ms | ${(m.p99 / 1000).toFixed(2)} ms | ${(m.max / 1000).toFixed(2)} ms |`)
}
const body = `## WAF engine latency (bench/waf/latency.ts)

${machineLine()}

Level ${engine.level}, one engine, warmed up, single thread; time of \`engine.inspect(request)\` only.
Typical requests: packages/core/src/waf/fixtures/benign-requests.ndjson (browser-like headers, cookies,
JWTs, JSON reviews, forms, multipart). Goal: p99 ≤ 250 µs per typical request.
Process CPU time over the typical runs (insensitive to other load on the machine): ${cpuPerRequest.toFixed(0)} µs per request, mean.
Load average when measured: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores — wall-clock percentiles include waiting for a core.

| case | p50 | p99 | max |
| --- | --- | --- | --- |
${rows.join('\n')}
`
console.log(body)
writeResultsSection('waf-latency', body)
