import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import type { WafRequest } from '../types.ts'

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'
const engine = createWafEngine()
const nulTargets = (req: WafRequest): string[] => engine.inspect(req).matches.filter((m) => m.rule === 'waf.protocol.null-byte').map((m) => m.target)

describe('a NUL byte in a value of the body, a cookie or a header', () => {
  it('counts at level 2 wherever the text travels, encoded once, twice or as a JSON escape', () => {
    const form = (value: string): WafRequest => ({ method: 'POST', uri: '/contact', headers: { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded' }, body: `name=Jane&file=${value}` })
    expect(nulTargets(form('index.php%00'))).toEqual(['body:form:file'])
    expect(nulTargets(form('%2500http%3A%2F%2Fevil.example%2F'))).toEqual(['body:form:file'])
    expect(nulTargets({ method: 'POST', uri: '/api/cart', headers: { 'user-agent': UA, 'content-type': 'application/json' }, body: '{"note":"/etc/passwd\\u0000.jpg"}' })).toEqual(['body:json:note'])
    expect(nulTargets({ method: 'GET', uri: '/account', headers: { 'user-agent': UA, cookie: 'lang=..%2F..%2Fetc%2Fpasswd%00' } })).toEqual(['cookie:lang'])
    expect(nulTargets({ method: 'GET', uri: '/', headers: { 'user-agent': UA, 'x-file': 'report.pdf%00.php' } })).toEqual(['header:x-file'])
    expect(createWafEngine({ level: 1 }).inspect(form('index.php%00')).matches).toEqual([])
  })

  it('is left to the protocol check in the URL, and is no finding in a binary body or upload, nor written as text', () => {
    expect(engine.inspect({ method: 'GET', uri: '/p?file=index.php%00', headers: { 'user-agent': UA } }).matches.map((m) => [m.rule, m.target])).toEqual([['waf.protocol.null-byte', 'args']])
    expect(engine.inspect({ method: 'GET', uri: '/products/index.php%00.jpg', headers: { 'user-agent': UA } }).matches.map((m) => [m.rule, m.target])).toEqual([['waf.protocol.null-byte', 'path']])
    expect(nulTargets({ method: 'POST', uri: '/api/track', headers: { 'user-agent': UA, 'content-type': 'application/x-protobuf' }, body: '\u0008\u0096\u0001\u0000\u0012\u0004shoe' })).toEqual([])
    const multipart = ['--b', 'Content-Disposition: form-data; name="photo"; filename="a.bin"', 'Content-Type: application/octet-stream', '', 'AB\u0000\u0001CD', '--b--', ''].join('\r\n')
    expect(nulTargets({ method: 'POST', uri: '/upload', headers: { 'user-agent': UA, 'content-type': 'multipart/form-data; boundary=b' }, body: multipart })).toEqual([])
    expect(engine.inspect({ method: 'POST', uri: '/contact', headers: { 'user-agent': UA, 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=In+C+a+string+ends+at+%5C0+or+NUL' }).matches).toEqual([])
  })

  it("counts in a URL value where only a further decoding makes it: twice encoded, IIS's %u0000, overlong UTF-8", () => {
    const get = (uri: string): string[] => nulTargets({ method: 'GET', uri, headers: { 'user-agent': UA } })
    expect(get('/search?q=%25u0000Set-Cookie%3Acrlf%3Dx&page=1')).toEqual(['args:q'])
    expect(get('/download?file=report.pdf%2500.php')).toEqual(['args:file'])
    expect(get('/products/%25u0000Set-Cookie%3Acrlf')).toEqual(['path'])
    expect(get('/search?q=%25C0%2580%2527')).toEqual(['args:q'])
    // A percent sign written as text, encoded once or twice, is no NUL (as in a form, a `%00` typed
    // as text is read as the NUL it encodes: the application may decode it again).
    for (const uri of ['/search?q=50%25%20off', '/search?q=100%2525+cotton', '/p/100%25', '/search?q=0%25+APR+%2B+%2400+fee']) expect(get(uri), uri).toEqual([])
  })
})
