/**
 * `vigil config [--config F] [--json]`: the settings every command would run with — the
 * config file merged over the defaults, validated — so a user can see each key, its
 * default and what their file changed, and check a file before deploying it.
 * @module
 */
import type { Command } from 'commander'
import { printJson } from '../output/json.ts'

interface ConfigFlags {
  config?: string
  json?: boolean
}

export function register(program: Command): void {
  program
    .command('config')
    .description('print the effective settings (vigil.config.yaml over the defaults), validated')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .option('--json', 'print JSON instead of YAML')
    .addHelpText(
      'after',
      `
Every key is printed with its value; keys your file does not set show their defaults.
An invalid file exits with code 2 and names the key and the line (docs/config.md).

Examples:
  vigil config > vigil.config.yaml     # start a config file from the defaults
  vigil config --config staging.yaml   # check a file`,
    )
    .action(async (flags: ConfigFlags) => {
      const { loadConfig } = await import('@vigil/runtime')
      const { config, path } = loadConfig(flags.config)
      if (flags.json === true) {
        printJson(config)
        return
      }
      const { stringify } = await import('yaml')
      process.stdout.write(`# ${path === null ? 'defaults (no vigil.config.yaml here)' : `from ${path}, over the defaults`}\n`)
      process.stdout.write(stringify(config))
    })
}
