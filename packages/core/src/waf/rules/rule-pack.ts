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
import { excerptAt } from '../detectors/finding.ts'
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
  /** For each literal, its distinct characters, rarest first: when a value lacks one, the literal's search is skipped. */
  keys: readonly (readonly number[])[]
  /** The same characters as a presence set per literal (PRESENCE_WORDS words each, in `any` order). */
  masks: Int32Array
  pattern: RE2JS | null
  /** The pattern starts with `^`, so it only ever runs from the start of the value. */
  anchored: boolean
  kinds: ReadonlySet<TargetKind> | null
  headers: ReadonlySet<string> | null
  explanation: string
}

/**
 * Characters from most to least frequent in the values a shop receives: spaces, dots and
 * digits (searches, notes, versions, numbers) before letters in their order in text; any
 * other character counts as rarer than all. A rule keyed on a space or a dot would be
 * woken by most values, only to be turned away literal by literal.
 */
const CHAR_FREQUENCY = ' .0123456789-/,etaoinsrhldcumfpgwybvkxjqz'

/** The literal's distinct characters as charPresence slots, rarest first, so a miss is found early. */
function presenceKeys(literal: string): number[] {
  const rank = (c: number): number => {
    const r = c < 128 ? CHAR_FREQUENCY.indexOf(String.fromCharCode(c)) : -1
    return r < 0 ? 100 : r
  }
  const slots = [...new Set([...literal].map((ch) => Math.min(ch.charCodeAt(0), 128)))]
  return slots.sort((a, b) => rank(b) - rank(a))
}

/** Words of a presence set: 128 ASCII bits, then one bit for any other character. */
export const PRESENCE_WORDS = 5
const OTHER_CHAR = 128

/**
 * Which characters a value holds, as a bit set over character slots (slot 128: any
 * non-ASCII character): one pass, then a literal is ruled out with five ANDs. Fills
 * `into` when given, so an engine reuses one buffer.
 */
export function charPresence(lower: string, into: Int32Array = new Int32Array(PRESENCE_WORDS)): Int32Array {
  let w0 = 0
  let w1 = 0
  let w2 = 0
  let w3 = 0
  let other = 0
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    const bit = 1 << (c & 31)
    if (c < 32) w0 |= bit
    else if (c < 64) w1 |= bit
    else if (c < 96) w2 |= bit
    else if (c < 128) w3 |= bit
    else other = 1
  }
  into[0] = w0
  into[1] = w1
  into[2] = w2
  into[3] = w3
  into[4] = other
  return into
}

function flatMasks(keys: readonly (readonly number[])[]): Int32Array {
  const masks = new Int32Array(keys.length * PRESENCE_WORDS)
  keys.forEach((k, i) => masks.set(presenceOf(k), i * PRESENCE_WORDS))
  return masks
}

function presenceOf(slots: readonly number[]): Int32Array {
  const set = new Int32Array(PRESENCE_WORDS)
  for (const s of slots) set[s >> 5]! |= 1 << (s & 31)
  return set
}

/** Every character of the literal at `at` (a presence set inside `masks`) occurs in the value. */
function allPresent(masks: Int32Array, at: number, present: Int32Array): boolean {
  return (
    (masks[at]! & present[0]!) === masks[at] &&
    (masks[at + 1]! & present[1]!) === masks[at + 1] &&
    (masks[at + 2]! & present[2]!) === masks[at + 2] &&
    (masks[at + 3]! & present[3]!) === masks[at + 3] &&
    (masks[at + 4]! & present[4]!) === masks[at + 4]
  )
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
    let pattern: RE2JS | null = null
    if (r.pattern !== undefined) {
      try {
        pattern = RE2JS.compile(r.pattern)
      } catch (e) {
        throw new VigilError('VIGIL_ERR_WAF_RULES_INVALID', `Rule ${r.id} in pack ${name} has a bad pattern: ${(e as Error).message}`, { cause: e })
      }
    }
    const keys = r.any.map((a) => Object.freeze(presenceKeys(a.toLowerCase())))
    return Object.freeze({
      id: r.id,
      category: parsed.data.category,
      level: r.level,
      score: r.score,
      any: Object.freeze(r.any.map((a) => a.toLowerCase())),
      keys: Object.freeze(keys),
      masks: flatMasks(keys),
      pattern,
      anchored: /^(\(\?[a-z]+\))?\^/.test(r.pattern ?? ''),
      kinds: r.kinds ? new Set(r.kinds) : null,
      headers: r.headers ? new Set(r.headers.map((h) => h.toLowerCase())) : null,
      explanation: r.explanation,
    })
  })
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
  if (rule.anchored) {
    const m = pattern.matcher(value.slice(0, WINDOW_BEFORE + WINDOW_AFTER))
    return m.find() ? { start: m.start(), end: m.end() } : null
  }
  let hit = firstHit
  for (let w = 0; w < MAX_WINDOWS && hit >= 0; w++) {
    const from = Math.max(0, hit - WINDOW_BEFORE)
    const to = Math.min(value.length, hit + WINDOW_AFTER)
    const m = pattern.matcher(value.slice(from, to))
    if (m.find()) return { start: from + m.start(), end: from + m.end() }
    hit = -1
    for (const a of rule.any) {
      const next = lower.indexOf(a, to)
      if (next >= 0 && (hit < 0 || next < hit)) hit = next
    }
  }
  return null
}

