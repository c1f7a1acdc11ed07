/**
 * Parse-only throughput of the combined parser against the obvious baseline, one
 * regex per line building a plain object, on the same synthetic lines in the same run.
 * Run: npx tsx bench/ingest/parse-combined.ts [lines]
 * @module
 */
import { DEFAULT_PARSER_OPTIONS, createParser } from '../../packages/core/src/index.ts'
import type { ParseResult } from '../../packages/core/src/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const LINES = Number(process.argv[2] ?? 1_000_000)
const ROUNDS = 3

const PATHS = ['/', '/product/1234', '/cart', '/static/app.3f9a.js', '/img/p/98765.webp', '/search?q=red+shoes&page=2', '/api/v1/cart/items', '/checkout']
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'python-requests/2.32.3',
]

function makeLines(n: number): string[] {
  const out: string[] = []
  const start = Date.UTC(2026, 10, 25, 10, 0, 0)
  for (let i = 0; i < n; i++) {
    const d = new Date(start + Math.floor(i / 40) * 1000)
    const time = `${String(d.getUTCDate()).padStart(2, '0')}/Nov/2026:${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} +0000`
    const ip = `203.0.${(i >> 8) & 255}.${i & 255}`
    const extras = i % 2 === 0 ? ` rt=0.0${i % 90} host=shop.example sid=s${i % 5000}` : ''
    out.push(`${ip} - - [${time}] "GET ${PATHS[i % PATHS.length]} HTTP/1.1" 200 ${1000 + (i % 5000)} "https://shop.example/" "${AGENTS[i % AGENTS.length]}"${extras}`)
  }
  return out
}

const BASELINE = /^(\S+) \S+ (\S+) \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"(.*)$/

function baseline(lines: readonly string[]): number {
  let ok = 0
  for (const line of lines) {
    const m = BASELINE.exec(line)
    if (m === null) continue
    const q = m[5]!.indexOf('?')
    const record = {
      source_ip: m[1], user: m[2], ts: Date.parse(m[3]!.replace(':', ' ')), method: m[4],
      path: q < 0 ? m[5] : m[5]!.slice(0, q), query: q < 0 ? null : m[5]!.slice(q + 1), version: m[6],
      status: Number(m[7]), bytes: m[8] === '-' ? null : Number(m[8]), referer: m[9], ua: m[10], rest: m[11],
    }
    if (record.status > 0) ok++
  }
  return ok
}

function vigil(lines: readonly string[]): number {
  const parser = createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: 'bench.log' })
  let ok = 0
  const emit = (r: ParseResult): void => {
    if (r.kind === 'http') ok++
  }
  for (let i = 0; i < lines.length; i++) parser.feed(lines[i]!, i + 1, emit)
  return ok
}

function best(run: (lines: readonly string[]) => number, lines: readonly string[]): { rate: number; ok: number } {
  let bestMs = Infinity
  let ok = 0
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now()
    ok = run(lines)
    bestMs = Math.min(bestMs, performance.now() - t0)
  }
  return { rate: lines.length / (bestMs / 1000), ok }
}

const lines = makeLines(LINES)
const base = best(baseline, lines)
const ours = best(vigil, lines)
if (ours.ok !== lines.length) throw new Error(`combined parser accepted ${ours.ok} of ${lines.length} lines`)
const fmt = (n: number): string => `${(n / 1e6).toFixed(2)} M lines/s`
const body = [
  '## parse-combined',
  '',
  `Parse-only throughput, ${LINES.toLocaleString('en')} synthetic combined lines (half with key=value extras), best of ${ROUNDS}.`,
  '',
  '| parser | throughput |',
  '| --- | --- |',
  `| vigil combined (index scanner, full HttpEvent) | ${fmt(ours.rate)} |`,
  `| baseline: one regex + plain object | ${fmt(base.rate)} |`,
  '',
  `Target ≥ 1.5 M lines/s: ${ours.rate >= 1.5e6 ? 'met' : 'NOT met'}.`,
  '',
  machineLine(),
].join('\n')
writeResultsSection('parse-combined', body)
process.stdout.write(`${body}\n`)
