/**
 * The explicit command registry: one line per command, no file-system discovery.
 * @module
 */
import type { Command } from 'commander'

export type RegisterCommand = (program: Command) => void

export const COMMANDS: readonly RegisterCommand[] = Object.freeze([])
