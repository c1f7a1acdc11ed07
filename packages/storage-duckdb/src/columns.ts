/**
 * How each event field becomes a DuckDB value, per table. Every value written through
 * @duckdb/node-api crosses into native code one at a time (~150 ns or more each, ~30 per
 * event), so a batch is not written value by value: each event becomes one JSON array of
 * the columns the batch fills (V8's JSON.stringify is native), a slice of them goes to
 * DuckDB as one parameter (UTF-8 bytes), and one INSERT … SELECT splits, parses
 * (`from_json`) and casts them inside DuckDB, on its own threads.
 * @module
 */
import { DuckDBTimestampTZValue } from '@duckdb/node-api'
import type { AppEvent, HttpEvent } from '@vigil/core'

export type Kind = 'text' | 'int' | 'bigint' | 'double' | 'bool' | 'ts' | 'json' | 'list'

export interface ColumnWriter {
  name: string
  kind: Kind
  /** SQL turning `text` (the field's JSON element read as VARCHAR: numbers and objects as their JSON text) into the column. */
  fromText(text: string): string
}

function fromText(kind: Kind): (v: string) => string {
  switch (kind) {
    // Epoch milliseconds, as the event model holds them.
    case 'ts':
      return (v) => `make_timestamp(CAST(round(${v}::DOUBLE * 1000) AS BIGINT))::TIMESTAMPTZ`
    // A value out of range or of the wrong type becomes NULL rather than failing the batch.
    case 'int':
      return (v) => `TRY_CAST(trunc(TRY_CAST(${v} AS DOUBLE)) AS INTEGER)`
    case 'bigint':
      return (v) => `TRY_CAST(round(TRY_CAST(${v} AS DOUBLE)) AS BIGINT)`
    case 'double':
      return (v) => `TRY_CAST(${v} AS DOUBLE)`
    case 'bool':
      return (v) => `TRY_CAST(${v} AS BOOLEAN)`
    case 'json':
      return (v) => `${v}::JSON`
    case 'list':
      return (v) => `${v}::JSON::VARCHAR[]`
    case 'text':
      return (v) => v
  }
}

export function timestampValue(ms: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(Math.round(ms * 1000)))
}

function writers(spec: Record<string, Kind>): ColumnWriter[] {
  return Object.entries(spec).map(([name, kind]) => ({ name, kind, fromText: fromText(kind) }))
}

/** `String.prototype.toWellFormed` (Node 20+), not yet in the TypeScript lib this repo targets. */
type WellFormable = string & { toWellFormed(): string }

function wellFormed(_key: string, v: unknown): unknown {
  return typeof v === 'string' ? (v as WellFormable).toWellFormed() : v
}

/**
 * The values of `names` in `event` (null when missing) as one JSON array. JSON.stringify
 * writes a lone UTF-16 surrogate (possible after a parser decodes `\ud800`) as an escape
 * DuckDB rejects, which would fail the whole batch; such a row is written again with
 * U+FFFD in its place, as the binding does for strings. Only escapes starting `\ud` can be one.
 */
export function rowJson(event: object, names: readonly string[]): string {
  const e = event as Record<string, unknown>
  const row = new Array<unknown>(names.length)
  for (let i = 0; i < names.length; i++) row[i] = e[names[i]!] ?? null
  const text = JSON.stringify(row)
  return text.includes('\\ud') ? JSON.stringify(row, wellFormed) : text
}

/** Keys are exactly the HttpEvent fields; a test checks them against the table. */
export const HTTP_SPEC: Readonly<Record<keyof HttpEvent, Kind>> = Object.freeze({
  event_id: 'text',
  ts: 'ts',
  source_ip: 'text',
  source_port: 'int',
  source_peer_ip: 'text',
  http_request_method: 'text',
  url_original: 'text',
  url_domain: 'text',
  url_path: 'text',
  url_query: 'text',
  url_extension: 'text',
  url_is_static: 'bool',
  http_version: 'text',
  http_response_status_code: 'int',
  http_response_bytes: 'bigint',
  http_request_bytes: 'bigint',
  http_request_referrer: 'text',
  user_agent_original: 'text',
  event_duration: 'double',
  upstream_duration: 'double',
  session_id: 'text',
  device_id: 'text',
  tls_client_ja4: 'text',
  tls_client_ja3: 'text',
  user_name: 'text',
  http_x_forwarded_for: 'text',
  http_request_content_type: 'text',
  http_request_body: 'text',
  http_response_body: 'text',
  http_request_headers: 'json',
  labels: 'json',
  source_as_number: 'bigint',
  source_as_organization_name: 'text',
  source_geo_country_iso_code: 'text',
  source_ip_flags: 'list',
  user_agent_name: 'text',
  user_agent_version: 'text',
  user_agent_os_name: 'text',
  user_agent_device_type: 'text',
  user_agent_bot_name: 'text',
  user_agent_bot_kind: 'text',
  log_format: 'text',
  log_file: 'text',
  log_line: 'bigint',
  message: 'text',
})

export const APP_SPEC: Readonly<Record<keyof AppEvent, Kind>> = Object.freeze({
  event_id: 'text',
  ts: 'ts',
  event_action: 'text',
  event_outcome: 'text',
  event_reason: 'text',
  user_id: 'text',
  user_name: 'text',
  user_email: 'text',
  user_phone_hash: 'text',
  source_ip: 'text',
  user_agent_original: 'text',
  device_id: 'text',
  session_id: 'text',
  auth_method: 'text',
  card_fingerprint: 'text',
  card_bin: 'text',
  card_last4: 'text',
  order_id: 'text',
  order_amount: 'double',
  order_currency: 'text',
  address_hash: 'text',
  address_country: 'text',
  coupon_code: 'text',
  giftcard_id: 'text',
  phone_country: 'text',
  product_id: 'text',
  attributes: 'json',
  source_as_number: 'bigint',
  source_as_organization_name: 'text',
  source_geo_country_iso_code: 'text',
  source_ip_flags: 'list',
  log_format: 'text',
  log_file: 'text',
  log_line: 'bigint',
  message: 'text',
})

export const HTTP_WRITERS: readonly ColumnWriter[] = writers(HTTP_SPEC)
export const APP_WRITERS: readonly ColumnWriter[] = writers(APP_SPEC)

/** How to read each kind back as the JS value the event model holds. */
export function selectExpression(name: string, kind: Kind): string {
  switch (kind) {
    case 'ts':
      return `epoch_ms(${name})::DOUBLE AS ${name}`
    case 'bigint':
      return `${name}::DOUBLE AS ${name}`
    case 'json':
      return `${name}::VARCHAR AS ${name}`
    default:
      return name
  }
}

export function rowToEvent<E>(spec: Readonly<Record<string, Kind>>, row: Record<string, unknown>): E {
  const out: Record<string, unknown> = {}
  for (const [name, kind] of Object.entries(spec)) {
    const v = row[name] ?? null
    out[name] = kind === 'json' && typeof v === 'string' ? JSON.parse(v) : v
  }
  return out as E
}
