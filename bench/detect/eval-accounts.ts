/**
 * The account detectors measured on labelled simulated traffic, over several seeds:
 * `vigil simulate` (default and --stealth knobs) → `vigil ingest` → the account detectors
 * in streaming order over the store → the eval scorer, per class, fraud rings included.
 * Writes the `detect-accounts` section of RESULTS.md.
 * Run: npx tsx bench/detect/eval-accounts.ts [--seeds 1,2,3] [--hours H] [--work DIR] [--reuse]
 * (--reuse keeps an existing simulation and store per seed and mode in the work directory.)
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  buildAccountDetectors,
  createDetectionEngine,
  parseLabels,
  scoreDetections,
} from '../../packages/core/src/index.ts'
import type { AppEvent, Detection, EvalReport, HttpEvent, SimLabels } from '../../packages/core/src/index.ts'
import { DuckDbStore } from '../../packages/storage-duckdb/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    hours: { type: 'string', default: '6' },
    work: { type: 'string', default: '/tmp/vigil-eval-accounts' },
    reuse: { type: 'boolean', default: false },
  },
})

/** The classes these detectors own. */
const CLASSES = ['OAT-008', 'ato', 'OAT-019', 'OAT-001', 'OAT-002', 'sms_pumping', 'OAT-005', 'bola', 'fraud_ring'] as const
const MODES = ['default', 'stealth'] as const
type Mode = (typeof MODES)[number]
const VIGIL = join(import.meta.dirname, '../../packages/cli/bin/vigil.js')
const seeds = args.seeds.split(',').map((s) => Number(s.trim())).filter((n) => Number.isSafeInteger(n))

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
  seed: number
  mode: Mode
  labels: SimLabels
  report: EvalReport
  detections: Detection[]
  events: number
  seconds: number
}

async function run(seed: number, mode: Mode): Promise<Run> {
  const dir = join(args.work, `${seed}-${mode}`)
  const db = join(dir, 'vigil.duckdb')
  if (!args.reuse || !existsSync(db)) {
    execFileSync('rm', ['-rf', dir])
    vigil('simulate', '--out', dir, '--seed', String(seed), '--hours', args.hours, ...(mode === 'stealth' ? ['--stealth'] : []))
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
  process.stderr.write(`seed ${seed} ${mode}: ${events} events, ${seconds.toFixed(1)} s\n`)
  return { seed, mode, labels, report: scoreDetections(labels, detections), detections, events, seconds }
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3))

/** Slowest first detection over the class's scenarios, in seconds; null when one was missed. */
function ttd(r: Run, cls: string): number | null {
  const times = Object.values(r.report.scenarios).filter((s) => s.class === cls).map((s) => s.time_to_detect_seconds)
  if (times.length === 0 || times.some((t) => t === null)) return null
  return Math.max(...(times as number[]))
}

function minMean(xs: Array<number | null | undefined>): string {
  const v = xs.filter((x): x is number => typeof x === 'number')
  if (v.length === 0) return '—'
  return `${fmt(Math.min(...v))} / ${fmt(v.reduce((a, b) => a + b, 0) / v.length)}`
}

