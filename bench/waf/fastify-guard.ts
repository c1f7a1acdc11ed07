/**
 * Requests per second of a Fastify app with the guard (block mode, default level) and
 * without, same run. Each server runs in a child process of its own and the load generator
 * in this one, which does nothing else while a round runs. Two machines' worth
 * of noise sit in such a ratio: other load on a two-core machine, and the luck of a server
 * process (code and heap layout; a second bare server read 0.84-1.14 × the first in earlier
 * runs). So the bench takes many short rounds on many launches: a fresh set of servers (bare,
 * guarded, and optionally an earlier checkout's guard and a second bare server, the control)
 * every PAIRS_PER_SET pairs, each warmed up, the rounds alternating ABC…CBA. The load comes from
 * a lean generator (http-load.ts) that costs less CPU a request than a bare server, so that on the
 * two cores the server, not the generator, sets the pace in every arm. Each round also
 * reads the server's own CPU time (process.cpuUsage() over IPC, µs), so every figure comes as
 * req/s and as server CPU per request, which other load skews less. Reported: medians over
 * pairs of the same-pair ratios with their quartiles and range, and the control's, which says
 * how far apart two identical servers read in the same run.
 * Run: npx tsx bench/waf/fastify-guard.ts --help
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { checkoutCommit, machineLine, writeResultsSection } from '../results-file.ts'
import { runLoad } from './http-load.ts'
import { distinctRequest, rawRequest, SHOP_MIX } from './shop-mix.ts'

const HELP = `Usage: npx tsx bench/waf/fastify-guard.ts [--baseline DIR] [--control] [--sets N] [--max-load N] [--node-args "ARGS"]

  --baseline DIR  also run the guard of another checkout (e.g. a git worktree of an earlier commit,
                  with node_modules of its own whose @vigil packages are its own) in this checkout's
                  server, as one more arm in every pair: the same-run baseline for a change to the guard
  --control       also run a second bare server in every pair: how far two servers without the
                  guard differ, the noise floor of the ratios
  --sets N        fresh sets of servers per mix (default 10; 2 pairs of rounds each)
  --max-load N    wait (up to 10 min) for a 1-min load average below N first
                  (also WAF_BENCH_MAX_LOAD=N)
  --node-args ARGS  Node options for the server processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/me/prof"
                  (profiles are written when a server exits, at the end of each set)`
const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    control: { type: 'boolean' },
    sets: { type: 'string' },
    'max-load': { type: 'string' },
    'node-args': { type: 'string' },
    help: { type: 'boolean' },
  },
})
if (args.help === true) {
  console.log(HELP)
  process.exit(0)
}
const SERVER = new URL('./fastify-server.ts', import.meta.url).pathname
const GUARD_MODULE = 'packages/guard/src/index.ts'
const baselineDir = args.baseline === undefined ? null : resolve(args.baseline)
if (baselineDir !== null && !existsSync(resolve(baselineDir, GUARD_MODULE))) throw new Error(`--baseline ${baselineDir}: no ${GUARD_MODULE} there`)
const baselineCommit = baselineDir === null ? null : checkoutCommit(baselineDir)

const CONNECTIONS = 16
const ROUND_S = 2
const WARM_UP_S = 3
/**
 * Unmeasured load on a server right before each of its rounds: without it the arms came to their
 * rounds after different idle times (in one set's order the first arm idled 9 and 12 s, the last 6
 * and 0 s), and a server's first round after an idle spell read slower.
 */
const REWARM_S = 1
/** Pairs measured on one set of servers before a fresh set is started. */
const PAIRS_PER_SET = 2
const SETS = Number(args.sets ?? 10)
const GOAL = 0.85
type Mix = 'repeated' | 'distinct'
/**
 * The requests of a mix for a server at `host`, in turn: 3 GET searches (browser headers, cookies)
 * to 1 POST of a JSON cart, written once as bytes ('repeated'), or with every search and cart note
 * distinct (a counter appended, counting on across rounds), so that the engine's finding cache cannot
 * serve them: the cost of values never seen before. Built per request (under 1 µs of the generator's CPU).
 */
