import { describe, expect, it } from 'vitest'
import { isVigilError } from '../../errors/vigil-error.ts'
import { createParser } from '../create-parser.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'
import { compileNginxFormat, cookiesNotSession } from './nginx-format.ts'

const options = { ...DEFAULT_PARSER_OPTIONS, file: 'nginx-custom.log' }
const FORMAT =
  '$time_iso8601 $remote_addr:$remote_port $host "$request" $status $body_bytes_sent $request_time "$upstream_response_time" "$http_user_agent" "$http_cookie" ja4=$ssl_ja4 ck=$cookie_sid tenant=$tenant'
const results = collectResults(createParser(`nginx:${FORMAT}`, options), fixtureLines('nginx-custom.log'))

function compileError(format: string): string {
  try {
    compileNginxFormat(format)
  } catch (e) {
    if (isVigilError(e) && e.code === 'VIGIL_ERR_INGEST_FORMAT_INVALID') return e.message
    throw e
  }
  throw new Error('compiled')
}

describe('nginx log_format parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'error', 'skip'])
  })

  it('routes every variable to its column', () => {
    const e = httpAt(results, 1)
    expect(e).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      source_ip: '203.0.113.7',
      source_port: 51234,
      url_domain: 'shop.example',
      http_request_method: 'GET',
      url_path: '/p/1',
      url_query: 'x=1',
      http_version: 'HTTP/1.1',
      http_response_status_code: 200,
      http_response_bytes: 512,
      event_duration: 0.004,
      upstream_duration: 0.004,
      user_agent_original: 'Mozilla/5.0 "q"',
      tls_client_ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      labels: { tenant: 'eu' },
      http_request_headers: { cookie: 'sid=zz; theme=dark' },
      log_format: 'nginx',
    })
    // $cookie_sid is the explicit session variable and wins over the Cookie header.
    expect(e.session_id).toBe('abc')
  })

  it('treats - as absent', () => {
    const e = httpAt(results, 2)
    expect(e).toMatchObject({ url_domain: null, user_agent_original: null, session_id: null, tls_client_ja4: null, labels: null, upstream_duration: null })
  })

  it('quarantines a line that stops early', () => {
    expect(results[2]).toMatchObject({ kind: 'error', line: 3, reason: 'line ends before the text that follows $status (truncated line?)' })
  })

  it('reads the stock combined format written as nginx.conf quoted pieces', () => {
    const conf = `'$remote_addr - $remote_user [$time_local] "$request" ' '$status $body_bytes_sent "$http_referer" "$http_user_agent"'`
    const [r] = collectResults(createParser(`nginx:${conf}`, options), [
      '10.0.0.1 - - [25/Nov/2026:10:00:00 +0000] "GET /a\\x22b HTTP/1.1" 200 5 "https://r.example/" "UA \\"x\\""',
    ])
    expect(r).toMatchObject({ kind: 'http', event: { url_path: '/a"b', http_request_referrer: 'https://r.example/', user_agent_original: 'UA "x"' } })
  })

  it('keeps a request that is not HTTP as logged, with method null', () => {
    const p = createParser('nginx:[$time_local] "$request" $status', options)
    const [r] = collectResults(p, ['[25/Nov/2026:10:00:00 +0000] "\\x16\\x03\\x01\\x00" 400'])
    expect(r).toMatchObject({ kind: 'http', event: { http_request_method: null, url_original: '\\x16\\x03\\x01\\x00', url_path: null, http_response_status_code: 400 } })
  })

  it('builds the URL from $uri and $args, takes $msec time and falls back to $server_name', () => {
    const p = createParser('nginx:$msec|$request_method|$uri|$args|$server_name|$status', options)
    const [r] = collectResults(p, ['1795600800.123|GET|/static/a.css|v=1|shop.example|200'])
    expect(r).toMatchObject({
      kind: 'http',
      event: { ts: 1795600800123, http_request_method: 'GET', url_original: '/static/a.css?v=1', url_is_static: true, url_domain: 'shop.example' },
    })
  })

  it('explains a value that does not fit its variable', () => {
    const [r] = collectResults(createParser('nginx:$time_iso8601 $status', options), ['2026-11-25T10:00:00Z 2OO'])
    expect(r).toMatchObject({ kind: 'error', reason: "status is not a number: '2OO'" })
  })

  it('rejects formats that cannot be matched, saying why', () => {
    expect(compileError('$remote_addr$remote_user [$time_local]')).toContain('$remote_addr and $remote_user have no text between them')
    expect(compileError('[$time_local] ${request')).toContain("is not closed by '}'")
    expect(compileError('just text')).toContain('contains no $variable')
    expect(compileError('$remote_addr $status')).toContain('no time variable')
    expect(compileError('$time_local $ x')).toContain('not followed by a variable name')
  })
})

describe('cookiesNotSession', () => {
  const LEAD = '$remote_addr [$time_local] "$request" $status'
  const cookies = ['sid', 'PHPSESSID']

  it('names the cookies of a format none of whose cookies is a session cookie', () => {
    expect(cookiesNotSession(`${LEAD} "$cookie_shop_session" $cookie_lang`, cookies)).toEqual(['shop_session', 'lang'])
  })

  it('is empty when one cookie is a session cookie, whatever its case, or there is none', () => {
    expect(cookiesNotSession(`${LEAD} $cookie_phpsessid $cookie_lang`, cookies)).toEqual([])
    expect(cookiesNotSession(`${LEAD} "$http_x_ja4"`, cookies)).toEqual([])
    expect(cookiesNotSession('no variables at all', cookies)).toEqual([])
  })
})
