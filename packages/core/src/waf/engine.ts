/**
 * The WAF engine: request → targets → normalization → detectors → anomaly score →
 * decision. Pure and synchronous; every step is bounded by the limits.
 * @module
 */
import { detectJndi } from './detectors/jndi.ts'
import { jwtHeader, kidInjection, unsignedJwt } from './detectors/jwt.ts'
import { NUL_TEXT_KINDS, NUL_URL_KINDS, nullByte } from './detectors/null-byte.ts'
import { detectShell } from './detectors/shell.ts'
import { detectSqli } from './detectors/sqli.ts'
import { detectSsrf } from './detectors/ssrf.ts'
import { detectEncodedTraversal, repeatedClimb } from './detectors/traversal.ts'
import { detectXss } from './detectors/xss.ts'
import type { Detector, DetectorInput, Finding, TargetKind } from './detectors/finding.ts'
import { FindingCache } from './finding-cache.ts'
import { DEFAULT_WAF_LIMITS, MAX_EXCERPT, type WafLimits } from './limits.ts'
import { decodeBase64Text, decodeValue, dropLonePercents, foldUnicode, percentDecode, textDataUrlBase64, unescapeValue } from './normalize/decode.ts'
import { normalizePath } from './normalize/path.ts'
import { checkProtocol } from './protocol.ts'
import { RULE_PACK_SOURCES } from './rules/packs.generated.ts'
import { LiteralScanner, loadRulePack, RuleSet, type CompiledRule } from './rules/rule-pack.ts'
import { formText, readHead, TargetSink, targetName, visitTargets, type PartKind, type PartMemo } from './targets/extract.ts'
import { graphqlStrings, isGraphqlDocument } from './targets/graphql.ts'
import { walkJson } from './targets/json.ts'
import { DEFAULT_WAF_LEVEL, type WafCategory, type WafLevel, type WafMatch, type WafRequest, type WafVerdict } from './types.ts'

export interface WafEngineOptions {
  level?: WafLevel
  /** Anomaly score at which the verdict is `block`. */
  threshold?: number
  limits?: Partial<WafLimits>
  /** Rule packs as YAML text by name; the bundled packs when omitted. */
  rulePacks?: Readonly<Record<string, string>>
  /** Values (up to 512 characters) whose findings are remembered (default 2048, rounded down to a power of two; 0 turns the cache off). */
  cacheSize?: number
  /** `false` reads every value in full, by every detector (not only plain values, see CHARACTER_CLASS, on the short path): for tests that hold the short paths to the full one. */
  plainPath?: boolean
}

export interface WafEngine {
  readonly level: WafLevel
  readonly threshold: number
  inspect(request: WafRequest): WafVerdict
}

const CODE_DETECTORS: readonly Detector[] = [detectSqli, detectXss, detectShell, detectJndi, detectSsrf, detectEncodedTraversal]
const ENCODED_SLASH = /%2f/i
/** Where a GraphQL document travels: a query or form parameter (GraphQL over GET), a JSON leaf (`query`), a raw `application/graphql` body. */
const GRAPHQL_CARRIERS: ReadonlySet<TargetKind> = new Set(['arg', 'form', 'json', 'body', 'multipart'])
/** A percent-escape of a character other than base64's own `+`, `/` and `=`. */
const FORM_ESCAPE = /%(?!2[bf]|3d)[0-9a-f]{2}/i
/**
 * Base64 sent percent-encoded: only base64 characters and the escapes of its own `+`, `/` and
 * `=` (`%2B`, `%2F`, `%3D`). Stops at the first other character, which most values hold early.
 */
function escapedBase64(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 37 /* % */) {
      const a = s.charCodeAt(i + 1)
      const b = s.charCodeAt(i + 2) | 0x20
      if (!((a === 50 && (b === 98 || b === 102)) || (a === 51 && b === 100))) return false
      i += 2
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95)) return false
  }
  return true
}

/** Keys and string leaves of one JSON document inside a query or form value that are read, at most. */
const MAX_EMBEDDED_JSON_TARGETS = 256

