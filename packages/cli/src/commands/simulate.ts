/**
 * `vigil simulate --out DIR [--seed N] [--hours H] [--scale S] [--scenario a,b] [--stealth]
 * [--config FILE]`: labelled shop traffic (docs/simulator.md).
 * @module
 */
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { EXIT } from '../exit-codes.ts'

/** A numeric option, or a usage error that names the flag. */
export function parseNumberOption(flag: string, value: string, integer = false): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `${flag} expects ${integer ? 'an integer' : 'a number'}, got "${value}"`, {
      exitCode: EXIT.USAGE,
    })
  }
  return n
}

export function parseStartOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const t = Date.parse(value)
  if (Number.isNaN(t)) {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `--start expects an ISO 8601 time, got "${value}"`, { exitCode: EXIT.USAGE })
  }
  return t
}

interface SimulateFlags {
  out?: string
  seed: string
  hours: string
  scale: string
  scenario?: string
  stealth?: boolean
  config?: string
  start?: string
  json?: boolean
  list?: boolean
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('write labelled shop traffic: access.log, events.ndjson and labels.json')
    .option('--out <dir>', 'output directory')
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', '1')
    .option('--hours <h>', 'simulated hours', '6')
    .option('--scale <s>', 'multiplies the shop traffic (visits, crawls)', '1')
    .option('--scenario <ids>', 'comma-separated attack scenarios to run (default: all enabled)')
    .option('--stealth', "use each attack's stealth knobs: slower, wider, quieter")
    .option('--config <file>', 'YAML file merged over the default scenario knobs')
    .option('--start <iso>', 'simulated start time (default: derived from the seed)')
    .option('--json', 'print the summary as JSON')
    .option('--list', 'list the populations and scenarios, then exit')
    .action(async (flags: SimulateFlags) => {
      const { loadSimConfig, writeSimulation } = await import('@vigil/runtime')
      const config = await loadSimConfig(flags.config)
      if (flags.list === true) {
        for (const [id, p] of Object.entries(config.populations)) {
          process.stdout.write(`${id.padEnd(20)} ${p.kind.padEnd(8)} ${(p.class ?? '').padEnd(12)} ${p.description}\n`)
        }
        return
      }
      if (flags.out === undefined) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', 'simulate needs --out DIR', { exitCode: EXIT.USAGE })
      }
      const scenarios = flags.scenario?.split(',').map((s) => s.trim()).filter((s) => s !== '')
      const started = performance.now()
      const summary = await writeSimulation(
        flags.out,
        config,
        {
          seed: parseNumberOption('--seed', flags.seed, true),
          hours: parseNumberOption('--hours', flags.hours),
          scale: parseNumberOption('--scale', flags.scale),
          stealth: flags.stealth === true,
          ...(scenarios === undefined ? {} : { scenarios }),
          ...(flags.start === undefined ? {} : { start: parseStartOption(flags.start) as number }),
        },
        (p) => {
          if (flags.json !== true) process.stderr.write(`  ${p.requests.toLocaleString('en-US')} requests…\n`)
        },
      )
      const seconds = Math.round((performance.now() - started) / 100) / 10
      if (flags.json === true) {
        process.stdout.write(
          `${JSON.stringify({ dir: summary.dir, files: summary.files, requests: summary.requests, events: summary.events, populations: summary.populations, seconds })}\n`,
        )
        return
      }
      process.stdout.write(
        `Wrote ${summary.requests.toLocaleString('en-US')} requests and ${summary.events.toLocaleString('en-US')} events ` +
          `from ${summary.populations} populations in ${seconds}s:\n  ${summary.files.accessLog}\n  ${summary.files.events}\n  ${summary.files.labels}\n`,
      )
    })
}
