/**
 * `bot.orphan_referrer` (threat `automation`, category `orphan_referrer`): requests whose referrer
 * is a page of the shop that this client (its session cookie, else its address) never fetched,
 * while it fetched others. A browser sends the page it came from, which it loaded; a script
 * forges a shop referrer to pass as a visit in progress, and a scraper that rotates its exit
 * between result page 1 and page 2 sends page 1 from an address that never asked for it.
 *
 * Left alone: a request with no page before it from this client (a phone that changed network
 * mid-visit, a new exit's first request: nothing to compare with), Tor and Private Relay exits
 * without a cookie (shared exits that visits move between; the `vpn` list also holds hosting
 * ranges, where forgers live), requests in the client's
 * first minute (tabs restored after a browser restart, each naming a page of the last
 * session), referrers trimmed to the shop's origin (privacy settings), static assets, and logs
 * on which people's referrers are orphans too: where more than `orphanSiteShare` of the
 * referred requests are, the shop's pages are served by a cache in front of the log.
 * @module
 */
import type { DetectConfig } from '../config.ts'
import type { DetectionSink, StreamDetector } from '../detector.ts'
import type { RecordPart } from '../state/client-records.ts'
import { createBotContext, type BotContext } from '../signals/bot-context.ts'
import { clientDetections } from '../signals/client-detections.ts'
import { fmtInt } from '../signals/format.ts'
import { httpFacts, type HttpFacts, type KeyedEntity } from '../signals/http-facts.ts'
import { isDeclaredBot } from '../signals/network.ts'
import { sharedExit } from '../signals/shared-exit.ts'
import { splitUrl } from '../../ingest/url.ts'
import { hasValue, ShopReferrers } from './shop-referrer.ts'

export const ORPHAN_REFERRER_ID = 'bot.orphan_referrer'
// Pages remembered per client: a person's visit reads far fewer; beyond it nothing is judged.
const MAX_PAGES = 256
const SETTLE_MS = 60_000
const SWEEP_INTERVAL_MS = 10_000
const SITE_MIN_REFERRED = 1_000

/** A client's part of its record (`RecordPart`), forgotten after a session gap of quiet. */
interface Client extends RecordPart {
  entity: KeyedEntity
  ip: KeyedEntity | null
  /** Pages fetched: the first alone until a second comes (most clients fetch one). */
  firstPage: string
  pages: Set<string> | null
  referred: number
  orphans: number
  example: string | null
  first: number
  last: number
  reported: number
}

const fetchedCount = (cl: Client): number => cl.pages?.size ?? 1

/** `shared`: what the bot detectors of a run share (the registry passes one context to each); alone it has its own. */
export function createOrphanReferrerDetector(config: DetectConfig, shared: BotContext = createBotContext(config)): StreamDetector {
  const c = config.sessionSignals
  const gapMs = config.sessionGapMinutes * 60_000
  const referrers = new ShopReferrers()
  const clients = shared.records.parts<Client>({ maxEntries: config.maxEntities, idleMs: gapMs })
  let siteReferred = 0
  let siteOrphans = 0
  let lastSweep = Number.NEGATIVE_INFINITY
  let lastReferrer: string | null = null
  let lastPath = ''

  function pathOf(referrer: string): string {
    if (referrer !== lastReferrer) {
      lastPath = splitUrl(referrer).url_path
      lastReferrer = referrer
    }
    return lastPath
  }

  function check(sink: DetectionSink, cl: Client): void {
    if (cl.orphans < c.orphanMinRequests || cl.orphans < cl.referred * c.orphanMinShare || cl.orphans <= cl.reported) return
    if (siteReferred < SITE_MIN_REFERRED || siteOrphans > siteReferred * c.orphanSiteShare) return
    cl.reported = cl.orphans
    const explanation = `${fmtInt(cl.orphans)} of ${fmtInt(cl.referred)} requests with a referrer from the shop name a page this client never fetched (${cl.example}), though it fetched ${fmtInt(fetchedCount(cl))} others: a forged referrer, or a visit carried on from another exit`
    const evidence = [
      { field: 'orphan_referrers', value: cl.orphans },
      { field: 'shop_referred_requests', value: cl.referred },
      { field: 'pages_fetched', value: fetchedCount(cl) },
      { field: 'example_referrer_path', value: cl.example ?? '' },
    ]
    const detections = clientDetections(cl.entity, cl.ip, {
      detector: ORPHAN_REFERRER_ID,
      threat: 'automation',
      category: 'orphan_referrer',
      score: 65 + Math.min(25, 5 * (cl.orphans - c.orphanMinRequests)),
      firstSeenMs: cl.first,
      lastSeenMs: cl.last,
      count: cl.orphans,
      explanation,
      evidence,
    })
    for (const d of detections) sink.report(d)
  }

  return {
    id: ORPHAN_REFERRER_ID,
    onHttp(e, sink, facts?: HttpFacts) {
      const f = facts ?? httpFacts(e)
      const referrer = e.http_request_referrer
      if (f.kind === 'static') {
        referrers.noteAsset(referrer)
        return
      }
      if (f.kind === 'page') referrers.notePage(referrer)
      // Without a cookie the client is its address; a Tor or Private Relay exit is many people's, each arriving mid-visit from another exit.
      const entity = f.named ?? (sharedExit(e) ? null : f.ip)
      const page = f.path
      if (entity === null || page === null || isDeclaredBot(e)) return
      const fetched = f.kind === 'page' && (e.http_request_method ?? 'GET') === 'GET'
      // A client is followed from its first page: before one, nothing it names can be an orphan.
      let cl = clients.get(entity.key)
      if (cl !== undefined) clients.touch(cl, e.ts)
      else {
        if (!fetched) return
        cl = { lruIndex: -1, lruStamp: 0, lruLast: e.ts, record: null, entity, ip: f.ip, firstPage: page, pages: null, referred: 0, orphans: 0, example: null, first: e.ts, last: e.ts, reported: 0 }
        clients.open(entity.key, cl, e.ts)
      }
      cl.last = e.ts
      if (hasValue(referrer) && fetchedCount(cl) < MAX_PAGES && e.ts - cl.first >= SETTLE_MS && referrers.fromShop(e, referrer)) {
        const path = pathOf(referrer)
        // A referrer trimmed to the origin names no page.
        if (path !== '/' && path !== '') {
          cl.referred++
          siteReferred++
          if (path !== cl.firstPage && cl.pages?.has(path) !== true) {
            cl.orphans++
            siteOrphans++
            cl.example ??= path.slice(0, 80)
            check(sink, cl)
          }
        }
      }
      if (!fetched || page === cl.firstPage) return
      if (cl.pages === null) cl.pages = new Set([cl.firstPage, page])
      else if (cl.pages.size < MAX_PAGES) cl.pages.add(page)
    },
    tick(now) {
      if (now - lastSweep < SWEEP_INTERVAL_MS) return
      lastSweep = now
      clients.evictIdle(now)
    },
  }
}
