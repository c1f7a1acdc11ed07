/**
 * A directory climb in an encoding no decoder here reads, recognised by its shape instead: one
 * climbing step repeated, then a system file whose separators are the step's own. Traversal fuzzers
 * (DotDotPwn, 30 dot and 30 slash spellings at every depth) send it by the thousand, in the spellings
 * that old or lenient servers decoded: IIS's `%c0%9v` and `%bg%qf` (a letter past `f` read as a hex
 * digit), the best-fit slashes `%u2215` and `%u2216`, nested `%%35%%63`, `%c0%6e`, `..%01`, `.?`. What
 * the server makes of the step does not matter: a value that is a step repeated two or more times and
 * then `etc<step's separator>passwd` or `boot.ini` was written to climb to that file.
 * @module
 */
import type { Detector, Finding } from './finding.ts'
import { excerptAt } from './finding.ts'
import { decodeValue } from '../normalize/decode.ts'

/** A directory a fuzzer appends after the climb, and the files it names in it. */
const SYSTEM_DIRS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['etc', ['passwd', 'shadow', 'group', 'hosts', 'issue', 'motd']],
  ['windows', ['win.ini', 'system.ini', 'system32']],
  ['winnt', ['win.ini', 'system.ini', 'system32']],
  ['proc', ['self']],
  ['web-inf', ['web.xml']],
]
/** Files named right after the climb, with no directory. */
const ROOT_FILES = ['boot.ini', 'win.ini']
/** Longest step and longest separator read: DotDotPwn's longest step is 36 characters, its longest separator 16. */
const MAX_STEP = 64
const MAX_SEPARATOR = 24
/** Occurrences of an anchor word looked at in one value. */
const MAX_ANCHORS = 8
/** Slashes looked back over for where a single step starts (a path's segments before it: `/products/..%c1%1c`). */
const MAX_STARTS = 4

/** Separator spellings a step of only these is made of (`///`, `%2f%2f`): it names the root, it climbs nothing. */
const SEPARATORS = ['%252f', '%255c', '%2f', '%5c', '/', '\\']

/**
 * A step that can climb: besides its separators it holds a dot, a `%`, or a character beyond ASCII
 * or below blank (the characters the engine sends a value here for, so its short path and its full
 * one agree). The step is lower case.
 */
function climbs(step: string): boolean {
  let rest = step
  for (const separator of SEPARATORS) rest = rest.replaceAll(separator, '')
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i)
    if (c === 46 || c === 37 || c > 127 || (c < 32 && c !== 10 && c !== 13)) return true
  }
  return false
}

/**
 * The shortest step of at least `min` characters that stands twice in a row right before `at` and
 * can climb, or null: bounded to MAX_STEP lengths, each compared once.
 */
export function repeatedStepBefore(lower: string, at: number, min = 2): string | null {
  for (let p = Math.max(2, min); p <= MAX_STEP && 2 * p <= at; p++) {
    const step = lower.slice(at - p, at)
    if (lower.startsWith(step, at - 2 * p) && climbs(step)) return step
  }
  return null
}

/**
 * One step right before `at` that decodes to `..` and more (`%c0%ae%c0%ae0x2f`, `..%c1%1c`), starting
 * where the value or one of its last path segments starts; it must end with `separator` when one is
 * given. The step, or null.
 */
function singleStepBefore(lower: string, at: number, separator: string): string | null {
  const starts = at <= MAX_STEP ? [0] : []
  for (let i = at - 1; i > 0 && at - i <= MAX_STEP && starts.length <= MAX_STARTS; i--) if (lower.charCodeAt(i - 1) === 47 /* / */) starts.push(i)
  for (const start of starts) {
    const step = lower.slice(start, at)
    if (!step.endsWith(separator)) continue
    const decoded = decodeValue(step)
    if (decoded.length > 2 && decoded.startsWith('..')) return step
  }
  return null
}

/** The climb and file found after `dir` at `at`: the step and the file's end, or null. */
function climbToFile(lower: string, at: number, dir: string, files: readonly string[]): { step: string; end: number } | null {
  const rest = at + dir.length
  // Only the window a separator can span is searched: the rest of a long value is not read again per file.
  const window = lower.slice(rest, rest + MAX_SEPARATOR + 12)
  for (const file of files) {
    const w = window.indexOf(file, 1)
    if (w < 0 || w > MAX_SEPARATOR) continue
    const j = rest + w
    const separator = lower.slice(rest, j)
    if (!lower.startsWith(separator, at - separator.length)) continue
    const step = repeatedStepBefore(lower, at, separator.length) ?? singleStepBefore(lower, at, separator)
    if (step !== null) return { step, end: j + file.length }
  }
  return null
}

/**
 * The finding for a climb in `value` (`lower` its lower case) to a system file, or null. Read on the
 * value decoded and on the value as sent: a second round of decoding glues a leftover `%` to the
 * letters after it (`%5%cetc` turns into `%5Îtc`), where the step as sent still repeats whole.
 */
export function repeatedClimb(value: string, lower: string): Finding | null {
  for (const [dir, files] of SYSTEM_DIRS) {
    let at = lower.indexOf(dir)
    for (let seen = 0; at > 0 && seen < MAX_ANCHORS; seen++, at = lower.indexOf(dir, at + 1)) {
      const climb = climbToFile(lower, at, dir, files)
      if (climb !== null) return finding(value, climb.end, climb.step)
    }
  }
  for (const file of ROOT_FILES) {
    const at = lower.indexOf(file)
    const step = at > 0 ? (repeatedStepBefore(lower, at) ?? singleStepBefore(lower, at, '')) : null
    if (step !== null) return finding(value, at + file.length, step)
  }
  return null
}

export const detectEncodedTraversal: Detector = (input, out) => {
  const found = repeatedClimb(input.value, input.lower)
  if (found !== null) out.push(found)
}

function finding(value: string, end: number, step: string): Finding {
  return {
    rule: 'waf.path-traversal.repeated-climb',
    category: 'path_traversal',
    level: 1,
    score: 5,
    excerpt: excerptAt(value, Math.max(0, end - 120), end),
    explanation: `The value climbs with ${JSON.stringify(step.slice(0, 40))}, a step written in an encoding some servers decode as "../", and then names a system file with the step's own separator.`,
  }
}
