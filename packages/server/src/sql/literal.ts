/**
 * Turning validated request values into SQL text. The Store port's `query()` takes SQL
 * only, so values are quoted here: DuckDB string literals have no backslash escapes,
 * so doubling the single quote is the complete escape; NUL is refused outright.
 * Identifiers never come from requests: callers pick them from a whitelist.
 * @module
 */

/** Longest string a filter may compare against; longer values are refused, not truncated. */
export const MAX_SQL_STRING = 4096

export function sqlString(value: string): string {
  if (value.length > MAX_SQL_STRING) throw new RangeError(`value longer than ${MAX_SQL_STRING} characters`)
  if (value.includes('\u0000')) throw new RangeError('value contains NUL')
  return `'${value.replaceAll("'", "''")}'`
}

/** A finite number as a SQL literal; rejects NaN/Infinity, which have no literal. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('not a finite number')
  return String(value)
}

/** A pattern for `ILIKE … ESCAPE '\'` matching `text` anywhere, with its wildcards made literal. */
export function sqlContainsPattern(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')
  return `${sqlString(`%${escaped}%`)} ESCAPE '\\'`
}

/** `ts` bound from epoch milliseconds, as TIMESTAMPTZ. */
export function sqlEpochMs(ms: number): string {
  return `to_timestamp(${sqlNumber(Math.trunc(ms))} / 1000.0)`
}
