import { describe, expect, it } from 'vitest'
import { createWafEngine, type WafRequest } from '../index.ts'

const engine = createWafEngine({ level: 2 })
const rules = (r: WafRequest): string[] => engine.inspect(r).matches.map((m) => m.rule)
const json = (uri: string, type: string, body: unknown): WafRequest => ({ method: 'POST', uri, headers: { host: 'shop.example', 'content-type': type }, body: JSON.stringify(body) })
const cspReport = (sample: string): WafRequest =>
  json('/csp-report', 'application/csp-report', { 'csp-report': { 'document-uri': 'https://shop.example/', 'blocked-uri': 'inline', 'violated-directive': 'script-src-elem', 'script-sample': sample } })
const review = (body: string): WafRequest => json('/products/levis-501/reviews', 'application/json', { rating: 5, body })

describe('XSS findings on third-party shapes real browsers send (benign-platforms.ndjson)', () => {
  it('a function literal is not the Function constructor: the GTM and Meta pixel heads in a CSP script-sample pass, a sink inside one or a constructor call does not', () => {
    expect(rules(cspReport('(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push'))).toEqual([])
    expect(rules(cspReport('!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f'))).toEqual([])
    expect(rules(cspReport('(function(){alert(document.domain)})()'))).toContain('waf.xss.js-sink')
    expect(rules(cspReport("(function(a){setTimeout('x='+a,1)})"))).toContain('waf.xss.js-sink')
    expect(rules(cspReport("Function('return this')()"))).toContain('waf.xss.js-sink')
  })

  it('<meta charset> from a Google Docs paste passes; a <meta http-equiv=refresh> redirect is still blocked', () => {
    expect(rules(review('<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-a1b2"><span style="font-size:11pt">Love it</span></b>'))).toEqual([])
    expect(rules(review('<meta http-equiv="refresh" content="0;url=https://evil.example/">'))).toContain('waf.xss.risky-tag')
    expect(rules(review('<meta content="0;url=data:text/html;base64,PHNjcmlwdD4=" http-equiv="refresh">')).length).toBeGreaterThan(0)
  })
})
