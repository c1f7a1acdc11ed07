/**
 * Writes corpus 9's class lists (bench/waf/corpora/README.md, "A ninth corpus") from what XSSer sends, the attack values
 * of OWASP Nettacker's vulnerability modules and the header-injection strings of Monolog's mail handler tests, transcribed
 * in corpus-9-tools.yaml; xsser's vectors are filled here the way its get_url_payload fills them (PAYLOAD → 'XSS' → one
 * fixed MD5-shaped hash; a [B64] part base64-encoded).
 * One payload a line; a control character is written %0D, %0A, as the earlier corpora's lists.
 * Run: npx tsx bench/waf/corpora/generate-corpus-9.ts  (writes <tool>/<class>.txt)
 * @module
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { add, type Lists, sample, write } from './class-lists.ts'

const T = parse(readFileSync(new URL('corpus-9-tools.yaml', import.meta.url), 'utf8')) as {
  xsser: { hash: string; vectors: string[]; dcp: string[]; dom: string[]; httpsr: string[] }
  monolog: { mail_header: string[] }
  nettacker: Record<'jndi' | 'rce' | 'path_traversal' | 'sqli' | 'ssrf' | 'xss' | 'xxe', string[]> & { grafana_path: string; grafana_plugins: string[] }
}

/** xsser: PAYLOAD and VECTOR become DEFAULT_XSS_PAYLOAD ('XSS'), which becomes the attack hash. */
const filled = (vector: string): string => {
  const hashed = vector.trim().replaceAll('PAYLOAD', 'XSS').replaceAll('VECTOR', 'XSS').replaceAll('XSS', T.xsser.hash)
  if (!hashed.includes('[B64]')) return hashed
  const [preload, encoded] = hashed.split('[B64]')
  return preload! + Buffer.from(encoded!, 'utf8').toString('base64')
}
/** xsser percent-decodes a DOM vector (urllib.parse.unquote) before sending it, so its %0d%0a travel as line breaks. */
const unquoted = (v: string): string => v.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))

{
  const lists: Lists = new Map()
  add(lists, 'xss', [...T.xsser.vectors, ...T.xsser.dcp].map(filled))
  add(lists, 'xss', T.xsser.dom.map((v) => unquoted(filled(v))))
  add(lists, 'crlf', T.xsser.httpsr.map(filled))
  write('xsser', lists)
}
{
  const lists: Lists = new Map()
  add(lists, 'mail_header', T.monolog.mail_header)
  write('monolog', lists)
}
{
  const n = T.nettacker
  const lists: Lists = new Map()
  for (const cls of ['jndi', 'rce', 'path_traversal', 'sqli', 'ssrf', 'xss', 'xxe'] as const) add(lists, cls, n[cls])
  add(lists, 'path_traversal', sample(n.grafana_plugins, 4, 901).map((plugin) => n.grafana_path.replace('{plugin}', plugin)))
  write('nettacker', lists)
}
