/**
 * The normalized HTTP request record. Field names are the store's column names
 * (ECS names with dots as underscores, DESIGN.md §4) so that a record maps to a row
 * without a translation table and users write SQL with the names they see here.
 * @module
 */

/** Flags set by IP enrichment from bundled range lists (MISP warninglists). */
export const IP_FLAGS = [
  'cloud',
  'cdn',
  'vpn',
  'tor',
  'relay',
  'crawler',
  'scanner',
  'private',
  'public_dns',
] as const
export type IpFlag = (typeof IP_FLAGS)[number]

export interface HttpEvent {
  /** Deterministic id: source fingerprint and line number, so a re-ingest yields the same id. */
  event_id: string
  /** Epoch milliseconds (UTC). */
  ts: number
  source_ip: string | null
  source_port: number | null
  /** The peer address the server saw, before trusted-proxy resolution of X-Forwarded-For. */
  source_peer_ip: string | null
  http_request_method: string | null
  /** Request target as logged (origin form, may be absolute form). */
  url_original: string | null
  url_domain: string | null
  url_path: string | null
  url_query: string | null
  url_extension: string | null
  url_is_static: boolean | null
  http_version: string | null
  http_response_status_code: number | null
  http_response_bytes: number | null
  http_request_bytes: number | null
  http_request_referrer: string | null
  user_agent_original: string | null
  /** Seconds, as access logs record it. */
  event_duration: number | null
  upstream_duration: number | null
  session_id: string | null
  device_id: string | null
  tls_client_ja4: string | null
  tls_client_ja3: string | null
  user_name: string | null
  http_x_forwarded_for: string | null
  http_request_content_type: string | null
  /** Request body where the source carries it (HAR, ModSecurity audit log). Bounded. */
  http_request_body: string | null
  http_response_body: string | null
  /** Request headers the source carried beyond the named columns, lower-case names. */
  http_request_headers: Record<string, string> | null
  /** Extra key=value fields appended to the log line that have no column of their own. */
  labels: Record<string, string> | null

  // Enrichment (filled by enrich/, null when unknown).
  source_as_number: number | null
  source_as_organization_name: string | null
  source_geo_country_iso_code: string | null
  source_ip_flags: IpFlag[] | null
  user_agent_name: string | null
  user_agent_version: string | null
  user_agent_os_name: string | null
  user_agent_device_type: string | null
  /** Name of the declared crawler or automation tool, e.g. `Googlebot`, `python-requests`. */
  user_agent_bot_name: string | null
  /** Bot category: `crawler`, `ai_crawler`, `automation`, `headless`, `monitor`, `scanner`. */
  user_agent_bot_kind: string | null

  // Provenance.
  log_format: string
  log_file: string
  log_line: number
  /** The raw line or record, bounded. */
  message: string
}

/** A fresh record with every optional field null, for parsers to fill. */
export function emptyHttpEvent(
  logFormat: string,
  logFile: string,
  logLine: number,
  message: string,
): HttpEvent {
  return {
    event_id: '',
    ts: 0,
    source_ip: null,
    source_port: null,
    source_peer_ip: null,
    http_request_method: null,
    url_original: null,
    url_domain: null,
    url_path: null,
    url_query: null,
    url_extension: null,
    url_is_static: null,
    http_version: null,
    http_response_status_code: null,
    http_response_bytes: null,
    http_request_bytes: null,
    http_request_referrer: null,
    user_agent_original: null,
    event_duration: null,
    upstream_duration: null,
    session_id: null,
    device_id: null,
    tls_client_ja4: null,
    tls_client_ja3: null,
    user_name: null,
    http_x_forwarded_for: null,
    http_request_content_type: null,
    http_request_body: null,
    http_response_body: null,
    http_request_headers: null,
    labels: null,
    source_as_number: null,
    source_as_organization_name: null,
    source_geo_country_iso_code: null,
    source_ip_flags: null,
    user_agent_name: null,
    user_agent_version: null,
    user_agent_os_name: null,
    user_agent_device_type: null,
    user_agent_bot_name: null,
    user_agent_bot_kind: null,
    log_format: logFormat,
    log_file: logFile,
    log_line: logLine,
    message,
  }
}
