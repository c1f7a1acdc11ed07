/**
 * Writes corpus 7's class lists (bench/waf/corpora/README.md, "A seventh corpus") from what seven attack tools send:
 * - sqlmap/*.ndjson.gz: the values a real sqlmap run put in a parameter (sqlmap/capture.sh), a seeded sample of each run;
 * - corpus-7-tools.yaml: the strings XSStrike, commix, SSRFmap, SSTImap, NoSQLMap, w3af and scan4log4shell hold,
 *   expanded here the way each tool composes them (its random parts fixed in the YAML).
 * One payload a line; a control character is written %0D, %0A, %09, %0C, %1A or %00, as the earlier corpora's lists.
 * Run: npx tsx bench/waf/corpora/generate-corpus-7.ts  (writes <tool>/<class>.txt)
 * @module
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { parse } from 'yaml'
import { mulberry32 } from '../../../packages/core/src/util/mulberry32.ts'
import { add, type Lists, sample, write } from './class-lists.ts'

const DIR = new URL('./', import.meta.url)
const product = <A, B>(as: readonly A[], bs: readonly B[]): Array<[A, B]> => as.flatMap((a) => bs.map((b): [A, B] => [a, b]))

const T = parse(readFileSync(new URL('corpus-7-tools.yaml', DIR), 'utf8')) as any

/**
 * sqlmap: 170 values of the level 5 / risk 3 run and 25 of each tamper run. A run sends thousands (every boundary
 * with every test); a sample keeps sqlmap under 40 % of the corpus while covering its techniques in proportion.
 */
{
  const lists: Lists = new Map()
  const runs: Array<[string, number]> = [
    ['level5-risk3', 170],
    ['tamper-between-randomcase-space2comment', 25],
    ['tamper-versionedmorekeywords-equaltolike-space2randomblank', 25],
  ]
  for (const [i, [run, n]] of runs.entries()) {
    const values = gunzipSync(readFileSync(new URL(`sqlmap/${run}.ndjson.gz`, DIR)))
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as string)
    add(lists, 'sqli', sample(values, n, 701 + i))
  }
  write('sqlmap', lists)
}

/** XSStrike: its WAF-evasion payloads and fuzz strings, and a sample of genGen's HTML-context vectors and its attribute vectors. */
{
  const x = T.xsstrike
  const rand = mulberry32(702)
  const randomUpper = (s: string): string => [...s].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('')
  const vectors: string[] = []
  for (const tag of x.tags as string[]) {
    const bait = tag === 'd3v' || tag === 'a' ? 'z' : ''
    for (const [handler, tags] of Object.entries(x.eventHandlers as Record<string, string[]>)) {
      if (!tags.includes(tag)) continue
      for (const fn of x.functions as string[])
        for (const filling of x.fillings as string[])
          for (const eFilling of x.eFillings as string[])
            for (const lFilling of x.lFillings as string[])
              for (const end0 of x.ends as string[]) {
                const end = bait !== '' && (x.ends as string[]).includes('>') ? '>' : end0
                vectors.push(`<${randomUpper(tag)}${filling}${randomUpper(handler)}${eFilling}=${eFilling}${fn}${lFilling}${end}${bait}`)
              }
    }
  }
  const attribute = product(x.fillings as string[], x.functions as string[]).map(([f, fn]) => `"${f}auTOfOcuS${f}OnFoCUs="${fn}`)
  const lists: Lists = new Map()
  add(lists, 'xss', [...x.payloads, ...x.fuzzes, ...sample([...new Set(vectors)], 60, 703), ...attribute])
  write('xsstrike', lists)
}

/**
 * commix: the classic (results-based), alternative-shell and time-based decision payloads and the classic command
 * execution for every separator at level 1, and a sample of the level-3 prefix × separator × suffix combinations.
 */
{
  const c = T.commix
  const seps = c.separators as string[]
  const classic = (sep: string): string => `${sep}echo ${c.tag}$((${c.randv1}%2B${c.randv2}))$(echo ${c.tag})${c.tag}`
  const exec = (sep: string, cmd: string): string => `${sep}echo ${c.tag}$(echo ${c.tag})$(${cmd})$(echo ${c.tag})${c.tag}`
  const alter = (sep: string): string => `${sep}${c.python} -c "print('${c.tag}'%2Bstr(int(${c.randv1}%2B${c.randv2}))%2B'${c.tag}'%2B'${c.tag}')"`
  const len = String(c.tag.length)
  const v = c.var as string
  const timeBased = (sep: string): string | null => {
    if (sep === ';' || sep === '%0a') return `${sep}${v}=$(echo ${c.tag})${sep}${v}1=\${#${v}}${sep}if [ ${len} -eq $${v}1 ]${sep}then sleep ${c.timesec}${sep}fi`
    if (sep === '%26%26') return `%26sleep 0 ${sep}${v}=$(echo ${c.tag})${sep}${v}1=\${#${v}}${sep}[ ${len} -eq $${v}1 ]${sep}sleep ${c.timesec}`
    if (sep === '||') return `|[ ${len} -ne $(echo ${c.tag} |tr -d '\\n' |wc -c) ]${sep}sleep ${c.timesec}`
    return null
  }
  const level1 = seps.flatMap((s) => [classic(s), alter(s), ...(c.commands as string[]).map((cmd) => exec(s, cmd)), timeBased(s)]).filter((p): p is string => p !== null)
  const junk = new Set(product(seps, seps).map(([a, b]) => a + b))
  const prefixes = ['', ...seps, ...(c.prefixes_lvl3_extra as string[])]
  const suffixes = ['', ...seps, ...(c.suffixes_lvl3_extra as string[])]
  const combos: string[] = []
  for (const p of prefixes)
    for (const s of seps)
      for (const x of suffixes) {
        if ((p === '' && x === '') || junk.has(p + s)) continue
        combos.push(`${p}${classic(s)}${x}`)
      }
  const lists: Lists = new Map()
  add(lists, 'rce', [...level1, ...sample(combos, 40, 704)])
  write('commix', lists)
}

