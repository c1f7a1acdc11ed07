/**
 * Detection on the later corpora of public payload lists (2: fuzzdb and payloadbox lists; 3: fuzzdb's
 * HTML5 Security Cheatsheet vectors, XSS polyglots and MSSQL enumeration; 4: nuclei's DAST templates,
 * a NoSQL wordlist and log4j-scan's WAF-bypass lookups; 5: nemesida-waf/waf-bypass and dalfox; 6: OWASP ZAP's active scan
 * rules and wapiti's attack data; 7: what sqlmap, XSStrike, commix, SSRFmap, SSTImap, NoSQLMap, w3af and scan4log4shell send;
 * 8: what skipfish, dotdotpwn, Gopherus, ghauri, Metasploit's HTTP scanners, XSpear, crlfuzz and nosqli send;
 * 9: what XSSer sends, the attack values of OWASP Nettacker's CVE modules and Monolog's mail-header injection tests;
 * 10: libinjection's SQLi and XSS test data, PHPIDS's monitor tests and the mail-header injections of Bun's and gog-lite's tests;
 * bench/waf/corpora/README.md:
 * files, commits, selection rules), none of whose payloads is in an earlier corpus, placed in the
 * same six positions as bench/waf/payload-eval.ts: per class, position and source file, at every
 * level, the development half and the 30 % hold-out apart. Every request is an attack; false
 * positives are payload-eval.ts's benign sets.
 * Run: npx tsx bench/waf/payload-eval-2.ts [--corpus 2|3|4|5|6|7|8|9|10] [--baseline DIR] [--misses LEVEL] [--print]
 *   --baseline DIR also scores the engine of another checkout on the same requests;
 *   --misses LEVEL prints the development half's misses at LEVEL (never the hold-out's)
 *   instead of writing bench/RESULTS.md; --print shows the section without writing it.
 * @module
 */
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { machineLine, writeResultsSection } from '../results-file.ts'
import { readCorpus } from './benign-score.ts'
import { corpusArgs, type Labelled, scoreCorpus } from './corpus-score.ts'
import { type Payload, place, type Position, POSITIONS, readPayloads } from './payload-lists.ts'

interface Placed extends Labelled {
  payload: Payload
  position: Position
}

