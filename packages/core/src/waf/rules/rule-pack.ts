/**
 * Loads rule packs from YAML text (the core reads no files: packs.generated.ts embeds
 * the YAML) and compiles each pattern once, on RE2 (linear time), so a bad pack fails
 * at load and never per request.
 * @module
 */
import { RE2JS } from 're2js'
import { parse } from 'yaml'
import { z } from 'zod'
import { VigilError } from '../../errors/vigil-error.ts'
import type { Finding, DetectorInput, TargetKind } from '../detectors/finding.ts'
import { excerptAt, stackFrameFile, wordOfText } from '../detectors/finding.ts'
import { WAF_CATEGORIES, type WafCategory, type WafLevel } from '../types.ts'

const TARGET_KINDS = [
  'path', 'arg', 'arg-name', 'form', 'header', 'structured-header', 'cookie', 'json', 'json-key',
  'multipart', 'multipart-name', 'filename', 'xml', 'xml-text', 'body',
] as const satisfies readonly TargetKind[]

const ruleSchema = z
  .object({
    id: z.string().regex(/^waf\.[a-z0-9-]+\.[a-z0-9-]+$/),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    score: z.number().int().min(1).max(100),
    /** Lower-case literals; the pattern runs only when one occurs in the lower-cased value. */
    any: z.array(z.string().min(1)).min(1),
    /** RE2 syntax. Without it the literal is the match. */
    pattern: z.string().min(1).optional(),
    kinds: z.array(z.enum(TARGET_KINDS)).optional(),
    /** Header names the rule applies to; it then ignores every other target. */
    headers: z.array(z.string().min(1)).optional(),
    /**
     * The level the rule counts at when its match is a word of running text: the word it sits
     * in follows a blank (`type C:\Windows\System32\…`), where a value the server uses whole
     * (a file name, a URL) starts the value or follows a delimiter (a quote, a bracket, `=`).
     */
    in_text: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
    /**
     * The level the rule counts at when its match is the file name of a stack frame in JSON (a
     * `filename` or `abs_path` naming a script or page beside the frame's `lineno` and
     * `function`, see stackFrameFile): where an error report says the code ran; only when every occurrence of
     * the rule's literals that could start a match is such a file name (onlyFrameFiles).
     */
    in_frame: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
    /**
     * RE2 syntax, read from where the pattern matched: the rule does not count where the rest of
     * the value from there is this shape (a DOCTYPE naming a standard DTD by its publisher's URL,
     * a whole well-formed LDAP filter), which the pattern alone cannot tell from the attack.
     */
    unless: z.string().min(1).optional(),
    explanation: z.string().min(10),
  })
  .strict()

const packSchema = z
  .object({
    category: z.enum(WAF_CATEGORIES),
    rules: z.array(ruleSchema).min(1),
  })
  .strict()

export interface CompiledRule {
  id: string
  category: WafCategory
  level: WafLevel
  score: number
  any: readonly string[]
  pattern: RE2JS | null
  /** The pattern starts with `^`, so it only ever runs from the start of the value. */
  anchored: boolean
  /** Literals every match of a case-insensitive pattern holds, lower-case (see requiredLiterals), or null. */
  required: Requirement | null
  /** The level for a match inside running text (see `in_text`), or null. */
  inText: WafLevel | null
  /** The level for a match that is a stack frame's file name (see `in_frame`), or null. */
  inFrame: WafLevel | null
  /** Matched at the pattern's match, to its end (see `unless`), or null. */
  unless: RE2JS | null
  kinds: ReadonlySet<TargetKind> | null
  headers: ReadonlySet<string> | null
  explanation: string
}

