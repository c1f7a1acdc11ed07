/**
 * The `waf` section of vigil.config.yaml: engine level and limits, and the guard's
 * mode, failure policy and allow/deny lists.
 * @module
 */
import { z } from 'zod'
import { DEFAULT_WAF_LIMITS } from './limits.ts'
import { DEFAULT_WAF_LEVEL } from './types.ts'

export const wafLimitsSchema = z
  .object({
    maxBodyBytes: z.number().int().min(1024).max(64 << 20).default(DEFAULT_WAF_LIMITS.maxBodyBytes),
    maxValueBytes: z.number().int().min(256).max(16 << 20).default(DEFAULT_WAF_LIMITS.maxValueBytes),
    maxHeaderBytes: z.number().int().min(256).max(1 << 20).default(DEFAULT_WAF_LIMITS.maxHeaderBytes),
    maxParams: z.number().int().min(1).max(1_000_000).default(DEFAULT_WAF_LIMITS.maxParams),
    maxJsonDepth: z.number().int().min(1).max(10_000).default(DEFAULT_WAF_LIMITS.maxJsonDepth),
    maxTargets: z.number().int().min(1).max(1_000_000).default(DEFAULT_WAF_LIMITS.maxTargets),
  })
  .strict()

const listSchema = z
  .object({
    /** IPs or CIDRs. */
    ips: z.array(z.string().min(1)).default([]),
    /** Path prefixes. */
    paths: z.array(z.string().startsWith('/')).default([]),
  })
  .strict()

export const wafConfigSchema = z
  .object({
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(DEFAULT_WAF_LEVEL),
    /** Anomaly score at which a request is blocked. */
    threshold: z.number().int().min(1).max(1000).default(5),
    /** `monitor` logs what it would block; `block` answers 403. */
    mode: z.enum(['monitor', 'block']).default('monitor'),
    /** What the guard does when the engine throws or overruns its time budget. */
    onError: z.enum(['open', 'closed']).default('open'),
    timeBudgetMs: z.number().min(0.1).max(10_000).default(50),
    limits: wafLimitsSchema.prefault({}),
    allow: listSchema.prefault({}),
    deny: listSchema.prefault({}),
    /** NDJSON file the guard appends events to; none when omitted. */
    eventsFile: z.string().min(1).optional(),
  })
  .strict()

export type WafUserConfig = z.input<typeof wafConfigSchema>
export type WafResolvedConfig = Readonly<z.output<typeof wafConfigSchema>>

export function resolveWafConfig(input: unknown): WafResolvedConfig {
  return Object.freeze(wafConfigSchema.parse(input ?? {}))
}
