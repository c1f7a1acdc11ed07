import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { createCombinedParser } from './combined.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const options = { ...DEFAULT_PARSER_OPTIONS, file: 'combined.log' }
const lines = fixtureLines('combined.log')
const results = collectResults(createParser('combined', options), lines)

function eventAt(rs: Parameters<typeof httpAt>[0], line: number): ReturnType<typeof httpAt> {
  const e = httpAt(rs, line)
  expect(e.log_line).toBe(line)
  return e
}

describe('combined parser on the fixture', () => {
  it('yields exactly one result per line', () => {
    expect(results).toHaveLength(lines.length)
    expect(results.map((r) => r.kind)).toEqual([
      'http', 'http', 'http', 'http', 'http', 'http', 'http', 'http', 'http', 'http', 'error', 'skip', 'error', 'http', 'error',
    ])
  })

  it('reads a plain combined line', () => {
    const e = eventAt(results, 1)
    expect(e).toMatchObject({
      event_id: '',
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      source_ip: '203.0.113.7',
      source_peer_ip: '203.0.113.7',
      http_request_method: 'GET',
      url_original: '/product/1234?ref=home',
      url_path: '/product/1234',
      url_query: 'ref=home',
      url_extension: null,
      url_is_static: false,
      http_version: 'HTTP/1.1',
      http_response_status_code: 200,
      http_response_bytes: 5123,
      http_request_referrer: 'https://shop.example/',
      user_agent_original: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0',
      user_name: null,
      labels: null,
      log_format: 'combined',
      log_file: 'combined.log',
      message: lines[0],
    })
  })

  it('maps appended key=value fields to columns and keeps the rest as labels', () => {
    const e = eventAt(results, 2)
    expect(e.ts).toBe(Date.UTC(2026, 10, 25, 9, 0, 1))
    expect(e.event_duration).toBe(0.012)
    expect(e.upstream_duration).toBe(0.01)
    expect(e.url_domain).toBe('shop.example')
    expect(e.http_x_forwarded_for).toBe('1.2.3.4, 10.0.0.1')
    expect(e.session_id).toBe('abc')
    expect(e.tls_client_ja4).toBe('t13d1516h2_8daaf6152771_e5627efa2ab1')
    expect(e.user_name).toBe('alice')
    expect(e.device_id).toBe('d123')
    expect(e.http_request_content_type).toBe('application/json; charset=utf-8')
    expect(e.labels).toEqual({ cache: 'MISS' })
    expect(e.http_request_referrer).toBeNull()
    expect(e.http_version).toBe('HTTP/2.0')
  })

  it('reads IPv6 peers, the remote user and negative zones', () => {
    const e = eventAt(results, 3)
    expect(e.source_ip).toBe('2001:db8:85a3::8a2e:370:7334')
    expect(e.user_name).toBe('bob')
    expect(e.ts).toBe(Date.UTC(2026, 10, 25, 17, 0, 2))
    expect(e.url_extension).toBe('js')
    expect(e.url_is_static).toBe(true)
  })

  it('un-escapes quotes inside request, referer and user agent', () => {
    const e = eventAt(results, 4)
    expect(e.url_original).toBe('/search?q="shoes"')
    expect(e.url_query).toBe('q="shoes"')
    expect(e.http_request_referrer).toBe('https://evil.example/?a="b"')
    expect(e.user_agent_original).toBe('Mozilla/5.0 "quoted" agent')
  })

  it('turns a dash in every field into nulls', () => {
    const e = eventAt(results, 5)
    expect(e).toMatchObject({
      source_ip: null, user_name: null, http_request_method: null, url_original: null,
      http_response_status_code: null, http_response_bytes: null, http_request_referrer: null, user_agent_original: null,
    })
  })

  it('keeps a TLS handshake sent to the plain-text port as an event with the raw request text', () => {
    const e = eventAt(results, 6)
    expect(e.http_request_method).toBeNull()
    expect(e.url_original).toBe('\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03')
    expect(e.url_path).toBeNull()
    expect(e.http_response_status_code).toBe(400)
  })

  it('strips the CR of CRLF lines', () => {
    const e = eventAt(results, 7)
    expect(e.user_agent_original).toBe('curl/8.5.0')
    expect(e.message.endsWith('\r')).toBe(false)
    expect(e.http_request_method).toBe('HEAD')
  })

  it('keeps replacement characters from invalid UTF-8', () => {
    const e = eventAt(results, 8)
    expect(e.user_agent_original).toBe('bad \uFFFD\uFFFD agent')
    expect(e.url_path).toBe('/café')
  })

  it('decodes nginx \\xHH escapes as UTF-8', () => {
    const e = eventAt(results, 9)
    expect(e.url_query).toBe('name=José"')
    expect(e.user_agent_original).toBe('x"y')
  })

  it('accepts unusual methods and absolute-form targets', () => {
    const e = eventAt(results, 10)
    expect(e.http_request_method).toBe('PROPFIND')
    expect(e.url_domain).toBe('shop.example')
    expect(e.url_path).toBe('/dav/file.css')
    expect(e.url_is_static).toBe(true)
  })

  it('quarantines a bad status with a reason that names it', () => {
    expect(results[10]).toEqual({ kind: 'error', line: 11, reason: "status is not a number: 'abc'", raw: lines[10] })
  })

  it('skips blank lines', () => {
    expect(results[11]).toEqual({ kind: 'skip', line: 12 })
  })

  it('quarantines an impossible time', () => {
    expect(results[12]).toMatchObject({ kind: 'error', line: 13, reason: "time is not a dd/Mon/yyyy:hh:mm:ss +zzzz timestamp: '99/Foo/2026:10:00:10 +0000'" })
  })

  it('keeps unencoded spaces in the target and reads the third quoted field as X-Forwarded-For', () => {
    const e = eventAt(results, 14)
    expect(e.url_path).toBe('/a b.html')
    expect(e.http_version).toBe('HTTP/1.1')
    expect(e.http_x_forwarded_for).toBe('9.9.9.9')
  })

  it('quarantines a truncated last line', () => {
    expect(results[14]).toMatchObject({ kind: 'error', line: 15, reason: 'the request is not closed by a quote (truncated line?)' })
  })

  it('reads a remote user with a space and ignores a byte-order mark', () => {
    const [r] = collectResults(createParser('combined', options), ['\uFEFF1.1.1.1 - John Doe [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"'])
    expect(r).toMatchObject({ kind: 'http', event: { source_ip: '1.1.1.1', user_name: 'John Doe' } })
  })

  it('keeps odd trailing tokens as numbered fields', () => {
    const [r] = collectResults(createParser('combined', options), ['1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" - ="x y" 123 a=b=c'])
    expect(r).toMatchObject({ kind: 'http', event: { labels: { field_4: '="x', field_5: 'y"', field_6: '123', a: 'b=c' } } })
  })

  it('keeps fields named like object properties as labels, and an unparsed time too', () => {
    const [r] = collectResults(createParser('combined', options), ['1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" constructor=x toString=y rt=fast'])
    expect(r).toMatchObject({ kind: 'http', event: { event_duration: null, labels: { constructor: 'x', toString: 'y', rt: 'fast' } } })
  })

  it('takes configured session cookie names as session keys', () => {
    const p = createParser('combined', { ...options, sessionCookies: ['PHPSESSID'] })
    const [r] = collectResults(p, ['1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" PHPSESSID=xyz'])
    expect(r).toMatchObject({ kind: 'http', event: { session_id: 'xyz', labels: null } })
  })

  it('truncates message to maxMessageBytes without splitting a character', () => {
    const long = `1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET /${'é'.repeat(600)} HTTP/1.1" 200 1`
    const [r] = collectResults(createParser('combined', { ...options, maxMessageBytes: 256 }), [long])
    if (r?.kind !== 'http') throw new Error('expected http')
    expect(new TextEncoder().encode(r.event.message).length).toBeLessThanOrEqual(256)
    expect(r.event.message.includes('\uFFFD')).toBe(false)
    expect(r.event.url_path).toBe(`/${'é'.repeat(600)}`)
  })

  it('parses an 8 KB URL whole', () => {
    const path = `/search?q=${'a'.repeat(8192)}`
    const [r] = collectResults(createParser('combined', options), [`1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET ${path} HTTP/1.1" 414 0 "-" "-"`])
    expect(r).toMatchObject({ kind: 'http', event: { url_original: path, http_response_status_code: 414 } })
  })

  it('reads common lines (no referer or user agent) and records the declared format', () => {
    const common = collectResults(createParser('common', { ...options, file: 'common.log' }), fixtureLines('common.log'))
    expect(common.map((r) => r.kind)).toEqual(['http', 'http', 'skip'])
    const e = eventAt(common, 1)
    expect(e).toMatchObject({ log_format: 'common', user_name: 'frank', ts: 971211336000, http_response_bytes: 2326, user_agent_original: null })
    expect(eventAt(common, 2).http_response_bytes).toBeNull()
  })

  it('is detected as combined, and the common fixture as common', () => {
    expect(detectFormat(lines)).toBe('combined')
    expect(detectFormat(fixtureLines('common.log'))).toBe('common')
  })

  it("reads Apache's vhost_combined (%v:%p first) and an address logged with its port", () => {
    const r = collectResults(createParser('combined', { ...DEFAULT_PARSER_OPTIONS, file: 'vhosts.log' }), [
      'Shop.Example:443 203.0.113.7 - - [25/Nov/2026:10:00:00 +0000] "GET /p/1 HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      '203.0.113.7:51234 - - [25/Nov/2026:10:00:00 +0000] "GET /p/1 HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      '2001:db8::1 - - [25/Nov/2026:10:00:00 +0000] "GET /p/1 HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      'localhost:80 ::1 - bob smith [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5',
      '203.0.113.7:99999 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5',
    ])
    expect(r[0]).toMatchObject({ kind: 'http', event: { source_ip: '203.0.113.7', url_domain: 'shop.example', user_name: null, labels: { server_port: '443' }, user_agent_original: 'Mozilla/5.0' } })
    expect(r[1]).toMatchObject({ kind: 'http', event: { source_ip: '203.0.113.7', source_port: 51234, url_domain: null, labels: null } })
    expect(r[2]).toMatchObject({ kind: 'http', event: { source_ip: '2001:db8::1', source_port: null, url_domain: null } })
    expect(r[3]).toMatchObject({ kind: 'http', event: { source_ip: '::1', url_domain: 'localhost', user_name: 'bob smith' } })
    expect(r[4]).toMatchObject({ kind: 'http', event: { source_ip: '203.0.113.7', source_port: null } })
  })
})

