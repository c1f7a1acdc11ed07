/**
 * The start every detector of shop referrers makes on a request: an asset's referrer and a page's
 * teach `ShopReferrers` the shop's own hosts, and only a page read by its path and served goes
 * further (a refused page is probing, left to bot.scanner and bot.headless).
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'
import type { HttpFacts } from '../signals/http-facts.ts'
import type { ShopReferrers } from './shop-referrer.ts'

/** `e` is a page GET with a path, not refused; its referrer (or, for an asset, the asset's) is noted either way. */
export function shopPage(e: HttpEvent, f: HttpFacts, referrers: ShopReferrers): f is HttpFacts & { readonly path: string } {
  if (f.kind === 'static') {
    referrers.noteAsset(e.http_request_referrer)
    return false
  }
  if (f.kind !== 'page' || (e.http_request_method ?? 'GET') !== 'GET' || f.path === null) return false
  referrers.notePage(e.http_request_referrer)
  const status = e.http_response_status_code
  return status === null || status < 400
}
