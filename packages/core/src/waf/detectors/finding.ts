import type { WafCategory, WafLevel } from '../types.ts'

/** What a detector reports for one value; the engine adds the target and bounds the excerpt. */
export interface Finding {
  rule: string
  category: WafCategory
  /** Lowest level at which the finding counts. */
  level: WafLevel
  score: number
  /** The decoded evidence. */
  excerpt: string
  explanation: string
}

/** Where a value came from, so detectors can weigh syntax that only matters in some places. */
export type TargetKind =
  | 'path'
  | 'arg'
  | 'arg-name'
  /** A urlencoded form field: may be a free-text box, where line breaks are normal. */
  | 'form'
  | 'header'
  | 'structured-header'
  | 'cookie'
  | 'json'
  | 'json-key'
  | 'multipart'
  | 'multipart-name'
  | 'filename'
  | 'xml'
  | 'xml-text'
  | 'body'

export interface DetectorInput {
  /** Fully decoded value. */
  value: string
  /** The same value lower-cased, computed once per value for all detectors. */
  lower: string
  kind: TargetKind
  level: WafLevel
  /** For a header, its lower-case name (findings may depend on it, as the finding cache allows). */
  header?: string | null
}

export type Detector = (input: DetectorInput, out: Finding[]) => void

/** The excerpt around a position, bounded, with the match centred where possible. */
export function excerptAt(value: string, start: number, end: number, max = 120): string {
  if (end - start >= max) return value.slice(start, start + max)
  const pad = Math.floor((max - (end - start)) / 2)
  const from = Math.max(0, start - Math.min(pad, 20))
  return value.slice(from, Math.min(value.length, from + max))
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** Characters looked back over for the start of a match's word; a longer run counts as one token of the value. */
const MAX_WORD = 256
/** A word of prose: letters, with an apostrophe inside (`i'm`), and its punctuation. */
export const PROSE_WORD = /^[a-z][a-z']*[,.:;!?]?$/i
/** Characters each side of a match read for the words of prose around it. */
const TEXT_AROUND = 200

/**
 * Whether the match at `at` is a word of running text: its word (its run of letters, digits and
 * path punctuation `.` `_` `-` `~` `/` `\` `:` `%`) follows a blank, or the backtick that opens a
 * Markdown code span after a blank, and three or more words of prose stand around it. A word that
 * starts the value or follows a quote, a bracket or `=` is a value of its own
 * (`document('/etc/passwd')`), and so is a command's argument in a template
 * (`{{['cat /etc/passwd']|map('system')}}`), which has no prose around it.
 */
export function wordOfText(value: string, at: number): boolean {
  let blank = false
  for (let i = at - 1; i >= 0 && at - i <= MAX_WORD && !blank; i--) {
    const c = value.charCodeAt(i)
    if (isBlank(c) || (c === 96 && i > 0 && isBlank(value.charCodeAt(i - 1)))) blank = true
    else if (!((c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45 || c === 126 || c === 47 || c === 92 || c === 37)) return false
  }
  if (!blank) return false
  let words = 0
  for (const w of value.slice(Math.max(0, at - TEXT_AROUND), at + TEXT_AROUND).split(/\s+/)) if (PROSE_WORD.test(w) && ++words >= 3) return true
  return false
}

/** The key a JSON stack frame names its file by, just before the string that holds it. Anchored at the end of a short slice: linear. */
const FRAME_FILE_KEY = /"(?:filename|abs_path)"\s*:\s*"$/
/** A file a JavaScript stack frame ran in: a script or a page, named by a path with no query or fragment that could carry a request of its own. */
const FRAME_FILE_NAME = /^[^\s"\\<>?#;&]+\.(?:[cm]?js|jsx|tsx?|html?|vue|svelte)$/
const FRAME_LINE = /"lineno"\s*:\s*\d/
const FRAME_FUNCTION = /"function"\s*:\s*"/
/** A frame file name of printable characters only, so that writing it back between quotes keeps every byte as sent. */
const PRINTABLE = /^[\x21-\x7e\u00a0-\uffff]+$/

/**
 * A JSON body's stack frame, parsed (a Sentry event posted as one document, `{"filename":
 * "file:///G:/js/file.js","function":"?","lineno":24}`), read as its text is read in an envelope:
 * the file name's value written back as the frame's `filename` or `abs_path` pair beside the
 * frame's `lineno` and `function` (its name left out: the frame's shape is what counts, not its
 * text), or null when `frame` is no flat frame or `file` names no script or page. The value
 * goes back byte for byte: a name with a quote, a backslash or a control character is none.
 */
export function jsonFrameFileText(key: string, file: string, frame: Record<string, unknown>): string | null {
  if ((key !== 'filename' && key !== 'abs_path') || typeof frame.lineno !== 'number' || !Number.isFinite(frame.lineno) || typeof frame.function !== 'string') return null
  if (file.length > 512 || !FRAME_FILE_NAME.test(file) || !PRINTABLE.test(file)) return null
  return `{"${key}":"${file}","function":"","lineno":${Math.trunc(frame.lineno)}}`
}

/** Characters a frame object may run on either side of its file name; the patterns above read only such bounded slices, each one way through. */
const FRAME_SPAN = 400

/**
 * Whether the match at `at` (or the quote it starts with) begins the file name of a stack frame
 * in JSON, as error reporters send it (a Sentry envelope's `{"filename":"file:///G:/js/file.js",
 * "function":"?","lineno":24}`): the string value of `filename` or `abs_path`, naming a script
 * or a page, in a flat object that also holds the frame's `"lineno"` number and `"function"`
 * name. Hybrid apps and developers' machines run pages from `file:///` or a loopback server; the
 * report quotes where the code ran, and what a frame names is only ever a script or page, never
 * the system file or internal service an attack reaches.
 */
export function stackFrameFile(value: string, at: number): boolean {
  const start = value.charCodeAt(at) === 34 ? at + 1 : at
  if (!FRAME_FILE_KEY.test(value.slice(Math.max(0, start - 24), start))) return false
  // Each search reads a bounded slice, so a body of many matches costs a bounded amount per match.
  const name = value.slice(start, start + 512)
  const close = name.indexOf('"')
  if (close < 0 || !FRAME_FILE_NAME.test(name.slice(0, close))) return false
  const before = value.slice(Math.max(0, start - FRAME_SPAN), start)
  const after = value.slice(start + close, start + close + FRAME_SPAN)
  const open = before.lastIndexOf('{')
  const end = after.indexOf('}')
  if (open < 0 || end < 0 || before.includes('}', open) || after.lastIndexOf('{', end) >= 0) return false
  const frame = before.slice(open + 1) + after.slice(0, end)
  return FRAME_LINE.test(frame) && FRAME_FUNCTION.test(frame)
}

/** Where the line holding `i` starts (at most 400 characters back). */
export function lineStart(lower: string, i: number): number {
  return Math.max(lower.lastIndexOf('\n', i), lower.lastIndexOf('\r', i), i - 400) + 1
}

/**
 * The backtick at `open` starts a Markdown code span inside a sentence (`Works on my Mac:
 * \`ls -la ~ | grep invoice\` finds the PDF`): it closes on the same line, spaces stand on
 * both sides, and the line around it has three or more words of prose. Returns the index of
 * the closing backtick, or -1. What it holds is code quoted in a message; a shell or a page
 * would still run it, so what detectors find there counts at level 3.
 */
export function proseCodeSpan(lower: string, open: number): number {
  const close = lower.indexOf('`', open + 1)
  if (close < 0 || close - open > 400 || lower[close + 1] !== ' ' || !(open === 0 || lower[open - 1] === ' ')) return -1
  const nl = lower.slice(open, close).search(/[\n\r]/)
  if (nl >= 0) return -1
  const from = lineStart(lower, open)
  const after = lower.slice(close + 1, close + 400)
  const lineEnd = after.search(/[\n\r]/)
  let words = 0
  for (const w of `${lower.slice(from, open)} ${lineEnd < 0 ? after : after.slice(0, lineEnd)}`.split(' ')) if (PROSE_WORD.test(w) && ++words >= 3) return close
  return -1
}

/** The character at `i` is inside a Markdown code span of a sentence (see proseCodeSpan). */
export function inProseCodeSpan(text: string, i: number): boolean {
  const open = text.lastIndexOf('`', i)
  return open >= 0 && proseCodeSpan(text, open) > i
}
