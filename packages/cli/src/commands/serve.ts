/**
 * `vigil serve [--db P] [--port N] [--host H] [--no-auth]`: the web console and its API.
 * The first line printed holds the URL to open (with a one-time login token when
 * authentication is on), so scripts can read it.
 * @module
 */
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { parseNumberOption } from './simulate.ts'

interface ServeFlags {
  db?: string
  port: string
  host: string
  auth: boolean
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('API and web console (on 127.0.0.1 unless --host says otherwise)')
    .option('--db <path>', 'store file (default: VIGIL_DB or ./.vigil/vigil.duckdb)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--no-auth', 'no login: anyone who can reach the port is admin')
    .action(async (flags: ServeFlags) => {
      const { resolveDbPath } = await import('@vigil/runtime')
      const { DuckDbStore } = await import('@vigil/storage-duckdb')
      const { ensureWebBuilt, startConsole } = await import('@vigil/server')
      const port = parseNumberOption('--port', flags.port, true)
      if (port < 0 || port > 65_535) throw new VigilError('VIGIL_ERR_CLI_USAGE', '--port must be 0–65535.', { exitCode: 2 })
      const storePath = resolveDbPath(flags.db)
      const webDist = await ensureWebBuilt()
      // The console only reads; read-only also lets `vigil query` open the store meanwhile.
      // A store that does not exist yet is created (and migrated) first, to show an empty console.
      if (storePath !== ':memory:' && !existsSync(storePath)) await (await DuckDbStore.open(storePath)).close()
      const store = await DuckDbStore.open(storePath, { readOnly: storePath !== ':memory:' })
      const started = await startConsole({ store, storePath, host: flags.host, port, auth: flags.auth, webDist })
      process.stdout.write(`Vigil console: ${started.url}\n`)
      if (flags.auth) {
        process.stdout.write('The link logs in once; for more people or scripts: vigil token create --role viewer|analyst|admin\n')
      } else {
        process.stderr.write('vigil: authentication is off (--no-auth); anyone who can reach the port is admin\n')
      }
      await new Promise<void>((resolveStop) => {
        const stop = (): void => resolveStop()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await started.close()
      await store.close()
    })
}
