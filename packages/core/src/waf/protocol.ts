/**
 * Request-shape anomalies that no detector on a single value sees.
 * @module
 */
import type { Finding } from './detectors/finding.ts'
import type { RequestHead } from './targets/extract.ts'
import type { WafLevel, WafRequest } from './types.ts'

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'REPORT', 'SEARCH', 'PURGE'])

export interface ProtocolFinding extends Finding {
  target: string
}

function finding(rule: string, level: WafLevel, target: string, excerpt: string, explanation: string): ProtocolFinding {
  return { rule, category: 'protocol', level, score: 5, target, excerpt: excerpt.slice(0, 120), explanation }
}

const NONE: readonly ProtocolFinding[] = Object.freeze([])

/** A whole parameter value that is a media type; anchored, one class per part, so linear (protocol.test.ts). */
const MEDIA_TYPE = /^(?:application|text|multipart|image|audio|video|message|model|font)\/[\w.+-]+$/i
/** Parameters that name a media type by their definition: multipart/related's root (`type`, `start-info`, MTOM's). */
const MEDIA_TYPE_PARAMS = new Set(['type', 'start-info'])

/**
 * A second media type hidden in a parameter of the Content-Type (`application/x-www-form-urlencoded;
 * boundary="application/json"`): an application that finds the type by a substring of the header
 * reads the body as JSON where a WAF that takes the main type reads a form, so what it inspects is
 * not what runs. Returns the parameter, or null.
 */
export function secondMediaType(contentType: string): string | null {
  const params = contentType.split(';')
  for (let i = 1; i < params.length; i++) {
    const p = params[i]!
    const eq = p.indexOf('=')
    if (eq < 0 || MEDIA_TYPE_PARAMS.has(p.slice(0, eq).trim().toLowerCase())) continue
    let value = p.slice(eq + 1).trim()
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).trim()
    if (value.length <= 128 && MEDIA_TYPE.test(value)) return p.trim()
  }
  return null
}

export function checkProtocol(req: WafRequest, x: RequestHead, level: WafLevel): readonly ProtocolFinding[] {
  // Below level 3 only smuggling (which needs Transfer-Encoding), NUL bytes and a Content-Type with
  // a second slash are checked.
  const contentType = x.headers['content-type']
  const twoTypes = contentType !== undefined && contentType.indexOf('/') !== contentType.lastIndexOf('/')
  if (level < 3 && !twoTypes && !('transfer-encoding' in x.headers) && !x.rawPath.includes('%00') && !x.rawQuery.includes('%00')) return NONE
  const out: ProtocolFinding[] = []
  const hidden = level >= 2 && twoTypes ? secondMediaType(contentType!) : null
  if (hidden !== null) {
    out.push(finding('waf.protocol.second-media-type', 2, 'header:content-type', hidden, `The Content-Type hides a second media type in a parameter (${hidden.slice(0, 60)}), so an application that looks for the type inside the header reads the body as another format than the one inspected.`))
  }
  if (level >= 2 && 'content-length' in x.headers && 'transfer-encoding' in x.headers) {
    out.push(finding('waf.protocol.smuggling', 2, 'header:transfer-encoding', x.headers['transfer-encoding']!, 'The request sends both Content-Length and Transfer-Encoding, the ambiguity behind request smuggling.'))
  }
  if (level >= 2 && (x.rawPath.includes('%00') || x.rawQuery.includes('%00'))) {
    out.push(finding('waf.protocol.null-byte', 2, x.rawPath.includes('%00') ? 'path' : 'args', '%00', 'The URL carries an encoded NUL byte, used to cut strings short in native code.'))
  }
  const method = req.method.toUpperCase()
  if (level >= 3 && !METHODS.has(method)) {
    out.push(finding('waf.protocol.method', 3, 'method', method, `The request uses the method ${method.slice(0, 20)}, which no browser or common API client sends.`))
  }
  if (level >= 4 && !('host' in x.headers)) {
    out.push(finding('waf.protocol.missing-host', 4, 'header:host', '', 'The request has no Host header, which HTTP/1.1 requires and every browser sends.'))
  }
  return out
}
