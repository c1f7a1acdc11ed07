import { z } from 'zod'
import { DEFAULT_PARSER_OPTIONS } from './parser.ts'

/**
 * DuckDB's row group size: a transaction of at least that many rows is compressed straight
 * into the store file, where smaller ones went through the WAL and a later checkpoint
 * (less CPU per line, ×0.99–1.11 in alternating pairs on a loaded machine; docs/ingest.md).
 */
export const DEFAULT_INGEST_BATCH_SIZE = 122_880

export const ingestConfigSchema = z
  .object({
    /** Cookie names whose value is the session id. */
    sessionCookies: z.array(z.string().min(1)).default([...DEFAULT_PARSER_OPTIONS.sessionCookies]),
    /** Proxies whose X-Forwarded-For / Forwarded headers are believed (IPs or CIDRs). */
    trustedProxies: z.array(z.string().min(1)).default([]),
    /** Events per store transaction, about. */
    batchSize: z.number().int().min(1).max(1_000_000).default(DEFAULT_INGEST_BATCH_SIZE),
    maxMessageBytes: z.number().int().min(256).max(1 << 20).default(DEFAULT_PARSER_OPTIONS.maxMessageBytes),
  })
  .strict()
