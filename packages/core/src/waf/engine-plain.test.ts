/**
 * The engine reads a plain value (printable ASCII without a character any syntax detector but
 * SQL's, a decoder or a second reading needs) on a shorter path: these tests hold that path to
 * the full one over every attack fixture, payload list and corpus request in the repository, and
 * over each payload with its non-plain characters blanked out (plain values that read like
 * attacks: `1 union select 1 2 3`, `cat etc passwd`, `script alert 1 script`).
 * The same holds for a value that decodes to plain text (`O%27Reilly`): each payload is also sent with
 * every character percent-encoded. And for any value, each syntax detector but SQL's runs only where
 * the value holds a character its pre-screen starts from (engine.ts CHARACTER_CLASS): the payloads
 * with one kind of non-plain character kept are the values at that edge, and each detector is held
 * to find nothing in every payload with its characters taken out.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectJndi } from './detectors/jndi.ts'
import { detectShell } from './detectors/shell.ts'
import { detectSsrf } from './detectors/ssrf.ts'
import { detectXss } from './detectors/xss.ts'
import type { Detector, Finding, TargetKind } from './detectors/finding.ts'
import { createWafEngine } from './engine.ts'
import { parseWafRequestLine } from './ndjson.ts'
import type { WafLevel, WafRequest } from './types.ts'

const RULES = new URL('./rules/', import.meta.url)
const CORPORA = new URL('../../../../bench/waf/corpora/', import.meta.url)

function filesUnder(dir: URL, ext: string): URL[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext) && !f.includes('LICENSES'))
    .map((f) => new URL(f, dir))
}
const linesOf = (file: URL): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')

/** Every payload line: the rule packs' attack and benign fixtures and the payload lists of the corpora. */
const payloads = [...filesUnder(RULES, '.txt'), ...filesUnder(CORPORA, '.txt')].flatMap(linesOf).map((l) => l.replaceAll('\\r', '\r').replaceAll('\\n', '\n'))
/** The same with every character that is not plain made a space. */
const blanked = payloads.map((p) => p.replace(/[^ -~]|[<:=([.`;|&$\-/\\{%]/g, ' ')).filter((p) => p.trim() !== '')

/**
 * Each payload once for each non-plain character it holds, with the others blanked: the values
 * just past the edge of plain, on which the short path must not be taken.
 */
const edged = [
  ...new Set(
    payloads.flatMap((p) => {
      const kept = new Set(p.match(/[<:=([.`;|&$\-/\\{%]/g) ?? [])
      return [...kept].map((c) => p.replace(/[^ -~]|[<:=([.`;|&$\-/\\{%]/g, (x) => (x === c ? x : ' ')))
    }),
  ),
]

/** A value in each place it travels: query value and name, JSON leaf, cookie, a free header, a browser-structured one. */
function placed(value: string): WafRequest[] {
  const q = encodeURIComponent(value)
  return [
    { method: 'GET', uri: `/search?q=${q}` },
    { method: 'GET', uri: `/search?${q}=1` },
    { method: 'POST', uri: '/api', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: value }) },
    { method: 'GET', uri: '/', headers: { cookie: `sid=${value.replaceAll(';', '')}`, 'user-agent': value, 'x-api-note': value, accept: value } },
  ]
}

const corpusRequests = filesUnder(CORPORA, '.ndjson')
  .flatMap(linesOf)
  .flatMap((l) => {
    const parsed = parseWafRequestLine(l)
    return parsed.ok ? [parsed.request] : []
  })

/**
 * Requests whose verdicts differ between the two paths. With the finding cache on (exact: its
 * own tests hold it to the uncached engine), each distinct value is still read on each path at
 * its first sightings, and the corpora's repeated headers cost nothing after.
 */
function differences(level: WafLevel, sets: ReadonlyArray<readonly [string, readonly WafRequest[]]>): { differ: string[]; sqlOnPlain: number } {
  const short = createWafEngine({ level })
  const full = createWafEngine({ level, plainPath: false })
  const differ: string[] = []
  let sqlOnPlain = 0
  for (const [what, requests] of sets) {
    for (const r of requests) {
      const a = short.inspect(r)
      if (JSON.stringify(a) !== JSON.stringify(full.inspect(r))) differ.push(`${what}: ${JSON.stringify(r).slice(0, 200)}`)
      else if (what === 'blanked payloads' && a.matches.some((m) => m.category === 'sqli')) sqlOnPlain++
    }
  }
  return { differ: differ.slice(0, 5), sqlOnPlain }
}

describe('plain values', () => {
  const placedPayloads = ['payloads', payloads.flatMap(placed)] as const
  const placedBlanked = ['blanked payloads', blanked.flatMap(placed)] as const
  const placedEdged = ['payloads with one kind of non-plain character', edged.flatMap((v) => [{ method: 'GET', uri: `/search?q=${encodeURIComponent(v)}` }, { method: 'GET', uri: '/', headers: { 'x-api-note': v } }])] as const
  /** Every character percent-encoded, in a query and in a free header: values that decode to plain text (and past it, one kind at a time). */
  const escapeAll = (v: string): string => [...new TextEncoder().encode(v)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
  const placedEscaped = [
    'payloads with every character percent-encoded',
    [...payloads, ...blanked, ...edged].flatMap((v) => [{ method: 'GET', uri: `/search?q=${escapeAll(v)}` }, { method: 'GET', uri: '/', headers: { 'x-api-note': escapeAll(v), cookie: `sid=${escapeAll(v)}` } }]),
  ] as const

  it('get the same verdicts on the short path as in full at the default level, payloads and corpus requests alike', () => {
    const { differ, sqlOnPlain } = differences(2, [placedPayloads, placedBlanked, placedEdged, placedEscaped, ['corpus requests', corpusRequests]])
    expect(differ).toEqual([])
    // The blanked payloads are plain values that still read as SQL: the short path ran the SQL detector on them.
    expect(sqlOnPlain).toBeGreaterThan(100)
    expect(corpusRequests.length).toBeGreaterThan(20_000)
  }, 300_000)

  it.each([1, 3, 4] as const)('get the same verdicts on the short path as in full for every payload at level %i', (level) => {
    expect(differences(level, [placedPayloads, placedBlanked, placedEdged, placedEscaped]).differ).toEqual([])
  }, 300_000)
})

describe('detectors skipped for the characters a value lacks', () => {
  const find = (detect: Detector, value: string, kind: TargetKind): Finding[] => {
    const out: Finding[] = []
    for (const level of [1, 2, 3, 4] as const) detect({ value, lower: value.toLowerCase(), kind, level, header: null }, out)
    return out
  }
  // What engine.ts gives each detector: XSS needs one of `<:=([.`, a backtick or a `-`; command
  // injection one of `;|&$`, a backtick, a line break, `-`, `/`, `\`, `(`, `{`, or a quote that opens
  // the value; Log4Shell a `$`; SSRF a `:`. Anything outside printable ASCII goes to every detector.
  const cases = [
    ['XSS', detectXss, /[^ -~]|[<:=([.`\-]/g],
    ['command injection', detectShell, /[^ -~]|[;|&$`\-/\\({]/g],
    ['Log4Shell', detectJndi, /[^ -~]|\$/g],
    ['SSRF', detectSsrf, /[^ -~]|:/g],
  ] as const
  it.each(cases)('%s finds nothing in any payload with its characters taken out', (_name, detect, chars) => {
    const found: string[] = []
    let attacks = 0
    for (const p of payloads) {
      if (find(detect, p, 'arg').length > 0) attacks++
      // A leading quote is given to the shell detector on any path, so it is dropped with the rest.
      const without = p.replace(chars, ' ').replace(/^['"]+/, '')
      for (const kind of ['arg', 'json', 'header', 'cookie', 'path'] as const) if (find(detect, without, kind).length > 0) found.push(`${kind}: ${without.slice(0, 120)}`)
    }
    expect(found.slice(0, 5)).toEqual([])
    // The detector does find attacks in the payloads as they are: the check above is not vacuous.
    expect(attacks).toBeGreaterThan(50)
  }, 120_000)

  // Finer than a class: engine.ts gives XSS a value whose only character of its own is `<` only where a
  // letter, `/` or `?` follows a `<` (or with a backslash in the value), and the command-injection detector
  // one whose only such character is `-` only where `-c ` occurs. Here those are kept apart.
  const edges = [
    ['XSS', detectXss, /[^ -~]|[:=([.`\-\\]/g, /<(?=[a-zA-Z/?])/g, '< '],
    ['command injection', detectShell, /[^ -~]|[;|&$`/\\({]/g, /-c /gi, '- c '],
  ] as const
  it.each(edges)('%s finds nothing in any payload whose only character of its own is kept apart from what would make it count', (_name, detect, others, counts, apart) => {
    const found: string[] = []
    let read = 0
    for (const p of payloads) {
      const edge = p.replace(others, ' ').replace(/^['"]+/, '')
      if (find(detect, edge, 'arg').length > 0) read++
      const without = edge.replace(counts, apart)
      for (const kind of ['arg', 'json', 'header', 'cookie', 'path'] as const) if (find(detect, without, kind).length > 0) found.push(`${kind}: ${without.slice(0, 120)}`)
    }
    expect(found.slice(0, 5)).toEqual([])
    // With that character counting, some of the same text is read as an attack: the check above is not vacuous.
    expect(read).toBeGreaterThan(0)
  }, 120_000)
})

describe('second readings skipped for the characters a value lacks', () => {
  // Base64 of markup, long enough (over 512 characters) that the engine gives the value every class
  // without a look, and holding `/` (from `???`) so that it is not plain: its base64 must still be read.
  const text = '<script>alert(document.cookie)</script>??? '
  const long = btoa(text.repeat(16))
  const short = btoa(text)
  const jwt = `${btoa('{"alg":"HS256","kid":"1\' union select password from users--"}').replaceAll('=', '')}.e30.c2ln`
  const values = [long, short, long.replaceAll('/', '_').replaceAll('+', '-'), `data:;base64,${btoa('<?php system($_GET["c"]); ?>')}`, jwt, '{"$where":"sleep(5000)"}', "1' %U%N%I%O%N %S%E%L%E%C%T password FROM users--"]
  const requests = values.flatMap((v) => [
    { method: 'GET', uri: `/search?q=${encodeURIComponent(v)}` },
    { method: 'POST', uri: '/api', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: v }) },
    { method: 'GET', uri: '/', headers: { cookie: `sid=${v}`, 'x-api-note': v } },
  ])

  it('reads base64 (long, short, URL alphabet), data: URLs, JWT headers, JSON in a value and lone percents as the full path does', () => {
    expect(long.length).toBeGreaterThan(512)
    expect(long).toContain('/')
    const gated = createWafEngine({ level: 2, cacheSize: 0 })
    const full = createWafEngine({ level: 2, cacheSize: 0, plainPath: false })
    for (const r of requests) expect(gated.inspect(r), JSON.stringify(r).slice(0, 120)).toEqual(full.inspect(r))
    // Each reading does find what it hides: the comparison above is not vacuous.
    const explained = requests.map((r) => gated.inspect(r).matches.map((m) => m.explanation).join(' '))
    expect(explained.filter((e) => e.includes('after base64 decoding')).length).toBeGreaterThanOrEqual(9)
    expect(explained.some((e) => e.includes('of the data: URL'))).toBe(true)
    expect(explained.some((e) => e.includes('in the header of a JSON Web Token'))).toBe(true)
    expect(explained.some((e) => e.includes('in the JSON document the value holds'))).toBe(true)
    expect(explained.some((e) => e.includes('as IIS does'))).toBe(true)
  })
})
