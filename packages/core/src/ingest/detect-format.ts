/**
 * Format auto-detection, per file, from its first lines. Each line is classified and
 * the format most lines agree on wins, provided it is at least half of them; text
 * formats are confirmed by actually parsing the line, so a detected format parses.
 * Custom nginx formats cannot be recognised: they need `--format nginx:<log_format>`; one
 * that is `combined` plus appended variables reads as `combined`, and the fields it cannot
 * name are reported with a suggested format (unnamed-fields.ts).
 * @module
 */
import { DEFAULT_PARSER_OPTIONS } from './parser.ts'
import type { ParseResult, RecordParser } from './parser.ts'
import { createAlbParser } from './parsers/alb.ts'
import { createCombinedParser } from './parsers/combined.ts'
import { createEnvoyParser } from './parsers/envoy.ts'
import { flattenRecord, isJsonObject, parseJsonObject } from './parsers/json-record.ts'
import type { JsonObject } from './parsers/json-record.ts'
import { isBlank, cleanLine } from './parsers/line-parser.ts'

const MAX_SAMPLE_LINES = 50
const PROBE_OPTIONS = { ...DEFAULT_PARSER_OPTIONS, file: 'detect-format' }
// Anchored at the start, fixed-width pieces only: cannot backtrack.
const ALB_START = /^(?:https?|h2|grpcs|wss?) \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/
const ENVOY_START = /^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[^\]]{0,40}\] "/
const HAR_FILE = /\.har(?:\.gz)?$/i
const HAR_LOG_KEY = /"log"\s{0,64}:\s{0,64}\{/

function parsesAs(parser: RecordParser, line: string): boolean {
  let result: ParseResult | undefined
  parser.feed(line, 1, (r) => (result = r))
  return result?.kind === 'http'
}

/**
 * A `common` line ends with `"request" status bytes`; anything after the bytes makes it
 * `combined`. A line ending in two quoted fields without spaces (`"-" "t13d1516h2_…"`) passes
 * too, and its file is named `common`: it is parsed the same (both names read both layouts),
 * and the name is part of a source's key, so correcting it would store such files again.
 */
function endsAfterByteCount(line: string): boolean {
  const last = line.lastIndexOf(' ')
  const prev = last > 0 ? line.lastIndexOf(' ', last - 1) : -1
  return prev > 0 && line.charCodeAt(prev - 1) === 34
}

function classifyJson(record: JsonObject): string {
  const log = record.log
  if (log !== null && typeof log === 'object' && Array.isArray((log as JsonObject).entries)) return 'har'
  if (record.transaction !== null && typeof record.transaction === 'object') return 'modsec-json'
  if ('ClientRequestURI' in record || 'ClientRequestHost' in record || 'EdgeStartTimestamp' in record) return 'cloudflare'
  if (isJsonObject(record.httpRequest)) return 'gcp-http'
  if (isJsonObject(record.request) && 'ts' in record && ('status' in record || String(record.logger).startsWith('http.log.access'))) return 'caddy-json'
  if (flattenRecord(record).has('event.action')) return 'app-ndjson'
  return 'ecs-json'
}

/**
 * @returns a format name for createParser, or null when no format fits most lines.
 * @example detectFormat(['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326']) // 'common'
 */
export function detectFormat(sampleLines: readonly string[], fileName?: string): string | null {
  if (fileName !== undefined && HAR_FILE.test(fileName)) return 'har'
  const lines = sampleLines.slice(0, MAX_SAMPLE_LINES).map(cleanLine).filter((l) => !isBlank(l))
  if (lines.length === 0) return null
  const votes = new Map<string, number>()
  const vote = (format: string | null): void => {
    if (format !== null) votes.set(format, (votes.get(format) ?? 0) + 1)
  }
  if (lines[0]!.trimStart().startsWith('{')) {
    for (const line of lines) {
      const parsed = parseJsonObject(line)
      vote(parsed.ok ? classifyJson(parsed.value) : null)
    }
    // A pretty-printed HAR does not parse line by line.
    if (votes.size === 0 && HAR_LOG_KEY.test(lines.slice(0, 5).join('\n'))) return 'har'
  } else {
    const alb = createAlbParser(PROBE_OPTIONS)
    const envoy = createEnvoyParser(PROBE_OPTIONS)
    const combined = createCombinedParser('combined', PROBE_OPTIONS)
    for (const line of lines) {
      if (ALB_START.test(line)) vote(parsesAs(alb, line) ? 'alb' : null)
      else if (ENVOY_START.test(line)) vote(parsesAs(envoy, line) ? 'envoy' : null)
      else if (parsesAs(combined, line)) vote(endsAfterByteCount(line) ? 'common' : 'combined')
    }
    // Files mixing both layouts parse fine as combined, which reads common lines too.
    if (votes.has('common') && votes.has('combined')) {
      votes.set('combined', votes.get('combined')! + votes.get('common')!)
      votes.delete('common')
    }
  }
  let best: string | null = null
  let bestCount = 0
  for (const [format, n] of votes) {
    if (n > bestCount) {
      best = format
      bestCount = n
    }
  }
  return bestCount * 2 >= lines.length ? best : null
}
