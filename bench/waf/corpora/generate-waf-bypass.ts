/**
 * Turns the transcription of nemesida-waf/waf-bypass (bench/waf/corpora/waf-bypass/payloads.tsv: one
 * payload JSON file a line, its path, the commit read and the value as the file's JSON string holds it)
 * into one list per class, as the corpus-5 reader of bench/waf/payload-eval-2.ts takes them.
 * The tool keeps each payload in a JSON file of zones (URL, ARGS, BODY, COOKIE, …); the transcription
 * holds the shortest zone value, so the value without the form fields some zones add around it, with
 * the tool's random parameter name (`param%RND%=`) left out (bench/waf/corpora/README.md, corpus 5).
 * Run: npx tsx bench/waf/corpora/generate-waf-bypass.ts  (writes waf-bypass/<class>.txt)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs'

const DIR = new URL('./waf-bypass/', import.meta.url)
/** The tool's folder → the class it is counted for. */
const CLASSES: Record<string, string> = {
  SQLi: 'sqli',
  XSS: 'xss',
  RCE: 'rce',
  LFI: 'path_traversal',
  RFI: 'rfi',
  SSRF: 'ssrf',
  SSTI: 'ssti',
  SSI: 'ssi',
  NoSQLi: 'nosqli',
  LDAP: 'ldapi',
}
/** Fixed values for the tool's placeholders, as corpus 4 fills nuclei's. */
const PLACEHOLDERS: Array<[string, string]> = [
  ['%RND%', '48213'],
  ['{{interactsh-url}}', 'd1s7f0h3k5m2p4r6t8v0ybnxk9q3wzhe7.oast.fun'],
]
/** A value that is one `name=value` pair: the name is the tool's parameter, the value is what a shop's field receives. */
const ONE_PAIR = /^[A-Za-z_][A-Za-z0-9_]*=(?=[^&]*$)/
/** A list holds one payload a line: line breaks and tabs inside one are written percent-encoded, as the earlier corpora's pre-encoded payloads. */
const CONTROL: Record<string, string> = { '\r': '%0D', '\n': '%0A', '\t': '%09' }

const lists = new Map<string, string[]>()
for (const line of readFileSync(new URL('payloads.tsv', DIR), 'utf8').split('\n')) {
  if (line === '') continue
  const [path, , raw] = line.split('\t') as [string, string, string]
  const folder = path.split('/')[1]!
  const cls = CLASSES[folder]
  if (cls === undefined) throw new Error(`${path}: no class for folder ${folder}`)
  let value = JSON.parse(`"${raw}"`) as string
  for (const [mark, fill] of PLACEHOLDERS) value = value.replaceAll(mark, fill)
  value = value.replace(ONE_PAIR, '').replace(/[\r\n\t]/g, (c) => CONTROL[c]!)
  lists.set(cls, [...(lists.get(cls) ?? []), value])
}
for (const [cls, values] of lists) writeFileSync(new URL(`${cls}.txt`, DIR), `${values.join('\n')}\n`)
console.log([...lists].map(([c, v]) => `${c} ${v.length}`).join(', '))
