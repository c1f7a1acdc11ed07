import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import { decodeValue } from '../normalize/decode.ts'
import type { WafRequest } from '../types.ts'
import { repeatedClimb, repeatedStepBefore } from './traversal.ts'

const climb = (raw: string): string | null => {
  const decoded = decodeValue(raw)
  return (repeatedClimb(decoded, decoded.toLowerCase()) ?? repeatedClimb(raw, raw.toLowerCase()))?.rule ?? null
}
const engine = createWafEngine({ level: 1 })
const query = (raw: string): WafRequest => ({ method: 'GET', uri: `/download?file=${raw}`, headers: { host: 'shop.example' } })
const json = (text: string): WafRequest => ({ method: 'POST', uri: '/api/file', headers: { host: 'shop.example', 'content-type': 'application/json' }, body: JSON.stringify({ file: text }) })
const path = (raw: string): WafRequest => ({ method: 'GET', uri: `/products/${raw}`, headers: { host: 'shop.example' } })
const rules = (r: WafRequest): string[] => engine.inspect(r).matches.map((m) => m.rule)

describe('a climbing step repeated, then a system file with the step\'s separator', () => {
  it('is found in the spellings no decoder here reads: IIS hex letters, best-fit slashes, nested escapes, control bytes', () => {
    expect(climb('..%c0%9v..%c0%9v..%c0%9vetc%c0%9vpasswd')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('..%bg%qf..%bg%qfwindows%bg%qfwin.ini')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('%uff0e%uff0e%u2215%uff0e%uff0e%u2215%uff0e%uff0e%u2215etc%u2215shadow')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('%%32%%65%%32%%65%%35%%63%%32%%65%%32%%65%%35%%63etc%%35%%63shadow')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('..%01/..%01/..%01/boot.ini')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('%c0%ae%c0%ae%c0%9v%c0%ae%c0%ae%c0%9vproc%c0%9vself%c0%9venviron')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('..%u2216..%u2216WEB-INF%u2216web.xml')).toBe('waf.path-traversal.repeated-climb')
  })

  it('is found for one step that decodes to ".." and a separator the file path repeats', () => {
    expect(climb('..%c1%1cwinnt%c1%1csystem32')).toBe('waf.path-traversal.repeated-climb')
    expect(climb('%c0%ae%c0%ae0x5cboot.ini')).toBe('waf.path-traversal.repeated-climb')
  })

  it('blocks such a climb in a query, a JSON leaf and a path segment', () => {
    expect(rules(query('..%c1%8s..%c1%8s..%c1%8swindows%c1%8ssystem32%c1%8sdrivers%c1%8setc%c1%8shosts'))).toContain('waf.path-traversal.repeated-climb')
    expect(rules(json('..\u2216..\u2216..\u2216boot.ini'))).toContain('waf.path-traversal.repeated-climb')
    expect(rules(path('..%c0%qf..%c0%qfetc%c0%qfissue'))).toContain('waf.path-traversal.repeated-climb')
  })

  it('passes repeated text whose separator the file path does not share, and climbs to no system file', () => {
    expect(climb('v1.v1.etc hosts list')).toBeNull()
    expect(climb('1.1.1.1.etc passwd reset')).toBeNull()
    expect(climb('ha ha etc/passwd is a file name in the quiz')).toBeNull()
    expect(climb('..%c0%af..%c0%afimages%c0%aflogo.png')).toBeNull()
    expect(climb('...etc/hosts')).toBeNull()
    expect(climb('abab etc/passwd')).toBeNull()
  })

  it('takes the shortest step that stands twice before the file, and none made of letters alone', () => {
    expect(repeatedStepBefore('../../../etc', 9)).toBe('../')
    expect(repeatedStepBefore('abcabcetc', 6)).toBeNull()
    expect(repeatedStepBefore('x../etc', 4)).toBeNull()
  })
})

describe('a step made of separators only', () => {
  it('climbs nothing: `///etc/passwd` and its encodings name the root, which other rules judge', () => {
    expect(repeatedClimb('file%3a%2f%2f%2fetc%2fpasswd', 'file%3a%2f%2f%2fetc%2fpasswd')).toBeNull()
    expect(repeatedClimb('x////etc//passwd', 'x////etc//passwd')).toBeNull()
  })
})

