import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../index.ts'
import type { Finding } from './finding.ts'
import { detectSsrf, endsUrl } from './ssrf.ts'

const rules = (value: string, kind: 'arg' | 'header' = 'arg', header?: string): string[] => {
  const out: Finding[] = []
  detectSsrf({ value, lower: value.toLowerCase(), kind, level: 2, header }, out)
  return out.map((f) => f.rule)
}

describe('a URL the WHATWG parser refuses', () => {
  it('is loopback when the host before the port is a loopback address, or a name ending in one', () => {
    for (const v of ['http://example.com.127.0.0.1', 'https://shop.example.127.0.0.1/admin', '0://127.0.0.1:80;http://google.com:80/', 'x=http://a.b.0.0.0.0:8080;']) expect(rules(v), v).toEqual(['waf.ssrf.loopback'])
    // In a Referer (a developer's own storefront), as with every loopback URL, only at level 3.
    expect(rules('http://example.com.127.0.0.1', 'header', 'referer')).toEqual([])
  })

  it('is nothing when its host holds no loopback address', () => {
    for (const v of ['http://shop.example.10', 'https://v1.2.3.127.0.0.1x/', 'http://[broken', 'https://cdn.example.com:99999/x']) expect(rules(v), v).toEqual([])
  })
})

describe('a loopback URL in a header', () => {
  it('is level 3 in the Referer a browser fills with the page it was on, or a header not named', () => {
    for (const [v, h] of [['http://127.0.0.1:3000/products/x', 'referer'], ['http://[::1]:8080/', 'referer'], ['http://127.0.0.1/', undefined]] as const) expect(rules(v, 'header', h), v).toEqual([])
  })

  it('is level 2 in any other header, where no browser writes one', () => {
    for (const [v, h] of [['http://127.0.0.1:80', 'user-agent'], ['http://0.0.0.0:25/', 'x-forwarded-host'], ['Mozilla/5.0 (+http://127.0.0.1/bot.html)', 'user-agent']] as const) expect(rules(v, 'header', h), v).toEqual(['waf.ssrf.loopback'])
  })
})

describe('a loopback name', () => {
  it('is level 2 dressed as another host: a domain before it or as the fragment, or with a port written with + or leading zeros', () => {
    for (const v of ['http://localhost#example.com', 'http://example.com.localhost', 'https://shop.example.lvh.me/admin', 'localhost:00011211aaaa', 'localhost:+11211aaa', '127.0.0.1:0080']) expect(rules(v), v).not.toEqual([])
  })

  it('stays level 3 as a developer writes it (a port, a path, a one-label subdomain)', () => {
    for (const v of ['http://localhost:3000/', 'http://localhost:3000/products/x#reviews', 'http://localhost:3000/docs#v1.2', 'http://localhost/shop/#v1.2', 'http://shop.localhost:8080/', 'http://store1.shop.localhost:3000/cart', 'localhost:3000 shows a blank page']) expect(rules(v), v).toEqual([])
  })
})

describe('the end of a URL in free text', () => {
  it('is every UTF-16 code unit the pattern /[\\s"\'<>`\\\\{}|^]/ matches, and no other', () => {
    const pattern = /[\s"'<>`\\{}|^]/
    for (let c = 0; c < 0x10000; c++) expect(endsUrl(c), c.toString(16)).toBe(pattern.test(String.fromCharCode(c)))
  })
})

describe('a loopback URL as a word of running text', () => {
  const at3 = (value: string): string[] => {
    const out: Finding[] = []
    detectSsrf({ value, lower: value.toLowerCase(), kind: 'json', level: 3 }, out)
    return out.map((f) => f.rule)
  }

  it('is level 3: a pasted config or a message names it, no server fetches it', () => {
    for (const v of ['server {\n  location /api/ { proxy_pass http://127.0.0.1:3000; proxy_set_header Host $host; }\n}', 'My app runs on http://127.0.0.1:8080/ but the widget does not load there']) {
      expect(rules(v, 'arg'), v).toEqual([])
      expect(at3(v), v).toEqual(['waf.ssrf.loopback'])
    }
  })

  it('stays level 2 as the value, after = or a quote, or with no prose around it', () => {
    for (const v of ['http://127.0.0.1:6379/', 'url=http://127.0.0.1/admin', '<!ENTITY x SYSTEM "http://127.0.0.1:22/">', 'fetch http://127.0.0.1/']) expect(rules(v), v).toEqual(['waf.ssrf.loopback'])
  })
})


describe('a loopback URL where a frame of a stack trace ran', () => {
  const at = (value: string, level: 2 | 3): string[] => {
    const out: Finding[] = []
    detectSsrf({ value, lower: value.toLowerCase(), kind: 'json', level }, out)
    return out.map((f) => f.rule)
  }
  const FIREFOX = '()@http://127.0.0.1:8000/js/stacktrace.js:44\n(null)@http://127.0.0.1:8000/js/stacktrace.js:31\nfoo()@http://127.0.0.1:8000/js/file.js:20\n'
  const CHROME = 'TypeError: x is undefined\n    at bar (http://127.0.0.1:8000/js/file.js:13:17)\n    at http://127.0.0.1:8000/js/file.js:24:4'

  it('is level 3 in a stack of several lines, as Firefox (fn@url:line) and Chrome (at fn (url:line:col)) write it', () => {
    for (const v of [FIREFOX, CHROME]) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toContain('waf.ssrf.loopback')
    }
  })

  it('stays level 2 on one line, without a line number, or after anything but @, ( or at', () => {
    for (const v of ['foo@http://127.0.0.1:8000/js/file.js:20', 'x\nfoo@http://127.0.0.1:8080/admin', 'x\nurl=http://127.0.0.1:8080/a.js:20', 'x\n(http://127.0.0.1:8000/a.js:13:17)', 'line 1\nhttp://127.0.0.1:6379/:1']) {
      expect(at(v, 2), v).toEqual(['waf.ssrf.loopback'])
    }
  })
})

