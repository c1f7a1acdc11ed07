import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
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