function summary(runs: Run[]): string {
  const rows = CLASSES.map((cls) => {
    const cells = MODES.flatMap((mode) => {
      const rs = runs.filter((r) => r.mode === mode)
      const times = rs.map((r) => ttd(r, cls))
      const worst = times.some((t) => t === null) ? 'missed' : `${Math.max(...(times as number[]))} s`
      return [minMean(rs.map((r) => r.report.by_class[cls]?.precision)), minMean(rs.map((r) => r.report.by_class[cls]?.recall)), worst]
    })
    return `| ${cls} | ${cells.join(' | ')} |`
  })
  return [
    '| class | default precision min / mean | default recall min / mean | default slowest first detection | stealth precision min / mean | stealth recall min / mean | stealth slowest first detection |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

function perSeed(runs: Run[], mode: Mode): string {
  const rs = runs.filter((r) => r.mode === mode)
  const head = `| class | ${rs.map((r) => `seed ${r.seed}: P / R / first detection`).join(' | ')} |`
  const rows = CLASSES.map((cls) => {
    const cells = rs.map((r) => {
      const c = r.report.by_class[cls]
      const t = ttd(r, cls)
      return c === undefined ? '—' : `${fmt(c.precision)} / ${fmt(c.recall)} / ${t === null ? 'missed' : `${t} s`}`
    })
    return `| ${cls} | ${cells.join(' | ')} |`
  })
  const notes = rs.map((r) => {
    const fps = Object.entries(r.report.false_positives_by_population)
      .filter(([, v]) => v.entities > 0)
      .map(([p, v]) => `${p} ${v.entities}${v.lookalike ? ' (look-alike)' : ''}`)
      .join(', ')
    const benignAto = r.detections.filter((d) => d.threat === 'ato').filter((d) => {
      const pops = r.labels.entities[d.entity.type as 'account']?.[d.entity.value] ?? []
      return pops.length > 0 && pops.every((p) => r.labels.populations[p]?.kind !== 'attack')
    }).length
    return `Seed ${r.seed}: ${r.events.toLocaleString('en-US')} events in ${r.seconds.toFixed(1)} s, ${r.detections.length} detections; ` +
      `benign entities flagged: ${fps === '' ? 'none' : fps}; takeover detections on benign-only entities: ${benignAto}.`
  })
  return [`### ${mode === 'default' ? 'Default knobs' : 'Stealthy knobs (`--stealth`)'}`, '', head, `|---|${rs.map(() => '---').join('|')}|`, ...rows, '', ...notes].join('\n')
}

function rings(runs: Run[]): string {
  const rows = runs.map((r) => {
    const g = r.report.fraud_rings
    if (g === null) return `| ${r.seed} | ${r.mode} | — | — | — | — | — | — |`
    const wrong = Object.entries(g.false_positives_by_population).map(([p, n]) => `${p} ${n}`).join(', ')
    const firstRight = g.matches.filter((m) => m.ring !== null).map((m) => Date.parse(m.detected_at))
    const start = r.labels.populations['fraud-ring']?.start
    const first = firstRight.length === 0 || start == null ? '—' : `${Math.round((Math.min(...firstRight) - Date.parse(start)) / 60_000)} min`
    return `| ${r.seed} | ${r.mode} | ${g.rings_found.length} / ${g.rings} | ${g.fp}${wrong === '' ? '' : ` (${wrong})`} | ${g.duplicates} | ` +
      `${fmt(g.members.precision)} | ${fmt(g.members.recall)} | ${first} |`
  })
  return [
    '### Fraud rings (`fraud-ring` scenario; `household` and `support-staff` are the look-alikes)',
    '',
    'A ring detection (entity `actor`, members in `related`) is right when more than half of its accounts are one labelled ring.',
    '',
    '| seed | knobs | rings found | wrong ring detections (population) | repeat detections | member precision | member recall | first right detection after the crews start |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

const load = loadavg().map((x) => x.toFixed(2)).join(', ')
const runs: Run[] = []
for (const seed of seeds) for (const mode of MODES) runs.push(await run(seed, mode))
const body = [
  '## Account and device detectors (bench/detect/eval-accounts.ts)',
  '',
  machineLine(),
  `Load average when the runs started: ${load} (2 shared cores).`,
  '',
  `Seeds ${seeds.join(', ')}, ${args.hours} simulated hours each, default and stealthy knobs. Scoring is \`vigil eval\`'s ` +
    '(packages/core/src/eval/score.ts): one unit per labelled entity (ip, session, account, device, card); recall counts every ' +
    'entity of the class\'s populations, so entities an attack only touched (a stuffed username, a session id) count as misses ' +
    'unless flagged. `fraud_ring` is scored over rings (packages/core/src/eval/score-rings.ts). First detection is ' +
    '`detected_at` (the event time the streaming engine raised it) minus the scenario\'s first event; the slowest scenario of the class is shown.',
  '',
  '### Summary over seeds',
  '',
  summary(runs),
  '',
  ...MODES.map((m) => perSeed(runs, m)),
  '',
  rings(runs),
].join('\n')
writeResultsSection('detect-accounts', body)
process.stdout.write(`${body}\n`)