let serial = 0
function requestsOf(mix: Mix, host: string): () => Buffer {
  let k = 0
  if (mix === 'distinct') return () => rawRequest(distinctRequest(SHOP_MIX[k++ % SHOP_MIX.length]!, ++serial), host)
  const raw = SHOP_MIX.map((r) => rawRequest(r, host))
  return () => raw[k++ % raw.length]!
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(', ')
const maxLoad = Number(args['max-load'] ?? process.env.WAF_BENCH_MAX_LOAD ?? Number.POSITIVE_INFINITY)
for (let waited = 0; loadavg()[0]! >= maxLoad && waited < 600; waited += 15) await sleep(15_000)
const loadBefore = load()
const loads: number[] = []

/** CPU nanoseconds so far of one thread (Linux /proc schedstat: time on a CPU). */
function threadCpuNs(pid: number, tid: number): number {
  return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0])
}

type Arm = 'bare' | 'guard' | 'baseline' | 'control'
const nodeArgs = args['node-args']?.split(' ').filter((a) => a !== '') ?? []

interface Server {
  url: string
  child: ChildProcess
}

async function startServer(arm: Arm): Promise<Server> {
  const guard = arm === 'guard' ? ['guard'] : arm === 'baseline' ? ['guard', resolve(baselineDir!, GUARD_MODULE)] : ['bare']
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER, ...guard], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
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

/** The server's own CPU time so far, all threads, in µs. */
function serverCpu({ child }: Server): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (u: NodeJS.CpuUsage) => resolve(u.user + u.system))
    child.send('cpu')
  })
}

async function hammer(url: string, seconds: number, mix: Mix): Promise<{ rps: number; requests: number; non2xx: number; generatorCpu: number }> {
  const { hostname, port, host } = new URL(url)
  const r = await runLoad({ host: hostname, port: Number(port), connections: CONNECTIONS, seconds, next: requestsOf(mix, host) })
  return { rps: r.requests / seconds, requests: r.requests, non2xx: r.non2xx, generatorCpu: r.cpuMicros }
}

interface Round {
  rps: number
  /** Server CPU per request, all threads and the main (JavaScript) thread alone, in µs. */
  cpuPerRequest: number
  mainPerRequest: number
  /** Server CPU time over the round's wall time: near 1, the server is what limits req/s; well below, the load generator or other load. */
  busy: number
  /** The load generator's CPU time over the round's wall time, and per request (µs). */
  generatorBusy: number
  generatorPerRequest: number
}

async function measure(server: Server, arm: Arm, mix: Mix): Promise<Round> {
  const pid = server.child.pid!
  await hammer(server.url, REWARM_S, mix)
  const cpu0 = await serverCpu(server)
  const main0 = threadCpuNs(pid, pid)
  const r = await hammer(server.url, ROUND_S, mix)
  const cpu = (await serverCpu(server)) - cpu0
  const main = (threadCpuNs(pid, pid) - main0) / 1000
  loads.push(loadavg()[0]!)
  if (r.non2xx > 0) throw new Error(`${arm}: ${r.non2xx} requests failed or were blocked`)
  return {
    rps: r.rps,
    cpuPerRequest: cpu / r.requests,
    mainPerRequest: main / r.requests,
    busy: cpu / (ROUND_S * 1e6),
    generatorBusy: r.generatorCpu / (ROUND_S * 1e6),
    generatorPerRequest: r.generatorCpu / r.requests,
  }
}

