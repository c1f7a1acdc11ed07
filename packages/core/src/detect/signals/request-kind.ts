/**
 * What a request is for: a page, an API call, a static asset, robots.txt or a sitemap;
 * and the numeric id in a catalog path (/product/1001) for sequential-walk checks.
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

export interface CatalogId {
  /** The path with its last digit run replaced by `{n}`: `/product/{n}`. */
  template: string
  id: number
}

/** The last run of 1–15 digits in the path's last non-empty segment, as a catalog id. */
export function catalogId(path: string): CatalogId | null {
  let end = path.length
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--
  const segStart = path.lastIndexOf('/', end - 1) + 1
  let j = end - 1
  while (j >= segStart && !isDigit(path.charCodeAt(j))) j--
  if (j < segStart) return null
  const runEnd = j + 1
  while (j >= segStart && isDigit(path.charCodeAt(j))) j--
  const runStart = j + 1
  if (runEnd - runStart > 15) return null
  return {
    template: `${path.slice(0, runStart)}{n}${path.slice(runEnd, end)}`,
    id: Number(path.slice(runStart, runEnd)),
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
