/**
 * `bot.unshared_hops` (OAT-011, category `unshared_hops`): an anti-detect browser farm that lands
 * on an item page and follows item -> item links (`/product/a/` -> `/product/b/`) at a person's
 * pace, nothing else. One such visit is a shopper following "related products"; what a work queue
 * cannot fake is which links it follows. A shop's item pages link to a fixed few others, so the
 * hops people take repeat hops other people took; a queue that picks its next item from its own
 * list takes pairs no one else takes.
 *
 * A hop is a page whose referrer is a sibling page of the shop: the same parent path, another last
 * segment, neither with a content query nor a listing's page number. The hops the shop's clients
 * take are kept in a bounded sketch (pair -> the first address that took it, and whether another
 * did); a hop **repeats** when another address took that pair before. Visits are per address: a
 * visit's first page, which says how it entered, comes before the shop has set its cookie. The shop's repeat rate is
 * read, over `windowMinutes`, from the hops of every visit that is not judged. Judged: a visit that
 * entered from outside the shop and then only hopped, at least `minHops` times. The judged visits
 * of a window are flagged together when there are `minVisits` of them from `minAddresses`
 * addresses, their hops repeat at most `maxShare` of the shop's rate and people's rate would almost
 * never give so few repeats (Poisson lower tail below `pValue`). Of them, those whose own hops
 * repeat at most `memberShare` of the shop's rate are named, later ones as their visits end.
 *
 * Stands down on a small shop or a thin baseline: until `minBaselineHops` hops of other visits
 * are in the window, and while fewer than `minBaselineRepeats` of them repeat (a shop whose items
 * link nowhere in common, or a log too short for people to meet).
 * Left alone: Tor and Private Relay exits (one exit carries many people), declared bots, refused requests.
 * @module
 */
import type { EntityRef } from '../../events/detection.ts'
import type { HttpEvent } from '../../events/http-event.ts'
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
import { listingPageOf } from './listing-walk.ts'
import { type AddressVisit, AddressVisits, LinkPairs } from './address-visits.ts'
import { shopPage } from './shop-page.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const UNSHARED_HOPS_ID = 'bot.unshared_hops'
const ACTOR = 'unshared_hops'
const SWEEP_INTERVAL_MS = 10_000
// Judged visits kept to be named once the window is flagged: a farm's latest are enough.
const MAX_MEMBERS = 2_000
const MAX_SHOWN = 100

/** A client's visit, ended after a session gap of quiet. */
interface Visit extends AddressVisit {
  /** A page that was not a hop: not the judged shape. */
  other: boolean
  hops: number
  repeats: number
}

interface Member extends MemberBase {
  session: EntityRef | null
  hops: number
  repeats: number
  landing: string
}

const pct = (ratio: number): string => `${Number((ratio * 100).toFixed(1))}%`

/** The parent of a path (`/product/a/` -> `/product`), or null for a top-level page. */
export function parentOf(path: string): string | null {
  let end = path.length
  while (end > 1 && path.charCodeAt(end - 1) === 47) end--
  const slash = path.lastIndexOf('/', end - 1)
  return slash <= 0 ? null : path.slice(0, slash)
}

