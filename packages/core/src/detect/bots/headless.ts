/**
 * `bot.headless` (threat and category `automation`): pages fetched by a client that is not
 * the browser it claims or says outright it is automation — an automation library or
 * headless browser (enrichment's bot kind or a Headless marker) fetching anything but the
 * site's API (a declared library on the API is an app or an integration), a TLS fingerprint no
 * such browser produces (unless it renders pages with their assets: a browser behind a
 * TLS-intercepting proxy), or a browser version not yet released at the event's date.
 * Which automated threat it serves (scraping, stuffing, cracking) is for the behavioural
 * detectors to say, so this one claims no OAT class. Monitors and declared crawlers are
 * left to other detectors.
 *
 * It also reports a visit that claims a browser but does not behave as one: pages fetched
 * without one static asset and without one referrer (a browser loads what a page links and
 * sends the page it came from), on a log where browsers show both. That is what a scraper
 * rotating residential proxies leaves on each address, a few pages each, in a plain access
 * log with no cookie or TLS column to tie the addresses together. A referrer from the shop stands
 * for a page shown only beside something a drawn page pulls in: a visit of `referredPages` pages
 * over HTTP/1 on a log whose pages come over HTTP/2, with shop referrers and not one asset, script
 * call or write, is an HTTP library setting them itself. When every
 * request of the visit was a page served (content harvested) it is reported as scraping
 * (OAT-011), as `bot.proxy_rotation` does for a whole rotation, else as automation.
 *
 * And a form submitted without being loaded: writes to a page path from a client claiming a
 * browser whose visit rendered no page before them (nothing a page pulls in, no page reached
 * from another) and fetched no page but, at most, the form's own. A person posts a
 * form they were shown; a credential-stuffing or carding script posts straight to the endpoint,
 * from each proxy address a few times. Reported per address when it does so again and again, and
 * for every address of a campaign when many addresses post blind to the same path and they are
 * most of its writers (a person's stale tab or changed address is rare and scattered).
 * @module
 */
import type { EntityRef, Evidence } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import type { RecordPart } from '../state/client-records.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtInt } from '../signals/format.ts'
import { createCrawlerVerifier } from '../signals/network.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import type { RequestKind } from '../signals/request-kind.ts'
import { entityFromKey, Sessionizer } from '../signals/sessions.ts'
import { SiteBaseline } from '../signals/site-baseline.ts'
import type { UaFindings } from '../signals/user-agent.ts'
import { legacyTransport, modernTransport } from './cohort-surge.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const HEADLESS_ID = 'bot.headless'
const ASSETS_PER_PAGE_RENDERED = 0.5

interface Seen {
  reason: string
  /** The only evidence is the UA/TLS mismatch (no declared automation, no impossible version). */
  mismatchOnly: boolean
  statics: number
  score: number
  first: number
  last: number
  count: number
  userAgent: string | null
  related: EntityRef | null
  /** The related entity's key in `seen` (the address of a session, the session of an address). */
  relatedKey: string | null
  /** Count and score at the last report, and its event time: re-reports wait for a material change. */
  reportedCount: number
  reportedScore: number
  reportedAt: number
}

// A reported entity is re-reported once its count grew by this share, its score rose, or this
// much event time passed: fresh enough for the store and the guard, not once per second.
const REPORT_GROWTH = 1.1
const REPORT_EVERY_MS = 60_000
// Ended visits kept for reuse, bounded.
const MAX_FREE_VISITS = 4096

// Scores of the three reasons, strongest first; the score names the reason (`reasonOf`).
const MISMATCH_SCORE = 75
const IMPOSSIBLE_SCORE = 70
const AUTOMATION_SCORE = 65

function reasonOf(ua: UaFindings, score: number): string {
  if (score === MISMATCH_SCORE) return `a client claiming ${ua.browser?.family ?? 'a browser'} ${ua.browser?.major ?? ''} whose TLS fingerprint has ${ua.mismatch}`
  if (score === IMPOSSIBLE_SCORE) return `a client claiming ${ua.browser?.family ?? ''} ${ua.browser?.major ?? ''}, a version not released at that date`
  return `automation client ${ua.automation}`
}

