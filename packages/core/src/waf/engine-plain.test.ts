/**
 * The engine reads a plain value (printable ASCII without a character any syntax detector but
 * SQL's, a decoder or a second reading needs) on a shorter path: these tests hold that path to
 * the full one over every attack fixture, payload list and corpus request in the repository, and
 * over each payload with its non-plain characters blanked out (plain values that read like
 * attacks: `1 union select 1 2 3`, `cat etc passwd`, `script alert 1 script`).
 * The same holds for a value that decodes to plain text (`O%27Reilly`): each payload is also sent with
 * every character percent-encoded.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
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
