/**
 * False positives on the benign corpora, shared by bench/waf/payload-eval.ts and bench/waf/api.ts:
 * each set's requests blocked per level, the rules that blocked them and the first few at the
 * default level.
 * @module
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { createWafEngine, DEFAULT_WAF_LEVEL, WAF_LEVELS, type WafEngine, type WafLevel, type WafRequest } from '../../packages/core/src/waf/index.ts'
import { machineLine } from '../results-file.ts'
import { type CorpusScore, corpusArgs, scoreCorpus } from './corpus-score.ts'
import { pct } from './gotestwaf.ts'

const CORPORA = new URL('./corpora/', import.meta.url)

export interface Benign extends WafRequest {
  id: string
  kind: string
  /** benign-browser.ndjson and benign-text.ndjson: `admin` is the back office a shop often excludes from the WAF by path. */
  zone?: 'storefront' | 'admin'
}

export interface BenignSet {
  name: string
  requests: Benign[]
  /** A hold-out keeps only its blocked count per level: which rules block which of its requests is never recorded, so never printed. */
  holdout: boolean
  /** Requests blocked, per level (index level-1). */
  blocked: number[]
  /** Per level (index level-1): requests blocked per rule; empty for a hold-out. */
  rules: Array<Map<string, number>>
  /** At the default level: the first few blocked; none for a hold-out. */
  examples: string[]
}

/** The records of an NDJSON file of bench/waf/corpora, attacks or benign requests. */
export const readCorpus = <T>(file: string): T[] =>
  readFileSync(new URL(file, CORPORA), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)

export const readBenign = <B extends Benign = Benign>(file: string): B[] => readCorpus<B>(file)

export const benignSet = (name: string, requests: Benign[], holdout = false): BenignSet => ({ name, requests, holdout, blocked: [], rules: WAF_LEVELS.map(() => new Map()), examples: [] })

/**
 * Runs `engine` (made at `level`; levels in increasing order) over the set, recording what it
 * blocks (of a hold-out, only how many); at `fpsAt` each blocked request of a set that is not a
 * hold-out is printed with its matches.
 */
export function scoreBenignSet(set: BenignSet, engine: WafEngine, level: WafLevel, fpsAt: WafLevel | null): void {
  let blocked = 0
  for (const r of set.requests) {
    const v = engine.inspect({ method: r.method, uri: r.uri, headers: r.headers, body: r.body, body_encoding: r.body_encoding })
    if (v.action !== 'block') continue
    blocked++
    if (set.holdout) continue
    const rules = [...new Set(v.matches.map((m) => m.rule))]
    if (level === fpsAt) console.log('FP', r.id, r.kind, JSON.stringify(v.matches.map((m) => [m.rule, m.target, m.excerpt])))
    const byRule = set.rules[level - 1]!
    for (const rule of rules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1)
    if (level === DEFAULT_WAF_LEVEL && set.examples.length < 8) {
      const m = v.matches[0]!
      set.examples.push(`| ${r.id} (${r.kind}) | ${rules.join(', ')} | \`${m.target}\` | ${JSON.stringify(m.excerpt.slice(0, 60)).replaceAll('|', '\\|')} |`)
    }
  }
  set.blocked.push(blocked)
}

/**
 * A benign corpus's development half and hold-out (`holdout` set), each scored at every level; at `fpsAt` the
 * development half's blocked requests are printed, never the hold-out's.
 */
export function scoreHalves(name: string, requests: ReadonlyArray<Benign & { holdout: boolean }>, fpsAt: WafLevel | null): [BenignSet, BenignSet] {
  const halves: [BenignSet, BenignSet] = [benignSet(`${name} development`, requests.filter((r) => !r.holdout)), benignSet(`${name} hold-out`, requests.filter((r) => r.holdout), true)]
  for (const level of WAF_LEVELS) {
    const engine = createWafEngine({ level })
    for (const set of halves) scoreBenignSet(set, engine, level, fpsAt)
  }
  return halves
}

/**
 * A benign corpus file with a hold-out, scored per dimension and per half at every level, with the script's arguments;
 * under `--fps LEVEL` the development half's blocked requests are printed and the process ends there.
 */
