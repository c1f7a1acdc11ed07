/**
 * The whole `vigil detect` over a file-backed store: the ordered scan out of DuckDB, every
 * detector, and the detections written back — with and without the WAF, in the same run.
 * The detector-only rate is `detect-throughput`'s figure; this one is what a user waits
 * for. Writes the 'detect-run' section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/run-detect.ts [--hours H] [--scale S] [--seed N]
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createEnricher } from '@vigil/core'
import { loadConfig, loadEnrichmentData, loadSimConfig, runDetectors, writeSimulation } from '../../packages/runtime/src/index.ts'
import { ingestPaths } from '../../packages/runtime/src/ingest/ingest-paths.ts'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({
  options: { hours: { type: 'string', default: '2' }, scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' } },
})
const hours = Number(values.hours)
const scale = Number(values.scale)
const seed = Number(values.seed)
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-detect-'))

interface Run {
  label: string
  events: number
  detections: number
  wall: number
  cpu: number
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

try {
  const sim = await writeSimulation(join(work, 'sim'), await loadSimConfig(), { seed, hours, scale })
  const { config } = loadConfig()
  const store = await DuckDbStore.open(join(work, 'vigil.duckdb'), { memoryLimit: '1GB' })
  const runs: Run[] = []
  try {
    const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
    await ingestPaths(store, [sim.files.accessLog, sim.files.events], { enricher })
    for (const [label, options] of [
      ['behavioural detectors (`--no-waf`)', {}],
      ['behavioural detectors + WAF (default)', { waf: config.waf }],
    ] as const) {
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      const s = await runDetectors(store, config.detect, options)
      const wall = (performance.now() - t0) / 1000
      const c = process.cpuUsage(cpu0)
      runs.push({ label, events: s.events, detections: s.detections, wall, cpu: (c.user + c.system) / 1e6 })
      process.stderr.write(`${label}: ${s.events} events, ${s.detections} detections, ${wall.toFixed(1)} s\n`)
    }
  } finally {
    await store.close()
  }
  const body = [
    '## `vigil detect` end to end (`bench/detect/run-detect.ts`)',
    '',
    machineLine(),
    '',
    `Command: \`npx tsx bench/detect/run-detect.ts --hours ${hours} --scale ${scale} --seed ${seed}\`. ` +
      `Store: ${fmt(sim.requests)} requests and ${fmt(sim.events)} application events from \`vigil simulate\`, ingested into a file-backed DuckDB; ` +
      'each run scans the store in event-time order, runs the detectors and replaces their detections.',
    '',
    '| detectors | events | detections | wall s | CPU s | events per CPU-second |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r) => `| ${r.label} | ${fmt(r.events)} | ${fmt(r.detections)} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${fmt(r.events / r.cpu)} |`),
    '',
    `CPU time is this process's, DuckDB's threads included. Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on 2 cores (a shared machine; wall time depends on it, CPU time much less).`,
  ].join('\n')
  writeResultsSection('detect-run', body)
  process.stdout.write(`${body}\n`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
