/**
 * Converts the OWASP CRS regression tests transcribed in bench/waf/corpora/crs-tests/*.yaml (one YAML
 * document per CRS test file; README.md, "CRS regression tests") into the request records `vigil waf check`
 * reads, each request built as go-ftw sends it, and writes crs-tests.ndjson beside them, with the tests
 * left out and why in crs-tests.skipped.ndjson. A test that expects a rule id is an attack; one that only
 * expects ids not to fire is a CRS false-positive regression, kept as the benign set.
 * Run: npx tsx bench/waf/corpora/generate-crs-tests.ts
 * @module
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parse, parseAllDocuments } from 'yaml'
import { fnv1a } from './seeded-text.ts'

type Headers = Record<string, string>
type HeaderRef = string | Headers

/** One test as transcribed: go-ftw's input and output fields under short names (README.md). */
interface Transcribed {
  /** test_id (or what follows the rule id in test_title) */
  t: number | string
  /** stage, where a test has several */
  st?: number
  m?: string
  u?: string
  v?: string
  h?: HeaderRef
  /** headers added to (or replacing, by the same name) the file's or h's set */
  hx?: Headers
  d?: string
  /** encoded_data: the body as base64, sent verbatim */
  e?: string
  /** autocomplete_headers false (or stop_magic true) */
  ac?: false
  /** expect_ids, log_contains ids */
  x?: number[]
  /** no_expect_ids, no_log_contains ids */
  n?: number[]
  /** Why the test is in neither set, where its own description says the expectation is not what the request is. */
  why?: string
}

interface SourceFile {
  path: string
  commit: string
  rule: number
  /** Where only the first page of a long file was read, or the stored file has an oddity the transcription keeps (README.md). */
  read?: string
  version?: string
  headers?: HeaderRef
  tests: Transcribed[]
}

interface Selection {
  classes: Record<string, string>
  headerSets: Record<string, Headers>
}

export interface CrsTest {
  id: string
  /** The rule whose test file holds the test. */
  rule: number
  /** CRS rule file, e.g. REQUEST-942-APPLICATION-ATTACK-SQLI. */
  group: string
  class: string
  label: 'attack' | 'benign'
  expect: number[]
  no_expect: number[]
  holdout: boolean
  source: string
  commit: string
  method: string
  uri: string
  headers: Headers
  body?: string
  body_encoding?: 'base64'
}

const DIR = new URL('./crs-tests/', import.meta.url)
const selection = parse(readFileSync(new URL('selection.yaml', DIR), 'utf8')) as Selection

const headerSet = (ref: HeaderRef | undefined): Headers => {
  if (ref === undefined) return {}
  if (typeof ref !== 'string') return ref
  const set = selection.headerSets[ref]
  if (set === undefined) throw new Error(`unknown header set ${ref}`)
  return set
}

/** Go's url.QueryEscape: every byte but ALPHA / DIGIT / - _ . ~ as %XX, a space as +. */
const queryEscape = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')

/**
 * go-ftw's encodeDataParameters: a form body that Go's QueryUnescape would leave as it is (no `%`, no `+`)
 * is taken for unencoded `key=value` pairs and each key and value is escaped; any other body goes as written.
 */
const encodeForm = (data: string): string =>
  /[%+]/.test(data)
    ? data
    : // go-ftw's loop stops when nothing follows an '&', so a trailing '&' yields no empty last token
      data
        .split('&')
        .slice(0, data.endsWith('&') ? -1 : undefined)
        .map((token) => {
          const eq = token.indexOf('=')
          return eq === -1 ? queryEscape(token) : `${queryEscape(token.slice(0, eq))}=${queryEscape(token.slice(eq + 1))}`
        })
        .join('&')

const find = (h: Headers, name: string): string | undefined => Object.keys(h).find((k) => k.toLowerCase() === name)

// go-ftw's methodsWithBodyRegex, anchors as it writes them.
const METHOD_WITH_BODY = /^POST|PUT|PATCH|DELETE$/

