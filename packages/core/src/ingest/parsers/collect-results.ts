/**
 * Runs a parser over lines held in memory and returns every result, finish() included.
 * For tests, format probes and small inputs; streaming callers use feed()/finish().
 * @module
 */
import type { ParseResult, RecordParser } from '../parser.ts'

/** @example collectResults(createParser('combined', options), text.split('\n')) */
export function collectResults(parser: RecordParser, lines: readonly string[], firstLineNo = 1): ParseResult[] {
  const results: ParseResult[] = []
  const emit = (r: ParseResult): void => {
    results.push(r)
  }
  for (let i = 0; i < lines.length; i++) parser.feed(lines[i]!, firstLineNo + i, emit)
  parser.finish(emit)
  return results
}
