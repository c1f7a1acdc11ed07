import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { RULE_PACK_SOURCES } from './packs.generated.ts'
import type { Finding } from '../detectors/finding.ts'
import { LiteralScanner, loadRulePack, meets, requiredLiterals, RuleSet } from './rule-pack.ts'

const rules = Object.entries(RULE_PACK_SOURCES).flatMap(([name, text]) => loadRulePack(name, text))
const root = new URL('./', import.meta.url)
/** Every payload fixture line, attacks and benign, lower-cased as the engine hands values to the rules. */
const fixtures = readdirSync(root)
  .filter((d) => existsSync(new URL(`${d}/payloads/attack.txt`, root)))
  .flatMap((d) => ['attack', 'benign'].flatMap((k) => readFileSync(new URL(`${d}/payloads/${k}.txt`, root), 'utf8').split('\n')))
  .filter((l) => l.trim() !== '')
  .map((l) => l.replaceAll('\\r', '\r').replaceAll('\\n', '\n').toLowerCase())

/** Every attack payload fixture line as written (the rules match the value as sent, in any case). */
const attacks = readdirSync(root)
  .filter((d) => existsSync(new URL(`${d}/payloads/attack.txt`, root)))
  .flatMap((d) => readFileSync(new URL(`${d}/payloads/attack.txt`, root), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '')
  .map((l) => l.replaceAll('\\r', '\r').replaceAll('\\n', '\n'))

/** What the scanner must report: each literal's first index, as indexOf finds it. */
function expectSameAsIndexOf(scanner: LiteralScanner, lower: string): void {
  scanner.scan(lower)
  const found = new Set(Array.from(scanner.found.subarray(0, scanner.count)))
  scanner.literals.forEach((literal, id) => {
    const at = lower.indexOf(literal)
    expect(scanner.first[id], `${JSON.stringify(literal)} in ${JSON.stringify(lower.slice(0, 80))}`).toBe(at)
    expect(found.has(id)).toBe(at >= 0)
  })
}

describe('LiteralScanner', () => {
  const scanner = new LiteralScanner(rules.flatMap((r) => r.any))

  it('finds each bundled literal where indexOf does, in every payload fixture', () => {
    expect(scanner.literals.length).toBeGreaterThan(100)
    for (const line of fixtures) expectSameAsIndexOf(scanner, line)
  })

  it('finds literals that overlap, nest and repeat, and non-ASCII ones, and forgets the previous value', () => {
    const s = new LiteralScanner(['he', 'she', 'his', 'hers', 'e', 'ċ', '嘊', '..', '../'])
    for (const text of ['ushers', 'ahishers', '....//..../', 'xċ嘊ċ', '', 'zzz', 'she', 'h']) expectSameAsIndexOf(s, text)
  })

  it('refuses literals that need more states than its table numbers, with the rule-pack error', () => {
    expect(() => new LiteralScanner(['x'.repeat(70_000)])).toThrow(/automaton states/)
  })

  it('finds literals cut at every position of a value built from them', () => {
    const joined = scanner.literals.join('')
    for (let i = 0; i < joined.length; i += 7) expectSameAsIndexOf(scanner, joined.slice(i, i + 300))
  })
})

describe('a rule with an in_text level', () => {
  const set = new RuleSet(rules)
  const at = (value: string, level: 1 | 2 | 3): string[] => {
    const out: Finding[] = []
    set.apply({ value, lower: value.toLowerCase(), kind: 'form', level }, null, out)
    return out.map((f) => f.rule)
  }

  it('counts a system file named as a word of running text at that level only (a ticket quoting C:\\Windows\\System32\\drivers\\etc\\hosts)', () => {
    for (const v of ['Tried type C:\\Windows\\System32\\drivers\\etc\\hosts as the manual says -- no luck.', "Here's my log: tail -f /var/log/nginx/error.log shows nothing", 'I ran ls -la ~/.ssh/id_ed25519 and it exists']) {
      expect(at(v, 2), v).toEqual([])
      expect(at(v, 3), v).toContain('waf.path-traversal.sensitive-file')
    }
  })

  it("keeps the rule's own level for the value itself, a path after a quote, bracket or =, and a template's argument", () => {
    for (const v of ['/etc/passwd', 'C:\\Windows\\win.ini', "document('/etc/passwd')", 'file=/etc/passwd', "{{['cat /etc/passwd']|map('system')|join}}"]) expect(at(v, 1), v).toContain('waf.path-traversal.sensitive-file')
  })
})


describe('a rule with an unless shape', () => {
  const pack = `category: ldapi
rules:
  - id: waf.ldapi.test
    level: 1
    score: 5
    any: ['(&']
    pattern: '\\(&'
    unless: '^\\(&(?:\\([a-z]+=[a-z]+\\))+\\)$'
    explanation: 'A test rule for the unless shape.'
`
  const set = new RuleSet(loadRulePack('test', pack))
  const fires = (value: string): boolean => {
    const out: Finding[] = []
    set.apply({ value, lower: value.toLowerCase(), kind: 'arg', level: 1 }, null, out)
    return out.length > 0
  }

  it('does not count where the value from the match on is the shape, and counts where it is not', () => {
    expect(fires('(&(a=b)(c=d))')).toBe(false)
    expect(fires('(&(a=b)(c=d))(|(x=*))')).toBe(true)
    expect(fires('(&(a=b)(c=*))')).toBe(true)
  })

  it('counts where the shape would need more than one window of the value, since its end is not read', () => {
    const long = `(&${'(a=b)'.repeat(400)})`
    expect(fires(long)).toBe(true)
  })

  it('refuses an unless shape without a pattern to read it from', () => {
    expect(() => loadRulePack('test', pack.replace(/^ {4}pattern: .*\n/m, ''))).toThrow(/unless/)
  })
})

describe('paths a shop never serves', () => {
  const set = new RuleSet(rules)
  const inPath = (value: string): string[] => {
    const out: Finding[] = []
    set.apply({ value, lower: value.toLowerCase(), kind: 'path', level: 2 }, null, out)
    return out.map((f) => f.rule)
  }

  it("counts a probe path behind Vite's /@fs/, not the dev server's own modules there", () => {
    for (const p of ['/@fs/.env', '/@fs/app/.git/config']) expect(inPath(p), p).toContain('waf.scanner.probe-path')
    expect(inPath('/@fs/home/dev/shop/node_modules/.vite/deps/react.js')).toEqual([])
  })

  it("counts a tool's settings or keys (an AI agent's, an editor's) at any depth", () => {
    for (const p of ['/.claude/settings.json', '/app/.claude/settings.local.json', '/.cursor/mcp.json', '/.continue/config.yaml', '/.kiro/hooks/preToolUse.sh', '/.a0proj/secrets.env', '/.n8n/config', '/home/node/.kube/config', '/.tool/credentials']) expect(inPath(p), p).toContain('waf.scanner.hidden-config')
  })

  it("leaves /.well-known/, a dev server's hidden code directory and dotted names that are no directory", () => {
    for (const p of ['/.well-known/assetlinks.json', '/.well-known/security.txt', '/node_modules/.vite/deps/react.js', '/products/.hidden-gem.json', '/api/2024-07/graphql.json', '/.well-known/config', '/account/config', '/products/config-kit/credentials-wallet']) expect(inPath(p), p).not.toContain('waf.scanner.hidden-config')
  })

  it("counts the paths Nessus and AppScan request to fingerprint a server's not-found answer, not a product named after the centaur", () => {
    for (const p of ['/nessustest', '/nessus_is_probing_you_', '/AppScan_fingerprint/MAC_ADDRESS_01234567890.html']) expect(inPath(p), p).toContain('waf.scanner.probe-path')
    for (const p of ['/products/nessus-centaur-figurine', '/blog/nessus-and-heracles', '/search/appscan']) expect(inPath(p), p).toEqual([])
  })
})

describe('a blank line and markup in a value no text box fills', () => {
  const set = new RuleSet(rules)
  const found = (value: string, kind: 'cookie' | 'form'): string[] => {
    const out: Finding[] = []
    set.apply({ value, lower: value.toLowerCase(), kind, level: 2 }, null, out)
    return out.map((f) => f.rule)
  }

  it('counts a cookie that ends the headers and starts a page (response splitting)', () => {
    expect(found('munchmuch\r\n\r\n<HTML><title></title></HTML>', 'cookie')).toContain('waf.crlf.response-body')
    expect(found('x\n\n<script>alert(1)</script>', 'cookie')).toContain('waf.crlf.response-body')
  })

  it('leaves a message whose paragraphs hold markup, and a cookie with one line break', () => {
    expect(found('Hi team,\r\n\r\n<b>Order 1234</b> is late', 'form')).not.toContain('waf.crlf.response-body')
    expect(found('munchmuch\r\n<b>', 'cookie')).not.toContain('waf.crlf.response-body')
  })
})

describe('the literals a case-insensitive pattern requires', () => {
  const jsReturn = rules.find((r) => r.id === 'waf.nosqli.js-return')!
  const fires = (value: string): boolean => {
    const out: Finding[] = []
    new RuleSet([jsReturn]).apply({ value, lower: value.toLowerCase(), kind: 'body', level: 2 }, null, out)
    return out.length > 0
  }

  it('are held, lower-case, by every attack fixture a pattern matches, in the case written, upper-cased and in mixed case', () => {
    const required = rules.filter((r) => r.required !== null)
    expect(required.length).toBeGreaterThan(50)
    const mixed = (s: string): string => s.replace(/[a-z]/gi, (c, i: number) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase()))
    let checked = 0
    for (const line of attacks) {
      for (const value of [line, line.toUpperCase(), mixed(line)]) {
        for (const rule of required) {
          if (!rule.pattern!.matcher(value).find()) continue
          checked++
          expect(meets(rule.required!, value.toLowerCase()), `${rule.id} on ${JSON.stringify(value.slice(0, 80))}`).toBe(true)
        }
      }
    }
    expect(checked).toBeGreaterThan(500)
  })

  it("are each alternative's own: a stack trace's this.undef holds none of return, .match or sleep, an attack does", () => {
    expect(meets(jsReturn.required!, '{"value":"this.undef is not a function","frames":[{"lineno":24}]}')).toBe(false)
    expect(fires('{"type":"TypeError","value":"this.undef is not a function"}')).toBe(false)
    for (const attack of ["'; return true; var x='", "1'; RETURN '' == '", "this.password.match(/^a/)", "x' ; Sleep(5000)"]) {
      expect(meets(jsReturn.required!, attack.toLowerCase()), attack).toBe(true)
      expect(fires(`this.x ${attack}`), attack).toBe(true)
    }
  })

  it('still run the pattern where ſ (a case variant of s that lower-cases to itself) may stand for an s', () => {
    expect(meets(jsReturn.required!, "this.x'; ſleep(5)")).toBe(false)
    expect(fires("this.x'; ſleep(5)")).toBe(true)
  })

  it('need only ſ apart: every other character a case-insensitive ASCII letter matches lower-cases to that letter', () => {
    const letter = RE2JS.compile('(?i)^[a-z]$')
    const folding: number[] = []
    for (let c = 128; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue
      const ch = String.fromCharCode(c)
      if (!letter.matches(ch)) continue
      folding.push(c)
      if (c !== 0x17f) expect(RE2JS.compile(`(?i)^${ch.toLowerCase()}$`).matches(ch), ch).toBe(true)
      if (c !== 0x17f) expect(ch.toLowerCase().charCodeAt(0), ch).toBeLessThan(128)
    }
    expect(folding).toContain(0x17f)
  })

  it('are none for a case-sensitive pattern or a literal beyond ASCII, and keep the other flags of the group', () => {
    expect(requiredLiterals('return\\s+true')).toBeNull()
    expect(requiredLiterals('(?i)café')).toBeNull()
    expect(requiredLiterals('(?i)(?:return|Sleep)\\(')).toEqual({ all: [{ either: ['return', 'sleep'] }, '('] })
    expect(requiredLiterals('(?is)A.B[cd]')).toEqual({ all: ['a', 'b'] })
  })
})