export function scoreBenignCorpus<R extends Benign & { holdout: boolean }>(
  file: string,
  name: string,
  dimensions: Record<string, (r: R) => readonly string[]>,
): { values: ReturnType<typeof corpusArgs>; requests: R[]; score: CorpusScore; halves: [BenignSet, BenignSet] } {
  const values = corpusArgs()
  const requests = readBenign<R>(file)
  // Blocked benign requests are false positives: the corpus tally, read as a false-positive rate.
  const score = scoreCorpus(requests, dimensions)
  const halves = scoreHalves(name, requests, values.fpsAt)
  if (values.fpsAt !== null) process.exit(0)
  return { values, requests, score, halves }
}

/** Rows of a table of requests blocked per level, all, development and hold-out, from a corpus score's `now` ([all, hold-out] per level). */
export function halvesRows(now: readonly number[][], [dev, held]: readonly [BenignSet, BenignSet]): string {
  const [d, h] = [dev.requests.length, held.requests.length]
  return WAF_LEVELS.map((lv, i) => {
    const [all, inHeld] = now[i] as [number, number]
    return `| ${lv}${lv === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${all}/${d + h} = ${pct(all, d + h)} | ${all - inHeld}/${d} = ${pct(all - inHeld, d)} | ${inHeld}/${h} = ${pct(inHeld, h)} |`
  }).join('\n')
}

/** The line that opens a benign corpus's section: the machine, the load at the end of the run, the command that wrote it. */
export const runLine = (script: string, baseline: string | undefined): string =>
  `${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/${script}${baseline === undefined ? '' : ' --baseline <worktree>'}\`.`

/** A benign corpus's table of requests blocked per level: all, development, hold-out. */
export const levelsTable = (now: readonly number[][], halves: readonly [BenignSet, BenignSet]): string =>
  `| level | blocked, all | blocked, development | blocked, hold-out |\n| --- | --- | --- | --- |\n${halvesRows(now, halves)}`

/** `kind count, …` in the order kinds first occur. */
export const kindList = (set: BenignSet): string => {
  const kinds = new Map<string, number>()
  for (const r of set.requests) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1)
  return [...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ')
}

export const ruleCounts = (m: Map<string, number>, top: number): string =>
  m.size === 0 ? 'none' : [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([r, n]) => `\`${r}\` ${n}`).join(', ')

/** Per set and level, the three rules that block most of its requests; of a hold-out, only how many it blocks. */
export const topRules = (sets: readonly BenignSet[]): string => `Rules that block benign requests, per level (top 3; a request counts once per rule${sets.some((b) => b.holdout) ? '; a hold-out shows only its requests blocked, never which rules blocked them' : ''}):

| set | ${WAF_LEVELS.map((l) => `level ${l}`).join(' | ')} |
| --- | ${WAF_LEVELS.map(() => '---').join(' | ')} |
${sets.map((b) => `| ${b.name} | ${(b.holdout ? b.blocked.map((n) => `${n}/${b.requests.length} = ${pct(n, b.requests.length)} blocked`) : b.rules.map((m) => ruleCounts(m, 3))).join(' | ')} |`).join('\n')}
`

/** The set's blocked requests at the default level, by rule, and the first few of them; a hold-out has none to show. */
export const blockedByRule = (set: BenignSet): string => {
  if (set.holdout) throw new Error(`${set.name} is a hold-out: which rules block its requests is not recorded`)
  return `Benign requests of ${set.name} blocked at level ${DEFAULT_WAF_LEVEL}, by rule: ${ruleCounts(set.rules[DEFAULT_WAF_LEVEL - 1]!, Infinity)}.
${set.examples.length === 0 ? '' : `\nFirst blocked requests of ${set.name} at level ${DEFAULT_WAF_LEVEL}:\n\n| request | rules | target | excerpt |\n| --- | --- | --- | --- |\n${set.examples.join('\n')}\n`}`
}

/**
 * A benign corpus section's figures after its description: blocked per level, the before/after of `--baseline`, a titled
 * table per [dimension, first column, title], the rules that block and the development half's first blocked requests.
 */
export const benignTables = (score: CorpusScore, halves: readonly [BenignSet, BenignSet], beforeAfter: string, tables: ReadonlyArray<readonly [string, string, string]>): string =>
  `${levelsTable(score.now, halves)}\n\n${beforeAfter}\n${tables.map(([dimension, first, title]) => `${title}:\n\n${score.table(dimension, first)}\n\n`).join('')}${topRules(halves)}\n${blockedByRule(halves[0])}`
