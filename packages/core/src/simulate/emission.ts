/**
 * What simulated actors emit: HTTP requests (one access-log line each) and application
 * events (one NDJSON line each), tagged with the population that produced them so the
 * ground truth is written from the same record as the traffic.
 * @module
 */

export interface HttpEmission {
  kind: 'http'
  ts: number
  pop: string
  ip: string
  method: string
  target: string
  protocol: string
  status: number
  bytes: number
  referrer: string | null
  ua: string
  /** Seconds. */
  rt: number
  sid: string | null
  ja4: string | null
  uid: string | null
  dev: string | null
}

export interface AppEmission {
  kind: 'app'
  ts: number
  pop: string
  action: string
  ip: string
  ua: string
  sid: string | null
  dev: string | null
  uid: string | null
  uname: string | null
  card: string | null
  /** Ground truth only, never written to the event: the crew (fraud ring) running the account. */
  actor?: string
  /** The event's other ECS fields, dotted keys. */
  fields: Readonly<Record<string, string | number>>
}

export interface SpawnEmission {
  kind: 'spawn'
  ts: number
  actor: Actor
}

export type Emission = HttpEmission | AppEmission | SpawnEmission

/** An actor yields emissions in non-decreasing time. */
export type Actor = Iterator<Emission, void>
