/**
 * The `vigil.config.yaml` schema. Each area owns its section's schema beside its code;
 * this file composes them. Validate once at the edge, then freeze.
 * @module
 */
import { z } from 'zod'
import { ingestConfigSchema } from '../ingest/config.ts'
import { detectConfigSchema } from '../detect/config.ts'
import { wafConfigSchema } from '../waf/config.ts'

export const configSchema = z
  .object({
    ingest: ingestConfigSchema.prefault({}),
    detect: detectConfigSchema.prefault({}),
    waf: wafConfigSchema.prefault({}),
  })
  .strict()

export type UserConfig = z.input<typeof configSchema>
export type ResolvedConfig = Readonly<z.output<typeof configSchema>>

export function resolveConfig(input: unknown): ResolvedConfig {
  return Object.freeze(configSchema.parse(input ?? {}))
}