/** One visit (requests no further apart than the session gap) of a client that claims a browser: its part of the client's record. */
interface Visit extends RecordPart {
  start: number
  last: number
  pages: number
  /** Pages that came with a referrer, static assets and API calls (a rendered page's scripts): signs of a browser. */
  rendered: number
  /** What only a page drawn on a screen pulls in (static assets, API calls, writes naming a page); a referrer is not among them. */
  drawn: number
  /** Every page so far came over HTTP/1 (an HTTP library's transport where browsers speak HTTP/2). */
  legacy: boolean
  /** Requests other than a page served: a write, an error. */
  other: number
  reported: boolean
  /** The path of the visit's first write made before any page, and how many such writes went to it. */
  blindPath: string | null
  blind: number
  /** The path of the visit's pages while every page it fetched was that one path (a form's own page). */
  formPath: string | null
  onePath: boolean
  /** The visit's first user agent, and whether another came (people behind one address). */
  ua: string | null
  manyUas: boolean
  /** The path of the visit's first refused write (4xx/5xx), and its refused and accepted writes. */
  refusedPath: string | null
  refused: number
  accepted: number
}

/** The writes to one path within a session gap: who wrote, and who wrote without loading a page. */
interface PathWrites {
  start: number
  writers: Set<string>
  /** Addresses that wrote blind, with their blind writes; reported ones are marked. */
  blind: Map<string, { ip: string; count: number; first: number; last: number; reported: boolean }>
  flagged: boolean
}

