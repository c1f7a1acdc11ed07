/**
 * User-agent classification rules are data (a YAML file shipped with the runtime); this
 * module validates that data and compiles it into the lower-cased substring tables the
 * classifier scans. Substring and prefix tests only, never regexes: the classifier runs
 * on attacker-chosen strings and must stay linear-time.
 * @module
 */
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { VigilError } from '../errors/index.ts'

export const UA_BOT_KINDS = ['crawler', 'ai_crawler', 'automation', 'headless', 'monitor', 'scanner'] as const
export type UaBotKind = (typeof UA_BOT_KINDS)[number]

/** The name that tells the classifier to report the product token around the match. */
export const TOKEN_NAME = '*'

const patterns = z.array(z.string().min(2).max(200)).max(100)
const ruleSchema = z.union([
  z.string().min(2).max(200),
  z
    .object({
      name: z.string().min(1).max(200),
      contains: patterns.optional(),
      starts_with: patterns.optional(),
      not_contains: patterns.optional(),
      token_end: z.boolean().optional(),
    })
    .strict(),
])

const rulesFileSchema = z
  .object({
    as_of: z.string().min(1),
    max_length: z.number().int().min(64).max(65536),
    browsers: z.array(
      z
        .object({
          names: z.array(z.string().min(1)).min(1),
          min_major: z.number().int().nonnegative(),
          max_major: z.number().int().positive(),
        })
        .strict(),
    ),
    bots: z.array(z.object({ kind: z.enum(UA_BOT_KINDS), rules: z.array(ruleSchema).min(1) }).strict()),
  })
  .strict()

export interface UaRule {
  /** Product name to report, or TOKEN_NAME to report the token the pattern was found in. */
  readonly name: string
  readonly kind: UaBotKind
  /** Lower-cased substrings, any of which matches. */
  readonly contains: readonly string[]
  /** Lower-cased prefixes of the whole user agent, any of which matches. */
  readonly startsWith: readonly string[]
  /** Lower-cased substrings that veto the rule (e.g. a phone brand that contains "bot"). */
  readonly notContains: readonly string[]
  /** A `contains` match counts only where no letter follows it (`AhrefsBot/`, not `fuboTV`). */
  readonly tokenEnd: boolean
}

export interface BrowserVersionBounds {
  readonly minMajor: number
  readonly maxMajor: number
}

export interface UaRules {
  /** When the browser version bounds were last reviewed (they age). */
  readonly asOf: string
  /** Characters of a user agent that are examined; the rest is ignored. */
  readonly maxLength: number
  /** In priority order: the first rule that matches names the bot. */
  readonly rules: readonly UaRule[]
  /** Plausible major versions per browser name as ua-parser-js reports it. */
  readonly browsers: ReadonlyMap<string, BrowserVersionBounds>
}

/**
 * Validates and compiles the YAML text of a rules file. `source` names the file in
 * error messages.
 * @example parseUaRules(readFileSync('user-agent-rules.yaml', 'utf8'), 'user-agent-rules.yaml')
 */
export function parseUaRules(yamlText: string, source: string): UaRules {
  return compileUaRules(readUaRulesDocument(yamlText, source), source)
}

/** The YAML document of a rules file, not yet validated (callers may cache it as JSON). */
export function readUaRulesDocument(yamlText: string, source: string): unknown {
  try {
    return parseYaml(yamlText)
  } catch (e) {
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${source}: not valid YAML: ${(e as Error).message}`, { cause: e })
  }
}

/** Validates and compiles a rules document (from readUaRulesDocument or a cached JSON copy). */
export function compileUaRules(raw: unknown, source: string): UaRules {
  const parsed = rulesFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new VigilError('VIGIL_ERR_DATA_INVALID', `${source}: ${issue.path.join('.')}: ${issue.message}`)
  }
  const lower = (xs: readonly string[] | undefined): readonly string[] => Object.freeze((xs ?? []).map((x) => x.toLowerCase()))
  const rules: UaRule[] = []
  for (const group of parsed.data.bots) {
    for (const r of group.rules) {
      const rule: UaRule =
        typeof r === 'string'
          ? { name: r, kind: group.kind, contains: lower([r]), startsWith: [], notContains: [], tokenEnd: false }
          : {
              name: r.name,
              kind: group.kind,
              contains: r.contains === undefined && r.starts_with === undefined ? lower([r.name]) : lower(r.contains),
              startsWith: lower(r.starts_with),
              notContains: lower(r.not_contains),
              tokenEnd: r.token_end ?? false,
            }
      rules.push(Object.freeze(rule))
    }
  }
  const browsers = new Map<string, BrowserVersionBounds>()
  for (const b of parsed.data.browsers) {
    for (const name of b.names) browsers.set(name, Object.freeze({ minMajor: b.min_major, maxMajor: b.max_major }))
  }
  return Object.freeze({
    asOf: parsed.data.as_of,
    maxLength: parsed.data.max_length,
    rules: Object.freeze(rules),
    browsers,
  })
}
