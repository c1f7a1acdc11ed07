/**
 * Query-string validation shared by the endpoints: every value a request sends is
 * parsed here into a typed, bounded value before any SQL is built from it.
 * @module
 */
import { z } from 'zod'
import { ApiError } from './api-error.ts'
import { sqlEpochMs } from '../sql/literal.ts'

/** Epoch milliseconds between 1970 and 2200. */
const epochMs = z.coerce.number().int().min(0).max(7_258_118_400_000)

export const TimeRangeSchema = z.object({
  from: epochMs.optional(),
  to: epochMs.optional(),
})
export type TimeRange = z.infer<typeof TimeRangeSchema>

export const PageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})

export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new ApiError(400, 'bad_request', `${where}${issue?.message ?? 'invalid parameters'}`)
  }
  return parsed.data
}

/** SQL conditions on `column` for a time range; empty when unbounded. */
export function timeConditions(range: TimeRange, column = 'ts'): string[] {
  const out: string[] = []
  if (range.from !== undefined) out.push(`${column} >= ${sqlEpochMs(range.from)}`)
  if (range.to !== undefined) out.push(`${column} < ${sqlEpochMs(range.to)}`)
  return out
}

export function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''
}
