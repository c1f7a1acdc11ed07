/**
 * Request-shape anomalies that no detector on a single value sees.
 * @module
 */
import type { Finding } from './detectors/finding.ts'
import type { Extracted } from './targets/extract.ts'
import type { WafLevel, WafRequest } from './types.ts'

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'REPORT', 'SEARCH', 'PURGE'])

export interface ProtocolFinding extends Finding {
  target: string
}

export function checkProtocol(req: WafRequest, x: Extracted, level: WafLevel): ProtocolFinding[] {
  const out: ProtocolFinding[] = []
  const push = (rule: string, lvl: WafLevel, target: string, excerpt: string, explanation: string): void => {
    if (lvl <= level) out.push({ rule, category: 'protocol', level: lvl, score: 5, target, excerpt: excerpt.slice(0, 120), explanation })
  }
  if ('content-length' in x.headers && 'transfer-encoding' in x.headers) {
    push('waf.protocol.smuggling', 2, 'header:transfer-encoding', x.headers['transfer-encoding']!, 'The request sends both Content-Length and Transfer-Encoding, the ambiguity behind request smuggling.')
  }
  if (/%00/.test(x.rawPath) || /%00/.test(x.rawQuery)) {
    push('waf.protocol.null-byte', 2, /%00/.test(x.rawPath) ? 'path' : 'args', '%00', 'The URL carries an encoded NUL byte, used to cut strings short in native code.')
  }
  const method = req.method.toUpperCase()
  if (!METHODS.has(method)) {
    push('waf.protocol.method', 3, 'method', method, `The request uses the method ${method.slice(0, 20)}, which no browser or common API client sends.`)
  }
  if (!('host' in x.headers)) {
    push('waf.protocol.missing-host', 4, 'header:host', '', 'The request has no Host header, which HTTP/1.1 requires and every browser sends.')
  }
  return out
}
