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

export function checkProtocol(req: WafRequest, x: RequestHead, level: WafLevel): readonly ProtocolFinding[] {
  // Below level 3 only smuggling (which needs Transfer-Encoding) and NUL bytes are checked.
  if (level < 3 && !('transfer-encoding' in x.headers) && !x.rawPath.includes('%00') && !x.rawQuery.includes('%00')) return NONE
  const out: ProtocolFinding[] = []
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
