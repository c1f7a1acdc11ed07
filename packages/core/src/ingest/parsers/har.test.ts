import { describe, expect, it } from 'vitest'
import { createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { createHarParser } from './har.ts'
import { fixtureLines, httpAt } from './fixtures/fixture-lines.ts'

const options = { ...DEFAULT_PARSER_OPTIONS, file: 'sample.har' }
const lines = fixtureLines('sample.har')
const results = collectResults(createParser('har', options), lines)

describe('har parser', () => {
  it('emits one result per entry, at the end', () => {
    expect(results.map((r) => r.kind)).toEqual(['http', 'http', 'error'])
  })

  it('reads request, headers, cookies, bodies and timings of an entry', () => {
    const e = httpAt(results, 1)
    expect(e).toMatchObject({
      ts: Date.UTC(2026, 10, 25, 10, 0, 0),
      log_line: 1,
      source_ip: null,
      http_request_method: 'POST',
      url_original: 'https://shop.example/api/login?next=%2F',
      url_domain: 'shop.example',
      url_path: '/api/login',
      url_query: 'next=%2F',
      http_version: 'HTTP/2',
      user_agent_original: 'Mozilla/5.0',
      http_request_referrer: 'https://shop.example/login',
      http_request_content_type: 'application/json',
      http_request_headers: { 'x-requested-with': 'XMLHttpRequest' },
      session_id: 'php-1',
      http_request_bytes: 39,
      http_request_body: '{"user":"alice","password":"hunter2"}',
      http_response_status_code: 401,
      http_response_bytes: 27,
      http_response_body: '{"error":"bad credentials"}',
      event_duration: 0.1235,
      labels: { server_ip: '192.0.2.10' },
      log_format: 'har',
    })
    expect(JSON.stringify(e.http_request_headers)).not.toContain('Bearer')
  })

  it('reads -1 sizes and times as unknown', () => {
    expect(httpAt(results, 2)).toMatchObject({ log_line: 2, ts: Date.UTC(2026, 10, 25, 9, 0, 1), http_version: 'HTTP/1.1', http_response_status_code: 0, http_response_bytes: null, event_duration: null, url_is_static: true })
  })

  it('quarantines an entry without a request, numbered by its index', () => {
    expect(results[2]).toMatchObject({ kind: 'error', line: 3, reason: 'HAR entry 3: request is missing' })
  })

  it('reports a malformed document as one error', () => {
    const rs = collectResults(createParser('har', options), lines.slice(0, 40))
    expect(rs).toHaveLength(1)
    expect(rs[0]).toMatchObject({ kind: 'error', line: 1, reason: expect.stringMatching(/^not a HAR document: not valid JSON/) })
    const notHar = collectResults(createParser('har', options), ['{"log":{"version":"1.2"}}'])
    expect(notHar).toEqual([expect.objectContaining({ kind: 'error', reason: 'not a HAR document: log.entries is missing' })])
  })

  it('reports a document over the size limit as one error without keeping it', () => {
    const rs = collectResults(createHarParser(options, 1000), lines)
    expect(rs).toEqual([{ kind: 'error', line: 1, reason: 'HAR document is larger than 1000 characters', raw: '' }])
  })

  it('emits nothing for an empty document and nothing while lines are fed', () => {
    expect(collectResults(createParser('har', options), ['', '  '])).toEqual([])
    const p = createParser('har', options)
    const fed: unknown[] = []
    p.feed(lines[0]!, 1, (r) => fed.push(r))
    expect(fed).toEqual([])
  })

  it('is detected by file name and by content', () => {
    expect(detectFormat(lines, 'capture.har')).toBe('har')
    expect(detectFormat(lines.slice(0, 10))).toBe('har')
    expect(detectFormat([JSON.stringify(JSON.parse(lines.join('\n')))])).toBe('har')
  })
})