/** Each corpus: its sources, what it holds, and its first run as recorded right after it was committed. */
const CORPORA: Record<string, { sources: string; holds: string; firstRun: string }> = {
  '2': {
    sources: 'payload-sources-2.json',
    holds: 'fuzzdb and payloadbox lists',
    firstRun: 'First run, engine at 1657c8a (its WAF is the session start\'s, bae6657) right after the corpus was committed: level 1 1877 (88.1 %), level 2 1939 (91.0 %), level 3 1970 (92.5 %), level 4 1976 (92.8 %) of 2130 requests blocked; at level 2 development 89.9 %, hold-out 536 of 570 (94.0 %); per class at level 2 (development) xss 91.7 %, ssi 100 %, sqli 79.1 %, xxe 66.7 %, ssti 100 %, path_traversal 100 %, rce 100 %, ldapi 0 %.',
  },
  '3': {
    sources: 'payload-sources-3.json',
    holds: "fuzzdb's HTML5 Security Cheatsheet vectors, XSS polyglots and MSSQL enumeration lists",
    firstRun: 'First run, engine at 3bc6e8a right after the corpus was committed (the session start\'s engine, bae6657, gives the same figures): level 1 815 (75.9 %), level 2 899 (83.7 %), level 3 and 4 926 (86.2 %) of 1074 requests blocked; at level 2 development 84.8 % (xss 85.3 %, sqli 77.8 %), hold-out 217 of 270 (80.4 %).',
  },
  '4': {
    sources: 'payload-sources-4.json',
    holds: "nuclei's DAST fuzzing templates, cr0hn's MongoDB injection wordlist and log4j-scan's WAF-bypass lookups",
    firstRun: 'First run, engine at 6ad694a right after the corpus was committed (the session start\'s engine, c65553b, gives the same figures): level 1 2492 (86.7 %), level 2 and 3 2670 (92.9 %), level 4 2688 (93.5 %) of 2874 requests blocked; at level 2 development 92.6 % (crlf 92.3 %, rce 86.7 %, sqli 100 %, path_traversal 97.6 %, ssti 81.3 %, ssrf, jndi, xss and xxe 100 %), hold-out 780 of 834 (93.5 %).',
  },
  '5': {
    sources: 'payload-sources-5.json',
    holds: "nemesida-waf/waf-bypass's payload files and dalfox's built-in payload lists",
    firstRun: 'First run, engine at 515bb60 right after the corpus was committed (its WAF is the session start\'s, 048175a, which gives the same figures): level 1 1518 (79.6 %), level 2 1583 (83.0 %), level 3 1595 (83.6 %), level 4 1607 (84.2 %) of 1908 requests blocked; at level 2 development 82.7 % (xss 93.5 %, sqli 68.2 %, ssti 85.0 %, rce 44.4 %, ldapi 100 %, nosqli 50.0 %, path_traversal 71.7 %, ssrf 80.0 %, rfi and ssi 100 %, crlf 16.7 %), hold-out 487 of 582 (83.7 %).',
  },
  '6': {
    sources: 'payload-sources-6.json',
    holds: "OWASP ZAP's active scan rules and wapiti's attack payload files",
    firstRun: 'First run, engine at 50f7a52 right after the corpus was committed (its WAF is the session start\'s, eae4b7c): level 2 3706 of 4368 requests blocked (84.8 %); development level 1 77.6 %, level 2 84.1 % (2564 of 3048), level 3 and 4 84.3 %; hold-out level 1 77.7 %, level 2 86.5 % (1142 of 1320), level 3 86.5 %, level 4 87.0 %; per class at level 2 (development) sqli 99.4 %, rce 81.1 % (wapiti\'s list 44.4 %), path_traversal 90.2 %, xss 94.2 %, rfi 19.0 %, ssti 89.5 %, nosqli 93.3 %, jndi 100 %, ldapi 33.3 %, xxe 100 %, crlf 77.8 %, ssi 100 %.',
  },
  '7': {
    sources: 'payload-sources-7.json',
    holds: 'what sqlmap (a captured run), XSStrike, commix, SSRFmap, SSTImap, NoSQLMap, w3af and scan4log4shell send',
    firstRun: 'First run, engine at b52ba33 right after the corpus was committed (its WAF is the session start\'s, d2e79dd, which gives the same figures): level 1 3909 (81.9 %), level 2 4317 (90.5 %), level 3 and 4 4395 (92.1 %) of 4770 requests blocked; at level 2 development 90.0 %, hold-out 1283 of 1398 (91.8 %); per class at level 2 (development) sqli 96.6 %, ssrf 86.4 %, rce 94.7 % (w3af\'s 86.1 %), xss 86.3 %, nosqli 70.4 %, ssti 87.0 %, path_traversal 93.8 %, xxe, jndi and ssi 100 %, crlf 36.7 %, xpathi 0 % (ldapi only in the hold-out, 0 %).',
  },
  '8': {
    sources: 'payload-sources-8.json',
    holds: "what skipfish, dotdotpwn, Gopherus, ghauri, Metasploit's HTTP scanner modules, XSpear, crlfuzz and nosqli send",
    firstRun: 'First run, engine at c77f9b4 right after the corpus was committed (its WAF is the session start\'s, 7b7cb85, which gives the same figures): level 1 1914 (66.2 %), level 2 2280 (78.8 %), level 3 and 4 2294 (79.3 %) of 2892 requests blocked; at level 2 development 79.0 % (1478 of 1872), hold-out 802 of 1020 (78.6 %); per class at level 2 (development) path_traversal 73.0 % (dotdotpwn\'s list 50.9 %), sqli 83.3 % (skipfish\'s quote probes 9.1 %), nosqli 80.4 %, xss 87.5 % (skipfish\'s 20.0 %), crlf 80.6 %, rce 55.6 %, ssrf 100 %, rfi 0 %.',
  },
  '9': {
    sources: 'payload-sources-9.json',
    holds: "what XSSer sends (its XSS, data-URL, DOM and response-splitting vectors), the attack values of OWASP Nettacker's CVE modules and the mail-header injections of Monolog's mail handler tests",
    firstRun: 'First run, engine at b6fe8d9 right after the corpus was committed (its WAF is the session start\'s, c9281f5): level 1 1242 (73.4 %), level 2 1348 (79.7 %), level 3 and 4 1365 (80.7 %) of 1692 requests blocked; at level 2 development 78.8 % (912 of 1158), hold-out 436 of 534 (81.6 %); per class at level 2 (development) xss 78.5 % (xsser\'s vectors 78.0 %, Nettacker\'s probes 100 %), crlf 100 %, path_traversal 72.2 %, rce 60.0 %, mail_header 50.0 % (level 3 100 %), jndi and xxe 100 %; sqli and ssrf are only in the hold-out.',
  },
  '10': {
    sources: 'payload-sources-10.json',
    holds: "libinjection's SQLi and XSS test data, the attack strings of PHPIDS's monitor tests and the mail-header injections of Bun's and gog-lite's tests",
    firstRun: 'First run, engine at 67048ef right after the corpus was committed (its WAF is the session start\'s, 54af521): level 1 2366 (51.3 %), level 2 2672 (57.9 %), level 3 and 4 2775 (60.1 %) of 4614 requests blocked; at level 2 development 56.4 % (1801 of 3192), hold-out 871 of 1422 (61.3 %); per class at level 2 (development) sqli 47.5 % (PHPIDS\'s lists 34.9 %, libinjection\'s implicit-conversion list 6.9 %, its misc list 78.0 %), xss 96.8 %, rce 84.6 %, mail_header 100 %, path_traversal 100 %, nosqli 83.3 %; ldapi is only in the hold-out.',
  },
}
const values = corpusArgs()
const name = values.corpus ?? '2'
const corpus = CORPORA[name]
if (corpus === undefined) throw new Error(`--corpus takes ${Object.keys(CORPORA).join(', ')}`)
/** The payloads of every earlier corpus, as each selected them: a later corpus measures only what they do not hold. */
const earlier = new Set<string>(readPayloads('attack-sources.json').map((p) => p.text))
for (const [n, c] of Object.entries(CORPORA)) {
  if (Number(n) >= Number(name)) continue
  for (const p of readPayloads(c.sources, { exclude: earlier })) earlier.add(p.text)
}
/**
 * From corpus 4 on, a payload is new only if its trimmed text is in no earlier corpus, the request corpora's
 * composed payloads included: a list that re-sends what tool-payloads, exploits or api-attacks hold measures nothing new.
 */
