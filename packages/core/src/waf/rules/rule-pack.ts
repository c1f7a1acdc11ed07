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
  pattern: RE2JS | null
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
      pattern,
      kinds: r.kinds ? new Set(r.kinds) : null,
      headers: r.headers ? new Set(r.headers.map((h) => h.toLowerCase())) : null,
      explanation: r.explanation,
    })
  })
}

/** Runs the compiled rules of `rules` against one value. */
export function applyRules(rules: readonly CompiledRule[], input: DetectorInput, header: string | null, out: Finding[]): void {
  for (const rule of rules) {
    if (rule.level > input.level) continue
    if (rule.kinds !== null && !rule.kinds.has(input.kind)) continue
    if (rule.headers !== null && (header === null || !rule.headers.has(header))) continue
    let lit = -1
    for (const a of rule.any) {
      lit = input.lower.indexOf(a)
      if (lit >= 0) break
    }
    if (lit < 0) continue
    let start = lit
    let end = lit + 1
    if (rule.pattern !== null) {
      const m = rule.pattern.matcher(input.value)
      if (!m.find()) continue
      start = m.start()
      end = m.end()
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
}
