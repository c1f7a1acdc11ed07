/**
 * Each benchmark owns one section of bench/RESULTS.md, between markers, and rewrites
 * only that section, so scripts can run in any order without clobbering each other.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

const RESULTS = new URL('./RESULTS.md', import.meta.url)
const HEADER = '# Benchmark results\n\nEach section is written by the script it names; re-run it to refresh.\n'

/** One line naming the machine, the date and the Node version, for each section. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const gib = (totalmem() / 2 ** 30).toFixed(0)
  let kernel = ''
  try {
    kernel = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()
  } catch (e) {
    kernel = `uname failed: ${(e as Error).message}`
  }
  return `Machine: ${cpus().length} × ${cpu}, ${gib} GiB, ${kernel}, Node ${process.version}. Date: ${new Date().toISOString()}.`
}

export function writeResultsSection(name: string, body: string): void {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : HEADER
  const section = `${start}\n${body.trim()}\n${end}`
  const i = current.indexOf(start)
  const j = current.indexOf(end)
  const next =
    i >= 0 && j > i
      ? current.slice(0, i) + section + current.slice(j + end.length)
      : `${current.trimEnd()}\n\n${section}\n`
  writeFileSync(RESULTS, next)
}
