import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('cloudflare.ndjson')
const results = collectResults(createParser('cloudflare', { ...DEFAULT_PARSER_OPTIONS, file: 'cf.ndjson' }), lines)
const T = Date.UTC(2026, 10, 25, 10, 0, 0)

describe('cloudflare parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'http', 'http', 'error', 'error', 'skip'])
  })

  it('maps Logpush fields to columns and keeps the rest as labels', () => {
    expect(httpAt(results, 1)).toMatchObject({
      ts: T,
      source_ip: '203.0.113.7',
      source_port: 443,
      http_request_method: 'GET',
      url_original: '/product/1?ref=ad',
      url_path: '/product/1',
      url_query: 'ref=ad',
      url_domain: 'shop.example',
      http_version: 'HTTP/2',
      user_agent_original: 'Mozilla/5.0',
      http_request_referrer: 'https://google.com/',
      http_request_bytes: 812,
      http_response_status_code: 200,
      http_response_bytes: 10423,
      event_duration: 0.25,
      upstream_duration: 0.12,
      source_as_number: 64500,
      source_geo_country_iso_code: 'DE',
      tls_client_ja4: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      tls_client_ja3: 'cd08e31494f9531f560d64c695473da9',
      labels: { RayID: '8f1c2d3e4f5a6b7c', BotScore: '2', WAFAction: 'unknown' },
    })
  })

  it('reads Unix seconds, milliseconds and nanoseconds, OriginResponseTime in ns and the session cookie', () => {
    expect(httpAt(results, 2)).toMatchObject({ ts: T, upstream_duration: 0.05, session_id: 'cookie-session', source_ip: '2001:db8::1' })
    expect(httpAt(results, 3).ts).toBe(T + 123)
    expect(httpAt(results, 4).ts).toBe(T + 123)
  })

  it('explains rejected lines', () => {
    expect(results[4]).toMatchObject({ reason: "EdgeResponseStatus is not an HTTP status: 'OK'" })
    expect(results[5]).toMatchObject({ reason: 'EdgeStartTimestamp is missing' })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('cloudflare')
  })
})
