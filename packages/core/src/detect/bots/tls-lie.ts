/**
 * `bot.tls_lie` (threat `automation`, category `ua_tls_mismatch`): a user agent whose TLS client
 * is not its browser's. Which JA4s go with which browser engine is learnt from the shop's own
 * traffic, from the visits that render (fetch assets, or send the page's own script calls after
 * a page): those are browsers. A visit of an engine family (`tlsFamilyOf`: Chromium, Firefox,
 * WebKit, where every iOS browser and in-app browser is WebKit) on a JA4 that is not that
 * family's own is another stack wearing its user agent: a Go, Java or Python client with a
 * Chrome UA (a JA4 no rendering visit presents), an automated Chromium claiming Safari or Firefox
 * (a JA4 nearly all of whose rendering visits claim Chromium).
 *
 * A JA4 is a family's own when the family is at least `tlsForeignShare` of the rendering visits
 * on it: a browser's minority build is still mostly that browser's, and one engine's stack is
 * never a tenth another's (a farm's rendering visits can be a tenth of a family's, so a family's
 * own share proves nothing). Judged once a family has `tlsLearnVisits`
 * rendering visits; visits that end before are held (bounded) and judged then. A TLS-inspecting
 * proxy (a corporate gateway) presents one JA4 for every browser behind it: an address whose
 * rendering visits show two families on one JA4 is left alone. Declared bots are skipped.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import type { RecordPart } from '../state/client-records.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { TLS_FAMILIES, type TlsFamily } from '../signals/user-agent.ts'

export const TLS_LIE_ID = 'bot.tls_lie'
const VISIT_GAP_MS = 5 * 60_000
// JA4s followed per family and in all: browsers present a handful each; what is beyond is noise.
const MAX_JA4 = 4096
const MAX_PENDING = 20_000
const SWEEP_INTERVAL_MS = 10_000
const NAMES: Record<TlsFamily, string> = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'Safari/WebKit' }

interface Ja4Counts {
  byFamily: number[]
  total: number
}

/** A client's visit: its part of the client's record (`RecordPart`), ended after `VISIT_GAP_MS` of quiet. */
interface Visit extends RecordPart {
  family: TlsFamily
  /** The family's index in TLS_FAMILIES. */
  fi: number
  ja4: string
  ip: KeyedEntity | null
  session: KeyedEntity | null
  pages: number
  rendered: boolean
  first: number
  last: number
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createTlsLieDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const c = config.sessionSignals
  let sink: DetectionSink | null = null
  let lastKey: string | null = null
  let lastVisit: Visit | null = null
  let lastSweep = Number.NEGATIVE_INFINITY
  // Rendering visits per family (TLS_FAMILIES order), and per JA4 by family.
  const familyTotal = TLS_FAMILIES.map(() => 0)
  const onJa4 = new Map<string, Ja4Counts>()
  // Per address: the JA4 of its rendering visits and their families (bits); a new JA4 starts over.
  const addressFamilies = shared.records.table<{ ja4: string; families: number }>({ maxEntries: config.maxEntities, idleMs: 24 * 3_600_000 })
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  // Visits held until their family is learnt, and the families learnt.
  const pending: Visit[] = []
  const known = new Set<TlsFamily>()
  const visits = shared.records.parts<Visit>({ maxEntries: config.maxEntities, idleMs: VISIT_GAP_MS, end: close })

  function learnt(v: Visit): boolean {
    return (familyTotal[v.fi] ?? 0) >= c.tlsLearnVisits
  }

  function close(v: Visit): void {
    if (v.rendered) {
      familyTotal[v.fi] = (familyTotal[v.fi] ?? 0) + 1
      let k = onJa4.get(v.ja4)
      if (k === undefined && onJa4.size < MAX_JA4) {
        k = { byFamily: TLS_FAMILIES.map(() => 0), total: 0 }
        onJa4.set(v.ja4, k)
      }
      if (k !== undefined) {
        k.byFamily[v.fi] = (k.byFamily[v.fi] ?? 0) + 1
        k.total++
      }
      if (v.ip !== null) {
        const a = addressFamilies.use(v.ip.key, v.last)
        if (a === undefined || a.ja4 !== v.ja4) addressFamilies.set(v.ip.key, { ja4: v.ja4, families: 1 << v.fi }, v.last)
        else a.families |= 1 << v.fi
      }
    }
    if (v.pages < c.tlsMinPages) return
    if (!learnt(v)) {
      if (pending.length < MAX_PENDING) pending.push(v)
      return
    }
    if (!known.has(v.family)) {
      known.add(v.family)
      judgePending(v.family)
    }
    judge(v)
  }