/** P(X ≤ k) for X ~ Poisson(λ): how often people's rate gives as few repeats. */
export function poissonLowerTail(k: number, lambda: number): number {
  if (lambda <= 0) return 1
  let term = Math.exp(-lambda)
  let sum = term
  for (let i = 1; i <= k; i++) {
    term *= lambda / i
    sum += term
  }
  return Math.min(1, sum)
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createUnsharedHopsDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.unsharedHops
  const windowMs = c.windowMinutes * 60_000
  const pageParams = new Set(config.listingWalk.pageParams)
  const referrers = new ShopReferrers()
  const pairs = new LinkPairs(config.maxEntities, c.pairMinutes * 60_000)
  const baseHops = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const baseRepeats = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const judgedHops = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const judgedRepeats = new SlidingCounter(windowMs, WINDOW_BUCKETS)
  const members: Member[] = []
  const reported = new BoundedMap<string, true>({ maxEntries: config.maxEntities })
  const visits = new AddressVisits<Visit>(config, shared.records, (v, sink) => close(v, sink))
  let lastSweep = Number.NEGATIVE_INFINITY
  let clock = 0
  // The window's own detection is reported once a window; its members as each is named.
  let cohortReported = Number.NEGATIVE_INFINITY
  const url: UrlPartsSink = { url_path: '', url_query: null, url_extension: null, url_is_static: false, url_domain: null }

  /** The shop's repeat rate over the window, or null while its baseline is thin. */
  function shopRate(now: number): number | null {
    const hops = baseHops.total(now)
    const repeats = baseRepeats.total(now)
    return hops < c.minBaselineHops || repeats < c.minBaselineRepeats ? null : repeats / hops
  }

  /** The referrer's page when it is a sibling of `path` on the shop: a hop. */
  function hopFrom(e: HttpEvent, path: string, referrer: string | null): string | null {
    if (!hasValue(referrer) || !referrers.fromShop(e, referrer)) return null
    const parent = parentOf(path)
    if (parent === null) return null
    writeUrlParts(referrer, url)
    const from = url.url_path
    if (from === null || from === path || parentOf(from) !== parent || pageIdentity(from, url.url_query) !== from) return null
    if (listingPageOf(from, null, pageParams) !== null) return null
    return from
  }

  function describe(now: number, rate: number): string {
    const hops = judgedHops.total(now)
    const repeats = judgedRepeats.total(now)
    return `${fmtInt(hops)} hops of ${fmtInt(members.length)} such visits in ${c.windowMinutes} min repeat ${pct(repeats / Math.max(1, hops))} against ${pct(rate)} of the shop's other hops`
  }

  function reportMember(sink: DetectionSink, m: Member, now: number, rate: number): void {
    if (m.repeats > m.hops * rate * c.memberShare) return
    if (reported.peek(m.ip.value) !== undefined) return
    reported.set(m.ip.value, true, m.last)
    const explanation = `landed on ${m.landing.slice(0, MAX_SHOWN)} from outside the shop and only followed links to sibling pages, ${fmtInt(m.hops)} times; ${fmtInt(m.repeats)} of those hops (${pct(m.repeats / m.hops)}) were taken by any other address, where ${pct(rate)} of the shop's hops are; ${describe(now, rate)}: a work queue picking its next page, not links a person follows`
    for (const detection of memberDetections(m, ACTOR, {
      detector: UNSHARED_HOPS_ID,
      threat: 'OAT-011',
      category: ACTOR,
      score: 65,
      count: m.hops,
      explanation,
      evidence: [
        { field: 'hops', value: m.hops },
        { field: 'hops_taken_elsewhere', value: m.repeats },
        { field: 'shop_repeat_share', value: Math.round(rate * 1000) / 1000 },
      ],
    })) sink.report(detection)
  }

  /** Ends a visit: its hops join the shop's baseline, or the judged visits' window. */
  function close(v: Visit, sink: DetectionSink): void {
    if (v.hops === 0) return
    if (v.other || !v.entered || v.hops < c.minHops) {
      baseHops.add(v.last, v.hops)
      baseRepeats.add(v.last, v.repeats)
      return
    }
    judgedHops.add(v.last, v.hops)
    judgedRepeats.add(v.last, v.repeats)
    const since = v.last - windowMs
    let drop = 0
    while (drop < members.length && (members[drop] as Member).last < since) drop++
    if (drop > 0) members.splice(0, drop)
    if (members.length >= MAX_MEMBERS) members.shift()
    members.push({ ip: v.ip.ref, session: v.session?.ref ?? null, first: v.first, last: v.last, hops: v.hops, repeats: v.repeats, landing: v.landing })
    evaluate(v.last, sink)
  }

  function evaluate(now: number, sink: DetectionSink): void {
    const rate = shopRate(now)
    if (rate === null || members.length < c.minVisits) return
    const hops = judgedHops.total(now)
    const repeats = judgedRepeats.total(now)
    if (repeats > hops * rate * c.maxShare || poissonLowerTail(repeats, hops * rate) > c.pValue) return
    const addresses = new Set<string>()
    for (const m of members) addresses.add(m.ip.value)
    if (addresses.size < c.minAddresses) return
    for (const m of members) reportMember(sink, m, now, rate)
    if (now - cohortReported < windowMs) return
    cohortReported = now
    const first = members[0] as Member
    sink.report(
      cohortDetection({ value: ACTOR, first: first.first, last: now, members }, {
        detector: UNSHARED_HOPS_ID,
        threat: 'OAT-011',
        category: ACTOR,
        score: 75,
        count: members.length,
        explanation: `visits that land from outside the shop and only follow links between sibling pages take pairs no one else takes: ${describe(now, rate)}, from ${fmtInt(addresses.size)} addresses`,
        evidence: [
          { field: 'judged_visits', value: members.length },
          { field: 'judged_hops', value: hops },
          { field: 'hops_taken_elsewhere', value: repeats },
          { field: 'shop_repeat_share', value: Math.round(rate * 1000) / 1000 },
        ],
      }),
    )
  }

  return {
    id: UNSHARED_HOPS_ID,
    // `shopPage` returns on API calls, robots.txt and sitemaps before noting anything.
    httpReads: { kinds: ['static', 'page'] },
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      // Writes are left out: a page's own script posts on every page, and what a hop chain shows is in its pages.
      if (!shopPage(e, f, referrers)) return
      const referrer = e.http_request_referrer
      // Per address, not per cookie: a visit's first page comes before the shop has set its cookie, and it says how the visit entered.
      const ip = f.ip
      if (ip === null || sharedExit(e) || isDeclaredBot(e)) return
      clock = Math.max(clock, e.ts)
      let v = visits.current(ip.key, e.ts, sink)
      if (v === undefined) {
        const entered = !hasValue(referrer) || !referrers.fromShop(e, referrer)
        v = { ip, session: f.named, landing: f.path, entered, other: false, hops: 0, repeats: 0, first: e.ts, last: e.ts }
        visits.open(ip.key, v, e.ts)
        return
      }
      v.last = e.ts
      if (v.session === null) v.session = f.named
      const from = pageIdentity(f.path, requestQuery(e)) === f.path ? hopFrom(e, f.path, referrer) : null
      if (from === null) v.other = true
      else {
        v.hops++
        if (pairs.take(ip.key, from, f.path, e.ts)) v.repeats++
      }
    },
    tick(now, sink) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      visits.sweep(now, sink)
      pairs.evictIdle(now)
    },
    finish(sink) {
      visits.finish(sink)
      evaluate(clock, sink)
    },
  }
}
