/**
 * Scoring of a labelled attack corpus with a development half and a hold-out, shared by
 * bench/waf/tool-payloads.ts and bench/waf/exploits.ts: blocked per level and per label
 * (tool, class, kind, position, …), the two halves apart, and the same requests run through
 * another checkout's engine for a before/after in one run.
 * @module
 */
import { resolve } from 'node:path'
import { checkoutCommit } from '../results-file.ts'
import { parseArgs } from 'node:util'
import { createWafEngine, DEFAULT_WAF_LEVEL, WAF_LEVELS, type WafLevel, type WafRequest } from '../../packages/core/src/waf/index.ts'
import { blocks, pct } from './gotestwaf.ts'

export interface Labelled extends WafRequest {
  holdout: boolean
}

const levelArg = (flag: string, value: string | undefined): WafLevel | null => {
  const level = value === undefined ? null : (Number(value) as WafLevel)
  if (level !== null && !WAF_LEVELS.includes(level)) throw new Error(`--${flag} takes a level: ${WAF_LEVELS.join(', ')}`)
  return level
}

/** `--baseline DIR`, `--misses LEVEL` and `--print`, as every corpus script takes them, `--fps LEVEL` for a corpus with a benign set, and `--corpus NAME` for a script that reads one of several. */
export function corpusArgs(): { baseline: string | undefined; missesAt: WafLevel | null; fpsAt: WafLevel | null; print: boolean; corpus: string | undefined } {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, misses: { type: 'string' }, fps: { type: 'string' }, print: { type: 'boolean', default: false }, corpus: { type: 'string' } } })
  return { baseline: values.baseline, missesAt: levelArg('misses', values.misses), fpsAt: levelArg('fps', values.fps), print: values.print ?? false, corpus: values.corpus }
}

/** The engine factory of checkout `dir` (a `--baseline`) and the commit it holds, to score the same requests before and after in one run. */
export async function baselineEngine(dir: string): Promise<{ commit: string; create: typeof createWafEngine }> {
  const commit = checkoutCommit(dir)
  const { createWafEngine: create } = (await import(resolve(dir, 'packages/core/src/waf/index.ts'))) as { createWafEngine: typeof createWafEngine }
  return { commit, create }
}

const DEV = 'development (70 %)'
const HOLD = 'hold-out (30 %)'
const half = (r: Labelled): string => (r.holdout ? HOLD : DEV)

/** Per key: requests, and per level (index level-1) those blocked, for each half. */
type Tally = Map<string, { n: Record<string, number>; hit: Record<string, number[]> }>
const bump = (t: Tally, key: string, h: string, level: WafLevel, hit: boolean): void => {
  const c = t.get(key) ?? { n: { [DEV]: 0, [HOLD]: 0 }, hit: { [DEV]: [0, 0, 0, 0], [HOLD]: [0, 0, 0, 0] } }
  if (level === 1) c.n[h]!++
  if (hit) c.hit[h]![level - 1]!++
  t.set(key, c)
}

/** Blocked per level (index level-1): [all, hold-out], for one engine factory, over every request; `visit` sees each verdict. */
function run<R extends Labelled>(requests: readonly R[], create: typeof createWafEngine, visit?: (r: R, level: WafLevel, hit: boolean) => void): number[][] {
  return WAF_LEVELS.map((level) => {
    const engine = create({ level })
    let all = 0
    let held = 0
    for (const r of requests) {
      const hit = blocks(engine, r)
      visit?.(r, level, hit)
      if (!hit) continue
      all++
      if (r.holdout) held++
    }
    return [all, held]
  })
}

const levelHead = `${WAF_LEVELS.map((l) => `level ${l}`).join(' | ')}`

export interface CorpusScore {
  /** A markdown table per dimension: one row per key, dev requests and % per level, then the hold-out at the default level unless `held` is false. */
  table(dimension: string, first: string, held?: boolean): string
  /** The two halves, % blocked per level. */
  halves(): string
  /** The halves, then per [dimension, first column, title, with the hold-out column (default true)] a titled table. */
  report(tables: ReadonlyArray<readonly [string, string, string, boolean?]>): string
  /** The same requests through the engine of checkout `dir`, before against after per level. */
  baseline(dir: string): Promise<string>
  /** Blocked per level, [all, hold-out]. */
  now: number[][]
}

