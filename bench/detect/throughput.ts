/**
 * Throughput of the full detector set (every detector the registry builds) over generated
 * HTTP events — shoppers with assets and cookies (searches and campaign tags in the query),
 * scrapers (half over query-string ids), a rotating pool, a scanner —
 * on one core (the engine is single-threaded). Event generation is not timed.
 * Writes the 'detect-throughput' section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/throughput.ts [--events N] [--per-detector] [--by-kind] [--dump FILE] [--note TEXT] [--baseline DIR [--pairs P] [--together] [--interleave R]]
 *   npx tsx bench/detect/throughput.ts [--events N] --leave-out ID,… [--pairs P] [--together]
 *
 * `--per-detector` also runs each detector alone; `--by-kind` also times every push of the full set
 * on its own and adds up the time by the population the event came from, with the events that
 * carry the clock past a second (and so run every detector's tick) on a row of their own.
 * `--dump FILE` writes the detections as JSON (one per line), to compare two versions'
 * detections on the same input; `--note TEXT` ends the section with a paragraph.
 * `--baseline DIR` measures in fresh processes instead, P alternating pairs (default 3) of
 * another checkout's detectors (DIR, with its own node_modules) and this one's over the same
 * generated events, compares their detections byte for byte and reports the medians: on a
 * shared machine a change is only visible against a baseline measured in the same minutes.
 * `--together` runs the two processes of each pair at the same time instead of in turn (which starts
 * first alternating from pair to pair; also for
 * `--leave-out`), so both meet the same load at every moment: with other work on the machine, the
 * same checkout against itself read 1.02, 1.01, 0.96 that way where pairs in turn moved by ±10 %.
 * `--interleave R` adds R rounds in one process: both checkouts' detectors, each 10,000-event
 * chunk pushed through one engine then the other (the order alternating chunk by chunk), so
 * both see the same minutes of load at the grain of a tenth of a second, with the same
 * checkout against itself as a control of what that method can resolve.
 * `--leave-out ID,…` runs P alternating pairs of fresh processes of this checkout, the full set and
 * the set less those detectors, and prints what they cost the set (RESULTS.md is left alone): an
 * attribution that a detector run alone (`--per-detector`) cannot give once detectors share state.
 * @module
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { emptyHttpEvent, mulberry32, splitUrl, type DetectionEngine, type HttpEvent } from '@vigil/core'
import { checkoutCommit, machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'per-detector': { type: 'boolean', default: false },
    'by-kind': { type: 'boolean', default: false },
    dump: { type: 'string' },
    note: { type: 'string' },
    baseline: { type: 'string' },
    pairs: { type: 'string', default: '3' },
    interleave: { type: 'string', default: '0' },
    'leave-out': { type: 'string' },
    together: { type: 'boolean', default: false },
    // One measured run in a child process, with the detectors of the checkout at ROOT.
    worker: { type: 'string' },
  },
})
const TOTAL = Number(values.events)
const T0 = Date.parse('2026-11-20T00:00:00Z')
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36'
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1'

let rand = mulberry32(42)

type Population = 'shopper page' | 'shopper asset' | 'scraper' | 'rotating pool' | 'scanner'
/** Which population made each generated event, kept only for `--by-kind`. */
const populationOf = new WeakMap<HttpEvent, Population>()
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
  Object.assign(e, fields)
  // Ingest fills the url_* columns from the request target; without them detectors take the fallback path.
  const url = splitUrl(e.url_query === null ? path : `${path}?${e.url_query}`)
  e.url_extension = url.url_extension
  e.url_is_static = url.url_is_static
  return e
}

/**
 * Events in time order, ~20 events/s of event time, mostly people, in chunks of `size`: the
 * same sequence on every call. Chunks are generated between timed pushes, as ingest hands the
 * detectors one batch at a time, so the measured heap holds detector state, not N events.
 */