/** Parses and compiles one pack; throws VIGIL_ERR_WAF_RULES_INVALID naming the pack and the rule. */
export function loadRulePack(name: string, yamlText: string): CompiledRule[] {
  let data: unknown
  try {
    data = parse(yamlText)
  } catch (e) {
    throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `Rule pack ${name} is not valid YAML: ${(e as Error).message}`, { cause: e })
  }
  const parsed = packSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `Rule pack ${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim())
  }
  return parsed.data.rules.map((r) => {
    const compile = (source: string | undefined, what: string): RE2JS | null => {
      if (source === undefined) return null
      try {
        return RE2JS.compile(source)
      } catch (e) {
        throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `Rule ${r.id} in pack ${name} has a bad ${what}: ${(e as Error).message}`, { cause: e })
      }
    }
    const pattern = compile(r.pattern, 'pattern')
    const unless = compile(r.unless, 'unless pattern')
    if (unless !== null && pattern === null) throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `Rule ${r.id} in pack ${name} has an unless pattern but no pattern to read it from`)
    return Object.freeze({
      id: r.id,
      category: parsed.data.category,
      level: r.level,
      score: r.score,
      any: Object.freeze(r.any.map((a) => a.toLowerCase())),
      pattern,
      anchored: /^(\(\?[a-z]+\))?\^/.test(r.pattern ?? ''),
      required: r.pattern === undefined ? null : requiredLiterals(r.pattern),
      inText: r.in_text ?? null,
      inFrame: r.in_frame ?? null,
      unless,
      kinds: r.kinds ? new Set(r.kinds) : null,
      headers: r.headers ? new Set(r.headers.map((h) => h.toLowerCase())) : null,
      explanation: r.explanation,
    })
  })
}

/**
 * What a match must hold, lower-case: a literal, all of some requirements, or one of them
 * (`either`). Read on the lower-cased value, where a case-insensitive match's literals stand
 * lower-case too.
 */
export type Requirement = string | { readonly all: readonly Requirement[] } | { readonly either: readonly Requirement[] }

/** The shape of RE2JS's own pre-filter (see requiredLiterals): 1 a literal in `str`, 2 all of `subs`, 3 one of them. */
interface Re2Prefilter {
  type: number
  str: string
  subs: Re2Prefilter[]
}

const isRe2Prefilter = (p: unknown): p is Re2Prefilter =>
  typeof p === 'object' && p !== null && typeof (p as Re2Prefilter).type === 'number' && typeof (p as Re2Prefilter).str === 'string' && Array.isArray((p as Re2Prefilter).subs)

/** A leading flag group that holds `i`, e.g. `(?i)` or `(?is)`. */
const LEADING_FOLD = /^\(\?([a-z]*)i([a-z]*)\)/

/**
 * The literals every match of a case-insensitive pattern holds, or null (none known, or the pattern
 * is case-sensitive). RE2JS skips a window that lacks the literals a pattern needs before it runs the
 * pattern, but only for literals it matches case-sensitively: a `(?i)` pattern ran its automaton over
 * every window its rule's literal opened (117 µs of a 639-character Sentry envelope in
 * `waf.nosqli.js-return`, woken by `this.` with none of `return`, `.match` or `sleep` there). So the
 * same pattern is compiled without its leading `i` flag, and the pre-filter RE2JS derives from it (a tree
 * of the literals its alternatives and sequences need; character classes and case-insensitive groups need
 * nothing) is taken lower-case. Sound for the case-insensitive pattern: each literal of that tree is one
 * the pattern matches up to case, which lower-casing the value turns into the literal lower-case, except for
 * `ſ` (U+017F, a case variant of `s` that lower-cases to itself: see mayMatch) and letters beyond ASCII
 * (a literal holding one needs nothing here). RE2JS keeps its pre-filter on the compiled program, outside
 * its typed interface: where that shape is missing, the pattern has no requirement and runs as before.
 */
export function requiredLiterals(pattern: string): Requirement | null {
  const fold = LEADING_FOLD.exec(pattern)
  if (fold === null) return null
  const flags = fold[1]! + fold[2]!
  const compiled = RE2JS.compile((flags === '' ? '' : `(?${flags})`) + pattern.slice(fold[0].length))
  const prefilter = (compiled as unknown as { re2Input?: { prefilter?: unknown } }).re2Input?.prefilter
  return isRe2Prefilter(prefilter) ? requirementOf(prefilter) : null
}

function requirementOf(p: Re2Prefilter): Requirement | null {
  if (p.type === 1) {
    for (let i = 0; i < p.str.length; i++) if (p.str.charCodeAt(i) > 127) return null
    return p.str.length === 0 ? null : p.str.toLowerCase()
  }
  if (p.type !== 2 && p.type !== 3) return null
  const subs = p.subs.map(requirementOf)
  if (p.type === 3) return subs.includes(null) || subs.length === 0 ? null : { either: subs as Requirement[] }
  const needed = subs.filter((s): s is Requirement => s !== null)
  return needed.length === 0 ? null : needed.length === 1 ? needed[0]! : { all: needed }
}

/** Whether lower-case `text` holds what `r` requires. */
export function meets(r: Requirement, text: string): boolean {
  if (typeof r === 'string') return text.includes(r)
  if ('all' in r) return r.all.every((s) => meets(s, text))
  return r.either.some((s) => meets(s, text))
}

/** Whether the pattern of `rule` may match in `lower` from `from` to `to` (lower-case, the same length as the value). */
function mayMatch(rule: CompiledRule, lower: string, from: number, to: number): boolean {
  if (rule.required === null) return true
  const window = lower.slice(from, to)
  return meets(rule.required, window) || window.includes('\u017f')
}

/**
 * RE2 is linear but not fast (microseconds per character in pure JS), so a pattern runs
 * on windows around the places its literal occurs, not on the whole value: bounded work
 * per rule however large the value.
 */
const WINDOW_BEFORE = 128
const WINDOW_AFTER = 1024
const MAX_WINDOWS = 4

function findInWindows(rule: CompiledRule, value: string, lower: string, firstHit: number): { start: number; end: number } | null {
  const pattern = rule.pattern!
  // Lower-casing may lengthen a value (`İ`): then its offsets are not the value's, and every window is run.
  const sameOffsets = lower.length === value.length
  if (rule.anchored) {
    if (sameOffsets && !mayMatch(rule, lower, 0, WINDOW_BEFORE + WINDOW_AFTER)) return null
    const m = pattern.matcher(value.slice(0, WINDOW_BEFORE + WINDOW_AFTER))
    return m.find() ? { start: m.start(), end: m.end() } : null
  }
  let hit = firstHit
  for (let w = 0; w < MAX_WINDOWS && hit >= 0; w++) {
    const from = Math.max(0, hit - WINDOW_BEFORE)
    const to = Math.min(value.length, hit + WINDOW_AFTER)
    if (!sameOffsets || mayMatch(rule, lower, from, to)) {
      const m = pattern.matcher(value.slice(from, to))
      if (m.find()) return { start: from + m.start(), end: from + m.end() }
    }
    hit = -1
    for (const a of rule.any) {
      const next = lower.indexOf(a, to)
      if (next >= 0 && (hit < 0 || next < hit)) hit = next
    }
  }
  return null
}

/** States a LiteralScanner can hold: one per distinct prefix of the literals, numbered in 16 bits. */
const MAX_STATES = 0xffff

/**
 * Every literal of a set of rules found in one pass over a value: an Aho–Corasick automaton
 * with its transitions in one table. Searching each literal a value might hold (its
 * characters all present) cost one indexOf per literal, and a sentence holds the
 * characters of most of the 271 bundled literals: 5 µs per value, half the engine's time on
 * new values (measured over the benign corpora). The scan reads each character once and
 * reports, per literal, where it first occurs, which is what indexOf reported.
 */
export class LiteralScanner {
  /** Distinct literals, lower-case; a literal's id is its index here. */
  readonly literals: readonly string[]
  /** Per literal id: where it first occurs in the value last scanned, or -1. */
  readonly first: Int32Array
  /** The ids of the literals the last scan found, in its first `count` entries. */
  readonly found: Int32Array
  count = 0
  /** Column of each ASCII character in the table; 0 for a character in no literal. */
  readonly #ascii = new Uint8Array(128)
  readonly #other = new Map<number, number>()
  readonly #columns: number
  /**
   * Per state and column, the next state. Sixteen bits a state: the bundled packs need about
   * 1,700 states of 66 columns, and at half the size more of the table stays in the CPU
   * caches a server's other work evicts between two requests.
   */
  readonly #next: Uint16Array
  /** Per state, the range of #outputs holding the ids of the literals that end there. */
  readonly #outFrom: Int32Array
  readonly #outputs: Int32Array
  readonly #length: Int32Array

  constructor(literals: Iterable<string>) {
    this.literals = Object.freeze([...new Set(literals)].filter((l) => l.length > 0))
    let columns = 1
    for (const literal of this.literals) {
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i)
        if (c < 128 ? this.#ascii[c] === 0 : !this.#other.has(c)) {
          if (c < 128) this.#ascii[c] = columns
          else this.#other.set(c, columns)
          columns++
        }
      }
    }
    this.#columns = columns
    // The trie: per state, its children by column, and the literal that ends there.
    const children: Array<Map<number, number>> = [new Map()]
    const ends: number[] = [-1]
    this.literals.forEach((literal, id) => {
      let state = 0
      for (let i = 0; i < literal.length; i++) {
        const col = this.#column(literal.charCodeAt(i))
        let child = children[state]!.get(col)
        if (child === undefined) {
          child = children.length
          children.push(new Map())
          ends.push(-1)
          children[state]!.set(col, child)
        }
        state = child
      }
      ends[state] = id
    })
    const states = children.length
    if (states > MAX_STATES) throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `The rule packs' literals need ${states} automaton states, more than ${MAX_STATES}; shorten or merge literals.`)
    this.#next = new Uint16Array(states * columns)
    const fail = new Int32Array(states)
    const outs: number[][] = Array.from({ length: states }, (_, s) => (ends[s]! >= 0 ? [ends[s]!] : []))
    // Breadth first, so a state's fail state (shallower) is complete before it.
    const queue: number[] = []
    for (const [col, child] of children[0]!) {
      this.#next[col] = child
      queue.push(child)
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!
      outs[s]!.push(...outs[fail[s]!]!)
      for (let col = 0; col < columns; col++) {
        const child = children[s]!.get(col)
        if (child === undefined) {
          this.#next[s * columns + col] = this.#next[fail[s]! * columns + col]!
        } else {
          fail[child] = this.#next[fail[s]! * columns + col]!
          this.#next[s * columns + col] = child
          queue.push(child)
        }
      }
    }
    this.#outFrom = new Int32Array(states + 1)
    outs.forEach((o, s) => (this.#outFrom[s + 1] = this.#outFrom[s]! + o.length))
    this.#outputs = Int32Array.from(outs.flat())
    this.#length = Int32Array.from(this.literals, (l) => l.length)
    this.first = new Int32Array(this.literals.length).fill(-1)
    this.found = new Int32Array(this.literals.length)
  }

  #column(c: number): number {
    return c < 128 ? this.#ascii[c]! : (this.#other.get(c) ?? 0)
  }

  /** The id of a literal (lower-case) given to the constructor. */
  idOf(literal: string): number {
    return this.literals.indexOf(literal)
  }

  /** Finds every literal in `lower`; see `first`, `found` and `count`. */
  scan(lower: string): void {
    const first = this.first
    const found = this.found
    for (let k = 0; k < this.count; k++) first[found[k]!] = -1
    let count = 0
    const next = this.#next
    const columns = this.#columns
    const ascii = this.#ascii
    const outFrom = this.#outFrom
    const outputs = this.#outputs
    let state = 0
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i)
      state = next[state * columns + (c < 128 ? ascii[c]! : (this.#other.get(c) ?? 0))]!
      for (let o = outFrom[state]!, end = outFrom[state + 1]!; o < end; o++) {
        const id = outputs[o]!
        if (first[id]! < 0) {
          first[id] = i - this.#length[id]! + 1
          found[count++] = id
        }
      }
    }
    this.count = count
  }
}

