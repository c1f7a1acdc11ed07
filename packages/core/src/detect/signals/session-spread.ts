/**
 * Where one session cookie has been: its addresses, their countries and networks, within a
 * window. A person's cookie stays on one or two addresses (a phone moving to home Wi-Fi); an
 * anti-detect profile or a scraper keeps its cookie while its proxy rotates. Shared by
 * `bot.session_hop` (which names such sessions) and `bot.proxy_rotation` (for which a cookie
 * that hops is no sign of a person). Relays, VPNs, Tor and CDN egress rotate by design and
 * are kept but not counted.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { ClientRecords, type RecordPart } from '../state/client-records.ts'
import type { HttpFacts, KeyedEntity } from './http-facts.ts'
import { subnetOf } from './network.ts'

// Addresses kept per session: enough to name a hopping cookie's exits, bounded whatever it does.
const MAX_ADDRESSES = 64

export interface SessionAddress {
  readonly ip: KeyedEntity
  readonly country: string | null
  readonly network: string
  /** A relay, VPN, Tor or CDN egress: rotates by design, not counted. */
  readonly anonymised: boolean
  first: number
  last: number
}

/** A session's spread: its own part of the session's client record (`RecordPart`), so opening one allocates nothing beside it. */
export interface SessionSpread extends RecordPart {
  readonly session: KeyedEntity
  readonly addresses: Map<string, SessionAddress>
  /** The address of the cookie's last request. */
  lastAddress: SessionAddress | null
  /** Addresses not anonymised, and their countries and networks. */
  counted: number
  countries: number
  networks: number
  /** On `hopMinAddresses` counted addresses in `hopMinCountries` countries or `hopMinNetworks` networks. */
  hops: boolean
  first: number
  last: number
  requests: number
}

export interface SessionSpreads {
  /** Notes the event's cookie on its address (not for static assets: null); the same event noted twice counts once. */
  note(e: HttpEvent, f: HttpFacts): SessionSpread | null
  evictIdle(now: number): void
}

const ANONYMISING = new Set(['relay', 'vpn', 'tor', 'cdn'])

/** A relay, VPN, Tor or CDN egress: shared by many people, and a visit moves between such exits. */
function rotatingEgress(e: HttpEvent): boolean {
  const flags = e.source_ip_flags
  if (flags === null) return false
  for (const f of flags) if (ANONYMISING.has(f)) return true
  return false
}

/** `records`: the run's per-client records the table of sessions is made in (the registry passes the bot detectors' own). */
export function createSessionSpreads(config: DetectConfig, records: ClientRecords = new ClientRecords()): SessionSpreads {
  const c = config.sessionSignals
  const windowMs = c.hopWindowMinutes * 60_000
  const sessions = records.parts<SessionSpread>({ maxEntries: config.maxEntities, idleMs: windowMs })
  let lastEvent: HttpEvent | null = null
  let lastPath: string | null = null
  let lastTs = 0
  let lastAnswer: SessionSpread | null = null

  function note(e: HttpEvent, f: HttpFacts): SessionSpread | null {
    // A caller that refills one event object for the next request changes its time or target (its id may not be read).
    if (e === lastEvent && e.ts === lastTs && f.path === lastPath) return lastAnswer
    lastEvent = e
    lastTs = e.ts
    lastPath = f.path
    lastAnswer = null
    const ip = f.ip
    // A page's assets come from where the page did.
    if (f.kind === 'static' || ip === null || e.session_id === null || e.session_id === '' || f.named === null || f.named.ref.type !== 'session') return null
    const session = f.named
    let s = sessions.get(session.key)
    if (s === undefined) {
      s = { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, session, addresses: new Map(), lastAddress: null, counted: 0, countries: 0, networks: 0, hops: false, first: e.ts, last: e.ts, requests: 0 }
      sessions.open(session.key, s, e.ts)
    } else {
      sessions.touch(s, e.ts)
    }
    s.requests++
    s.last = e.ts
    // Most cookies stay on the address of their last request: no look-up for those.
    const known = s.lastAddress !== null && s.lastAddress.ip === ip ? s.lastAddress : s.addresses.get(ip.key)
    if (known !== undefined) {
      known.last = e.ts
      s.lastAddress = known
    } else {
      // The window slides as addresses come: those not used within it are forgotten.
      for (const [key, a] of s.addresses) {
        if (e.ts - a.last <= windowMs) continue
        s.addresses.delete(key)
        if (a === s.lastAddress) s.lastAddress = null
      }
      if (s.addresses.size < MAX_ADDRESSES) {
        const asn = e.source_as_number
        const a: SessionAddress = {
          ip,
          country: e.source_geo_country_iso_code,
          network: asn !== null ? `as${asn}` : (subnetOf(ip.ref.value) ?? ip.ref.value),
          anonymised: rotatingEgress(e),
          first: e.ts,
          last: e.ts,
        }
        s.addresses.set(ip.key, a)
        s.lastAddress = a
      }
      reshape(s)
    }
    lastAnswer = s
    return s
  }

  function reshape(s: SessionSpread): void {
    let counted = 0
    for (const a of s.addresses.values()) if (!a.anonymised) counted++
    s.counted = counted
    s.hops = false
    // Countries and networks matter only once there are enough addresses.
    if (counted < c.hopMinAddresses) return
    const countries = new Set<string>()
    const networks = new Set<string>()
    for (const a of s.addresses.values()) {
      if (a.anonymised) continue
      if (a.country !== null) countries.add(a.country)
      networks.add(a.network)
    }
    s.countries = countries.size
    s.networks = networks.size
    s.hops = countries.size >= c.hopMinCountries || networks.size >= c.hopMinNetworks
  }

  return {
    note,
    evictIdle: (now) => sessions.evictIdle(now),
  }
}