function* chunks(n: number, size = 10_000): Generator<HttpEvent[]> {
  rand = mulberry32(42)
  let made = 0
  let ts = T0
  let scraperId = 1000
  let out: HttpEvent[] = []
  const push = (e: HttpEvent, population: Population): void => {
    if (made < n) {
      out.push(e)
      made++
      if (values['by-kind']) populationOf.set(e, population)
    }
  }
  while (made < n) {
    ts += Math.floor(rand() * 100)
    const r = rand()
    if (r < 0.8) {
      const user = Math.floor(rand() * 20_000)
      const ip = `${73 + (user % 20)}.${(user >> 8) & 255}.${user & 255}.${user % 7}`
      const base = { session_id: `s${user}`, user_agent_original: user % 3 === 0 ? SAFARI : CHROME, http_request_referrer: 'https://shop.example/' }
      const page = pick(['/', '/search', `/product/${Math.floor(rand() * 50_000)}`, '/cart', '/category/shoes'])
      // Searches carry their terms, a share of pages a campaign's tags: page identity reads the query.
      const query = page === '/search' ? `q=${pick(['red+shoes', 'rain+jacket', 'gift'])}` : rand() < 0.2 ? 'utm_source=newsletter&utm_medium=email&sort=price' : null
      push(event(ts, ip, page, { ...base, url_query: query }), 'shopper page')
      for (const a of ['/static/app.js', '/static/app.css', `/img/${Math.floor(rand() * 500)}.webp`]) push(event(ts + 30, ip, a, base), 'shopper asset')
    } else if (r < 0.9) {
      // Half the harvest walks a PHP shop's query-string ids.
      const id = scraperId++
      const byQuery = id % 2 === 0
      push(event(ts, `95.216.36.${Math.floor(rand() * 4)}`, byQuery ? '/index.php' : `/product/${id}`, {
        url_query: byQuery ? `route=product/product&product_id=${id}` : null, user_agent_original: 'python-requests/2.31', user_agent_bot_name: 'python-requests', user_agent_bot_kind: 'automation', source_ip_flags: ['cloud'], source_as_number: 24940 }), 'scraper')
    } else if (r < 0.98) {
      push(event(ts, `86.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}.9`, `/p/${Math.floor(rand() * 90_000)}`, { tls_client_ja4: 't13d1311h2_f57a46bbacb6_ab7e3b40a677', user_agent_original: rand() < 0.5 ? SAFARI : CHROME }), 'rotating pool')
    } else {
      push(event(ts, '159.203.183.80', pick(['/.env', '/wp-login.php', '/search', '/admin']), { url_query: rand() < 0.5 ? "q=1' or '1'='1" : null, http_response_status_code: 404, source_ip_flags: ['cloud'] }), 'scanner')
    }
    if (out.length >= size) {
      yield out
      out = []
    }
  }
  if (out.length > 0) yield out
}

interface Measured {
  cpuSeconds: number
  wallSeconds: number
  lastTs: number
}

/** Pushes `n` events through `engine` and finishes it; only the pushes and the finish are timed. */
function measure(engine: DetectionEngine, n: number): Measured {
  let cpuMicros = 0
  let wallNs = 0n
  let lastTs = T0
  const timed = (f: () => void): void => {
    const wall = process.hrtime.bigint()
    const cpu = process.cpuUsage()
    f()
    const used = process.cpuUsage(cpu)
    cpuMicros += used.user + used.system
    wallNs += process.hrtime.bigint() - wall
  }
  for (const chunk of chunks(n)) {
    timed(() => {
      for (const e of chunk) engine.pushHttp(e)
    })
    lastTs = chunk[chunk.length - 1]?.ts ?? lastTs
  }
  timed(() => engine.finish())
  return { cpuSeconds: cpuMicros / 1e6, wallSeconds: Number(wallNs) / 1e9, lastTs }
}

/** A full collection when the process runs with --expose-gc; answers whether it ran. */
function forceGc(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return false
  gc()
  return true
}

const THIS_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** What one run measured, as a worker prints it. */
interface Run {
  rate: number
  cpuSeconds: number
  wallSeconds: number
  heapMiB: number
  /** Heap growth after a forced full GC (workers run with --expose-gc): the detectors' live state, not garbage. */
  heapAfterGcMiB: number
  detections: number
  spanHours: number
  detectorIds: string[]
}

/**
 * Measures the detector set of the checkout at `root` (generated events and timing are this
 * script's); `perDetector` also runs each detector alone and returns the table rows.
 */
