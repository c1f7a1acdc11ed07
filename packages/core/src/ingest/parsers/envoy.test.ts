import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('envoy.log')
const results = collectResults(createParser('envoy', { ...DEFAULT_PARSER_OPTIONS, file: 'envoy.log' }), lines)

describe('envoy parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'http', 'error', 'error', 'skip'])
  })

  it('reads the default format; the peer is the last X-Forwarded-For entry Envoy appended', () => {
    expect(httpAt(results, 1)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 310),
      http_request_method: 'POST',
      url_path: '/api/v1/cart',
      http_version: 'HTTP/2',
      http_response_status_code: 204,
      http_request_bytes: 154,
      http_response_bytes: 0,
      event_duration: 0.226,
      upstream_duration: 0.1,
      http_x_forwarded_for: '203.0.113.7, 10.0.0.5',
      source_peer_ip: '10.0.0.5',
      user_agent_original: 'nsq2http',
      url_domain: 'shop.example',
      labels: { request_id: 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2', upstream_host: 'tcp://10.0.2.1:80' },
    })
  })

  it('reads the appended fields and the downstream remote address', () => {
    const e = httpAt(results, 2)
    expect(e).toMatchObject({ source_ip: '2001:db8::9', source_peer_ip: '2001:db8::9', url_domain: 'shop.example', url_is_static: true, upstream_duration: null })
    expect(e.labels).toMatchObject({ upstream_cluster: 'outbound|80||shop', downstream_local_address: '10.0.3.2:8443' })
  })

  it('keeps response code 0 and the response flags of a reset stream', () => {
    expect(httpAt(results, 3)).toMatchObject({ http_response_status_code: 0, event_duration: 30, source_ip: null, labels: { response_flags: 'DC', request_id: 'req-3' } })
  })

  it('explains rejected lines', () => {
    expect(results[3]).toMatchObject({ reason: "response code is not a number: '2xx'" })
    expect(results[4]).toMatchObject({ reason: expect.stringContaining('found 6') })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('envoy')
  })

  it("reads Istio's layout: three fields after the flags, the mesh's addresses appended", () => {
    const istio = [
      '[2020-11-25T21:26:18.409Z] "GET /status/418 HTTP/1.1" 418 - via_upstream - "-" 0 135 4 3 "-" "curl/7.73.0-DEV" ' +
        '"84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "10.44.1.27:80" outbound|8000||httpbin.foo.svc.cluster.local ' +
        '10.44.1.23:37652 10.0.45.184:8000 10.44.1.23:46520 - default',
      '[2026-11-25T10:00:00.123Z] "POST /login HTTP/2" 0 DC downstream_remote_disconnect - "-" 512 0 7 - "198.51.100.4" "okhttp/4.12.0" "r2" "shop.example" "-"',
      '[2026-11-25T10:00:00.123Z] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 5',
    ]
    const r = collectResults(createParser('envoy', { ...DEFAULT_PARSER_OPTIONS, file: 'istio.log' }), istio)
    expect(r[0]).toMatchObject({
      kind: 'http',
      event: {
        source_ip: '10.44.1.23',
        http_response_status_code: 418,
        http_request_bytes: 0,
        http_response_bytes: 135,
        event_duration: 0.004,
        upstream_duration: 0.003,
        user_agent_original: 'curl/7.73.0-DEV',
        url_domain: 'httpbin',
        labels: {
          response_code_details: 'via_upstream',
          request_id: '84961386-6d84-929d-98bd-c5aee93b5c88',
          upstream_host: '10.44.1.27:80',
          upstream_cluster: 'outbound|8000||httpbin.foo.svc.cluster.local',
          downstream_local_address: '10.0.45.184:8000',
          route_name: 'default',
        },
      },
    })
    expect(r[1]).toMatchObject({
      kind: 'http',
      event: { source_ip: '198.51.100.4', http_response_status_code: 0, http_request_bytes: 512, labels: { response_flags: 'DC', response_code_details: 'downstream_remote_disconnect' } },
    })
    expect(r[2]).toMatchObject({ kind: 'error', reason: 'expected at least 16 fields ([time] "request" code flags … "upstream host"), found 9' })
    expect(detectFormat(istio.slice(0, 2))).toBe('envoy')
  })
})
