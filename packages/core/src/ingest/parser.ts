/**
 * The parser contract. A parser is fed one line at a time (without its newline) and
 * emits zero or more results through a callback, so line formats emit one result per
 * line without allocating, and document formats (HAR) emit their records at the end.
 * Parsers never throw on bad input: they emit `{ kind: 'error' }` and go on.
 * @module
 */
import type { AppEvent } from '../events/app-event.ts'
import type { HttpEvent } from '../events/http-event.ts'
import type { UnnamedFieldsReport } from './unnamed-fields.ts'

export type ParseResult =
  | { kind: 'http'; event: HttpEvent }
  | { kind: 'app'; event: AppEvent }
  /** Blank lines, comment and header lines: consumed, neither stored nor quarantined. */
  | { kind: 'skip'; line: number }
  | { kind: 'error'; line: number; reason: string; raw: string }

export type Emit = (result: ParseResult) => void

export interface ParserOptions {
  /** Path or name of the source, recorded in `log_file`. */
  file: string
  /** Cookie names whose value becomes `session_id` (`$cookie_<name>` in nginx formats, Cookie headers). */
  sessionCookies: readonly string[]
  /** Longest raw line kept in `message`; longer lines are truncated there, not rejected. */
  maxMessageBytes: number
}

export interface RecordParser {
  readonly format: string
  feed(line: string, lineNo: number, emit: Emit): void
  /** End of input: flush buffered records (HAR) or report a truncated last record. */
  finish(emit: Emit): void
  /** Values past the fields the format names, which only labels hold (line formats that number them). */
  unnamedFields?(): UnnamedFieldsReport | null
}

export const DEFAULT_PARSER_OPTIONS: Omit<ParserOptions, 'file'> = Object.freeze({
  sessionCookies: Object.freeze(['sid', 'session', 'sessionid', 'session_id', 'PHPSESSID', 'JSESSIONID', 'connect.sid']),
  maxMessageBytes: 16 * 1024,
})