// Bounds of a path's write window: addresses counted as writers and as blind writers.
const MAX_PATH_WRITERS = 4096
// Visits already under way when the log starts show their writes without the page before them.
const BLIND_WARMUP_MS = 5 * 60_000
// Above this share of blind writes site-wide, the log lacks pages rather than people forms.
const MAX_BLIND_SHARE = 0.5
// Refused writes per accepted one on the same path before a visit counts as retrying blindly.
const REFUSED_TO_ACCEPTED = 4

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createHeadlessDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const crawlers = createCrawlerVerifier(config)
  const sessions = new Sessionizer(config.sessionGapMinutes * 60_000, config.maxEntities, shared.records)
  const seen = shared.records.table<Seen>({ maxEntries: config.maxEntities })
  const dirty = new Set<string>()
  const baseline = new SiteBaseline(config.baselineMinEvents)
  const referrers = new ShopReferrers()
  const gapMs = config.sessionGapMinutes * 60_000
  // When a page last came over HTTP/2 or later: the log shows browsers' own transport.
  let lastModern = Number.NEGATIVE_INFINITY
  // A shopper's visit ends (idle past the gap) minutes after it starts and another starts for
  // someone else: its record is kept for the next, so the churn of visits allocates nothing once warm.
  const freeVisits: Visit[] = []
  const visits = shared.records.parts<Visit>({
    maxEntries: config.maxEntities,
    idleMs: gapMs,
    end: (v) => {
      if (freeVisits.length < MAX_FREE_VISITS) freeVisits.push(v)
    },
  })

  function startVisit(v: Visit, ts: number): void {
    v.start = ts
    v.last = ts
    v.pages = 0
    v.rendered = 0
    v.drawn = 0
    v.legacy = true
    v.other = 0
    v.reported = false
    v.blindPath = null
    v.blind = 0
    v.formPath = null
    v.onePath = true
    v.ua = null
    v.manyUas = false
    v.refusedPath = null
    v.refused = 0
    v.accepted = 0
  }
  let streamStart = Number.NaN
  // Writes to page paths by clients claiming a browser, and those of them blind: the site's share.
  let writesSeen = 0
  let blindSeen = 0
  const minWrites = Math.max(1, Math.round(config.baselineMinEvents / 10))
  const pathWrites = new BoundedMap<string, PathWrites>({ maxEntries: config.maxEntities, idleMs: gapMs })

  /** An address whose writes give it away, with the reason and the counts behind it. */
  function reportWrites(ip: string, first: number, last: number, count: number, explanation: string, evidence: Evidence[], sink: DetectionSink): void {
    sink.report(
      buildDetection({ detector: HEADLESS_ID, threat: 'automation', category: 'automation', entity: { type: 'ip', value: ip }, score: 65, firstSeenMs: first, lastSeenMs: last, count, explanation, evidence, related: [] }),
    )
  }

  function reportBlind(ip: string, path: string, count: number, first: number, last: number, why: string, sink: DetectionSink): void {
    const explanation = `${fmtInt(count)} ${count === 1 ? 'write' : 'writes'} to ${path} from a client claiming a browser that rendered no page before ${count === 1 ? 'it' : 'them'}${why}: a form submitted without being loaded`
    reportWrites(ip, first, last, count, explanation, [{ field: 'reason', value: 'form submitted without being loaded' }, { field: 'url_path', value: path }, { field: 'blind_writes', value: count }], sink)
  }

  function reportRefused(ip: string, path: string, v: Visit, status: number, sink: DetectionSink): void {
    const explanation = `${fmtInt(v.refused)} writes to ${path} refused (last ${status}) in one visit, ${fmtInt(v.accepted)} accepted: a script retrying what the shop keeps refusing`
    const evidence = [{ field: 'reason', value: 'writes refused again and again' }, { field: 'url_path', value: path }, { field: 'refused_writes', value: v.refused }, { field: 'accepted_writes', value: v.accepted }]
    reportWrites(ip, v.start, v.last, v.refused + v.accepted, explanation, evidence, sink)
  }

  /** Counts a write to `path` by the address; judges the path's writers once a blind one is added. */
  function seeWrite(ip: KeyedEntity, path: string, blind: boolean, ts: number, sink: DetectionSink): void {
    const w = pathWrites.upsert(path, ts, () => ({ start: ts, writers: new Set(), blind: new Map(), flagged: false }))
    if (ts - w.start > gapMs) {
      w.start = ts
      w.writers.clear()
      w.blind.clear()
      w.flagged = false
    }
    if (w.writers.size < MAX_PATH_WRITERS) w.writers.add(ip.key)
    if (!blind) return
    let b = w.blind.get(ip.key)
    if (b === undefined) {
      if (w.blind.size >= MAX_PATH_WRITERS) return
      b = { ip: ip.ref.value, count: 0, first: ts, last: ts, reported: false }
      w.blind.set(ip.key, b)
    }
    b.count++
    b.last = ts
    const h = config.headless
    if (!w.flagged && (w.blind.size < h.blindWriteAddresses || w.blind.size < h.blindWriteShare * w.writers.size)) return
    w.flagged = true
    const why = `, as ${fmtInt(w.blind.size)} addresses did within ${config.sessionGapMinutes} min (${fmtInt(w.blind.size)} of ${fmtInt(w.writers.size)} writing there)`
    for (const x of w.blind.values()) {
      if (x.reported) continue
      x.reported = true
      reportBlind(x.ip, path, x.count, x.first, x.last, why, sink)
    }
  }
  let lastEvict = Number.NEGATIVE_INFINITY

  /** Counts the event into the entity's visit; reports the visit once it shows pages that were never rendered. */
  function seeVisit(key: string, e: HttpEvent, kind: RequestKind, path: string | null, ip: KeyedEntity | null, related: EntityRef | null, sink: DetectionSink): void {
    let v = visits.get(key)
    if (v === undefined) {
      v = freeVisits.pop() ?? { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, start: 0, last: 0, pages: 0, rendered: 0, drawn: 0, legacy: true, other: 0, reported: false, blindPath: null, blind: 0, formPath: null, onePath: true, ua: null, manyUas: false, refusedPath: null, refused: 0, accepted: 0 }
      startVisit(v, e.ts)
      visits.open(key, v, e.ts)
    } else {
      visits.touch(v, e.ts)
      if (e.ts - v.last > gapMs) startVisit(v, e.ts)
    }
    v.last = Math.max(v.last, e.ts)
    // A page's content served; HEAD fetches none (a link checker or a monitor with a browser UA).
    const method = e.http_request_method
    const served = (method === null || method === 'GET') && (e.http_response_status_code === null || e.http_response_status_code < 400)
    const referrer = e.http_request_referrer
    const write = method !== null && method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'
    const p = path === null ? '' : path.length > 200 ? path.slice(0, 200) : path
    // Writes are judged per address: whether anyone there loaded a page first.
    if (ip !== null && kind === 'page' && write && path !== null) {
      // Blind: nothing rendered before it, and no page fetched but the form's own (a script
      // fetches it for its token and posts it back). Any other page is not enough: where a CDN
      // serves the assets, a person landing without a referrer shows nothing else before the
      // beacon their page sends to another path.
      const blind = v.rendered === 0 && (v.pages === 0 || (v.onePath && v.formPath === p)) && v.start - streamStart >= BLIND_WARMUP_MS
      writesSeen++
      if (blind) blindSeen++
      // Where most writes come without their page, the log is missing pages (a CDN caching them
      // whole answers people's page views itself), not people their forms: blindness says nothing.
      const judged = blind && writesSeen >= minWrites && blindSeen < MAX_BLIND_SHARE * writesSeen
      if (judged && (v.blindPath === null || v.blindPath === p)) {
        v.blindPath = p
        v.blind++
        if (v.blind === config.headless.blindWrites) reportBlind(ip.ref.value, p, v.blind, v.start, v.last, ' in one visit', sink)
      }
      seeWrite(ip, p, judged, e.ts, sink)
    }
    // The same write refused again and again: a card tested, a sold-out item grabbed at, by a
    // script retrying what the shop keeps refusing. People give up, or get through, after a few.
    // The site's API is left out: an app's retry loop on an expired token is not this.
    if (ip !== null && kind !== 'api' && write && path !== null) {
      const status = e.http_response_status_code
      if (v.refusedPath === null && status !== null && status >= 400) v.refusedPath = p
      if (v.refusedPath === p) {
        if (status !== null && status >= 400) v.refused++
        else v.accepted++
        const h = config.headless
        if (v.refused === h.refusedWrites && v.refused >= REFUSED_TO_ACCEPTED * v.accepted) reportRefused(ip.ref.value, p, v, status ?? 0, sink)
      }
    }
    if (kind === 'static' || kind === 'api') {
      v.rendered++
      v.drawn++
    } else if (kind === 'page' && served) {
      if (v.pages === 0) v.formPath = p
      else if (p !== v.formPath) v.onePath = false
      v.pages++
      if (legacyTransport(e.http_version) === null) v.legacy = false
      // Reached from another page of the shop, so that page was shown; a search engine's or the
      // scraper's own referrer says the visit arrived, not that anything was rendered.
      // Read only while nothing is rendered yet: most visits render at their first page's assets.
      if (v.rendered === 0 && hasValue(referrer) && referrers.fromShop(e, referrer)) v.rendered++
    } else {
      v.other++
      // A write after a page, naming a page, is the page's own script at work (a beacon, the cart)
      // or its form: on a site whose assets a CDN serves, often the only trace of a page rendered.
      // Its script names the page it runs on; a script posting straight to the endpoint often names none.
      if (v.pages > 0 && write && hasValue(referrer)) {
        v.rendered++
        v.drawn++
      }
    }
    const ua = e.user_agent_original
    if (v.ua === null) v.ua = ua
    else if (ua !== v.ua) v.manyUas = true
    if (v.reported || v.pages < config.headless.noRenderPages) return
    // Shop referrers stand for a page shown only beside something a drawn page pulls in: a script
    // sets them itself, while a browser showing page after page fetches an image, a font or its
    // beacon on at least one of them. Read only over HTTP/1 on a log whose pages come over HTTP/2:
    // behind a CDN (whose edge talks HTTP/1.1 to the origin, or HTTP/2 for everyone) people's
    // pages reach the log with their referrers and nothing else.
    const referredOnly = v.drawn === 0 && v.legacy && v.pages >= config.headless.referredPages && e.ts - lastModern <= gapMs
    if (v.rendered > 0 && !referredOnly) return
    // An address that carried several user agents in the visit is several people (an office, a
    // carrier NAT), two of whom can land from outside within seconds: judged per user agent there.
    if (ip !== null && v.manyUas) return
    // Where assets sit on a CDN or the format drops the referrer, their absence says nothing.
    if (!baseline.assetsLogged || !baseline.referrersLogged) return
    v.reported = true
    const harvest = v.other === 0
    sink.report(
      buildDetection({
        detector: HEADLESS_ID,
        threat: harvest ? 'OAT-011' : 'automation',
        category: harvest ? 'scraping' : 'automation',
        entity: entityFromKey(key),
        score: 65,
        firstSeenMs: v.start,
        lastSeenMs: v.last,
        count: v.pages + v.other,
        explanation: v.rendered > 0
          ? `${fmtInt(v.pages)} pages fetched by a client claiming a browser, with referrers from the shop but without one static asset, script call or write among them: referrers set by a script, not pages shown`
          : `${fmtInt(v.pages)} pages fetched by a client claiming a browser, without one static asset or referrer from the shop: not rendered`,
        evidence: [
          { field: 'reason', value: v.rendered > 0 ? 'pages not rendered, shop referrers only' : 'pages not rendered' },
          { field: 'pages', value: v.pages },
          { field: 'user_agent_original', value: (e.user_agent_original ?? '').slice(0, 256) },
        ],
        related: related === null ? [] : [related],
      }),
    )
  }

  function renders(s: Seen): boolean {
    return s.statics / s.count >= ASSETS_PER_PAGE_RENDERED
  }

  /**
   * A session's first page is often fetched before its cookie is set and only its assets after,
   * and a checkout is API calls without assets: a few requests can read as not rendering. The
   * address it came from, a TLS-inspecting gateway's in an office, has rendered for everyone.
   */
  function rendersHereOrThere(s: Seen): boolean {
    if (renders(s)) return true
    const other = s.relatedKey === null ? undefined : seen.peek(s.relatedKey)
    return other !== undefined && other.mismatchOnly && renders(other)
  }

  function flush(sink: DetectionSink, final: boolean, now: number): void {
    const pendingKeys: string[] = []
    for (const key of dirty) {
      const s = seen.peek(key)
      if (s === undefined || s.count < config.headless.minRequests) continue
      const material = s.reportedCount === 0 || s.score > s.reportedScore || s.count >= s.reportedCount * REPORT_GROWTH || now - s.reportedAt >= REPORT_EVERY_MS
      if (!final && !material) {
        pendingKeys.push(key)
        continue
      }
      // A client that renders pages (fetches their assets) behind a mismatched TLS fingerprint is a
      // browser behind a TLS-intercepting proxy (corporate gateways), not an HTTP library.
      // Until the site's asset share is known, such a client stays pending.
      if (s.mismatchOnly && !baseline.ready && !final) {
        pendingKeys.push(key)
        continue
      }
      if (s.mismatchOnly && baseline.assetsLogged && rendersHereOrThere(s)) continue
      s.reportedCount = s.count
      s.reportedScore = s.score
      s.reportedAt = now
      sink.report(
        buildDetection({
          detector: HEADLESS_ID,
          threat: 'automation',
          category: 'automation',
          entity: entityFromKey(key),
          score: s.score,
          firstSeenMs: s.first,
          lastSeenMs: s.last,
          count: s.count,
          explanation: `${fmtInt(s.count)} page requests from ${s.reason}`,
          evidence: [
            { field: 'reason', value: s.reason },
            { field: 'requests', value: s.count },
            ...(s.userAgent === null ? [] : [{ field: 'user_agent_original', value: s.userAgent.slice(0, 256) }]),
          ],
          related: s.related === null ? [] : [s.related],
        }),
      )
    }
    dirty.clear()
    for (const key of pendingKeys) dirty.add(key)
  }

  /** Counts a flagged request for `key`; the reason is worded only when it is the entity's first or a stronger one. */
  function see(key: string, other: KeyedEntity | null, e: HttpEvent, ua: UaFindings, score: number, mismatchOnly: boolean): void {
    let s = seen.use(key, e.ts)
    if (s === undefined) {
      s = { reason: reasonOf(ua, score), mismatchOnly, statics: 0, score, first: e.ts, last: e.ts, count: 0, userAgent: e.user_agent_original, related: other?.ref ?? null, relatedKey: other?.key ?? null, reportedCount: 0, reportedScore: 0, reportedAt: 0 }
      seen.set(key, s, e.ts)
    }
    s.count++
    if (!mismatchOnly) s.mismatchOnly = false
    if (e.ts > s.last) s.last = e.ts
    if (score > s.score) {
      s.score = score
      s.reason = reasonOf(ua, score)
    }
    dirty.add(key)
  }

  return {
    id: HEADLESS_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      if (Number.isNaN(streamStart)) streamStart = e.ts
      if (e.user_agent_original === null || crawlers.isVerified(e)) return
      const kind = e.user_agent_bot_kind
      if (kind === 'monitor' || kind === 'crawler' || kind === 'ai_crawler') return
      const f = facts ?? httpFacts(e)
      baseline.add(e, f.kind)
      if (f.kind === 'page' && modernTransport(e.http_version)) lastModern = e.ts
      if (f.kind === 'static') referrers.noteAsset(e.http_request_referrer)
      else if (f.kind === 'page') referrers.notePage(e.http_request_referrer)
      const ua = eventUa(e)
      // Looked up once per event, and only where it is used: a lookup opens a rebuilt session.
      let session: KeyedEntity | null | undefined
      if ((ua.browser !== null || ua.engine !== null) && ua.automation === null) {
        session = sessions.entityOf(e, f)
        // Per address, and per address and user agent: a cookie or device id names a visit only
        // from its second request on (the first response sets it), so it never holds a whole visit.
        const rebuilt = f.named === null ? session : null
        if (f.ip !== null) seeVisit(f.ip.key, e, f.kind, f.path, f.ip, rebuilt?.ref ?? null, sink)
        if (rebuilt !== null) seeVisit(rebuilt.key, e, f.kind, f.path, null, f.ip?.ref ?? null, sink)
      }
      if (f.kind === 'static') {
        if (session === undefined) session = sessions.entityOf(e, f)
        if (f.ip !== null) {
          const s = seen.peek(f.ip.key)
          if (s !== undefined) s.statics++
        }
        if (session !== null) {
          const s = seen.peek(session.key)
          if (s !== undefined) s.statics++
        }
        return
      }
      let score: number
      if (ua.mismatch !== null) score = MISMATCH_SCORE
      else if (ua.version === 'impossible') score = IMPOSSIBLE_SCORE
      // An HTTP library that names itself on the site's API is what the shop's own app and its
      // integrations are (okhttp, CFNetwork, Go-http-client calling /api/); one fetching pages
      // meant for a browser is not. Whatever it does on the API is for the behavioural detectors.
      else if (ua.automation !== null && f.kind !== 'api') score = AUTOMATION_SCORE
      else return
      if (session === undefined) session = sessions.entityOf(e, f)
      const mismatchOnly = ua.mismatch !== null && ua.automation === null && ua.version !== 'impossible'
      if (f.ip !== null) see(f.ip.key, session, e, ua, score, mismatchOnly)
      if (session !== null) see(session.key, f.ip, e, ua, score, mismatchOnly)
    },
    tick(now, sink) {
      flush(sink, false, now)
      if (now - lastEvict >= 60_000) {
        lastEvict = now
        sessions.evictIdle(now)
        visits.evictIdle(now)
        pathWrites.evictIdle(now)
      }
    },
    finish(sink) {
      flush(sink, true, Number.POSITIVE_INFINITY)
    },
  }
}
