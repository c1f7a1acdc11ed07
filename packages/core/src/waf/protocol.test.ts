import { describe, expect, it } from 'vitest'
import { createWafEngine } from './engine.ts'
import { secondMediaType } from './protocol.ts'

const engine = createWafEngine()
const post = (contentType: string) => engine.inspect({ method: 'POST', uri: '/post', headers: { host: 'shop.example', 'content-type': contentType }, body: 'a=1' })

describe('a second media type in a Content-Type parameter', () => {
  it('counts one hidden in boundary or any other parameter, quoted or not (CRS 921421, 921422)', () => {
    for (const ct of ['application/x-www-form-urlencoded;boundary="application/json"', 'application/x-www-form-urlencoded; boundary=text/xml', 'application/x-www-form-urlencoded;boundary="application/vnd.mycompany.myapp.customer-v2+json"', 'text/plain; x="multipart/related"']) {
      const v = post(ct)
      expect(v.action, ct).toBe('block')
      expect(v.matches.map((m) => m.rule)).toContain('waf.protocol.second-media-type')
    }
  })

  it("leaves MTOM's multipart/related root types, charsets, SOAP actions, profiles and boundaries", () => {
    for (const ct of [
      'multipart/related; type="application/xop+xml"; start="<root@x>"; start-info="application/soap+xml"',
      'application/xop+xml; charset=UTF-8; type="text/xml"',
      'application/soap+xml; charset=utf-8; action="http://tempuri.org/IService/Get"',
      'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
      'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW',
      'application/x-www-form-urlencoded; charset=UTF-8',
    ]) expect(post(ct).matches, ct).toEqual([])
  })

  it('reads a long header in linear time: split on ";", each value against an anchored pattern', () => {
    expect(secondMediaType(`text/plain;${'a='.padEnd(15000, ' ')}application/json`)).toMatch(/application\/json$/)
    expect(secondMediaType(`text/plain; b="${'application/'.repeat(1000)}"`)).toBeNull()
    expect(secondMediaType(`text/plain;${';'.repeat(15000)}b=application/json`)).toBe('b=application/json')
  })
})
