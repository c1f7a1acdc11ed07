/**
 * The explicit command registry: one line per command, no file-system discovery.
 * @module
 */
import type { Command } from 'commander'
import { register as config } from './config.ts'
import { register as demo } from './demo.ts'
import { register as detect } from './detect.ts'
import { register as detections } from './detections.ts'
import { register as entity } from './entity.ts'
import { register as evaluate } from './eval.ts'
import { register as guard } from './guard.ts'
import { register as ingest } from './ingest.ts'
import { register as query } from './query.ts'
import { register as serve } from './serve.ts'
import { register as simulate } from './simulate.ts'
import { register as stats } from './stats.ts'
import { register as token } from './token.ts'
import { register as waf } from './waf.ts'

export type RegisterCommand = (program: Command) => void

export const COMMANDS: readonly RegisterCommand[] = Object.freeze([
  ingest,
  query,
  stats,
  detect,
  detections,
  entity,
  waf,
  guard,
  simulate,
  evaluate,
  demo,
  serve,
  token,
  config,
])
