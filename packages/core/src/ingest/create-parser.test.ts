import { describe, expect, it } from 'vitest'
import { VigilError } from '../errors/vigil-error.ts'
import { FORMAT_NAMES, createParser } from './create-parser.ts'
import { DEFAULT_PARSER_OPTIONS } from './parser.ts'
import { collectResults } from './parsers/collect-results.ts'

const options = { ...DEFAULT_PARSER_OPTIONS, file: 'x.log' }

function thrown(f: () => unknown): VigilError {
  try {
    f()
  } catch (e) {
    if (e instanceof VigilError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('createParser', () => {
  it.each(FORMAT_NAMES)('creates the %s parser', (name) => {
    expect(createParser(name, options).format).toBe(name)
  })

  it('names the valid formats when the name is unknown', () => {
    const e = thrown(() => createParser('apache', options))
    expect(e.code).toBe('VIGIL_ERR_INGEST_FORMAT_INVALID')
    expect(e.message).toBe(
      "unknown format 'apache'; valid formats: combined, common, ecs-json, cloudflare, alb, envoy, har, app-ndjson, modsec-json, caddy-json, gcp-http, or nginx:<log_format string>",
    )
    expect(thrown(() => createParser('__proto__', options)).code).toBe('VIGIL_ERR_INGEST_FORMAT_INVALID')
  })

  it('compiles nginx formats and reports a bad one', () => {
    expect(createParser('nginx:$remote_addr [$time_local] "$request" $status', options).format).toBe('nginx:$remote_addr [$time_local] "$request" $status')
    const e = thrown(() => createParser('nginx:$remote_addr$status [$time_local]', options))
    expect(e.code).toBe('VIGIL_ERR_INGEST_FORMAT_INVALID')
    expect(e.message).toContain('$remote_addr and $status have no text between them')
  })

  it('keeps labels bounded', () => {
    const extras = Array.from({ length: 200 }, (_, i) => `k${i}=v${i}`).join(' ')
    const [r] = collectResults(createParser('combined', options), [`1.1.1.1 - - [25/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" ${extras}`])
    if (r?.kind !== 'http') throw new Error('expected http')
    expect(Object.keys(r.event.labels ?? {})).toHaveLength(64)
    expect(r.event.labels?.k0).toBe('v0')
  })
})
