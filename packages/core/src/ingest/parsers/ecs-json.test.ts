import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('ecs.ndjson')
const results = collectResults(createParser('ecs-json', { ...DEFAULT_PARSER_OPTIONS, file: 'ecs.ndjson' }), lines)

describe('ecs-json parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'skip', 'http', 'error', 'error', 'error', 'error', 'error', 'error', 'skip'])
  })

  it('reads nested ECS fields', () => {
    expect(httpAt(results, 1)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 123),
      source_ip: '203.0.113.7',
      source_port: 51234,
      http_request_method: 'GET',
      url_original: '/product/1?ref=home',
      url_path: '/product/1',
      url_query: 'ref=home',
      url_domain: 'shop.example',
      http_version: 'HTTP/1.1',
      http_response_status_code: 200,
      http_response_bytes: 5123,
      http_request_bytes: 321,
      http_request_referrer: 'https://shop.example/',
      user_agent_original: 'Mozilla/5.0',
      event_duration: 0.012,
      session_id: 's-1',
      user_name: 'alice',
      tls_client_ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      labels: { env: 'prod' },
      log_format: 'ecs-json',
      message: lines[0],
    })
  })

  it('reads dotted keys, source.address and url.path + url.query', () => {
    expect(httpAt(results, 2)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      source_ip: '2001:db8::7',
      url_original: '/api/login?next=%2F',
      url_path: '/api/login',
      http_response_status_code: 401,
    })
  })

  it('reads client.ip, url.full and a string status', () => {
    expect(httpAt(results, 4)).toMatchObject({ source_ip: '198.51.100.1', url_domain: 'shop.example', url_is_static: true, http_response_status_code: 304 })
  })

  it('explains each rejected line', () => {
    const reasons = results.filter((r) => r.kind === 'error').map((r) => (r.kind === 'error' ? r.reason : ''))
    expect(reasons[0]).toBe("@timestamp is not an ISO 8601 time: 'yesterday'")
    expect(reasons[1]).toBe('@timestamp is missing')
    expect(reasons[2]).toMatch(/^not valid JSON: .*prototype/)
    expect(reasons[3]).toBe('no HTTP fields: expected http.request.method, url.original/url.path or http.response.status_code')
    expect(reasons[4]).toBe('expected a JSON object, found an array')
    expect(reasons[5]).toMatch(/^not valid JSON/)
  })

  it('quarantines a record over the size limit without parsing it', () => {
    const huge = `{"@timestamp":"2026-11-25T10:00:00Z","x":"${'a'.repeat(1 << 20)}"}`
    const [r] = collectResults(createParser('ecs-json', { ...DEFAULT_PARSER_OPTIONS, file: 'x' }), [huge])
    expect(r).toMatchObject({ kind: 'error', reason: expect.stringContaining('over the 1048576 limit') })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('ecs-json')
  })
})
