/**
 * Entry point of the `vigil` command. Commands register themselves from
 * commands/index.ts; heavy modules are imported lazily inside each action so that
 * `vigil --help` starts fast.
 * @module
 */
import { Command, CommanderError } from 'commander'
import { isVigilError } from '@vigil/core/errors'
import { COMMANDS } from './commands/index.ts'
import { EXIT } from './exit-codes.ts'
import { printError } from './output/errors.ts'

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Security analytics and protection for online shops')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  program.addHelpText(
    'after',
    `\nExit codes: ${Object.entries(EXIT)
      .map(([k, v]) => `${v} ${k.toLowerCase().replaceAll('_', ' ')}`)
      .join(', ')}`,
  )
  for (const register of COMMANDS) register(program)
  return program
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version surface as "errors" with exit code 0.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE
    }
    printError(e)
    return isVigilError(e) ? e.exitCode : EXIT.ERROR
  }
}
