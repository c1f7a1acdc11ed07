/**
 * `bot.scraping` (OAT-011): catalog harvesting by one IP or one session. An entity's
 * window is considered only when it fetched many distinct pages, walked ids in sequence or
 * hit a honeypot; it is then scored from behaviour — breadth of pages per visitor, sequential id walks,
 * missing static assets, timer-like pacing, missing or throw-away session cookies, no
 * referrers, honeypot hits, not one action (no cart, login or form post) — raised by automation
 * user agents, UA/TLS mismatches, datacenter origin and stale browsers. Verified crawlers are
 * skipped. A device reported is one browser: the cookie sessions it carries are reported with it.
 *
 * A window is also scored while it is open, each time its requests have grown by half, so
 * a harvest is raised while it runs rather than when its window ends; what that early
 * score reads is the evidence so far, and every signal only grows with more of it except
 * the ratios, which a window of a hundred requests already pins down.
 * @module
 */
import type { EntityRef, Evidence } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { InterArrival } from '../state/inter-arrival.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtDuration, fmtInt, fmtPercent, joinClauses } from '../signals/format.ts'
import { createCrawlerVerifier, hostingFlag, type HostingFlag } from '../signals/network.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { catalogId, pageIdentity, requestQuery, type CatalogId, type RequestKind } from '../signals/request-kind.ts'
import { combine, ramp, type Signal } from '../signals/score.ts'
import { createClientState, entityFromKey, type ClientState } from '../signals/sessions.ts'
import { SiteBaseline } from '../signals/site-baseline.ts'
import type { UaFindings } from '../signals/user-agent.ts'

export const SCRAPING_ID = 'bot.scraping'
const MAX_HONEYPOT_NAMES = 5
/** Cookie sessions a device's window remembers, to judge with it (a scraper renews its cookie now and then). */
const MAX_DEVICE_SESSIONS = 8
const NO_HITS: readonly string[] = []

interface Profile {
  dynamic: number
  pages: number
  statics: number
  noCookie: number
  pagesNoReferrer: number
  /** Requests that act (POST, PUT, PATCH, DELETE): a cart, a login, a form. */
  writes: number
  /** The path of the window's first write, and the writes that went elsewhere. */
  writePath: string | null
  writesElsewhere: number
  sessions: DistinctCounter
  userAgents: DistinctCounter
  /** Distinct pages: path and content-picking query parameters (`pageIdentity`). */
  paths: DistinctCounter
  lastPage: string | null
  idSteps: number
  seqSteps: number
  lastTemplate: string | null
  lastId: number
  pacing: InterArrival
  honeypots: string[]
  ua: UaFindings | null
  hosting: HostingFlag | null
  asn: number | null
  related: EntityRef | null
  /** For a device: the cookie sessions it carried in this window, judged with it. */
  deviceSessions: KeyedEntity[]
}

function newProfile(): Profile {
  return {
    dynamic: 0,
    pages: 0,
    statics: 0,
    noCookie: 0,
    pagesNoReferrer: 0,
    writes: 0,
    writePath: null,
    writesElsewhere: 0,
    sessions: new DistinctCounter({ exactLimit: 32 }),
    userAgents: new DistinctCounter({ exactLimit: 16 }),
    paths: new DistinctCounter(),
    lastPage: null,
    idSteps: 0,
    seqSteps: 0,
    lastTemplate: null,
    lastId: 0,
    pacing: new InterArrival(),
    honeypots: [],
    ua: null,
    hosting: null,
    asn: null,
    related: null,
    deviceSessions: [],
  }
}

/**
 * Whether the window holds an action. Writes that all go to one path, one for (nearly) every
 * page, are what the pages' own scripts send (an analytics beacon, a cart-fragment refresh): a
 * browser that runs them, scripted or not, sends them while only reading. People's actions
 * (a cart, a login, an order) are occasional, or go to several paths.
 */
function acted(p: Profile): boolean {
  return p.writes > 0 && (p.writesElsewhere > 0 || p.writes < TELEMETRY_WRITES_PER_PAGE * (p.dynamic - p.writes))
}
const TELEMETRY_WRITES_PER_PAGE = 0.8

