import { describe, expect, it } from 'vitest'
import type { Command } from 'commander'
import { buildProgram, main } from './main.ts'
import { EXIT } from './exit-codes.ts'

/** Every command and subcommand, as the words a user types. */
function commandPaths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => {
    const path = [...prefix, c.name()]
    return [path, ...commandPaths(c, path)]
  })
}

function helpOf(words: string[]): string {
  const program = buildProgram()
  let out = ''
  const capture = (c: Command): void => {
    c.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) })
    c.exitOverride()
    for (const sub of c.commands) capture(sub)
  }
  capture(program)
  expect(() => program.parse([...words, '--help'], { from: 'user' })).toThrow(expect.objectContaining({ exitCode: 0 }))
  return out
}

describe('vigil command line', () => {
  const paths = commandPaths(buildProgram())

  it('has the commands the design names', () => {
    const top = paths.filter((p) => p.length === 1).map((p) => p[0])
    for (const name of ['ingest', 'query', 'stats', 'detect', 'detections', 'entity', 'waf', 'simulate', 'eval', 'demo', 'serve']) {
      expect(top).toContain(name)
    }
    expect(paths.map((p) => p.join(' '))).toEqual(expect.arrayContaining(['waf check', 'waf scan']))
  })

  it.each(paths.map((p) => [p.join(' ')]))('prints usage and a description for `vigil %s --help`', (words) => {
    const out = helpOf(words.split(' '))
    expect(out).toContain(`Usage: vigil ${words}`)
    expect(out.split('\n')[2]?.trim().length).toBeGreaterThan(10)
  })

  it('answers an unknown command with the usage exit code', async () => {
    const stderr = process.stderr.write
    process.stderr.write = () => true
    try {
      expect(await main(['no-such-command'])).toBe(EXIT.USAGE)
    } finally {
      process.stderr.write = stderr
    }
  })
})
