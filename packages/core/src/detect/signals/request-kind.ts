/**
 * What a request is for: a page, an API call, a static asset, robots.txt or a sitemap;
 * which page it fetched (its path and the query parameters that pick the content); and
 * the numeric id in it (/product/1001, /product.php?id=1001) for sequential-walk checks.
 * Plain string scanning, no regular expressions, so untrusted paths cost linear time.
 * @module
 */
import type { HttpEvent } from '../../events/http-event.ts'

export type RequestKind = 'static' | 'page' | 'api' | 'robots' | 'sitemap'

const STATIC_EXTENSIONS = new Set([
  'css', 'js', 'mjs', 'map', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp',
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp4', 'webm', 'mp3', 'wav', 'webmanifest',
])

const MAX_PATH = 2048

/** The request path without query, bounded; null when the event has none. */
export function requestPath(e: HttpEvent): string | null {
  let p = e.url_path
  if (p === null && e.url_original !== null) {
    const q = e.url_original.indexOf('?')
    p = q < 0 ? e.url_original : e.url_original.slice(0, q)
  }
  if (p === null) return null
  return p.length > MAX_PATH ? p.slice(0, MAX_PATH) : p
}

function extensionOf(path: string): string | null {
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  if (dot <= slash || dot === path.length - 1) return null
  return path.slice(dot + 1).toLowerCase()
}

export function requestKind(e: HttpEvent, path: string | null): RequestKind {
  if (path === '/robots.txt') return 'robots'
  const ext = e.url_extension?.toLowerCase() ?? (path === null ? null : extensionOf(path))
  if (path !== null && path.startsWith('/sitemap') && (ext === 'xml' || ext === 'gz' || ext === 'txt')) {
    return 'sitemap'
  }
  if (e.url_is_static === true || (e.url_is_static === null && ext !== null && STATIC_EXTENSIONS.has(ext))) {
    return 'static'
  }
  if (path !== null && (path.startsWith('/api/') || path.startsWith('/graphql') || path.startsWith('/wp-json/') || ext === 'json')) {
    return 'api'
  }
  return 'page'
}

/** The request's query without `?` or fragment, raw; null when it has none. */
export function requestQuery(e: HttpEvent): string | null {
  if (e.url_query !== null || e.url_original === null) return e.url_query
  const q = e.url_original.indexOf('?')
  if (q < 0) return null
  const hash = e.url_original.indexOf('#', q)
  return e.url_original.slice(q + 1, hash < 0 ? undefined : hash)
}

const MAX_QUERY = 1024
/** Parameters kept per page: an id, a route, a page number, a filter or two. */
const MAX_PAGE_PARAMS = 4
const MAX_PARAM_VALUE = 64

/**
 * Parameters that change how a page is shown or who sent the visitor, not which content it
 * is: ordering, layout, page size, currency and language, referral and cache-busting tags.
 * Click ids and campaign tags are caught by their shape in `isNoiseParam`.
 */
const PRESENTATION_PARAMS = new Set([
  'sort', 'sortby', 'sort_by', 'order', 'orderby', 'order_by', 'dir', 'direction', 'view', 'mode',
  'display', 'layout', 'limit', 'per_page', 'perpage', 'page_size', 'pagesize', 'show', 'currency',
  'cur', 'lang', 'language', 'locale', 'ref', 'referrer', 'source', 'src', 'campaign', 'affiliate',
  'aff', 'cb', 'nocache', 'sid', 'phpsessid', 'jsessionid',
])

/** Tracking and presentation parameters (`name` is the raw name from the query). */
function isNoiseParam(name: string): boolean {
  const n = isPlainLower(name) ? name : name.toLowerCase()
  // `_ga`, `_gl`, jQuery's `_=` cache-buster; utm_*, Mailchimp mc_*, Matomo pk_*; gclid, fbclid, msclkid …
  return n.startsWith('_') || n.startsWith('utm_') || n.startsWith('mc_') || n.startsWith('pk_') ||
    n.endsWith('clid') || n.endsWith('clkid') || PRESENTATION_PARAMS.has(n)
}