function resetProfile(p: Profile): void {
  p.dynamic = 0
  p.pages = 0
  p.statics = 0
  p.noCookie = 0
  p.pagesNoReferrer = 0
  p.writes = 0
  p.writePath = null
  p.writesElsewhere = 0
  p.sessions.clear()
  p.userAgents.clear()
  p.paths.clear()
  p.lastPage = null
  p.idSteps = 0
  p.seqSteps = 0
  p.lastTemplate = null
  p.lastId = 0
  p.pacing.reset()
  p.honeypots.length = 0
  p.ua = null
  p.hosting = null
  p.asn = null
  p.related = null
  p.deviceSessions.length = 0
}

interface Flagged {
  first: number
  count: number
}

/** A device's last reported window: what its sessions are reported with. */
interface Judged {
  device: EntityRef
  score: number
  first: number
  last: number
  count: number
  explanation: string
  evidence: Evidence[]
}

/**
 * Whether `page` only grows or trims the text of the query before it (`?q=r`, `?q=re`,
 * `?q=red`; a filter added to a listing): one search or listing refined, not new pages. A
 * number growing (`?id=1` then `?id=12`) is another record, so the shorter must not end in a digit.
 */
function refines(page: string, last: string | null): boolean {
  if (last === null || page.length === last.length) return false
  const short = page.length < last.length ? page : last
  const c = short.charCodeAt(short.length - 1)
  return !(c >= 48 && c <= 57) && short.includes('?') && (short === page ? last.startsWith(page) : page.startsWith(last))
}

function hasKey(entities: readonly KeyedEntity[], key: string): boolean {
  // The newest is the likeliest: a device keeps one cookie until it renews it.
  for (let i = entities.length - 1; i >= 0; i--) if (entities[i]?.key === key) return true
  return false
}

/**
 * `clients`: the per-client windows and sessions it shares with bot.scanner (the registry passes the same to both);
 * `shared`: what every bot detector of a run shares. Alone it has its own of each.
 */
