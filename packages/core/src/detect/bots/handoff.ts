/**
 * `bot.handoff` (OAT-011, category `handoff`): one navigation carried on by another client. A
 * browser's referrer names the page it showed; a scraper that rotates its exit and its user agent
 * between two requests of one job (page 1 of a search, then page 2) sends page 1 as the referrer
 * of page 2 from an address and a browser that never asked for it, seconds after another exit
 * fetched it. On a plain access log, with no cookie or TLS column to tie the exits together, that
 * chain is what links them.
 *
 * A hand-off: a page requested with a shop referrer that, within `uniqueMinutes`, exactly one
 * other client (address and user agent) fetched, under another user agent, at most `gapSeconds`
 * before, and that no browser rendered (no asset, script call or write came with it as referrer).
 * People do not change browser between two pages; a phone that moves from Wi-Fi to its carrier
 * keeps its user agent (bot.orphan_referrer and the cookie follow it). A page someone else
 * rendered is what a person's stale or restored tab names by coincidence; a page nobody rendered,
 * continued seconds later by another browser, is one job handed between workers.
 *
 * A page a few other clients fetched (up to `MAX_FETCHERS`: a job's first page retried from another
 * exit) counts too when none of them rendered it and the client naming it is none of them, by address
 * or by user agent; whose job it was is then not known, so only the client naming it is named. A page
 * one of them rendered, or that more fetched, is one people read and is left alone.
 *
 * Both addresses are named (and the session cookie the request carried), once the shop has
 * shown `minHandoffs` hand-offs within `windowMinutes`: one is a coincidence, a pool of exits
 * makes them by the hundred. Stands down on a log where browsers show no rendering (under
 * `minRenderedShare` of the pages fetched in the window were rendered: assets, scripts and
 * beacon served elsewhere), where every page would look unrendered.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { DetectConfig } from '../config.ts'
import { buildDetection } from '../detection-record.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { SlidingCounter } from '../state/window-counter.ts'
import { fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { browserFamilies, claimedBrowser, tlsFamilyOf } from '../signals/user-agent.ts'
import { clip } from '../../util/clip.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const HANDOFF_ID = 'bot.handoff'
const THREAT = 'OAT-011'
const CATEGORY = 'handoff'
// A page's assets and script calls come within a second or two of it: a hand-off is judged once that time has passed.
const SETTLE_MS = 10_000
const SWEEP_EVERY_MS = 10_000
// Hand-offs held while too few have been seen to name anyone, and waiting to settle.
const MAX_PENDING = 1024
const MAX_TARGET = 512
const MAX_SHOWN = 100
const WINDOW_BUCKETS = 6
// Clients a shared page's fetch keeps: a page fetched by more is one people read (a listing, a best seller).
const MAX_FETCHERS = 4
const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' } as const

/** The latest fetch of one page (path and query), by one client unless `shared`. */
interface Fetch {
  target: string
  ts: number
  ip: KeyedEntity
  session: KeyedEntity | null
  ua: string
  /** Another client fetched it within the unique window: a referrer naming it says nothing of who. */
  shared: boolean
  /** An asset, script call or write came with it as referrer. */
  rendered: boolean
  /** Any fetch of it in the unique window was rendered. */
  everRendered: boolean
  /** Once shared, the clients that fetched it (address key and user agent), up to `MAX_FETCHERS`; null past that. */
  fetchers: Array<{ ip: string; ua: string }> | null
}

interface Handoff {
  from: Fetch
  /** Others fetched the page too: whose job it was is not known, so only the client naming it is named. */
  shared: boolean
  /** The from-fetch's time: `from` is updated in place by later fetches of the page. */
  fromTs: number
  fromIp: KeyedEntity
  fromSession: KeyedEntity | null
  fromUa: string
  ts: number
  path: string
  ip: KeyedEntity
  session: KeyedEntity | null
  ua: string
}

/**
 * The request target (path and query, no fragment) a URL names: `https://shop/p?q=1#x` and
 * `/p?q=1` both give `/p?q=1`; an origin alone gives `/`. Null past `MAX_TARGET` characters.
 */
export function targetOf(url: string): string | null {
  let start = 0
  if (url.charCodeAt(0) !== 47) {
    const scheme = url.indexOf('://')
    if (scheme < 0) return null
    start = url.indexOf('/', scheme + 3)
    if (start < 0) return '/'
  }
  const hash = url.indexOf('#', start)
  const end = hash < 0 ? url.length : hash
  if (end - start > MAX_TARGET) return null
  return start === 0 && end === url.length ? url : url.slice(start, end)
}

/** The target of the request itself: the raw request line's, else path and query. */
function requestTarget(e: HttpEvent, path: string): string | null {
  if (e.url_original !== null && e.url_original !== '') return targetOf(e.url_original)
  const target = e.url_query === null || e.url_query === '' ? path : `${path}?${e.url_query}`
  return target.length > MAX_TARGET ? null : target
}