/**
 * Runs this checkout's engine over `requests` at every level, tallying each dimension's keys
 * (a request may count for several keys of one dimension); `onMiss` sees the development
 * half's misses at `missesAt`, never the hold-out's.
 */
export function scoreCorpus<R extends Labelled>(
  requests: readonly R[],
  dimensions: Record<string, (r: R) => readonly string[]>,
  missesAt: WafLevel | null = null,
  onMiss?: (r: R) => void,
): CorpusScore {
  const halfTally: Tally = new Map()
  const tallies = new Map<string, Tally>(Object.keys(dimensions).map((d) => [d, new Map()]))
  const now = run(requests, createWafEngine, (r, level, hit) => {
    const h = half(r)
    bump(halfTally, h, h, level, hit)
    for (const [d, keys] of Object.entries(dimensions)) for (const k of keys(r)) bump(tallies.get(d)!, k, h, level, hit)
    if (!hit && level === missesAt && !r.holdout) onMiss?.(r)
  })
  const held = requests.filter((r) => r.holdout).length
  return {
    now,
    table(dimension, first, withHeld = true) {
      const rows = [...tallies.get(dimension)!.entries()]
        // Without the hold-out column, a key of the hold-out alone would be a row of dashes that names a hold-out shape.
        .filter(([, c]) => withHeld || c.n[DEV]! > 0)
        .sort((a, b) => b[1].n[DEV]! + b[1].n[HOLD]! - (a[1].n[DEV]! + a[1].n[HOLD]!) || a[0].localeCompare(b[0]))
        .map(([k, c]) => `| ${k} | ${c.n[DEV]} | ${WAF_LEVELS.map((lv) => pct(c.hit[DEV]![lv - 1]!, c.n[DEV]!)).join(' | ')} |${withHeld ? ` ${c.n[HOLD]} | ${pct(c.hit[HOLD]![DEFAULT_WAF_LEVEL - 1]!, c.n[HOLD]!)} |` : ''}`)
      const head = `| ${first} | dev requests | ${levelHead} (dev) |${withHeld ? ` hold-out requests | hold-out, level ${DEFAULT_WAF_LEVEL} |` : ''}`
      return [head, `| --- | --- | ${WAF_LEVELS.map(() => '---').join(' | ')} |${withHeld ? ' --- | --- |' : ''}`, ...rows].join('\n')
    },
    halves() {
      return [`| half | requests | ${levelHead} |`, `| --- | --- | ${WAF_LEVELS.map(() => '---').join(' | ')} |`, ...[DEV, HOLD].map((h) => {
        const c = halfTally.get(h)!
        return `| ${h} | ${c.n[h]} | ${WAF_LEVELS.map((lv) => pct(c.hit[h]![lv - 1]!, c.n[h]!)).join(' | ')} |`
      })].join('\n')
    },
    report(tables) {
      return [this.halves(), ...tables.map(([dimension, first, title, withHeld]) => `${title}:\n\n${this.table(dimension, first, withHeld)}`)].join('\n\n')
    },
    async baseline(dir) {
      const { commit, create } = await baselineEngine(dir)
      const before = run(requests, create)
      const rows = WAF_LEVELS.map((lv, i) => {
        const [a, h] = before[i]!
        const [a2, h2] = now[i]!
        return `| ${lv}${lv === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${a}/${requests.length} = ${pct(a!, requests.length)} | ${h}/${held} = ${pct(h!, held)} | ${a2}/${requests.length} = ${pct(a2!, requests.length)} | ${h2}/${held} = ${pct(h2!, held)} |`
      })
      return `Before and after, same requests and run: the engine at commit ${commit} (${dir}) and this checkout's.

| level | before: all blocked | before: hold-out blocked | after: all blocked | after: hold-out blocked |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`
    },
  }
}
