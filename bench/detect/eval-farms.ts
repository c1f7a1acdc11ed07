/**
 * Bot detection on the bot-farm corpus (bench/detect/corpora/generate-farms.ts), written blind:
 * for each seed, the shop's log as a plain `combined` file and as the `rich` nginx format with
 * the session cookie and JA4, `vigil ingest` → `vigil detect --no-waf` → `vigil detections
 * --json`, through the real CLI and store, scored per client address (and, in `rich`, per
 * session cookie) against the corpus's labels, the development and hold-out populations apart.
 * Writes the `detect-farms` section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/eval-farms.ts [--seeds 1,2] [--hours 3] [--baseline-cli PATH] [--record-first] [--dump DIR] [--note TEXT]
 *
 * Flagged means what it means in eval-plain.ts (address-score.ts): a detection of an automated
 * threat naming the entity. `--baseline-cli PATH` runs another checkout's detectors over the same
 * stores first (cells read baseline → this tree). `--record-first` keeps this run as the first run
 * (corpora/first-run-farms.json), which every later section repeats. `--dump DIR` writes the
 * development half's flagged entities with their explanations (`s<seed>-<variant>-<entity>.ndjson`)
 * and its bad bots no detection named (`…-missed.ndjson`); the hold-out half is never dumped.
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { counts, type Detection, detect, detectionsOf, type Labels, prf, type Run, type Score, score, tables } from './address-score.ts'
import { CLI, vigil } from './cli.ts'
import { type EntityLabel, generateFarmsCorpus, type Variant } from './corpora/generate-farms.ts'

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '1,2' }, hours: { type: 'string', default: '3' }, 'baseline-cli': { type: 'string' }, 'record-first': { type: 'boolean', default: false }, dump: { type: 'string' }, note: { type: 'string' } },
  strict: true,
})
const SEEDS = values.seeds.split(',').map((s) => Number(s.trim()))
const HOURS = Number(values.hours)
const BASELINE_CLI = values['baseline-cli']
const FIRST_RUN = new URL('./corpora/first-run-farms.json', import.meta.url)
const VARIANTS: readonly Variant[] = ['combined', 'rich']
const HALVES = ['dev', 'holdout'] as const
type Half = (typeof HALVES)[number]
const ENTITIES = [
  { type: 'ip', noun: 'addresses', title: 'Per client address' },
  { type: 'session', noun: 'sessions', title: 'Per session cookie (`rich` only)' },
] as const
type Entity = (typeof ENTITIES)[number]['type']

/** One log: how it went in, and the runs scored per entity type and half. */
interface Measured {
  seed: number
  variant: Variant
  ingest: { read: number; stored: number; quarantined: number; seconds: number }
  runs: Record<Entity, Record<Half, Run>>
}

const half = (labels: Record<string, EntityLabel>, h: Half): Labels =>
  Object.fromEntries(Object.entries(labels).filter(([, l]) => l.holdout === (h === 'holdout')))