/**
 * The page a request fetched: its path, plus the query parameters that pick the content, in
 * their order (`/product.php?id=1001`, `/index.php?route=product/product&product_id=42`,
 * `/?p=123`, `/c/shoes?page=3`, `/search?q=red`). Tracking and presentation parameters are
 * left out, so one product sorted three ways or reached from two campaigns is one page. Bounded:
 * the first four content parameters, each value cut at 64 characters.
 */
export function pageIdentity(path: string, query: string | null): string {
  if (query === null || query === '') return path
  // Up to six detectors ask for the same event's page in turn: the last answer is kept, by the
  // strings it is built from (the same objects for one event, so the comparison is a pointer's).
  if (path === lastPath && query === lastQuery) return lastPage
  lastPage = pageOf(path, query)
  lastPath = path
  lastQuery = query
  return lastPage
}

let lastPath = ''
let lastQuery = ''
let lastPage = ''

function pageOf(path: string, query: string): string {
  const q = query.length > MAX_QUERY ? query.slice(0, MAX_QUERY) : query
  let page: string | null = null
  let kept = 0
  for (let start = 0; start < q.length && kept < MAX_PAGE_PARAMS;) {
    let end = q.indexOf('&', start)
    if (end < 0) end = q.length
    const eq = q.indexOf('=', start)
    // A parameter without a value names no record.
    if (eq > start && eq < end - 1 && !isNoiseParam(q.slice(start, eq))) {
      const param = q.slice(start, Math.min(end, eq + 1 + MAX_PARAM_VALUE))
      page = page === null ? `${path}?${param}` : `${page}&${param}`
      kept++
    }
    start = end + 1
  }
  return page ?? path
}

export interface CatalogId {
  /** The page with its id replaced by `{n}`: `/product/{n}`, `/product.php?id={n}`. */
  readonly template: string
  readonly id: number
}

/**
 * The numeric id of a page, as `pageIdentity` gives it: the last run of 1–15 digits in its
 * query (`?id=1001`, `?page=3`), else in its path's last non-empty segment (`/product/1001`).
 */
export function catalogId(page: string): CatalogId | null {
  // bot.scraping and bot.product_sweep ask for the same event's page in turn: the last answer is kept.
  if (page !== lastCatalogPage) {
    lastCatalogPage = page
    lastCatalogId = catalogIdOf(page)
  }
  return lastCatalogId
}

let lastCatalogPage = ''
let lastCatalogId: CatalogId | null = null

function catalogIdOf(page: string): CatalogId | null {
  const q = page.indexOf('?')
  if (q >= 0) {
    const inQuery = lastDigitRun(page, q + 1, page.length)
    if (inQuery !== null) return inQuery
  }
  let end = q < 0 ? page.length : q
  while (end > 0 && page.charCodeAt(end - 1) === 47) end--
  return lastDigitRun(page, page.lastIndexOf('/', end - 1) + 1, end)
}

/** The last digit run in `s[from, end)`, with `s[0, end)` as its template. */
function lastDigitRun(s: string, from: number, end: number): CatalogId | null {
  let j = end - 1
  while (j >= from && !isDigit(s.charCodeAt(j))) j--
  if (j < from) return null
  const runEnd = j + 1
  while (j >= from && isDigit(s.charCodeAt(j))) j--
  const runStart = j + 1
  if (runEnd - runStart > 15) return null
  return {
    template: `${s.slice(0, runStart)}{n}${s.slice(runEnd, end)}`,
    id: Number(s.slice(runStart, runEnd)),
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Query (or path) decoded and lower-cased for marker checks; malformed escapes stay raw. */
export function decodedLower(s: string, max = 4096): string {
  const bounded = s.length > max ? s.slice(0, max) : s
  if (isPlainLower(bounded)) return bounded
  let out = bounded.replaceAll('+', ' ')
  try {
    out = decodeURIComponent(out)
  } catch {
    // A malformed escape is itself typical of probes; match on the raw text instead.
  }
  return out.toLowerCase()
}

/** No escape, `+` or capital: decoding and lower-casing would give the same text back. */
function isPlainLower(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 37 || c === 43 || (c >= 65 && c <= 90) || c > 127) return false
  }
  return true
}
