/**
 * Requests per second of a Fastify app with the guard (block mode, default level) and
 * without, same run, many alternating rounds. Each server runs in a child process and the
 * load generator (autocannon) in this one, so they never share an event loop. Besides
 * req/s, each round measures the server process's CPU time (from /proc), so the ratio
 * also comes as requests per server CPU-second, which other load on the machine skews
 * less. Servers are started PAIRS_PER_SET pairs at a time and warmed up for WARM_UP_S
 * before the rounds alternate between them: a server started afresh for each round was
 * still settling in its first seconds (JIT, heap growth; the guarded one longer, having
 * more code), while one set of servers for a whole run carried one process's luck (code
 * and heap layout) into every pair: a second bare server read 0.88-1.14 × the first.
 * Run: npx tsx bench/waf/fastify-guard.ts --help
 * @module
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { machineLine, writeResultsSection } from '../results-file.ts'

const HELP = `Usage: npx tsx bench/waf/fastify-guard.ts [--baseline DIR] [--control] [--max-load N] [--node-args "ARGS"]

  --baseline DIR  also run the guarded server of another checkout (e.g. a git worktree of an
                  earlier commit, with node_modules of its own whose @vigil packages are its own),
                  as a third round in every pair: the same-run baseline for a change to the guard
  --control       also run a second bare server in every pair: how far two servers without the
                  guard differ, the noise floor of the ratios
  --max-load N    wait (up to 10 min) for a 1-min load average below N first
                  (also WAF_BENCH_MAX_LOAD=N)
  --node-args ARGS  Node options for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/me/prof"
                  (profiles are written when a server exits, at the end of each mix)`
const { values: args } = parseArgs({
  options: { baseline: { type: 'string' }, control: { type: 'boolean' }, 'max-load': { type: 'string' }, 'node-args': { type: 'string' }, help: { type: 'boolean' } },
})
if (args.help === true) {
  console.log(HELP)
  process.exit(0)
}
const SERVER = 'bench/waf/fastify-server.ts'
const baselineDir = args.baseline === undefined ? null : resolve(args.baseline)
if (baselineDir !== null && !existsSync(resolve(baselineDir, SERVER))) throw new Error(`--baseline ${baselineDir}: no ${SERVER} there`)
const baselineCommit = baselineDir === null ? null : execFileSync('git', ['-C', baselineDir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()

const CONNECTIONS = 16
const ROUND_S = 4
const WARM_UP_S = 6
/** Pairs measured on one set of servers before a fresh set is started. */
const PAIRS_PER_SET = 2
const PAIRS = 10
const GOAL = 0.85
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
const HEADERS = { 'user-agent': UA, accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9', cookie: '_ga=GA1.2.1234567890.1700000000; sid=3f9a8c7e6d5b4a39' }
const CART = JSON.stringify({ items: [{ sku: 'mug-01', qty: 2, note: "For Mum & Dad <3 -- O'Brien" }], coupon: 'SPRING10' })
const QUERIES = ['shoes', 'O%27Reilly+books', 'rock+%26+roll+t-shirt', 'levis+501+%2232x34%22', 'gift+for+mum', 'usb-c+cable+2m', 'mug']
/** 3 GET searches (browser headers, cookies) to 1 POST of a JSON cart. */
const REQUESTS: autocannon.Request[] = QUERIES.flatMap((q, i) => [
  { method: 'GET', path: `/products?q=${q}&page=${i % 5}`, headers: HEADERS },
  ...(i % 3 === 2 ? [{ method: 'POST' as const, path: '/api/cart', headers: { ...HEADERS, 'content-type': 'application/json' }, body: CART }] : []),
])
/**
 * The same mix with every search and cart note distinct (a counter appended), so the
 * engine's finding cache cannot serve them: the cost of values never seen before.
 */
let serial = 0
const DISTINCT: autocannon.Request[] = REQUESTS.map((r) =>
  r.method === 'POST'
    ? { ...r, setupRequest: (req) => ({ ...req, body: CART.replace('Dad', `Dad ${++serial}`) }) }
    : { ...r, setupRequest: (req) => ({ ...req, path: r.path!.replace('&', `+${++serial}&`) }) },
)
type Mix = 'repeated' | 'distinct'
const MIXES: Record<Mix, autocannon.Request[]> = { repeated: REQUESTS, distinct: DISTINCT }
const DISTINCT_PAIRS = 6

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(', ')
const maxLoad = Number(args['max-load'] ?? process.env.WAF_BENCH_MAX_LOAD ?? Number.POSITIVE_INFINITY)
for (let waited = 0; loadavg()[0]! >= maxLoad && waited < 600; waited += 15) await sleep(15_000)
const loadBefore = load()

const TICKS_PER_S = 100
/** User + system CPU seconds so far of a process, or of one of its threads given `tid` (Linux /proc; clock ticks of 10 ms). */
function cpuSeconds(pid: number, tid?: number): number {
  const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S
}

type Mode = 'bare' | 'guard' | 'baseline' | 'control'
const nodeArgs = args['node-args']?.split(' ').filter((a) => a !== '') ?? []

interface Server {
  url: string
  child: ChildProcess
}

async function startServer(mode: Mode): Promise<Server> {
  const server = mode === 'baseline' ? resolve(baselineDir!, SERVER) : new URL('./fastify-server.ts', import.meta.url).pathname
  // Started from its own checkout, so that its imports resolve to that checkout's packages.
  const cwd = mode === 'baseline' ? baselineDir! : process.cwd()
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', server, mode === 'bare' || mode === 'control' ? 'bare' : 'guard'], { stdio: ['ignore', 'pipe', 'inherit'], cwd })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { url, child }
}

/** Stops a server and waits for it, so that a profiler it runs has written its profile. */
async function stopServer({ child }: Server): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGINT')
  await exited
}