type Rounds = Record<Arm, Round[]>
const ARMS: readonly Arm[] = [
  'bare',
  'guard',
  ...(baselineDir === null ? [] : (['baseline'] as const)),
  ...(args.control === true ? (['control'] as const) : []),
]
/** SETS sets of fresh, warmed-up servers, PAIRS_PER_SET pairs of rounds on each. */
async function pairs(mix: Mix): Promise<Rounds> {
  const rounds: Rounds = { bare: [], guard: [], baseline: [], control: [] }
  for (let set = 0; set < SETS; set++) {
    const servers = new Map<Arm, Server>()
    // Servers are started and warmed up in the arms' order in one set and in the reverse order
    // in the next, as rounds alternate within a set: a server's place in the start-up (the first
    // one started, or the one last warmed up) then favours no arm throughout.
    const startOrder = set % 2 === 0 ? ARMS : [...ARMS].reverse()
    try {
      for (const arm of startOrder) servers.set(arm, await startServer(arm))
      for (const arm of startOrder) await hammer(servers.get(arm)!.url, WARM_UP_S, mix)
      for (let p = 0; p < PAIRS_PER_SET; p++) {
        // Alternate the order, so a drift in machine load does not favour one side.
        const order = p % 2 === 0 ? startOrder : [...startOrder].reverse()
        for (const arm of order) rounds[arm].push(await measure(servers.get(arm)!, arm, mix))
      }
    } finally {
      for (const server of servers.values()) await stopServer(server)
    }
  }
  return rounds
}
const results: Record<Mix, Rounds> = { repeated: await pairs('repeated'), distinct: await pairs('distinct') }

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  const at = q * (s.length - 1)
  const lo = Math.floor(at)
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo)
}
const median = (xs: number[]): number => quantile(xs, 0.5)
/** Median, quartiles and range: `0.91 (0.89–0.93, 0.84–0.97)`. */
const spread = (xs: number[], digits = 2): string =>
  `${median(xs).toFixed(digits)} (${quantile(xs, 0.25).toFixed(digits)}–${quantile(xs, 0.75).toFixed(digits)}, ${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`

type Other = Exclude<Arm, 'bare'>
/** Same-pair ratios of an arm to bare: req/s, and requests per server CPU-second (bare's CPU per request ÷ the arm's). */
const rpsRatios = (of: Rounds, arm: Other): number[] => of[arm].map((r, i) => r.rps / of.bare[i]!.rps)
const cpuRatios = (of: Rounds, arm: Other): number[] => of[arm].map((r, i) => of.bare[i]!.cpuPerRequest / r.cpuPerRequest)
const addedUs = (of: Rounds, arm: Other): number[] => of[arm].map((r, i) => r.cpuPerRequest - of.bare[i]!.cpuPerRequest)
const addedMainUs = (of: Rounds, arm: Other): number[] => of[arm].map((r, i) => r.mainPerRequest - of.bare[i]!.mainPerRequest)

const ARM_NAMES: Record<Arm, string> = {
  bare: 'bare Fastify',
  guard: 'Fastify + guard',
  baseline: `Fastify + guard of ${baselineCommit ?? ''}`,
  control: 'bare Fastify again (control)',
}

/**
 * The goal is shown met when three quarters of the pairs clear it (the lower quartile of the
 * ratios) and the control arm reads the two bare servers alike (its quartiles within 0.85–1.15
 * of each other), so that the margin is not noise of the size the control shows.
 */
function goalLine(of: Rounds): string {
  const lowRps = quantile(rpsRatios(of, 'guard'), 0.25)
  const lowCpu = quantile(cpuRatios(of, 'guard'), 0.25)
  const noise =
    args.control === true
      ? ` Control pairs, two bare servers: req/s ${spread(rpsRatios(of, 'control'))}, per server CPU-second ${spread(cpuRatios(of, 'control'))}.`
      : ' (no control arm in this run)'
  const shown = (x: number): string => (x >= GOAL ? 'met' : 'not met')
  return `Goal guarded ≥ ${GOAL} × bare, lower quartile of the pairs: ${shown(lowRps)} by req/s (${lowRps.toFixed(3)} ×), ${shown(lowCpu)} per server CPU-second (${lowCpu.toFixed(3)} ×).${noise}`
}