/**
 * Whether a value may be a JSON object or array: `{` then `"` or `}` (so a GraphQL document's
 * `{ product(…) }` is not parsed), or `[`, and the matching bracket last; blanks around are skipped.
 */
function mayBeJson(s: string): boolean {
  let i = 0
  while (i < s.length && s.charCodeAt(i) <= 32) i++
  let j = s.length - 1
  while (j > i && s.charCodeAt(j) <= 32) j--
  const open = s.charCodeAt(i)
  if (open === 91 /* [ */) return s.charCodeAt(j) === 93
  if (open !== 123 /* { */ || s.charCodeAt(j) !== 125) return false
  let k = i + 1
  while (k < j && s.charCodeAt(k) <= 32) k++
  const next = s.charCodeAt(k)
  return next === 34 /* " */ || next === 125
}

/**
 * The array keys of a parameter name that hold more than a word or a number (`name[0 ;update …]`):
 * PHP hands each key to the application as data, which may put it into a query.
 */
function unusualBracketKeys(name: string): string[] {
  const keys: string[] = []
  for (let open = name.indexOf('['); open >= 0; open = name.indexOf('[', open + 1)) {
    const close = name.indexOf(']', open + 1)
    if (close < 0) break
    const key = name.slice(open + 1, close)
    if (!/^[\w$.-]*$/.test(key)) keys.push(key)
    open = close
  }
  return keys
}

/** Browser-structured headers and whole XML documents get only the checks that make sense there. */
const NARROW_KINDS: ReadonlySet<TargetKind> = new Set(['structured-header', 'xml'])
const NARROW_CATEGORIES: ReadonlySet<WafCategory> = new Set(['crlf', 'jndi', 'xxe', 'ssi', 'scanner', 'ssrf'])
const MAX_MATCHES = 32
/**
 * Values repeat across requests: one User-Agent, Accept and Sec-CH-UA per browser build,
 * a session cookie per visit, the paths and parameter names the application chooses, and
 * the page numbers, sort orders, SKUs and popular searches its users send. Findings
 * depend on the kind, the header name and the value only, so what was found in each value
 * up to CACHE_MAX_VALUE characters is remembered (see FindingCache). A value not in the
 * cache is inspected in full, so the cache changes the cost, never the verdict.
 */
const DEFAULT_CACHE_SIZE = 2048
const CACHE_MAX_VALUE = 512
/**
 * A value enters the cache the second time it is seen, not the first: most values a shop
 * never saw before (a search, a cart note) are never seen again, and caching each one
 * cost more than inspecting it (a map entry kept alive through the collections of the
 * next 2048 values: 1 to 1.5 µs per value, measured). A table of fingerprints of values
 * seen once remembers them, two to a pair of slots; values sharing a pair only make one of
 * them wait for a further sighting, or enter at its first, which changes the cost, never
 * the findings.
 */
const SEEN_SLOTS = 4096
/** Clean cookie headers and query strings remembered whole (see TargetSink.part): one per visit and per popular page. */
const PART_CACHE_SIZE = 1024
/** A part's kind in the part cache: the kind of the targets it holds. */
const PART_KINDS: Readonly<Record<PartKind, TargetKind>> = { cookie: 'cookie', query: 'arg' }

/**
 * The characters a syntax detector other than the SQL one, a decoder or a second reading other than
 * base64 needs, one bit each (CHARACTER_CLASS), so that one pass over a value (classesOf) says which
 * detectors can find anything in it. Each detector starts from a character of its own: XSS from one
 * of `<:=([.`, a backtick, or a `-` (`-moz-binding`, UTF-7's `+ADw-`); command injection from one of
 * `;|&$`, a backtick, a line break, `-` (`-c `), `\`, `/`, `(` or `{`, or a quote that opens the value
 * (a command word joined across quotes, `'wh'oami`); Log4Shell from `$`; SSRF from `:`; an encoded
 * climb from a `.`, `%`, `/`, `\` or a character beyond ASCII. Percent,
 * entity and JS decoding need `%`, `&` or `\`, Unicode folding a character outside printable ASCII,
 * IIS's reading `%`, a GraphQL document or a JSON value a `{` or `[`, an array key `[`, a JWT `.`, a
 * path `/`. A value with none of them is plain (classes 0): letters, digits, spaces and the rest
 * (`'"#@!?*+,)]}>^~_`): a search, a name, a number, a token.
 */
