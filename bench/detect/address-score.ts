/**
 * Scoring of bot detections against a corpus's labels, per labelled entity (a client address,
 * or a session where the corpus labels sessions), shared by the evals of the independent bot
 * corpora (eval-plain.ts, eval-farms.ts) so that both count a hit and an error the same way.
 * @module
 */
import { writeFileSync } from 'node:fs'
import { pct, vigil } from './cli.ts'

export interface Detection {
  detector: string
  threat: string
  entity: { type: string; value: string }
  score: number
  explanation: string
}

/** What one set of detectors did on one log. */
export interface Score {
  /** Entities per label, and how many of them were flagged. */
  labels: Record<string, { total: number; flagged: number }>
  /** Per label and kind: entities, flagged, and the detectors that flagged them. */
  kinds: Record<string, { label: string; total: number; flagged: number; detectors: Record<string, number> }>
  precision: number | null
  recall: number | null
  fpRate: number | null
}

/** One log measured: the baseline's detectors (when asked for) and this tree's. */
export interface Run {
  seed: number
  variant: string
  lines: number
  seconds: number
  before: Score | null
  after: Score
}

export type Labels = Record<string, { label: string; kind: string }>

/**
 * A detection of an automated threat against an entity of the given type: any `bot.*`
 * detector, or an OWASP automated-threat id, `automation` or `credential_stuffing`. WAF findings
 * are left out: a payload in a request says nothing about who sent it.
 */
export const counts = (d: Detection, entityType = 'ip'): boolean =>
  d.entity.type === entityType && (d.detector.startsWith('bot.') || /^OAT-\d{3}$/.test(d.threat) || d.threat === 'automation' || d.threat === 'credential_stuffing')

export function score(labels: Labels, detections: readonly Detection[], dump?: string, entityType = 'ip'): Score {
  const byEntity = new Map<string, Detection[]>()
  for (const d of detections) {
    if (!counts(d, entityType)) continue
    const list = byEntity.get(d.entity.value) ?? []
    list.push(d)
    byEntity.set(d.entity.value, list)
  }
  const out: Score = { labels: {}, kinds: {}, precision: null, recall: null, fpRate: null }
  const dumped: unknown[] = []
  for (const [entity, { label, kind }] of Object.entries(labels)) {
    const l = (out.labels[label] ??= { total: 0, flagged: 0 })
    const k = (out.kinds[`${label}/${kind}`] ??= { label, total: 0, flagged: 0, detectors: {} })
    l.total++
    k.total++
    const ds = byEntity.get(entity)
    if (ds === undefined) continue
    l.flagged++
    k.flagged++
    for (const id of new Set(ds.map((d) => d.detector))) k.detectors[id] = (k.detectors[id] ?? 0) + 1
    dumped.push({ [entityType]: entity, label, kind, detections: ds.map((d) => ({ detector: d.detector, threat: d.threat, score: d.score, explanation: d.explanation })) })
  }
  const bad = out.labels.bad_bot ?? { total: 0, flagged: 0 }
  const human = out.labels.human ?? { total: 0, flagged: 0 }
  out.precision = bad.flagged + human.flagged === 0 ? null : bad.flagged / (bad.flagged + human.flagged)
  out.recall = bad.total === 0 ? null : bad.flagged / bad.total
  out.fpRate = human.total === 0 ? null : human.flagged / human.total
  if (dump !== undefined) writeFileSync(dump, `${dumped.map((x) => JSON.stringify(x)).join('\n')}\n`)
  return out
}

/** `vigil detect --no-waf` over a store with the given CLI; its run time in seconds. */
export function detect(db: string, cli: string): number {
  return (JSON.parse(vigil(['detect', '--db', db, '--no-waf', '--json'], cli)) as { seconds: number }).seconds
}

/** Every stored detection naming an entity of the given type. */
export function detectionsOf(db: string, cli: string, entityType: string): Detection[] {
  const text = vigil(['detections', '--db', db, '--json', '--entity-type', entityType, '--limit', '1000000'], cli)
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Detection)
}

export function detectAndScore(db: string, labels: Labels, cli: string, dump?: string): { seconds: number; score: Score } {
  const seconds = detect(db, cli)
  return { seconds, score: score(labels, detectionsOf(db, cli, 'ip'), dump) }
}

const cell = (run: Run, f: (s: Score) => string): string => (run.before === null ? f(run.after) : `${f(run.before)} → ${f(run.after)}`)
export const prf = (s: Score): string => `${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.fpRate)}`
export const tally = (s: Score, label: string): string => `${s.labels[label]?.flagged ?? 0}/${s.labels[label]?.total ?? 0}`
const kindCell = (s: Score, key: string): string => {
  const k = s.kinds[key]
  return k === undefined ? '–' : `${k.flagged}/${k.total}`
}
export const detectorsOf = (s: Score, key: string): string =>
  Object.entries(s.kinds[key]?.detectors ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${d.replace(/^bot\./, '')} ${n}`)
    .join(', ')

/** The summary table per run and the table per label and kind, as markdown lines. */
export function tables(runs: readonly Run[], withBefore: boolean, entities = 'addresses'): string[] {
  const c = (r: Run, f: (s: Score) => string): string => (withBefore ? cell(r, f) : f(r.after))
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.after.kinds)))].sort()
  return [
    '| seed | variant | lines | bad_bot precision / recall / human FP rate | bad bots flagged | humans flagged | good bots flagged | declared crawlers flagged |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.seed} | ${r.variant} | ${r.lines.toLocaleString('en-US')} | ${c(r, prf)} | ${c(r, (s) => tally(s, 'bad_bot'))} | ${c(r, (s) => tally(s, 'human'))} | ${c(r, (s) => tally(s, 'good_bot_verified'))} | ${c(r, (s) => tally(s, 'declared_crawler'))} |`),
    '',
    `Per kind: ${entities} flagged / labelled, per run (seed, variant), and the detectors that named them in the last run of the row.`,
    '',
    `| label/kind | ${runs.map((r) => `${r.seed} ${r.variant}`).join(' | ')} | detectors (${runs.at(-1)?.seed} ${runs.at(-1)?.variant}) |`,
    `| --- | ${runs.map(() => '---').join(' | ')} | --- |`,
    ...keys.map((k) => `| ${k} | ${runs.map((r) => c(r, (s) => kindCell(s, k))).join(' | ')} | ${runs.at(-1) === undefined ? '' : detectorsOf((runs.at(-1) as Run).after, k)} |`),
  ]
}
