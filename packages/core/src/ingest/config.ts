import { z } from 'zod'
import { DEFAULT_PARSER_OPTIONS } from './parser.ts'

export const ingestConfigSchema = z
  .object({
    /** Cookie names whose value is the session id. */
    sessionCookies: z.array(z.string().min(1)).default([...DEFAULT_PARSER_OPTIONS.sessionCookies]),
    /** Proxies whose X-Forwarded-For / Forwarded headers are believed (IPs or CIDRs). */
    trustedProxies: z.array(z.string().min(1)).default([]),
    /** Events per store transaction. */
    batchSize: z.number().int().min(1).max(1_000_000).default(50_000),
    maxMessageBytes: z.number().int().min(256).max(1 << 20).default(DEFAULT_PARSER_OPTIONS.maxMessageBytes),
  })
  .strict()