/**
 * Literals indexed by their rarest character: a value wakes only the literals whose rarest
 * character it holds, not every literal of a rule one of whose literals it could hold
 * (a rule has four or five literals, mostly keyed on other characters). The woken literals
 * are a bit set over all literals, rule after rule and each rule's in order, so they are
 * tried in the order applyRule tried them, skipping only literals that cannot occur.
 */
export class RuleSet {
  readonly rules: readonly CompiledRule[]
  /** Words of a bit set over literal indices. */
  readonly #words: number
  /** Per character slot (129 of them), the bit set of literals that slot wakes. */
  readonly #wakes: Int32Array
  /** Character slots that wake at least one literal, as a presence set. */
  readonly #keyed: Int32Array
  readonly #awake: Int32Array
  /** Per literal index: its rule, and its place among that rule's literals. */
  readonly #ruleOf: Int32Array
  readonly #nth: Int32Array

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules
    const literals = rules.reduce((n, r) => n + r.keys.length, 0)
    this.#words = (literals + 31) >> 5
    this.#wakes = new Int32Array((OTHER_CHAR + 1) * this.#words)
    this.#ruleOf = new Int32Array(literals)
    this.#nth = new Int32Array(literals)
    const slots: number[] = []
    let l = 0
    rules.forEach((rule, i) => {
      rule.keys.forEach((keys, k) => {
        this.#wakes[keys[0]! * this.#words + (l >> 5)]! |= 1 << (l & 31)
        this.#ruleOf[l] = i
        this.#nth[l] = k
        slots.push(keys[0]!)
        l++
      })
    })
    this.#keyed = presenceOf(slots)
    this.#awake = new Int32Array(this.#words)
  }

  /** Runs the rules against one value; `present` is charPresence of `input.lower`. Findings keep the rules' order. */
  apply(input: DetectorInput, header: string | null, out: Finding[], present: Int32Array = charPresence(input.lower)): void {
    const words = this.#words
    const awake = this.#awake
    const wakes = this.#wakes
    let any = false
    for (let w = 0; w < PRESENCE_WORDS; w++) {
      let bits = present[w]! & this.#keyed[w]!
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits)
        bits &= bits - 1
        const from = ((w << 5) + b) * words
        for (let k = 0; k < words; k++) awake[k]! |= wakes[from + k]!
        any = true
      }
    }
    if (!any) return
    // The rule last tried: once it fired or was turned away, its other literals are skipped.
    let done = -1
    for (let k = 0; k < words; k++) {
      let bits = awake[k]!
      awake[k] = 0
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits)
        bits &= bits - 1
        const literal = (k << 5) + b
        const r = this.#ruleOf[literal]!
        if (r === done) continue
        const rule = this.rules[r]!
        if (!applies(rule, input, header)) {
          done = r
          continue
        }
        const nth = this.#nth[literal]!
        if (!allPresent(rule.masks, nth * PRESENCE_WORDS, present)) continue
        const lit = input.lower.indexOf(rule.any[nth]!)
        if (lit < 0) continue
        done = r
        applyRule(rule, input, out, lit)
      }
    }
  }
}

function applies(rule: CompiledRule, input: DetectorInput, header: string | null): boolean {
  return rule.level <= input.level && (rule.kinds === null || rule.kinds.has(input.kind)) && (rule.headers === null || (header !== null && rule.headers.has(header)))
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
  }
  out.push({
    rule: rule.id,
    category: rule.category,
    level: rule.level,
    score: rule.score,
    excerpt: excerptAt(input.value, start, end),
    explanation: rule.explanation,
  })
}