async function measureCheckout(root: string, dump: string | undefined, perDetector: boolean, leaveOut: readonly string[] = []): Promise<{ run: Run; rows: string[] }> {
  const core = (await import(join(root, 'packages/core/src/index.ts'))) as typeof import('@vigil/core')
  const detectors = core.buildDetectors({ ...core.defaultDetectConfig(), disabled: [...leaveOut] })
  // Collected before (where the process exposes gc) and read before the warm-up: its detectors'
  // state stayed reachable from a dead stack slot in some runs (90 MiB after 100,000 events, half
  // the runs), so a base read after it moved by that much from run to run.
  forceGc()
  const heapBefore = process.memoryUsage().heapUsed
  // Warm-up on a separate engine so JIT compilation is not billed to the measured run.
  measure(core.createDetectionEngine(core.buildDetectors()), Math.min(100_000, TOTAL))
  const engine = core.createDetectionEngine(detectors)
  const m = measure(engine, TOTAL)
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  // After a forced collection, the state the detectors hold; without one, heapUsed also counts
  // whatever garbage the last collections left, which says little about the state.
  const heapAfterGcMiB = forceGc() ? (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 : Number.NaN
  const rows = perDetector
    ? detectors.map((d, i) => {
        const only = core.buildDetectors()[i]
        const alone = only === undefined ? Number.NaN : TOTAL / measure(core.createDetectionEngine([only]), TOTAL).cpuSeconds
        return `| ${d.id} | ${alone.toLocaleString('en-US', { maximumFractionDigits: 0 })} |`
      })
    : []
  const found = engine.detections()
  if (dump !== undefined) writeFileSync(dump, found.map((d) => JSON.stringify(d)).join('\n') + '\n')
  return {
    // CPU time, not wall time: the machine is shared, and a core's rate is events per CPU-second.
    run: { rate: TOTAL / m.cpuSeconds, cpuSeconds: m.cpuSeconds, wallSeconds: m.wallSeconds, heapMiB, heapAfterGcMiB, detections: found.length, spanHours: (m.lastTs - T0) / 3_600_000, detectorIds: detectors.map((d) => d.id) },
    rows,
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
const fmtMiB = (n: number): string => (Number.isNaN(n) ? 'n/a (no --expose-gc)' : `${n.toFixed(1)} MiB`)
const loads = (): string => loadavg().map((l) => l.toFixed(1)).join(', ')

/**
 * `--by-kind`: a fresh engine over the full set, each push timed on its own and the time added up
 * by the population the event came from. Wall-clock nanoseconds, since a CPU-time reading per
 * event costs more than most events; an event that carries the clock past a second runs every
 * detector's tick, and is counted on a row of its own whatever its population.
 */
function byKind(core: Core): string[] {
  const engine = core.createDetectionEngine(core.buildDetectors())
  const rows = new Map<string, { n: number; ns: number }>()
  const add = (row: string, ns: number): void => {
    const r = rows.get(row) ?? { n: 0, ns: 0 }
    r.n++
    r.ns += ns
    rows.set(row, r)
  }
  let second = Number.NEGATIVE_INFINITY
  for (const chunk of chunks(TOTAL)) {
    for (const e of chunk) {
      const s = Math.floor(e.ts / 1000)
      const row = s > second ? 'an event that runs the ticks' : (populationOf.get(e) ?? 'unlabelled')
      second = Math.max(second, s)
      const t = process.hrtime.bigint()
      engine.pushHttp(e)
      add(row, Number(process.hrtime.bigint() - t))
    }
  }
  const t = process.hrtime.bigint()
  engine.finish()
  add('finish', Number(process.hrtime.bigint() - t))
  const totalNs = [...rows.values()].reduce((a, r) => a + r.ns, 0)
  return [...rows].map(([row, r]) => `| ${row} | ${fmt(r.n)} (${((100 * r.n) / TOTAL).toFixed(1)} %) | ${(r.ns / r.n / 1000).toFixed(2)} | ${((100 * r.ns) / totalNs).toFixed(1)} % |`)
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

function tableRows(label: string, r: Run): string {
  return `| ${label} | ${TOTAL.toLocaleString('en-US')} | ${r.spanHours.toFixed(1)} h | ${r.detectorIds.length} | ${r.detections.toLocaleString('en-US')} | ${r.wallSeconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.rate)} | ${r.heapMiB.toFixed(0)} MiB | ${fmtMiB(r.heapAfterGcMiB)} |`
}

/**
 * The V8 flags `vigil` starts Node with (packages/cli/bin/vigil.js), given to both checkouts' workers
 * so that the rate is the one `vigil detect` and `vigil ingest --detect` run at.
 */
const CLI_NODE_FLAGS = ['--max-semi-space-size=64']

interface Tree {
  name: string
  root: string
  leaveOut?: readonly string[]
}

/** One measured run of `tree` in a fresh worker process, its detections written to `dump`. */
function worker(tree: Tree, dump: string): Promise<Run> {
  const leaveOut = tree.leaveOut === undefined ? [] : ['--leave-out', tree.leaveOut.join(',')]
  const args = ['--expose-gc', ...CLI_NODE_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), '--worker', tree.root, '--events', String(TOTAL), '--dump', dump, ...leaveOut]
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: THIS_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-2000)))
    child.on('error', fail)
    child.on('close', (status) => {
      if (status !== 0) fail(new Error(`${tree.name} run failed: ${err}`))
      else done(JSON.parse(out.trim().split('\n').pop() as string) as Run)
    })
  })
}

