/**
 * What the bot detectors of one run share, built once by the registry and handed to each: the
 * event's user-agent finding (computed by the first detector that asks, read by the others) and
 * the per-client records their visit tables live in (one key look-up per client per event). A
 * detector made on its own (a test, a tool) gets a context of its own. Like the facts the engine
 * hands over, the context is the run's, never kept past it.
 * @module
 */
import type { DetectConfig } from '../config.ts'
import { ClientRecords } from '../state/client-records.ts'
import { createEventUa, type EventUa } from './user-agent.ts'

export interface BotContext {
  /** The user-agent finding of the event in hand (`createEventUa`). */
  readonly ua: EventUa
  /** The records per client key that per-client tables are made in (`ClientRecords.table`). */
  readonly records: ClientRecords
}

export function createBotContext(config: DetectConfig): BotContext {
  return { ua: createEventUa(config), records: new ClientRecords() }
}
