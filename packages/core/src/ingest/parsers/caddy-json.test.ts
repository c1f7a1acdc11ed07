import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('caddy.ndjson')
const results = collectResults(createParser('caddy-json', { ...DEFAULT_PARSER_OPTIONS, file: 'caddy.ndjson' }), lines)

describe('caddy-json parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'error', 'error', 'error', 'skip'])
  })

  it('reads the client behind the trusted proxy, multi-valued headers, the session cookie and the SNI', () => {
    expect(httpAt(results, 1)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 123),
      source_ip: '203.0.113.7',
      source_peer_ip: '10.0.0.9',
      source_port: 51234,
      http_request_method: 'GET',
      url_path: '/search',
      url_query: 'q=%27%20OR%201=1--',
      url_domain: 'shop.example',
      http_version: 'HTTP/2.0',
      http_response_status_code: 200,
      http_response_bytes: 512,
      http_request_bytes: 0,
      event_duration: 0.0012,
      session_id: 'abc',
      user_name: null,
      http_request_headers: { cookie: 'theme=dark; sid=abc', 'accept-language': 'de-DE, en;q=0.8' },
      labels: { tls_server_name: 'shop.example' },
    })
  })

  it('reads an ISO time, an IPv6 peer, the authenticated user, and leaves a formatted duration out', () => {
    expect(httpAt(results, 2)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 1, 500),
      source_ip: '2001:db8::7',
      source_port: 443,
      http_request_method: 'POST',
      http_request_bytes: 37,
      user_name: 'alice',
      event_duration: null,
      http_response_status_code: 502,
    })
  })

  it('quarantines records of other loggers and bad times or statuses, saying why', () => {
    expect(results[2]).toMatchObject({ reason: "request is missing: not an access-log record (logger 'tls.obtain')" })
    expect(results[3]).toMatchObject({ reason: "ts is not a Unix or ISO 8601 time: 'yesterday'" })
    expect(results[4]).toMatchObject({ reason: "status is not an HTTP status: 'teapot'" })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('caddy-json')
  })
})