describe('combined parser on lines with fields it does not name', () => {
  const JA4 = 't13d1516h2_8daaf6152771_02713d6af862'
  const head = (i: number) => `203.0.113.${i} - - [20/Nov/2026:08:00:0${i} +0000] "GET /p/${i} HTTP/2.0" 200 ${100 + i} "-" "Mozilla/5.0 (X11; Linux x86_64)"`
  // The shape of a shop's `combined` + `$request_time "$cookie_sid" "$http_x_ja4"`, a cookie-less request among them.
  const rich = [
    `${head(1)} 0.100 "-" "${JA4}"`,
    `${head(2)} 0.012 "go2fo3ju4sw640qwruyfn7assd" "${JA4}"`,
    `${head(3)} 1.250 "almpymvjrmhfyiiegkzmscfmjo" "t13d1717h2_5b57614c22b0_3cbfd9057e0d"`,
  ]
  const RICH_FORMAT = 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time "$cookie_NAME" "$http_x_ja4"'

  it('reports how many lines, which labels, a sample and a guess of each, and a format that names them', () => {
    const p = createCombinedParser('combined', options)
    collectResults(p, rich)
    expect(p.unnamedFields()).toEqual({
      lines: 3,
      fields: [
        { label: 'field_3', lines: 3, sample: '0.100', shape: 'seconds', variable: '$request_time', column: null },
        { label: 'field_4', lines: 2, sample: 'go2fo3ju4sw640qwruyfn7assd', shape: 'token', variable: '$cookie_NAME', column: null },
        { label: 'field_5', lines: 3, sample: JA4, shape: 'ja4', variable: '$http_x_ja4', column: 'tls_client_ja4' },
      ],
      format: RICH_FORMAT,
    })
  })

  it('suggests a format that, with the cookie named, reads the lines into the columns the fields belong in', () => {
    const p = createCombinedParser('combined', options)
    const auto = collectResults(p, rich)
    const named = collectResults(createParser(p.unnamedFields()!.format!.replace('NAME', 'sid'), options), rich)
    expect(named.map((r) => r.kind === 'http' && [r.event.event_duration, r.event.session_id, r.event.tls_client_ja4, r.event.labels])).toEqual([
      [0.1, null, JA4, null],
      [0.012, 'go2fo3ju4sw640qwruyfn7assd', JA4, null],
      [1.25, 'almpymvjrmhfyiiegkzmscfmjo', 't13d1717h2_5b57614c22b0_3cbfd9057e0d', null],
    ])
    const columns = (r: (typeof auto)[number]) => r.kind === 'http' && [r.event.ts, r.event.source_ip, r.event.url_original, r.event.user_agent_original]
    expect(named.map(columns)).toEqual(auto.map(columns))
  })

  it('never takes a session id from a shape, and keeps every value as its label', () => {
    const [, r] = collectResults(createCombinedParser('combined', options), rich)
    expect(r).toMatchObject({
      kind: 'http',
      event: { session_id: null, event_duration: null, labels: { field_3: '0.012', field_4: 'go2fo3ju4sw640qwruyfn7assd', field_5: JA4 } },
    })
  })

  it('stores an unnamed JA4 fingerprint in its column too', () => {
    const [r] = collectResults(createCombinedParser('combined', options), [`${head(1)} "${JA4}"`])
    expect(r).toMatchObject({ kind: 'http', event: { tls_client_ja4: JA4, http_x_forwarded_for: null, labels: { field_3: JA4 } } })
  })

  it.each([
    ['a hex hash that is not JA4', '98487aa16281980e7d1120d399efb6a4'],
    ['a user-agent-like string', 'okhttp/4.12.0 t13d1516h2'],
    ['a JA4 with a stray character', `${JA4}x`],
  ])('leaves tls_client_ja4 empty for %s', (_what, value) => {
    const [r] = collectResults(createCombinedParser('combined', options), [`${head(1)} 0.1 "${value}"`])
    expect(r).toMatchObject({ kind: 'http', event: { tls_client_ja4: null, labels: { field_4: value } } })
  })

  it('reports nothing for plain combined, X-Forwarded-For, or key=value fields, which are named', () => {
    for (const line of [head(1), `${head(1)} "198.51.100.7, 10.0.0.1"`, `${head(1)} rt=0.120 sid=abc123 ja4=${JA4} shop=uk`]) {
      const p = createCombinedParser('combined', options)
      const [r] = collectResults(p, [line])
      expect(r?.kind).toBe('http')
      expect(p.unnamedFields()).toBeNull()
    }
  })

  it('names key=value fields in the format it suggests beside the unnamed ones', () => {
    const p = createCombinedParser('combined', options)
    collectResults(p, [`${head(1)} rt=0.120 "${JA4}" shop="uk 1"`])
    expect(p.unnamedFields()?.format).toBe(
      'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time "$http_x_ja4" shop="$shop"',
    )
  })

  it('reports a third quoted field that is mostly not addresses, though combined reads it as X-Forwarded-For', () => {
    const p = createCombinedParser('combined', options)
    const rs = collectResults(p, [`${head(1)} "-" "${JA4}"`, `${head(2)} "go2fo3ju4sw640qwruyfn7assd" "${JA4}"`])
    expect(rs[1]).toMatchObject({ kind: 'http', event: { http_x_forwarded_for: 'go2fo3ju4sw640qwruyfn7assd', tls_client_ja4: JA4 } })
    expect(p.unnamedFields()).toEqual({
      lines: 2,
      fields: [
        { label: null, lines: 1, sample: 'go2fo3ju4sw640qwruyfn7assd', shape: 'token', variable: '$cookie_NAME', column: 'http_x_forwarded_for' },
        { label: 'field_4', lines: 2, sample: JA4, shape: 'ja4', variable: '$http_x_ja4', column: 'tls_client_ja4' },
      ],
      format: 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$cookie_NAME" "$http_x_ja4"',
    })
  })

  it('leaves X-Forwarded-For alone when only a few of its values are not addresses, as clients send', () => {
    const p = createCombinedParser('combined', options)
    const xff = Array.from({ length: 20 }, (_, i) => `${head(1)} "198.51.100.${i}, 10.0.0.1"`)
    collectResults(p, [...xff, `${head(2)} "<script>alert(1)</script>"`])
    expect(p.unnamedFields()).toBeNull()
  })

  it('suggests no format when the nginx layout cannot read the line as combined did', () => {
    // Apache's vhost_combined: the host and port come first.
    const p = createCombinedParser('combined', options)
    collectResults(p, [`shop.example:443 ${head(1)} 0.100`])
    expect(p.unnamedFields()).toMatchObject({ lines: 1, fields: [{ label: 'field_3' }], format: null })
  })

  it('counts neither a quarantined line nor a dash', () => {
    const p = createCombinedParser('combined', options)
    const rs = collectResults(p, [`${head(1)} 0.100 "unclosed`, `${head(2)} - "-"`, `${head(3)} 0.5`])
    expect(rs.map((r) => r.kind)).toEqual(['error', 'http', 'http'])
    expect(p.unnamedFields()).toMatchObject({ lines: 1, fields: [{ label: 'field_3', lines: 1, sample: '0.5' }] })
  })
})