export function createScrapingDetector(config: DetectConfig, clients: ClientState = createClientState(config), shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const crawlers = createCrawlerVerifier(config)
  const c = config.scraping
  const w = c.weights
  const windowMs = config.windowMinutes * 60_000
  const honeypots = config.honeypotPaths
  const baseline = new SiteBaseline(config.baselineMinEvents)

  /** The honeypots `path` is under, in configuration order. */
  function honeypotsIn(path: string): readonly string[] {
    let hits: string[] | null = null
    for (const h of honeypots) {
      if (path.startsWith(h)) (hits ??= []).push(h)
    }
    return hits ?? NO_HITS
  }
  const sessions = clients.sessions
  const flagged = new BoundedMap<string, Flagged>({ maxEntries: config.maxEntities })
  // Devices reported in the last window's time: a cookie they renew after it is still theirs.
  const judgedDevices = new BoundedMap<string, Judged>({ maxEntries: config.maxEntities, idleMs: windowMs })
  // Runs of consecutive windows in which an entity harvested (minDistinctPages or more distinct
  // pages per visitor), with the distinct pages per visitor summed over the run.
  const runs = new BoundedMap<string, { windows: number; pages: number; lastEnd: number }>({ maxEntries: config.maxEntities, idleMs: 2 * windowMs })
  let pending: DetectionSink | null = null
  let lastSweep = Number.NEGATIVE_INFINITY

  const windows = clients.windows.join<Profile>({
    create: newProfile,
    reset: resetProfile,
    onClose: (key, p, start, last) => {
      if (pending !== null) evaluate(key, p, start, last, pending)
    },
  })

  // What the current event adds to any window, derived once per event rather than once per
  // entity it counts for (IP, session, device): set by onHttp before the windows see it.
  let fetched = false
  let wrote = false
  let page: string | null = null
  let cat: CatalogId | null = null
  let honeypotHits: readonly string[] = NO_HITS

  function observe(p: Profile, e: HttpEvent, kind: RequestKind, path: string | null, related: EntityRef | null, session: KeyedEntity | null): void {
    if (session !== null && p.deviceSessions.length < MAX_DEVICE_SESSIONS && !hasKey(p.deviceSessions, session.key)) p.deviceSessions.push(session)
    if (kind === 'static') {
      p.statics++
      return
    }
    p.dynamic++
    if (wrote) {
      p.writes++
      if (p.writePath === null) p.writePath = path
      else if (path !== p.writePath) p.writesElsewhere++
    }
    p.pacing.add(e.ts)
    if (e.session_id === null) p.noCookie++
    else p.sessions.add(e.session_id)
    if (e.user_agent_original !== null) p.userAgents.add(e.user_agent_original)
    if (p.ua === null) {
      // A library that names itself on the site's API is the shop's app or an integration: it does
      // not stand for the client of the window (a carrier NAT's first request is often the app's).
      const ua = eventUa(e)
      if (kind !== 'api' || ua.automation === null) p.ua = ua
    }
    if (p.hosting === null) p.hosting = hostingFlag(e.source_ip_flags)
    if (p.asn === null) p.asn = e.source_as_number
    if (p.related === null) p.related = related
    if (path === null) return
    if (page !== null) {
      if (!refines(page, p.lastPage)) p.paths.add(page)
      p.lastPage = page
    }
    if (kind === 'page') {
      p.pages++
      if (e.http_request_referrer === null || e.http_request_referrer === '-' || e.http_request_referrer === '') p.pagesNoReferrer++
    }
    for (const h of honeypotHits) {
      if (p.honeypots.length < MAX_HONEYPOT_NAMES && !p.honeypots.includes(h)) p.honeypots.push(h)
    }
    if (cat !== null) {
      if (cat.template === p.lastTemplate) {
        p.idSteps++
        const d = Math.abs(cat.id - p.lastId)
        if (d >= 1 && d <= 2) p.seqSteps++
      }
      p.lastTemplate = cat.template
      p.lastId = cat.id
    }
  }

  /** The harvesting run this window extends; `early` reads it as if the window closed now, changing nothing. */
  function harvestRun(key: string, coverage: number, start: number, last: number, early: boolean): { windows: number; pages: number } {
    if (coverage < c.minDistinctPages) {
      if (!early) runs.delete(key)
      return { windows: 0, pages: 0 }
    }
    if (early) {
      const r = runs.peek(key)
      const continues = r !== undefined && start - r.lastEnd <= windowMs
      return { windows: (continues ? r.windows : 0) + 1, pages: (continues ? r.pages : 0) + coverage }
    }
    let r = runs.use(key, last)
    if (r === undefined || start - r.lastEnd > windowMs) {
      r = { windows: 0, pages: 0, lastEnd: last }
      runs.set(key, r, last)
    }
    r.windows++
    r.pages += coverage
    r.lastEnd = last
    return r
  }

  function evaluate(key: string, p: Profile, start: number, last: number, sink: DetectionSink, early = false): void {
    if (p.dynamic < c.minRequests && p.honeypots.length === 0) {
      if (!early) runs.delete(key)
      return
    }
    const entity = entityFromKey(key)
    const perVisitor = entity.type === 'ip'
      ? Math.max(1, baseline.cookiesLogged ? p.sessions.count() : p.userAgents.count())
      : 1
    const distinct = p.paths.count()
    const coverage = distinct / perVisitor
    const assetsPerPage = p.statics / Math.max(1, p.pages)
    const sessionCount = p.sessions.count()
    const throwaway = p.dynamic >= 10 && sessionCount / p.dynamic >= c.cookielessRatio
    const cookieless = p.noCookie / p.dynamic >= c.cookielessRatio
    const cv = p.pacing.cv
    const seqRatio = p.idSteps >= 20 ? p.seqSteps / p.idSteps : 0
    const noRefShare = p.pages > 0 ? p.pagesNoReferrer / p.pages : 0
    const ua = p.ua
    const run = harvestRun(key, coverage, start, last, early)
    // Most windows scored did not harvest: they stop here, before thirteen signals and their sentences are built.
    const harvested = distinct >= c.minDistinctPages || seqRatio >= c.sequentialRatio || p.honeypots.length > 0
    if (!harvested) return
    const signals: Signal[] = [
      {
        name: 'coverage',
        weight: w.coverage,
        strength: ramp(coverage, c.coverageLow, c.coverageHigh),
        phrase: entity.type === 'ip' && perVisitor > 1
          ? `${fmtInt(coverage)} distinct pages per visitor (${fmtInt(distinct)} across ${fmtInt(perVisitor)})`
          : `${fmtInt(distinct)} distinct pages`,
      },
      {
        // People browse in bursts and stop to read; a browser-driving scraper keeps harvesting,
        // window after window, at a pace that passes every per-window threshold. A loyal customer
        // can keep going as long, but acts while at it (cart, login, order): then it weighs half.
        name: 'sustained',
        weight: acted(p) ? w.sustained / 2 : w.sustained,
        strength: run.windows >= c.sustainedWindows ? ramp(run.pages, c.sustainedPagesLow, c.sustainedPagesHigh) : 0,
        phrase: `${fmtInt(run.pages)} distinct pages${entity.type === 'ip' && perVisitor > 1 ? ' per visitor' : ''} over ${fmtInt(run.windows)} windows of ${config.windowMinutes} min in a row`,
      },
      {
        name: 'sequential',
        weight: w.sequential,
        strength: ramp(seqRatio, c.sequentialRatio * 0.8, c.sequentialRatio),
        phrase: `sequential ids (${fmtPercent(seqRatio)} of ${fmtInt(p.idSteps)} steps)`,
      },
      {
        name: 'no_assets',
        weight: baseline.assetsLogged ? w.noAssets : 0,
        strength: p.pages >= 10 ? 1 - ramp(assetsPerPage, 0, c.assetsPerPageLow) : 0,
        phrase: p.statics === 0 ? 'no static assets' : `${assetsPerPage.toFixed(2)} static assets per page`,
      },
      {
        name: 'regular',
        weight: w.regular,
        strength: p.pacing.gaps >= 20 && !Number.isNaN(cv) ? 1 - ramp(cv, c.regularCv * 0.5, c.regularCv) : 0,
        phrase: `timer-like pacing (every ${(p.pacing.meanMs / 1000).toFixed(1)} s, CV ${cv.toFixed(2)})`,
      },
      {
        name: 'cookieless',
        weight: baseline.cookiesLogged ? w.cookieless : 0,
        strength: cookieless || throwaway ? 1 : 0,
        phrase: cookieless ? 'no session cookie' : 'a new session cookie on almost every request',
      },
      {
        name: 'no_referrer',
        weight: baseline.referrersLogged ? w.noReferrer : 0,
        strength: p.pages >= 10 ? ramp(noRefShare, 0.8, 0.95) : 0,
        phrase: 'no referrer',
      },
      {
        // People act on what they browse (add to cart, log in, post a form); a harvester only reads.
        // Reading alone is common at home, so there it weighs half; from a cloud server or Tor it
        // is what a browser farm looks like, however human its pages and pace. VPN lists hold both
        // hosting ranges and the exits of consumer VPN apps, which people browse through, reading
        // long without buying: from there it takes reading at a breadth people seldom reach in one
        // window (twice minDistinctPages) to count in full.
        name: 'read_only',
        weight: p.hosting === null ? w.readOnly / 2 : w.readOnly,
        strength: acted(p) ? 0 : p.hosting === 'vpn'
          ? ramp(coverage, c.minDistinctPages, 2 * c.minDistinctPages)
          : ramp(coverage, c.minDistinctPages / 2, c.minDistinctPages),
        phrase: `not one action (cart, login, form) in ${fmtInt(p.dynamic)} requests`,
      },
      {
        name: 'honeypot',
        weight: w.honeypot,
        strength: p.honeypots.length > 0 ? 1 : 0,
        phrase: `hit honeypot ${p.honeypots.join(', ')}`,
      },
      {
        name: 'automation',
        weight: w.automation,
        strength: ua?.automation != null ? 1 : 0,
        phrase: `automation client ${ua?.automation ?? ''}`,
      },
      {
        name: 'ua_mismatch',
        weight: w.uaMismatch,
        strength: ua?.mismatch != null || ua?.version === 'impossible' ? 1 : 0,
        phrase: ua?.mismatch != null
          ? `claims ${ua.browser?.family ?? 'a browser'} but its TLS client has ${ua.mismatch}`
          : `claims unreleased ${ua?.browser?.family ?? ''} ${ua?.browser?.major ?? ''}`,
      },
      {
        name: 'datacenter',
        weight: p.hosting === 'vpn' ? w.datacenter / 2 : w.datacenter,
        strength: p.hosting !== null ? 1 : 0,
        phrase: `from a ${p.hosting === 'cloud' ? 'datacenter' : p.hosting === 'tor' ? 'Tor' : 'VPN'} address${p.asn === null ? '' : ` (AS${p.asn})`}`,
      },
      {
        name: 'stale_browser',
        weight: w.staleBrowser,
        strength: ua?.version === 'stale' ? 1 : 0,
        phrase: `outdated ${ua?.browser?.family ?? ''} ${ua?.browser?.major ?? ''}`,
      },
    ]
    const { score, fired } = combine(signals)
    if (score < c.reportScore) return
    // An early score counts the open window without adding it: its close adds it once.
    const prior = early ? (flagged.peek(key) ?? { first: start, count: 0 }) : flagged.upsert(key, last, () => ({ first: start, count: 0 }))
    const count = early ? prior.count + p.dynamic : (prior.count += p.dynamic)
    const lead = `${fmtInt(p.dynamic)} ${p.pages === p.dynamic ? 'pages' : 'page and API requests'} in ${fmtDuration(last - start)}`
    const evidence: Evidence[] = [
      { field: 'requests', value: p.dynamic },
      { field: 'distinct_paths', value: distinct },
      { field: 'static_assets', value: p.statics },
      { field: 'window_start', value: new Date(start).toISOString() },
      ...fired.map((s) => ({ field: `signal.${s.name}`, value: Math.round(s.weight * s.strength * 100) / 100 })),
    ]
    const explanation = `${lead}: ${joinClauses(fired.slice(0, 4).map((s) => s.phrase))}`
    sink.report(
      buildDetection({
        detector: SCRAPING_ID,
        threat: 'OAT-011',
        category: 'scraping',
        entity,
        score,
        firstSeenMs: prior.first,
        lastSeenMs: last,
        count,
        explanation,
        evidence,
        related: p.related === null ? [] : [p.related],
      }),
    )
    if (entity.type !== 'device') return
    // A device is one browser profile: the cookie sessions it carried while it harvested are the
    // harvest too, however few requests each renewed cookie saw (an address is not: it can be a NAT).
    const judged: Judged = { device: entity, score, first: prior.first, last, count, explanation, evidence }
    judgedDevices.set(key, judged, last)
    for (const session of p.deviceSessions) reportSession(session, judged, sink)
  }

  function reportSession(session: KeyedEntity, j: Judged, sink: DetectionSink, lastSeenMs = j.last): void {
    sink.report(
      buildDetection({
        detector: SCRAPING_ID,
        threat: 'OAT-011',
        category: 'scraping',
        entity: session.ref,
        score: j.score,
        firstSeenMs: j.first,
        lastSeenMs,
        count: j.count,
        explanation: `a session of device ${j.device.value}, ${j.explanation}`,
        evidence: j.evidence,
        related: [j.device],
      }),
    )
  }

  function see(key: string, e: HttpEvent, f: HttpFacts, related: EntityRef | null, sink: DetectionSink, deviceSession: KeyedEntity | null = null): void {
    const p = windows.touch(key, e.ts)
    const sessionsBefore = p.deviceSessions.length
    observe(p, e, f.kind, f.path, related, deviceSession)
    if (deviceSession !== null && p.deviceSessions.length > sessionsBefore) {
      // A cookie renewed after its device was reported: the window it starts may be too short to judge.
      const j = judgedDevices.peek(key)
      if (j !== undefined && e.ts - j.last <= windowMs) reportSession(deviceSession, j, sink, e.ts)
    }
    const start = windows.earlyStart(p.dynamic, c.minRequests)
    if (!Number.isNaN(start)) evaluate(key, p, start, e.ts, sink, true)
  }

  return {
    id: SCRAPING_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      pending = sink
      const f = facts ?? httpFacts(e)
      baseline.add(e, f.kind)
      if (crawlers.isVerified(e)) return
      const path = f.kind === 'static' ? null : f.path
      const method = e.http_request_method
      const status = e.http_response_status_code
      // Only content actually served counts as harvested: probes and failed logins are not scraping.
      fetched = (method === null || method === 'GET' || method === 'HEAD') && (status === null || status < 400)
      wrote = method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE'
      page = fetched && path !== null ? pageIdentity(path, requestQuery(e)) : null
      cat = page === null ? null : catalogId(page)
      honeypotHits = path === null ? NO_HITS : honeypotsIn(path)
      const session = sessions.entityOf(e, f)
      const ip = f.ip
      if (ip !== null) see(ip.key, e, f, session?.ref ?? null, sink)
      if (session !== null) see(session.key, e, f, ip?.ref ?? null, sink)
      // A device outlives its sessions (a scraper renews cookies; its browser profile stays).
      if (f.device !== null && f.device !== session) see(f.device.key, e, f, ip?.ref ?? null, sink, session)
    },
    tick(now, sink) {
      pending = sink
      if (now - lastSweep < windowMs / 10) return
      lastSweep = now
      windows.sweep(now)
      judgedDevices.evictIdle(now)
      sessions.evictIdle(now)
    },
    finish(sink) {
      pending = sink
      windows.flush()
    },
  }
}
