/**
 * Bot detection measured on labelled traffic: `vigil simulate` (default knobs, then the
 * stealthy ones; the catalogue addressed by path, then by query string) → `vigil ingest` →
 * `vigil detect` → `vigil eval`, through the real CLI and store, for each seed. Each run is
 * scored twice more per IP: the full-field store, and the same traffic rendered as a plain
 * `combined` log (no cookie, JA4, user, device column, no app events), ingested and detected
 * on its own — the shape real-world bot data comes in, labelled per IP. Writes per-class
 * precision/recall, recall per scenario and the benign entities flagged into bench/RESULTS.md
 * ('detect-bots').
 *
 *   npx tsx bench/detect/eval-bots.ts [--hours H] [--seeds 7,1] [--baseline-cli PATH] [--note TEXT] [--save FILE | --from FILE]
 *
 * `--baseline-cli PATH` (another checkout's packages/cli/bin/vigil.js) also runs that
 * checkout's detectors over the same stores and scores them: a before/after on the same data.
 * `--note TEXT` ends the section with a paragraph. `--save FILE` keeps the scored runs, and
 * `--from FILE` writes the section from them without measuring again (to add the note of a run
 * that took half an hour). Prints the figures as JSON.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type EvalReport as Report, type SimLabels, perIpLabels, plainAccessLine } from '@vigil/core'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { CLI, pct, vigil } from './cli.ts'

const { values } = parseArgs({ options: { hours: { type: 'string', default: '2' }, seeds: { type: 'string', default: '7,1' }, note: { type: 'string' }, 'baseline-cli': { type: 'string' }, save: { type: 'string' }, from: { type: 'string' } }, strict: true })
const BASELINE_CLI = values['baseline-cli']
const BOT_CLASSES = ['OAT-011', 'scanner', 'OAT-014', 'OAT-015', 'OAT-018', 'OAT-004']
const SEEDS = values.seeds.split(',').map((s) => s.trim()).filter((s) => s !== '')

/** This tree's detectors and, when asked, the baseline's, over one store. */
interface Scored {
  after: Report
  before: Report | null
}

interface Run {
  seed: string
  config: string
  requests: number
  /** `vigil detect` wall-clock seconds on the full-field and the plain store. */
  seconds: { full: number; plain: number }
  /** Full-field store, every labelled entity type. */
  full: Scored
  /** Full-field store, IP entities only. */
  fullIp: Scored
  /** Plain combined log, IP entities only. */
  plainIp: Scored
}

/** Detects with the baseline (when given) and then this tree over `db`, and scores each against every labels file. */
function detectAndScore(db: string, labelFiles: readonly string[]): { seconds: number; reports: Scored[] } {
  const score = (cli: string): Report[] => labelFiles.map((f) => JSON.parse(vigil(['eval', '--labels', f, '--db', db, '--json'], cli)) as Report)
  let before: Report[] | null = null
  if (BASELINE_CLI !== undefined) {
    vigil(['detect', '--db', db, '--json'], BASELINE_CLI)
    before = score(BASELINE_CLI)
  }
  const detect = JSON.parse(vigil(['detect', '--db', db, '--json'])) as { seconds: number }
  const after = score(CLI)
  return { seconds: detect.seconds, reports: after.map((a, i) => ({ after: a, before: before?.[i] ?? null })) }
}

