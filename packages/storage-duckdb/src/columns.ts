/**
 * How each event field becomes a DuckDB value, per table. Writing a value through
 * @duckdb/node-api costs a fixed ~150 ns whatever it is, so appends go to a staging table
 * holding only the columns a batch actually fills, with plain JS types (numbers for
 * timestamps and BIGINTs, JSON text for maps and lists); one INSERT … SELECT then casts
 * inside DuckDB. Measured against full-width data chunks of typed values: several times faster.
 * @module
 */
import { BOOLEAN, DOUBLE, INTEGER, VARCHAR, DuckDBTimestampTZValue } from '@duckdb/node-api'
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api'
import type { AppEvent, HttpEvent } from '@vigil/core'

export type Kind = 'text' | 'int' | 'bigint' | 'double' | 'bool' | 'ts' | 'json' | 'list'

export interface ColumnWriter<E> {
  name: string
  kind: Kind
  /** Type of the staging column. */
  stageType: DuckDBType
  /** Staging column → table column. */
  castSql: string
  value(event: E): DuckDBValue
}

const STAGE_TYPES: Record<Kind, DuckDBType> = {
  text: VARCHAR,
  int: INTEGER,
  bigint: DOUBLE,
  double: DOUBLE,
  bool: BOOLEAN,
  ts: DOUBLE,
  json: VARCHAR,
  list: VARCHAR,
}

function castSql(name: string, kind: Kind): string {
  switch (kind) {
    case 'ts':
      return `make_timestamp((${name} * 1000)::BIGINT)::TIMESTAMPTZ`
    case 'bigint':
      return `${name}::BIGINT`
    case 'json':
      return `${name}::JSON`
    case 'list':
      return `CAST(${name}::JSON AS VARCHAR[])`
    default:
      return name
  }
}

export function timestampValue(ms: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(Math.round(ms * 1000)))
}

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function valueOf<E>(name: string, kind: Kind): (e: E) => DuckDBValue {
  switch (kind) {
    case 'text':
      return (e) => ((e as Record<string, unknown>)[name] as string | null) ?? null
    case 'bool':
      return (e) => {
        const v = (e as Record<string, unknown>)[name]
        return v === null || v === undefined ? null : Boolean(v)
      }
    case 'json':
    case 'list':
      return (e) => {
        const v = (e as Record<string, unknown>)[name]
        return v === null || v === undefined ? null : JSON.stringify(v)
      }
    case 'int':
      return (e) => {
        const v = finiteOrNull((e as Record<string, unknown>)[name])
        return v === null ? null : Math.trunc(v)
      }
    default:
      return (e) => finiteOrNull((e as Record<string, unknown>)[name])
  }
}

function writers<E>(spec: Record<string, Kind>): ColumnWriter<E>[] {
  return Object.entries(spec).map(([name, kind]) => ({
    name,
    kind,
    stageType: STAGE_TYPES[kind],
    castSql: castSql(name, kind),
    value: valueOf<E>(name, kind),
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

export const HTTP_WRITERS: readonly ColumnWriter<HttpEvent>[] = writers<HttpEvent>(HTTP_SPEC)
export const APP_WRITERS: readonly ColumnWriter<AppEvent>[] = writers<AppEvent>(APP_SPEC)

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