function section(mix: Mix, title: string): string {
  const of = results[mix]
  const rows = ARMS.map(
    (arm) =>
      `| ${ARM_NAMES[arm]} | ${spread(of[arm].map((r) => r.rps), 0)} | ${spread(of[arm].map((r) => r.cpuPerRequest), 1)} | ${median(of[arm].map((r) => r.mainPerRequest)).toFixed(1)} | ${median(of[arm].map((r) => r.busy)).toFixed(2)} | ${median(of[arm].map((r) => r.generatorPerRequest)).toFixed(1)} | ${median(of[arm].map((r) => r.generatorBusy)).toFixed(2)} |`,
  )
  const ratios = ARMS.filter((a): a is Other => a !== 'bare').map(
    (arm) => `| ${ARM_NAMES[arm]} | ${spread(rpsRatios(of, arm))} | ${spread(cpuRatios(of, arm))} | ${spread(addedUs(of, arm), 1)} | ${median(addedMainUs(of, arm)).toFixed(1)} |`,
  )
  return `### ${title}

| server | req/s | server CPU per request, µs | of it the main thread, µs (median) | server CPU-seconds per second (median) | load generator's CPU per request, µs (median) | load generator's CPU-seconds per second (median) |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

| against bare Fastify, same pair | req/s ratio | per server CPU-second ratio | server CPU added per request, µs | of it on the main thread, µs (median) |
| --- | --- | --- | --- | --- |
${ratios.join('\n')}

${goalLine(of)}`
}

const body = `## Fastify with the guard vs bare Fastify (bench/waf/fastify-guard.ts)

${machineLine()}

Each server in a child process of its own; ${SETS} fresh sets of servers per mix, each server warmed up for ${WARM_UP_S} s, then ${PAIRS_PER_SET} pairs
of rounds of ${ROUND_S} s alternating ABC…CBA, each after ${REWARM_S} s of unmeasured load on the same server (servers started and warmed up in the arms' order in one set, in the reverse order in the next); load from a lean generator in the parent process (bench/waf/http-load.ts: ${CONNECTIONS} keep-alive connections, one request in
flight on each, requests written as ready bytes, responses read for status and length only), which does nothing else during a round.
Until session 20 the load came from autocannon, which spent 20-21 µs of CPU a request on the distinct mix (each request rebuilt through
its request builder) against a bare server's 17-18: on two cores it, not the server, set the pace there (bare servers at 0.89
CPU-seconds a second), and its req/s ratios flattered the guard; this generator spends 12-14 µs a request on either mix. Mix: 3 GET /products?q=… (browser headers, cookies) to 1 POST /api/cart (JSON). Guard: preHandler, block
mode, level 2; no request is blocked. Every arm runs the same server script (bench/waf/fastify-server.ts). Server CPU per request is the
server's own process.cpuUsage() (all threads) over the round; the main thread's from /proc. Figures are medians over rounds or
same-pair ratios, with (quartiles, range) over the ${SETS * PAIRS_PER_SET} pairs. Server and load generator share the machine's two cores: a server whose
CPU-seconds per second stay well below 1 while the generator's near 1 was paced by the generator, and then its req/s says less than its
CPU per request; both well below 1 means other load on the machine took the cores.
Command: \`npx tsx bench/waf/fastify-guard.ts${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}\`.
Load average (1, 5, 15 min) on ${cpus().length} cores: ${loadBefore} before, ${load()} after; 1-min load during the rounds ${spread(loads, 1)}.

${section('repeated', 'The shop mix as is')}

The searches and cart in this mix repeat (7 searches, 1 cart), so from the third of each the engine's finding
cache (exact: a value's findings depend only on the value, its kind and header name; a value enters it at its
second sighting) answers for them, as it would for a shop's repeated searches, page numbers and SKUs.

${section('distinct', 'Every search and cart note distinct (a counter appended): the cost of values never seen before')}
`
console.log(body)
writeResultsSection('waf-fastify', body)
