/**
 * Runs the `vigil` command line of this checkout, or of another one (a baseline), the way the
 * detection benchmarks measure it: through the real CLI and store.
 * @module
 */
import { execFileSync } from 'node:child_process'

export const CLI = new URL('../../packages/cli/bin/vigil.js', import.meta.url).pathname

export function vigil(args: string[], cli = CLI): string {
  return execFileSync('node', [cli, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
}

export const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`)