function measure(seed: string, stealth: boolean, urls: 'path' | 'query'): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-bots-'))
  try {
    const config = join(dir, 'shop.yaml')
    writeFileSync(config, `shop:\n  catalog_urls: ${urls}\n`)
    const sim = JSON.parse(vigil(['simulate', '--out', join(dir, 'sim'), '--hours', values.hours, '--seed', seed, '--config', config, '--json', ...(stealth ? ['--stealth'] : [])])) as { requests: number }
    const labels = join(dir, 'sim', 'labels.json')
    const ipLabels = join(dir, 'labels-ip.json')
    writeFileSync(ipLabels, JSON.stringify(perIpLabels(JSON.parse(readFileSync(labels, 'utf8')) as SimLabels)))
    const plainLog = join(dir, 'plain.log')
    const access = readFileSync(join(dir, 'sim', 'access.log'), 'utf8')
    writeFileSync(plainLog, access.split('\n').map(plainAccessLine).join('\n'))

    const fullDb = join(dir, 'full.duckdb')
    vigil(['ingest', join(dir, 'sim', 'access.log'), join(dir, 'sim', 'events.ndjson'), '--db', fullDb, '--json'])
    const full = detectAndScore(fullDb, [labels, ipLabels])
    const plainDb = join(dir, 'plain.duckdb')
    vigil(['ingest', plainLog, '--format', 'combined', '--db', plainDb, '--json'])
    const plain = detectAndScore(plainDb, [ipLabels])
    const [all, fullIp] = full.reports as [Scored, Scored]
    return {
      seed,
      config: `${urls}, ${stealth ? 'stealth' : 'default'}`,
      requests: sim.requests,
      seconds: { full: full.seconds, plain: plain.seconds },
      full: all,
      fullIp,
      plainIp: plain.reports[0] as Scored,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const classCell = (r: Report, cls: string): string => {
  const c = r.by_class[cls]
  return c === undefined ? '–' : `${pct(c.precision)} / ${pct(c.recall)} (${c.tp}/${c.fp}/${c.fn})`
}

const withBefore = (s: Scored, cell: (r: Report) => string): string => (s.before === null ? cell(s.after) : `${cell(s.before)} → ${cell(s.after)}`)

const flagged = (r: Report): string => {
  const list = Object.entries(r.false_positives_by_population).map(([p, v]) => `${p} ${v.entities}`)
  return list.length === 0 ? 'none' : list.join(', ')
}

const scenarioCell = (r: Report, id: string): string => {
  const s = r.scenarios[id]
  return s === undefined ? '–' : `${s.entities_detected}/${s.entities_total}`
}

function tables(runs: readonly Run[]): string[] {
  const classRows = runs.flatMap((r) =>
    BOT_CLASSES.filter((c) => r.full.after.by_class[c] !== undefined).map(
      (c) => `| ${r.seed} | ${r.config} | ${c} | ${withBefore(r.full, (x) => classCell(x, c))} | ${withBefore(r.fullIp, (x) => classCell(x, c))} | ${withBefore(r.plainIp, (x) => classCell(x, c))} |`,
    ),
  )
  const scenarioIds = [...new Set(runs.flatMap((r) => Object.entries(r.full.after.scenarios).filter(([, s]) => BOT_CLASSES.includes(s.class)).map(([id]) => id)))]
  const scenarioRows = runs.flatMap((r) =>
    scenarioIds.map((id) => `| ${r.seed} | ${r.config} | ${id} | ${withBefore(r.full, (x) => scenarioCell(x, id))} | ${withBefore(r.fullIp, (x) => scenarioCell(x, id))} | ${withBefore(r.plainIp, (x) => scenarioCell(x, id))} |`),
  )
  const benignRows = runs.map(
    (r) => `| ${r.seed} | ${r.config} | ${withBefore(r.full, flagged)} | ${withBefore(r.plainIp, flagged)} | ${withBefore(r.full, (x) => String(x.good_bots_flagged.count))} / ${withBefore(r.plainIp, (x) => String(x.good_bots_flagged.count))} |`,
  )
  const timeRows = runs.map((r) => `| ${r.seed} | ${r.config} | ${r.requests.toLocaleString('en-US')} | ${r.seconds.full.toFixed(1)} | ${r.seconds.plain.toFixed(1)} |`)
  return [
    'Per class: precision / recall (TP/FP/FN). "Full fields" is the simulator\'s log with session cookie, JA4, user and device columns plus the app events; "plain log" is the same traffic as a bare `combined` log (IP, time, request, status, bytes, referrer, UA), ingested and detected on its own; "per IP" scores IP entities only (the only entity a plain log names: rebuilt sessions are not labelled).',
    '',
    '| seed | catalogue, knobs | class | full fields, all entities | full fields, per IP | plain log, per IP |',
    '| --- | --- | --- | --- | --- | --- |',
    ...classRows,
    '',
    'Attack scenarios: entities found / labelled.',
    '',
    '| seed | catalogue, knobs | scenario | full fields, all entities | full fields, per IP | plain log, per IP |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scenarioRows,
    '',
    'Benign entities flagged by any detector, by population (an entity shared with an attack is not counted), and good-bot entities flagged.',
    '',
    '| seed | catalogue, knobs | full fields, all entities | plain log, per IP | good bots flagged (full / plain) |',
    '| --- | --- | --- | --- | --- |',
    ...benignRows,
    '',
    '`vigil detect` wall-clock seconds (all detectors, store scan included; shared machine).',
    '',
    '| seed | catalogue, knobs | simulated requests | full-field store | plain store |',
    '| --- | --- | --- | --- | --- |',
    ...timeRows,
  ]
}

/** The runs and the load around them, as `--save` keeps them. */
interface Saved {
  runs: Run[]
  loadBefore: number
  loadAfter: number
  date: string
}

function measureAll(): Saved {
  const loadBefore = loadavg()[0] ?? 0
  const runs: Run[] = []
  for (const seed of SEEDS) {
    for (const urls of ['path', 'query'] as const) {
      for (const stealth of [false, true]) runs.push(measure(seed, stealth, urls))
    }
  }
  return { runs, loadBefore, loadAfter: loadavg()[0] ?? 0, date: new Date().toISOString() }
}

const saved: Saved = values.from === undefined ? measureAll() : (JSON.parse(readFileSync(values.from, 'utf8')) as Saved)
if (values.save !== undefined) writeFileSync(values.save, JSON.stringify(saved))
const { runs, loadBefore, loadAfter } = saved
writeResultsSection(
  'detect-bots',
  [
    '## Bot detection on simulated traffic (`bench/detect/eval-bots.ts`)',
    '',
    `${machineLine()}${values.from === undefined ? '' : ` Measured ${saved.date}.`} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
    `Simulator seeds ${SEEDS.join(', ')}, ${values.hours} h each. Scored per entity by \`vigil eval\` (an entity counts once). Goals: precision ≥ 97% and recall ≥ 90% for scraping (OAT-011) and scanning; no good bot flagged.`,
    `Command: \`npx tsx bench/detect/eval-bots.ts --seeds ${SEEDS.join(',')} --hours ${values.hours}${BASELINE_CLI === undefined ? '' : ' --baseline-cli PATH'}\`${BASELINE_CLI === undefined ? '' : ' (cells read baseline → this tree, both over the same stores)'}. The catalogue is addressed by path (\`/p/10001\`) and then, for every population, by query string as a PHP shop does (\`shop.catalog_urls: query\`).`,
    '',
    ...tables(runs),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
const summary = (s: Scored): unknown => ({
  after: { classes: Object.fromEntries(BOT_CLASSES.map((c) => [c, s.after.by_class[c]])), benign: s.after.false_positives_by_population, good: s.after.good_bots_flagged.count },
  before: s.before === null ? null : { classes: Object.fromEntries(BOT_CLASSES.map((c) => [c, s.before?.by_class[c]])), benign: s.before.false_positives_by_population },
})
process.stdout.write(`${JSON.stringify(runs.map((r) => ({ seed: r.seed, config: r.config, full: summary(r.full), fullIp: summary(r.fullIp), plainIp: summary(r.plainIp) })))}\n`)
