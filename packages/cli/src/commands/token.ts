/**
 * `vigil token create --role viewer|analyst|admin [--name N] [--db P]` and `vigil token list`:
 * API tokens for the console, stored hashed beside the store. A new token is printed
 * once; it cannot be shown again.
 * @module
 */
import type { Command } from 'commander'
import { VigilError } from '@vigil/core/errors'
import { printTable } from '../output/table.ts'

interface CreateFlags {
  role: string
  name?: string
  db?: string
}

export function register(program: Command): void {
  const token = program.command('token').description('API tokens for the web console')
  token
    .command('create')
    .description('create a token (printed once) with a role: viewer, analyst or admin')
    .requiredOption('--role <role>', 'viewer | analyst | admin')
    .option('--name <name>', 'who or what the token is for')
    .option('--db <path>', 'store file the token belongs to (default: VIGIL_DB or ./.vigil/vigil.duckdb)')
    .action(async (flags: CreateFlags) => {
      const { resolveDbPath } = await import('@vigil/runtime')
      const { ROLES, TokenRegistry, isRole, tokenFilePath } = await import('@vigil/server')
      if (!isRole(flags.role)) {
        throw new VigilError('VIGIL_ERR_CLI_USAGE', `--role must be one of ${ROLES.join(', ')}.`, { exitCode: 2 })
      }
      const name = flags.name ?? `${flags.role} token`
      if (name.length > 200) throw new VigilError('VIGIL_ERR_CLI_USAGE', '--name is limited to 200 characters.', { exitCode: 2 })
      const path = tokenFilePath(resolveDbPath(flags.db))
      if (path === null) throw new VigilError('VIGIL_ERR_CLI_USAGE', 'Tokens need a store file, not :memory:.', { exitCode: 2 })
      const { token: secret, record } = TokenRegistry.load(path).create(flags.role, name)
      process.stdout.write(`${secret}\n`)
      process.stderr.write(`vigil: token ${record.id} (${record.role}) saved hashed in ${path}; it is not shown again\n`)
    })
  token
    .command('list')
    .description('list tokens (names and roles; the tokens themselves are not stored)')
    .option('--db <path>', 'store file (default: VIGIL_DB or ./.vigil/vigil.duckdb)')
    .action(async (flags: { db?: string }) => {
      const { resolveDbPath } = await import('@vigil/runtime')
      const { TokenRegistry, tokenFilePath } = await import('@vigil/server')
      const records = TokenRegistry.load(tokenFilePath(resolveDbPath(flags.db))).list()
      printTable(['id', 'role', 'name', 'created'], records.map((r) => [r.id, r.role, r.name, r.created_at]))
    })
}