const C_LT = 1 << 0
const C_COLON = 1 << 1
const C_EQUALS = 1 << 2
const C_PAREN = 1 << 3
const C_BRACKET = 1 << 4
const C_DOT = 1 << 5
const C_BACKTICK = 1 << 6
const C_SEMICOLON = 1 << 7
const C_PIPE = 1 << 8
const C_AMPERSAND = 1 << 9
const C_DOLLAR = 1 << 10
const C_DASH = 1 << 11
const C_SLASH = 1 << 12
const C_BACKSLASH = 1 << 13
const C_BRACE = 1 << 14
const C_PERCENT = 1 << 15
const C_BREAK = 1 << 16
/** Any other character outside printable ASCII (a control character, DEL, beyond ASCII): every detector reads such a value. */
const C_OTHER = 1 << 17
/** Every class: the value is read by every detector, as on the full path. */
const ALL_CLASSES = (1 << 18) - 1
const CHARACTER_CLASS = new Int32Array(128).fill(C_OTHER)
for (let c = 32; c < 127; c++) CHARACTER_CLASS[c] = 0
CHARACTER_CLASS[10] = CHARACTER_CLASS[13] = C_BREAK
for (const [chars, bit] of [['<', C_LT], [':', C_COLON], ['=', C_EQUALS], ['(', C_PAREN], ['[', C_BRACKET], ['.', C_DOT], ['`', C_BACKTICK], [';', C_SEMICOLON], ['|', C_PIPE], ['&', C_AMPERSAND], ['$', C_DOLLAR], ['-', C_DASH], ['/', C_SLASH], ['\\', C_BACKSLASH], ['{', C_BRACE], ['%', C_PERCENT]] as const) CHARACTER_CLASS[chars.charCodeAt(0)] = bit
/** What the XSS detector's pre-screen needs besides a `-` (see detectXss): with none, it reads a value only for `-moz-binding` or `+ADw-`. */
const XSS_CLASSES = C_LT | C_COLON | C_EQUALS | C_PAREN | C_BRACKET | C_DOT | C_BACKTICK | C_OTHER
/**
 * XSS_CLASSES but `<`. Of what the XSS detector reads, a `<` alone (no other character of
 * XSS_CLASSES) matters only where it opens markup, followed by a letter, `/` or `?` (a tag, an end
 * tag, IE's `<?import`; see opensMarkup), or where a backslash escape may hide code (`expression\28`
 * in CSS, octal `\74script\76` in JavaScript): everything else it looks for needs `:`, `=`, `(`,
 * `[`, `.` or a backtick. So `<3` in a cart note and `< 5 kg` in a search are not read for XSS.
 */
const XSS_CLASSES_BUT_LT = XSS_CLASSES & ~C_LT

/** Whether a `<` in `s` is followed by an ASCII letter, `/` or `?`: what a tag, an end tag or `<?import` starts with. */
function opensMarkup(s: string): boolean {
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) {
    const c = s.charCodeAt(i + 1) | 0x20
    if ((c >= 97 && c <= 122) || c === 47 /* / */ || c === 63 /* ? */) return true
  }
  return false
}

