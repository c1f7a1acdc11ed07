import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { messageTag } from './modsec-json.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const lines = fixtureLines('modsec.ndjson')
const results = collectResults(createParser('modsec-json', { ...DEFAULT_PARSER_OPTIONS, file: 'modsec.ndjson' }), lines)

describe('modsec-json parser', () => {
  it('yields one result per line', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'error', 'error', 'skip'])
  })

  it('reads the transaction, its headers and the matched rules', () => {
    const e = httpAt(results, 1)
    expect(e).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      source_ip: '203.0.113.7',
      source_port: 51234,
      http_request_method: 'GET',
      url_path: '/search',
      url_query: 'q=1%27%20OR%201=1--',
      url_domain: 'shop.example',
      http_version: 'HTTP/1.1',
      user_agent_original: 'sqlmap/1.8',
      session_id: 'abc',
      http_response_status_code: 403,
      http_response_bytes: 199,
      http_request_body: null,
      http_request_headers: { cookie: 'sid=abc; theme=dark', accept: '*/*' },
      labels: {
        modsec_unique_id: '176406480012.345678',
        modsec_server_id: 'b4b1c3a9d2',
        modsec_rule_ids: '942100,949110',
        modsec_messages: 'SQL Injection Attack Detected via libinjection | Inbound Anomaly Score Exceeded (Total Score: 5)',
        modsec_severities: '2,0',
      },
    })
  })

  it('reads a space-padded day, the request body and the content type', () => {
    expect(httpAt(results, 2)).toMatchObject({
      ts: Date.UTC(2026, 10, 5, 9, 8, 7),
      http_version: 'HTTP/2.0',
      http_request_body: 'user=admin&pass=x',
      http_request_content_type: 'application/x-www-form-urlencoded',
      labels: null,
    })
  })

  it('explains rejected lines', () => {
    expect(results[2]).toMatchObject({ reason: "transaction.time_stamp is not a time: 'someday'" })
    expect(results[3]).toMatchObject({ reason: 'transaction is missing' })
  })

  it('is detected', () => {
    expect(detectFormat(lines)).toBe('modsec-json')
  })
})

describe('modsec-json parser on mod_security2 (Apache) audit logs', () => {
  const lines2 = fixtureLines('modsec2.ndjson')
  const results2 = collectResults(createParser('modsec-json', { ...DEFAULT_PARSER_OPTIONS, file: 'modsec2.ndjson' }), lines2)

  it('yields one result per line', () => {
    expect(results2.map((r) => r.kind)).toEqual(['http', 'http', 'error', 'error', 'skip'])
  })

  it('reads the request line, the fraction of a second, the rules, their severities and the interception', () => {
    expect(httpAt(results2, 1)).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0, 94),
      source_ip: '198.51.100.23',
      source_port: 50894,
      http_request_method: 'GET',
      url_path: '/download',
      url_query: 'file=../../etc/passwd',
      url_domain: 'shop.example',
      http_version: 'HTTP/1.1',
      session_id: 's-77',
      http_response_status_code: 403,
      http_response_bytes: 199,
      labels: {
        modsec_unique_id: 'ZAElN3Bgqvr9Dam47TgqxgAAAIE',
        modsec_rule_ids: '930120,949110,942100',
        modsec_messages: 'OS File Access Attempt | Inbound Anomaly Score Exceeded (Total Score: 5) | SQL Injection with a "quoted" word',
        modsec_severities: 'CRITICAL,CRITICAL',
        modsec_intercepted: 'true',
      },
    })
    expect(httpAt(results2, 1).http_response_body).toContain('403 Forbidden')
  })

  it('joins a request body written in chunks and reads the zone', () => {
    expect(httpAt(results2, 2)).toMatchObject({
      ts: Date.UTC(2026, 10, 5, 10, 8, 7),
      source_ip: '2001:db8::7',
      http_request_method: 'POST',
      http_request_body: 'user=admin&pass=x%27+or+1%3D1--',
      http_request_content_type: 'application/x-www-form-urlencoded',
      http_response_status_code: 200,
      labels: { modsec_unique_id: 'ZAElOHBgqvr9Dam47TgqyAAAAIF' },
    })
  })

  it('explains rejected lines', () => {
    expect(results2[2]).toMatchObject({ reason: 'request.request_line is missing' })
    expect(results2[3]).toMatchObject({ reason: "transaction.time is not a time: 'the day before'" })
  })

  it('is detected', () => {
    expect(detectFormat(lines2)).toBe('modsec-json')
  })

  it('reads a tag value with escaped quotes, and no tag from an unterminated one', () => {
    expect(messageTag('x [id "1"] [msg "a \\"b\\" c"] y', 'msg')).toBe('a "b" c')
    expect(messageTag('[msg "never closed', 'msg')).toBeNull()
    expect(messageTag('[id "7"]', 'msg')).toBeNull()
  })
})