async function hammer(url: string, seconds: number, mix: Mix): Promise<{ rps: number; requests: number; non2xx: number }> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: MIXES[mix] })
  return { rps: r.requests.average, requests: r.requests.total, non2xx: r.non2xx + r.errors }
}

interface Round {
  rps: number
  perCpuSecond: number
  /** Server CPU per request, all threads and the main (JavaScript) thread alone, in µs. */
  cpuPerRequest: number
  mainPerRequest: number
}

async function measure({ url, child }: Server, mode: Mode, mix: Mix): Promise<Round> {
  const pid = child.pid!
  const cpu0 = cpuSeconds(pid)
  const main0 = cpuSeconds(pid, pid)
  const r = await hammer(url, ROUND_S, mix)
  const cpu = cpuSeconds(pid) - cpu0
  const main = cpuSeconds(pid, pid) - main0
  if (r.non2xx > 0) throw new Error(`${mode}: ${r.non2xx} requests failed or were blocked`)
  return { rps: r.rps, perCpuSecond: r.requests / cpu, cpuPerRequest: (1e6 * cpu) / r.requests, mainPerRequest: (1e6 * main) / r.requests }
}

type Rounds = Record<Mode, Round[]>
const MODES: readonly Mode[] = [
  'bare',
  'guard',
  ...(baselineDir === null ? [] : (['baseline'] as const)),
  ...(args.control === true ? (['control'] as const) : []),
]
/** `n` pairs of rounds, on a fresh set of warmed-up servers every PAIRS_PER_SET pairs. */
async function pairs(mix: Mix, n: number): Promise<Rounds> {
  const rounds: Rounds = { bare: [], guard: [], baseline: [], control: [] }
  for (let p = 0; p < n; ) {
    const servers = new Map<Mode, Server>()
    try {
      for (const mode of MODES) servers.set(mode, await startServer(mode))
      for (const mode of MODES) await hammer(servers.get(mode)!.url, WARM_UP_S, mix)
      for (const end = Math.min(n, p + PAIRS_PER_SET); p < end; p++) {
        // Alternate the order, so a drift in machine load does not favour one side.
        const order = p % 2 === 0 ? MODES : [...MODES].reverse()
        for (const mode of order) rounds[mode].push(await measure(servers.get(mode)!, mode, mix))
      }
    } finally {
      for (const server of servers.values()) await stopServer(server)
    }
  }
  return rounds
}
const rounds = await pairs('repeated', PAIRS)
const distinct = await pairs('distinct', DISTINCT_PAIRS)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const pairRatios = (pick: (r: Round) => number, of: Rounds = rounds, arm: Exclude<Mode, 'bare'> = 'guard'): number[] => of[arm].map((g, i) => pick(g) / pick(of.bare[i]!))
const rpsRatio = median(pairRatios((r) => r.rps))
const cpuRatio = median(pairRatios((r) => r.perCpuSecond))
const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(', ')
const verdict = (x: number): string => (x >= GOAL ? 'met' : 'NOT met')
const perRequest = (rs: Round[]): string => `${median(rs.map((r) => r.cpuPerRequest)).toFixed(1)} µs / ${median(rs.map((r) => r.mainPerRequest)).toFixed(1)} µs`
/** Where the guard's extra CPU runs: the main thread, or the other threads (V8's parallel garbage collection, libuv). */
const addedBy = (of: Rounds, arm: Exclude<Mode, 'bare'>): number => median(of[arm].map((r) => r.cpuPerRequest)) - median(of.bare.map((r) => r.cpuPerRequest))
const added = (of: Rounds): string => {
  const all = addedBy(of, 'guard')
  const main = median(of.guard.map((r) => r.mainPerRequest)) - median(of.bare.map((r) => r.mainPerRequest))
  return `The guard adds ${all.toFixed(1)} µs of server CPU per request, ${main.toFixed(1)} µs of it on the main thread and ${(all - main).toFixed(1)} µs on the other threads.`
}
/** The baseline checkout's guard, measured in the same pairs. */
const baselineLine = (of: Rounds): string =>
  baselineDir === null
    ? ''
    : `Same-run baseline, the guard of commit ${baselineCommit} (${baselineDir}) as a third round in each pair: ` +
      `${median(pairRatios((r) => r.rps, of, 'baseline')).toFixed(2)} × bare by req/s, ${median(pairRatios((r) => r.perCpuSecond, of, 'baseline')).toFixed(2)} × per server CPU-second, ` +
      `server CPU per request ${median(of.baseline.map((r) => r.cpuPerRequest)).toFixed(1)} µs: it adds ${addedBy(of, 'baseline').toFixed(1)} µs per request where this tree's guard adds ${addedBy(of, 'guard').toFixed(1)} µs.\n`
