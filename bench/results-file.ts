/**
 * Each benchmark owns one section of bench/RESULTS.md, between markers, and rewrites
 * only that section, so scripts can run in any order without clobbering each other.
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

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

/**
 * The commit a checkout holds, for naming a baseline in a section. A copy made with
 * `git archive` has no `.git`, so a `.baseline-commit` file written beside it names the commit.
 */
export function checkoutCommit(dir: string): string {
  const marker = join(dir, '.baseline-commit')
  if (existsSync(marker)) return readFileSync(marker, 'utf8').trim().slice(0, 7)
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  } catch (e) {
    throw new Error(`${dir} is neither a git checkout nor a copy with a .baseline-commit file naming its commit: ${(e as Error).message}`)
  }
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
