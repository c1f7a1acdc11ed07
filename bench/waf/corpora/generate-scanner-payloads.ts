/**
 * Turns the transcriptions of two scanners' payload sets into one list per class, as the corpus-6 reader of
 * bench/waf/payload-eval-2.ts takes them (bench/waf/corpora/README.md, corpus 6):
 * - wapiti/<data file>.payloads: the `payload` value of every section but `[DEFAULT]` of wapiti's attack data
 *   files, in file order, as the file writes it (wapiti's placeholders `[VALUE]`, `[LF]`, `[EXTERNAL_ENDPOINT]`, …
 *   and its `\0` kept); `mod_crlf.py.payloads` holds the one payload of that module as its Python literal;
 * - zap/payloads.tsv: the strings OWASP ZAP's active scan rules send, one a line (rule file, commit read, class,
 *   the string as a JSON string), already composed as the rule composes them, with fixed values for its random parts.
 * Run: npx tsx bench/waf/corpora/generate-scanner-payloads.ts  (writes wapiti/<class>.txt and zap/<class>.txt)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'

const DIR = new URL('./', import.meta.url)

/** wapiti's data file → the class its payloads count for (a remote inclusion of mod_file counts as rfi, below). */
const WAPITI_FILES: Record<string, string> = {
  'execPayloads.ini': 'rce',
  'fileHandlingPayloads.ini': 'path_traversal',
  'blindSQLPayloads.ini': 'sqli',
  'xssPayloads.ini': 'xss',
  'xxePayloads.ini': 'xxe',
  'ldap.ini': 'ldapi',
  'ldapi_payloads.ini': 'ldapi',
  'mod_crlf.py': 'crlf',
}
/**
 * Fixed values for wapiti's placeholders: the original value and its parts as a shop's `page=index.php`-style
 * field holds them, wapiti's default delay (mod_sql's time_to_sleep, 6 s) and endpoint (http://wapiti3.ovh/),
 * one session, path and parameter (`q`, hex 71), one taint for `__XSS__`, and the separators of a double-quoted
 * attribute for the XSS attribute payloads.
 */
const WAPITI_FILL: Array<[string, string]> = [
  ['[EXTERNAL_ENDPOINT]', 'http://wapiti3.ovh/'],
  ['[PROTO_ENDPOINT]', 'wapiti3.ovh/'],
  ['[SESSION_ID]', 'k3x9q2m'],
  ['[PATH_ID]', '42'],
  ['[PARAM_AS_HEX]', '71'],
  ['[DIRVALUE]', 'pages'],
  ['[EXTVALUE]', 'php'],
  ['[FILE_NAME]', 'index.php'],
  ['[VALUE]', 'index'],
  ['[TIME]', '6'],
  ['[ATTR_SEP]', '" '],
  ['[VALUE_SEP]', '"'],
  ['[LF]', '\n'],
  ['[TAB]', '\t'],
  ['[FF]', '\f'],
  ['[NULL]', '\0'],
  ['__XSS__', 'w7k3x9q2m'],
]
/** Python and ini escapes the transcriptions keep as written. */
const ESCAPES: Record<string, string> = { '\\0': '\0', '\\r': '\r', '\\n': '\n' }
/** A list holds one payload a line: control characters are written percent-encoded, as the earlier corpora's pre-encoded payloads. */
const CONTROL: Record<string, string> = { '\r': '%0D', '\n': '%0A', '\t': '%09', '\f': '%0C', '\0': '%00' }
const oneLine = (value: string): string => value.replace(/[\r\n\t\f\0]/g, (c) => CONTROL[c]!)

function add(lists: Map<string, string[]>, cls: string, value: string): void {
  lists.set(cls, [...(lists.get(cls) ?? []), oneLine(value)])
}
function write(dir: string, lists: Map<string, string[]>): string {
  for (const [cls, values] of lists) writeFileSync(new URL(`${dir}/${cls}.txt`, DIR), `${values.join('\n')}\n`)
  return [...lists].map(([c, v]) => `${c} ${v.length}`).join(', ')
}

const wapiti = new Map<string, string[]>()
for (const [file, cls] of Object.entries(WAPITI_FILES)) {
  for (const raw of readFileSync(new URL(`wapiti/${file}.payloads`, DIR), 'utf8').split('\n')) {
    if (raw === '') continue
    let value = raw.replace(/\\[0rn]/g, (e) => ESCAPES[e]!)
    for (const [mark, fill] of WAPITI_FILL) value = value.replaceAll(mark, fill)
    add(wapiti, raw.startsWith('[EXTERNAL_ENDPOINT]') && cls === 'path_traversal' ? 'rfi' : cls, value)
  }
}
console.log('wapiti:', write('wapiti', wapiti))

const zap = new Map<string, string[]>()
for (const line of readFileSync(new URL('zap/payloads.tsv', DIR), 'utf8').split('\n')) {
  if (line === '') continue
  const [, , cls, json] = line.split('\t') as [string, string, string, string]
  add(zap, cls, JSON.parse(json) as string)
}
console.log('zap:', write('zap', zap))
