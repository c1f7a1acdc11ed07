/**
 * Detection and false positives on the API traffic of a headless shop: attacks through JSON and
 * GraphQL APIs (bench/waf/corpora/api-attacks.ndjson) per class, family, position and evasion, and
 * false positives on its benign API traffic (bench/waf/corpora/benign-api.ndjson) per kind, at
 * every level, the development half and the hold-out apart (how both were made:
 * bench/waf/corpora/README.md).
 * Run: npx tsx bench/waf/api.ts [--baseline DIR] [--misses LEVEL] [--fps LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout (e.g. a worktree of the
 *   session's start) on the same requests;
 *   --misses / --fps LEVEL print the development half's misses / benign requests blocked at
 *   LEVEL (never the hold-out's) instead of writing bench/RESULTS.md; --print shows the section
 *   without writing it.
 * @module
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { DEFAULT_WAF_LEVEL, WAF_LEVELS } from '../../packages/core/src/waf/index.ts'
import type { ApiAttack } from './corpora/generate-api-attacks.ts'
import type { BenignApi } from './corpora/generate-benign-api.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { blockedByRule, readBenign, readCorpus, scoreHalves, topRules } from './benign-score.ts'
import { corpusArgs, scoreCorpus } from './corpus-score.ts'
import { pct } from './gotestwaf.ts'

const values = corpusArgs()
const attacks = readCorpus<ApiAttack>('api-attacks.ndjson')
const benign = readBenign<BenignApi>('benign-api.ndjson')

const attackScore = scoreCorpus(
  attacks,
  {
    cls: (r) => [r.class],
    family: (r) => [r.family],
    position: (r) => [r.position],
    // The evasion on the payload and its transport, each counted on its own.
    variant: (r) => r.variant.split('+'),
    shape: (r) => [`${r.class} · ${r.position} · ${r.variant}`],
  },
  values.missesAt,
  (r) => console.log('MISS', r.id, r.class, r.family, r.position, r.variant, JSON.stringify(r.payload).slice(0, 200), r.uri.slice(0, 300), (r.body ?? '').slice(0, 500)),
)
// Blocked benign requests are false positives: the same tally, read as a false-positive rate.
const benignScore = scoreCorpus(benign, { kind: (r) => [r.kind], variant: (r) => [`${r.kind} · ${r.variant}`] })
const benignHalves = scoreHalves('benign-api', benign, values.fpsAt)
if (values.missesAt !== null || values.fpsAt !== null) process.exit(0)

const beforeAfter =
  values.baseline === undefined
    ? ''
    : `Attacks. ${await attackScore.baseline(resolve(values.baseline))}
Benign requests (blocked = false positives). ${await benignScore.baseline(resolve(values.baseline))}`

const held = (rs: ReadonlyArray<{ holdout: boolean }>): number => rs.filter((r) => r.holdout).length
const summary = WAF_LEVELS.map((lv, i) => {
  const [a, ah] = attackScore.now[i]!
  const [b, bh] = benignScore.now[i]!
  const ad = a! - ah!
  const bd = b! - bh!
  return `| ${lv}${lv === DEFAULT_WAF_LEVEL ? ' (default)' : ''} | ${ad}/${attacks.length - held(attacks)} = ${pct(ad, attacks.length - held(attacks))} | ${ah}/${held(attacks)} = ${pct(ah!, held(attacks))} | ${bd}/${benign.length - held(benign)} = ${pct(bd, benign.length - held(benign))} | ${bh}/${held(benign)} = ${pct(bh!, held(benign))} |`
})

const body = `## WAF on a headless shop's API traffic (bench/waf/api.ts)

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/api.ts${values.baseline === undefined ? '' : ' --baseline <worktree>'}\`.

Attacks: bench/waf/corpora/api-attacks.ndjson, ${attacks.length} requests of attacks through a shop's JSON and GraphQL APIs (SQL, NoSQL, SSRF, SSTI, XSS, XXE, prototype pollution, commands, traversal, Log4Shell, LDAP), placed in GraphQL arguments, variables, fragments and batches, JSON leaves at depth, arrays, keys and duplicated keys, mislabelled bodies, REST paths, queries, headers, XML and uploads, with evasions. Benign: bench/waf/corpora/benign-api.ndjson, ${benign.length} requests of the same shop's API traffic (Storefront and admin GraphQL, integrations, webhooks, imports, CMS, translations, search DSLs, analytics, tokens). Both written blind and committed (f14c187) before the engine was run on them (bench/waf/corpora/README.md). Hold-out: 30 % of shapes by hash in each (${held(attacks)} attack and ${held(benign)} benign requests), never studied request by request. Detected = verdict \`block\`; a blocked benign request is a false positive.

First run, engine at the session start (bae6657), when both corpora were committed: attacks at level 1 1,791 of 2,000 blocked (89.5 %), level 2 1,879 (94.0 %; development 1,370 of 1,446, 94.7 %, hold-out 509 of 554, 91.9 %), level 3 and 4 1,904 (95.2 %); benign requests blocked at level 1 and 2 19 of 2,200 (0.9 %; development 19 of 1,547, 1.2 %, hold-out 0 of 653), level 3 38 (1.7 %), level 4 93 (4.2 %). Weakest at level 2 (development): SSRF 82.6 % (internal services 47.4 %, URLs with a trailing dot 77.4 %), GraphQL inline arguments 77.6 %, sort-key SQL injection 70.6 %, NoSQL operators inside a JSON string argument 30.4 %; the false positives were all search-dsl requests.

| level | attacks blocked, development | attacks blocked, hold-out | benign blocked (FP), development | benign blocked (FP), hold-out |
| --- | --- | --- | --- | --- |
${summary.join('\n')}

${beforeAfter}
Attacks per class:

${attackScore.table('cls', 'class')}

Attacks per position:

${attackScore.table('position', 'position')}

Attacks per family:

${attackScore.table('family', 'family')}

Attacks per evasion and transport (a request counts for each part of its variant):

${attackScore.table('variant', 'evasion / transport')}

False positives per benign kind:

${benignScore.table('kind', 'kind')}

False positives per benign kind and variant, development half only:

${benignScore.table('variant', 'kind · variant', false)}

${topRules(benignHalves)}
${blockedByRule(benignHalves[0]!)}`

console.log(body)
if (!values.print) writeResultsSection('waf-api', body)
