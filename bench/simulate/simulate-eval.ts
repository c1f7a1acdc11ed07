/**
 * The simulator's cost (a 6-hour run at scale 1: time, peak memory, lines) and the
 * detectors scored against its labels on a shorter run (ingest → detect → eval). Writes
 * the `simulate` section of bench/RESULTS.md.
 *
 *   npx tsx bench/simulate/simulate-eval.ts [evalHours=2] [evalScale=0.5] [seed=1]
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEnricher, scoreDetections, type EvalReport, type Prf } from '../../packages/core/src/index.ts'
import { loadConfig, loadEnrichmentData, loadSimConfig, runDetectors, writeSimulation } from '../../packages/runtime/src/index.ts'
import { ingestPaths } from '../../packages/runtime/src/ingest/ingest-paths.ts'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const [evalHours = 2, evalScale = 0.5, seed = 1] = process.argv.slice(2).map(Number)
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-sim-'))

function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1)}%`
}

function prfCells(p: Prf): string {
  return `${p.tp} | ${p.fp} | ${p.fn} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f1)}`
}

async function costOfFullRun(): Promise<string> {
  const config = await loadSimConfig()
  let peak = 0
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  const t0 = performance.now()
  const s = await writeSimulation(join(work, 'full'), config, { seed, hours: 6, scale: 1 })
  const seconds = (performance.now() - t0) / 1000
  clearInterval(sample)
  return (
    `6 simulated hours at scale 1, seed ${seed}: ${s.requests.toLocaleString('en-US')} requests and ` +
    `${s.events.toLocaleString('en-US')} events from ${s.populations} populations in ${seconds.toFixed(1)} s ` +
    `(${Math.round(s.requests / seconds).toLocaleString('en-US')} requests/s), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB; ` +
    `load average ${loadavg()[0]?.toFixed(1)} on the shared machine at the end.`
  )
}

async function evaluate(): Promise<{ report: EvalReport; line: string }> {
  const dir = join(work, 'eval')
  const sim = await writeSimulation(dir, await loadSimConfig(), { seed, hours: evalHours, scale: evalScale })
  const { config } = loadConfig()
  // As `vigil demo` does: re-running every detector needs more than the store's default cap.
  const store = await DuckDbStore.open(join(work, 'eval.duckdb'), { memoryLimit: '1GB' })
  try {
    const enricher = createEnricher(await loadEnrichmentData(), { trustedProxies: [] })
    const ingested = await ingestPaths(store, [sim.files.accessLog, sim.files.events], { enricher })
    const detected = await runDetectors(store, config.detect, { waf: config.waf })
    const report = scoreDetections(sim.labels, await store.listDetections())
    const line =
      `${evalHours} simulated hours at scale ${evalScale}, seed ${seed}: ${sim.requests.toLocaleString('en-US')} requests, ` +
      `${sim.events.toLocaleString('en-US')} events; ingest ${ingested.seconds.toFixed(1)} s, detect ${detected.seconds.toFixed(1)} s, ` +
      `${detected.detections} detections.`
    return { report, line }
  } finally {
    await store.close()
  }
}

try {
  const cost = await costOfFullRun()
  const { report: r, line } = await evaluate()
  const body = [
    '## simulate — simulator cost and detectors scored on simulated labels (bench/simulate/simulate-eval.ts)',
    '',
    machineLine(),
    '',
    `Cost: ${cost}`,
    '',
    `Scoring (docs/simulator.md, "How eval scores"): ${line}`,
    '',
    '| entity type | TP | FP | FN | precision | recall | F1 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(r.by_entity_type).map(([t, p]) => `| ${t} | ${prfCells(p)} |`),
    `| all | ${prfCells(r.overall)} |`,
    '',
    '| class | TP | FP | FN | precision | recall | F1 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(r.by_class).map(([c, p]) => `| ${c} | ${prfCells(p)} |`),
    '',
    '| scenario | found | entities found | time to first detection |',
    '| --- | --- | --- | --- |',
    ...Object.entries(r.scenarios).map(
      ([id, s]) =>
        `| ${id} | ${s.detected ? 'yes' : 'no'} | ${s.entities_detected}/${s.entities_total} | ${s.time_to_detect_seconds === null ? '–' : `${s.time_to_detect_seconds} s`} |`,
    ),
    '',
    `Good bots flagged: ${r.good_bots_flagged.count}. False positives by benign population: ` +
      (Object.entries(r.false_positives_by_population)
        .map(([p, v]) => `${p}${v.lookalike ? ' (look-alike)' : ''} ${v.entities}`)
        .join(', ') || 'none') +
      `. Not scored: ${r.unknown_entities} detections on derived entity values, ` +
      `${Object.entries(r.unscored_by_entity_type).map(([t, n]) => `${t} ${n}`).join(', ') || 'no other types'}.`,
  ].join('\n')
  writeResultsSection('simulate', body)
  process.stdout.write(`${body}\n`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