  function judgePending(family: TlsFamily): void {
    let kept = 0
    for (const v of pending) {
      if (v.family === family) judge(v)
      else pending[kept++] = v
    }
    pending.length = kept
  }

  function judge(v: Visit): void {
    const total = familyTotal[v.fi] ?? 0
    const k = onJa4.get(v.ja4)
    const own = k?.byFamily[v.fi] ?? 0
    const all = k?.total ?? 0
    if (all > 0 && own >= all * c.tlsForeignShare) return
    if (v.ip !== null) {
      const a = addressFamilies.peek(v.ip.key)
      const families = a !== undefined && a.ja4 === v.ja4 ? a.families : 0
      // Two browser engines rendering on one JA4 from one address: a TLS-inspecting proxy, not a lie.
      if ((families & (families - 1)) !== 0) return
    }
    const name = NAMES[v.family]
    const others = all === 0 ? 'nor does any rendering visit of another engine' : `against ${fmtInt(all - own)} of another engine`
    const explanation = `${fmtInt(v.pages)} pages from a ${name} user agent over TLS client ${v.ja4.split('_', 1)[0]}, which ${fmtInt(own)} of the shop's ${fmtInt(total)} rendering ${name} visits present, ${others}: another TLS stack wearing the user agent`
    const evidence = [
      { field: 'ja4', value: v.ja4 },
      { field: 'ua_family', value: v.family },
      { field: 'family_rendering_visits', value: total },
      { field: 'family_visits_on_ja4', value: own },
      { field: 'rendering_visits_on_ja4', value: all },
    ]
    for (const [entity, related] of [
      [v.session?.ref, v.ip?.ref],
      [v.ip?.ref, v.session?.ref],
    ] as const) {
      if (entity === undefined) continue
      const key = `${entity.type}\u0000${entity.value}`
      if (reported.peek(key) !== undefined) continue
      reported.set(key, true, v.last)
      sink?.report(
        buildDetection({
          detector: TLS_LIE_ID,
          threat: 'automation',
          category: 'ua_tls_mismatch',
          entity,
          score: all === 0 ? 75 : 70,
          firstSeenMs: v.first,
          lastSeenMs: v.last,
          count: v.pages,
          explanation,
          evidence,
          related: related === undefined ? [] : [related as EntityRef],
        }),
      )
    }
  }

  return {
    id: TLS_LIE_ID,
    onHttp(e, s, facts?: HttpFacts) {
      sink = s
      const ja4 = e.tls_client_ja4
      const ua = e.user_agent_original
      if (ja4 === null || ja4 === '' || ua === null || isDeclaredBot(e)) return
      const family = eventUa(e).engine
      if (family === null) return
      const f = facts ?? httpFacts(e)
      const key = f.named?.key ?? f.clientKey
      if (key === null) return
      if (f.kind === 'static') {
        // An asset renders the visit it belongs to (most often the last page's: no look-up); one before any page opens nothing.
        const open = key === lastKey ? lastVisit : visits.get(key)
        if (open !== undefined && open !== null) open.rendered = true
        return
      }
      let v = visits.get(key)
      if (v !== undefined) visits.touch(v, e.ts)
      else {
        v = { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, family, fi: TLS_FAMILIES.indexOf(family), ja4, ip: f.ip, session: f.named?.ref.type === 'session' ? f.named : null, pages: 0, rendered: false, first: e.ts, last: e.ts }
        visits.open(key, v, e.ts)
      }
      v.last = e.ts
      lastKey = key
      lastVisit = v
      if (f.kind === 'page' && (e.http_request_method ?? 'GET') === 'GET') v.pages++
      // A page's own scripts: an API call or a write after a page of the visit.
      else if (v.pages > 0) v.rendered = true
    },
    tick(now, s) {
      sink = s
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      visits.evictIdle(now)
      addressFamilies.evictIdle(now)
    },
    finish(s) {
      sink = s
      visits.flush()
    },
  }
}
