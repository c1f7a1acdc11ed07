/**
 * Whether a referrer is the shop's own: a visit that arrives from outside (a search engine, a
 * newsletter, nothing at all) is an entry; one whose referrer is a page of the shop is a step
 * inside a visit. The shop's hosts are read from the event's host when the log has one, else
 * learnt from the log itself: the host that refers a share of the assets (a search engine
 * never refers an asset) or, on a log without assets, of the referred pages (people move
 * through a shop more than they arrive at it).
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import { splitUrl } from '../../ingest/url.ts'

const OWN_HOST_ASSET_SHARE = 0.05
const OWN_HOST_PAGE_SHARE = 0.3
const OWN_HOST_MIN = 5
// Referred assets below which a log is taken to carry none (a CDN serves them).
const MIN_ASSET_REFERRERS = 50
const MAX_REFERRER_HOSTS = 64
// A shop's own hosts do not change: after this many referred requests of a kind they are known.
const LEARN_REFERRERS = 5_000

export function hasValue(s: string | null): s is string {
  return s !== null && s !== '' && s !== '-'
}

/** Referrer hosts tallied over requests of one kind, bounded in hosts. */
class HostTally {
  readonly #counts = new Map<string, number>()
  #total = 0

  get total(): number {
    return this.#total
  }

  add(referrer: string | null): void {
    if (!hasValue(referrer)) return
    const host = splitUrl(referrer).url_domain
    if (host === null) return
    const seen = this.#counts.get(host)
    if (seen === undefined && this.#counts.size >= MAX_REFERRER_HOSTS) return
    this.#counts.set(host, (seen ?? 0) + 1)
    this.#total++
  }

  /** `host` referred at least `share` of the tallied requests, and a few. */
  holds(host: string, share: number): boolean {
    const n = this.#counts.get(host) ?? 0
    return n >= OWN_HOST_MIN && n >= this.#total * share
  }
}

/** The shop's own referrer hosts, learnt from the assets and pages a detector is shown. */
export class ShopReferrers {
  readonly #assets = new HostTally()
  readonly #pages = new HostTally()
  // The last referrer read and its host: a shop's pages are mostly referred by a few of its own
  // pages, and reading the host split the whole URL into a new object each time.
  #lastReferrer: string | null = null
  #lastHost: string | null = null

  /** A static asset's referrer. */
  noteAsset(referrer: string | null): void {
    if (this.#assets.total < LEARN_REFERRERS) this.#assets.add(referrer)
  }

  /** A page's referrer. */
  notePage(referrer: string | null): void {
    if (this.#pages.total < LEARN_REFERRERS) this.#pages.add(referrer)
  }

  /** The host of `referrer` (a value, not `-`) as ingest reads url_domain (lower case, no user info or port); null when relative. */
  hostOf(referrer: string): string | null {
    if (referrer !== this.#lastReferrer) {
      this.#lastHost = splitUrl(referrer).url_domain
      this.#lastReferrer = referrer
    }
    return this.#lastHost
  }

  /** `referrer` (a value, not `-`) is a page of the shop `e` was served by; a relative referrer is. */
  fromShop(e: HttpEvent, referrer: string): boolean {
    const host = this.hostOf(referrer)
    if (host === null) return true
    if (e.url_domain !== null && host === e.url_domain.toLowerCase()) return true
    if (this.#assets.total >= MIN_ASSET_REFERRERS) return this.#assets.holds(host, OWN_HOST_ASSET_SHARE)
    return this.#pages.holds(host, OWN_HOST_PAGE_SHARE)
  }
}