/**
 * `pairs` pairs of fresh worker processes of the two trees: each one's runs, and its last run's
 * detections. In turn, alternating which goes first; or, `together`, both of a pair at the same
 * time, so both see the same load at every moment (on a machine shared with other work, what a
 * pair in turn reads moves by ±10 % between its two runs, the same code against itself by ±3 % when
 * together).
 */
async function alternate(trees: readonly [Tree, Tree], pairs: number, together: boolean): Promise<{ runs: Map<string, Run[]>; dumps: Map<string, string> }> {
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-throughput-'))
  try {
    const runs = new Map<string, Run[]>()
    const dumps = new Map<string, string>()
    const dumpOf = (tree: Tree): string => join(work, `${tree.name.replaceAll(' ', '-')}.ndjson`)
    const record = (p: number, tree: Tree, run: Run): void => {
      process.stderr.write(`pair ${p + 1} ${tree.name}: ${fmt(run.rate)} events/CPU-s, ${run.detections} detections, load ${loads()}\n`)
      runs.set(tree.name, [...(runs.get(tree.name) ?? []), run])
      dumps.set(tree.name, readFileSync(dumpOf(tree), 'utf8'))
    }
    for (let p = 0; p < pairs; p++) {
      if (together) {
        // Which of the two starts first alternates, as in turn: an identical copy of the session
        // start, always started second, read 0.97, 0.98 of the baseline (session 21, load 20-25).
        const order = p % 2 === 0 ? trees : [...trees].reverse()
        const both = await Promise.all(order.map((tree) => worker(tree, dumpOf(tree))))
        trees.forEach((tree) => record(p, tree, both[order.indexOf(tree)] as Run))
        continue
      }
      // Alternate which checkout goes first, so a change in load favours neither.
      for (const tree of p % 2 === 0 ? trees : [...trees].reverse()) record(p, tree, await worker(tree, dumpOf(tree)))
    }
    return { runs, dumps }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The second tree's rate over the first's, per pair: within a pair both ran in the same minutes. */
function pairRatios(runs: Map<string, Run[]>, first: string, second: string): number[] {
  return (runs.get(second) as Run[]).map((r, i) => r.rate / ((runs.get(first) as Run[])[i] as Run).rate)
}

/** Pairs of fresh processes, `baseline`'s detectors and this checkout's, in turn or `together`. */
async function comparePairs(baseline: string, pairs: number, together: boolean): Promise<{ lines: string[]; rate: number }> {
  const loadBefore = loads()
  const { runs, dumps } = await alternate([{ name: 'baseline', root: baseline }, { name: 'this checkout', root: THIS_ROOT }], pairs, together)
  const medianRun = (name: string): Run => {
    const rs = runs.get(name) as Run[]
    const rate = median(rs.map((r) => r.rate))
    return { ...(rs.find((r) => r.rate === rate) ?? (rs[0] as Run)), rate, cpuSeconds: median(rs.map((r) => r.cpuSeconds)), wallSeconds: median(rs.map((r) => r.wallSeconds)), heapMiB: median(rs.map((r) => r.heapMiB)), heapAfterGcMiB: median(rs.map((r) => r.heapAfterGcMiB)) }
  }
  const base = medianRun('baseline')
  const mine = medianRun('this checkout')
  const each = (name: string): string => (runs.get(name) as Run[]).map((r) => fmt(r.rate)).join(', ')
  // Within a pair both ran in the same minutes: the median of their ratios is steadier than the ratio of medians.
  const ratios = pairRatios(runs, 'baseline', 'this checkout')
  const same = dumps.get('baseline') === dumps.get('this checkout')
  return {
    rate: mine.rate,
    lines: [
      `Command: \`npx tsx bench/detect/throughput.ts --events ${TOTAL} --baseline DIR --pairs ${pairs}${together ? ' --together' : ''}\`: each run a fresh process (\`node ${CLI_NODE_FLAGS.join(' ')}\`, as \`vigil\` starts), ${pairs} ${together ? 'pair' : 'alternating pair'}${pairs === 1 ? '' : 's'}${together ? ', the two runs of a pair at the same time' : ''}; medians below.`,
      `Load average (1, 5, 15 min) on ${cpus().length} cores: ${loadBefore} before, ${loads()} after.`,
      '',
      '| checkout | events | event-time span | detectors | detections | wall s | CPU s | events per CPU-second (one core) | heap growth | heap growth after a forced GC |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      tableRows(`baseline ${checkoutCommit(baseline)} (${baseline})`, base),
      tableRows(`this checkout ${checkoutCommit(THIS_ROOT)}`, mine),
      '',
      `Each run, events per CPU-second: baseline ${each('baseline')}; this checkout ${each('this checkout')}. This checkout / baseline per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)}). Detections of the two (ids, scores, evidence): ${same ? 'byte-identical' : 'DIFFERENT'}.`,
      `Detectors: ${mine.detectorIds.join(', ')}.`,
    ],
  }
}

/** `--leave-out`: the full set against the set less `ids`, in alternating fresh processes of this checkout. */
async function compareLeftOut(ids: readonly string[], pairs: number, together: boolean): Promise<string> {
  const loadBefore = loads()
  const { runs } = await alternate([{ name: 'full set', root: THIS_ROOT }, { name: 'less them', root: THIS_ROOT, leaveOut: ids }], pairs, together)
  const missing = ids.filter((id) => !(runs.get('full set') as Run[])[0]?.detectorIds.includes(id))
  if (missing.length > 0) throw new Error(`--leave-out: no detector ${missing.join(', ')}`)
  // Time per event of the full set over that of the set less them, per pair.
  const ratios = pairRatios(runs, 'full set', 'less them')
  const each = (name: string): string => (runs.get(name) as Run[]).map((r) => fmt(r.rate)).join(', ')
  return `Leaving out ${ids.join(', ')} (${pairs} ${together ? 'pairs of fresh processes run together' : 'alternating pairs of fresh processes'}, ${fmt(TOTAL)} events, load ${loadBefore} before, ${loads()} after): events per CPU-second, full set ${each('full set')}; less them ${each('less them')}; their share of the full set's time per pair ${ratios.map((r) => `${((1 - 1 / r) * 100).toFixed(1)} %`).join(', ')} (median ${((1 - 1 / median(ratios)) * 100).toFixed(1)} %).`
}

type Core = typeof import('@vigil/core')

/**
 * `rounds` rounds in this process, each with a fresh engine per detector set: every chunk is
 * pushed through both, in alternating order. Answers the second set's rate over the first's
 * per round (CPU time of this process, so garbage collection is billed to whichever engine
 * was running), and whether their detections were byte-identical in every round.
 */
function interleaved(a: Core, b: Core, rounds: number): { ratios: number[]; same: boolean } {
  const ratios: number[] = []
  let same = true
  for (const core of [a, b]) measure(core.createDetectionEngine(core.buildDetectors()), Math.min(100_000, TOTAL))
  for (let r = 0; r < rounds; r++) {
    const engines = [a, b].map((core) => core.createDetectionEngine(core.buildDetectors()))
    const cpu = [0, 0]
    let i = r
    const pushAll = (k: number, chunk: readonly HttpEvent[] | null): void => {
      const engine = engines[k] as DetectionEngine
      const before = process.cpuUsage()
      if (chunk === null) engine.finish()
      else for (const e of chunk) engine.pushHttp(e)
      const used = process.cpuUsage(before)
      cpu[k] = (cpu[k] as number) + used.user + used.system
    }
    for (const chunk of chunks(TOTAL)) for (const k of i++ % 2 === 0 ? [0, 1] : [1, 0]) pushAll(k, chunk)
    for (const k of [0, 1]) pushAll(k, null)
    ratios.push((cpu[0] as number) / (cpu[1] as number))
    const [da, db] = engines.map((e) => JSON.stringify(e.detections()))
    if (da !== db) same = false
    process.stderr.write(`interleaved round ${r + 1}: ${ratios[r]?.toFixed(3)}, load ${loads()}\n`)
  }
  return { ratios, same }
}

/** Interleaved rounds of the baseline against this checkout, then of this checkout against itself. */
async function compareInterleaved(baseline: string, rounds: number): Promise<string[]> {
  const load = async (root: string): Promise<Core> => (await import(join(root, 'packages/core/src/index.ts'))) as Core
  const base = await load(baseline)
  const mine = await load(THIS_ROOT)
  const loadBefore = loads()
  const test = interleaved(base, mine, rounds)
  const control = interleaved(mine, mine, rounds)
  const show = (xs: number[]): string => `${xs.map((x) => x.toFixed(2)).join(', ')} (median ${median(xs).toFixed(2)})`
  return [
    `In one process (\`--interleave ${rounds}\`: each chunk through one engine then the other, the order alternating), load ${loadBefore} before, ${loads()} after. This checkout / baseline per round: ${show(test.ratios)}; detections ${test.same ? 'byte-identical' : 'DIFFERENT'} in every round. Control, this checkout against itself: ${show(control.ratios)}.`,
  ]
}

if (values.worker !== undefined) {
  const { run } = await measureCheckout(resolve(values.worker), values.dump, false, values['leave-out']?.split(',') ?? [])
  process.stdout.write(`${JSON.stringify(run)}\n`)
} else if (values['leave-out'] !== undefined) {
  // An attribution, not the section's figure: printed, RESULTS.md left alone.
  process.stdout.write(`${await compareLeftOut(values['leave-out'].split(','), Number(values.pairs), values.together)}\n`)
} else {
  let rate: number
  let body: string[]
  let perDetector: string[] = []
  let kinds: string[] = []
  if (values.baseline !== undefined) {
    const compared = await comparePairs(resolve(values.baseline), Number(values.pairs), values.together)
    rate = compared.rate
    body = compared.lines
    const rounds = Number(values.interleave)
    if (rounds > 0) body.push('', ...(await compareInterleaved(resolve(values.baseline), rounds)))
  } else {
    const { run, rows } = await measureCheckout(THIS_ROOT, values.dump, values['per-detector'])
    rate = run.rate
    perDetector = rows
    if (values['by-kind']) kinds = byKind((await import(join(THIS_ROOT, 'packages/core/src/index.ts'))) as Core)
    body = [
      '| events | event-time span | detectors | detections | wall s | CPU s | events per CPU-second (one core) | heap growth | heap growth after a forced GC |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${TOTAL.toLocaleString('en-US')} | ${run.spanHours.toFixed(1)} h | ${run.detectorIds.length} (${run.detectorIds.join(', ')}) | ${run.detections.toLocaleString('en-US')} | ${run.wallSeconds.toFixed(2)} | ${run.cpuSeconds.toFixed(2)} | ${fmt(rate)} | ${run.heapMiB.toFixed(0)} MiB | ${fmtMiB(run.heapAfterGcMiB)} |`,
    ]
    process.stdout.write(`${Math.round(rate)} events/s over ${TOTAL} events, ${run.detections} detections\n`)
  }
  writeResultsSection(
    'detect-throughput',
    [
      '## Detection engine throughput (`bench/detect/throughput.ts`)',
      '',
      machineLine(),
      '',
      ...body,
      '',
      ...(perDetector.length === 0 ? [] : ['Each detector alone over the same events (`--per-detector`):', '', '| detector | events per CPU-second |', '| --- | --- |', ...perDetector, '']),
      ...(kinds.length === 0 ? [] : ['Where the time goes (`--by-kind`: each push of the full set timed on its own, wall clock, by the population of the event):', '', '| events | how many | µs per event | share of the time |', '| --- | --- | --- | --- |', ...kinds, '']),
      `Goal: ≥ 200,000 events/s per core for the full detector set${rate >= 200_000 ? ' (met)' : ' (NOT met on this run)'}. Events are pre-enriched HttpEvent records (parsing and enrichment are measured in their own sections), generated in chunks of 10,000 between timed pushes as ingest hands over batches (holding all of them live, as earlier runs did, billed their marking to every major GC). The machine is shared (load average ${loadavg()[0]?.toFixed(0)} on ${cpus().length} cores at the end of this run), so the rate is per CPU-second of this process, garbage collection included.`,
      ...(values.note === undefined ? [] : ['', values.note]),
    ].join('\n'),
  )
}
