/**
 * Detection and false positives on GoTestWAF's expanded corpus (../shared/corpora/gotestwaf),
 * per class and at every level. Run: npx tsx bench/waf/gotestwaf.ts [--baseline DIR] [--verbose LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout on the same requests (before → after per level and class);
 *   --verbose LEVEL prints this checkout's misses and false positives at LEVEL; it and --print show the section
 *   without writing it to bench/RESULTS.md.
 * @module
 */
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createWafEngine, DEFAULT_WAF_LEVEL, WAF_LEVELS, type WafEngine, type WafRequest } from '../../packages/core/src/waf/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { baselineEngine } from './corpus-score.ts'

interface Line extends WafRequest {
  id: string
  label: 'attack' | 'benign'
  class: string
  src: string
}

/** `a/b` as a percentage with one decimal, `–` when there is nothing to divide by. */
export const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`)

/** Whether the engine blocks the request (anomaly score ≥ its threshold, 5); only the request fields of a corpus line are passed on. */
export function blocks(engine: WafEngine, r: WafRequest): boolean {
  return engine.inspect({ method: r.method, uri: r.uri, headers: r.headers, body: r.body, body_encoding: r.body_encoding }).action === 'block'
}

// A script when run, a module of the helpers above when payload-eval.ts imports it.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

/** One engine's figures: per level (index level-1) attacks and benign requests blocked, and per class the attacks blocked per level. */
interface Tally {
  tp: number[]
  fp: number[]
  perClass: Map<string, number[]>
}

/** Runs the engines `create` makes over every line at every level; at `verboseAt` misses and false positives are printed. */
function tally(lines: readonly Line[], create: typeof createWafEngine, verboseAt: number): Tally {
  const t: Tally = { tp: [], fp: [], perClass: new Map() }
  for (const level of WAF_LEVELS) {
    const engine = create({ level })
    let tp = 0
    let fp = 0
    for (const l of lines) {
      const v = engine.inspect({ method: l.method, uri: l.uri, headers: l.headers, body: l.body, body_encoding: l.body_encoding })
      const blocked = v.action === 'block'
      if (l.label === 'attack') {
        if (blocked) tp++
        const c = t.perClass.get(l.class) ?? WAF_LEVELS.map(() => 0)
        if (blocked) c[level - 1]!++
        t.perClass.set(l.class, c)
        if (!blocked && level === verboseAt) console.log('MISS', l.src, JSON.stringify(l.uri).slice(0, 150), JSON.stringify(l.body ?? '').slice(-200))
      } else {
        if (blocked) fp++
        if (blocked && level === verboseAt) console.log('FP', l.src, JSON.stringify(v.matches.map((m) => [m.rule, m.target, m.excerpt])))
      }
    }
    t.tp.push(tp)
    t.fp.push(fp)
  }
  return t
}

async function main(): Promise<void> {
  const CORPUS = new URL('../../../shared/corpora/gotestwaf/gotestwaf.ndjson', import.meta.url)
  const lines: Line[] = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)
  // Strict: a mistyped flag stops the run instead of rewriting the section with the default run.
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, verbose: { type: 'string' }, print: { type: 'boolean', default: false } } })
  const verboseAt = values.verbose === undefined ? 0 : Number(values.verbose)
  if (values.verbose !== undefined && !WAF_LEVELS.includes(verboseAt as (typeof WAF_LEVELS)[number])) throw new Error(`--verbose takes a level: ${WAF_LEVELS.join(', ')}`)

  const attacks = lines.filter((l) => l.label === 'attack').length
  const benign = lines.length - attacks
  const classSize = new Map<string, number>()
  for (const l of lines) if (l.label === 'attack') classSize.set(l.class, (classSize.get(l.class) ?? 0) + 1)
  const now = tally(lines, createWafEngine, verboseAt)
  const base = values.baseline === undefined ? null : await baselineEngine(resolve(values.baseline))
  const before = base === null ? null : tally(lines, base.create, 0)
  // With a baseline each cell reads `before → after`, from the same run.
  const cell = (after: string, was: string | undefined): string => (was === undefined ? after : `${was} → ${after}`)

  const rows = WAF_LEVELS.map((level, i) => {
    const [tp, fp] = [now.tp[i]!, now.fp[i]!]
    const [btp, bfp] = before === null ? [] : [before.tp[i]!, before.fp[i]!]
    return `| ${level}${level === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${cell(`${tp}/${attacks} = ${pct(tp, attacks)}`, btp === undefined ? undefined : `${btp}/${attacks} = ${pct(btp, attacks)}`)} | ${cell(`${fp}/${benign} = ${pct(fp, benign)}`, bfp === undefined ? undefined : `${bfp}/${benign} = ${pct(bfp, benign)}`)} |`
  })
  const classRows = [...classSize.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([cls, n]) => `| ${cls} | ${n} | ${WAF_LEVELS.map((lv) => cell(pct(now.perClass.get(cls)![lv - 1]!, n), before === null ? undefined : pct(before.perClass.get(cls)![lv - 1]!, n))).join(' | ')} |`)
  const body = `## WAF detection on GoTestWAF (bench/waf/gotestwaf.ts)

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/gotestwaf.ts${base === null ? '' : ' --baseline <worktree>'}\`.

Corpus: ../shared/corpora/gotestwaf/gotestwaf.ndjson (${lines.length} requests). A request counts as detected when the verdict is \`block\` (anomaly score ≥ 5).${base === null ? '' : ` Each cell reads before → after, same requests and run: the engine at commit ${base.commit} (${values.baseline}) and this checkout's.`}

| level | attacks blocked | benign blocked (false positives) |
| --- | --- | --- |
${rows.join('\n')}

Detection per class:

| class | requests | ${WAF_LEVELS.map((l) => `level ${l}`).join(' | ')} |
| --- | --- | ${WAF_LEVELS.map(() => '---').join(' | ')} |
${classRows.join('\n')}
`
  console.log(body)
  if (verboseAt === 0 && !values.print) writeResultsSection('waf-gotestwaf', body)
}
