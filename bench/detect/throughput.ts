/**
 * Throughput of the full detector set (every detector the registry builds) over generated
 * HTTP events — shoppers with assets and cookies, scrapers, a rotating pool, a scanner —
 * on one core (the engine is single-threaded). Event generation is done before timing.
 * Writes the 'detect-throughput' section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/throughput.ts [--events N]
 * @module
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { buildDetectors, createDetectionEngine, emptyHttpEvent, type HttpEvent } from '@vigil/core'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, 'per-detector': { type: 'boolean', default: false } } })
const TOTAL = Number(values.events)
const T0 = Date.parse('2026-11-20T00:00:00Z')
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36'
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1'

let seed = 42
function rand(): number {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T

function event(ts: number, ip: string, path: string, fields: Partial<HttpEvent> = {}): HttpEvent {
  const e = emptyHttpEvent('combined', 'bench.log', 0, '')
  e.ts = ts
  e.source_ip = ip
  e.url_path = path
  e.http_request_method = 'GET'
  e.http_response_status_code = 200
  e.user_agent_original = CHROME
  e.tls_client_ja4 = 't13d1516h2_8daaf6152771_02713d6af862'
  e.source_ip_flags = []
  e.source_as_number = 7922
  return Object.assign(e, fields)
}

/** Events in time order: ~20 events/s of event time, mostly people. */
function generate(n: number): HttpEvent[] {
  const out: HttpEvent[] = []
  let ts = T0
  let scraperId = 1000
  while (out.length < n) {
    ts += Math.floor(rand() * 100)
    const r = rand()
    if (r < 0.8) {
      const user = Math.floor(rand() * 20_000)
      const ip = `${73 + (user % 20)}.${(user >> 8) & 255}.${user & 255}.${user % 7}`
      const base = { session_id: `s${user}`, user_agent_original: user % 3 === 0 ? SAFARI : CHROME, http_request_referrer: 'https://shop.example/' }
      out.push(event(ts, ip, pick(['/', '/search', `/product/${Math.floor(rand() * 50_000)}`, '/cart', '/category/shoes']), base))
      for (const a of ['/static/app.js', '/static/app.css', `/img/${Math.floor(rand() * 500)}.webp`]) out.push(event(ts + 30, ip, a, base))
    } else if (r < 0.9) {
      out.push(event(ts, `95.216.36.${Math.floor(rand() * 4)}`, `/product/${scraperId++}`, { user_agent_original: 'python-requests/2.31', user_agent_bot_name: 'python-requests', user_agent_bot_kind: 'automation', source_ip_flags: ['cloud'], source_as_number: 24940 }))
    } else if (r < 0.98) {
      out.push(event(ts, `86.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}.9`, `/p/${Math.floor(rand() * 90_000)}`, { tls_client_ja4: 't13d1311h2_f57a46bbacb6_ab7e3b40a677', user_agent_original: rand() < 0.5 ? SAFARI : CHROME }))
    } else {
      out.push(event(ts, '159.203.183.80', pick(['/.env', '/wp-login.php', '/search', '/admin']), { url_query: rand() < 0.5 ? "q=1' or '1'='1" : null, http_response_status_code: 404, source_ip_flags: ['cloud'] }))
    }
  }
  return out.slice(0, n)
}

const events = generate(TOTAL)
const detectors = buildDetectors()
// Warm-up on a separate engine so JIT compilation is not billed to the measured run.
const warm = createDetectionEngine(buildDetectors())
for (let i = 0; i < Math.min(100_000, events.length); i++) warm.pushHttp(events[i] as HttpEvent)
warm.finish()

const engine = createDetectionEngine(detectors)
const heapBefore = process.memoryUsage().heapUsed
const started = process.hrtime.bigint()
const cpuBefore = process.cpuUsage()
for (const e of events) engine.pushHttp(e)
engine.finish()
const cpu = process.cpuUsage(cpuBefore)
const seconds = Number(process.hrtime.bigint() - started) / 1e9
// CPU time, not wall time: the machine is shared, and a core's rate is events per CPU-second.
const cpuSeconds = (cpu.user + cpu.system) / 1e6
const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
const rate = TOTAL / cpuSeconds

/** CPU seconds for one detector alone over the same events, to show where the time goes. */
function alone(index: number): number {
  const only = buildDetectors()[index]
  if (only === undefined) return 0
  const e1 = createDetectionEngine([only])
  const before = process.cpuUsage()
  for (const e of events) e1.pushHttp(e)
  e1.finish()
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1e6
}
const perDetector = values['per-detector'] ? detectors.map((d, i) => `| ${d.id} | ${(TOTAL / alone(i)).toLocaleString('en-US', { maximumFractionDigits: 0 })} |`) : []
const spanHours = ((events[events.length - 1]?.ts ?? T0) - T0) / 3_600_000

writeResultsSection(
  'detect-throughput',
  [
    '## Detection engine throughput (`bench/detect/throughput.ts`)',
    '',
    machineLine(),
    '',
    `| events | event-time span | detectors | detections | wall s | CPU s | events per CPU-second (one core) | heap growth |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${TOTAL.toLocaleString('en-US')} | ${spanHours.toFixed(1)} h | ${detectors.length} (${detectors.map((d) => d.id).join(', ')}) | ${engine.detections().length.toLocaleString('en-US')} | ${seconds.toFixed(2)} | ${cpuSeconds.toFixed(2)} | ${Math.round(rate).toLocaleString('en-US')} | ${heapMiB.toFixed(0)} MiB |`,
    '',
    ...(perDetector.length === 0 ? [] : ['', 'Each detector alone over the same events (`--per-detector`):', '', '| detector | events per CPU-second |', '| --- | --- |', ...perDetector, '']),
    `Goal: ≥ 200,000 events/s per core for the full detector set${rate >= 200_000 ? ' (met)' : ' (NOT met on this run)'}. Events are pre-enriched HttpEvent records (parsing and enrichment are measured in their own sections). The machine is shared (load average ${loadavg()[0]?.toFixed(0)} on ${cpus().length} cores during this run), so the rate is per CPU-second of this process, garbage collection included.`,
  ].join('\n'),
)
process.stdout.write(`${Math.round(rate)} events/s over ${TOTAL} events, ${engine.detections().length} detections\n`)
