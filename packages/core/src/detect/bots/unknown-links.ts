/**
 * `bot.unknown_links` (OAT-011, category `unknown_links`): a farm that drives real browsers through
 * residential proxies lands on a listing, "clicks" a handful of products at a person's pace and
 * leaves the address; it renders, keeps its cookie and sends referrers, so nothing per visit stands
 * out. What its work queue cannot fake is which links a page shows. A page links to a fixed set of
 * others (a listing to the products on it, a product to its related ones), so the clicks people
 * make from a page that many visits clicked from go where other people's went; a queue that sets the
 * referrer itself, or picks its next page from its own list, "clicks" from a well-read listing to a
 * product that listing does not show, a pair no other address ever took.
 *
 * A click is a page (GET, served, addressed by its path) with a shop referrer naming another page.
 * Each pair (referrer page -> page) goes into a bounded sketch (the first address that took it, and
 * whether another did); a click **repeats** when another address took that pair before. How likely
 * a person's click is to repeat depends on how read the page it is on is: clicks are counted by the
 * number of other visits that clicked from that page before (log2 classes: 1, 2-3, 4-7, …, 64 and
 * more), and the shop's repeat rate of each class is read, over `windowMinutes`, from every visit
 * that is not judged. Judged: a visit (an address's pages until `detect.sessionGapMinutes` of quiet)
 * that landed from outside the shop, never searched or filtered (a content query), and made
 * `minClicks` clicks from pages other visits clicked from. Its expected repeats are the sum of the
 * rates of its clicks' classes; it is **off** when its repeats are at most `memberShare` of that and
 * people's rates give as few at most `memberPValue` of the time. How often people's visits are off
 * is read from the visits that are not judged but clicked as much (they searched, or came from the
 * shop): their off share, at least `minOffShare` (a share read from few visits is read high: one
 * more off visit is counted than seen). The judged visits of a window are flagged together when
 * `minVisits` off visits from `minAddresses` addresses are more than that share of the window's
 * judged visits would almost ever give (Poisson upper tail below `pValue`); each off visit is named,
 * later ones as their visits end. Counting off visits, not pooling every judged visit's repeats,
 * keeps a farm visible beside many people who read as it does.
 *
 * Stands down on a small shop or a thin baseline: a page nobody else clicked from tells nothing,
 * and until `minBaselineClicks` clicks of other visits from such pages are in the window, and
 * `minBaselineRepeats` of them repeat, nothing is judged; visits that end before (the start of a
 * log) wait, bounded, and are judged once the baseline is there.
 * Left alone: Tor and Private Relay exits (one exit carries many people), declared bots; writes are
 * not read (a page's own scripts post on every page).
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { DetectConfig } from '../config.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { BoundedMap } from '../state/bounded-map.ts'
import { SlidingCounter } from '../state/window-counter.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { pageIdentity, requestQuery } from '../signals/request-kind.ts'
import { sharedExit } from '../signals/shared-exit.ts'
import { cohortDetection, memberDetections, type Member as MemberBase, WINDOW_BUCKETS } from '../signals/visits.ts'
import { type UrlPartsSink, writeUrlParts } from '../../ingest/url.ts'
import { type AddressVisit, AddressVisits, LinkPairs } from './address-visits.ts'
import { shopPage } from './shop-page.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'
import { poissonTail } from '../signals/poisson.ts'
import { poissonLowerTail } from './unshared-hops.ts'

export const UNKNOWN_LINKS_ID = 'bot.unknown_links'
const ACTOR = 'unknown_links'
const SWEEP_INTERVAL_MS = 10_000
// Classes of a page by the visits that clicked from it before: 0 (none: no evidence), 1, 2-3, 4-7, … 64 and more.
const CLASSES = 8
// A class's rate is read only from this many clicks of the window: fewer would make a person's expectation a guess.
const MIN_CLASS_CLICKS = 20
// Pages a visit clicked from, kept to count each page's visits once; a person's visit clicks from far fewer.
const MAX_SOURCES = 32
const MAX_MEMBERS = 2_000
const MAX_SHOWN = 100

/** A client's visit, ended after a session gap of quiet. */
interface Visit extends AddressVisit {
  /** A page with a content query (a search, a filter): a person looking for something. */
  searched: boolean
  /** Clicks and repeats per class of the page clicked from; null until the first click. */
  clicks: number[] | null
  repeats: number[] | null
  sources: Set<string> | null
  /** The first click that repeated nothing, from a page with evidence. */
  example: string
}

interface Member extends MemberBase {
  session: EntityRef | null
  clicks: number
  repeats: number
  expected: number
  landing: string
  example: string
  off: boolean
  /** When it joined the window: its end, or later for a visit that waited for the baseline. */
  joined: number
}

/** A page clicked from: how many visits clicked from it. */
interface Source {
  visits: number
}

