import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import type { WafRequest } from '../types.ts'

const engine = createWafEngine({ level: 4 })
const ATTACKS = ["1' or '1'='1", '<svg onload=alert(1)>', '; cat /etc/passwd', '{"$where": "sleep(100)"}', '${jndi:ldap://x/a}', '../../etc/passwd']
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b', undefined]

function both(parsedBody: unknown, contentType: string | undefined, limits = {}): [unknown, unknown] {
  const e = Object.keys(limits).length > 0 ? createWafEngine({ level: 4, limits }) : engine
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType }
  const req: WafRequest = { method: 'POST', uri: '/api', headers }
  return [e.inspect({ ...req, parsedBody }), e.inspect({ ...req, body: JSON.stringify(parsedBody) })]
}

describe('a body the framework already parsed', () => {
  it('gets the same verdict as its JSON text, for any JSON value and content type', () => {
    const leaf = fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ maxLength: 12 }), fc.double(), fc.boolean(), fc.constant(null))
    const json = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...ATTACKS)), tie('node'), { maxKeys: 4 })),
    })).node
    fc.assert(
      fc.property(fc.oneof(fc.array(json), fc.dictionary(fc.string(), json)), fc.constantFrom(...CONTENT_TYPES), (body, contentType) => {
        const [walked, text] = both(body, contentType)
        expect(walked).toEqual(text)
      }),
      { numRuns: 300 },
    )
  })

  it('past the depth and parameter limits, as its JSON text would be', () => {
    let deep: unknown = ATTACKS[1]
    for (let i = 0; i < 10; i++) deep = { a: deep, [ATTACKS[0]!]: i }
    const [walked, text] = both({ deep }, 'application/json', { maxJsonDepth: 4 })
    expect(walked).toEqual(text)
    expect((walked as { truncated: string[] }).truncated).toEqual(['json-depth'])
    const [walkedMany, textMany] = both({ many: Array.from({ length: 40 }, () => ATTACKS[2]) }, 'application/json', { maxParams: 25 })
    expect(walkedMany).toEqual(textMany)
    expect((walkedMany as { truncated: string[] }).truncated).toEqual(['params'])
  })

  it('is inspected as its JSON text when that text could pass maxBodyBytes, or when it is not plain JSON data', () => {
    const big = { note: `${'x'.repeat(1200)}${ATTACKS[1]}` }
    const [walked, text] = both(big, 'application/json', { maxBodyBytes: 1024 })
    expect(walked).toEqual(text)
    expect((walked as { truncated: string[] }).truncated).toContain('body')
    const dated = { at: new Date(0), q: ATTACKS[0] }
    const [w2, t2] = both(dated, 'application/json')
    expect(w2).toEqual(t2)
    expect((w2 as { matches: { target: string }[] }).matches.map((m) => m.target)).toContain('body:json:q')
  })

  it('a cycle or a BigInt, which have no JSON text, leaves the body uninspected rather than failing', () => {
    const cyclic: Record<string, unknown> = { q: ATTACKS[0] }
    cyclic.self = cyclic
    for (const body of [cyclic, { n: 1n, q: ATTACKS[0] }]) {
      const v = createWafEngine({ level: 2 }).inspect({ method: 'POST', uri: '/api', headers: { 'content-type': 'application/json' }, parsedBody: body })
      expect(v.matches).toEqual([])
    }
  })
})