describe("a file URL that is a JSON stack frame's file name (a Sentry envelope through the shop's tunnel)", () => {
  const envelope = (frames: string): WafRequest => ({
    method: 'POST',
    uri: '/monitoring?o=1&p=2',
    headers: { host: 'shop.example', 'content-type': 'text/plain;charset=UTF-8' },
    body: `{"event_id":"dc7d","sdk":{"name":"sentry.javascript.remix"}}\n{"type":"event"}\n{"exception":{"values":[{"type":"TypeError","stacktrace":{"frames":[${frames}]}}]},"platform":"javascript"}`,
  })
  const at = (level: 1 | 2 | 3, r: WafRequest): string[] => createWafEngine({ level }).inspect(r).matches.map((m) => m.rule)

  it('counts at level 3 when it names a script or page beside the frame\'s lineno and function', () => {
    for (const frames of ['{"filename":"file:///G:/js/file.js","function":"?","lineno":24,"in_app":true}', '{"function":"bar","abs_path":"file:///path/to/index.html","lineno":20,"colno":3}']) {
      expect(at(2, envelope(frames)), frames).toEqual([])
      expect(at(3, envelope(frames)), frames).toContain('waf.path-traversal.file-wrapper')
    }
  })

  it('stays level 1 for a system file, a frame without a line or function, another key, or a file URL elsewhere in the value', () => {
    for (const frames of [
      '{"filename":"file:///etc/passwd","function":"?","lineno":1}',
      '{"filename":"file:///C:/inetpub/wwwroot/web.config","function":"?","lineno":1}',
      '{"filename":"file:///G:/js/file.js","in_app":true}',
      '{"filename":"file:///G:/js/file.js","function":"?"}',
      '{"url":"file:///G:/js/file.js","function":"?","lineno":24}',
      '{"filename":"a.js","function":"?","lineno":24},"x":"file:///etc/passwd"',
    ]) {
      expect(at(1, envelope(frames)), frames).toContain('waf.path-traversal.file-wrapper')
    }
  })
})

describe("a JSON stack frame's file name read in a long report", () => {
  it('is judged frame by frame: a frame-shaped file URL among many stays level 3, a system file among them level 1', () => {
    const frame = (file: string): string => `{"filename":"${file}","function":"f","lineno":1,"colno":2}`
    const body = (last: string): string => `{"type":"event"}\n{"frames":[${Array.from({ length: 200 }, (_, i) => frame(`file:///app/www/js/chunk-${i}.js`)).join(',')},${frame(last)}]}`
    const at = (level: 1 | 2, text: string): string[] =>
      createWafEngine({ level }).inspect({ method: 'POST', uri: '/monitoring', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: text }).matches.map((m) => m.rule)
    expect(at(2, body('file:///app/www/index.html'))).toEqual([])
    expect(at(1, body('file:///etc/passwd'))).toContain('waf.path-traversal.file-wrapper')
  })

  it('lowers nothing when a file URL of another shape follows frame-shaped decoys', () => {
    const decoy = '{"filename":"file:///app/a.js","function":"f","lineno":1}'
    for (const tail of ['"file:///var/www/html/app/config.php"', ' file:///var/www/shop/.env', '{"filename":"file:///var/www/shop/config.php","function":"f","lineno":1}']) {
      const r: WafRequest = { method: 'POST', uri: '/api/import', headers: { 'content-type': 'text/plain' }, body: `${decoy}\n${decoy}\n${tail}` }
      expect(createWafEngine({ level: 1 }).inspect(r).matches.map((m) => m.rule), tail).toContain('waf.path-traversal.file-wrapper')
    }
  })
})

describe("a stack frame's file name in a Sentry event posted as one JSON document (not an envelope)", () => {
  const event = (frame: Record<string, unknown>): WafRequest => ({
    method: 'POST',
    uri: '/monitoring/api/42/store/?sentry_key=abc&sentry_version=7',
    headers: { host: 'shop.example', 'content-type': 'application/json' },
    body: JSON.stringify({ event_id: 'dc7d', platform: 'javascript', exception: { values: [{ type: 'TypeError', stacktrace: { frames: [frame] } }] } }),
  })
  const at = (level: 1 | 2 | 3, r: WafRequest): string[] => createWafEngine({ level }).inspect(r).matches.map((m) => m.rule)

  it('reads the parsed frame as its text is read in an envelope: a script or page beside lineno and function counts at level 3', () => {
    for (const frame of [{ filename: 'file:///G:/js/stacktrace.js', function: '?', lineno: 24, in_app: true }, { function: 'bar', abs_path: 'file:///path/to/index.html', lineno: 20, colno: 3 }]) {
      expect(at(2, event(frame)), JSON.stringify(frame)).toEqual([])
      expect(at(3, event(frame)), JSON.stringify(frame)).toContain('waf.path-traversal.file-wrapper')
    }
  })

  it('stays level 1 for a system file, a frame without a numeric line or a function, another key, or a name with a quote or control character', () => {
    for (const frame of [
      { filename: 'file:///etc/passwd', function: '?', lineno: 1 },
      { filename: 'file:///G:/js/file.js', in_app: true },
      { filename: 'file:///G:/js/file.js', function: '?', lineno: '24' },
      { url: 'file:///G:/js/file.js', function: '?', lineno: 24 },
      { filename: 'file:///G:/js/a"b.js', function: '?', lineno: 24 },
      { filename: 'file:///G:/js/\u0001a.js', function: '?', lineno: 24 },
    ]) {
      expect(at(1, event(frame)), JSON.stringify(frame)).toContain('waf.path-traversal.file-wrapper')
    }
  })
})
