import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('gcp.ndjson')
const results = collectResults(createParser('gcp-http', { ...DEFAULT_PARSER_OPTIONS, file: 'gcp.ndjson' }), lines)

describe('gcp-http parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'error', 'error', 'error', 'skip'])
  })

  it("reads the load balancer's request, the address with its port and Cloud Armor's verdict", () => {
    expect(httpAt(results, 1)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 123),
      source_ip: '203.0.113.7',
      source_port: 51234,
      http_request_method: 'GET',
      url_domain: 'shop.example',
      url_path: '/p/1',
      url_query: 'id=1%27%20or%201=1',
      http_version: 'HTTP/1.1',
      http_response_status_code: 403,
      http_request_bytes: 120,
      http_response_bytes: 183,
      user_agent_original: 'sqlmap/1.8',
      http_request_referrer: 'https://shop.example/',
      event_duration: 0.012345,
      labels: {
        server_ip: '10.0.0.5',
        trace: 'projects/p/traces/abc',
        status_details: 'denied_by_security_policy',
        security_policy_name: 'shop-armor',
        security_policy_outcome: 'DENY',
        security_policy_configuredAction: 'DENY',
        security_policy_priority: '1000',
        security_policy_preconfiguredExprIds: '["owasp-crs-v030301-id942100-sqli"]',
        resource_type: 'http_load_balancer',
      },
    })
  })

  it('keeps a bare IPv6 address whole and reads a Cloud Run request', () => {
    expect(httpAt(results, 2)).toMatchObject({
      source_ip: '2001:db8:85a3::8a2e:370:7334',
      source_port: null,
      http_request_method: 'POST',
      url_domain: 'run.example.app',
      event_duration: 0.2,
      labels: { cache_hit: 'true', resource_type: 'cloud_run_revision' },
    })
  })

  it('quarantines entries without a request, a bad time, or neither method nor URL, saying why', () => {
    expect(results[2]).toMatchObject({ reason: 'httpRequest is missing: not an HTTP request log entry' })
    expect(results[3]).toMatchObject({ reason: "timestamp is not an RFC 3339 time: 'not a time'" })
    expect(results[4]).toMatchObject({ reason: 'httpRequest has neither requestMethod nor requestUrl' })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('gcp-http')
  })
})