/** SSRFmap: readfiles' file:// URLs, the cloud-metadata modules' endpoints, and each host-looping module for every host of levels 1-5. */
{
  const s = T.ssrfmap
  const f = T.fill
  const redisLen = String(65 - 'SERVER_HOST'.length - 'SERVER_PORT'.length + f.lhost.length + f.lport.length)
  const fillHost = (tpl: string, ip: string): string =>
    tpl.replaceAll('{ip}', ip).replaceAll('{lhost}', f.lhost).replaceAll('{lport}', f.lport).replaceAll('{redis_len}', redisLen)
  const lists: Lists = new Map()
  add(lists, 'ssrf', [
    ...(s.readfiles as string[]).map((p) => `file://${p}`),
    ...(s.endpoints as string[][]).map(([host, path, port]) => `http://${host}:${port}/${path}`),
    ...(s.per_host as string[]).flatMap((tpl) => (s.hosts as string[]).map((ip) => fillHost(tpl, ip))),
    ...s.once,
  ])
  write('ssrfmap', lists)
}

/** SSTImap: the composed payloads per engine, as transcribed. */
{
  const lists: Lists = new Map()
  add(lists, 'ssti', (T.sstimap as Array<{ payloads: string[] }>).flatMap((e) => e.payloads))
  write('sstimap', lists)
}

/** NoSQLMap: the web tests' values and injStrings' $where breakouts (left part × statement × right part). */
{
  const n = T.nosqlmap
  const where = (n.where_left as string[]).flatMap((l) => (n.where_info as string[]).flatMap((i) => (n.where_right as string[]).map((r) => `${l}${i}${r}`)))
  const lists: Lists = new Map()
  add(lists, 'nosqli', [...n.sent, ...where])
  write('nosqlmap', lists)
}

/** w3af: each audit plugin's strings, composed as the plugin composes them. */
{
  const w = T.w3af
  const lists: Lists = new Map()
  add(lists, 'xpathi', w.xpath)
  add(lists, 'ldapi', w.ldapi)
  add(lists, 'mail', w.mx_injection)
  add(lists, 'crlf', [...w.response_splitting, ...w.memcachei])
  add(lists, 'ssi', w.ssi)
  add(lists, 'ssti', w.ssti)
  const specials = w.os_special_chars as string[]
  add(lists, 'rce', [
    ...w.eval,
    ...w.shell_shock,
    ...specials.flatMap((sc) => (w.os_echo as string[]).map((cmd) => sc + cmd)),
    ...w.os_echo_extra,
    ...specials.flatMap((sc) => (w.os_wait as string[]).map((cmd) => sc + cmd)),
    ...w.os_wait_extra,
  ])
  add(lists, 'path_traversal', [
    ...w.lfi,
    ...(w.lfi_deep as string[]).map((t) => '/../'.repeat(15) + t),
    ...(w.lfi_shallow as string[]).map((t) => '../'.repeat(15) + t),
  ])
  add(lists, 'xxe', [
    ...(w.xxe_files as string[]).flatMap((file) => (w.xxe_generic as string[]).map((p) => p.replace('%s', file))),
    ...w.xxe_linux,
    ...w.xxe_windows,
  ])
  write('w3af', lists)
}

/** scan4log4shell: its WAF-bypass lookups and the CVE-2021-45046 one, with the catcher's address filled in. */
{
  const j = T.scan4log4shell
  const lists: Lists = new Map()
  add(lists, 'jndi', (j.templates as string[]).map((t) => t.replaceAll('{{ .CADDR }}', j.caddr).replaceAll('{{ .Resource }}', j.resource)))
  write('scan4log4shell', lists)
}
