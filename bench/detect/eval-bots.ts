/**
 * Bot detection measured on labelled traffic: `vigil simulate` (default knobs, then the
 * stealthy ones; the catalogue addressed by path, then by query string) → `vigil ingest` →
 * `vigil detect` → `vigil eval`, through the real CLI and store. Writes per-class
 * precision/recall/F1, recall per entity type, false positives on the benign look-alikes and
 * good bots flagged into bench/RESULTS.md ('detect-bots').
 *
 *   npx tsx bench/detect/eval-bots.ts [--hours H] [--seed N] [--baseline-cli PATH] [--note TEXT]
 *
 * `--baseline-cli PATH` (another checkout's packages/cli/bin/vigil.js) also runs that
 * checkout's detectors over the same store and scores them: a before/after on the same data.
 * `--note TEXT` ends the section with a paragraph (e.g. the figures of other seeds). Prints
 * the OAT-011 scores, the headless scenario and the benign entities flagged, as JSON.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { ClassScore, EvalReport as Report } from '@vigil/core'
import { machineLine, writeResultsSection } from '../results-file.ts'

const { values } = parseArgs({ options: { hours: { type: 'string', default: '2' }, seed: { type: 'string', default: '7' }, note: { type: 'string' }, 'baseline-cli': { type: 'string' } } })
const CLI = new URL('../../packages/cli/bin/vigil.js', import.meta.url).pathname
const BASELINE_CLI = values['baseline-cli']
const BOT_CLASSES = ['OAT-011', 'scanner', 'OAT-014', 'OAT-015', 'OAT-018', 'OAT-004']

function vigil(args: string[], cli = CLI): string {
  return execFileSync('node', [cli, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
}

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`)

interface Run {
  report: Report
  seconds: number
  requests: number
  /** The baseline checkout's detectors over the same store, when asked. */
  baseline: Report | null
}

function measure(stealth: boolean, urls: 'path' | 'query'): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-bots-'))
  try {
    const config = join(dir, 'shop.yaml')
    writeFileSync(config, `shop:\n  catalog_urls: ${urls}\n`)
    const sim = JSON.parse(vigil(['simulate', '--out', join(dir, 'sim'), '--hours', values.hours, '--seed', values.seed, '--config', config, '--json', ...(stealth ? ['--stealth'] : [])])) as { requests: number }
    const db = join(dir, 'v.duckdb')
    vigil(['ingest', join(dir, 'sim', 'access.log'), join(dir, 'sim', 'events.ndjson'), '--db', db, '--json'])
    const score = (cli: string): Report => JSON.parse(vigil(['eval', '--labels', join(dir, 'sim', 'labels.json'), '--db', db, '--json'], cli)) as Report
    let baseline: Report | null = null
    if (BASELINE_CLI !== undefined) {
      vigil(['detect', '--db', db, '--json'], BASELINE_CLI)
      baseline = score(BASELINE_CLI)
    }
    const detect = JSON.parse(vigil(['detect', '--db', db, '--json'])) as { seconds: number }
    return { report: score(CLI), seconds: detect.seconds, requests: sim.requests, baseline }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const flaggedByPopulation = (r: Report): string => {
  const list = Object.entries(r.false_positives_by_population).map(([p, v]) => `${p}${v.lookalike ? ' (look-alike)' : ''}: ${v.entities}`)
  return list.length === 0 ? 'none' : list.join('; ')
}

const oat011 = (r: Report): string => {
  const c = r.by_class['OAT-011']
  if (c === undefined) return 'OAT-011 –'
  const byType = Object.entries(c.recall_by_entity_type ?? {}).map(([t, v]) => `${t} ${pct(v)}`).join(', ')
  return `OAT-011 precision ${pct(c.precision)}, recall ${pct(c.recall)} (${byType})`
}

function section(name: string, r: Run): string {
  const { report } = r
  const rows = BOT_CLASSES.filter((c) => report.by_class[c] !== undefined).map((c) => {
    const p = report.by_class[c] as ClassScore
    const byType = Object.entries(p.recall_by_entity_type ?? {}).map(([t, v]) => `${t} ${pct(v)}`).join(', ')
    return `| ${c} | ${p.tp} | ${p.fp} | ${p.fn} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f1)} | ${byType} |`
  })
  const scen = Object.entries(report.scenarios)
    .filter(([, s]) => BOT_CLASSES.includes(s.class))
    .map(([id, s]) => `| ${id} | ${s.class} | ${s.entities_detected}/${s.entities_total} | ${s.time_to_detect_seconds ?? '–'} |`)
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
    `Good bots flagged: ${report.good_bots_flagged.count}. Benign entities flagged (any detector), by population: ${flaggedByPopulation(report)}.`,
    ...(r.baseline === null ? [] : [
      '',
      `Baseline detectors on the same store: ${oat011(r.baseline)}; good bots flagged ${r.baseline.good_bots_flagged.count}; benign entities flagged by population: ${flaggedByPopulation(r.baseline)}.`,
    ]),
  ].join('\n')
}

const loadBefore = loadavg()[0] ?? 0
const runs = {
  path: measure(false, 'path'),
  path_stealth: measure(true, 'path'),
  query: measure(false, 'query'),
  query_stealth: measure(true, 'query'),
}
const loadAfter = loadavg()[0] ?? 0
writeResultsSection(
  'detect-bots',
  [
    '## Bot detection on simulated traffic (`bench/detect/eval-bots.ts`)',
    '',
    `${machineLine()} Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end: the \`vigil detect\` times below are wall-clock on a shared machine.`,
    `Simulator seed ${values.seed}, ${values.hours} h. Scored per entity by \`vigil eval\` (an entity counts once; derived entities such as rebuilt sessions and fingerprints are not scored). Goals: precision ≥ 97% and recall ≥ 90% for scraping (OAT-011) and scanning; no good bot flagged.`,
    `Command: \`npx tsx bench/detect/eval-bots.ts --seed ${values.seed} --hours ${values.hours}${BASELINE_CLI === undefined ? '' : ' --baseline-cli PATH'}\`. The catalogue is addressed by path (\`/p/10001\`) and then, for every population, by query string as a PHP shop does (\`shop.catalog_urls: query\`: \`/index.php?route=product/product&product_id=10001\`).`,
    '',
    section('Catalogue by path, default knobs', runs.path),
    '',
    section('Catalogue by path, stealthy knobs (`--stealth`)', runs.path_stealth),
    '',
    section('Catalogue by query string, default knobs', runs.query),
    '',
    section('Catalogue by query string, stealthy knobs (`--stealth`)', runs.query_stealth),
    ...(values.note === undefined ? [] : ['', values.note]),
  ].join('\n'),
)
const summary = (r: Report): unknown => ({
  oat011: r.by_class['OAT-011'],
  headless: r.scenarios['scraper-headless'],
  good_bots_flagged: r.good_bots_flagged.count,
  benign_flagged: r.false_positives_by_population,
})
const out: Record<string, unknown> = { seed: values.seed }
for (const [name, r] of Object.entries(runs)) out[name] = { after: summary(r.report), before: r.baseline === null ? null : summary(r.baseline) }
process.stdout.write(`${JSON.stringify(out)}\n`)
