/**
 * `vigil eval --labels FILE [--db P] [--json] [--min-score N]`: the store's detections
 * scored against simulator labels (docs/simulator.md, "How eval scores").
 * @module
 */
import type { Command } from 'commander'
import type { EvalReport, Prf } from '@vigil/core'
import { VigilError } from '@vigil/core/errors'
import { EXIT } from '../exit-codes.ts'
import { printJson } from '../output/json.ts'
import { printTable } from '../output/table.ts'
import { parseNumberOption } from './simulate.ts'

interface EvalFlags {
  labels?: string
  db?: string
  json?: boolean
  minScore?: string
}

function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1)}%`
}

function prfRow(name: string, p: Prf): unknown[] {
  return [name, p.tp, p.fp, p.fn, pct(p.precision), pct(p.recall), pct(p.f1)]
}

const PRF_HEAD = ['', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1']

/** The report for people: one table per view, in the order a reader asks the questions. */
export function printEvalReport(r: EvalReport): void {
  process.stdout.write(`${r.detections} detections, ${r.scored} on labelled entity types\n\nBy entity type\n`)
  printTable(PRF_HEAD, [
    ...Object.entries(r.by_entity_type).map(([t, p]) => prfRow(t, p)),
    prfRow('all', r.overall),
  ])
  process.stdout.write('\nBy class\n')
  printTable(
    [...PRF_HEAD, 'recall by type'],
    Object.entries(r.by_class).map(([c, p]) => [
      ...prfRow(c, p),
      Object.entries(p.recall_by_entity_type).map(([t, v]) => `${t} ${pct(v)}`).join(', '),
    ]),
  )
  process.stdout.write('\nScenarios\n')
  printTable(
    ['scenario', 'class', 'detected', 'entities found', 'time to detect'],
    Object.entries(r.scenarios).map(([id, s]) => [
      id,
      s.class,
      s.detected ? 'yes' : 'no',
      `${s.entities_detected}/${s.entities_total}`,
      s.time_to_detect_seconds === null ? '–' : `${s.time_to_detect_seconds}s`,
    ]),
  )
  process.stdout.write(`\nGood bots flagged: ${r.good_bots_flagged.count}${r.good_bots_flagged.count > 0 ? ' (should be 0)' : ''}\n`)
  const fps = Object.entries(r.false_positives_by_population)
  if (fps.length > 0) {
    process.stdout.write('\nFalse positives by benign population\n')
    printTable(['population', 'look-alike', 'entities flagged'], fps.map(([p, v]) => [p, v.lookalike ? 'yes' : 'no', v.entities]))
  }
  if (r.unknown_entities > 0) process.stdout.write(`\nDetections on entities absent from the data: ${r.unknown_entities}\n`)
  const unscored = Object.entries(r.unscored_by_entity_type)
  if (unscored.length > 0) process.stdout.write(`Not scored (entity types without labels): ${unscored.map(([t, n]) => `${t} ${n}`).join(', ')}\n`)
}

export function register(program: Command): void {
  program
    .command('eval')
    .description("score the store's detections against simulator labels: precision, recall and F1 per entity type and class")
    .option('--labels <file>', 'labels.json written by vigil simulate')
    .option('--db <path>', 'store file (default: VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--min-score <n>', 'only score detections with at least this score')
    .option('--json', 'print the report as one JSON document')
    .action(async (flags: EvalFlags) => {
      if (flags.labels === undefined) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', 'eval needs --labels FILE', { exitCode: EXIT.USAGE })
      }
      const minScore = flags.minScore === undefined ? undefined : parseNumberOption('--min-score', flags.minScore)
      const [{ openReadOnlyStore, readLabelsFile }, { scoreDetections }] = await Promise.all([
        import('@vigil/runtime'),
        import('@vigil/core'),
      ])
      const labels = await readLabelsFile(flags.labels)
      const store = await openReadOnlyStore(flags.db)
      try {
        const detections = await store.listDetections(minScore === undefined ? {} : { minScore })
        const report = scoreDetections(labels, detections)
        if (flags.json === true) printJson(report)
        else printEvalReport(report)
      } finally {
        await store.close()
      }
    })
}
