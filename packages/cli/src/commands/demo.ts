/**
 * `vigil demo [--db P] [--seed N] [--hours H] [--scale S] [--port N] [--no-open]`: simulate
 * a shop under attack, ingest it, run the detectors, score them against the ground truth,
 * show the top detections and open the console — the first five minutes with vigil, in
 * one command (docs/simulator.md).
 * @module
 */
import { dirname, join } from 'node:path'
import { rm } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Detection, EvalReport } from '@vigil/core'
import { VigilError } from '@vigil/core/errors'
import { EXIT } from '../exit-codes.ts'
import { printTable } from '../output/table.ts'
import { parseNumberOption } from './simulate.ts'

/** The demo's own store, apart from the user's ./.vigil/vigil.duckdb; recreated on each run. */
export const DEMO_DB_PATH = join('.vigil', 'demo.duckdb')
const DEMO_MEMORY_LIMIT = '1GB'

interface DemoFlags {
  db?: string
  seed: string
  hours: string
  scale: string
  top: string
  port: string
  open: boolean
}

const STEPS = 5

function step(n: number, text: string): void {
  process.stderr.write(`[${n}/${STEPS}] ${text}\n`)
}

function detail(text: string): void {
  process.stderr.write(`      ${text}\n`)
}

function n(v: number): string {
  return v.toLocaleString('en-US')
}

function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(0)}%`
}

function printScore(r: EvalReport): void {
  const found = Object.values(r.scenarios).filter((s) => s.detected).length
  detail(
    `${found}/${Object.keys(r.scenarios).length} attack scenarios found; precision ${pct(r.overall.precision)}, ` +
      `recall ${pct(r.overall.recall)} over every labelled ip, session, account, device and card; ` +
      `good bots flagged: ${r.good_bots_flagged.count}`,
  )
  const missed = Object.entries(r.scenarios).filter(([, s]) => !s.detected).map(([id]) => id)
  if (missed.length > 0) detail(`not found: ${missed.join(', ')}`)
}

function printTop(detections: readonly Detection[], top: number): void {
  printTable(
    ['score', 'threat', 'entity', 'explanation'],
    detections.slice(0, top).map((d) => [d.score, d.threat, `${d.entity.type} ${d.entity.value}`, d.explanation]),
  )
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('simulate a shop under attack, ingest and detect it, show the top detections and open the console')
    .option('--db <path>', `store for the demo (default: ${DEMO_DB_PATH}, recreated on each run)`)
    .option('--seed <n>', 'simulation seed', '1')
    // Smaller than `vigil simulate`'s default so that ingest and detection finish in a minute or two.
    .option('--hours <h>', 'simulated hours', '2')
    .option('--scale <s>', 'shop traffic multiplier', '0.5')
    .option('--top <n>', 'detections to show', '20')
    .option('--port <n>', 'console port (0 picks a free one)', '8080')
    .option('--no-open', 'stop after the table instead of serving the console')
    .action(async (flags: DemoFlags) => {
      const seed = parseNumberOption('--seed', flags.seed, true)
      const hours = parseNumberOption('--hours', flags.hours)
      const scale = parseNumberOption('--scale', flags.scale)
      const top = parseNumberOption('--top', flags.top, true)
      const port = parseNumberOption('--port', flags.port, true)
      if (port < 0 || port > 65_535) throw new VigilError('VIGIL_ERR_CLI_USAGE', '--port must be 0–65535.', { exitCode: EXIT.USAGE })
      const runtime = await import('@vigil/runtime')
      const { DuckDbStore } = await import('@vigil/storage-duckdb')
      const core = await import('@vigil/core')
      const ownStore = flags.db === undefined
      const dbPath = runtime.resolveDbPath(flags.db ?? DEMO_DB_PATH)
      const dataDir = join(dbPath === ':memory:' ? '.vigil' : dirname(dbPath), 'demo')
      const { config } = runtime.loadConfig()

      step(1, `Simulating ${hours} h of shop traffic (seed ${seed}) into ${dataDir}`)
      const sim = await runtime.writeSimulation(dataDir, await runtime.loadSimConfig(), { seed, hours, scale }, (p) =>
        detail(`${n(p.requests)} requests…`),
      )
      detail(`${n(sim.requests)} requests, ${n(sim.events)} application events, ${sim.populations} populations`)

      if (ownStore && dbPath !== ':memory:') await rm(dbPath, { force: true })
      step(2, `Ingesting into ${dbPath}`)
      const data = await runtime.loadEnrichmentData({ onWarning: (m) => process.stderr.write(`vigil: warning: ${m}\n`) })
      // Re-running every detector over the store needs more than the default cap; the demo
      // store holds nothing else, so it may take what the run needs.
      const store = await DuckDbStore.open(dbPath, { memoryLimit: DEMO_MEMORY_LIMIT })
      try {
        const quarantineFile = runtime.quarantineFilePath(dbPath)
        const ingested = await runtime.ingestPaths(
          store,
          [sim.files.accessLog, sim.files.events],
          {
            enricher: core.createEnricher(data, { trustedProxies: config.ingest.trustedProxies }),
            ...(quarantineFile === undefined ? {} : { quarantineFile }),
          },
          { onFileEnd: (f) => detail(`${f.path}: ${n(f.stored)} stored, ${n(f.quarantined)} quarantined`) },
        )
        detail(`${n(ingested.stored)} events in ${ingested.seconds.toFixed(1)} s`)

        step(3, 'Running the detectors over the store')
        const detected = await runtime.runDetectors(store, config.detect, { waf: config.waf })
        detail(`${n(detected.detections)} detections in ${detected.seconds.toFixed(1)} s`)

        step(4, 'Scoring the detections against the ground truth (labels.json)')
        const detections = await store.listDetections()
        printScore(core.scoreDetections(sim.labels, detections))

        step(5, `Top ${Math.min(top, detections.length)} detections`)
        printTop(detections, top)
        const db = `--db ${dbPath}`
        process.stdout.write(`\nMore: vigil detections ${db} · vigil eval --labels ${sim.files.labels} ${db} · vigil query ${db} "SELECT …"\n`)

        if (flags.open) {
          const { ensureWebBuilt, startConsole } = await import('@vigil/server')
          const started = await startConsole({ store, storePath: dbPath, host: '127.0.0.1', port, auth: true, webDist: await ensureWebBuilt() })
          process.stdout.write(`\nVigil console: ${started.url}\n(open it in a browser; Ctrl-C stops)\n`)
          await new Promise<void>((resolveStop) => {
            process.once('SIGINT', () => resolveStop())
            process.once('SIGTERM', () => resolveStop())
          })
          await started.close()
        }
      } finally {
        await store.close()
      }
    })
}
