/**
 * The first schema (DESIGN.md §4). Frozen once released: later changes are new
 * numbered migrations, never edits here.
 *
 * Choices: `ts` is TIMESTAMPTZ so `ts > now() - interval 1 hour` compares instants;
 * maps (`labels`, `http_request_headers`, `attributes`) are JSON so `labels->>'host'`
 * works; `source_ip_flags` is VARCHAR[] so `list_contains(source_ip_flags, 'tor')` works.
 * No primary key on the event tables: checkpoints keep them free of duplicates and an
 * index would slow bulk appends.
 * @module
 */
export const name = 'initial'

export const sql = `
CREATE TABLE IF NOT EXISTS http_events (
  event_id VARCHAR NOT NULL,
  ts TIMESTAMPTZ NOT NULL,
  source_ip VARCHAR,
  source_port INTEGER,
  source_peer_ip VARCHAR,
  http_request_method VARCHAR,
  url_original VARCHAR,
  url_domain VARCHAR,
  url_path VARCHAR,
  url_query VARCHAR,
  url_extension VARCHAR,
  url_is_static BOOLEAN,
  http_version VARCHAR,
  http_response_status_code INTEGER,
  http_response_bytes BIGINT,
  http_request_bytes BIGINT,
  http_request_referrer VARCHAR,
  user_agent_original VARCHAR,
  event_duration DOUBLE,
  upstream_duration DOUBLE,
  session_id VARCHAR,
  device_id VARCHAR,
  tls_client_ja4 VARCHAR,
  tls_client_ja3 VARCHAR,
  user_name VARCHAR,
  http_x_forwarded_for VARCHAR,
  http_request_content_type VARCHAR,
  http_request_body VARCHAR,
  http_response_body VARCHAR,
  http_request_headers JSON,
  labels JSON,
  source_as_number BIGINT,
  source_as_organization_name VARCHAR,
  source_geo_country_iso_code VARCHAR,
  source_ip_flags VARCHAR[],
  user_agent_name VARCHAR,
  user_agent_version VARCHAR,
  user_agent_os_name VARCHAR,
  user_agent_device_type VARCHAR,
  user_agent_bot_name VARCHAR,
  user_agent_bot_kind VARCHAR,
  log_format VARCHAR NOT NULL,
  log_file VARCHAR NOT NULL,
  log_line BIGINT NOT NULL,
  message VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS app_events (
  event_id VARCHAR NOT NULL,
  ts TIMESTAMPTZ NOT NULL,
  event_action VARCHAR NOT NULL,
  event_outcome VARCHAR,
  event_reason VARCHAR,
  user_id VARCHAR,
  user_name VARCHAR,
  user_email VARCHAR,
  user_phone_hash VARCHAR,
  source_ip VARCHAR,
  user_agent_original VARCHAR,
  device_id VARCHAR,
  session_id VARCHAR,
  auth_method VARCHAR,
  card_fingerprint VARCHAR,
  card_bin VARCHAR,
  card_last4 VARCHAR,
  order_id VARCHAR,
  order_amount DOUBLE,
  order_currency VARCHAR,
  address_hash VARCHAR,
  address_country VARCHAR,
  coupon_code VARCHAR,
  giftcard_id VARCHAR,
  phone_country VARCHAR,
  product_id VARCHAR,
  attributes JSON,
  source_as_number BIGINT,
  source_as_organization_name VARCHAR,
  source_geo_country_iso_code VARCHAR,
  source_ip_flags VARCHAR[],
  log_format VARCHAR NOT NULL,
  log_file VARCHAR NOT NULL,
  log_line BIGINT NOT NULL,
  message VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS detections (
  id VARCHAR PRIMARY KEY,
  detector VARCHAR NOT NULL,
  threat VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  entity_type VARCHAR NOT NULL,
  entity_value VARCHAR NOT NULL,
  score DOUBLE NOT NULL,
  severity VARCHAR NOT NULL,
  first_seen TIMESTAMPTZ NOT NULL,
  last_seen TIMESTAMPTZ NOT NULL,
  count BIGINT NOT NULL,
  explanation VARCHAR NOT NULL,
  evidence JSON NOT NULL,
  related JSON NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
  file VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  format VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  ingested_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS ingest_sources (
  source_key VARCHAR PRIMARY KEY,
  path VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  lines_done BIGINT NOT NULL,
  prefix_bytes BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
`
