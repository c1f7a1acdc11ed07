/**
 * `bot.listing_referrer` (OAT-011, category `listing_referrer`): a client whose requests name as
 * their referrer a page of a listing it never loaded, while it loaded another page of that same
 * listing: products "clicked" on `/c/throws/` by a browser that was shown `/c/throws/page/4/`. A
 * browser's Referer is the address of the document the link was on, so it names only pages that
 * browser loaded; a work queue that drives real browsers (fetching assets, running scripts, at a
 * person's pace) sets the referrer itself, from the listing it is covering rather than the page
 * it is on. Other referrer mismatches have innocent causes (a tab restored from a page of
 * yesterday, a phone that changed network, a back button served from the browser's cache); two
 * pages of one listing, one loaded and the other named without being loaded, do not — unless the
 * client shows it had the named page on screen before the log saw it: it named that page before it
 * loaded any page of its listing, or it paged from it (a tab older than the client's record, a page
 * the back button or a restored session brings back). Those pages are held, not counted.
 *
 * The client is the session cookie, else the address (people sharing an address do not make the
 * mismatch: each one's referrers name pages that address loaded). A referrer is judged when it
 * names a page of a listing the client loaded a page of (its first page, `/c/throws/`, or a
 * numbered one, `/c/throws/page/4/`, `?page=4`; the page identity as `bot.listing_walk` reads it);
 * it is an unloaded sibling when the page itself was not loaded nor held. A client is named at
 * `minRequests` such requests that are at least `minShare` of its judged ones, those within
 * `burstSeconds` of the one before counting once (tabs opened in a row from one stale page, a session
 * restore: one act of a person, however many requests it makes).
 *
 * Stands down while fewer than `siteMinClients` clients have had a referrer judged (a small shop
 * early on) and where more than `siteMaxShare` of them named an unloaded sibling: there a cache in
 * front of the log (a CDN holding listing pages) serves pages people come from.
 * Left alone: Tor and Private Relay exits without a cookie (one exit carries many people, each
 * arriving mid-visit from another), declared bots, refused requests.
 * @module
 */
