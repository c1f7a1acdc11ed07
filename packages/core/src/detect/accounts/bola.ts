/**
 * Broken object-level authorization (OWASP API1, threat `bola`): an authenticated
 * principal reading many object ids that belong to other users under one route — ids
 * the application events show another account created, ids the API refused (401,
 * 403, 404), or ids next to the one read before that are not known to be the principal's
 * (a walk). Sequential walks raise the score. A short walk is raised early, at a lower
 * score, when some of its objects are known not to be the principal's (refused, or created
 * by another account); the same detection grows as the walk goes on. Staff are exempt by config.
 * @module
 */
import type { AppEvent } from '../../events/app-event.ts'
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { KeyedWindows } from './bounded-state.ts'
import type { AccountsConfig } from './config.ts'
import { DetectionBook, fmtCount, fmtDuration, fmtPct, scoreOver } from './findings.ts'
import type { Finding } from './findings.ts'
import { isStaff } from './keys.ts'
import { routeOf } from './route-template.ts'

export const BOLA_ID = 'api.bola'

interface PrincipalStats {
  start: number
  reads: number
  foreign: DistinctCounter
  foreignReads: number
  allowed: number
  denied: number
  /** Served objects the application events show another account created. */
  othersOwn: number
  sequential: number
  lastNumeric: number
  /** The last numeric id read, foreign or not: the next one close to it continues a walk. */
  lastRead: number
  /** The numeric id read before `lastRead`: going back to it is a customer's back button, not a step. */
  prevRead: number
}

export function buildBola(config: AccountsConfig): StreamDetector {
  const c = config.bola
  const book = new DetectionBook(BOLA_ID, config.maxKeys)
  const owners = new BoundedMap<string, string[]>({ maxEntries: config.maxKeys })
  // Requests carry one name for the account (login name or id); the events give the other.
  const aliases = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  // Access logs seldom carry a device id while the application's events do: the device a
  // session signed in from is the walker's, named with the session.
  const sessionDevices = new BoundedMap<string, string>({ maxEntries: config.maxKeys })
  const windows = new KeyedWindows<PrincipalStats>(config.maxKeys, c.windowMs, (start) => ({
    start,
    reads: 0,
    foreign: new DistinctCounter(),
    foreignReads: 0,
    allowed: 0,
    denied: 0,
    othersOwn: 0,
    sequential: 0,
    lastNumeric: Number.NaN,
    lastRead: Number.NaN,
    prevRead: Number.NaN,
  }))

  return {
    id: BOLA_ID,
    onApp(e: AppEvent) {
      if (e.user_id !== null && e.user_name !== null && e.user_id !== e.user_name) {
        aliases.set(e.user_name, e.user_id, e.ts)
        aliases.set(e.user_id, e.user_name, e.ts)
      }
      if (e.session_id !== null && e.device_id !== null) sessionDevices.set(e.session_id, e.device_id, e.ts)
      if (e.event_action !== 'order.create' || e.order_id === null) return
      const who = [e.user_id, e.user_name].filter((x): x is string => x !== null)
      if (who.length > 0) owners.set(e.order_id, who, e.ts)
    },
    // Any path with an id segment may be an object (a page, an API call, an id-named asset); a
    // sitemap's numbered parts are the shop's public listing, nobody's object.
    httpReads: { kinds: ['page', 'api', 'static'] },
    onHttp(e: HttpEvent, sink: DetectionSink, facts?: HttpFacts) {
      const principal = e.user_name ?? null
      if (principal === null || e.url_path === null || e.http_response_status_code === null) return
      const kind = (facts ?? httpFacts(e)).kind
      if (kind === 'robots' || kind === 'sitemap') return
      const route = routeOf(e.url_path)
      if (route === null) return
      if (isStaff(principal, e.labels, config)) return
      const status = e.http_response_status_code
      const owner = owners.peek(route.id)
      const denied = status === 401 || status === 403 || status === 404
      const s = windows.at(`${principal}\u0000${route.template}`, e.ts)
      s.reads++
      // Owners are known only for objects created in the stream; an object not known to be the
      // principal's that is next to the one read before it continues a walk through ids.
      const id = Number(route.id)
      const walk = Number.isSafeInteger(id) && id !== s.lastRead && id !== s.prevRead && Math.abs(id - s.lastRead) <= c.sequentialGap &&
        owner?.includes(principal) !== true
      if (Number.isSafeInteger(id) && id !== s.lastRead) {
        s.prevRead = s.lastRead
        s.lastRead = id
      }
      const foreign = (owner !== undefined && !owner.includes(principal)) || denied || walk
      if (!foreign) return
      s.foreignReads++
      s.foreign.add(route.id)
      if (denied) s.denied++
      else if (status < 300) s.allowed++
      if (!denied && owner !== undefined && !owner.includes(principal)) s.othersOwn++
      const n = Number(route.id)
      if (Number.isSafeInteger(n)) {
        if (Math.abs(n - s.lastNumeric) <= c.sequentialGap) s.sequential++
        s.lastNumeric = n
      }
      const ids = s.foreign.count()
      const seqShare = s.sequential / Math.max(1, s.foreignReads - 1)
      // A walk reads each object about once and moves on; an app polling the status of one or two
      // orders re-reads them, and is left to the full count.
      const early = ids >= c.earlyDistinctObjects && seqShare >= c.earlySequentialShare && s.denied + s.othersOwn > 0 &&
        s.foreignReads <= 2 * ids
      if (ids < c.distinctObjects && !early) return
      const entity: EntityRef = { type: 'account', value: principal }
      const related: EntityRef[] = [{ type: 'api_asset', value: route.template }]
      if (e.source_ip !== null) related.push({ type: 'ip', value: e.source_ip })
      if (e.session_id !== null) related.push({ type: 'session', value: e.session_id })
      const device = e.device_id ?? (e.session_id === null ? undefined : sessionDevices.peek(e.session_id))
      if (device !== undefined) related.push({ type: 'device', value: device })
      const alias = aliases.peek(principal)
      if (alias !== undefined) related.push({ type: 'account', value: alias })
      const finding: Finding = {
        entity,
        threat: 'bola',
        category: 'bola',
        score: ids >= c.distinctObjects ? scoreOver(ids, c.distinctObjects, 65, 90) + 8 * seqShare : 50 + 8 * seqShare,
        ts: e.ts,
        windowStart: s.start,
        count: s.foreignReads,
        explanation:
          `User ${principal} requested ${fmtCount(ids)} other users' objects under ${route.template} in ` +
          `${fmtDuration(e.ts - s.start)} (${fmtCount(s.allowed)} served, ${fmtCount(s.denied)} refused, ` +
          `${fmtPct(seqShare)} sequential ids${s.othersOwn > 0 ? `, ${fmtCount(s.othersOwn)} created by other accounts` : ''}).`,
        evidence: [
          { field: 'route', value: route.template },
          { field: 'distinct_foreign_objects', value: ids },
          { field: 'served', value: s.allowed },
          { field: 'refused', value: s.denied },
          { field: 'sequential_share', value: Number(seqShare.toFixed(3)) },
        ],
        related,
      }
      book.record(finding, sink)
      book.recordMembers(finding, related.filter((r) => r.type !== 'api_asset'), sink)
    },
    tick(_nowMs: number, sink: DetectionSink) {
      book.flush(sink)
    },
    finish(sink: DetectionSink) {
      book.flush(sink)
    },
  }
}
