/**
 * Detection and false positives on GoTestWAF's expanded corpus (../shared/corpora/gotestwaf),
 * per class and at every level. Run: npx tsx bench/waf/gotestwaf.ts [--verbose LEVEL] [--print]
 * (`--print` shows the section without writing it to bench/RESULTS.md; so does `--verbose`).
 * @module
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createWafEngine, DEFAULT_WAF_LEVEL, WAF_LEVELS, type WafEngine, type WafRequest } from '../../packages/core/src/waf/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

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
if (process.argv[1] === fileURLToPath(import.meta.url)) main()

function main(): void {
  const CORPUS = new URL('../../../shared/corpora/gotestwaf/gotestwaf.ndjson', import.meta.url)
  const lines: Line[] = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)
  // Strict: a mistyped flag stops the run instead of rewriting the section with the default run.
  const { values } = parseArgs({ options: { verbose: { type: 'string' }, print: { type: 'boolean', default: false } } })
  const verboseAt = values.verbose === undefined ? 0 : Number(values.verbose)
  if (values.verbose !== undefined && !WAF_LEVELS.includes(verboseAt as (typeof WAF_LEVELS)[number])) throw new Error(`--verbose takes a level: ${WAF_LEVELS.join(', ')}`)

  const rows: string[] = []
  const perClass = new Map<string, number[]>()
  for (const level of WAF_LEVELS) {
    const engine = createWafEngine({ level })
    let tp = 0
    let attacks = 0
    let fp = 0
    let benign = 0
    for (const l of lines) {
      const v = engine.inspect({ method: l.method, uri: l.uri, headers: l.headers, body: l.body, body_encoding: l.body_encoding })
      const blocked = v.action === 'block'
      if (l.label === 'attack') {
        attacks++
        if (blocked) tp++
        const c = perClass.get(l.class) ?? [0, 0, 0, 0, 0]
        if (blocked) c[level - 1]!++
        if (level === 1) c[4]!++
        perClass.set(l.class, c)
        if (!blocked && level === verboseAt) console.log('MISS', l.src, JSON.stringify(l.uri).slice(0, 150), JSON.stringify(l.body ?? '').slice(-200))
      } else {
        benign++
        if (blocked) fp++
        if (blocked && level === verboseAt) console.log('FP', l.src, JSON.stringify(v.matches.map((m) => [m.rule, m.target, m.excerpt])))
      }
    }
    rows.push(`| ${level}${level === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${tp}/${attacks} = ${pct(tp, attacks)} | ${fp}/${benign} = ${pct(fp, benign)} |`)
  }
  const classRows = [...perClass.entries()]
    .sort((a, b) => b[1][4]! - a[1][4]!)
    .map(([cls, c]) => `| ${cls} | ${c[4]} | ${WAF_LEVELS.map((lv) => pct(c[lv - 1]!, c[4]!)).join(' | ')} |`)
  const body = `## WAF detection on GoTestWAF (bench/waf/gotestwaf.ts)

${machineLine()}

Corpus: ../shared/corpora/gotestwaf/gotestwaf.ndjson (${lines.length} requests). A request counts as detected when the verdict is \`block\` (anomaly score ≥ 5).

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