import type { DetectConfig } from '../config.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { clientDetections } from '../signals/client-detections.ts'
import { fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { pageIdentity, requestQuery } from '../signals/request-kind.ts'
import { sharedExit } from '../signals/shared-exit.ts'
import { type UrlPartsSink, writeUrlParts } from '../../ingest/url.ts'
import { listingPageOf } from './listing-walk.ts'
import { shopPage } from './shop-page.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const LISTING_REFERRER_ID = 'bot.listing_referrer'
// Pages remembered per client: a person's visit reads far fewer; beyond it nothing more is learnt.
const MAX_PAGES = 256
// Pages held per client (shown, never loaded): a person has one or two stale tabs, not dozens.
const MAX_HELD = 16
const SWEEP_INTERVAL_MS = 10_000
const MAX_SHOWN = 100

/** A client, forgotten after a session gap of quiet. */
interface Client {
  entity: KeyedEntity
  ip: KeyedEntity | null
  /** Pages loaded (page identities): the first alone until a second comes (most clients load one). */
  firstPage: string
  pages: Set<string> | null
  /** Listings (as `listingPageOf` names them) of which a numbered page was loaded, each with the first such page. */
  numbered: Map<string, string> | null
  /** Pages the client named before loading a page of their listing, or paged from: on its screen though the log never saw them load. */
  held: Set<string> | null
  judged: number
  siblings: number
  /** Unloaded siblings counted once per burst, and the time of the latest. */
  acts: number
  lastSibling: number
  /** The first unloaded sibling named, and the page of its listing that was loaded. */
  named: string
  loaded: string
  first: number
  last: number
  reported: number
}

// `listingPageOf` names `/c/throws/page/4/`'s listing `/c/throws`, whose first page is `/c/throws/`.
const trimmed = (s: string): string => (s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s)

function loadedPage(cl: Client, id: string): boolean {
  return id === cl.firstPage || cl.pages?.has(id) === true
}

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createListingReferrerDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.listingReferrer
  const pageParams = new Set(config.listingWalk.pageParams)
  const burstMs = c.burstSeconds * 1000
  const referrers = new ShopReferrers()
  const clients = shared.records.table<Client>({ maxEntries: config.maxEntities, idleMs: config.sessionGapMinutes * 60_000 })
  let siteClients = 0
  let siteSiblingClients = 0
  let lastSweep = Number.NEGATIVE_INFINITY
  // The referrer's parts, read into one object for every request rather than a new one each.
  const url: UrlPartsSink = { url_path: '', url_query: null, url_extension: null, url_is_static: false, url_domain: null }

  /** A page of the listing the named page belongs to that the client loaded, or null. */
  function siblingLoaded(cl: Client, id: string, path: string, query: string | null): string | null {
    const numbered = listingPageOf(path, query, pageParams)
    if (numbered === null) return cl.numbered?.get(trimmed(id)) ?? null
    const listing = numbered.listing
    if (loadedPage(cl, listing)) return listing
    const first = `${listing}/`
    if (loadedPage(cl, first)) return first
    return cl.numbered?.get(listing) ?? null
  }

  function check(sink: DetectionSink, cl: Client): void {
    if (cl.acts < c.minRequests || cl.siblings < cl.judged * c.minShare || cl.siblings <= cl.reported) return
    if (siteClients < c.siteMinClients || siteSiblingClients > siteClients * c.siteMaxShare) return
    cl.reported = cl.siblings
    const explanation = `${fmtInt(cl.siblings)} of ${fmtInt(cl.judged)} requests with a referrer from the shop, at ${fmtInt(cl.acts)} separate moments, name a page of a listing this client never loaded (${cl.named.slice(0, MAX_SHOWN)}) nor showed it had, though it loaded another page of it (${cl.loaded.slice(0, MAX_SHOWN)}): a browser sends the page its link was on, a script sends the page it was told`
    const evidence = [
      { field: 'unloaded_sibling_referrers', value: cl.siblings },
      { field: 'unloaded_sibling_moments', value: cl.acts },
      { field: 'listing_referred_requests', value: cl.judged },
      { field: 'example_referrer', value: cl.named.slice(0, MAX_SHOWN) },
      { field: 'example_loaded', value: cl.loaded.slice(0, MAX_SHOWN) },
    ]
    for (const detection of clientDetections(cl.entity, cl.ip, {
      detector: LISTING_REFERRER_ID,
      threat: 'OAT-011',
      category: 'listing_referrer',
      score: 70 + Math.min(25, 5 * (cl.acts - c.minRequests)),
      firstSeenMs: cl.first,
      lastSeenMs: cl.last,
      count: cl.siblings,
      explanation,
      evidence,
    })) sink.report(detection)
  }

  /** Notes the page as on the client's screen unseen: it names it before loading a page of its listing, or pages from it. */
  function hold(cl: Client, id: string): void {
    if (cl.held === null) cl.held = new Set([id])
    else if (cl.held.size < MAX_HELD) cl.held.add(id)
  }

  /** The page a shop referrer names, its parts left in `url`; null for one trimmed to the origin (a privacy setting). */
  function namedPage(referrer: string): string | null {
    writeUrlParts(referrer, url)
    const path = url.url_path ?? ''
    return (path === '/' || path === '') && url.url_query === null ? null : pageIdentity(path, url.url_query)
  }

  /** `listing`: the listing the request's own page is a numbered page of, or null. */
  function judge(sink: DetectionSink, cl: Client, referrer: string, now: number, page: string, listing: string | null): void {
    const id = namedPage(referrer)
    if (id === null) return
    const path = url.url_path ?? ''
    const query = url.url_query
    const loaded = loadedPage(cl, id) || cl.held?.has(id) === true
    const sibling = loaded ? null : siblingLoaded(cl, id, path, query)
    if (!loaded && sibling === null) {
      hold(cl, id)
      return
    }
    if (cl.judged++ === 0) siteClients++
    if (sibling === null) return
    // Paging from the named page (its next page, or back to its first) is following a link that page shows.
    const named = listingPageOf(path, query, pageParams)?.listing ?? trimmed(id)
    if (listing === named || trimmed(page) === named) {
      hold(cl, id)
      return
    }
    if (cl.siblings++ === 0) {
      siteSiblingClients++
      cl.named = id
      cl.loaded = sibling
    }
    if (now - cl.lastSibling > burstMs) cl.acts++
    cl.lastSibling = now
    check(sink, cl)
  }

  return {
    id: LISTING_REFERRER_ID,
    // `shopPage` returns on API calls, robots.txt and sitemaps before noting anything.
    httpReads: { kinds: ['static', 'page'] },
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      if (!shopPage(e, f, referrers)) return
      const referrer = e.http_request_referrer
      const entity = f.named ?? (sharedExit(e) ? null : f.ip)
      if (entity === null || isDeclaredBot(e)) return
      const query = requestQuery(e)
      const page = pageIdentity(f.path, query)
      const numbered = listingPageOf(f.path, query, pageParams)
      let cl = clients.use(entity.key, e.ts)
      if (cl === undefined) {
        cl = { entity, ip: f.ip, firstPage: page, pages: null, numbered: null, held: null, judged: 0, siblings: 0, acts: 0, lastSibling: Number.NEGATIVE_INFINITY, named: '', loaded: '', first: e.ts, last: e.ts, reported: 0 }
        clients.set(entity.key, cl, e.ts)
        // A first request from a page of the shop (a restored tab, a phone that changed network) names a page this client had.
        const named = hasValue(referrer) && referrers.fromShop(e, referrer) ? namedPage(referrer) : null
        if (named !== null && named !== page) hold(cl, named)
      } else {
        cl.last = e.ts
        if (hasValue(referrer) && referrers.fromShop(e, referrer)) judge(sink, cl, referrer, e.ts, page, numbered?.listing ?? null)
        if (!loadedPage(cl, page)) {
          if (cl.pages === null) cl.pages = new Set([cl.firstPage, page])
          else if (cl.pages.size < MAX_PAGES) cl.pages.add(page)
        }
      }
      if (numbered !== null && cl.numbered?.has(numbered.listing) !== true) (cl.numbered ??= new Map()).set(numbered.listing, page)
    },
    tick(now) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      clients.evictIdle(now)
    },
  }
}
