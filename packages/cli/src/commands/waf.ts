/**
 * `vigil waf check [--level N]`: NDJSON requests on stdin, one NDJSON verdict per line on
 * stdout (DESIGN.md §3). `vigil waf scan [--db P] [PATH…]`: the engine over stored
 * http_events or given access logs, detections stored per IP and category.
 * @module
 */
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { EXIT } from '../exit-codes.ts'
import { printJson } from '../output/json.ts'

interface CheckFlags {
  level?: string
  config?: string
}

interface ScanFlags {
  db?: string
  level?: string
  config?: string
  json?: boolean
}

function parseLevel(raw: string | undefined): 1 | 2 | 3 | 4 | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (n === 1 || n === 2 || n === 3 || n === 4) return n
  throw new VigilError('VIGIL_ERR_CLI_USAGE', `--level must be 1, 2, 3 or 4, not "${raw}".`, { exitCode: EXIT.USAGE })
}

async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(`${text}\n`)) await once(process.stdout, 'drain')
}

export function register(program: Command): void {
  const waf = program.command('waf').description('the WAF engine: check requests, scan stored traffic')

  waf
    .command('check')
    .description('NDJSON requests on stdin → one NDJSON verdict per line on stdout')
    .option('--level <n>', '1 (fewest false positives) … 4 (most detections); default: config or 2')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .addHelpText('after', '\nIn:  {"method":"GET","uri":"/p?id=1","headers":{…},"body":"…","body_encoding":"base64"?}\nOut: {"action":"block"|"allow","score":N,"matches":[{"rule","category","target","excerpt","explanation"}]}\nA bad line gets {"error":"…"} on its line; the stream goes on.')
    .action(async (flags: CheckFlags) => {
      const { createWafEngine, parseWafRequestLine, verdictToJson } = await import('@vigil/core/waf')
      const { loadConfig } = await import('@vigil/runtime')
      const { config } = loadConfig(flags.config)
      const engine = createWafEngine({ level: parseLevel(flags.level) ?? config.waf.level, threshold: config.waf.threshold, limits: config.waf.limits })
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
      for await (const line of lines) {
        const parsed = parseWafRequestLine(line)
        if (!parsed.ok) {
          await writeLine(JSON.stringify({ error: parsed.error }))
          continue
        }
        let out: string
        try {
          out = JSON.stringify(verdictToJson(engine.inspect(parsed.request)))
        } catch (e) {
          // The contract is one line out per line in: an engine fault is reported on its line.
          out = JSON.stringify({ error: `engine error: ${(e as Error).message}` })
        }
        await writeLine(out)
      }
    })

  waf
    .command('scan')
    .description('run the WAF over stored http_events (or given access logs) and store detections')
    .argument('[paths...]', 'access logs to ingest first (any format `vigil ingest` reads)')
    .option('--db <path>', 'store file (default: $VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--level <n>', 'WAF level 1–4 (default: config or 2)')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], flags: ScanFlags) => {
      const { loadConfig, openStore, ingestPaths, scanHttpInOrder, UNREAD_HTTP_FIELDS } = await import('@vigil/runtime')
      const { createWafEngine, WafScan, WAF_SCAN_DETECTORS } = await import('@vigil/core/waf')
      const { config } = loadConfig(flags.config)
      const level = parseLevel(flags.level) ?? config.waf.level
      const started = performance.now()
      const store = await openStore(flags.db)
      try {
        if (paths.length > 0) await ingestPaths(store, paths, { sessionCookies: config.ingest.sessionCookies })
        const scan = new WafScan(createWafEngine({ level, threshold: config.waf.threshold, limits: config.waf.limits }))
        // The WAF reads none of the fields the detectors leave unread (the raw line, sizes, UA parts).
        for await (const batch of scanHttpInOrder(store, UNREAD_HTTP_FIELDS)) for (const event of batch) scan.add(event)
        const detections = scan.detections()
        // A full re-run replaces the previous scan's detections, so counts never double.
        await store.clearDetections([...WAF_SCAN_DETECTORS])
        await store.upsertDetections(detections)
        const summary = { requests: scan.requests, flagged: scan.flagged, detections: detections.length, seconds: (performance.now() - started) / 1000 }
        if (flags.json === true) printJson(summary)
        else process.stdout.write(`${summary.flagged} of ${summary.requests} requests flagged; ${summary.detections} detections stored (list them with \`vigil detections --threat <category>\`)\n`)
      } finally {
        await store.close()
      }
    })
}
