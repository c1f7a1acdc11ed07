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
  pattern: RE2JS | null
  /** The pattern starts with `^`, so it only ever runs from the start of the value. */
  anchored: boolean
  kinds: ReadonlySet<TargetKind> | null
  headers: ReadonlySet<string> | null
  explanation: string
}

/** Letters from most to least frequent in text; any other character counts as rarer than all. */
const LETTER_FREQUENCY = 'etaoinsrhldcumfpgwybvkxjqz'

/** The literal's distinct characters as charPresence slots, rarest first, so a miss is found early. */
function presenceKeys(literal: string): number[] {
  const rank = (c: number): number => {
    const r = c < 128 ? LETTER_FREQUENCY.indexOf(String.fromCharCode(c)) : -1
    return r < 0 ? 100 : r
  }
  const slots = [...new Set([...literal].map((ch) => Math.min(ch.charCodeAt(0), 128)))]
  return slots.sort((a, b) => rank(b) - rank(a))
}

/**
 * Which ASCII characters a value holds (slot 128: any other character): one pass, then
 * O(1) per literal. Fills `into` when given, so an engine reuses one buffer.
 */
export function charPresence(lower: string, into: Uint8Array = new Uint8Array(129)): Uint8Array {
  into.fill(0)
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i)
    into[c < 128 ? c : 128] = 1
  }
  return into
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
    return Object.freeze({
      id: r.id,
      category: parsed.data.category,
      level: r.level,
      score: r.score,
      any: Object.freeze(r.any.map((a) => a.toLowerCase())),
      keys: Object.freeze(r.any.map((a) => Object.freeze(presenceKeys(a.toLowerCase())))),
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

function allPresent(keys: readonly number[], present: Uint8Array): boolean {
  for (let i = 0; i < keys.length; i++) if (present[keys[i]!] === 0) return false
  return true
}

/**
 * Rules indexed by the rarest character of each literal: a value wakes only the rules one
 * of whose literals could occur in it, instead of every rule checking every literal.
 */
export class RuleSet {
  readonly rules: readonly CompiledRule[]
  /** Character slots that key at least one literal, and for each the indices of those rules. */
  readonly #slots: readonly number[]
  readonly #wakes: readonly (readonly number[])[]
  readonly #awake: Uint8Array

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules
    const bySlot = new Map<number, number[]>()
    rules.forEach((rule, i) => {
      for (const keys of rule.keys) {
        const list = bySlot.get(keys[0]!) ?? []
        if (list.at(-1) !== i) list.push(i)
        bySlot.set(keys[0]!, list)
      }
    })
    this.#slots = [...bySlot.keys()]
    this.#wakes = [...bySlot.values()]
    this.#awake = new Uint8Array(rules.length)
  }

  /** Runs the rules against one value; `present` is charPresence of `input.lower`. Findings keep the rules' order. */
  apply(input: DetectorInput, header: string | null, out: Finding[], present: Uint8Array = charPresence(input.lower)): void {
    const awake = this.#awake
    let any = false
    for (let s = 0; s < this.#slots.length; s++) {
      if (present[this.#slots[s]!] === 0) continue
      const wakes = this.#wakes[s]!
      for (let k = 0; k < wakes.length; k++) awake[wakes[k]!] = 1
      any = true
    }
    if (!any) return
    for (let i = 0; i < this.rules.length; i++) {
      if (awake[i] === 0) continue
      awake[i] = 0
      applyRule(this.rules[i]!, input, header, out, present)
    }
  }
}

function applyRule(rule: CompiledRule, input: DetectorInput, header: string | null, out: Finding[], present: Uint8Array): void {
  if (rule.level > input.level) return
  if (rule.kinds !== null && !rule.kinds.has(input.kind)) return
  if (rule.headers !== null && (header === null || !rule.headers.has(header))) return
  let lit = -1
  for (let k = 0; k < rule.any.length; k++) {
    if (!allPresent(rule.keys[k]!, present)) continue
    lit = input.lower.indexOf(rule.any[k]!)
    if (lit >= 0) break
  }
  if (lit < 0) return
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