/** Whether the XSS detector can find anything in a value of these classes (see XSS_CLASSES, XSS_CLASSES_BUT_LT). */
function mayBeXss(value: string, lower: string, classes: number): boolean {
  if ((classes & XSS_CLASSES_BUT_LT) !== 0) return true
  if ((classes & C_LT) !== 0 && ((classes & C_BACKSLASH) !== 0 || opensMarkup(value))) return true
  return (classes & C_DASH) !== 0 && (lower.includes('-moz-binding') || lower.includes('+adw-'))
}
/** What the command-injection detector's pre-screen needs (see mayBeShell), besides a quote that opens the value. */
const SHELL_CLASSES = C_SEMICOLON | C_PIPE | C_AMPERSAND | C_BREAK | C_BACKTICK | C_DOLLAR | C_DASH | C_SLASH | C_BACKSLASH | C_PAREN | C_BRACE | C_OTHER
/**
 * SHELL_CLASSES but `-`. The detector's pre-screen reads a `-` only as `-c` and a blank (a shell
 * run with a command string), and blanks other than a space are C_OTHER or C_BREAK: so a value whose
 * only such character is `-` (`t-shirt`, `2024-05-01`, `Thanks -- Jane`) goes to it only with `-c `.
 */
const SHELL_CLASSES_BUT_DASH = SHELL_CLASSES & ~C_DASH

/** Whether the command-injection detector can find anything in a value of these classes (see SHELL_CLASSES_BUT_DASH). */
function mayBeShellCommand(value: string, lower: string, classes: number): boolean {
  if ((classes & SHELL_CLASSES_BUT_DASH) !== 0) return true
  // A command word joined across quotes where the value starts (`'wh'oami`, `"w"get`) is made of plain characters,
  // and so is an interpreter fed a here-string (`bash<<<'id'`) but for its `<`.
  const first = value.charCodeAt(0)
  return first === 39 || first === 34 || ((classes & C_DASH) !== 0 && lower.includes('-c ')) || ((classes & C_LT) !== 0 && lower.includes('<<<'))
}

/** What a climbing step holds once decoded (see detectEncodedTraversal): a dot, a leftover `%`, a separator or a character beyond ASCII. */
const CLIMB_CLASSES = C_DOT | C_PERCENT | C_SLASH | C_BACKSLASH | C_OTHER
/** Characters outside base64's alphabets (with `%` escapes, `=` padding and spaces for form-decoded `+`) that trimming never removes. */
const NOT_BASE64 = C_LT | C_COLON | C_PAREN | C_BRACKET | C_DOT | C_BACKTICK | C_SEMICOLON | C_PIPE | C_AMPERSAND | C_DOLLAR | C_BACKSLASH | C_BRACE
/** A value of these exact classes (not ALL_CLASSES, which a long value gets without a look) holds a character no base64 text does. */
const surelyNotBase64 = (classes: number): boolean => classes !== ALL_CLASSES && (classes & NOT_BASE64) !== 0

/** The character classes (see CHARACTER_CLASS) that occur in `s`, in one pass. */
function classesOf(s: string): number {
  let classes = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    classes |= c < 128 ? CHARACTER_CLASS[c]! : C_OTHER
  }
  return classes
}

/**
 * Longest value whose classes are found one by one: a longer one (a review, a body) holds most of
 * them anyway, and a pass over it whole cost more than the calls it spared (latency.ts cache-off
 * ×1.08), so it is read by every detector unless it is plain, which the first other character decides.
 */
const CLASSED_LENGTH = 512

/** classesOf for a value up to CLASSED_LENGTH characters; for a longer one, 0 when plain, else ALL_CLASSES. */
function classesFor(s: string): number {
  if (s.length <= CLASSED_LENGTH) return classesOf(s)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 127 || CHARACTER_CLASS[c] !== 0) return ALL_CLASSES
  }
  return 0
}

/** FNV-1a over the value's UTF-16 code units: one cheap pass on a value already being inspected. */
function fingerprint(value: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193)
  return h
}

/** A finding and how the value had to be decoded to show it. */
interface Noted {
  finding: Finding
  note: string
}
const NOTHING: readonly Noted[] = Object.freeze([])

/** The matches of one request, and the score of each distinct rule (a rule counts once however often it fires). */
interface Verdicts {
  matches: WafMatch[]
  scored: Map<string, number>
}

