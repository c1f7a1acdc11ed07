/**
 * `bot.proxy_rotation` (OAT-011 when it harvests content, else `automation`): one client spread over many IPs so that no IP crosses a
 * per-IP threshold. Each (fingerprint, IP), (ja4, IP), (subnet, IP) and (ASN, IP) pair is a short
 * "visit"; a visit that ends with page loads but no static asset and no session cookie
 * (or with an automation or mismatched client) is bot-like. A client fingerprint (ja4 +
 * exact user agent), /24 or /48 subnet, or ASN is flagged when, in a window, many IPs made
 * bot-like visits of a few requests each and they are most of its visits. Counting visits
 * rather than requests keeps people who share a popular browser build, or a carrier's
 * CGNAT pool, from hiding a rotating scraper — or from being mistaken for one.
 * A flagged fingerprint also flags each IP it used (bounded). Declared bots are skipped.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { DistinctCounter } from '../state/distinct-counter.ts'
import { EntityWindows } from '../state/entity-windows.ts'
import { GenerationalCache } from '../state/generational-cache.ts'
import type { RecordPart } from '../state/client-records.ts'
import { LruList, type LruLinks } from '../state/lru-list.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtDuration, fmtInt, fmtPercent, joinClauses } from '../signals/format.ts'
import { isDeclaredBot, subnetOf } from '../signals/network.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { combine, ramp, type Signal } from '../signals/score.ts'
import { entityFromKey, entityKey } from '../signals/sessions.ts'
import { createSessionSpreads, type SessionSpreads } from '../signals/session-spread.ts'
import { SiteBaseline } from '../signals/site-baseline.ts'
import { TLS_FAMILIES } from '../signals/user-agent.ts'

export const PROXY_ROTATION_ID = 'bot.proxy_rotation'
const MAX_UA_IN_VALUE = 200
const RELATED_SHOWN = 20
// A visit ends after this much silence from the pair; rotating IPs are used briefly.
export const VISIT_IDLE_MS = 120_000
const MAX_CLIENTS = 20_000
// Ended visits kept for reuse, and IPs whose subnet and ASN levels are kept built.
const MAX_FREE_VISITS = 4096
const MAX_IP_LEVELS = 20_000

/** Levels a visit counts for: one client fingerprint, one ja4, or an IP's subnet and ASN. */
interface Group {
  levels: string[]
}

/** An IP's subnet and ASN levels, for the ASN it was seen with. */
interface IpLevels {
  asn: number | null
  levels: string[]
}

/**
 * The open visits of one IP, one per group: its part of the address's client record, so the key
 * look-up the other detectors make for the address finds them too, for all its groups.
 */
interface IpVisits extends RecordPart {
  list: Visit[]
  /** The IP's key while the holder is open, null once released. */
  ipKey: string | null
}

interface Visit extends LruLinks {
  /** The levels (entity keys) this visit counts for: a fingerprint, a ja4, or the IP's subnet and ASN. */
  levels: string[]
  /** The level group it counts for (the client, the ja4 or the IP's networks). */
  group: Group
  /** The open visits of its IP, which hold it. */
  holder: IpVisits
  ip: string
  asn: number | null
  requests: number
  statics: number
  /**
   * Requests a rendered page makes besides its assets: API calls and writes sent after a page of
   * the visit (its scripts' cart calls, analytics beacons, a form). Assets are served by a CDN on
   * many shops; these reach the origin whatever serves the assets.
   */
  subrequests: number
  /** Pages served in the visit so far: a write before any is not one a page made. */
  pages: number
  /** Requests without a session cookie, or with one that hops between addresses (not a person's). */
  cookieless: number
  /** Of those, with a cookie that hops. */
  hopping: number
  /** Successful GET/HEAD requests: content served, the mark of scraping. */
  harvest: number
  /** One request that was not content served (e.g. `POST /login`), for the explanation. */
  other: string | null
  automated: string | null
  /** Bit of the TLS family the user agent implies (TLS_FAMILIES order), 0 when none. */
  family: number
  last: number
}

interface Aggregate {
  visits: number
  botVisits: number
  botRequests: number
  harvest: number
  other: string | null
  ips: DistinctCounter
  ipList: string[]
  asns: DistinctCounter
  automated: string | null
  /** TLS families implied by the user agents of bot-like visits, as bits. */
  families: number
  noAssets: boolean
  noCookies: boolean
  /** A bot-like visit's cookie was one that hops between addresses. */
  hopping: boolean
}

