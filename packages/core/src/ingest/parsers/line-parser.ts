/**
 * The frame every line format shares: strip the CR of CRLF files, skip blank lines,
 * bound the raw line kept in `message`, and turn an unexpected exception into an
 * error result so that one strange line can never stop an ingest run.
 * @module
 */
import type { Emit, ParseResult, ParserOptions, RecordParser } from '../parser.ts'

export type LineParse = (line: string, lineNo: number) => ParseResult

/** Drops the CR of CRLF files and a UTF-8 byte-order mark (editors on Windows write one at the start of a file). */
export function cleanLine(line: string): string {
  const start = line.charCodeAt(0) === 0xfeff ? 1 : 0
  const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length
  return start === 0 && end === line.length ? line : line.slice(start, Math.max(start, end))
}

export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 32 && c !== 9) return false
  }
  return true
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  // A UTF-16 unit never takes more than 3 UTF-8 bytes, so short strings need no encoding.
  if (s.length * 3 <= maxBytes) return s
  const bytes = encoder.encode(s)
  if (bytes.length <= maxBytes) return s
  let end = maxBytes
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--
  return decoder.decode(bytes.subarray(0, end))
}

/** Quotes a value inside an error reason, bounded so a 1 MB field makes a readable reason. */
export function quoteForReason(value: string): string {
  return value.length > 64 ? `'${value.slice(0, 64)}…'` : `'${value}'`
}

// Parsers call this directly, not through a per-line `fail = (reason) => errorResult(…)`: tsx
// (esbuild keepNames) names such a closure with Object.defineProperty each time it is created,
// about 0.5 us per line.
export function errorResult(line: number, reason: string, raw: string, options: ParserOptions): ParseResult {
  return { kind: 'error', line, reason, raw: truncateUtf8(raw, options.maxMessageBytes) }
}

export function createLineParser(format: string, options: ParserOptions, parse: LineParse): RecordParser {
  return {
    format,
    feed(rawLine: string, lineNo: number, emit: Emit): void {
      const line = cleanLine(rawLine)
      if (isBlank(line)) {
        emit({ kind: 'skip', line: lineNo })
        return
      }
      let result: ParseResult
      try {
        result = parse(line, lineNo)
      } catch (e) {
        result = errorResult(lineNo, `${format} parser failed on this line: ${(e as Error).message}`, line, options)
      }
      emit(result)
    },
    finish(): void {},
  }
}