export function createHandoffDetector(config: DetectConfig): StreamDetector {
  const c = config.handoff
  const gapMs = c.gapSeconds * 1000
  const windowMs = c.windowMinutes * 60_000
  const families = browserFamilies(config)
  const referrers = new ShopReferrers()
  const fetches = new BoundedMap<string, Fetch>({ maxEntries: config.maxEntities, idleMs: c.uniqueMinutes * 60_000 })
  const handoffs = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const pagesFetched = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const pagesRendered = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  // Hand-offs waiting to settle, then (while the shop has shown too few) to be named.
  let settling: Handoff[] = []
  let held: Handoff[] = []
  // Per address, the hand-offs it was named in.
  const named = new BoundedMap<string, number>({ maxEntries: config.maxEntities, idleMs: windowMs })
  let lastSweep = Number.NEGATIVE_INFINITY
  let clock = 0
  // Assets of one page arrive together with the same referrer: its target is cut out once.
  let lastReferrer: string | null = null
  let lastTarget: string | null = null

  function noteRendered(referrer: string | null, ts: number): void {
    if (!hasValue(referrer)) return
    if (referrer !== lastReferrer) {
      lastReferrer = referrer
      lastTarget = targetOf(referrer)
    }
    if (lastTarget === null) return
    const f = fetches.peek(lastTarget)
    if (f === undefined || f.rendered) return
    f.rendered = true
    f.everRendered = true
    pagesRendered.add(ts)
  }

  /** Another client fetched `f`: it is shared, and the clients that fetched it are kept while they are few. */
  function noteFetcher(f: Fetch, ip: string, ua: string): void {
    if (!f.shared) {
      f.shared = true
      f.fetchers = [{ ip: f.ip.key, ua: f.ua }]
    }
    const fetchers = f.fetchers
    if (fetchers === null || fetchers.some((x) => x.ip === ip && x.ua === ua)) return
    if (fetchers.length < MAX_FETCHERS) fetchers.push({ ip, ua })
    else f.fetchers = null
  }

  /** A shared page none of its few fetchers rendered. */
  function unrenderedAmong(f: Fetch): boolean {
    return f.fetchers !== null && !f.everRendered
  }

  /**
   * A shared page none of its few fetchers rendered, and that the client at `ip` under `ua` did not
   * fetch under any address or user agent of theirs: a person's browser names a page it showed, and a
   * person who changed address (a phone off Wi-Fi) keeps their user agent.
   */
  function unseenBy(f: Fetch, ip: string, ua: string): boolean {
    return unrenderedAmong(f) && (f.fetchers as Array<{ ip: string; ua: string }>).every((x) => x.ip !== ip && x.ua !== ua)
  }

  /** Browsers show their rendering on this log: enough of the window's pages were rendered. */
  function rendering(now: number): boolean {
    const fetched = pagesFetched.total(now)
    return fetched > 0 && pagesRendered.total(now) >= c.minRenderedShare * fetched
  }

  /** `Chrome 142`, else the engine it names (`WebKit`: Safari and every iOS browser), else the user agent itself, cut. */
  function browserOf(ua: string): string {
    const b = claimedBrowser(ua, families)
    if (b !== null) return `${b.family} ${b.major}`
    const engine = tlsFamilyOf(ua)
    return engine === null ? clip(ua, 60) : ENGINE_NAMES[engine]
  }

  function describe(count: number): string {
    return `one navigation carried on by another client, one of ${fmtInt(count)} such hand-offs at the shop in ${c.windowMinutes} min; a scraper rotating its exits and user agents`
  }

  function reportAddress(sink: DetectionSink, h: Handoff, side: 'from' | 'to', count: number): void {
    const ip = side === 'from' ? h.fromIp : h.ip
    const times = (named.peek(ip.key) ?? 0) + 1
    named.set(ip.key, times, h.ts)
    const gap = Math.round((h.ts - h.fromTs) / 1000)
    const page = clip(h.from.target, MAX_SHOWN)
    const fetchers = h.from.fetchers?.length ?? 0
    const explanation =
      side === 'to'
        ? h.shared && fetchers > 1
          ? `${clip(h.path, MAX_SHOWN)} asked for with the referrer ${page}, which ${fmtInt(fetchers)} other browsers fetched within ${c.uniqueMinutes} min and none rendered, the latest (${browserOf(h.fromUa)}) at ${h.fromIp.ref.value} ${gap} s before, and this browser never fetched: ${describe(count)}`
          : `${clip(h.path, MAX_SHOWN)} asked for with the referrer ${page}, which another browser (${browserOf(h.fromUa)}) at ${h.fromIp.ref.value} fetched ${gap} s before without rendering it and this browser never fetched: ${describe(count)}`
        : `${page} fetched without rendering it, then named as the referrer ${gap} s later by another browser (${browserOf(h.ua)}) at ${h.ip.ref.value} that never fetched it: ${describe(count)}`
    const session = side === 'from' ? h.fromSession : h.session
    const other = side === 'from' ? h.ip : h.fromIp
    const evidence = [
      { field: 'url_path', value: clip(side === 'from' ? h.from.target : h.path, MAX_SHOWN) },
      { field: 'referrer_path', value: page },
      { field: 'handoff_gap_seconds', value: gap },
      { field: 'user_agent_original', value: clip(side === 'from' ? h.fromUa : h.ua, 256) },
      { field: 'other_user_agent', value: clip(side === 'from' ? h.ua : h.fromUa, 256) },
      { field: 'shop_handoffs', value: count },
    ]
    for (const entity of session === null ? [ip] : [ip, session]) {
      sink.report(
        buildDetection({
          detector: HANDOFF_ID,
          threat: THREAT,
          category: CATEGORY,
          entity: entity.ref,
          score: 65 + 10 * Math.min(2, times - 1),
          firstSeenMs: Math.min(h.fromTs, h.ts),
          lastSeenMs: h.ts,
          count: times,
          explanation,
          evidence,
          related: entity === ip ? [other.ref] : [ip.ref, other.ref],
        }),
      )
    }
  }

  /** Judges the hand-offs settled by `now` (all at the end), then names them once the shop has shown enough. */
  function judge(now: number, sink: DetectionSink, all: boolean): void {
    if (settling.length > 0) {
      const waiting: Handoff[] = []
      for (const h of settling) {
        if (!all && now - h.ts < SETTLE_MS) waiting.push(h)
        else if (!h.from.rendered && (!h.from.shared || unrenderedAmong(h.from))) {
          // Fetched by others too (before or since): only the client naming a page none of them rendered is named.
          if (h.from.shared) h.shared = true
          // Its fetch was not rendered, and no other client fetched the page since to make the referrer ambiguous.
          handoffs.add(h.ts)
          if (held.length < MAX_PENDING) held.push(h)
        }
      }
      settling = waiting
    }
    if (held.length === 0) return
    const count = handoffs.total(now)
    if (count < c.minHandoffs) {
      held = held.filter((h) => now - h.ts < windowMs)
      return
    }
    for (const h of held) {
      reportAddress(sink, h, 'to', count)
      if (!h.shared) reportAddress(sink, h, 'from', count)
    }
    held = []
  }

  return {
    id: HANDOFF_ID,
    onHttp(e: HttpEvent, sink: DetectionSink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (e.ts > clock) clock = e.ts
      const referrer = e.http_request_referrer
      const method = e.http_request_method ?? 'GET'
      if (f.kind === 'static') referrers.noteAsset(referrer)
      if (f.kind !== 'page' || method !== 'GET') {
        // An asset, a script call or a write sent from a page: that page was rendered.
        if (method !== 'HEAD' && method !== 'OPTIONS') noteRendered(referrer, e.ts)
        return
      }
      referrers.notePage(referrer)
      const ip = f.ip
      const ua = e.user_agent_original
      const status = e.http_response_status_code
      if (ip === null || ua === null || f.path === null || (status !== null && status >= 400) || isDeclaredBot(e)) return
      if (hasValue(referrer) && settling.length < MAX_PENDING && referrers.fromShop(e, referrer)) {
        const from = targetOf(referrer)
        const before = from === null || from === '/' ? undefined : fetches.peek(from)
        if (before !== undefined && !before.rendered && before.ua !== ua && e.ts - before.ts <= gapMs && e.ts >= before.ts && (!before.shared || unseenBy(before, ip.key, ua)) && rendering(e.ts)) {
          settling.push({ from: before, shared: before.shared, fromTs: before.ts, fromIp: before.ip, fromSession: before.session, fromUa: before.ua, ts: e.ts, path: f.path, ip, session: f.named, ua })
        }
      }
      const target = requestTarget(e, f.path)
      if (target === null) return
      pagesFetched.add(e.ts)
      const seen = fetches.use(target, e.ts)
      if (seen === undefined) {
        fetches.set(target, { target, ts: e.ts, ip, session: f.named, ua, shared: false, rendered: false, everRendered: false, fetchers: null }, e.ts)
        return
      }
      if (seen.ip.key !== ip.key || seen.ua !== ua) noteFetcher(seen, ip.key, ua)
      // What a referrer naming the page says is of its latest fetch.
      seen.ts = e.ts
      seen.ip = ip
      seen.session = f.named
      seen.ua = ua
      seen.rendered = false
    },
    tick(now, sink) {
      if (now - lastSweep < SWEEP_EVERY_MS) return
      lastSweep = now
      fetches.evictIdle(now)
      named.evictIdle(now)
      judge(now, sink, false)
    },
    finish(sink) {
      judge(clock, sink, true)
    },
  }
}
