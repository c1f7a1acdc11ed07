/**
 * False positives on requests from a real site's access log (bench/waf/corpora/benign-logs.ndjson: the Apache sample
 * log elastic/examples keeps, turned into request records; how, from where and what a record lacks:
 * bench/waf/corpora/README.md), per source, kind of fetch and kind of client, at every level, the development half and
 * the hold-out (30 % of user agents) apart.
 * Run: npx tsx bench/waf/benign-logs.ts [--baseline DIR] [--fps LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout on the same requests;
 *   --fps LEVEL prints the development half's blocked requests at LEVEL (never the hold-out's)
 *   instead of writing bench/RESULTS.md; --print shows the section without writing it.
 * @module
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { type Benign, blockedByRule, halvesRows, scoreBenignCorpus, topRules } from './benign-score.ts'

interface LoggedRequest extends Benign {
  source: string
  agent: string
  holdout: boolean
}

const { values, requests, score, halves } = scoreBenignCorpus<LoggedRequest>('benign-logs.ndjson', 'benign-logs', {
  source: (r) => [r.source],
  kind: (r) => [r.kind],
  agent: (r) => [r.agent],
})

const beforeAfter = values.baseline === undefined ? '' : await score.baseline(resolve(values.baseline))
const held = halves[1].requests.length

const body = `## WAF false positives on requests from a real access log (bench/waf/benign-logs.ts)

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/benign-logs.ts${values.baseline === undefined ? '' : ' --baseline <worktree>'}\`.

Benign: bench/waf/corpora/benign-logs.ndjson, ${requests.length} requests that browsers, crawlers, feed readers and scripts sent to semicomplete.com in May 2015, as its Apache logged them (the sample log elastic/examples keeps; README: pages read, 9 probe and spam-bot lines excluded by reading, what a record lacks: Host is the site's, no Accept, cookies or bodies). Hold-out: the requests of 30 % of user agents by FNV-1a (${held} requests), never printed request by request. A blocked request is a false positive.

First run, engine at 31bcf14 right after the corpus was committed (its WAF is the session start's, eae4b7c): no request blocked at any level (0 of 958; development 0 of 745, hold-out 0 of 213). The second batch of 289 (committed at 9b3a6c6, same engine), on its first run: none blocked at any level either.

| level | blocked, all | blocked, development | blocked, hold-out |
| --- | --- | --- | --- |
${halvesRows(score.now, halves)}

${beforeAfter}
Blocked per source:

${score.table('source', 'source')}

Blocked per kind of fetch:

${score.table('kind', 'kind')}

Blocked per kind of client (from the User-Agent):

${score.table('agent', 'agent')}

${topRules(halves)}
${blockedByRule(halves[0]!)}`
console.log(body)
if (!values.print) writeResultsSection('waf-benign-logs', body)
