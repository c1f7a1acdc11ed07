/**
 * Bot detection measured on labelled traffic: `vigil simulate` (default knobs, then the
 * stealthy ones) → `vigil ingest` → `vigil detect` → `vigil eval`, through the real CLI
 * and store. Writes per-class precision/recall/F1, recall per entity type, false positives
 * on the benign look-alikes and good bots flagged into bench/RESULTS.md ('detect-bots').
 *
 *   npx tsx bench/detect/eval-bots.ts [--hours H] [--seed N] [--note TEXT]
 *
 * `--note TEXT` ends the section with a paragraph (e.g. the figures of other seeds). Prints
 * the OAT-011 scores, the headless scenario and the benign entities flagged, as JSON.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { ClassScore, EvalReport as Report } from '@vigil/core'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({ options: { hours: { type: 'string', default: '2' }, seed: { type: 'string', default: '7' }, note: { type: 'string' } } })
const CLI = new URL('../../packages/cli/bin/vigil.js', import.meta.url).pathname
const BOT_CLASSES = ['OAT-011', 'scanner', 'OAT-014', 'OAT-015', 'OAT-018', 'OAT-004']

function vigil(args: string[]): string {
  return execFileSync('node', [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
}

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`)

function measure(stealth: boolean): { report: Report; seconds: number; requests: number } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-bots-'))
  try {
    const sim = JSON.parse(vigil(['simulate', '--out', join(dir, 'sim'), '--hours', values.hours, '--seed', values.seed, '--json', ...(stealth ? ['--stealth'] : [])])) as { requests: number }
    const db = join(dir, 'v.duckdb')
    vigil(['ingest', join(dir, 'sim', 'access.log'), join(dir, 'sim', 'events.ndjson'), '--db', db, '--json'])
    const detect = JSON.parse(vigil(['detect', '--db', db, '--json'])) as { seconds: number }
    const report = JSON.parse(vigil(['eval', '--labels', join(dir, 'sim', 'labels.json'), '--db', db, '--json'])) as Report
    return { report, seconds: detect.seconds, requests: sim.requests }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function section(name: string, r: { report: Report; seconds: number; requests: number }): string {
  const { report } = r
  const rows = BOT_CLASSES.filter((c) => report.by_class[c] !== undefined).map((c) => {
    const p = report.by_class[c] as ClassScore
    const byType = Object.entries(p.recall_by_entity_type ?? {}).map(([t, v]) => `${t} ${pct(v)}`).join(', ')
    return `| ${c} | ${p.tp} | ${p.fp} | ${p.fn} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f1)} | ${byType} |`
  })
  const scen = Object.entries(report.scenarios)
    .filter(([, s]) => BOT_CLASSES.includes(s.class))
    .map(([id, s]) => `| ${id} | ${s.class} | ${s.entities_detected}/${s.entities_total} | ${s.time_to_detect_seconds ?? '–'} |`)
  const lookalikes = Object.entries(report.false_positives_by_population).map(([p, v]) => `${p}${v.lookalike ? ' (look-alike)' : ''}: ${v.entities}`)
  return [
    `### ${name}`,
    '',
    `${r.requests.toLocaleString('en-US')} simulated requests; \`vigil detect\` (all detectors, store scan included) took ${r.seconds.toFixed(1)} s.`,
    '',
    '| class | TP | FP | FN | precision | recall | F1 | recall by entity type |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| scenario | class | entities found | seconds to first detection |',
    '| --- | --- | --- | --- |',
    ...scen,
    '',
    `Good bots flagged: ${report.good_bots_flagged.count}. Benign entities flagged (any detector), by population: ${lookalikes.length === 0 ? 'none' : lookalikes.join('; ')}.`,
  ].join('\n')
}

const loadBefore = loadavg()[0] ?? 0
const normal = measure(false)
const stealthy = measure(true)
const loadAfter = loadavg()[0] ?? 0
writeResultsSection(
  'detect-bots',
  [
    '## Bot detection on simulated traffic (`bench/detect/eval-bots.ts`)',
    '',
    `${machineLine()} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end: the \`vigil detect\` times below are wall-clock on a shared machine.`,
    `Simulator seed ${values.seed}, ${values.hours} h. Scored per entity by \`vigil eval\` (an entity counts once; derived entities such as rebuilt sessions and fingerprints are not scored). Goals: precision ≥ 97% and recall ≥ 90% for scraping (OAT-011) and scanning; no good bot flagged.`,
    '',
    section('Default knobs', normal),
    '',
    section('Stealthy knobs (`--stealth`)', stealthy),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
const summary = (r: Report): unknown => ({
  oat011: r.by_class['OAT-011'],
  headless: r.scenarios['scraper-headless'],
  good_bots_flagged: r.good_bots_flagged.count,
  benign_flagged: r.false_positives_by_population,
})
process.stdout.write(`${JSON.stringify({ seed: values.seed, default: summary(normal.report), stealth: summary(stealthy.report) })}\n`)