const earlierTrimmed = new Set<string>(
  Number(name) < 4 ? [] : [...earlier, ...['tool-payloads.ndjson', 'exploits.ndjson', 'api-attacks.ndjson'].flatMap((f) => readCorpus<{ payload: string }>(f).map((r) => r.payload))].map((t) => t.trim()),
)
const payloads = readPayloads(corpus.sources, { exclude: earlier }).filter((p) => !earlierTrimmed.has(p.text.trim()))
const requests: Placed[] = payloads.flatMap((payload) => POSITIONS.map((position) => ({ ...place(payload.text, position), holdout: payload.holdout, payload, position })))

const score = scoreCorpus(
  requests,
  { cls: (r) => [r.payload.cls], position: (r) => [r.position], file: (r) => [r.payload.file] },
  values.missesAt,
  (r) => console.log('MISS', r.payload.cls, r.position, r.payload.file, JSON.stringify(r.payload.text)),
)
if (values.missesAt !== null) process.exit(0)

const held = payloads.filter((p) => p.holdout).length
const beforeAfter = values.baseline === undefined ? '' : await score.baseline(resolve(values.baseline))

const body = `## WAF on corpus ${name} of public payload lists (bench/waf/payload-eval-2.ts${name === '2' ? '' : ` --corpus ${name}`})

${machineLine()} Load average (1, 5, 15 min) at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')}; command: \`npx tsx bench/waf/payload-eval-2.ts${name === '2' ? '' : ` --corpus ${name}`}${values.baseline === undefined ? '' : ' --baseline <worktree>'}\`.

Attacks: ${payloads.length} payloads from ${corpus.holds} (bench/waf/corpora/${corpus.sources}; README: files, commits, licences and selection rules, which drop every payload already in an earlier corpus: \`waf-payloads\`${name === '2' ? '' : ', \`waf-payloads-2\`'}${Number(name) >= 4 ? `, \`waf-payloads-3\`${Array.from({ length: Number(name) - 4 }, (_, i) => `, \`waf-payloads-${i + 4}\``).join('')} and the payloads of \`tool-payloads\`, \`waf-exploits\` and \`waf-api\`, compared trimmed` : ''}), each placed in the same ${POSITIONS.length} positions as there (${POSITIONS.join(', ')}) = ${requests.length} requests. Hold-out: ${held} payloads (${held * POSITIONS.length} requests; FNV-1a of the text % 10 < 3), never looked at while fixing the engine. Detected = verdict \`block\` at that level. False positives are measured on the benign sets of \`waf-payloads\`.

${corpus.firstRun}

${beforeAfter}
${score.report([['cls', 'class', 'Per class'], ['position', 'position', 'Per position'], ['file', 'file', 'Per source file']])}
`
console.log(body)
if (!values.print) writeResultsSection(`waf-payloads-${name}`, body)
