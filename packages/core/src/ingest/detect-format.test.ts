import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect-format.ts'

const COMBINED = '203.0.113.7 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0"'
const COMMON = '203.0.113.7 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5'

describe('detectFormat', () => {
  it('returns null for nothing to go on', () => {
    expect(detectFormat([])).toBeNull()
    expect(detectFormat(['', '   ', '\r'])).toBeNull()
    expect(detectFormat(['hello world', 'just some text'])).toBeNull()
    expect(detectFormat(['{"unterminated": '])).toBeNull()
  })

  it('tells combined from common by the fields after the byte count', () => {
    expect(detectFormat([COMBINED, COMBINED])).toBe('combined')
    expect(detectFormat([COMMON, COMMON])).toBe('common')
    expect(detectFormat([COMMON, COMBINED, COMMON])).toBe('combined')
    expect(detectFormat([`${COMBINED} rt=0.1 sid="a b"`])).toBe('combined')
  })

  it('requires at least half of the sample to agree', () => {
    expect(detectFormat([COMBINED, 'junk', 'junk', 'junk'])).toBeNull()
    expect(detectFormat([COMBINED, COMBINED, 'junk', '\r'])).toBe('combined')
  })

  it('does not recognise a custom nginx format', () => {
    expect(detectFormat(['2026-11-25T10:00:00+00:00 203.0.113.7 shop.example "GET / HTTP/1.1" 200 512'])).toBeNull()
  })

  it('classifies JSON by its keys', () => {
    expect(detectFormat(['{"@timestamp":"2026-11-25T10:00:00Z","event.action":"account.login"}'])).toBe('app-ndjson')
    expect(detectFormat(['{"transaction":{"client_ip":"1.2.3.4"}}'])).toBe('modsec-json')
    expect(detectFormat(['{"ClientRequestURI":"/","EdgeStartTimestamp":1}'])).toBe('cloudflare')
    expect(detectFormat(['{"log":{"entries":[]}}'])).toBe('har')
    expect(detectFormat(['{"@timestamp":"2026-11-25T10:00:00Z","url":{"original":"/"}}'])).toBe('ecs-json')
  })
})