function record(acc: Verdicts | null, f: Finding, target: string, note: string): Verdicts {
  acc ??= { matches: [], scored: new Map() }
  if (!acc.scored.has(f.rule)) acc.scored.set(f.rule, f.score)
  if (acc.matches.length >= MAX_MATCHES || acc.matches.some((m) => m.rule === f.rule && m.target === target)) return acc
  acc.matches.push({
    rule: f.rule,
    category: f.category,
    target,
    excerpt: f.excerpt.slice(0, MAX_EXCERPT),
    explanation: note === '' ? f.explanation : `${f.explanation} (${note})`,
    score: f.score,
  })
  return acc
}

/**
 * Builds an engine once (rule packs parsed and compiled here) for many requests.
 * @example
 * const waf = createWafEngine({ level: 2 })
 * waf.inspect({ method: 'GET', uri: "/p?id=1' or '1'='1" }).action // 'block'
 */
export function createWafEngine(options: WafEngineOptions = {}): WafEngine {
  const level = options.level ?? DEFAULT_WAF_LEVEL
  const threshold = options.threshold ?? 5
  const limits: WafLimits = { ...DEFAULT_WAF_LIMITS, ...options.limits }
  const rules: CompiledRule[] = Object.entries(options.rulePacks ?? RULE_PACK_SOURCES)
    .flatMap(([name, text]) => loadRulePack(name, text))
    .filter((r) => r.level <= level)
  // A rule that names a narrow kind among its kinds (Struts' OGNL in Content-Type) applies there too.
  const narrowRules = rules.filter((r) => NARROW_CATEGORIES.has(r.category) || (r.kinds !== null && (r.kinds.has('structured-header') || r.kinds.has('xml'))))
  // One automaton over every literal: the rule sets of all kinds and headers read its findings.
  const scanner = new LiteralScanner(rules.flatMap((r) => r.any))
  const plainPath = options.plainPath ?? true
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE
  const cache = cacheSize > 0 ? new FindingCache<readonly Noted[]>(cacheSize) : null
  const seenOnce = new Int32Array(SEEN_SLOTS)
  // Each target gets only the rules that apply to its kind and header, picked once: rules
  // for named headers (scanner User-Agents) would otherwise be woken by every value's
  // letters and turned away one by one. Header names are chosen by clients, so only the
  // names some rule asks for get a set of their own; any other header gets its kind's.
  const namedHeaders = new Set(rules.flatMap((r) => (r.headers === null ? [] : [...r.headers])))
  const rulesByTarget = new Map<string | null, Map<TargetKind, RuleSet>>()
  const rulesFor = (kind: TargetKind, header: string | null): RuleSet => {
    const named = header !== null && namedHeaders.has(header) ? header : null
    let byKind = rulesByTarget.get(named)
    if (byKind === undefined) {
      byKind = new Map()
      rulesByTarget.set(named, byKind)
    }
    let picked = byKind.get(kind)
    if (picked === undefined) {
      const applies = (r: CompiledRule): boolean => (r.kinds === null || r.kinds.has(kind)) && (r.headers === null || (named !== null && r.headers.has(named)))
      picked = new RuleSet((NARROW_KINDS.has(kind) ? narrowRules : rules).filter(applies), scanner)
      byKind.set(kind, picked)
    }
    return picked
  }
  const findings: Finding[] = []
  const embeddedJsonLimits: WafLimits = { ...limits, maxParams: MAX_EMBEDDED_JSON_TARGETS, maxTargets: MAX_EMBEDDED_JSON_TARGETS }

  /**
   * `withRules` false: only the syntax detectors, for a second reading that changes what separates
   * words, not what they are. `classes`: those of the value (see classesOf); a detector runs only
   * where its pre-screen can pass, so a plain value (0) goes to the SQL detector alone, and to the
   * shell one where it starts with a quote. Second readings pass ALL_CLASSES and get every detector.
   */
  function inspectValue(value: string, kind: TargetKind, header: string | null, note: string, found: Noted[], withRules = true, classes = ALL_CLASSES): void {
    const input: DetectorInput = { value, lower: value.toLowerCase(), kind, level, header }
    // Setting the length of an array goes through the runtime even when it is already 0.
    if (findings.length > 0) findings.length = 0
    if (NARROW_KINDS.has(kind)) {
      if ((classes & C_DOLLAR) !== 0) detectJndi(input, findings)
    } else if (classes === ALL_CLASSES) {
      for (const d of CODE_DETECTORS) d(input, findings)
    } else {
      // Each call skipped here is one whose pre-screen would have turned the value away: in a
      // server, calling it still costs the detector's code and tables brought back into the CPU caches.
      detectSqli(input, findings)
      if (mayBeXss(value, input.lower, classes)) detectXss(input, findings)
      if (mayBeShellCommand(value, input.lower, classes)) detectShell(input, findings)
      if ((classes & C_DOLLAR) !== 0) detectJndi(input, findings)
      if ((classes & C_COLON) !== 0) detectSsrf(input, findings)
      if ((classes & CLIMB_CLASSES) !== 0) detectEncodedTraversal(input, findings)
    }
    if (withRules) rulesFor(kind, header).apply(input, header, findings)
    for (const finding of findings) found.push({ finding, note })
  }

  /**
   * A plain value (no character class, see CHARACTER_CLASS) found as inspectTarget would find it, with less work: it decodes
   * to itself, only the SQL detector and the rules can find anything in it as it is, and of the
   * second readings only base64 can apply (a space is base64's `+` after form decoding).
   */
  function inspectPlain(raw: string, kind: TargetKind, header: string | null): readonly Noted[] {
    const found: Noted[] = []
    inspectValue(raw, kind, header, '', found, true, 0)
    const b64 = NARROW_KINDS.has(kind) ? null : decodeBase64Text(raw.trim())
    if (b64 !== null) inspectValue(decodeValue(b64), kind, header, 'after base64 decoding', found)
    return found.length === 0 ? NOTHING : found
  }

  /** Everything found in one target: as decoded, after path normalization, a cookie's `+` as spaces, without lone `%`s, after base64 decoding. */
  function inspectTarget(raw: string, kind: TargetKind, header: string | null): readonly Noted[] {
    const sent = plainPath ? classesFor(raw) : ALL_CLASSES
    if (kind !== 'path' && sent === 0) return inspectPlain(raw, kind, header)
    const found: Noted[] = []
    // Escapes start with `%`, `&` or `\`, and Unicode folding needs a NUL or a character beyond
    // ASCII: a value with none of them decodes to itself, and its classes are the same.
    const asSent = (sent & (C_PERCENT | C_AMPERSAND | C_BACKSLASH | C_OTHER)) === 0
    const unescaped = asSent ? raw : unescapeValue(raw)
    const decoded = asSent ? raw : foldUnicode(unescaped)
    // Decoded, the value goes only to the detectors whose characters it holds (decoded to plain text,
    // a search whose quotes the browser percent-encoded, only to the SQL one, as in inspectPlain);
    // the readings below still start from the value as sent.
    const classes = asSent ? sent : plainPath ? classesFor(decoded) : ALL_CLASSES
    inspectValue(decoded, kind, header, '', found, true, classes)
    // A climb step repeats whole in the value as sent, where decoding it twice may glue a leftover `%` to the file's name.
    const climb = unescaped !== raw && !NARROW_KINDS.has(kind) ? repeatedClimb(raw, raw.toLowerCase()) : null
    if (climb !== null) found.push({ finding: climb, note: 'in the value as sent' })
    // foldUnicode drops a NUL, so a value it left as is holds none. A URL value's `%00` as sent is the
    // protocol check's finding; a NUL that only a further decoding makes is the value's.
    const nul = level >= 2 && decoded !== unescaped && (NUL_TEXT_KINDS.has(kind) || (NUL_URL_KINDS.has(kind) && !raw.includes('%00'))) ? nullByte(unescaped) : null
    if (nul !== null) found.push({ finding: nul, note: '' })
    if (kind === 'path') {
      const normal = normalizePath(decoded)
      if (normal !== decoded) inspectValue(normal, 'path', null, 'after path normalization', found)
      // A `%2F` is part of its segment to the router: `/product/12%2F%2A%2A%2FAND…` hands the
      // application `12/**/AND…` as one id, which decoding first would cut at each `/`.
      if (ENCODED_SLASH.test(raw)) {
        for (const segment of raw.split('/')) if (ENCODED_SLASH.test(segment)) inspectValue(decodeValue(segment), 'path', null, 'as one path segment, its encoded / kept in it', found)
      }
    }
    // PHP url-decodes a cookie, `+` included: `id=shoes%27+OR+%271%27%3D%271` reaches
    // the application with spaces. Only a form-encoded cookie (an escape of a character base64 does
    // not use) is read so: a base64 session cookie's `+` is a digit of it.
    if (kind === 'cookie' && raw.includes('+') && !raw.includes(' ') && FORM_ESCAPE.test(raw)) inspectValue(decodeValue(raw.replaceAll('+', ' ')), kind, header, 'with + read as a space, as PHP decodes a cookie', found, false)
    // Each reading below needs a character of its own (a `%`, base64's alphabet, a JWT's `.`, `data:`'s
    // `:`, a `{` or `[`): the classes, one bit per character, turn most values away before the call.
    const iis = (classes & C_PERCENT) === 0 ? null : dropLonePercents(decoded)
    if (iis !== null) inspectValue(iis, kind, header, 'after dropping each % that starts no escape, as IIS does', found)
    // Base64 sent percent-encoded (`%2B`, `%2F`, `%3D`, as sqlmap's base64encode tamper travels) is base64 once decoded.
    const b64Text = kind === 'path' ? raw.slice(raw.lastIndexOf('/') + 1) : raw.trim()
    const b64 = kind === 'structured-header' || kind === 'xml' || (kind !== 'path' && surelyNotBase64(sent)) ? null : decodeBase64Text(b64Text.includes('%') && escapedBase64(b64Text) ? percentDecode(b64Text) : b64Text)
    if (b64 !== null) inspectValue(decodeValue(b64), kind, header, 'after base64 decoding', found)
    // What PHP's data: wrapper includes and runs (`data:;base64,PD9waHAg…`, a `<?php` tag).
    const dataText = kind === 'structured-header' || kind === 'xml' || (classes & C_COLON) === 0 ? null : textDataUrlBase64(decoded)
    const data = dataText === null ? null : decodeBase64Text(dataText)
    if (data !== null) inspectValue(decodeValue(data), kind, header, 'after base64 decoding of the data: URL', found)
    if (kind === 'arg-name' || kind === 'multipart-name') for (const key of unusualBracketKeys(decoded)) inspectValue(key, 'arg', null, 'as an array key of the parameter name', found)
    // A JWT's header is read by the server before its signature is checked: its fields (`kid`,
    // `jku`) are values of their own, wherever the token travels (a cookie, `Authorization`).
    const jwt = (classes & C_DOT) !== 0 && decoded.includes('eyJ') ? jwtHeader(decoded.trim()) : null
    if (jwt !== null) {
      const none = unsignedJwt(jwt)
      if (none !== null && none.level <= level) found.push({ finding: none, note: 'in the header of a JSON Web Token' })
      const kid = kidInjection(jwt)
      if (kid !== null && kid.level <= level) found.push({ finding: kid, note: 'in the header of a JSON Web Token' })
      for (const v of Object.values(jwt)) if (typeof v === 'string' && v.length > 0) inspectValue(v, 'json', null, 'in the header of a JSON Web Token', found)
    }
    // A GraphQL resolver receives the document's string literals, unescaped: each is a value of its own.
    if ((classes & C_BRACE) !== 0 && GRAPHQL_CARRIERS.has(kind) && decoded.includes('{') && isGraphqlDocument(decoded)) {
      for (const text of graphqlStrings(decoded)) inspectValue(decodeValue(text), kind, header, 'in a string literal of a GraphQL document', found)
    }
    // A JSON document in a query or form value (`?filter={"where":…}`, GraphQL's `variables=` over
    // GET, Parse's `where=`) reaches the application parsed, as a body does: its keys and string
    // leaves are values of their own (a `$where` key, a URL that is a whole leaf), read once, not
    // the leaves' own JSON again.
    if ((classes & (C_BRACE | C_BRACKET)) !== 0 && (kind === 'arg' || kind === 'form') && mayBeJson(decoded)) inspectEmbeddedJson(decoded, found)
    return found.length === 0 ? NOTHING : found
  }

  /** The keys and leaves of `text` if it is JSON, inspected as a JSON body's are (within their own, smaller limits). */
  function inspectEmbeddedJson(text: string, found: Noted[]): void {
    let root: unknown
    try {
      root = JSON.parse(text)
    } catch {
      return
    }
    const leaves = new TargetSink(embeddedJsonLimits, (_prefix, path, _encoded, kind, raw) => {
      const where = `in the JSON document the value holds, at ${path}`
      for (const n of inspectTarget(raw, kind, null)) found.push({ finding: n.finding, note: n.note === '' ? where : `${where}, ${n.note}` })
    })
    walkJson(leaves, root)
  }

  // The request being inspected: `inspect` is synchronous and never re-entered, so the
  // visitor records into engine-level state instead of a list of targets being built.
  let acc: Verdicts | null = null
  // Read through a function: after `acc = null` in inspect, TypeScript would take it to stay null.
  const verdicts = (): Verdicts | null => acc

  /** Whether `value` was seen once before (by its fingerprint); notes it as seen otherwise. */
  function secondSighting(value: string): boolean {
    const h = fingerprint(value)
    // Two places per pair of slots: with one, two values sharing it that alternate (one
    // request's colour and another's SKU) overwrote each other and neither was ever cached.
    const slot = (h & (SEEN_SLOTS / 2 - 1)) << 1
    // The pair's own bits say nothing more, so the stored tag is the rest, never 0 (the empty slot).
    const tag = (h >>> 11) | 1
    if (seenOnce[slot] === tag || seenOnce[slot + 1] === tag) return true
    seenOnce[slot + 1] = seenOnce[slot]!
    seenOnce[slot] = tag
    return false
  }

  function visit(prefix: string, label: string, encoded: boolean, kind: TargetKind, raw: string, header: string | null): void {
    const cacheable = cache !== null && raw.length <= CACHE_MAX_VALUE
    // An encoded value is remembered as sent: `+` or space, its findings are the same.
    let found = cacheable ? cache.get(raw, kind, header) : undefined
    if (found === undefined) {
      found = inspectTarget(encoded ? formText(raw) : raw, kind, header)
      if (cacheable) {
        if (secondSighting(raw)) cache.set(raw, kind, header, found)
        else sink.fresh++
      }
    }
    if (found.length === 0) return
    sink.findings++
    const name = targetName(prefix, label, encoded)
    for (const n of found) acc = record(acc, n.finding, name, n.note)
  }

  // Clean cookie headers and query strings, admitted at their second sighting as values are.
  const parts = cache === null ? null : new FindingCache<number>(PART_CACHE_SIZE)
  const memo: PartMemo | null =
    parts === null
      ? null
      : {
          get: (text, kind) => parts.get(text, PART_KINDS[kind], null),
          offer: (text, kind, tally) => {
            if (secondSighting(text)) parts.set(text, PART_KINDS[kind], null, tally)
          },
        }
  const sink = new TargetSink(limits, visit, memo)

  function inspect(request: WafRequest): WafVerdict {
    // Created at the first finding: a clean request allocates no verdict bookkeeping.
    acc = null
    sink.reset()
    const head = readHead(request, sink)
    const protocol = checkProtocol(request, head, level)
    for (let i = 0; i < protocol.length; i++) acc = record(acc, protocol[i]!, protocol[i]!.target, '')
    visitTargets(request, head, sink)
    const found = verdicts()
    acc = null
    let score = 0
    if (found !== null) for (const s of found.scored.values()) score += s
    return { action: score >= threshold ? 'block' : 'allow', score, matches: found?.matches ?? [], truncated: sink.flagged() }
  }

  return Object.freeze({ level, threshold, inspect })
}
