/**
 * `vigil guard --upstream URL --port P`: the WAF as a reverse proxy on 127.0.0.1 in front
 * of an app. Monitor mode unless `--mode block` or `waf.mode: block` in the config.
 * @module
 */
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { EXIT } from '../exit-codes.ts'

interface GuardFlags {
  upstream: string
  port: string
  mode?: string
  level?: string
  events?: string
  config?: string
}

export function register(program: Command): void {
  program
    .command('guard')
    .description('run the WAF as a reverse proxy on 127.0.0.1 in front of an upstream app')
    .requiredOption('--upstream <url>', 'where allowed requests go, e.g. http://127.0.0.1:3000')
    .requiredOption('--port <n>', 'port to listen on (127.0.0.1 only)')
    .option('--mode <mode>', 'monitor (default) or block')
    .option('--level <n>', 'WAF level 1–4')
    .option('--events <file>', 'append guard events as NDJSON to this file')
    .option('--config <file>', 'config file (default: ./vigil.config.yaml when present)')
    .action(async (flags: GuardFlags) => {
      const { loadConfig } = await import('@vigil/runtime')
      const { createGuard, createGuardProxy, NdjsonFileSink } = await import('@vigil/guard')
      const port = Number(flags.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', `--port must be 0–65535, not "${flags.port}".`, { exitCode: EXIT.USAGE })
      }
      try {
        new URL(flags.upstream)
      } catch (cause) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', `--upstream must be a URL such as http://127.0.0.1:3000, not "${flags.upstream}".`, { cause, exitCode: EXIT.USAGE })
      }
      const { config } = loadConfig(flags.config)
      const waf = { ...config.waf } as Record<string, unknown>
      if (flags.mode !== undefined) waf.mode = flags.mode
      if (flags.level !== undefined) waf.level = Number(flags.level)
      const eventsFile = flags.events ?? config.waf.eventsFile
      const sink = eventsFile === undefined ? undefined : new NdjsonFileSink(eventsFile)
      let guard
      try {
        guard = createGuard({ config: waf, sink })
      } catch (e) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', `Bad --mode or --level: ${(e as Error).message.split('\n')[0]}`, { cause: e, exitCode: EXIT.USAGE })
      }
      const server = createGuardProxy({ guard, upstream: flags.upstream })
      server.listen(port, '127.0.0.1')
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve)
        server.once('error', reject)
      })
      const address = server.address()
      const bound = typeof address === 'object' && address !== null ? address.port : port
      process.stderr.write(`vigil guard: http://127.0.0.1:${bound} → ${flags.upstream} (${guard.config.mode} mode, level ${guard.config.level})\n`)
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          server.close(() => resolve())
        }
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await sink?.close()
    })
}