function measure(seed: number, variant: Variant): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-farms-'))
  try {
    const corpus = generateFarmsCorpus({ seed, hours: HOURS, variant })
    const log = join(dir, 'access.log')
    writeFileSync(log, `${corpus.lines.join('\n')}\n`)
    const db = join(dir, 'farms.duckdb')
    const ingest = JSON.parse(vigil(['ingest', log, '--format', corpus.labels.format, '--db', db, '--json'])) as Measured['ingest']
    const entities: Entity[] = variant === 'rich' ? ['ip', 'session'] : ['ip']
    const run = (cli: string): { seconds: number; scores: Record<Entity, Record<Half, Score>> } => {
      const seconds = detect(db, cli)
      const scores = {} as Record<Entity, Record<Half, Score>>
      for (const e of ENTITIES.map((x) => x.type)) {
        const detections: Detection[] = entities.includes(e) ? detectionsOf(db, cli, e) : []
        const labels = e === 'ip' ? corpus.labels.ips : variant === 'rich' ? corpus.labels.sessions : {}
        const dev = half(labels, 'dev')
        const dump = values.dump === undefined || cli !== CLI || !entities.includes(e) ? undefined : join(values.dump, `s${seed}-${variant}-${e}`)
        if (dump !== undefined) {
          mkdirSync(values.dump as string, { recursive: true })
          const named = new Set(detections.filter((d) => counts(d, e)).map((d) => d.entity.value))
          const missed = Object.entries(dev).filter(([id, l]) => l.label === 'bad_bot' && !named.has(id))
          writeFileSync(`${dump}-missed.ndjson`, missed.map(([id, l]) => `${JSON.stringify({ [e]: id, ...l })}\n`).join(''))
        }
        scores[e] = { dev: score(dev, detections, dump === undefined ? undefined : `${dump}.ndjson`, e), holdout: score(half(labels, 'holdout'), detections, undefined, e) }
      }
      return { seconds, scores }
    }
    const before = BASELINE_CLI === undefined ? null : run(BASELINE_CLI)
    const after = run(CLI)
    const runs = {} as Measured['runs']
    for (const e of ENTITIES.map((x) => x.type)) {
      runs[e] = {} as Record<Half, Run>
      for (const h of HALVES) runs[e][h] = { seed, variant, lines: corpus.lines.length, seconds: after.seconds, before: before?.scores[e][h] ?? null, after: after.scores[e][h] }
    }
    return { seed, variant, ingest, runs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The tables of every entity type and half, rich-only session tables left out of combined runs. */
function sectionTables(measured: readonly Measured[], withBefore: boolean): string[] {
  const out: string[] = []
  for (const { type, noun, title } of ENTITIES) {
    for (const h of HALVES) {
      const runs = measured.filter((m) => type === 'ip' || m.variant === 'rich').map((m) => m.runs[type][h])
      out.push('', `#### ${title}, ${h === 'dev' ? 'development' : 'hold-out'} populations`, '', ...tables(runs, withBefore, noun))
    }
  }
  return out
}

const loadBefore = loadavg()[0] ?? 0
const measured: Measured[] = []
for (const seed of SEEDS) for (const variant of VARIANTS) measured.push(measure(seed, variant))
const loadAfter = loadavg()[0] ?? 0
const firstOf = (m: Measured): Measured => {
  const runs = {} as Measured['runs']
  for (const [e, halves] of Object.entries(m.runs) as Array<[Entity, Record<Half, Run>]>) runs[e] = { dev: { ...halves.dev, before: null }, holdout: { ...halves.holdout, before: null } }
  return { ...m, runs }
}
if (values['record-first']) writeFileSync(FIRST_RUN, `${JSON.stringify({ date: new Date().toISOString(), hours: HOURS, measured: measured.map(firstOf) })}\n`)
const first = existsSync(FIRST_RUN) ? (JSON.parse(readFileSync(FIRST_RUN, 'utf8')) as { date: string; hours: number; measured: Measured[] }) : null

writeResultsSection(
  'detect-farms',
  [
    '## Bot detection on the blind bot-farm corpus (`bench/detect/eval-farms.ts`)',
    '',
    `${machineLine()} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
    `Corpus: \`bench/detect/corpora/generate-farms.ts\` (bots that try to look like people beside many kinds of shoppers; written without reading the detectors, the simulator or the other corpora, committed before the detectors first ran on it; README-farms.md beside it), seeds ${SEEDS.join(', ')}, ${HOURS} h each, variant \`combined\` (a plain nginx log) and \`rich\` (the same requests with the \`sid\` cookie and JA4, ingested with its nginx \`log_format\`). Detected with \`vigil detect --no-waf\`.`,
    `Command: \`npx tsx bench/detect/eval-farms.ts --seeds ${SEEDS.join(',')} --hours ${HOURS}${BASELINE_CLI === undefined ? '' : ' --baseline-cli PATH'}\`${BASELINE_CLI === undefined ? '' : ' (cells read baseline → this tree, over the same stores)'}.`,
    'An entity is flagged when a detection of an automated threat names it: any `bot.*` detector, or threat `OAT-…`, `automation` or `credential_stuffing`. Precision and recall are for `bad_bot` against `human` entities; the FP rate is flagged humans over all humans. Good bots flagged must be 0; declared crawlers are counted apart. Development and hold-out populations (30 % of operations and human groups, by hash) are scored apart; hold-out misses are not studied one by one.',
    '',
    `Ingest: ${measured.map((m) => `seed ${m.seed} ${m.variant} ${m.ingest.read.toLocaleString('en-US')} lines read, ${m.ingest.stored.toLocaleString('en-US')} stored, ${m.ingest.quarantined} quarantined, ${m.ingest.seconds.toFixed(1)} s; detect ${m.runs.ip.dev.seconds.toFixed(1)} s`).join('; ')}.`,
    ...sectionTables(measured, BASELINE_CLI !== undefined),
    ...(first === null ? [] : ['', `### First run: the session-start detectors (bae6657), ${first.date}, ${first.hours} h, kept as measured`, ...sectionTables(first.measured, false)]),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
process.stdout.write(
  `${JSON.stringify(measured.flatMap((m) => Object.entries(m.runs).filter(([e]) => e === 'ip' || m.variant === 'rich').flatMap(([e, halves]) => Object.entries(halves).map(([h, r]) => ({ seed: m.seed, variant: m.variant, entity: e, half: h, before: r.before && prf(r.before), after: prf(r.after) })))))}\n`,
)
