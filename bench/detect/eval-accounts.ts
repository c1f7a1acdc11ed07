/**
 * The account detectors measured on labelled simulated traffic: `vigil simulate` (default
 * and --stealth knobs) → `vigil ingest` → the account detectors in streaming order over the
 * store → the eval scorer, per class. Writes the `detect-accounts` section of RESULTS.md.
 * Run: npx tsx bench/detect/eval-accounts.ts [--seed N] [--hours H] [--work DIR] [--reuse]
 * (--reuse keeps an existing simulation and store in the work directory.)
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  buildAccountDetectors,
  createDetectionEngine,
  parseLabels,
  scoreDetections,
} from '../../packages/core/src/index.ts'
import type { AppEvent, Detection, EvalReport, HttpEvent } from '../../packages/core/src/index.ts'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    hours: { type: 'string', default: '6' },
    work: { type: 'string', default: '/tmp/vigil-eval-accounts' },
    reuse: { type: 'boolean', default: false },
  },
})

/** The classes these detectors own, with the detector ids that serve them. */
const CLASSES = ['OAT-008', 'ato', 'OAT-019', 'OAT-001', 'OAT-002', 'sms_pumping', 'OAT-005', 'bola'] as const
const VIGIL = join(import.meta.dirname, '../../packages/cli/bin/vigil.js')

function vigil(...argv: string[]): void {
  execFileSync(process.execPath, [VIGIL, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] })
}

/** Event time is read in slices so that the store's ordered scan never sorts the whole table at once. */
const SLICE_MS = 30 * 60_000

async function* merged(store: DuckDbStore): AsyncGenerator<AppEvent | HttpEvent> {
  const app: AppEvent[] = []
  for await (const batch of store.scanAppEvents()) app.push(...batch)
  const [span] = await store.query('SELECT epoch_ms(min(ts)) AS lo, epoch_ms(max(ts)) AS hi FROM http_events')
  const lo = Number(span?.lo ?? 0)
  const hi = Number(span?.hi ?? 0)
  let i = 0
  for (let from = lo; from <= hi; from += SLICE_MS) {
    for await (const batch of store.scanHttpEvents({ from, to: from + SLICE_MS })) {
      for (const h of batch) {
        while (i < app.length && app[i]!.ts <= h.ts) yield app[i++]!
        yield h
      }
    }
  }
  while (i < app.length) yield app[i++]!
}

interface Run {
  name: string
  report: EvalReport
  detections: Detection[]
  events: number
  seconds: number
}

async function run(name: string, stealth: boolean): Promise<Run> {
  const dir = join(args.work, name)
  const db = join(dir, 'vigil.duckdb')
  if (!args.reuse || !existsSync(db)) {
    execFileSync('rm', ['-rf', dir])
    vigil('simulate', '--out', dir, '--seed', args.seed, '--hours', args.hours, ...(stealth ? ['--stealth'] : []))
    vigil('ingest', join(dir, 'access.log'), join(dir, 'events.ndjson'), '--db', db)
  }
  const labels = parseLabels(readFileSync(join(dir, 'labels.json'), 'utf8'), 'labels.json')
  const store = await DuckDbStore.open(db, { readOnly: true })
  const engine = createDetectionEngine(buildAccountDetectors())
  const started = performance.now()
  let events = 0
  for await (const e of merged(store)) {
    events++
    if ('url_path' in e) engine.pushHttp(e)
    else engine.pushApp(e)
  }
  engine.finish()
  const seconds = (performance.now() - started) / 1000
  await store.close()
  const detections = engine.detections()
  return { name, report: scoreDetections(labels, detections), detections, events, seconds }
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3))

function table(r: Run): string {
  const rows = CLASSES.map((cls) => {
    const c = r.report.by_class[cls]
    if (c === undefined) return `| ${cls} | — | — | — | — | — | — | not in the simulation |`
    const byType = Object.entries(c.recall_by_entity_type).map(([t, v]) => `${t} ${fmt(v)}`).join(', ')
    const ttd = Object.values(r.report.scenarios).filter((s) => s.class === cls).map((s) => s.time_to_detect_seconds)
    const ttdText = ttd.map((t) => (t === null ? 'missed' : `${Math.round(t)} s`)).join(', ')
    return `| ${cls} | ${c.tp} | ${c.fp} | ${c.fn} | ${fmt(c.precision)} | ${fmt(c.recall)} | ${fmt(c.f1)} | ${ttdText}; ${byType} |`
  })
  const fps = Object.entries(r.report.false_positives_by_population)
    .filter(([, v]) => v.entities > 0)
    .map(([p, v]) => `${p} ${v.entities}${v.lookalike ? ' (look-alike)' : ''}`)
    .join(', ')
  const atoOnBenign = r.detections.filter((d) => d.threat === 'ato').length
  return [
    `### ${r.name}`,
    '',
    `${r.events.toLocaleString('en-US')} events through the account detectors in ${r.seconds.toFixed(1)} s; ` +
      `${r.detections.length} detections (${atoOnBenign} ato).`,
    '',
    '| class | tp | fp | fn | precision | recall | F1 | time to first detection; recall by entity type |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `False positives by benign population: ${fps === '' ? 'none' : fps}.`,
  ].join('\n')
}

const runs = [await run('default', false), await run('stealth', true)]
const body = [
  '## Account and device detectors (bench/detect/eval-accounts.ts)',
  '',
  machineLine(),
  '',
  `Seed ${args.seed}, ${args.hours} simulated hours. Scoring is \`vigil eval\`'s (packages/core/src/eval/score.ts): ` +
    'one unit per labelled entity (ip, session, account, device, card); recall counts every entity of the class\'s ' +
    'populations, so entities an attack only touched (a stuffed username, a session id) count as misses unless flagged.',
  '',
  ...runs.map(table),
].join('\n')
writeResultsSection('detect-accounts', body)
process.stdout.write(`${body}\n`)
