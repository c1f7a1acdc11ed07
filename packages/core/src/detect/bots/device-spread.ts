/**
 * `bot.device_spread` (OAT-011): one device id on many addresses in many networks within the
 * window, moving from one to the next, while fetching content. A browser farm that keeps its
 * worker's fingerprint across proxy contexts shows it from a new residential address every few
 * pages, in one ISP after another. A person's device changes address a few times an hour at
 * most (home Wi-Fi, mobile data, a hotel, a VPN exit), within a few networks; a carrier's NAT
 * can hand a phone many addresses, but in one network. A device id that many people share (a
 * weak fingerprint) shows their addresses interleaved, not one after another, and is left alone.
 *
 * Counts page and API requests with a device id: distinct addresses, their networks (ASN, or
 * the /24 or /48 block where the log has no ASN), and returns to an address left before. A
 * device reaching `minAddresses` over `minNetworks` with fewer returns than half its addresses
 * and at least `minHarvestShare` of its requests successful GETs is flagged, with each address
 * and session it used. Declared bots are skipped.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { fmtDuration, fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot, subnetOf } from '../signals/network.ts'
import { entityKey } from '../signals/sessions.ts'
import { ramp } from '../signals/score.ts'
import { hasValue } from './shop-referrer.ts'

export const DEVICE_SPREAD_ID = 'bot.device_spread'
const THREAT = 'OAT-011'
const CATEGORY = 'device_spread'
const RELATED_SHOWN = 20
const SWEEP_INTERVAL_MS = 10_000

interface Address {
  ip: KeyedEntity
  network: string
  first: number
  last: number
  session: string | null
}

interface Spread {
  device: KeyedEntity
  addresses: Map<string, Address>
  lastIp: string
  returns: number
  requests: number
  harvest: number
  first: number
  last: number
  flagged: boolean
}

export function createDeviceSpreadDetector(config: DetectConfig): StreamDetector {
  const c = config.deviceSpread
  const windowMs = c.windowMinutes * 60_000
  let lastSweep = Number.NEGATIVE_INFINITY
  const devices = new BoundedMap<string, Spread>({ maxEntries: config.maxEntities, idleMs: windowMs })
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })

  function networksOf(s: Spread): number {
    const nets = new Set<string>()
    for (const a of s.addresses.values()) nets.add(a.network)
    return nets.size
  }

  function phrase(s: Spread, networks: number): string {
    return `one device id on ${fmtInt(s.addresses.size)} addresses in ${fmtInt(networks)} networks in ${fmtDuration(s.last - s.first)}, one after another (${fmtInt(s.returns)} returns to an address), ${fmtInt(s.harvest)} of ${fmtInt(s.requests)} requests content served`
  }

  function report(sink: DetectionSink, entity: EntityRef, s: Spread, networks: number, explanation: string, related: EntityRef[], first: number, last: number): void {
    sink.report(
      buildDetection({
        detector: DEVICE_SPREAD_ID,
        threat: THREAT,
        category: CATEGORY,
        entity,
        score: 65 + 30 * ramp(s.addresses.size, c.minAddresses, c.minAddresses * 4),
        firstSeenMs: first,
        lastSeenMs: last,
        count: entity.type === 'device' ? s.requests : 1,
        explanation,
        evidence: [
          { field: 'device_id', value: s.device.ref.value },
          { field: 'distinct_ips', value: s.addresses.size },
          { field: 'networks', value: networks },
          { field: 'returns', value: s.returns },
        ],
        related,
      }),
    )
  }

  function reportMember(sink: DetectionSink, s: Spread, a: Address, networks: number): void {
    const why = `one of the addresses of ${phrase(s, networks)}`
    const key = entityKey(a.ip.ref)
    if (reported.peek(key) === undefined) {
      reported.set(key, true, a.last)
      report(sink, a.ip.ref, s, networks, why, [s.device.ref], a.first, a.last)
    }
    if (a.session === null) return
    const session: EntityRef = { type: 'session', value: a.session }
    const sessionKey = entityKey(session)
    if (reported.peek(sessionKey) !== undefined) return
    reported.set(sessionKey, true, a.last)
    report(sink, session, s, networks, `the session of ${why}`, [s.device.ref, a.ip.ref], a.first, a.last)
  }

  function check(sink: DetectionSink, s: Spread, added: Address): void {
    if (s.addresses.size < c.minAddresses || s.returns * 2 >= s.addresses.size || s.harvest < s.requests * c.minHarvestShare) return
    const networks = networksOf(s)
    if (networks < c.minNetworks) return
    const related: EntityRef[] = []
    for (const a of s.addresses.values()) if (related.length < RELATED_SHOWN) related.push(a.ip.ref)
    report(sink, s.device.ref, s, networks, phrase(s, networks), related, s.first, s.last)
    if (s.flagged) {
      reportMember(sink, s, added, networks)
      return
    }
    s.flagged = true
    for (const a of s.addresses.values()) reportMember(sink, s, a, networks)
  }

  return {
    id: DEVICE_SPREAD_ID,
    httpReads: { kinds: ['page', 'api'], named: true },
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      const device = f.device
      if (device === null || f.ip === null || (f.kind !== 'page' && f.kind !== 'api') || isDeclaredBot(e)) return
      const ip = f.ip
      const s = devices.upsert(device.key, e.ts, () => ({ device, addresses: new Map(), lastIp: ip.key, returns: 0, requests: 0, harvest: 0, first: e.ts, last: e.ts, flagged: false }))
      s.requests++
      const status = e.http_response_status_code
      if ((e.http_request_method ?? 'GET') === 'GET' && (status === null || status < 400)) s.harvest++
      s.last = e.ts
      const known = s.addresses.get(ip.key)
      if (known !== undefined) {
        known.last = e.ts
        if (known.session === null && hasValue(e.session_id)) {
          known.session = e.session_id
          // A fresh context's cookie comes with its second request: name it too.
          if (s.flagged) reportMember(sink, s, known, networksOf(s))
        }
        if (s.lastIp !== ip.key) s.returns++
        s.lastIp = ip.key
        return
      }
      s.lastIp = ip.key
      // The window slides as addresses come: those not used within it are forgotten.
      for (const [key, a] of s.addresses) if (e.ts - a.last > windowMs) s.addresses.delete(key)
      if (s.addresses.size >= c.maxIpsReported) return
      const asn = e.source_as_number
      const added: Address = { ip, network: asn !== null ? `as${asn}` : (subnetOf(ip.ref.value) ?? ip.ref.value), first: e.ts, last: e.ts, session: hasValue(e.session_id) ? e.session_id : null }
      s.addresses.set(ip.key, added)
      check(sink, s, added)
    },
    tick(now) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      devices.evictIdle(now)
    },
  }
}
