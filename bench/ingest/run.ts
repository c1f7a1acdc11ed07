/**
 * End-to-end ingest throughput: `vigil ingest` (parse + enrich + store into a file-backed
 * DuckDB) against mawk splitting every field of the same file, in the same run; the
 * DuckDB floor (the same rows loaded by DuckDB alone) and the Node side alone, also in
 * the same run; the cost apart from the lines (an ingest of a 100-line file); plus a
 * peak-memory check on a file ten times larger, into a fresh store, and on one whose
 * clients keep changing (against the baseline too, with --baseline).
 * With --baseline, `vigil ingest` of an earlier checkout (its own node_modules) runs in
 * alternating pairs with this one on the same file, each into a fresh store.
 * Run: npx tsx bench/ingest/run.ts [--lines N] [--memory] [--memory-lines M] [--baseline DIR [--pairs P]]
 * @module
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { loadRows, writeRowFiles } from './duckdb-floor.ts'
import type { CpuWall } from './duckdb-floor.ts'
import { NETS, generate } from './generate-combined.ts'

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    memory: { type: 'boolean', default: false },
    'memory-lines': { type: 'string' },
    baseline: { type: 'string' },
    pairs: { type: 'string', default: '2' },
  },
})
const LINES = Number(values.lines)
const MEMORY_LINES = Number(values['memory-lines'] ?? LINES * 10)
const VIGIL = fileURLToPath(new URL('../../packages/cli/bin/vigil.js', import.meta.url))
const BASELINE = values.baseline === undefined ? null : join(values.baseline, 'packages/cli/bin/vigil.js')
const PAIRS = Number(values.pairs)
const MAWK = '/usr/bin/mawk'
const GNU_TIME = '/usr/bin/time'

interface Timed {
  wall: number
  cpu: number | null
  peakRssMb: number | null
  stdout: string
}

/** Runs a command under GNU time when it is installed (CPU seconds and peak RSS), else wall clock only. */
function timed(cmd: string, args: readonly string[]): Timed {
  const started = performance.now()
  if (existsSync(GNU_TIME)) {
    const r = spawnSync(GNU_TIME, ['-f', '@@%e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr)
    if (r.status !== 0 || m === null) throw new Error(`${cmd} failed: ${r.stderr.slice(-2000)}`)
    return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), peakRssMb: Number(m[4]) / 1024, stdout: r.stdout }
  }
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 })
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-2000)}`)
  return { wall: (performance.now() - started) / 1000, cpu: null, peakRssMb: null, stdout: r.stdout }
}

/** The from_json + casts path this replaced, measured by this script on 2026-11-25T18:07Z (load 1.9) and its --memory run. */
const PREVIOUS = { wall: 29_129, cpu: 20_991, rss1m: 871 }
/** The last figures before V8 was tuned for an ingest, from this script at commit a84c5ea and a sampled run of 0622b86. */
const PREVIOUS_10X =
  '487 MB at 0188bcb (2026-11-26T07:10Z, load 3.5), 564 MB at commit a84c5ea (2026-11-26T02:37Z, load 3.3), 956 MB on the from_json path'
const BASELINE_LABEL = process.env.VIGIL_BENCH_BASELINE_LABEL ?? 'an earlier commit'

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
/** In-process rounds of the Node side alone (each checkout's, alternating). */
const NODE_ROUNDS = 2

/** The slower middle run by CPU time (the median for an odd count). */
function upperMedian(runs: readonly CpuWall[]): CpuWall {
  return [...runs].sort((a, b) => a.cpu - b.cpu)[Math.floor(runs.length / 2)]!
}

/** `vigil ingest` (of `vigil`, a cli/bin/vigil.js) of `file` into a fresh store in `dir`. */
type Ingested = Timed & { stored: number }

function ingest(file: string, dir: string, vigil = VIGIL): Ingested {
  const db = join(dir, 'bench.duckdb')
  for (const f of [db, `${db}.wal`, `${db}.staging`]) rmSync(f, { recursive: true, force: true })
  // The checkout's own directory: its workspace packages resolve from there.
  const t = timed(process.execPath, [vigil, 'ingest', file, '--db', db, '--json'])
  const summary = JSON.parse(t.stdout) as { stored: number }
  return { ...t, stored: summary.stored }
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'))
const loadAtStart = loadavg()[0]!
try {
  const file = join(dir, 'access.log')
  await generate(file, LINES)
  const mb = statSync(file).size / 2 ** 20
  const awk = timed(MAWK, ['{ n += NF } END { print n }', file])
  // What an ingest costs apart from its lines: Node, tsx and modules, enrichment data, opening and closing the store.
  const small = join(dir, 'small.log')
  await generate(small, 100)
  const startup = ingest(small, dir)
  const pairs: { base: Ingested; ours: Ingested }[] = []
  for (let i = 0; BASELINE !== null && i < PAIRS; i++) {
    // Alternating which goes first, so a change in load hits both alike.
    const first = i % 2 === 0 ? ingest(file, dir, BASELINE) : ingest(file, dir)
    const second = i % 2 === 0 ? ingest(file, dir) : ingest(file, dir, BASELINE)
    pairs.push(i % 2 === 0 ? { base: first, ours: second } : { base: second, ours: first })
  }
  const vig = pairs.length > 0 ? pairs.map((p) => p.ours).sort((a, b) => (a.cpu ?? a.wall) - (b.cpu ?? b.wall))[Math.floor(pairs.length / 2)]! : ingest(file, dir)
  if (vig.stored !== LINES) throw new Error(`stored ${vig.stored} of ${LINES} lines`)
  for (const p of pairs) if (p.base.stored !== LINES) throw new Error(`baseline stored ${p.base.stored} of ${LINES} lines`)
  const perSec = (t: Timed) => LINES / (t.cpu ?? t.wall)
  const ratio = perSec(vig) / perSec(awk)
  const wallRatio = LINES / vig.wall / (LINES / awk.wall)
  // The Node side alone, in process: this checkout, and the baseline's code the same way in alternating rounds.
  const floorDir = join(dir, 'floor')
  const nodeRuns: CpuWall[] = []
  const baseNodeRuns: CpuWall[] = []
  let written: Awaited<ReturnType<typeof writeRowFiles>> | null = null
  const baseNode = async (): Promise<void> => {
    if (values.baseline === undefined) return
    const b = await writeRowFiles(file, join(dir, 'base-rows'), values.baseline)
    rmSync(join(dir, 'base-rows'), { recursive: true, force: true })
    if (b.rows !== LINES) throw new Error(`baseline wrote ${b.rows} of ${LINES} rows`)
    baseNodeRuns.push(b.node)
  }
  for (let i = 0; i < NODE_ROUNDS; i++) {
    if (i % 2 === 0) await baseNode()
    if (written !== null) rmSync(floorDir, { recursive: true, force: true })
    written = await writeRowFiles(file, floorDir)
    nodeRuns.push(written.node)
    if (i % 2 === 1) await baseNode()
  }
  const { files, rows: floorRows } = written!
  const node = upperMedian(nodeRuns)
  if (floorRows !== LINES) throw new Error(`wrote ${floorRows} of ${LINES} rows`)
  const floors = [
    await loadRows(files, floorDir, 'DuckDB alone, 1 thread (as `vigil ingest`)', { threads: '1' }),
    await loadRows(files, floorDir, 'DuckDB alone, 2 threads', { threads: '2' }),
    await loadRows(files, floorDir, 'DuckDB alone, 1 thread, `preserve_insertion_order=false`', { threads: '1', preserve_insertion_order: 'false' }),
  ]
  rmSync(floorDir, { recursive: true, force: true })
  const inProcess = (label: string, t: CpuWall) => `| ${label} | ${fmt(LINES / t.wall)} | ${fmt(LINES / t.cpu)} | |`
  const rows = [
    `| mawk \`{ n += NF }\` | ${fmt(LINES / awk.wall)} | ${awk.cpu === null ? 'n/a' : fmt(LINES / awk.cpu)} | ${awk.peakRssMb?.toFixed(0) ?? 'n/a'} |`,
    `| **vigil ingest (parse + enrich + DuckDB)** | **${fmt(LINES / vig.wall)}** | **${vig.cpu === null ? 'n/a' : fmt(LINES / vig.cpu)}** | **${vig.peakRssMb?.toFixed(0) ?? 'n/a'}** |`,
    `| \`vigil ingest\` of a 100-line file (start-up, enrichment data, open and close the store) | | ${startup.cpu === null ? 'n/a' : `${startup.cpu.toFixed(2)} CPU-s`} | ${startup.peakRssMb?.toFixed(0) ?? 'n/a'} |`,
    inProcess('Node side alone, in-process: read + parse + enrich + write the batch files', node),
    ...(baseNodeRuns.length > 0 ? [inProcess(`the same, baseline (${BASELINE_LABEL})`, upperMedian(baseNodeRuns))] : []),
    ...floors.map((f) => inProcess(`${f.label}: INSERT … SELECT FROM read_csv of those files, COMMIT, CHECKPOINT`, f)),
    `| previous store path (\`from_json\` + casts), 2026-11-25T18:07Z, load 1.9 | ${fmt(PREVIOUS.wall)} | ${fmt(PREVIOUS.cpu)} | ${PREVIOUS.rss1m} |`,
  ]
  const floor = floors[0]!
  const usPerLine = (cpu: number) => ((cpu * 1e6) / LINES).toFixed(1)
  let memory = 'Memory check (10× file): not run this time (`--memory`).'
  if (values.memory) {
    const big = join(dir, 'big.log')
    await generate(big, MEMORY_LINES)
    rmSync(file)
    const m = ingest(big, dir)
    memory =
      `Memory check: ${fmt(MEMORY_LINES)} lines (${(statSync(big).size / 2 ** 30).toFixed(2)} GiB) ingested into a fresh store: ` +
      `peak RSS ${m.peakRssMb?.toFixed(0) ?? 'n/a'} MB (target < 500 MB; ${PREVIOUS_10X}), ${fmt(MEMORY_LINES / m.wall)} lines/s wall, ` +
      `${m.cpu === null ? 'n/a' : fmt(MEMORY_LINES / m.cpu)} lines/CPU-s, stored ${fmt(m.stored)}. Load average after it: ${loadavg()[0]!.toFixed(1)}.`
    rmSync(big)
    // The bench log's clients are all seen in its first lines; a long log's keep changing, and what the enrichment caches keep of each line shows only then.
    const changing = join(dir, 'changing.log')
    await generate(changing, LINES, true)
    const c = ingest(changing, dir)
    const cb = BASELINE === null ? null : ingest(changing, dir, BASELINE)
    for (const x of [c, cb]) if (x !== null && x.stored !== LINES) throw new Error(`stored ${x.stored} of ${LINES} changing-client lines`)
    memory +=
      `\n\nMemory with changing clients: ${fmt(LINES)} lines whose user agent and address change every 40 lines (${fmt(LINES / 40)} of each, every other address IPv6; \`generate-combined.ts OUT N changing\`), into a fresh store: ` +
      `peak RSS ${c.peakRssMb?.toFixed(0) ?? 'n/a'} MB` +
      (cb === null ? '' : `, baseline (${BASELINE_LABEL}) ${cb.peakRssMb?.toFixed(0) ?? 'n/a'} MB`) +
      ` (target < 500 MB). Load average after it: ${loadavg()[0]!.toFixed(1)}.`
  }
  const cpuPerSec = (t: Timed) => (t.cpu === null ? 'n/a' : fmt(LINES / t.cpu))
  const baseline =
    BASELINE === null
      ? ''
      : [
          '',
          `Same-run baseline: \`vigil ingest\` of ${values.baseline} (${BASELINE_LABEL}) and of this checkout, ${PAIRS} alternating pairs on the same file, each into a fresh store; the bold row above is this checkout's ${PAIRS % 2 === 0 ? 'upper median (the slower middle)' : 'median'} run by CPU time.`,
          '',
          '| pair | baseline lines/CPU-s | this lines/CPU-s | ratio | baseline peak RSS MB | this peak RSS MB |',
          '| --- | ---: | ---: | ---: | ---: | ---: |',
          ...pairs.map(
            (p, i) =>
              `| ${i + 1} | ${cpuPerSec(p.base)} | ${cpuPerSec(p.ours)} | ${p.base.cpu === null || p.ours.cpu === null ? 'n/a' : (p.base.cpu / p.ours.cpu).toFixed(2)} | ${p.base.peakRssMb?.toFixed(0) ?? 'n/a'} | ${p.ours.peakRssMb?.toFixed(0) ?? 'n/a'} |`,
          ),
        ].join('\n')
  const body = [
    '## Ingest end to end (`bench/ingest/run.ts`)',
    '',
    machineLine(),
    `Command: \`npx tsx bench/ingest/run.ts --lines ${LINES}${values.memory ? ' --memory' : ''}${BASELINE === null ? '' : ` --baseline DIR --pairs ${PAIRS}`}\`. Input: ${fmt(LINES)} generated combined lines (${mb.toFixed(0)} MiB; ${NETS.length * 250} client IPs, ~2,400 user agents, varied paths, half with key=value fields), one file-backed DuckDB store.`,
    '',
    '| | lines/s (wall) | lines/CPU-s | peak RSS MB |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Ratio vigil / mawk: ${ratio.toFixed(3)} per CPU-second (${wallRatio.toFixed(3)} wall clock; target ≥ 0.5). vigil's CPU time counts DuckDB's own threads and Node/tsx start-up (the 100-line row).`,
    `Where the time goes, same run: the Node side costs ${usPerLine(node.cpu)} µs of CPU per line (${nodeRuns.map((r) => usPerLine(r.cpu)).join(', ')} in ${NODE_ROUNDS} rounds` +
      (baseNodeRuns.length > 0 ? `; the baseline's ${baseNodeRuns.map((r) => usPerLine(r.cpu)).join(', ')}` : '') +
      `; it reads the file as \`vigil ingest\` does, in its 2,048-event batch files), DuckDB alone ${usPerLine(floor.cpu)} µs per row ` +
      `(the floor for this 45-column schema: read_csv, typed append, compression), start-up and close ${startup.cpu === null ? 'n/a' : usPerLine(startup.cpu)} µs per line of this file, ` +
      `vigil ingest ${vig.cpu === null ? 'n/a' : usPerLine(vig.cpu)} µs per line in all` +
      (vig.cpu === null || startup.cpu === null ? '. ' : ` (${usPerLine(vig.cpu - node.cpu - floor.cpu - startup.cpu)} µs per line beyond the three). `) +
      `0.5× mawk would be ${usPerLine((2 * LINES) / perSec(awk))} µs per line for everything` +
      (floor.cpu > (2 * LINES) / perSec(awk) ? ": less than DuckDB's own load of the rows alone, so no DuckDB-backed path with this schema reaches it." : '.') +
      ` The best any DuckDB-backed path of this schema can reach is DuckDB's load alone, with parsing free: ${(LINES / floor.cpu / perSec(awk)).toFixed(3)}× mawk per CPU-second` +
      (startup.cpu === null
        ? '.'
        : ` (${(LINES / (floor.cpu + startup.cpu) / perSec(awk)).toFixed(3)}× with this run's start-up; with the Node side as measured, ${(LINES / (floor.cpu + node.cpu + startup.cpu) / perSec(awk)).toFixed(3)}×).`),
    `Load average at the start and end of the run: ${loadAtStart.toFixed(1)}, ${loadavg()[0]!.toFixed(1)} (the machine is shared; wall-clock figures depend on it, CPU-second figures much less).`,
    '',
    memory,
    baseline,
  ].join('\n')
  writeResultsSection('ingest', body)
  process.stdout.write(`${body}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
