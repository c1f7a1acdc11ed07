/**
 * The whole `vigil detect` over a file-backed store: the ordered scan out of DuckDB, every
 * detector, and the detections written back — with and without the WAF. The detector-only
 * rate is `detect-throughput`'s figure; this one is what a user waits for. Each run is a
 * fresh process (cold, as `vigil detect` is) on a fresh copy of one store, timed around
 * `runDetectors` alone. With --baseline, an earlier checkout (its own node_modules) runs in
 * alternating pairs with this one, and their detections are compared byte for byte.
 * Writes the 'detect-run' section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/run-detect.ts [--hours H] [--scale S] [--seed N] [--baseline DIR [--pairs P]]
 * @module
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Detection, DetectConfig, Store } from '@vigil/core'
import type { WafResolvedConfig } from '@vigil/core/waf'
import { checkoutCommit, machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({
  options: {
    hours: { type: 'string', default: '2' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    baseline: { type: 'string' },
    pairs: { type: 'string', default: '3' },
    // One measured run, in a child process: --worker ROOT --db PATH --mode waf|nowaf --dump FILE.
    worker: { type: 'string' },
    db: { type: 'string' },
    mode: { type: 'string' },
    dump: { type: 'string' },
  },
})

const THIS_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MODES = [
  { mode: 'nowaf', label: 'behavioural detectors (`--no-waf`)' },
  { mode: 'waf', label: 'behavioural detectors + WAF (default)' },
] as const

interface Measured {
  events: number
  detections: number
  wall: number
  cpu: number
}

/** The parts of a checkout a run needs; by path, so a baseline checkout runs its own code. */
interface Checkout {
  loadConfig(): { config: { detect: DetectConfig; waf: WafResolvedConfig } }
  runDetectors(store: Store, config: DetectConfig, options: { waf?: WafResolvedConfig }): Promise<{ events: number; detections: number }>
  DuckDbStore: { open(path: string, options: { memoryLimit: string }): Promise<Store> }
}

async function importCheckout(root: string): Promise<Checkout> {
  const runtime = (await import(join(root, 'packages/runtime/src/index.ts'))) as Pick<Checkout, 'loadConfig' | 'runDetectors'>
  const storage = (await import(join(root, 'packages/storage-duckdb/src/index.ts'))) as Pick<Checkout, 'DuckDbStore'>
  return { loadConfig: runtime.loadConfig, runDetectors: runtime.runDetectors, DuckDbStore: storage.DuckDbStore }
}

