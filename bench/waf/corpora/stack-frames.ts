/**
 * Browser stack traces (Sentry's parser fixtures, bench/waf/corpora/apps/sentry-*-stacks.ndjson) as error reporters
 * send them: the frames Sentry's browser SDK builds from a stack string. Shared by the generators that report errors
 * (benign-apps' envelopes and beacons, benign-admin's single-event posts).
 * @module
 */

/** A browser error of the fixtures: its name, message and the stack string the browser wrote. */
export interface Stack {
  fixture: string
  name: string
  message: string
  stack: string
}

/** A stack line as Chrome (`at fn (url:line:col)`) or Firefox (`fn@url:line:col`) writes it: function, file, line, column. */
const frameLine = (l: string): [string | undefined, string, string, string | undefined] | null => {
  const m = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/.exec(l) ?? /^\s*(.*?)@(.+?):(\d+)(?::(\d+))?\s*$/.exec(l)
  return m === null ? null : [m[1] || undefined, m[2]!, m[3]!, m[4]]
}

/** Frames as Sentry's browser SDK reports them: oldest first, `?` for an anonymous function. */
export const frames = (stack: string): Array<Record<string, unknown>> =>
  stack
    .split('\n')
    .map(frameLine)
    .filter((m) => m !== null)
    .map(([fn, filename, line, col]) => ({ filename, function: fn ?? '?', lineno: Number(line), ...(col === undefined ? {} : { colno: Number(col) }), in_app: true }))
    .reverse()
