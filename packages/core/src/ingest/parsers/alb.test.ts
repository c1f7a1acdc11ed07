import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('alb.log')
const results = collectResults(createParser('alb', { ...DEFAULT_PARSER_OPTIONS, file: 'alb.log' }), lines)

describe('alb parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'http', 'error', 'error', 'skip'])
  })

  it('reads every positional field', () => {
    const e = httpAt(results, 1)
    expect(e).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 123),
      source_ip: '203.0.113.7',
      source_port: 51234,
      http_request_method: 'GET',
      url_original: 'https://shop.example:443/product/1?ref=home',
      url_domain: 'shop.example',
      url_path: '/product/1',
      url_query: 'ref=home',
      http_version: 'HTTP/1.1',
      http_response_status_code: 200,
      http_request_bytes: 312,
      http_response_bytes: 5123,
      user_agent_original: 'Mozilla/5.0 (Windows NT 10.0)',
      event_duration: 0.013,
      upstream_duration: 0.012,
    })
    expect(e.labels).toMatchObject({ elb: 'app/shop-alb/50dc6c495c0c9188', target: '10.0.0.1:80', trace_id: 'Root=1-58337262-36d228ad5d99923122bbe354', conn_trace_id: 'TID_1234' })
    expect(e.labels).not.toHaveProperty('domain_name')
  })

  it('reads a bracketed IPv6 client and -1 times as unknown', () => {
    expect(httpAt(results, 2)).toMatchObject({ source_ip: '2001:db8::7', source_port: 443, event_duration: null, upstream_duration: null, http_response_status_code: 502 })
  })

  it('keeps a request ALB could not parse as an event without method or URL', () => {
    expect(httpAt(results, 3)).toMatchObject({ http_request_method: null, url_original: null, http_response_status_code: 400 })
  })

  it('explains rejected lines', () => {
    expect(results[3]).toMatchObject({ reason: 'expected at least 13 fields (type … "request"), found 12' })
    expect(results[4]).toMatchObject({ reason: "time is not an ISO 8601 time: 'not-a-time'" })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('alb')
  })

  it('keeps the fields AWS appended in 2025 (URL and host rewrite) as labels', () => {
    const line =
      'https 2026-11-25T10:00:00.186641Z app/shop/50dc6c495c0c9188 203.0.113.5:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 ' +
      '"GET https://shop.example:443/p/1 HTTP/1.1" "curl/8" TLS_AES_128_GCM_SHA256 TLSv1.3 arn:tg "Root=1-5" "shop.example" "arn:cert" 0 ' +
      '2026-11-25T10:00:00.100000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_aaaa "internal.example" "/v2/p/1" "TransformSuccess"'
    const [r] = collectResults(createParser('alb', { ...DEFAULT_PARSER_OPTIONS, file: 'x.log' }), [line])
    expect(r).toMatchObject({
      kind: 'http',
      event: { url_path: '/p/1', labels: { conn_trace_id: 'TID_aaaa', transformed_host: 'internal.example', transformed_uri: '/v2/p/1', request_transform_status: 'TransformSuccess' } },
    })
  })
})
