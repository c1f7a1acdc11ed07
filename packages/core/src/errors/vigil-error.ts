/**
 * One registry of error codes. Each code is stable, documented in docs/errors.md
 * (a test fails on drift) and never reused once retired. Callers branch on `code`;
 * the message says what went wrong and what to do next.
 * @module
 */

export const ERROR_CODES = {
  VIGIL_ERR_CONFIG_INVALID: 'The configuration file does not match the schema.',
  VIGIL_ERR_CONFIG_NOT_FOUND: 'A configuration file named on the command line does not exist.',
  VIGIL_ERR_INGEST_FORMAT_UNKNOWN: 'No parser recognises the input and no --format was given.',
  VIGIL_ERR_INGEST_FORMAT_INVALID: 'The --format value names no parser or has a bad log_format string.',
  VIGIL_ERR_INGEST_SOURCE_UNREADABLE: 'An input path cannot be opened or read.',
  VIGIL_ERR_STORE_OPEN: 'The store file cannot be opened (locked by another process, or not a DuckDB file).',
  VIGIL_ERR_STORE_QUERY: 'A query against the store failed.',
  VIGIL_ERR_QUERY_NOT_READ_ONLY: 'A query given to `vigil query` would write, attach or read files.',
  VIGIL_ERR_CLI_USAGE: 'The command line is malformed.',
  VIGIL_ERR_DATA_MISSING: 'A bundled data file (IP ranges, ASN table) is missing from the installation.',
  VIGIL_ERR_DATA_INVALID: 'A data file (bundled or user-supplied IP list, ASN table, user-agent rules) is malformed.',
  VIGIL_ERR_WAF_RULES_INVALID: 'A WAF rule pack is malformed (bad YAML, schema or RE2 pattern).',
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class VigilError extends Error {
  readonly code: ErrorCode
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'VigilError'
    this.code = code
    this.exitCode = options?.exitCode ?? 1
  }
}

export function isVigilError(e: unknown): e is VigilError {
  return e instanceof VigilError
}
