/**
 * Bot detection on an independently written plain-log corpus (bench/detect/corpora): for each
 * seed, the shop's `combined` log with its static assets in it and the same traffic behind a
 * CDN (no assets), `vigil ingest --format combined` → `vigil detect --no-waf` → `vigil
 * detections --json`, through the real CLI and store, scored per client address against the
 * corpus's labels. Writes the `detect-plain` section of bench/RESULTS.md.
 *
 *   npx tsx bench/detect/eval-plain.ts [--seeds 1,2] [--hours 1.5] [--baseline-cli PATH] [--record-first] [--dump DIR] [--note TEXT]
 *
 * An address counts as flagged when a detection of an automated threat names it as its entity:
 * any `bot.*` detector, or a threat that is an OWASP automated-threat id (`OAT-…`),
 * `automation` or `credential_stuffing`. WAF findings (`--no-waf`) are left out: a payload in a
 * request says nothing about who sent it. `--baseline-cli PATH` runs another checkout's
 * detectors over the same stores first (cells read baseline → this tree). `--record-first`
 * keeps this run as the first run (corpora/first-run.json), which every later section repeats.
 * `--dump DIR` writes each run's flagged addresses with their kind and explanations.
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { detectAndScore, prf, type Run, tables } from './address-score.ts'
import { CLI, vigil } from './cli.ts'
import { generatePlainCorpus, type Variant } from './corpora/generate-plain-bots.ts'

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '1,2' }, hours: { type: 'string', default: '1.5' }, 'baseline-cli': { type: 'string' }, 'record-first': { type: 'boolean', default: false }, dump: { type: 'string' }, note: { type: 'string' } },
  strict: true,
})
const SEEDS = values.seeds.split(',').map((s) => Number(s.trim()))
const HOURS = Number(values.hours)
const BASELINE_CLI = values['baseline-cli']
const FIRST_RUN = new URL('./corpora/first-run.json', import.meta.url)

function measure(seed: number, variant: Variant): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-plain-'))
  try {
    const corpus = generatePlainCorpus({ seed, hours: HOURS, variant, scale: 1 })
    const log = join(dir, 'access.log')
    writeFileSync(log, `${corpus.lines.join('\n')}\n`)
    const db = join(dir, 'plain.duckdb')
    vigil(['ingest', log, '--format', 'combined', '--db', db, '--json'])
    if (values.dump !== undefined) mkdirSync(values.dump, { recursive: true })
    const dump = (who: string): string | undefined => (values.dump === undefined ? undefined : join(values.dump, `s${seed}-${variant}-${who}.ndjson`))
    const before = BASELINE_CLI === undefined ? null : detectAndScore(db, corpus.labels, BASELINE_CLI, dump('before')).score
    const after = detectAndScore(db, corpus.labels, CLI, dump('after'))
    return { seed, variant, lines: corpus.lines.length, seconds: after.seconds, before, after: after.score }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const loadBefore = loadavg()[0] ?? 0
const runs: Run[] = []
for (const seed of SEEDS) for (const variant of ['assets', 'cdn'] as const) runs.push(measure(seed, variant))
const loadAfter = loadavg()[0] ?? 0
if (values['record-first']) writeFileSync(FIRST_RUN, `${JSON.stringify({ date: new Date().toISOString(), hours: HOURS, runs: runs.map((r) => ({ ...r, before: null })) })}\n`)
const first = existsSync(FIRST_RUN) ? (JSON.parse(readFileSync(FIRST_RUN, 'utf8')) as { date: string; hours: number; runs: Run[] }) : null

writeResultsSection(
  'detect-plain',
  [
    '## Bot detection on an independent plain-log corpus (`bench/detect/eval-plain.ts`)',
    '',
    `${machineLine()} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
    `Corpus: \`bench/detect/corpora/generate-plain-bots.ts\` (written without reading Vigil's simulator, committed before the detectors first ran on it; README beside it), seeds ${SEEDS.join(', ')}, ${HOURS} h each, variant \`assets\` (static files in the log) and \`cdn\` (the same traffic, static files served by a CDN). Ingested with \`--format combined\`, detected with \`vigil detect --no-waf\`.`,
    `Command: \`npx tsx bench/detect/eval-plain.ts --seeds ${SEEDS.join(',')} --hours ${HOURS}${BASELINE_CLI === undefined ? '' : ' --baseline-cli PATH'}\`${BASELINE_CLI === undefined ? '' : ' (cells read baseline → this tree, over the same stores)'}.`,
    'An address is flagged when a detection of an automated threat names it: any `bot.*` detector, or threat `OAT-…`, `automation` or `credential_stuffing`. Precision and recall are for `bad_bot` against `human` addresses; the FP rate is flagged humans over all human addresses. Good bots flagged must be 0; declared crawlers (AhrefsBot, SemrushBot, GPTBot, ClaudeBot, Bytespider, PerplexityBot, CCBot from their operators\' addresses) are counted in their own column, as neither a hit nor an error.',
    '',
    ...tables(runs, BASELINE_CLI !== undefined),
    ...(first === null
      ? []
      : ['', `### First run: the session-start detectors (76917a7), ${first.date}, ${first.hours} h, kept as measured`, '', ...tables(first.runs, false)]),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
process.stdout.write(`${JSON.stringify(runs.map((r) => ({ seed: r.seed, variant: r.variant, before: r.before && prf(r.before), after: prf(r.after), seconds: r.seconds })))}\n`)