async function worker(root: string, db: string, mode: string, dump: string): Promise<void> {
  const { loadConfig, runDetectors, DuckDbStore } = await importCheckout(root)
  const { config } = loadConfig()
  const store = await DuckDbStore.open(db, { memoryLimit: '1GB' })
  try {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const s = await runDetectors(store, config.detect, mode === 'waf' ? { waf: config.waf } : {})
    const wall = (performance.now() - t0) / 1000
    const c = process.cpuUsage(cpu0)
    const rows: Detection[] = await store.listDetections()
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    writeFileSync(dump, rows.map((d) => JSON.stringify(d)).join('\n'))
    const out: Measured = { events: s.events, detections: s.detections, wall, cpu: (c.user + c.system) / 1e6 }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } finally {
    await store.close()
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}
const loads = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')

async function main(): Promise<void> {
  const hours = Number(values.hours)
  const scale = Number(values.scale)
  const seed = Number(values.seed)
  const baseline = values.baseline === undefined ? null : resolve(values.baseline)
  const pairs = baseline === null ? 1 : Number(values.pairs)
  const work = mkdtempSync(join(tmpdir(), 'vigil-bench-detect-'))
  try {
    // The store is built once, by this checkout, and every run gets a fresh copy of it.
    const { writeSimulation, loadSimConfig, loadEnrichmentData } = await import('../../packages/runtime/src/index.ts')
    const { ingestPaths } = await import('../../packages/runtime/src/ingest/ingest-paths.ts')
    const { DuckDbStore } = await import('../../packages/storage-duckdb/src/index.ts')
    const { createEnricher } = await import('@vigil/core')
    const sim = await writeSimulation(join(work, 'sim'), await loadSimConfig(), { seed, hours, scale })
    const pristine = join(work, 'pristine.duckdb')
    const store = await DuckDbStore.open(pristine, { memoryLimit: '1GB' })
    try {
      await ingestPaths(store, [sim.files.accessLog, sim.files.events], { enricher: createEnricher(await loadEnrichmentData(), { trustedProxies: [] }) })
    } finally {
      await store.close()
    }
    const loadBefore = loads()
    const trees = baseline === null ? [{ name: 'this', root: THIS_ROOT }] : [{ name: 'baseline', root: baseline }, { name: 'this', root: THIS_ROOT }]
    const runs = new Map<string, Measured[]>()
    const dumps = new Map<string, string>()
    const identical = new Map<string, boolean>()
    for (let p = 0; p < pairs; p++) {
      for (const { mode } of MODES) {
        // Alternate which checkout goes first, so a change in load favours neither.
        for (const tree of p % 2 === 0 ? trees : [...trees].reverse()) {
          const db = join(work, 'run.duckdb')
          rmSync(`${db}.wal`, { force: true })
          copyFileSync(pristine, db)
          const dump = join(work, `${tree.name}-${mode}.jsonl`)
          const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', tree.root, '--db', db, '--mode', mode, '--dump', dump]
          const r = spawnSync(process.execPath, args, { cwd: THIS_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })
          if (r.status !== 0) throw new Error(`${tree.name} ${mode} run failed: ${r.stderr.slice(-2000)}`)
          const m = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Measured
          process.stderr.write(`pair ${p + 1} ${tree.name} ${mode}: ${m.events} events, ${m.detections} detections, ${m.cpu.toFixed(2)} CPU-s, load ${loads()}\n`)
          const key = `${tree.name} ${mode}`
          runs.set(key, [...(runs.get(key) ?? []), m])
          const text = readFileSync(dump, 'utf8')
          const previous = dumps.get(mode)
          if (previous === undefined) dumps.set(mode, text)
          else identical.set(mode, (identical.get(mode) ?? true) && previous === text)
          rmSync(db, { force: true })
          rmSync(`${db}.wal`, { force: true })
        }
      }
    }
    const row = (label: string, tree: string, mode: string): string => {
      const ms = runs.get(`${tree} ${mode}`) ?? []
      const cpu = median(ms.map((m) => m.cpu))
      const m = ms[0] as Measured
      return `| ${label} | ${tree === 'this' ? 'this checkout' : 'baseline'} | ${fmt(m.events)} | ${fmt(m.detections)} | ${median(ms.map((x) => x.wall)).toFixed(1)} | ${cpu.toFixed(2)} (${ms.map((x) => x.cpu.toFixed(2)).join(', ')}) | ${fmt(m.events / cpu)} |`
    }
    const body = [
      '## `vigil detect` end to end (`bench/detect/run-detect.ts`)',
      '',
      machineLine(),
      '',
      `Command: \`npx tsx bench/detect/run-detect.ts --hours ${hours} --scale ${scale} --seed ${seed}${baseline === null ? '' : ` --baseline DIR --pairs ${pairs}`}\`. ` +
        `Store: ${fmt(sim.requests)} requests and ${fmt(sim.events)} application events from \`vigil simulate\`, ingested into a file-backed DuckDB; ` +
        'each run is a fresh process on a fresh copy of that store, timed around `runDetectors` (ordered scan, detectors, detections replaced).',
      '',
      '| detectors | checkout | events | detections | wall s | CPU s, median (each run) | events per CPU-second |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...MODES.flatMap(({ mode, label }) => trees.map((t) => row(label, t.name, mode))),
      '',
      `CPU time is the process's, DuckDB's threads included. Load average before the runs: ${loadBefore}; after: ${loads()} on 2 cores ` +
        '(a shared machine; wall time depends on it, CPU time less).',
      ...(baseline === null
        ? []
        : [
            '',
            `Same-run baseline: ${baseline} (commit ${checkoutCommit(baseline)}), ${pairs} alternating pairs per mode. Detections of both checkouts (ids, scores, evidence, every column) ` +
              MODES.map(({ mode }) => `${mode}: ${identical.get(mode) === true ? 'byte-identical' : 'DIFFERENT'}`).join(', ') +
              '.',
          ]),
    ].join('\n')
    writeResultsSection('detect-run', body)
    process.stdout.write(`${body}\n`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (values.worker !== undefined) {
  await worker(resolve(values.worker), values.db as string, values.mode as string, values.dump as string)
} else {
  await main()
}
