/**
 * Evaluates the user-agent bot classifier on the isbot fixtures (Unlicense): real
 * crawler user agents should be flagged, real browser user agents should not. Writes
 * the `ua-eval` section of bench/RESULTS.md.
 *
 *   npx tsx bench/enrich/ua-eval.ts [--show-misses]
 * @module
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { classifyUserAgent } from '../../packages/core/src/index.ts'
import { loadUaRules } from '../../packages/runtime/src/data/index.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'

const CORPUS = '/work/shared/corpora/user-agents/'

function fixtures(file: string): string[] {
  const doc = parse(readFileSync(`${CORPUS}${file}`, 'utf8')) as Record<string, string[] | null>
  return Object.values(doc).flatMap((uas) => (uas ?? []).filter((ua) => typeof ua === 'string'))
}

const rules = loadUaRules().value
const crawlers = fixtures('isbot-fixtures-crawlers.yml')
const browsers = fixtures('isbot-fixtures-browsers.yml')
const missed = crawlers.filter((ua) => classifyUserAgent(ua, rules).botKind === null)
const falsePositives = browsers
  .map((ua) => ({ ua, info: classifyUserAgent(ua, rules) }))
  .filter((r) => r.info.botKind !== null)
const kinds = new Map<string, number>()
for (const ua of crawlers) {
  const kind = classifyUserAgent(ua, rules).botKind ?? 'none'
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
}
const stale = browsers.filter((ua) => classifyUserAgent(ua, rules).staleVersion !== null).length

if (process.argv.includes('--show-misses')) {
  for (const ua of missed) console.log(`MISS ${ua}`)
  for (const r of falsePositives) console.log(`FP   ${r.info.botKind} ${r.info.botName} [${r.info.botEvidence}] ${r.ua}`)
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`
const body = `## ua-eval — user-agent bot classification (bench/enrich/ua-eval.ts)

${machineLine()}

Corpus: isbot fixtures (omrilotan/isbot, Unlicense; /work/shared/corpora/user-agents/). Rules:
packages/runtime/data/user-agent-rules.yaml (as_of ${rules.asOf}). A user agent counts as flagged when
\`classifyUserAgent\` gives it a bot kind. The rules were tuned while looking at these fixtures
(the misses list informed the named-fetcher rule), so the recall is optimistic for unseen bots.

| set | user agents | flagged | rate |
| --- | ---: | ---: | ---: |
| crawlers (recall) | ${crawlers.length} | ${crawlers.length - missed.length} | ${pct(crawlers.length - missed.length, crawlers.length)} |
| browsers (false positives) | ${browsers.length} | ${falsePositives.length} | ${pct(falsePositives.length, browsers.length)} |

Crawler fixtures by kind: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}.
Browser fixtures with a stale_version (outside the plausible major-version bounds): ${stale} of ${browsers.length}
(the fixtures include many old browsers, so this is expected, not an error).

False positives: ${falsePositives.length === 0 ? 'none' : falsePositives.map((r) => `\`${r.info.botName}\` (${r.info.botKind}, matched "${r.info.botEvidence}")`).join('; ')}.
`
writeResultsSection('ua-eval', body)
console.log(body)