/**
 * Rules tried on a value in order, each with the first of its literals (in `any` order) that
 * the value holds, at that literal's first occurrence; a rule whose literals the value lacks
 * is not looked at. The literals found are marked in a bit set over this set's literals,
 * rule after rule and each rule's in order, and read back in that order.
 */
export class RuleSet {
  readonly rules: readonly CompiledRule[]
  readonly #scanner: LiteralScanner
  /** Words of a bit set over this set's literals. */
  readonly #awake: Int32Array
  /** Per scanner literal id, the range of #places holding this set's literals with that text. */
  readonly #placesFrom: Int32Array
  readonly #places: Int32Array
  /** Per literal of this set: its rule, and its scanner id. */
  readonly #ruleOf: Int32Array
  readonly #idOf: Int32Array

  /** `scanner` must know every literal of `rules`; an engine shares one among its rule sets. */
  constructor(rules: readonly CompiledRule[], scanner: LiteralScanner = new LiteralScanner(rules.flatMap((r) => r.any))) {
    this.rules = rules
    this.#scanner = scanner
    const literals = rules.reduce((n, r) => n + r.any.length, 0)
    this.#awake = new Int32Array((literals + 31) >> 5)
    this.#ruleOf = new Int32Array(literals)
    this.#idOf = new Int32Array(literals)
    const byId: number[][] = scanner.literals.map(() => [])
    let l = 0
    rules.forEach((rule, r) => {
      for (const literal of rule.any) {
        const id = scanner.idOf(literal)
        if (id < 0) throw new RangeError(`The literal scanner lacks ${JSON.stringify(literal)} of ${rule.id}`)
        byId[id]!.push(l)
        this.#ruleOf[l] = r
        this.#idOf[l] = id
        l++
      }
    })
    this.#placesFrom = new Int32Array(byId.length + 1)
    byId.forEach((p, id) => (this.#placesFrom[id + 1] = this.#placesFrom[id]! + p.length))
    this.#places = Int32Array.from(byId.flat())
  }

  /** Runs the rules against one value. Findings keep the rules' order. */
  apply(input: DetectorInput, header: string | null, out: Finding[]): void {
    const scanner = this.#scanner
    scanner.scan(input.lower)
    if (scanner.count === 0) return
    const awake = this.#awake
    let any = false
    for (let k = 0; k < scanner.count; k++) {
      const id = scanner.found[k]!
      for (let p = this.#placesFrom[id]!, end = this.#placesFrom[id + 1]!; p < end; p++) {
        const l = this.#places[p]!
        awake[l >> 5]! |= 1 << (l & 31)
        any = true
      }
    }
    if (!any) return
    // The rule last tried: once it fired or was turned away, its other literals are skipped.
    let done = -1
    for (let k = 0; k < awake.length; k++) {
      let bits = awake[k]!
      awake[k] = 0
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits)
        bits &= bits - 1
        const literal = (k << 5) + b
        const r = this.#ruleOf[literal]!
        if (r === done) continue
        done = r
        const rule = this.rules[r]!
        if (applies(rule, input, header)) applyRule(rule, input, out, scanner.first[this.#idOf[literal]!]!)
      }
    }
  }
}

function applies(rule: CompiledRule, input: DetectorInput, header: string | null): boolean {
  return rule.level <= input.level && (rule.kinds === null || rule.kinds.has(input.kind)) && (rule.headers === null || (header !== null && rule.headers.has(header)))
}

/**
 * Whether the value from `start` on is the `unless` shape. Read on one window, as patterns are:
 * where the value goes on past it, the shape must end inside it (so `$` never takes the
 * window's edge for the value's end).
 */
function exempt(unless: RE2JS, value: string, start: number): boolean {
  const window = WINDOW_BEFORE + WINDOW_AFTER
  const text = value.slice(start, start + window)
  const m = unless.matcher(text)
  return m.lookingAt() && (value.length - start <= window || m.end() < text.length)
}

/** Occurrences of a rule's literals read for `in_frame`: past this many, a match counts at the rule's own level. */
const MAX_FRAME_FILES = 256

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 122)

/**
 * Every occurrence of the rule's literals that could start a match (at the value's start, or after a character that is
 * no letter or digit) begins a JSON stack frame's file name: only then does `in_frame` lower the rule's level, so a
 * frame-shaped decoy placed before a file URL of another shape lowers nothing, whichever match the pattern finds first.
 * Found by indexOf, a pass per literal; at most MAX_FRAME_FILES frames are read.
 */
function onlyFrameFiles(rule: CompiledRule, value: string, lower: string): boolean {
  let n = 0
  for (const literal of rule.any) {
    for (let i = lower.indexOf(literal); i >= 0; i = lower.indexOf(literal, i + literal.length)) {
      if (i > 0 && isWordChar(lower.charCodeAt(i - 1))) continue
      if (++n > MAX_FRAME_FILES || !stackFrameFile(value, i)) return false
    }
  }
  return true
}

/** Reports the rule, its literal found at `lit`, when its pattern (if any) matches around there. */
function applyRule(rule: CompiledRule, input: DetectorInput, out: Finding[], lit: number): void {
  let start = lit
  let end = lit + 1
  if (rule.pattern !== null) {
    const m = findInWindows(rule, input.value, input.lower, lit)
    if (m === null) return
    start = m.start
    end = m.end
    if (rule.unless !== null && exempt(rule.unless, input.value, start)) return
  }
  const level =
    rule.inText !== null && wordOfText(input.value, start)
      ? rule.inText
      : rule.inFrame !== null && stackFrameFile(input.value, start) && onlyFrameFiles(rule, input.value, input.lower)
        ? rule.inFrame
        : rule.level
  if (level > input.level) return
  out.push({
    rule: rule.id,
    category: rule.category,
    level,
    score: rule.score,
    excerpt: excerptAt(input.value, start, end),
    explanation: rule.explanation,
  })
}