/** A second bare server in the same pairs: what a ratio reads when nothing differs. */
const controlLine = (of: Rounds): string =>
  args.control !== true
    ? ''
    : `Control, a second bare server as another round in each pair: ${median(pairRatios((r) => r.rps, of, 'control')).toFixed(2)} × bare by req/s ` +
      `(pairs: ${pairRatios((r) => r.rps, of, 'control').map((x) => x.toFixed(2)).join(', ')}), ${median(pairRatios((r) => r.perCpuSecond, of, 'control')).toFixed(2)} × per server CPU-second, ` +
      `server CPU per request ${median(of.control.map((r) => r.cpuPerRequest)).toFixed(1)} µs.\n`
const distinctRps = median(pairRatios((r) => r.rps, distinct))
const distinctCpu = median(pairRatios((r) => r.perCpuSecond, distinct))

const body = `## Fastify with the guard vs bare Fastify (bench/waf/fastify-guard.ts)

${machineLine()}

Each server in a child process of its own, a fresh set every ${PAIRS_PER_SET} pairs, each warmed up for ${WARM_UP_S} s, load from autocannon in the
parent process, ${CONNECTIONS} keep-alive connections, ${PAIRS} pairs of alternating rounds of ${ROUND_S} s. Mix: 3 GET /products?q=…
(browser headers, cookies) to 1 POST /api/cart (JSON). Guard: preHandler, block mode, level 2; no request is blocked.
Ratios are the median over pairs of guarded ÷ bare from the same pair. Requests per server CPU-second divide the
requests served by the server process's CPU time (/proc, all its threads), less sensitive to other load than req/s.
Command: \`npx tsx bench/waf/fastify-guard.ts${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}\`.
Load average (1, 5, 15 min) on ${cpus().length} cores: ${loadBefore} before, ${load()} after.

| server | req/s (median) | req per server CPU-second (median) | req/s per round |
| --- | --- | --- | --- |
| bare Fastify | ${median(rounds.bare.map((r) => r.rps)).toFixed(0)} | ${median(rounds.bare.map((r) => r.perCpuSecond)).toFixed(0)} | ${list(rounds.bare.map((r) => r.rps))} |
| Fastify + guard | ${median(rounds.guard.map((r) => r.rps)).toFixed(0)} | ${median(rounds.guard.map((r) => r.perCpuSecond)).toFixed(0)} | ${list(rounds.guard.map((r) => r.rps))} |
| **ratio** | **${rpsRatio.toFixed(2)} ×** (pairs: ${pairRatios((r) => r.rps).map((x) => x.toFixed(2)).join(', ')}) | **${cpuRatio.toFixed(2)} ×** | |

Goal guarded ≥ ${GOAL} × bare: ${verdict(rpsRatio)} by req/s (${rpsRatio.toFixed(3)} ×), ${verdict(cpuRatio)} by requests per server CPU-second (${cpuRatio.toFixed(3)} ×).

Server CPU per request (median over rounds), all threads / the main thread alone: bare ${perRequest(rounds.bare)}, guarded ${perRequest(rounds.guard)}.
${added(rounds)}
${baselineLine(rounds)}${controlLine(rounds)}
The searches and cart in this mix repeat (7 searches, 1 cart), so from the third of each the engine's finding
cache (exact: a value's findings depend only on the value, its kind and header name; a value enters it at its
second sighting) answers for them, as it would for a shop's repeated searches, page numbers and SKUs. The cost of values never seen before, the same mix
with every search and cart note made distinct (a counter appended), ${DISTINCT_PAIRS} pairs:

| server | req/s (median) | req per server CPU-second (median) | req/s per round |
| --- | --- | --- | --- |
| bare Fastify | ${median(distinct.bare.map((r) => r.rps)).toFixed(0)} | ${median(distinct.bare.map((r) => r.perCpuSecond)).toFixed(0)} | ${list(distinct.bare.map((r) => r.rps))} |
| Fastify + guard | ${median(distinct.guard.map((r) => r.rps)).toFixed(0)} | ${median(distinct.guard.map((r) => r.perCpuSecond)).toFixed(0)} | ${list(distinct.guard.map((r) => r.rps))} |
| **ratio** | **${distinctRps.toFixed(2)} ×** (pairs: ${pairRatios((r) => r.rps, distinct).map((x) => x.toFixed(2)).join(', ')}) | **${distinctCpu.toFixed(2)} ×** | |

Server CPU per request, all threads / main thread: bare ${perRequest(distinct.bare)}, guarded ${perRequest(distinct.guard)}.
${added(distinct)}
${baselineLine(distinct)}${controlLine(distinct)}`
console.log(body)
writeResultsSection('waf-fastify', body)
