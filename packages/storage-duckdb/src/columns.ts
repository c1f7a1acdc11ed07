/**
 * How each event field becomes a DuckDB value, per table. Values never cross into native
 * code one at a time (~150 ns or more each, ~30 per event): a batch is written as a CSV
 * file that DuckDB's `read_csv` loads with typed columns on its own threads (see
 * batch-file.ts). Here each kind says how a JS value is made valid for its CSV type, so
 * a typed read never fails on a value of the wrong type, and how the column is selected
 * into the table.
 * @module
 */
import { DuckDBTimestampTZValue } from '@duckdb/node-api'
import type { AppEvent, HttpEvent } from '@vigil/core'

export type Kind = 'text' | 'int' | 'bigint' | 'double' | 'bool' | 'ts' | 'json' | 'list'

export interface ColumnWriter {
  name: string
  kind: Kind
  /** The column's type in the CSV file. */
  csvType: string
  /** SQL turning the CSV column `name` into the table's column. */
  select: string
  /** The value as the CSV column holds it: a number, boolean or string of the right kind, or null. */
  value(v: unknown): unknown
  /**
   * A column of the same kind that mostly holds the same value: a file in which every row's
   * value is the other's leaves this one out and selects the other's.
   */
  copyOf?: string
}

const INT_MAX = 2 ** 31 - 1
const BIGINT_BOUND = 2 ** 63

/** `String.prototype.toWellFormed` (Node 20+), not yet in the TypeScript lib this repo targets. */
type WellFormable = string & { toWellFormed(): string }

export function wellFormed(s: string): string {
  return (s as WellFormable).toWellFormed()
}

/** The value with every string in it, keys included, well-formed. */
function wellFormedDeep(v: unknown): unknown {
  if (typeof v === 'string') return wellFormed(v)
  if (Array.isArray(v)) return v.map(wellFormedDeep)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[wellFormed(k)] = wellFormedDeep(x)
    return out
  }
  return v
}

/**
 * JSON text of a map or list. JSON.stringify writes a lone UTF-16 surrogate (possible after
 * a parser decodes `\ud800`) as an escape DuckDB's JSON rejects, which would fail the whole
 * batch; such a value (key or string) is written again with U+FFFD in its place, as strings are stored.
 * Only escapes starting `\ud` can be one.
 */
function jsonText(v: unknown): string {
  const text = JSON.stringify(v)
  return text.includes('\\ud') ? JSON.stringify(wellFormedDeep(v)) : text
}

/**
 * Text of frozen values, which never change: the enricher shares one frozen flags list per
 * client address across all its events, so most rows' source_ip_flags is a lookup.
 */
const frozenTexts = new WeakMap<object, string>()

function jsonValue(v: unknown): string | null {
  if (v == null) return null
  if (typeof v !== 'object' || !Object.isFrozen(v)) return jsonText(v)
  let text = frozenTexts.get(v)
  if (text === undefined) frozenTexts.set(v, (text = jsonText(v)))
  return text
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

// A value out of range or of the wrong type is stored as NULL rather than failing the batch.
const VALUE: Readonly<Record<Kind, (v: unknown) => unknown>> = {
  // Epoch milliseconds, as the event model holds them, stored as microseconds.
  ts: (v) => (finite(v) ? Math.round(v * 1000) : null),
  int: (v) => {
    if (!finite(v)) return null
    const t = Math.trunc(v)
    return Math.abs(t) <= INT_MAX ? t : null
  },
  bigint: (v) => {
    if (!finite(v)) return null
    const r = Math.round(v)
    return Math.abs(r) < BIGINT_BOUND ? r : null
  },
  double: (v) => (finite(v) ? v : null),
  bool: (v) => (typeof v === 'boolean' ? v : null),
  text: (v) => (typeof v === 'string' ? v : v == null ? null : JSON.stringify(v)),
  json: jsonValue,
  list: jsonValue,
}

const CSV_TYPE: Readonly<Record<Kind, string>> = {
  ts: 'BIGINT',
  int: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  text: 'VARCHAR',
  json: 'VARCHAR',
  list: 'VARCHAR',
}

function select(name: string, kind: Kind): string {
  switch (kind) {
    case 'ts':
      return `make_timestamp(${name})::TIMESTAMPTZ`
    case 'json':
      return `${name}::JSON`
    case 'list':
      return `${name}::JSON::VARCHAR[]`
    default:
      return name
  }
}

export function timestampValue(ms: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(Math.round(ms * 1000)))
}

function writers(spec: Record<string, Kind>, copies: Readonly<Record<string, string>> = {}): ColumnWriter[] {
  return Object.entries(spec).map(([name, kind]) => ({
    name,
    kind,
    csvType: CSV_TYPE[kind],
    select: select(name, kind),
    value: VALUE[kind],
    ...(copies[name] === undefined ? {} : { copyOf: copies[name] }),
  }))
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

// The enricher sets the peer to the client address unless a trusted proxy forwarded for another.
export const HTTP_WRITERS: readonly ColumnWriter[] = writers(HTTP_SPEC, { source_peer_ip: 'source_ip' })
export const APP_WRITERS: readonly ColumnWriter[] = writers(APP_SPEC)
