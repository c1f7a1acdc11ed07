/**
 * False positives on what shoppers and shop staff type (bench/waf/corpora/benign-text.ndjson: search queries with
 * operators, chemistry and maths, street addresses of twelve countries, rich-text editor HTML and a Word paste, supplier
 * product texts in French and Spanish, support messages and agents' macro replies; sources, licences and placements:
 * bench/waf/corpora/README.md), per source, placement and zone (storefront or back office), at every level, the
 * development half and the hold-out (30 % of texts) apart.
 * Run: npx tsx bench/waf/benign-text.ts [--baseline DIR] [--fps LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout on the same requests;
 *   --fps LEVEL prints the development half's blocked requests at LEVEL (never the hold-out's)
 *   instead of writing bench/RESULTS.md; --print shows the section without writing it.
 * @module
 */
import { resolve } from 'node:path'
import { writeResultsSection } from '../results-file.ts'
import { type Benign, blockedByRule, levelsTable, runLine, scoreBenignCorpus, topRules } from './benign-score.ts'

interface TextRequest extends Benign {
  source: string
  holdout: boolean
}

const { values, requests, score, halves } = scoreBenignCorpus<TextRequest>('benign-text.ndjson', 'benign-text', {
  source: (r) => [r.source],
  kind: (r) => [r.kind],
  zone: (r) => [r.zone ?? 'storefront'],
})

const beforeAfter = values.baseline === undefined ? '' : await score.baseline(resolve(values.baseline))
const held = halves[1].requests.length

const body = `## WAF false positives on what shoppers and shop staff type (bench/waf/benign-text.ts)

${runLine('benign-text.ts', values.baseline)}

Benign: bench/waf/corpora/benign-text.ndjson, ${requests.length} requests carrying text written elsewhere, placed as a browser sends it to the storefront or, as staff, to the back office: search queries with operators (search-query-parser's and the lucene parser's test queries: \`-"phrase"\`, \`from:\`, \`AND\`/\`OR\`/\`NOT\`, \`&&\`, \`||\`, ranges, wildcards) in the search page, its suggestions, a recent-searches cookie and the back office's product and order search; chemistry and maths (mhchem's and TipTap's test inputs: \`A <=> B\`, \`CrO4^2-\`, \`$\\frac{1}{2}$\`) in searches, product questions and reviews; street addresses of twelve countries (OpenCage's address-formatting tests) in checkout forms, a headless checkout's JSON, an address lookup and an order edit; rich-text editor HTML (Quill's clipboard tests, a Word 2016 paste from CKEditor 5's fixtures with its \`file:///\` links and conditional comments, TipTap link documents, a Shopify admin product) saved as a WordPress-style form, product JSON and a blog comment; a supplier's French and Spanish product sheets (Open Food Facts' Carrefour fixtures) saved in the back office; and support messages with agents' macro replies (Bitext's dataset, \`{{Placeholder}}\` slots) in a contact form, a chat widget and a help desk. Hold-out: the requests of 30 % of texts by FNV-1a (${held} requests), never printed request by request. A blocked request is a false positive.

${levelsTable(score.now, halves)}

${beforeAfter}
Blocked per source:

${score.table('source', 'source')}

Blocked per placement:

${score.table('kind', 'placement')}

Blocked per zone:

${score.table('zone', 'zone')}

${topRules(halves)}
${blockedByRule(halves[0]!)}`
console.log(body)
if (!values.print) writeResultsSection('waf-benign-text', body)
