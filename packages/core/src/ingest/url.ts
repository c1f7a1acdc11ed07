/**
 * Splitting a request target into the url_* columns. The path and query stay as
 * logged (percent-encoding intact) so that detectors see what the client sent.
 * @module
 */

export interface UrlParts {
  url_path: string
  /** Null when the target has no `?`; empty when it has one with nothing after it. */
  url_query: string | null
  /** Lower-case, without the dot; null when the last segment has none. */
  url_extension: string | null
  url_is_static: boolean
  /** Host of an absolute-form target (`https://shop.example:443/x`), without port or user info. */
  url_domain: string | null
}

/** Extensions of files a browser fetches as page assets rather than as pages or API calls. */
export const STATIC_EXTENSIONS: ReadonlySet<string> = new Set([
  'css', 'js', 'mjs', 'map', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'webp', 'avif', 'bmp', 'tif', 'tiff',
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp4', 'webm', 'ogg', 'mp3', 'wav', 'm4a', 'mov', 'webmanifest',
])

const MAX_EXTENSION = 12

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** Index just past `scheme://`, or 0 when the target has no scheme. */
function authorityStart(t: string): number {
  const colon = t.indexOf('://')
  if (colon <= 0 || colon > 16) return 0
  for (let i = 0; i < colon; i++) {
    const c = t.charCodeAt(i)
    if (!isAlnum(c) && c !== 43 && c !== 45 && c !== 46) return 0
  }
  return colon + 3
}

function hostOf(authority: string): string | null {
  const at = authority.lastIndexOf('@')
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    return close > 1 ? hostPort.slice(1, close).toLowerCase() : null
  }
  const colon = hostPort.indexOf(':')
  const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort
  return host.length > 0 ? host.toLowerCase() : null
}

/**
 * One pass over the target: a dozen indexOf calls on short strings cost more than the
 * scan itself, and this runs once per log line.
 * @example splitUrl('/static/app.min.JS?v=3') // { url_path: '/static/app.min.JS', url_query: 'v=3', url_extension: 'js', url_is_static: true, url_domain: null }
 * @example splitUrl('https://shop.example:443/cart?id=1').url_domain // 'shop.example'
 */
export function splitUrl(target: string): UrlParts {
  const parts: UrlParts = { url_path: '', url_query: null, url_extension: null, url_is_static: false, url_domain: null }
  writeUrlParts(target, parts)
  return parts
}

/** A sink for the url_* fields: a UrlParts, or an HttpEvent filled in place without an intermediate object. */
export interface UrlPartsSink {
  url_path: string | null
  url_query: string | null
  url_extension: string | null
  url_is_static: boolean | null
  url_domain: string | null
}

/** splitUrl writing into `out`; url_domain is written only when the target is absolute. */
export function writeUrlParts(target: string, out: UrlPartsSink): void {
  let domain: string | null = null
  let start = target.charCodeAt(0) === 47 ? 0 : authorityStart(target)
  if (start > 0) {
    let end = start
    while (end < target.length) {
      const c = target.charCodeAt(end)
      if (c === 47 || c === 63 || c === 35) break
      end++
    }
    domain = hostOf(target.slice(start, end))
    start = end
  }
  const n = target.length
  let pathEnd = n
  let lastSlash = start - 1
  let lastDot = -1
  let semi = -1
  let i = start
  for (; i < n; i++) {
    const c = target.charCodeAt(i)
    if (c === 63 || c === 35) {
      pathEnd = i
      break
    }
    if (c === 47) {
      lastSlash = i
      semi = -1
    } else if (c === 46 && semi < 0) lastDot = i
    else if (c === 59 && semi < 0) semi = i
  }
  let query: string | null = null
  if (pathEnd < n && target.charCodeAt(pathEnd) === 63) {
    const hash = target.indexOf('#', pathEnd + 1)
    query = target.slice(pathEnd + 1, hash < 0 ? n : hash)
  }
  let path = start === 0 && pathEnd === n ? target : target.slice(start, pathEnd)
  if (path.length === 0 && domain !== null) path = '/'
  // Matrix parameters (`/a.jsp;jsessionid=…`) are not part of the file name.
  const nameEnd = semi >= 0 ? semi : pathEnd
  const extension = lastDot > lastSlash + 1 && lastDot < nameEnd - 1 ? extensionOf(target, lastDot + 1, nameEnd) : null
  out.url_path = path
  out.url_query = query
  out.url_extension = extension
  out.url_is_static = extension !== null && STATIC_EXTENSIONS.has(extension)
  if (domain !== null) out.url_domain = domain
}

function extensionOf(target: string, from: number, to: number): string | null {
  if (to - from > MAX_EXTENSION) return null
  let upper = false
  for (let i = from; i < to; i++) {
    const c = target.charCodeAt(i)
    if (!isAlnum(c)) return null
    if (c >= 65 && c <= 90) upper = true
  }
  const ext = target.slice(from, to)
  // toLowerCase allocates even when nothing changes; most extensions are already lower-case.
  return upper ? ext.toLowerCase() : ext
}
