/**
 * `vigil detect [--db P] [--config F] [--no-waf] [--json]`: re-run every detector, the WAF
 * included, over the store.
 * Idempotent: the detectors' previous detections are replaced by the same ids.
 * @module
 */
import type { Command } from 'commander'
import { printJson } from '../output/json.ts'

interface DetectFlags {
  db?: string
  config?: string
  json?: boolean
  waf: boolean
}

export function register(program: Command): void {
  program
    .command('detect')
    .description('re-run all detectors over the store (idempotent)')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .option('--no-waf', 'leave out the WAF (it inspects every request, the costliest detector)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nThresholds and weights: the `detect:` section of vigil.config.yaml (docs/detection.md); the WAF uses the `waf:` section.',
    )
    .action(async (flags: DetectFlags) => {
      const { loadConfig, openStore, runDetectors } = await import('@vigil/runtime')
      const { config } = loadConfig(flags.config)
      const store = await openStore(flags.db)
      try {
        const summary = await runDetectors(store, config.detect, flags.waf ? { waf: config.waf } : {})
        if (flags.json === true) printJson(summary)
        else {
          process.stdout.write(
            `${summary.detections} detections from ${summary.events} events in ${summary.seconds.toFixed(1)} s; list them with \`vigil detections\`\n`,
          )
        }
      } finally {
        await store.close()
      }
    })
}
