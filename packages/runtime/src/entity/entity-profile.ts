/**
 * An entity's profile for `vigil entity` and the console: first and last seen, event
 * counts, risk with its reasons, a timeline of its events and the entities linked to it,
 * all read through the store's read-only `query()` and `listDetections()`.
 * @module
 */
import { ENTITY_TYPES, VigilError, assessRisk } from '@vigil/core'
import type { EntityRef, EntityRisk, EntityType, Store } from '@vigil/core'

/** Longest entity value accepted; ids, hashes and addresses are far shorter. */
const MAX_VALUE = 512
/** Detections read to assess risk (the riskiest first would need a score index; all is fine at this cap). */
const MAX_DETECTIONS = 100_000

export interface TimelineEntry {
  ts: string
  source: 'app' | 'http'
  what: string
  outcome: string | null
  ip: string | null
  device: string | null
}

export interface EntityLink {
  type: EntityType | 'address' | 'phone'
  value: string
  events: number
}

export interface EntityProfile {
  entity: EntityRef
  first_seen: string | null
  last_seen: string | null
  app_events: number
  http_events: number
  /** App events per action, most frequent first. */
  actions: Array<{ action: string; events: number }>
  risk: EntityRisk
  timeline: TimelineEntry[]
  links: EntityLink[]
}

export interface EntityProfileOptions {
  timelineLimit?: number
  linkLimit?: number
}

/** Columns holding each entity type in app_events and http_events (null: the table has none). */
const COLUMNS: Partial<Record<EntityType, { app: string[]; http: string[] }>> = {
  account: { app: ['user_id', 'user_name'], http: ['user_name'] },
  device: { app: ['device_id'], http: ['device_id'] },
  ip: { app: ['source_ip'], http: ['source_ip'] },
  session: { app: ['session_id'], http: ['session_id'] },
  card: { app: ['card_fingerprint'], http: [] },
  asn: { app: ['source_as_number'], http: ['source_as_number'] },
}

/** What each linked column is, as an entity. */
const LINK_COLUMNS: Array<[string, EntityLink['type']]> = [
  ['user_id', 'account'],
  ['device_id', 'device'],
  ['source_ip', 'ip'],
  ['card_fingerprint', 'card'],
  ['address_hash', 'address'],
  ['user_phone_hash', 'phone'],
]

export function parseEntityRef(type: string, value: string): EntityRef {
  if (!(ENTITY_TYPES as readonly string[]).includes(type)) {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `Unknown entity type "${type}"; use one of ${ENTITY_TYPES.join(', ')}.`, { exitCode: 2 })
  }
  if (value.length === 0 || value.length > MAX_VALUE) {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `The entity value must be 1–${MAX_VALUE} characters.`, { exitCode: 2 })
  }
  if (type === 'asn' && !/^\d{1,10}$/.test(value)) {
    throw new VigilError('VIGIL_ERR_CLI_USAGE', `An ASN is a number, got "${value}".`, { exitCode: 2 })
  }
  return { type: type as EntityType, value }
}

/** A SQL string literal; the value is bounded and quotes are doubled, so it cannot end early. */
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`

function condition(columns: string[], entity: EntityRef): string {
  const v = entity.type === 'asn' ? String(Number(entity.value)) : literal(entity.value)
  return columns.map((c) => `${c} = ${v}`).join(' OR ')
}

const asNumber = (x: unknown): number => (typeof x === 'bigint' ? Number(x) : Number(x ?? 0))
const asText = (x: unknown): string | null => (x === null || x === undefined ? null : String(x))
const asIso = (x: unknown): string | null => (x === null || x === undefined ? null : new Date(asNumber(x)).toISOString())

export async function buildEntityProfile(
  store: Store,
  entity: EntityRef,
  options: EntityProfileOptions = {},
): Promise<EntityProfile> {
  const timelineLimit = Math.max(1, Math.min(options.timelineLimit ?? 50, 10_000))
  const linkLimit = Math.max(1, Math.min(options.linkLimit ?? 10, 1_000))
  const detections = await store.listDetections({ limit: MAX_DETECTIONS })
  const risk = assessRisk(entity, detections)
  const cols = COLUMNS[entity.type]
  const profile: EntityProfile = {
    entity,
    first_seen: null,
    last_seen: null,
    app_events: 0,
    http_events: 0,
    actions: [],
    risk,
    timeline: [],
    links: [],
  }
  if (cols === undefined) return profile
  const appWhere = cols.app.length > 0 ? condition(cols.app, entity) : 'false'
  const httpWhere = cols.http.length > 0 ? condition(cols.http, entity) : 'false'

  const [span] = await store.query(
    `SELECT
       (SELECT count(*) FROM app_events WHERE ${appWhere}) AS app_n,
       (SELECT count(*) FROM http_events WHERE ${httpWhere}) AS http_n,
       (SELECT epoch_ms(min(ts)) FROM (SELECT ts FROM app_events WHERE ${appWhere} UNION ALL SELECT ts FROM http_events WHERE ${httpWhere})) AS first_ms,
       (SELECT epoch_ms(max(ts)) FROM (SELECT ts FROM app_events WHERE ${appWhere} UNION ALL SELECT ts FROM http_events WHERE ${httpWhere})) AS last_ms`,
  )
  profile.app_events = asNumber(span?.app_n)
  profile.http_events = asNumber(span?.http_n)
  profile.first_seen = asIso(span?.first_ms)
  profile.last_seen = asIso(span?.last_ms)

  const actions = await store.query(
    `SELECT event_action AS action, count(*) AS n FROM app_events WHERE ${appWhere}
     GROUP BY event_action ORDER BY n DESC, action LIMIT 50`,
  )
  profile.actions = actions.map((r) => ({ action: String(r.action), events: asNumber(r.n) }))

  const timeline = await store.query(
    `SELECT * FROM (
       SELECT epoch_ms(ts) AS ts_ms, 'app' AS source, event_action AS what, event_outcome AS outcome, source_ip, device_id, event_id
         FROM app_events WHERE ${appWhere}
       UNION ALL
       SELECT epoch_ms(ts), 'http', concat_ws(' ', http_request_method, url_path, CAST(http_response_status_code AS VARCHAR)), NULL, source_ip, device_id, event_id
         FROM http_events WHERE ${httpWhere}
     ) ORDER BY ts_ms DESC, event_id DESC LIMIT ${timelineLimit}`,
  )
  profile.timeline = timeline.reverse().map((r) => ({
    ts: asIso(r.ts_ms) ?? '',
    source: r.source === 'http' ? 'http' : 'app',
    what: String(r.what ?? ''),
    outcome: asText(r.outcome),
    ip: asText(r.source_ip),
    device: asText(r.device_id),
  }))

  const own = new Set(cols.app)
  const linkQueries = LINK_COLUMNS.filter(([c]) => !own.has(c)).map(
    ([c, type]) =>
      `(SELECT '${type}' AS type, CAST(${c} AS VARCHAR) AS value, count(*) AS n FROM app_events
        WHERE (${appWhere}) AND ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, value LIMIT ${linkLimit})`,
  )
  if (cols.app.length > 0 && linkQueries.length > 0) {
    const links = await store.query(linkQueries.join(' UNION ALL '))
    profile.links = links.map((r) => ({ type: r.type as EntityLink['type'], value: String(r.value), events: asNumber(r.n) }))
  }
  return profile
}
