/**
 * The columns a request may name, derived from the normalized records so the list
 * follows the schema. Only scalar columns can be filtered on or grouped by: maps
 * (labels, headers, attributes) and lists (ip flags) are shown, not compared.
 * @module
 */
import { emptyAppEvent, emptyHttpEvent } from '@vigil/core'

export const EVENT_TABLES = { http: 'http_events', app: 'app_events' } as const
export type EventTableKey = keyof typeof EVENT_TABLES

const NOT_SCALAR: ReadonlySet<string> = new Set([
  'http_request_headers',
  'labels',
  'attributes',
  'source_ip_flags',
])

function scalarColumns(record: object): readonly string[] {
  // ts is bounded by the time range, not by value filters.
  return Object.freeze(Object.keys(record).filter((k) => !NOT_SCALAR.has(k) && k !== 'ts'))
}

export const SCALAR_COLUMNS: Readonly<Record<EventTableKey, readonly string[]>> = Object.freeze({
  http: scalarColumns(emptyHttpEvent('', '', 0, '')),
  app: scalarColumns(emptyAppEvent('', 0, '')),
})

export function isScalarColumn(table: EventTableKey, column: string): boolean {
  return SCALAR_COLUMNS[table].includes(column)
}
