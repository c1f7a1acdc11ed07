/**
 * Properties every parser keeps whatever it is fed: it never throws, and each fed line
 * yields exactly one result (HAR: each document yields only http/error results), also
 * for mutations of valid lines and for adversarially long input.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMAT_NAMES, createParser } from '../create-parser.ts'
import { detectFormat } from '../detect-format.ts'
import { DEFAULT_PARSER_OPTIONS } from '../parser.ts'
import type { ParseResult } from '../parser.ts'
import { collectResults } from './collect-results.ts'
import { fixtureLines } from './fixtures/fixture-lines.ts'

const options = { ...DEFAULT_PARSER_OPTIONS, file: 'property' }
const NGINX = 'nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time sid=$cookie_sid'
const FIXTURES: Record<string, string> = {
  combined: 'combined.log',
  common: 'common.log',
  'ecs-json': 'ecs.ndjson',
  cloudflare: 'cloudflare.ndjson',
  alb: 'alb.log',
  envoy: 'envoy.log',
  har: 'sample.har',
  'app-ndjson': 'app.ndjson',
  'modsec-json': 'modsec.ndjson',
  'caddy-json': 'caddy.ndjson',
  'gcp-http': 'gcp.ndjson',
  [NGINX]: 'combined.log',
}
const LINE_FORMATS = [...FORMAT_NAMES.filter((f) => f !== 'har'), NGINX]
const KINDS = new Set(['http', 'app', 'skip', 'error'])

/** Characters that matter to the scanners, mixed with arbitrary text. */
const nastyChar = fc.constantFrom('"', '\\', ' ', '[', ']', '{', '}', ':', ',', '=', '-', '\r', '\t', '\uFFFD', 'x', '0', '/', '?')
const nastyString = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: nastyChar, maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }))

function mutate(line: string, kind: number, at: number, text: string): string {
  const i = line.length === 0 ? 0 : at % line.length
  switch (kind) {
    case 0:
      return line.slice(0, i)
    case 1:
      return line.slice(0, i) + text + line.slice(i)
    case 2:
      return line.slice(0, i) + line.slice(i + 1 + (text.length % 8))
    default:
      return line.slice(0, i) + text + line.slice(i + text.length)
  }
}

function expectOneResultPerLine(format: string, lines: readonly string[]): void {
  const parser = createParser(format, options)
  lines.forEach((line, i) => {
    const got: ParseResult[] = []
    parser.feed(line, i + 1, (r) => got.push(r))
    expect(got).toHaveLength(1)
    expect(KINDS.has(got[0]!.kind)).toBe(true)
    // The frame turns an exception into an error result; none may occur.
    if (got[0]!.kind === 'error') expect(got[0]!.reason).not.toContain('parser failed')
    expect(got[0]!.kind === 'error' || got[0]!.kind === 'skip' ? got[0]!.line : (got[0] as { event: { log_line: number } }).event.log_line).toBe(i + 1)
  })
  const tail: ParseResult[] = []
  parser.finish((r) => tail.push(r))
  expect(tail).toEqual([])
}

describe.each(LINE_FORMATS)('%s parser properties', (format) => {
  const valid = fixtureLines(FIXTURES[format]!).filter((l) => l.length > 0)

  it('never throws on arbitrary strings and yields exactly one result per line', () => {
    fc.assert(fc.property(fc.array(nastyString, { maxLength: 8 }), (lines) => expectOneResultPerLine(format, lines)))
  })

  it('never throws on mutations of valid lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(3), fc.nat(), nastyString, (line, kind, at, text) =>
        expectOneResultPerLine(format, [mutate(line, kind, at, text)]),
      ),
    )
  })

  it('completes on adversarial long lines', () => {
    const head = valid[0]!.slice(0, 60)
    expectOneResultPerLine(format, [
      'a'.repeat(1 << 20),
      '"'.repeat(100_000),
      '\\"'.repeat(100_000),
      `${head}${'\\'.repeat(100_000)}"`,
      `${head}${'" '.repeat(100_000)}`,
      `{"a":${'['.repeat(50_000)}`,
      `{${'"a":{'.repeat(20_000)}`,
      '['.repeat(100_000),
      `${'x=" '.repeat(50_000)}`,
    ])
  })
})

describe('har parser properties', () => {
  const valid = fixtureLines('sample.har')
  const harKinds = new Set(['http', 'error'])

  it('never throws on arbitrary documents and reports only http or error results', () => {
    fc.assert(
      fc.property(fc.array(nastyString, { maxLength: 8 }), (lines) => {
        const rs = collectResults(createParser('har', options), lines)
        expect(rs.every((r) => harKinds.has(r.kind))).toBe(true)
        expect(rs.length).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('never throws on mutated documents; a broken document is exactly one error', () => {
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.nat(3), fc.nat(), nastyString, (lineIndex, kind, at, text) => {
        const lines = [...valid]
        lines[lineIndex] = mutate(lines[lineIndex]!, kind, at, text)
        const rs = collectResults(createParser('har', options), lines)
        expect(rs.every((r) => harKinds.has(r.kind) && !(r.kind === 'error' && r.reason.includes('parser failed')))).toBe(true)
        if (rs.length !== 3) expect(rs).toEqual([expect.objectContaining({ kind: 'error', line: 1 })])
      }),
    )
  })

  it('completes on adversarial documents', () => {
    for (const doc of ['['.repeat(100_000), '"'.repeat(100_000), `{"log":{"entries":[${'{},'.repeat(50_000)}{}]}}`]) {
      const rs = collectResults(createParser('har', options), [doc])
      expect(rs.length).toBeGreaterThan(0)
      expect(rs.every((r) => r.kind === 'error')).toBe(true)
    }
  })
})

describe('detectFormat properties', () => {
  it('never throws and names a real format or null', () => {
    fc.assert(
      fc.property(fc.array(nastyString, { maxLength: 6 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (lines, name) => {
        const f = detectFormat(lines, name)
        expect(f === null || (FORMAT_NAMES as readonly string[]).includes(f)).toBe(true)
      }),
    )
  })

  it('completes on adversarial samples', () => {
    const samples = [['a'.repeat(1 << 20)], ['{'.repeat(100_000)], [`[2026-11-25T10:00:00${'x'.repeat(100_000)}`], [`http 2026-11-25T10:00:00${' '.repeat(100_000)}`], [`{${' "log" : '.repeat(20_000)}`]]
    for (const s of samples) expect(detectFormat(s)).toBeNull()
  })
})