describe('a URL written with backslashes after a special scheme', () => {
  it('is read as the WHATWG parser of the fetching server reads it: `http:\\\\host` is `http://host`', () => {
    expect(rules('http:\\\\2130706433/server-status')).toEqual(['waf.ssrf.ip-obfuscation'])
    expect(rules('https:/\\169.254.169.254/latest/meta-data/')).toEqual(['waf.ssrf.cloud-metadata'])
  })

  it('is no URL after a scheme a parser takes literally, or a Windows path', () => {
    for (const v of ['C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts', 'foo:\\\\169.254.169.254', 'see C:\\Users\\jane and http:\\\\ later']) expect(rules(v), v).toEqual([])
  })
})

describe('a host name written with the root dot', () => {
  it('resolves as the name without it: `metadata.google.internal.` is the metadata service', () => {
    expect(rules('http://metadata.google.internal./computeMetadata/v1/')).toEqual(['waf.ssrf.cloud-metadata'])
    expect(rules('https://shop.example./products/x')).toEqual([])
  })
})

describe('a URL to a private address or an internal name', () => {
  it('is level 2 as the whole value of a field, the URL a server is asked to fetch', () => {
    for (const v of ['http://192.168.1.1/admin', ' http://10.0.0.5:8500/v1/agent/self', 'http://kubernetes.default.svc/api/v1/namespaces/default/secrets', 'http://redis.cache.svc.cluster.local:6379/', 'http://ip-10-0-0-5.ec2.internal/']) expect(rules(v), v).toEqual(['waf.ssrf.private-address'])
  })

  it('is level 3 inside a longer value or in a header, where people name their own network', () => {
    for (const v of ['My router is at http://192.168.1.1/ and it keeps dropping', 'https://shop.example/x?next=http://10.0.0.1/', 'http://shop.example.internal-review.com/', 'https://10.shop.example/gift-cards']) expect(rules(v), v).toEqual([])
    expect(rules('http://192.168.1.20:3000/products/x', 'header', 'x-original-url')).toEqual([])
  })
})

describe("a loopback URL that is a JSON stack frame's file name", () => {
  const at = (value: string, level: 2 | 3): string[] => {
    const out: Finding[] = []
    detectSsrf({ value, lower: value.toLowerCase(), kind: 'body', level }, out)
    return out.map((f) => f.rule)
  }

  it('is level 3 when it names a script or page beside the frame\'s lineno and function (a Sentry envelope)', () => {
    const v = '{"type":"event"}\n{"exception":{"values":[{"stacktrace":{"frames":[{"filename":"http://127.0.0.1:8000/js/file.js","function":"foo()","lineno":20,"in_app":true}]}}]}}'
    expect(at(v, 2), v).toEqual([])
    expect(at(v, 3), v).toContain('waf.ssrf.loopback')
  })

  it('stays level 2 for a service rather than a script, without the frame\'s lineno and function, or under another key', () => {
    for (const v of [
      '{"filename":"http://127.0.0.1:6379/","function":"?","lineno":1}',
      '{"filename":"http://127.0.0.1:8080/admin/users.json","function":"?","lineno":1}',
      '{"filename":"http://127.0.0.1:6379/x?a=1&b=.js","function":"?","lineno":1}',
      '{"filename":"http://127.0.0.1:8000/js/file.js","colno":3}',
      '{"webhook":"http://127.0.0.1:8000/js/file.js","function":"?","lineno":20}',
    ]) expect(at(v, 2), v).toEqual(['waf.ssrf.loopback'])
  })
})

describe("a loopback URL that is a stack frame's file name in a Sentry event posted as one JSON document", () => {
  const at = (level: 2 | 3, frame: Record<string, unknown>): string[] =>
    createWafEngine({ level })
      .inspect({ method: 'POST', uri: '/monitoring/api/42/store/', headers: { host: 'shop.example', 'content-type': 'application/json' }, body: JSON.stringify({ exception: { values: [{ stacktrace: { frames: [frame] } }] } }) })
      .matches.map((m) => m.rule)

  it('is level 3 when it names a script or page beside the frame\'s lineno and function', () => {
    const frame = { filename: 'http://127.0.0.1:8000/js/stacktrace.js', function: 'foo', lineno: 44, colno: 10, in_app: true }
    expect(at(2, frame)).toEqual([])
    expect(at(3, frame)).toContain('waf.ssrf.loopback')
  })

  it('stays level 2 for a service rather than a script, or without the frame\'s lineno and function', () => {
    for (const frame of [{ filename: 'http://127.0.0.1:6379/', function: '?', lineno: 1 }, { filename: 'http://127.0.0.1:8000/js/file.js', colno: 3 }, { webhook: 'http://127.0.0.1:8000/js/file.js', function: '?', lineno: 20 }]) {
      expect(at(2, frame), JSON.stringify(frame)).toContain('waf.ssrf.loopback')
    }
  })
})