/** The request go-ftw's BuildRequest sends for `test`, header names lower-cased as Node hands them to a server; or why it cannot be a record. */
export function build(file: SourceFile, test: Transcribed): { method: string; uri: string; headers: Headers; body?: string; body_encoding?: 'base64' } | { unexpressible: string } {
  const version = test.v ?? file.version ?? 'HTTP/1.1'
  if (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') return { unexpressible: `request line version ${version}` }
  const method = test.m ?? 'GET'
  const headers: Headers = { ...headerSet(test.h ?? file.headers), ...test.hx }
  const auto = test.ac !== false
  let body: Buffer | undefined = test.e === undefined ? (test.d === undefined ? undefined : Buffer.from(test.d, 'utf8')) : Buffer.from(test.e, 'base64')
  if (body !== undefined && body.length > 0 && auto && test.e === undefined) {
    if (find(headers, 'content-type') === undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    if (headers[find(headers, 'content-type')!] === 'application/x-www-form-urlencoded') body = Buffer.from(encodeForm(body.toString('utf8')), 'utf8')
  }
  const ct = find(headers, 'content-type')
  if (body !== undefined && ct !== undefined && headers[ct]!.startsWith('multipart/form-data;')) body = Buffer.from(body.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')
  if (auto) {
    if (find(headers, 'connection') === undefined) headers['Connection'] = 'close'
    if ((body !== undefined && body.length > 0) || METHOD_WITH_BODY.test(method)) headers['Content-Length'] = String(body?.length ?? 0)
  }
  const lower: Headers = {}
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase()
    if (name in lower) return { unexpressible: `header ${name} twice` }
    lower[name] = String(v)
  }
  const out: { method: string; uri: string; headers: Headers; body?: string; body_encoding?: 'base64' } = { method, uri: test.u ?? '/', headers: lower }
  if (body !== undefined && body.length > 0) {
    const text = body.toString('utf8')
    if (Buffer.from(text, 'utf8').equals(body)) out.body = text
    else {
      out.body = body.toString('base64')
      out.body_encoding = 'base64'
    }
  }
  return out
}

function main(): void {
  const records: CrsTest[] = []
  const skipped: Array<{ id: string; source: string; reason: string }> = []
  for (const name of readdirSync(DIR).filter((f) => /^\d{3}\.yaml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(new URL(name, DIR), 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors[0]!.message}`)
      const file = doc.toJSON() as SourceFile
      const group = file.path.split('/').at(-2)!
      const cls = selection.classes[String(file.rule).slice(0, 3)]
      for (const test of file.tests) {
        const id = `${file.rule}-${test.t}${test.st === undefined ? '' : `.${test.st}`}`
        const skip = (reason: string): void => void skipped.push({ id, source: file.path, reason })
        if (cls === undefined) skip(`rule file ${group} holds no class of this corpus`)
        else if (test.why !== undefined) skip(test.why)
        else if ((test.x ?? []).length === 0 && (test.n ?? []).length === 0) skip('the test expects no rule id either way')
        else {
          const req = build(file, test)
          if ('unexpressible' in req) skip(`not expressible as a request record: ${req.unexpressible}`)
          else
            records.push({
              id,
              rule: file.rule,
              group,
              class: cls,
              label: (test.x ?? []).length > 0 ? 'attack' : 'benign',
              expect: test.x ?? [],
              no_expect: test.n ?? [],
              holdout: fnv1a(id) % 10 < 3,
              source: file.path,
              commit: file.commit,
              ...req,
            })
        }
      }
    }
  }
  const ids = new Set<string>()
  for (const r of records) {
    if (ids.has(r.id)) throw new Error(`test ${r.id} transcribed twice`)
    ids.add(r.id)
  }
  writeFileSync(new URL('../crs-tests.ndjson', DIR), records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  writeFileSync(new URL('../crs-tests.skipped.ndjson', DIR), skipped.map((r) => JSON.stringify(r)).join('\n') + (skipped.length > 0 ? '\n' : ''))
  const count = (label: string, held: boolean): number => records.filter((r) => r.label === label && r.holdout === held).length
  console.log(`${records.length} requests: attack ${count('attack', false)} + ${count('attack', true)} held out, benign ${count('benign', false)} + ${count('benign', true)} held out; ${skipped.length} tests left out`)
  const reasons = new Map<string, number>()
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1)
  for (const [reason, n] of reasons) console.log(`  left out ${n}: ${reason}`)
}

if (import.meta.url === `file://${process.argv[1]}`) main()
