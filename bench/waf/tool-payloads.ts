/**
 * Detection on attack requests shaped as the common attack tools build them
 * (bench/waf/corpora/tool-payloads.ndjson; how it was made: bench/waf/corpora/README.md):
 * per tool, class, technique, tamper/encoding and position, at every level, for the
 * development half and the hold-out apart.
 * Run: npx tsx bench/waf/tool-payloads.ts [--baseline DIR] [--misses LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout (e.g. a worktree of the
 *   session's start) on the same requests;
 *   --misses LEVEL prints the development half's misses at LEVEL (never the hold-out's)
 *   instead of writing bench/RESULTS.md; --print shows the section without writing it.
 * @module
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import type { ToolRequest } from './corpora/generate-tool-payloads.ts'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { readCorpus } from './benign-score.ts'
import { corpusArgs, scoreCorpus } from './corpus-score.ts'

const values = corpusArgs()

const requests = readCorpus<ToolRequest>('tool-payloads.ndjson')

const score = scoreCorpus(
  requests,
  {
    tool: (r) => [r.tool],
    cls: (r) => [r.class],
    technique: (r) => [`${r.tool} · ${r.technique}`],
    variant: (r) => (r.tool === 'sqlmap' ? r.variant.split(',') : []),
    position: (r) => [r.position],
  },
  values.missesAt,
  (r) => {
    const where = r.position === 'header' ? JSON.stringify(r.headers) : r.position === 'form' || r.position === 'json' ? r.body : r.uri
    console.log('MISS', r.id, r.tool, r.class, r.technique, r.variant, r.position, JSON.stringify(r.payload).slice(0, 400), r.position === 'cookie' ? r.headers?.cookie : where?.slice(0, 300))
  },
)
if (values.missesAt !== null) process.exit(0)

const held = requests.filter((r) => r.holdout).length
const beforeAfter = values.baseline === undefined ? '' : await score.baseline(resolve(values.baseline))

const body = `## WAF on attack requests shaped by attack tools (bench/waf/tool-payloads.ts)

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/tool-payloads.ts${values.baseline === undefined ? '' : ' --baseline <worktree>'}\`.

Corpus: bench/waf/corpora/tool-payloads.ndjson, ${requests.length} requests as sqlmap (boundaries, techniques per DBMS, tamper scripts), ZAP, Burp, XSStrike, dalfox, commix, tplmap/SSTImap, NoSQLMap, LFI scanners and nuclei CVE templates build them, each placed where the tool injects (bench/waf/corpora/README.md). Written blind and committed (bdd981f) before the engine was run on it. Hold-out: ${held} requests (30 % of shapes by hash), never looked at while fixing the engine. Detected = verdict \`block\` at that level. Every request is an attack, so this measures recall only; false positives are measured on the benign sets of \`waf-payloads\`.

First run, engine at the session start (76917a7), all ${requests.length} requests: level 1 3316 (81.6 %), level 2 3536 (87.0 %), level 3 3564 (87.7 %), level 4 3570 (87.9 %) blocked; hold-out at level 2: 1074 of 1226 (87.6 %). Two transport mistakes of the generator were then corrected (e741a25: sqlmap leaves \`%\` raw once a tamper is on; XSStrike puts only blanks around a handler's \`=\`; 258 requests changed, none added or dropped); the before column below runs the session-start engine on the corrected file.

${beforeAfter}
${score.halves()}

Per tool:

${score.table('tool', 'tool')}

Per class:

${score.table('cls', 'class')}

Per position:

${score.table('position', 'position')}

sqlmap per tamper script (a request with a chain counts for each script in it; \`none\`: no tamper):

${score.table('variant', 'tamper')}

Per tool and technique (sqlmap's technique/DBMS), development half only: a technique's hold-out share is a handful of shapes, and reading it one by one would make it a development set:

${score.table('technique', 'tool · technique', false)}
`
console.log(body)
if (!values.print) writeResultsSection('tool-payloads', body)