const classOf = (visits: number): number => (visits <= 0 ? 0 : Math.min(CLASSES - 1, 32 - Math.clz32(visits)))
const round1 = (x: number): number => Math.round(x * 10) / 10
const pct = (ratio: number): string => `${Number((ratio * 100).toFixed(1))}%`

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createUnknownLinksDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.unknownLinks
  const windowMs = c.windowMinutes * 60_000
  const referrers = new ShopReferrers()
  const pairs = new LinkPairs(config.maxEntities, c.pairMinutes * 60_000)
  const sources = new BoundedMap<string, Source>({ maxEntries: config.maxEntities, idleMs: c.pairMinutes * 60_000 })
  const baseClicks = Array.from({ length: CLASSES }, () => new SlidingCounter(windowMs, WINDOW_BUCKETS))
  const baseRepeats = Array.from({ length: CLASSES }, () => new SlidingCounter(windowMs, WINDOW_BUCKETS))
  const baseVisits = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const baseOff = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const members: Member[] = []
  // Judged visits that ended while the baseline was thin, judged once it is not.
  const waiting: Visit[] = []
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const visits = new AddressVisits<Visit>(config, shared.records, (v, sink) => close(v, sink))
  let lastSweep = Number.NEGATIVE_INFINITY
  let clock = 0
  let cohortReported = Number.NEGATIVE_INFINITY
  const url: UrlPartsSink = { url_path: '', url_query: null, url_extension: null, url_is_static: false, url_domain: null }

  /** People's repeat rate per class over the window (NaN for a class too thin to read), or null while the baseline is thin. */
  function shopRates(now: number): number[] | null {
    let clicks = 0
    let repeats = 0
    const rates: number[] = [Number.NaN]
    for (let k = 1; k < CLASSES; k++) {
      const n = (baseClicks[k] as SlidingCounter).total(now)
      const r = (baseRepeats[k] as SlidingCounter).total(now)
      clicks += n
      repeats += r
      rates.push(n < MIN_CLASS_CLICKS ? Number.NaN : r / n)
    }
    return clicks < c.minBaselineClicks || repeats < c.minBaselineRepeats ? null : rates
  }

  /** A visit's clicks, repeats and expected repeats over the classes people's rates are read for. */
  function tally(v: Visit, rates: readonly number[]): { clicks: number; repeats: number; expected: number } {
    let clicks = 0
    let repeats = 0
    let expected = 0
    for (let k = 1; k < CLASSES; k++) {
      const rate = rates[k] as number
      if (Number.isNaN(rate)) continue
      const n = (v.clicks as number[])[k] as number
      clicks += n
      repeats += (v.repeats as number[])[k] as number
      expected += n * rate
    }
    return { clicks, repeats, expected }
  }

  function click(v: Visit, client: string, from: string, to: string): void {
    let source = sources.peek(from)
    if (source === undefined) {
      source = { visits: 0 }
      sources.set(from, source, v.last)
    } else sources.set(from, source, v.last)
    // Counted once per visit: the class is how many other visits clicked from the page.
    const again = v.sources?.has(from) === true
    const k = classOf(again ? source.visits - 1 : source.visits)
    if (!again) {
      source.visits++
      if (v.sources === null) v.sources = new Set([from])
      else if (v.sources.size < MAX_SOURCES) v.sources.add(from)
    }
    const repeat = pairs.take(client, from, to, v.last)
    const clicks = (v.clicks ??= new Array<number>(CLASSES).fill(0))
    const repeats = (v.repeats ??= new Array<number>(CLASSES).fill(0))
    clicks[k]!++
    if (repeat) repeats[k]!++
    else if (k > 0 && v.example === '') v.example = `${from} -> ${to}`
  }

  function isOff(t: { repeats: number; expected: number }): boolean {
    return t.repeats <= t.expected * c.memberShare && poissonLowerTail(t.repeats, t.expected) <= c.memberPValue
  }

  function judged(v: Visit): boolean {
    if (!v.entered || v.searched || v.clicks === null) return false
    let known = 0
    for (let k = 1; k < CLASSES; k++) known += v.clicks[k] as number
    return known >= c.minClicks
  }

  function describe(off: number, share: number): string {
    return `${fmtInt(off)} of ${fmtInt(members.length)} such visits in ${c.windowMinutes} min did so, where ${pct(share)} of people's visits that click as much do`
  }

  function reportMember(sink: DetectionSink, m: Member, off: number, share: number): void {
    if (!m.off) return
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const explanation = `landed on ${m.landing.slice(0, MAX_SHOWN)} from outside the shop and followed ${fmtInt(m.clicks)} links from pages other visits click from (${m.example.slice(0, MAX_SHOWN)}, …); ${fmtInt(m.repeats)} of them were links another address had followed, where people's clicks from the same pages would repeat ${round1(m.expected)}; ${describe(off, share)}: a work queue choosing pages the shop's links do not lead to`
    for (const detection of memberDetections(m, ACTOR, {
      detector: UNKNOWN_LINKS_ID,
      threat: 'OAT-011',
      category: ACTOR,
      score: 65,
      count: m.clicks,
      explanation,
      evidence: [
        { field: 'clicks', value: m.clicks },
        { field: 'clicks_taken_elsewhere', value: m.repeats },
        { field: 'expected_repeats', value: round1(m.expected) },
        { field: 'example_link', value: m.example.slice(0, MAX_SHOWN) },
      ],
    })) sink.report(detection)
  }

  /** Ends a visit: its clicks join the shop's baseline, or the judged visits' window. */
  function close(v: Visit, sink: DetectionSink): void {
    if (v.clicks === null) return
    const rates = shopRates(v.last)
    if (rates !== null && waiting.length > 0) {
      for (const w of waiting) join(w, rates, v.last, sink)
      waiting.length = 0
    }
    const t = rates === null ? null : tally(v, rates)
    if (!judged(v)) {
      if (t !== null && t.clicks >= c.minClicks) {
        baseVisits.add(v.last)
        if (isOff(t)) baseOff.add(v.last)
      }
      for (let k = 1; k < CLASSES; k++) {
        ;(baseClicks[k] as SlidingCounter).add(v.last, v.clicks[k] as number)
        ;(baseRepeats[k] as SlidingCounter).add(v.last, (v.repeats as number[])[k] as number)
      }
      return
    }
    if (rates === null) {
      if (waiting.length >= MAX_MEMBERS) waiting.shift()
      waiting.push(v)
      return
    }
    join(v, rates, v.last, sink)
  }

  /** A judged visit joins the window's members, tallied at the rates of `now`. */
  function join(v: Visit, rates: readonly number[], now: number, sink: DetectionSink): void {
    const since = now - windowMs
    const t = tally(v, rates)
    if (t.clicks < c.minClicks) return
    let drop = 0
    while (drop < members.length && (members[drop] as Member).joined < since) drop++
    if (drop > 0) members.splice(0, drop)
    if (members.length >= MAX_MEMBERS) members.shift()
    members.push({ ip: v.ip.ref, session: v.session?.ref ?? null, first: v.first, last: v.last, ...t, landing: v.landing, example: v.example, off: isOff(t), joined: now })
    evaluate(now, sink)
  }

  function evaluate(now: number, sink: DetectionSink): void {
    let off = 0
    let repeats = 0
    let expected = 0
    const addresses = new Set<string>()
    for (const m of members) {
      if (!m.off) continue
      off++
      repeats += m.repeats
      expected += m.expected
      addresses.add(m.ip.value)
    }
    const share = Math.max(c.minOffShare, (baseOff.total(now) + 1) / (baseVisits.total(now) + 1))
    if (off < c.minVisits || addresses.size < c.minAddresses || poissonTail(off, members.length * share) > c.pValue) return
    for (const m of members) reportMember(sink, m, off, share)
    if (now - cohortReported < windowMs) return
    cohortReported = now
    const first = members[0] as Member
    sink.report(
      cohortDetection({ value: ACTOR, first: first.first, last: now, members }, {
        detector: UNKNOWN_LINKS_ID,
        threat: 'OAT-011',
        category: ACTOR,
        score: 75,
        count: off,
        explanation: `visits that land from outside the shop and click from pages other visits click from go where no one else's clicks went: ${describe(off, share)}, from ${fmtInt(addresses.size)} addresses, repeating ${fmtInt(repeats)} links where people's clicks from the same pages would repeat ${round1(expected)}`,
        evidence: [
          { field: 'judged_visits', value: members.length },
          { field: 'off_visits', value: off },
          { field: 'people_off_share', value: Math.round(share * 1000) / 1000 },
          { field: 'clicks_taken_elsewhere', value: repeats },
          { field: 'expected_repeats', value: round1(expected) },
        ],
      }),
    )
  }

  return {
    id: UNKNOWN_LINKS_ID,
    // `shopPage` returns on API calls, robots.txt and sitemaps before noting anything.
    httpReads: { kinds: ['static', 'page'] },
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (!shopPage(e, f, referrers)) return
      const referrer = e.http_request_referrer
      // Per address, not per cookie: a visit's first page comes before the shop has set its cookie, and it says how the visit entered.
      const ip = f.ip
      if (ip === null || sharedExit(e) || isDeclaredBot(e)) return
      clock = Math.max(clock, e.ts)
      const fromShop = hasValue(referrer) && referrers.fromShop(e, referrer)
      let v = visits.current(ip.key, e.ts, sink)
      const addressed = pageIdentity(f.path, requestQuery(e)) === f.path
      if (v === undefined) {
        v = { ip, session: f.named, landing: f.path, entered: !fromShop, searched: !addressed, clicks: null, repeats: null, sources: null, example: '', first: e.ts, last: e.ts }
        visits.open(ip.key, v, e.ts)
        return
      }
      v.last = e.ts
      if (v.session === null) v.session = f.named
      if (!addressed) {
        v.searched = true
        return
      }
      if (!fromShop) return
      writeUrlParts(referrer, url)
      const path = url.url_path ?? ''
      // A referrer trimmed to the shop's origin (a privacy setting) names no page.
      if ((path === '/' || path === '') && url.url_query === null) return
      const from = pageIdentity(path, url.url_query)
      if (from !== f.path) click(v, ip.key, from, f.path)
    },
    tick(now, sink) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      visits.sweep(now, sink)
      pairs.evictIdle(now)
      sources.evictIdle(now)
    },
    finish(sink) {
      visits.finish(sink)
      evaluate(clock, sink)
    },
  }
}
