/**
 * Rules that read a value by its shape and by where it arrives: a header line after a line
 * break, and a query string whose parameter name is a MongoDB operator.
 */
import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import type { WafRequest } from '../types.ts'

const engine = createWafEngine({ level: 2 })
const form = (message: string): WafRequest => ({ method: 'POST', uri: '/contact', headers: { host: 'shop.example', 'content-type': 'application/x-www-form-urlencoded' }, body: `name=Jane&message=${encodeURIComponent(message)}` })
const query = (q: string): WafRequest => ({ method: 'GET', uri: `/search?q=${encodeURIComponent(q)}`, headers: { host: 'shop.example' } })
const rules = (r: WafRequest): string[] => engine.inspect(r).matches.map((m) => m.rule)

describe('a line break and then a header line of any name', () => {
  it('counts in a query value or cookie, and at the very start of a free-text field', () => {
    expect(rules(query('\r\nDalfoxcrlf: 1234'))).toContain('waf.crlf.header-line')
    expect(rules(form('\r\nX-Injected: 1'))).toContain('waf.crlf.header-line-text')
    expect(rules(form(' \r\nSet-Cookie:crlfinjection=1'))).toContain('waf.crlf.header-line-text')
    // The URL punctuation the break was appended after (crlfuzz: a path's `#`, `?`, `/..`).
    expect(rules(form('#\rX-Injected-Header-By: 1'))).toContain('waf.crlf.header-line-text')
    expect(rules(form('/..\r\nX-Injected: 1'))).toContain('waf.crlf.header-line-text')
    // An `X-` header after blanks, which a server that trims the line reads as a header of its own.
    expect(rules(form('\r\n\tX-Injected: 1'))).toContain('waf.crlf.header-line-text')
  })

  it("passes a message's lines after its first line, a URL after a break, and a line that starts with a blank", () => {
    expect(rules(form('Hello,\r\nName: Jane Doe\r\nPhone: 0123 456'))).toEqual([])
    expect(rules(query('see\nhttps://shop.example/help'))).toEqual([])
    expect(rules(form('\r\n  Note: ring twice'))).toEqual([])
    expect(rules(form('#1\r\nNote: ring twice'))).toEqual([])
  })
})

describe('a value that is a query string naming a MongoDB operator', () => {
  it('counts as the operator in a parameter name does, once decoded', () => {
    expect(rules(form('username[$ne]=1&password[$ne]=1'))).toContain('waf.nosqli.operator-key-in-value')
    expect(rules(query('username%5B%24ne%5D=toto&password%5B%24regex%5D=m.%7B2%7D'))).toContain('waf.nosqli.operator-key-in-value')
  })

  it("passes a filter API's nested operators in a return URL and a price in dollars", () => {
    expect(rules(query('/products?filters[price][$lt]=50&sort=price'))).toEqual([])
    expect(rules(form('price[$] = 20 [$ in cash]'))).toEqual([])
  })
})