function popcount(bits: number): number {
  let n = 0
  for (let b = bits; b !== 0; b &= b - 1) n++
  return n
}

/** A client build as the rotation levels name it: ja4 and exact user agent (cut at 200 characters). */
export function fingerprintOf(e: HttpEvent): string | null {
  if (e.tls_client_ja4 === null && e.user_agent_original === null) return null
  const ua = e.user_agent_original === null ? '-' : e.user_agent_original.slice(0, MAX_UA_IN_VALUE)
  return `ja4=${e.tls_client_ja4 ?? '-'} ua=${ua}`
}

/** `spreads` and `shared`: what it shares with the other bot detectors of a run (the registry passes them); alone it has its own. */
export function createProxyRotationDetector(config: DetectConfig, spreads: SessionSpreads = createSessionSpreads(config), shared: BotContext = createBotContext(config)): StreamDetector {
  const eventUa = shared.ua
  const c = config.proxyRotation
  const windowMs = config.windowMinutes * 60_000
  const baseline = new SiteBaseline(config.baselineMinEvents)
  const flagged = new BoundedMap<string, { first: number; count: number }>({ maxEntries: config.maxEntities })
  let pending: DetectionSink | null = null
  let lastSweep = Number.NEGATIVE_INFINITY

  const windows = new EntityWindows<Aggregate>({
    windowMs,
    maxEntries: config.maxEntities,
    create: () => ({
      visits: 0,
      botVisits: 0,
      botRequests: 0,
      harvest: 0,
      other: null,
      // Exact up to a few hundred, so the explanation's counts are exact where it matters.
      ips: new DistinctCounter({ exactLimit: 512 }),
      ipList: [],
      asns: new DistinctCounter({ exactLimit: 128 }),
      automated: null,
      families: 0,
      noAssets: true,
      noCookies: true,
      hopping: false,
    }),
    reset: (agg) => {
      agg.visits = 0
      agg.botVisits = 0
      agg.botRequests = 0
      agg.harvest = 0
      agg.other = null
      agg.ips.clear()
      agg.ipList.length = 0
      agg.asns.clear()
      agg.automated = null
      agg.families = 0
      agg.noAssets = true
      agg.noCookies = true
      agg.hopping = false
    },
    onClose: (key, agg, start, last) => {
      if (pending !== null) evaluate(key, agg, start, last, pending)
    },
  })

  // Visits are found through their IP's open visits, by the IP's key, so no pair key is
  // built per event; the idle/cap order links the visits themselves, which are reused once ended.
  // Never past its cap: a holder is open only while it holds a visit (and for the event that opens one).
  const holders = shared.records.parts<IpVisits>({ maxEntries: config.maxEntities * 4 + 1 })
  const freeVisits: Visit[] = []
  // An IP's visits end together two minutes after its last request and start again on its
  // next page view: its holder is kept for the next IP rather than made anew each time.
  const freeHolders: IpVisits[] = []
  function releaseHolder(holder: IpVisits): void {
    holders.delete(holder)
    holder.ipKey = null
    if (freeHolders.length < MAX_FREE_VISITS) freeHolders.push(holder)
  }
  const visits = new LruList<Visit>({
    maxEntries: config.maxEntities * 4,
    idleMs: VISIT_IDLE_MS,
    onEvict: (v) => {
      // Order in the list does not matter (a visit is found by its group): the last one takes
      // its place, where splice would allocate the array of what it removed.
      const list = v.holder.list
      const last = list.pop() as Visit
      if (last !== v) list[list.indexOf(v)] = last
      if (list.length === 0) releaseHolder(v.holder)
      for (const level of v.levels) endVisit(level, v)
      if (freeVisits.length < MAX_FREE_VISITS) freeVisits.push(v)
    },
  })

  function endVisit(level: string, v: Visit): void {
    if (v.requests === 0) return
    const agg = windows.touch(level, v.last)
    agg.visits++
    const assetsSay = baseline.assetsLogged ? v.statics === 0 && v.subrequests === 0 : null
    const cookiesSay = baseline.cookiesLogged ? v.cookieless === v.requests : null
    const botLike = v.automated !== null || ((assetsSay ?? true) && (cookiesSay ?? true) && (assetsSay !== null || cookiesSay !== null))
    if (!botLike || v.requests > c.maxRequestsPerIp) return
    agg.botVisits++
    agg.botRequests += v.requests
    agg.harvest += v.harvest
    agg.other ??= v.other
    const before = agg.ips.count()
    agg.ips.add(v.ip)
    // Only IPs whose own visit harvested content are named: a shared TLS stack can also carry other bots.
    if (agg.ips.count() > before && agg.ipList.length < c.maxIpsReported && v.harvest * 2 >= v.requests) agg.ipList.push(v.ip)
    if (v.asn !== null) agg.asns.add(String(v.asn))
    agg.automated ??= v.automated
    agg.families |= v.family
    if (assetsSay !== true) agg.noAssets = false
    if (cookiesSay !== true) agg.noCookies = false
    if (v.hopping > 0) agg.hopping = true
  }

  function evaluate(key: string, agg: Aggregate, start: number, last: number, sink: DetectionSink): void {
    const ips = agg.ips.count()
    if (agg.botRequests < c.minRequests || ips < c.minIps) return
    const share = agg.botVisits / agg.visits
    const perIp = agg.botRequests / ips
    const networks = agg.asns.count()
    const signals: Signal[] = [
      {
        name: 'rotation',
        weight: 0.55,
        strength: 0.25 + 0.75 * ramp(ips, c.minIps, c.minIps * 5),
        phrase: `${fmtInt(ips)} IPs${networks > 1 ? ` in ${fmtInt(networks)} networks` : ''}, ${perIp.toFixed(1)} requests each`,
      },
      {
        name: 'bot_share',
        weight: 0.5,
        strength: ramp(share, 0.3, 0.7),
        phrase: `${fmtPercent(share)} of its visits`,
      },
      { name: 'no_assets', weight: 0.3, strength: agg.noAssets && baseline.assetsLogged ? 1 : 0, phrase: 'no static assets' },
      { name: 'cookieless', weight: 0.3, strength: agg.noCookies && baseline.cookiesLogged ? 1 : 0, phrase: agg.hopping ? 'no session cookie but ones that hop between addresses' : 'no session cookie' },
      { name: 'automation', weight: 0.4, strength: agg.automated !== null ? 1 : 0, phrase: agg.automated ?? '' },
      {
        name: 'tls_families',
        weight: 0.45,
        strength: entityFromKey(key).type === 'actor' && popcount(agg.families) >= 2 ? 1 : 0,
        phrase: `one TLS client behind ${joinClauses(TLS_FAMILIES.filter((_, i) => (agg.families & (1 << i)) !== 0))} user agents`,
      },
    ]
    const { score, fired } = combine(signals)
    if (score < c.reportScore) return
    const ref = entityFromKey(key)
    // Rotation is how a bot hides, not what it is for: only content harvested makes it scraping.
    const scraping = agg.harvest / agg.botRequests >= 0.5
    const threat = scraping ? 'OAT-011' : 'automation'
    const purpose = scraping ? '' : `, mostly not content (${agg.other ?? 'other requests'})`
    const prior = flagged.upsert(`${threat}\u0001${key}`, last, () => ({ first: start, count: 0 }))
    prior.count += agg.botRequests
    const what = ref.type === 'actor' ? (ref.value.includes(' ua=') ? 'one client fingerprint' : 'one TLS client') : ref.type === 'subnet' ? `subnet ${ref.value}` : `AS${ref.value}`
    const how = joinClauses(fired.filter((s) => s.name !== 'rotation' && s.name !== 'bot_share').map((s) => s.phrase))
    const explanation = `${fmtInt(agg.botRequests)} requests in ${fmtDuration(last - start)} from ${what} rotating over ${signals[0]?.phrase}${how === '' ? '' : `, ${how}`} (${signals[1]?.phrase})${purpose}`
    const evidence = [
      { field: 'bot_like_requests', value: agg.botRequests },
      { field: 'distinct_ips', value: ips },
      { field: 'distinct_asns', value: networks },
      { field: 'bot_like_visit_share', value: Math.round(share * 100) / 100 },
    ]
    const related: EntityRef[] = agg.ipList.slice(0, RELATED_SHOWN).map((v) => ({ type: 'ip', value: v }))
    sink.report(buildDetection({ detector: PROXY_ROTATION_ID, threat, category: 'proxy_rotation', entity: ref, score, firstSeenMs: prior.first, lastSeenMs: last, count: prior.count, explanation, evidence, related }))
    if (ref.type !== 'actor') return
    // The same sentence for every IP of the client: written once, not once per IP.
    const ipExplanation = `one of ${fmtInt(ips)} IPs carrying the same rotating client, ${perIp.toFixed(1)} requests each${how === '' ? '' : `, ${how}`}${purpose}`
    for (const ip of agg.ipList) {
      const ipPrior = flagged.upsert(`${threat}\u0001ip\u0001${ip}`, last, () => ({ first: start, count: 0 }))
      ipPrior.count++
      sink.report(
        buildDetection({
          detector: PROXY_ROTATION_ID,
          threat,
          category: 'proxy_rotation',
          entity: { type: 'ip', value: ip },
          score: score - 10,
          firstSeenMs: ipPrior.first,
          lastSeenMs: last,
          count: ipPrior.count,
          explanation: ipExplanation,
          evidence: [{ field: 'fingerprint', value: ref.value }],
          related: [ref],
        }),
      )
    }
  }

  // One analysis per client, not per request: the same few clients repeat.
  interface Client {
    fp: Group
    /** Per bot kind the enrichment gave this user agent. */
    analyses: Map<string, { automated: string | null; family: number }>
  }
  const clients = new Map<string, Map<string, Client>>()
  const ja4Groups = new Map<string, Group>()
  // Subnet and ASN are functions of the IP, so one visit per IP counts for both.
  const ipGroup: Group = { levels: [] }
  let clientCount = 0
  /** The last event's client, analysis and ja4 group, by the fields they are looked up by. */
  const last: { ua: string | null; ja4: string | null; kind: string | null; client: Client | null; analysis: { automated: string | null; family: number }; ja4Group: Group | null } = {
    ua: null,
    ja4: null,
    kind: null,
    client: null,
    analysis: { automated: null, family: 0 },
    ja4Group: null,
  }
  /** The holder of the last event's IP (valid while its `ipKey` is still that IP's). */
  let lastHolder: IpVisits | null = null

  function clientOf(e: HttpEvent): Client | null {
    if (e.tls_client_ja4 === null && e.user_agent_original === null) return null
    const ua = e.user_agent_original ?? ''
    const ja4 = e.tls_client_ja4 ?? ''
    let byJa4 = clients.get(ua)
    if (byJa4 === undefined) {
      if (clientCount >= MAX_CLIENTS) {
        clients.clear()
        clientCount = 0
      }
      byJa4 = new Map()
      clients.set(ua, byJa4)
    }
    let client = byJa4.get(ja4)
    if (client === undefined) {
      const fp = fingerprintOf(e) as string
      client = { fp: { levels: [entityKey({ type: 'actor', value: fp })] }, analyses: new Map() }
      byJa4.set(ja4, client)
      clientCount++
    }
    return client
  }

  function analysisOf(e: HttpEvent, client: Client | null): { automated: string | null; family: number } {
    const kind = e.user_agent_bot_kind ?? ''
    const cached = client?.analyses.get(kind)
    if (cached !== undefined) return cached
    const ua = eventUa(e)
    const tls = ua.engine
    const analysis = {
      automated: ua.automation ?? ua.mismatch ?? (ua.version === 'impossible' ? 'an unreleased browser version' : null),
      family: tls === null ? 0 : 1 << TLS_FAMILIES.indexOf(tls),
    }
    client?.analyses.set(kind, analysis)
    return analysis
  }

  function ja4GroupOf(ja4: string): Group {
    let g = ja4Groups.get(ja4)
    if (g === undefined) {
      if (ja4Groups.size >= MAX_CLIENTS) ja4Groups.clear()
      g = { levels: [entityKey({ type: 'actor', value: `ja4=${ja4}` })] }
      ja4Groups.set(ja4, g)
    }
    return g
  }

  // By IP, then ASN: a function of both, and the same IPs return. Two generations: clearing one
  // table whole at the cap forgot every IP at once, and a shop with more IPs than the cap rebuilt
  // most of its levels (two keys each) per visit.
  const ipLevelCache = new GenerationalCache<string, IpLevels>(MAX_IP_LEVELS)

  function ipLevels(e: HttpEvent, ip: KeyedEntity): string[] {
    const asn = e.source_as_number
    const cached = ipLevelCache.get(ip.key)
    if (cached !== undefined && cached.asn === asn) return cached.levels
    const subnet = subnetOf(e.source_ip as string)
    const subnetKey = subnet === null ? null : entityKey({ type: 'subnet', value: subnet })
    const asnKey = asn === null ? null : entityKey({ type: 'asn', value: String(asn) })
    // Built at their final length: a push onto a one-element array reserved room for seventeen.
    const levels = subnetKey === null ? (asnKey === null ? [] : [asnKey]) : asnKey === null ? [subnetKey] : [subnetKey, asnKey]
    ipLevelCache.set(ip.key, { asn, levels })
    return levels
  }

  function newVisit(levels: string[], group: Group, holder: IpVisits, ip: KeyedEntity, e: HttpEvent, automated: string | null, family: number): Visit {
    const v = freeVisits.pop()
    if (v === undefined) {
      return { lruIndex: -1, lruStamp: 0, lruLast: e.ts, levels, group, holder, ip: ip.ref.value, asn: e.source_as_number, requests: 0, statics: 0, subrequests: 0, pages: 0, cookieless: 0, hopping: 0, harvest: 0, other: null, automated, family, last: e.ts }
    }
    v.levels = levels
    v.group = group
    v.holder = holder
    v.ip = ip.ref.value
    v.asn = e.source_as_number
    v.requests = 0
    v.statics = 0
    v.subrequests = 0
    v.pages = 0
    v.cookieless = 0
    v.hopping = 0
    v.harvest = 0
    v.other = null
    v.automated = automated
    v.family = family
    v.last = e.ts
    return v
  }

  function visit(group: Group, holder: IpVisits, ip: KeyedEntity, e: HttpEvent, f: HttpFacts, automated: string | null, family: number, hops: boolean): void {
    let v: Visit | undefined
    for (const open of holder.list) {
      if (open.group === group) {
        v = open
        break
      }
    }
    if (v === undefined) {
      const levels = group === ipGroup ? ipLevels(e, ip) : group.levels
      if (levels.length === 0) return
      v = newVisit(levels, group, holder, ip, e, automated, family)
      holder.list.push(v)
      visits.add(v, e.ts)
    } else {
      visits.touch(v, e.ts)
    }
    if (e.ts > v.last) v.last = e.ts
    if (f.kind === 'static') {
      v.statics++
      return
    }
    v.requests++
    if (e.session_id === null) v.cookieless++
    else if (hops) {
      // A cookie kept across the proxy's exits ties them together; it is not a person's visit.
      v.cookieless++
      v.hopping++
    }
    const method = e.http_request_method ?? 'GET'
    const status = e.http_response_status_code
    const read = method === 'GET' || method === 'HEAD'
    if (f.kind === 'api' || (!read && v.pages > 0)) v.subrequests++
    else if (f.kind === 'page' && read) v.pages++
    if (read && (status === null || status < 400)) v.harvest++
    else v.other ??= `${method} ${(f.path ?? '').slice(0, 80)}`
  }

  return {
    id: PROXY_ROTATION_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      pending = sink
      const f = facts ?? httpFacts(e)
      baseline.add(e, f.kind)
      const ip = f.ip
      if (ip === null || isDeclaredBot(e)) return
      const ua = e.user_agent_original
      const ja4 = e.tls_client_ja4
      const kind = e.user_agent_bot_kind
      // The same client as the event before (a page's assets, a scraper's next page): its
      // tables answer what they answered then, since only these look-ups change them.
      if (last.client === null || ua !== last.ua || ja4 !== last.ja4 || kind !== last.kind) {
        last.ua = ua
        last.ja4 = ja4
        last.kind = kind
        last.client = clientOf(e)
        last.analysis = analysisOf(e, last.client)
        last.ja4Group = ja4 === null ? null : ja4GroupOf(ja4)
      }
      const { client, ja4Group } = last
      const { automated, family } = last.analysis
      let holder = lastHolder !== null && lastHolder.ipKey === ip.key ? lastHolder : holders.get(ip.key)
      if (holder === undefined) {
        holder = freeHolders.pop() ?? { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, list: [], ipKey: null }
        holder.ipKey = ip.key
        holders.open(ip.key, holder, e.ts)
      }
      lastHolder = holder
      // The spread `note` answers is the cookie's own: reading its flag spares a second look-up by key.
      const hops = f.named !== null && spreads.note(e, f)?.hops === true
      if (client !== null) visit(client.fp, holder, ip, e, f, automated, family, hops)
      if (ja4Group !== null) visit(ja4Group, holder, ip, e, f, automated, family, hops)
      visit(ipGroup, holder, ip, e, f, automated, family, hops)
      if (holder.list.length === 0) releaseHolder(holder)
    },
    tick(now, sink) {
      pending = sink
      if (now - lastSweep < 10_000) return
      lastSweep = now
      visits.evictIdle(now)
      spreads.evictIdle(now)
      windows.sweep(now)
    },
    finish(sink) {
      pending = sink
      visits.flush()
      windows.flush()
    },
  }
}
